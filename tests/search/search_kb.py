"""Knowledge bases for the search page, API and quality tests, built once per module.

Indexing the seed stories takes seconds, so read-only tests share one build:
the records are written inside a transaction that is rolled back when the
module ends (each test still runs in its own savepoint through pytest-django's
db fixture), and indexed into a throw-away tantivy index of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from haystack import connections

from search.backends.tantivy_store import forget_stores
from search.outbox import drain
from tests.site.kb import seed_slice

ENGINE = "search.backends.tantivy_backend.TantivyEngine"


@contextmanager
def own_index(path: Path) -> Iterator[None]:
    """Point haystack at an empty index in path; restore the previous one after."""
    previous_settings = settings.HAYSTACK_CONNECTIONS
    previous_info = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": ENGINE, "PATH": str(path)}}
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    forget_stores()
    try:
        yield
    finally:
        settings.HAYSTACK_CONNECTIONS = previous_settings
        connections.connections_info = previous_info
        connections.reload("default")
        forget_stores()


@contextmanager
def shared_kb(django_db_blocker: Any, index_path: Path, build: Callable[[], Any]) -> Iterator[Any]:
    """build() in a transaction rolled back at the end, indexed into index_path."""
    with own_index(index_path):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
        try:
            with django_db_blocker.unblock():
                built = build()
                drain()
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


def build_search_kb() -> Any:
    """The site's seed knowledge base plus seed stories with rare words and a name
    it lacks (赤霄, 手撕钢, 潘功胜), and one story whose text looks like HTML."""
    from articles.models import Article, ArticleKind, Source
    from tests.site.kb import D, build

    kb = build()
    xinhua = kb.sources["新华社"]
    kb.articles["赤霄"] = Article.objects.create(
        title="强流直线等离子体装置“赤霄”通过鉴定", kind=ArticleKind.CAPTION, source=xinhua,
        published_on=D(2025, 1, 14), body=seed_slice("001", "每平方米每秒钟可", "装置“赤霄”的运行状态。"),
    )
    people = Source.objects.create(name="人民日报")
    kb.sources["人民日报"] = people
    kb.articles["手撕钢"] = Article.objects.create(
        title="向新而行：深化改革拓宽发展之路", source=people, published_on=D(2026, 7, 7),
        body=seed_slice("004", "“手撕钢”,这种厚度仅0.02毫米", "达到世界领先水平。"),
    )
    kb.articles["潘功胜"] = Article.objects.create(
        title="央行:支持更多优质企业到香港上市和发债", source=people, published_on=D(2026, 7, 7),
        body=seed_slice("004", "针对香港多元化金融市场建设", "为香港金融市场高质量发展筑牢坚实保障。"),
    )
    kb.articles["html"] = Article.objects.create(
        title="<script>alert('赤霄')</script> & <b>标记</b>", source=xinhua, published_on=D(2024, 5, 1),
        body="正文里写着 <img src=x onerror=alert(1)> 赤霄 与 \"引号\" 和 &amp; 实体。",
    )
    return kb
