"""gunicorn settings for the tests that run a real server: the application and jieba's
dictionaries are loaded once in the master and shared by the forked workers, so a worker's
first admin save does not spend seconds loading dictionaries."""

preload_app = True


def when_ready(server):
    from django.db import connections

    from articles.ingest.pipeline import parse_document
    from tests.hardening.helpers import seed

    parse_document(seed("003").read_bytes(), filename="warm-up.txt")
    connections.close_all()  # each worker opens its own
