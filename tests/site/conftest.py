"""The analysts' site is tested on a small knowledge base cut from the seed texts."""

import pytest


@pytest.fixture
def kb(db):
    from tests.site.kb import build

    return build()


@pytest.fixture
def indexed_kb(search_index, kb):
    """The knowledge base with every article in the search index (the outbox drained)."""
    from search.outbox import drain

    drain()
    return kb


@pytest.fixture
def live_kb(transactional_db, search_index, live_server):
    """The knowledge base behind a live server, indexed: what the browser tests click through."""
    from search.outbox import drain
    from tests.site.kb import build

    kb = build()
    drain()
    return kb
