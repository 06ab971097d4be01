"""The analysts' site is tested on a small knowledge base cut from the seed texts."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kb(db):
    from tests.site.kb import build

    return build()


@pytest.fixture
def search_index(tmp_path, settings):
    """A tantivy index of this test's own (the search app's engine), empty at first."""
    from haystack import connections

    from search.backends.tantivy_store import forget_stores

    previous = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "search.backends.tantivy_backend.TantivyEngine", "PATH": str(tmp_path / "index")}
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    forget_stores()
    yield
    connections.connections_info = previous
    connections.reload("default")
    forget_stores()


@pytest.fixture
def indexed_kb(search_index, kb):
    """The knowledge base with every article in the search index (the outbox drained)."""
    from search.outbox import drain

    drain()
    return kb
