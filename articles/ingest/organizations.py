"""Organizations named in a text, found with the reviewed alias table fixtures/organizations.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "organizations.toml"
# "财政部门" and "科技部门" mean departments in general, not the ministry.
_NOT_AFTER = {"部": "门"}


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None


@dataclass(frozen=True)
class OrgHit:
    start: int
    end: int
    name: str  # canonical


@cache
def load_table(path: Path = TABLE) -> dict[str, OrgEntry]:
    with path.open("rb") as fh:
        rows = tomllib.load(fh)["organization"]
    table = {}
    for row in rows:
        entry = OrgEntry(row["name"], tuple(row.get("aliases", [])), row.get("kind", ""), row.get("parent"))
        table[entry.name] = entry
    return table


@cache
def _index(path: Path = TABLE) -> tuple[dict[str, str], tuple[int, ...]]:
    names: dict[str, str] = {}
    for entry in load_table(path).values():
        for alias in (entry.name, *entry.aliases):
            if alias in names and names[alias] != entry.name:
                raise ValueError(f"organizations.toml: {alias} names both {names[alias]} and {entry.name}")
            names[alias] = entry.name
    return names, tuple(sorted({len(a) for a in names}, reverse=True))


# Development-zone committees are too many to list; their name is their identity.
_ZONE_COMMITTEE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:开发区|高新区|新区|园区)管(?:理)?委(?:员)?会")


def find_organizations(text: str) -> list[OrgHit]:
    """Longest-match scan of simplified text; spans index that text."""
    names, lengths = _index()
    hits: list[OrgHit] = [OrgHit(m.start(), m.end(), m.group(0)) for m in _ZONE_COMMITTEE.finditer(text)]
    zones = [(h.start, h.end) for h in hits]
    i = 0
    while i < len(text):
        zone = next((end for start, end in zones if start == i), None)
        if zone is not None:
            i = zone
            continue
        for length in lengths:
            alias = text[i : i + length]
            canonical = names.get(alias)
            if canonical and _NOT_AFTER.get(alias[-1]) != text[i + length : i + length + 1]:
                hits.append(OrgHit(i, i + length, canonical))
                i += length
                break
        else:
            i += 1
    return sorted(hits, key=lambda h: h.start)


def lookup_organization(name: str) -> str | None:
    return _index()[0].get(name)
