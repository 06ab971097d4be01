"""Search test fixtures: a fresh index per test and the seed stories."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


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
