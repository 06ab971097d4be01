"""What changed between two versions of a text, paragraph by paragraph and, inside a changed
paragraph, character by character (Chinese has no spaces to diff words by). Pure: strings in,
rows out; the page escapes and marks them."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

Segment = tuple[str, str]  # ("same" | "removed" | "added", text)


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "removed", "added"
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _inline(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(("same", old[i1:i2]))
            right.append(("same", new[j1:j2]))
            continue
        if i2 > i1:
            left.append(("removed", old[i1:i2]))
        if j2 > j1:
            right.append(("added", new[j1:j2]))
    return tuple(left), tuple(right)


def compare(old: str, new: str) -> list[Row]:
    """Side-by-side rows: unchanged paragraphs once on each side, changed ones with their
    characters marked, removed and added paragraphs against an empty side."""
    a, b = _paragraphs(old), _paragraphs(new)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(Row("same", (("same", p),), (("same", p),)) for p in a[i1:i2])
        elif tag == "replace":
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                old_p = a[i1 + k] if i1 + k < i2 else ""
                new_p = b[j1 + k] if j1 + k < j2 else ""
                if old_p and new_p:
                    rows.append(Row("changed", *_inline(old_p, new_p)))
                elif old_p:
                    rows.append(Row("removed", (("removed", old_p),), ()))
                else:
                    rows.append(Row("added", (), (("added", new_p),)))
        elif tag == "delete":
            rows.extend(Row("removed", (("removed", p),), ()) for p in a[i1:i2])
        else:
            rows.extend(Row("added", (), (("added", p),)) for p in b[j1:j2])
    return rows
