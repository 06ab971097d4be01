"""Chinese text analysis shared by indexing, querying and ingestion.

The only module that imports jieba and OpenCC, and it must not import Django:
the ingestion pipeline runs without it. Indexing and querying call the same
functions, so a traditional query and its simplified form analyse to the
same tokens.
"""

from __future__ import annotations

import logging
import operator
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jieba
import opencc
import rjieba

from textkit import folding
from textkit.mapped_text import MappedText
from textkit.ngrams import Gram, gram_texts, query_grams, query_long_grams
from textkit.whole_words import WholeWords

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = PROJECT_DIR / "fixtures"
# Measured on the seeds (tests/search/test_opencc_choice.py): t2s leaves every
# mainland seed character unchanged; tw2sp rewrites 核心→内核, 文件→文档,
# 建立→创建, 程序→进程 and tw2s rewrites mainland 著. Cross-strait wording
# that t2s leaves alone is handled by fixtures/cross_strait.toml instead.
OPENCC_CONFIG = "t2s"

# jieba's search mode emits only the 2- and 3-character words inside a longer
# word, so a long dictionary entry (a full document title) would hide the
# words inside it from the token field; such entries stay out of the
# dictionary and are found through the bigram field instead.
MAX_DOMAIN_WORD = 8
# Longest issuer abbreviation tried in front of a document number.
MAX_ISSUER = 10

jieba.setLogLevel(logging.WARNING)

_lock = threading.RLock()
_tokenizer: jieba.Tokenizer | None = None
# jieba-rs (rjieba) with the same dictionary and the same domain words segments for indexing
# and querying: 7-20× faster than jieba's Python code. jieba itself stays the source of word
# frequencies (suggest_freq) and of keyword extraction. Measured before adopting it: the judged
# queries' ranked results are identical (bench/ranking_check.py, bench/search_quality.py).
_segmenter: rjieba.Jieba | None = None
_domain_words: set[str] = set()
_HAS_WORD = re.compile(r"[^\W_]").search  # same as any(ch.isalnum() for ch in word)


class Token(NamedTuple):
    """A normalised token; start/end are offsets in the ORIGINAL text.

    A NamedTuple rather than a dataclass: an article makes thousands of them."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class QueryWord:
    """One whitespace-separated word of a query, analysed three ways."""

    text: str
    tokens: tuple[str, ...]  # search-mode tokens, for ranking
    required: tuple[str, ...]  # precise-mode tokens that must all occur
    grams: tuple[Gram, ...]  # substring phrase over the bigram field
    # The same phrase over the four-character gram field, (offset, gram); () when the word is
    # not one run of four or more CJK characters.
    long_grams: tuple[tuple[int, str], ...] = ()
    # A listed long word (textkit.whole_words): one term of the whole-word field stands for it.
    whole: bool = False


@dataclass(frozen=True)
class AnalyzedQuery:
    q: str
    normalized: str
    tokens: tuple[Token, ...]
    words: tuple[QueryWord, ...]


def var_dir() -> Path:
    """The directory the application owns for caches and the index."""
    path = Path(os.environ.get("KEJIKU_VAR_DIR") or PROJECT_DIR / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def _converter(config: str = OPENCC_CONFIG) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert with any OpenCC configuration (used by measurements)."""
    return _converter(config).convert(text)


def to_simplified(text: str) -> str:
    return _converter(OPENCC_CONFIG).convert(text)


def detect_script(text: str) -> str:
    """"traditional" if more characters are traditional-only than
    simplified-only; text with neither (e.g. 中国) counts as simplified."""
    # strict=False: a phrase conversion may change the length; a rough count is enough.
    traditional = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    simplified = sum(a != b for a, b in zip(text, _converter("s2t").convert(text), strict=False))
    return "traditional" if traditional > simplified else "simplified"


normalize_doc_number = folding.normalize_doc_number


@cache
def _vocabulary() -> folding.VocabularyMap:
    path = Path(os.environ.get("KEJIKU_CROSS_STRAIT") or FIXTURES_DIR / "cross_strait.toml")
    with path.open("rb") as fh:
        entries = tomllib.load(fh).get("term", [])
    return folding.VocabularyMap({e["from"]: e["to"] for e in entries})


def _normalize_mapped(text: str) -> MappedText:
    mapped = folding.fold_width(MappedText.identity(text))
    mapped = mapped.convert_aligned(to_simplified)
    mapped = _vocabulary().apply(mapped)
    mapped = folding.fold_case(mapped)
    mapped = folding.fold_doc_numbers(mapped)
    return folding.fold_punctuation(mapped)


def normalize(text: str) -> str:
    """Matching form: NFKC, t2s, cross-strait vocabulary, case, doc numbers,
    punctuation. Never shown to readers as the text of a document."""
    return _normalize_mapped(text).text


def _jieba() -> jieba.Tokenizer:
    global _tokenizer, _segmenter
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tk = jieba.Tokenizer()
                cache_dir = var_dir() / "jieba"
                cache_dir.mkdir(exist_ok=True)
                tk.tmp_dir = str(cache_dir)
                tk.initialize()
                _segmenter = rjieba.Jieba()
                _tokenizer = tk
                add_domain_words(_seed_terms())
    return _tokenizer


def _rust() -> rjieba.Jieba:
    """The jieba-rs segmenter, holding the same domain words as _jieba()."""
    _jieba()
    assert _segmenter is not None
    return _segmenter


def _seed_terms() -> list[str]:
    path = FIXTURES_DIR / "domain_terms.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")]


def add_domain_words(words: Iterable[str]) -> list[str]:
    """Teach jieba domain words (names, organisations, meetings, short
    titles). Words are normalised first so traditional input is learnt in its
    matching form. Returns the (normalised) words that were new."""
    tk = _jieba()
    added: list[str] = []
    with _lock:
        for raw in words:
            word = normalize(raw.strip())
            if not 2 <= len(word) <= MAX_DOMAIN_WORD or not all(ch.isalnum() for ch in word):
                continue
            if word in _domain_words:
                continue
            # A high floor keeps names whole next to frequent neighbours
            # (主任丁薛祥), which suggest_freq alone does not guarantee.
            freq = max(tk.suggest_freq(word, tune=False), 2000)
            tk.add_word(word, freq=freq)
            _segmenter.add_word(word, freq, None)
            _domain_words.add(word)
            added.append(word)
    return added


@cache
def whole_words() -> WholeWords:
    """The seed terms indexed whole (textkit.whole_words), in their matching form."""
    return WholeWords(normalize(word) for word in _seed_terms())


def domain_word_count() -> int:
    """How many domain words this process knows: words are only ever added, so the count
    names the dictionary's state (search.result_cache keys on it)."""
    return len(_domain_words)


def domain_words() -> frozenset[str]:
    _jieba()
    return frozenset(_domain_words)


def _same_span(start: int, end: int) -> tuple[int, int]:
    return start, end


def _spanner(mapped: MappedText) -> Callable[[int, int], tuple[int, int]]:
    """mapped.span, or an equal shortcut: the identity when normalisation kept every offset
    (the usual case), ends[end - 1] for max(ends[start:end]) when ends never decrease."""
    if mapped.is_identity:
        return _same_span
    starts, ends = mapped.starts, mapped.ends
    if all(map(operator.le, ends, ends[1:])):
        return lambda start, end: (starts[start], ends[end - 1])
    return mapped.span


_TOKEN_ORDER = operator.itemgetter(1, 2, 0)  # (start, end, text)


def _token_spans(text: str) -> set[tuple[str, int, int]]:
    """(text, start, end) of every search token of normalised text, in no particular order."""
    tokens = _rust().tokenize(text, "search", True)
    # word.isalnum() settles almost every token without the regular expression.
    seen = {t for t in tokens if t[0].isalnum() or _HAS_WORD(t[0])}
    # Where an issuer's name begins is unknowable in running text
    # (…印发工信部联节〔2026〕13号), so each plausible issuer suffix gives a
    # whole-number token; a typed number matches one of them exactly.
    # The pattern tries an issuer at every character: look only where a number can be.
    for match in folding.DOC_NUMBER_PATTERN.finditer(text) if "〔" in text else ():
        issuer_start, end = match.start("issuer"), match.end()
        for start in range(max(issuer_start, match.start("number") - MAX_ISSUER), match.start("number") - 1):
            seen.add((text[start:end], start, end))
    return seen


def _token_set(mapped: MappedText) -> set[tuple[str, int, int]]:
    """(text, start, end) of every search token, offsets in the original text, in no order."""
    seen = _token_spans(mapped.text)
    span = _spanner(mapped)
    if span is _same_span:
        return seen
    return {(word, *span(start, end)) for word, start, end in seen}


def _search_token_tuples(mapped: MappedText) -> list[tuple[str, int, int]]:
    """(text, start, end) of every search token, sorted by position (see tokenize)."""
    return sorted(_token_set(mapped), key=_TOKEN_ORDER)


def _search_tokens(mapped: MappedText) -> list[Token]:
    return [Token(*t) for t in _search_token_tuples(mapped)]


def tokenize(text: str) -> list[Token]:
    """jieba search-mode tokens of normalize(text), offsets in text, sorted
    by position; whole document numbers are extra tokens."""
    return _search_tokens(_normalize_mapped(text))


class IndexTerms(NamedTuple):
    """What indexing hands tantivy for one text value: each field's terms as one string that
    tantivy's whitespace tokenizer splits (search.backends.tantivy_schema). A Python token object
    per term, offsets included, cost more than all the rest of indexing; nothing reads a term's
    offsets (snippets are placed from the stored text), so none are kept."""

    tokens: str  # every search token, once per place it occurs, in no particular order
    grams: str  # textkit.ngrams.gram_texts: the bigram field's
    long_grams: str  # and the four-character gram field's
    whole_words: str  # every occurrence of a listed whole word, then padding (see index_terms)


# Fills the whole-word field up to as many terms as the four-character gram field has: BM25
# normalises by the field's length in terms, so a listed word's term then scores as its gram
# phrase scored (IndexFacts.long_phrase_weight restores the idf), and the ranking does not
# move. No query asks for it: listed words are Chinese characters only.
PADDING = "_"


def index_terms(text: str) -> IndexTerms:
    """The terms of every field text is indexed in, normalising it once."""
    normalized = normalize(text)
    # The token fields index term frequencies, not positions (tantivy_schema), so the order is
    # irrelevant there and sorting cost 8% of an article's analysis.
    tokens = " ".join([word for word, _, _ in _token_spans(normalized)])
    grams, long_grams, long_count = gram_texts(normalized)
    whole = [word for word, _, _ in whole_words().occurrences(normalized)]
    padding = f" {PADDING}" * (long_count - len(whole))
    return IndexTerms(tokens, grams, long_grams, " ".join(whole) + padding if whole else padding[1:])


def normalize_with_offsets(text: str) -> MappedText:
    """normalize(text) together with the map back to original offsets."""
    return _normalize_mapped(text)


def _precise(word: str) -> tuple[str, ...]:
    return tuple(w for w in _rust().cut(word, False) if _HAS_WORD(w))


def _word(normalized: str) -> QueryWord | None:
    grams = tuple(query_grams(normalized))
    if not grams:
        return None
    tokens = tuple(dict.fromkeys(t.text for t in _search_tokens(MappedText.identity(normalized))))
    long_grams = tuple(query_long_grams(normalized))
    return QueryWord(normalized, tokens, _precise(normalized), grams, long_grams, normalized in whole_words())


def analyze_word(text: str) -> QueryWord | None:
    """One query word or "quoted phrase" (spaces kept); None if it has no
    letters, digits or characters to search for."""
    return _analyzed_word(text, domain_word_count())


def analyze_query(q: str) -> AnalyzedQuery:
    """Whitespace separates words; every word must be found."""
    return _analyzed_query(q, domain_word_count())


# A search analyses its words where it needs them (the plan, each facet count, the marks, the
# normalised query shown): a query is analysed once and then read from here. The dictionary's
# size is part of the key, since a new domain word changes the tokens (words are only added).
@lru_cache(maxsize=1024)
def _analyzed_word(text: str, _dictionary_size: int) -> QueryWord | None:
    return _word(" ".join(normalize(text).split()))


@lru_cache(maxsize=256)
def _analyzed_query(q: str, _dictionary_size: int) -> AnalyzedQuery:
    mapped = _normalize_mapped(q)
    words = [w for w in map(_word, mapped.text.split()) if w is not None]
    return AnalyzedQuery(q, " ".join(mapped.text.split()), tuple(_search_tokens(mapped)), tuple(words))


@cache
def _tfidf() -> Any:
    import jieba.analyse  # deferred: it loads a 6 MB IDF table at import

    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = _jieba()
    return extractor


def extract_keywords(text: str, topk: int = 10) -> list[str]:
    """TF-IDF keywords of the simplified text (domain dictionary aware)."""
    candidates = _tfidf().extract_tags(to_simplified(text), topK=topk * 3)
    keywords = [w for w in candidates if len(w) > 1 and not w.isdigit()]
    return keywords[:topk]
