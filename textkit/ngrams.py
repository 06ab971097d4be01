"""Character-bigram grams for substring recall.

jieba's search mode never emits 北京大学 inside 北京大学第一医院, so a token
index alone misses stories a reader expects to find. Every run of CJK
characters is therefore also indexed as overlapping bigrams (plus the run's
last character), and a query word becomes a phrase of bigrams: it matches
exactly where the word occurs as a substring. Runs of letters or digits are
kept whole, so "6G" or "2026" are matched as words.

Positions: every character of a CJK run is one position, holding the bigram it begins (the
run's last character, alone); every run of other letters or digits is one position; nothing
else takes one. One term per position lets indexing hand tantivy the grams as one
space-separated string that its whitespace tokenizer splits (gram_text): building a Python
token object per gram cost more than everything else in indexing (issue #23).

Each CJK run is indexed a second time as overlapping four-character grams, at the positions
of the bigrams they begin with (long_gram_text). A word of four or more CJK characters then
becomes a phrase of ⌈(n-1)/3⌉ rare, overlapping terms instead of n-1 frequent ones: 人工智能
is one term, 国际科技创新 two, and their phrase no longer reads five position lists for every
matching document.
"""

from __future__ import annotations

import operator
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


# Holds a position of the four-character gram field that has no gram (the last three characters
# of a CJK run, a run of letters or digits); that field's analyzer drops it, keeping the position
# (search.backends.tantivy_schema). Never a gram: runs are made of letters, digits and CJK only.
GAP = "_"
LONG_GRAM = 4
_GAPS = {n: " ".join(GAP * n) for n in range(1, LONG_GRAM)}
_join2 = operator.add


def gram_texts(text: str) -> tuple[str, str, int]:
    """The terms of the bigram field and of the four-character gram field for
    already-normalised text, each space-separated with one term per position, and how many
    four-character grams there are.

    A run's last character is a bigram-field term of its own, so every character begins some
    gram (a single-character query becomes a prefix match), and a phrase continues from one run
    into the next (北京2026: 北京, 京, 2026). The four-character field holds GAP where no gram
    begins. One pass over the runs makes both: a Python call per run, none per character."""
    grams, long_grams = [], []
    count = 0
    for match in _RUN.finditer(text):
        run = match.group()
        n = len(run)
        if match.lastgroup != "cjk":
            grams.append(run)
            long_grams.append(GAP)
        elif n < LONG_GRAM:
            grams.append(" ".join(map(_join2, run, run[1:])) + " " + run[-1] if n > 1 else run)
            long_grams.append(_GAPS[n])
        else:
            pairs = list(map(_join2, run, run[1:]))
            grams.append(" ".join(pairs))
            grams.append(run[-1])
            long_grams.append(" ".join(map(_join2, pairs, pairs[2:])))
            long_grams.append(_GAPS[LONG_GRAM - 1])
            count += n - LONG_GRAM + 1
    return " ".join(grams), " ".join(long_grams), count


def gram_text(text: str) -> str:
    """The bigram field's terms (gram_texts)."""
    return gram_texts(text)[0]


def long_gram_text(text: str) -> tuple[str, int]:
    """The four-character gram field's terms and how many grams there are (gram_texts)."""
    _, terms, count = gram_texts(text)
    return terms, count


def positions(terms: str) -> list[tuple[int, str]]:
    """(position, term) of a field's terms as tantivy indexes them (GAP dropped): the
    definition the query side relies on, for tests and measurements."""
    return [(n, term) for n, term in enumerate(terms.split()) if term != GAP]


def positions_taken(word: str) -> int:
    """How many positions the (normalised) word's grams span in gram_text."""
    return sum(end - start if cjk else 1 for start, end, cjk in runs(word))


@dataclass(frozen=True)
class Gram:
    text: str
    # A lone CJK character at the end of a query word may be followed by more
    # CJK text in the document: match any gram that starts with it.
    prefix: bool = False
    offset: int = 0  # its position in the phrase


def query_grams(word: str) -> list[Gram]:
    """The phrase of grams that occurs in gram_text(doc) exactly where the
    (normalised) word occurs in doc as a substring. The lone last character of a run that
    another run follows is in the phrase: where it stands, a run ends (科技 金融 is not
    科技金融). The word's last run may go on in the document, so its own is not."""
    grams: list[Gram] = []
    spans = runs(word)
    position = 0
    for n, (start, end, cjk) in enumerate(spans):
        last_run = n == len(spans) - 1
        if not cjk:
            grams.append(Gram(word[start:end], offset=position))
            position += 1
        elif end - start == 1:
            grams.append(Gram(word[start], prefix=last_run, offset=position))
            position += 1
        else:
            grams.extend(Gram(word[i : i + 2], offset=position + i - start) for i in range(start, end - 1))
            position += end - start
            if not last_run:
                grams.append(Gram(word[end - 1], offset=position - 1))
    return grams


def query_long_grams(word: str) -> list[tuple[int, str]]:
    """The (offset, gram) phrase over long_gram_text that occurs exactly where the
    (normalised) word occurs as a substring, when the word is one run of at least LONG_GRAM
    CJK characters; [] otherwise (the bigram phrase of query_grams is then the only one)."""
    if len(word) < LONG_GRAM or runs(word) != [(0, len(word), True)]:
        return []
    # Each gram overlaps the one before by a character, so all of them lie in one run. Grams
    # side by side (国际科技 at 0, 创新中心 at 4) once matched 国际科技2026创新中心, when a run
    # of digits between two runs could take exactly the one position in between.
    offsets = list(range(0, len(word) - LONG_GRAM + 1, LONG_GRAM - 1))
    if offsets[-1] != len(word) - LONG_GRAM:
        offsets.append(len(word) - LONG_GRAM)
    return [(offset, word[offset : offset + LONG_GRAM]) for offset in offsets]
