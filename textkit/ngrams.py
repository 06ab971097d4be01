"""Character-bigram grams for substring recall.

jieba's search mode never emits 北京大学 inside 北京大学第一医院, so a token
index alone misses stories a reader expects to find. Every run of CJK
characters is therefore also indexed as overlapping bigrams (plus the run's
last character), and a query word becomes a phrase of bigrams: it matches
exactly where the word occurs as a substring. Runs of letters or digits are
kept whole, so "6G" or "2026" are matched as words.

Each CJK run is indexed a second time as overlapping four-character grams, at the positions
of the bigrams they begin with. A word of four or more CJK characters then becomes a phrase
of ⌈(n-1)/3⌉ rare, overlapping terms instead of n-1 frequent ones: 人工智能 is one term,
国际科技创新 two, and their phrase no longer reads five position lists for every matching
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run of CJK characters, or a run of other letters/digits ([^\W_] is str.isalnum()).
_RUN = re.compile(f"(?P<cjk>[{_CJK}]+)|(?:(?![{_CJK}])[^\\W_])+")


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def runs(text: str) -> list[tuple[int, int, bool]]:
    """Maximal (start, end, is_cjk) runs of CJK characters or of other
    letters/digits; everything else separates runs."""
    return [(m.start(), m.end(), m.lastgroup == "cjk") for m in _RUN.finditer(text)]


def _runs_by_character(text: str) -> list[tuple[int, int, bool]]:
    """runs() one character at a time: the definition the regular expression must equal."""
    found: list[tuple[int, int, bool]] = []
    start = -1
    kind = False
    for i, ch in enumerate(text):
        cjk = is_cjk(ch)
        word = cjk or ch.isalnum()
        if start >= 0 and (not word or cjk != kind):
            found.append((start, i, kind))
            start = -1
        if word and start < 0:
            start, kind = i, cjk
    if start >= 0:
        found.append((start, len(text), kind))
    return found


def index_grams(text: str) -> list[tuple[int, int, int, str]]:
    """(position, start, end, gram) for already-normalised text.

    The last character of a CJK run shares the position of the run's last
    bigram, so a phrase may continue from a run into the next one
    (北京2026 matches 北京 followed by 2026) and every character is the first
    character of some gram (single-character queries become prefix matches).
    """
    return [(position, start, end, gram) for position, gram, start, end in index_gram_tuples(text)]


def index_gram_tuples(text: str) -> list[tuple[int, str, int, int]]:
    """index_grams as (position, gram, start, end), the order indexing consumes (faster:
    one list comprehension per run instead of an append per character)."""
    grams: list[tuple[int, str, int, int]] = []
    position = 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        if match.lastgroup != "cjk":
            grams.append((position, text[start:end], start, end))
            position += 1
            continue
        offset = position - start
        grams += [(i + offset, text[i : i + 2], i, i + 2) for i in range(start, end - 1)]
        position += end - 1 - start
        last = position - 1 if end - start > 1 else position
        grams.append((last, text[end - 1], end - 1, end))
        position = last + 1
    return grams


LONG_GRAM = 4


def index_long_gram_tuples(text: str) -> list[tuple[int, str, int, int]]:
    """(position, gram, start, end) of the LONG_GRAM-character grams of every CJK run, each at
    the position index_gram_tuples gives the bigram that starts at the same character."""
    grams: list[tuple[int, str, int, int]] = []
    position = 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        if match.lastgroup == "cjk":
            offset, n = position - start, LONG_GRAM
            grams += [(i + offset, text[i : i + n], i, i + n) for i in range(start, end - n + 1)]
            # A run takes as many positions as it has bigrams, and a lone character one.
            position += max(end - start - 1, 1)
        else:
            position += 1
    return grams


@dataclass(frozen=True)
class Gram:
    text: str
    # A lone CJK character at the end of a query word may be followed by more
    # CJK text in the document: match any gram that starts with it.
    prefix: bool = False


def query_grams(word: str) -> list[Gram]:
    """The phrase of grams that occurs in index_grams(doc) exactly where the
    (normalised) word occurs in doc as a substring."""
    grams: list[Gram] = []
    spans = runs(word)
    for n, (start, end, cjk) in enumerate(spans):
        last_run = n == len(spans) - 1
        if not cjk:
            grams.append(Gram(word[start:end]))
        elif end - start == 1:
            grams.append(Gram(word[start], prefix=last_run))
        else:
            grams.extend(Gram(word[i : i + 2]) for i in range(start, end - 1))
    return grams


def query_long_grams(word: str) -> list[tuple[int, str]]:
    """The (offset, gram) phrase over index_long_gram_tuples that occurs exactly where the
    (normalised) word occurs as a substring, when the word is one run of at least LONG_GRAM
    CJK characters; [] otherwise (the bigram phrase of query_grams is then the only one)."""
    if len(word) < LONG_GRAM or runs(word) != [(0, len(word), True)]:
        return []
    # Each gram overlaps the one before by a character, so all of them lie in one run. Grams
    # side by side (国际科技 at 0, 创新中心 at 4) also matched 国际科技2026创新中心: a run
    # gives its last character the position of its last bigram, and a run of digits between
    # two runs takes exactly the one position in between.
    offsets = list(range(0, len(word) - LONG_GRAM + 1, LONG_GRAM - 1))
    if offsets[-1] != len(word) - LONG_GRAM:
        offsets.append(len(word) - LONG_GRAM)
    return [(offset, word[offset : offset + LONG_GRAM]) for offset in offsets]
