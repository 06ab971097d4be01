"""Topics from the editorial taxonomy (fixtures/taxonomy.toml) by keyword counts.

An article gets a topic when its keywords occur at least MIN_HITS times
(a title occurrence counts TITLE_WEIGHT times), or once when jieba's TF-IDF
keywords of the article also name one of the topic's keywords. A child topic
brings its parent along, so browsing the parent finds the article.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from textkit.analysis import extract_keywords

TAXONOMY = Path(__file__).resolve().parents[2] / "fixtures" / "taxonomy.toml"
MIN_HITS = 3
MAX_TOPICS = 4
TITLE_WEIGHT = 3


@dataclass(frozen=True)
class TopicEntry:
    name: str
    slug: str
    parent: str | None
    keywords: tuple[str, ...]


@cache
def load_taxonomy(path: Path = TAXONOMY) -> tuple[TopicEntry, ...]:
    with path.open("rb") as fh:
        rows = tomllib.load(fh)["topic"]
    entries = tuple(
        TopicEntry(r["name"], r["slug"], r.get("parent"), tuple(r.get("keywords", []))) for r in rows
    )
    names = {e.name for e in entries}
    for entry in entries:
        if entry.parent and entry.parent not in names:
            raise ValueError(f"taxonomy.toml: {entry.name} has unknown parent {entry.parent}")
    return entries


def assign_topics(title: str, body: str) -> tuple[str, ...]:
    """Topic names for an article given its simplified title and body."""
    entries = load_taxonomy()
    salient = set(extract_keywords(title + "\n" + body, topk=15)) if len(body) > 80 else set()
    scored: list[tuple[int, str]] = []
    for entry in entries:
        score = sum(body.count(k) + TITLE_WEIGHT * title.count(k) for k in entry.keywords)
        confirmed = any(k in salient or any(k in s for s in salient) for k in entry.keywords)
        if score >= MIN_HITS or (score >= 1 and confirmed):
            scored.append((score + (MIN_HITS if confirmed else 0), entry.name))
    chosen = [name for _, name in sorted(scored, key=lambda s: -s[0])[:MAX_TOPICS]]
    parents = {e.name: e.parent for e in entries}
    for name in list(chosen):
        parent = parents.get(name)
        if parent and parent not in chosen:
            chosen.append(parent)
    return tuple(chosen)
