"""Run by test_faults.py: a warmed-up Django process that forks one `import_texts` per request.

    python -m tests.hardening.import_zygote FILE...

Loading jieba's dictionaries takes 5–15 s per process, so a test killing thirty
`manage.py import_texts` processes would spend minutes on start-up alone. This
process sets Django up and parses the files once (which loads every dictionary),
closes its database connections, then on each "run FILE..." line on stdin forks a
child that runs the real command, `call_command("import_texts", FILE...)`, from
the start: parse, one transaction, the outbox drain after commit. The parent
answers "PID <pid>"; on "wait" it reaps the child and answers "EXIT <code>" (-9
when the test killed it). "quit" ends it.
"""

from __future__ import annotations

import os
import sys


def main(paths: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from articles.ingest.pipeline import parse_document

    for path in paths:  # warm every dictionary the parse and the index need
        with open(path, "rb") as handle:
            parse_document(handle.read(), filename=os.path.basename(path))
    connections.close_all()
    print("READY", flush=True)

    child = None
    for line in sys.stdin:
        command, *files = line.split() or [""]
        if command == "run":
            child = os.fork()
            if child == 0:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                code = 0
                try:
                    call_command("import_texts", *files)
                except BaseException:  # the exit code says it
                    code = 1
                os._exit(code)
            print(f"PID {child}", flush=True)
        elif command == "wait" and child is not None:
            _, status = os.waitpid(child, 0)
            print(f"EXIT {os.waitstatus_to_exitcode(status)}", flush=True)
            child = None
        elif command == "quit":
            return


if __name__ == "__main__":
    main(sys.argv[1:])
