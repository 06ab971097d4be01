"""Dump and restore the whole knowledge base: records, their edit history, and the accounts and
admin log that history points at. The search index is not dumped: it is rebuilt from the
restored database, which is the source of truth.
"""

from pathlib import Path
from xml.parsers.expat import ExpatError
from xml.sax import SAXException

from django.apps import apps
from django.core import management
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import override_settings

from articles.changes import bump_content_version
from articles.models import BOOKKEEPING, ContentVersion
from articles.services import tallies
from articles.services.reprints import rebuild_keys

DUMPED = ["auth.group", "auth.user", "admin.logentry", "articles"]
# The knowledge base's own bookkeeping: pending index changes (the index is rebuilt after a
# restore) and the content version, which must only ever rise so no cached page comes back.
NOT_DUMPED = [model._meta.label for model in BOOKKEEPING]
# XML, not JSON: Django's JSON encoder cuts datetimes to milliseconds, which would rewrite history.
SUFFIX = ".xml.gz"


class BackupError(Exception):
    """A backup that cannot be written or restored, said so a person understands."""


def dump_knowledge_base(path: Path) -> None:
    if not path.name.endswith(SUFFIX):
        raise BackupError(f"A backup file name ends in {SUFFIX} (got {path.name}).")
    management.call_command(
        "dumpdata", *DUMPED, exclude=NOT_DUMPED, format="xml", natural_foreign=True, output=str(path), verbosity=0
    )


def _tables() -> list[str]:
    models = [
        *apps.get_app_config("articles").get_models(include_auto_created=True),
        *apps.get_app_config("auth").get_models(include_auto_created=True),
        apps.get_model("admin", "LogEntry"),
    ]
    kept = {"auth_permission", ContentVersion._meta.db_table}
    return [model._meta.db_table for model in models if model._meta.db_table not in kept]


def restore_knowledge_base(path: Path) -> None:
    """Replace the knowledge base with a backup, all or nothing, then rebuild the search index."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    if not path.name.endswith(SUFFIX):
        raise BackupError(f"A backup file name ends in {SUFFIX} (got {path.name}).")
    try:
        with transaction.atomic():
            flush = connection.ops.sql_flush(no_style(), _tables(), allow_cascade=True)
            connection.ops.execute_sql_flush(flush)
            # Restoring is not editing: history must not record the restore's own writes.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                management.call_command("loaddata", str(path), verbosity=0)
    except (DeserializationError, DatabaseError, EOFError, OSError, ValueError, SAXException, ExpatError) as error:
        raise BackupError(f"{path.name} could not be restored; nothing was changed. ({error})") from error
    rebuild_keys()  # derived from the texts, never dumped: stories keep being found after a restore
    tallies.rebuild()  # loaddata's raw saves count nothing
    management.call_command("rebuild_index", interactive=False, verbosity=0)
    bump_content_version()  # never restored from the backup: cached pages must not come back
