"""The faster implementations equal the definitions they replace (performance work of issue #6)."""

from __future__ import annotations

import pytest
import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st

from search import highlight
from search.backends.tantivy_schema import NGRAM_SUFFIX, register_analyzers, to_document
from textkit import analysis, folding, ngrams
from textkit.mapped_text import MappedText

MIXED = st.text(alphabet=st.sampled_from("北京大学科技金融ab12 ,６Ｇ_é\u0301𠀀丨〔〕-—\uf900\u3400…，。"), max_size=30)
DOCS = st.text(alphabet=st.sampled_from("国发工信部联节科 \u3000\n〔〕[]【】（）(2026２０1号a，"), max_size=40)


@settings(max_examples=500, deadline=None)
@given(text=MIXED)
def test_runs_by_regular_expression_equal_runs_by_character(text):
    assert ngrams.runs(text) == ngrams._runs_by_character(text)


def test_runs_agree_on_every_code_point():
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        text = "a" + chr(code) + "北"
        assert ngrams.runs(text) == ngrams._runs_by_character(text), hex(code)


@settings(max_examples=1000, deadline=None)
@given(text=DOCS)
def test_document_numbers_found_backwards_equal_the_pattern(text):
    expected = [(m.span(), m.groups()) for m in folding._DOC_NUMBER.finditer(text)]
    assert [(m.span(), m.groups()) for m in folding._doc_number_matches(text)] == expected


@settings(max_examples=300, deadline=None)
@given(text=MIXED)
def test_indexing_terms_equal_the_token_api(text):
    """Indexing gets the same tokens as tokenize(), once per place, in no particular order (the
    token fields keep no positions), and the grams of the normalised text. No term holds a space:
    tantivy splits the strings on spaces."""
    terms = analysis.index_terms(text)
    assert sorted(terms.tokens.split()) == sorted(t.text for t in analysis.tokenize(text))
    words = [word for word, _, _ in analysis._token_spans(analysis.normalize(text))]
    assert " ".join(words).split() == words
    assert terms.grams == ngrams.gram_text(analysis.normalize(text))


@settings(max_examples=300, deadline=None)
@given(text=MIXED)
def test_span_shortcut_equals_span(text):
    mapped = analysis.normalize_with_offsets(text)
    span = analysis._spanner(mapped)
    for start in range(len(mapped.text)):
        for end in range(start + 1, min(len(mapped.text), start + 4) + 1):
            assert span(start, end) == mapped.span(start, end)


def test_punctuation_folding_keeps_offsets():
    mapped = folding.fold_punctuation(MappedText.identity("“科技”，《金融》"))
    assert mapped.text == '"科技",<金融>'
    assert tuple(mapped.starts) == tuple(range(9))


def _index(tmp_path, texts):
    from haystack import connections

    backend = connections["default"].get_backend()
    index = register_analyzers(tantivy.Index(backend.schema, path=str(tmp_path)))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for text in texts:
        writer.add_document(to_document(backend.specs, {"text": text}))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return backend, index.searcher()


@pytest.mark.parametrize("word", ["国际科技创新中心", "科技创新", "国际科技创"])
def test_a_long_words_gram_phrase_matches_and_scores_as_its_bigram_phrase(tmp_path, word):
    """Where the two gram fields have the same length ratios (here: texts of one run, all of
    one length), the four-character phrase, boosted by IndexFacts.long_phrase_weight, gives
    every document the score the bigram phrase gave it: the idf its fewer terms lack is put
    back, so substring matches keep their weight against token matches."""
    from search.backends.tantivy_compile import IndexFacts, _gram_query, _phrase

    texts = ["国际科技创新中心建设", "建设国际科技创新中心", "中心国际科技创新中心", "科技金融科技金融科技", "国际科技创新高地建设"]
    backend, searcher = _index(tmp_path, texts)
    spec, analysed = backend.specs["text"], analysis.analyze_word(word)
    assert analysed.long_grams
    weight = IndexFacts(searcher).long_phrase_weight(spec, analysed)
    on_bigrams = _gram_query(backend.schema, spec.ngram_name, analysed.grams)
    on_long_grams = tantivy.Query.boost_query(_phrase(backend.schema, spec, analysed), weight)

    def scores(query):
        return {address.doc: score for score, address in searcher.search(query, limit=10).hits}

    expected = scores(on_bigrams)
    assert len(expected) == sum(word in t for t in texts)
    assert scores(on_long_grams) == pytest.approx(expected, rel=1e-5)


def test_token_fields_keep_no_positions_so_their_order_is_free(tmp_path):
    """index_terms hands indexing its tokens unordered. That is only safe while
    the token fields record frequencies without positions: a phrase over one must fail."""
    backend, searcher = _index(tmp_path, ["建设国际科技创新中心"])
    on_grams = tantivy.Query.phrase_query(backend.schema, "text" + NGRAM_SUFFIX, ["科技", "技创", "创新"])
    assert searcher.search(on_grams, limit=1).count == 1
    with pytest.raises(ValueError, match="position"):
        searcher.search(tantivy.Query.phrase_query(backend.schema, "text", ["科技", "创新"]), limit=1)


WIDTH = st.text(
    alphabet=st.sampled_from("科技ＡＢａ１２，．：（）\u3000 \u0301\u0308\u20dd…‥。“”、《》〔〕ﬁ㈠①é\ufe10\uff61\uff9eｶﾞ\u1100\u1161A"),
    max_size=30,
)


@settings(max_examples=1000, deadline=None)
@given(text=WIDTH)
def test_width_folding_equals_folding_cluster_by_cluster(text):
    fast = folding.fold_width(MappedText.identity(text))
    slow = folding.fold_width_by_cluster(MappedText.identity(text))
    assert (fast.text, tuple(fast.starts), tuple(fast.ends)) == (slow.text, tuple(slow.starts), tuple(slow.ends))


def _replace_piece_by_piece(mapped: MappedText, edits: list[tuple[int, int, str]]) -> MappedText:
    """MappedText.replace as first written: the definition."""
    chars, starts, ends, pos = [], [], [], 0
    for start, end, new in edits:
        chars.append(mapped.text[pos:start])
        starts.extend(mapped.starts[pos:start])
        ends.extend(mapped.ends[pos:start])
        if len(new) == end - start:
            starts.extend(mapped.starts[start:end])
            ends.extend(mapped.ends[start:end])
        elif start == end:
            anchor = mapped.starts[start] if start < len(mapped.text) else (mapped.ends[-1] if mapped.text else 0)
            starts.extend([anchor] * len(new))
            ends.extend([anchor] * len(new))
        else:
            lo, hi = mapped.span(start, end)
            starts.extend([lo] * len(new))
            ends.extend([hi] * len(new))
        chars.append(new)
        pos = end
    chars.append(mapped.text[pos:])
    starts.extend(mapped.starts[pos:])
    ends.extend(mapped.ends[pos:])
    return MappedText("".join(chars), tuple(starts), tuple(ends))


@st.composite
def texts_and_edits(draw):
    text = draw(st.text(alphabet="科技金融ab", max_size=12))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = [(lo, hi, draw(st.text(alphabet="xyz", max_size=3))) for lo, hi in zip(cuts[::2], cuts[1::2], strict=False)]
    twice = draw(st.booleans())  # a second round of edits on an already edited text
    return text, edits, twice


@settings(max_examples=500, deadline=None)
@given(case=texts_and_edits())
def test_replace_equals_replacing_piece_by_piece(case):
    text, edits, twice = case
    mapped = MappedText.identity(text)
    if twice:
        mapped = _replace_piece_by_piece(mapped, [(0, 0, "前")] if text else [])
    fast, slow = mapped.replace(edits), _replace_piece_by_piece(mapped, edits)
    assert (fast.text, tuple(fast.starts), tuple(fast.ends)) == (slow.text, slow.starts, slow.ends)


@settings(max_examples=300, deadline=None)
@given(text=MIXED)
def test_punctuation_folding_equals_translation(text):
    table = str.maketrans(folding._PUNCT)
    assert folding.fold_punctuation(MappedText.identity(text)).text == text.translate(table)


@st.composite
def marked_text(draw):
    """What snippet() works on: a length, a window size and match_spans()-like spans
    (ascending, disjoint, never touching)."""
    length = draw(st.integers(1, 120))
    cuts = sorted(set(draw(st.lists(st.integers(0, length), max_size=16))))
    spans = [(lo, hi) for lo, hi in zip(cuts[::2], cuts[1::2], strict=False)]
    spans = [span for n, span in enumerate(spans) if n == 0 or span[0] > spans[n - 1][1]]
    return length, draw(st.integers(1, length)), spans


@settings(max_examples=1000, deadline=None)
@given(case=marked_text(), lo=st.integers(-20, 140))
def test_snippet_windows_by_bisection_equal_windows_by_scanning(case, lo):
    length, size, spans = case
    expected = highlight._window(spans, lo, size, length)
    start, end = expected
    expected_score = sum(min(e, end) - max(s, start) for s, e in spans if s < end and e > start)
    windows = highlight._Windows(spans, size, length)
    assert windows.window(lo) == expected
    assert windows.score(*expected) == expected_score
