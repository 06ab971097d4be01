"""Search test fixtures: a fresh index per test and the seed stories."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from haystack import connections

from search.backends.tantivy_store import forget_stores

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def search_var_dir(tmp_path_factory):
    """Dictionary version stamps and the jieba cache stay out of var/."""
    mp = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("kejiku-var")
    mp.setenv("KEJIKU_VAR_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture
def search_index(tmp_path, settings):
    """An empty tantivy index of its own; yields the haystack backend."""
    previous = connections.connections_info
    settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "search.backends.tantivy_backend.TantivyEngine", "PATH": str(tmp_path / "index")}
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    forget_stores()
    yield connections["default"].get_backend()
    connections.connections_info = previous
    connections.reload("default")
    forget_stores()


def seed_text(number: int) -> str:
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


def seed_sentences(number: int) -> list[str]:
    """The seed's sentences (split after 。！？), whitespace collapsed."""
    text = re.sub(r"\s+", "", seed_text(number))
    return [s for s in re.split(r"(?<=[。！？])", text) if len(s) > 8]


SEED_ARTICLES = [
    # (seed, title as printed, date, source, script)
    (0, "全国科技工作会议在京召开 丁薛祥出席会议并讲话", datetime.date(2026, 2, 2), "中国高新技术产业导报",
     "simplified"),
    (1, "全国科技工作会议第二次全体会议在京举行", datetime.date(2025, 1, 14), "科技日报", "simplified"),
    (2, "坚持创新驱动 引领发展新质生产力", datetime.date(2026, 1, 5), "新华社", "simplified"),
    (3, "時政微觀察丨從開局之年首次地方考察,讀懂“科技自立自強”的深意", datetime.date(2026, 2, 10),
     "央视新闻客户端", "traditional"),
    (4, "为民族复兴积聚磅礴伟力", datetime.date(2026, 2, 11), "人民日报", "simplified"),
]


@pytest.fixture
def seed_articles(db):
    """The five seed stories as articles (outbox rows recorded, not drained)."""
    from articles.models import Article, Source

    articles = []
    for number, title, day, source_name, script in SEED_ARTICLES:
        source, _ = Source.objects.get_or_create(name=source_name)
        articles.append(
            Article.objects.create(
                title=title, body=seed_text(number), source=source, published_on=day, script=script
            )
        )
    return articles
