"""The editors' admin: every model editable, fast on large tables, with history."""

from . import articles, documents, meetings, officials, organizations, sources  # noqa: F401
