"""Analysts, their groups, and a knowledge base to watch."""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.conftest import editor_group
from watch.groups import configure

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
PASSWORD = "pw-不要用于生产"
GROUPS = import_module("watch.migrations.0002_analyst_group")


def groups() -> tuple[Group, Group]:
    """The 分析员 and 编辑 groups as the migrations leave them (a transactional test's flush
    deletes groups: they are put back the same way)."""
    editors = editor_group()
    configure(apps)
    return Group.objects.get(name=GROUPS.ANALYST_GROUP), editors


def make_user(username: str, *, group: str | None = None, email: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=email if email is not None else f"{username}@example.org",
        is_staff=True, **fields)
    if group:
        analysts, editors = groups()
        user.groups.add(analysts if group == GROUPS.ANALYST_GROUP else editors)
    return user


@pytest.fixture
def analyst(db):
    return make_user("fenxi", group=GROUPS.ANALYST_GROUP)


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def indexed_kb(search_index, db):
    """The site tests' knowledge base from the seeds, in the search index."""
    from search.outbox import drain
    from tests.site.kb import build

    kb = build()
    drain()
    return kb


def seed(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def import_seed(number: str):
    """Import a seed page as `import_texts` does (one transaction)."""
    from articles.ingest.pipeline import parse_document
    from articles.services.imports import import_document

    path = seed(number)
    return import_document(parse_document(path.read_bytes(), filename=path.name))
