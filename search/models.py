"""The search app keeps no tables of its own: the index is built from the knowledge base, and
the outbox it follows belongs to the knowledge base (articles.models.changes)."""
