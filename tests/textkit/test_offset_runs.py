"""The stored form of a normalised text's map back to the original: the same spans as the map
itself, on real texts in both scripts (textkit.offset_runs)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from textkit import analysis
from textkit.offset_runs import StoredMap, encode

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = DATA.parents[1]
TEXTS = sorted([*(ROOT / "fixtures" / "seeds").glob("*.txt"), *(DATA / "reprints" / "texts").glob("*.txt"),
                *(DATA / "interpretations" / "texts").glob("*.txt")])


def test_a_text_normalisation_leaves_in_place_stores_no_map():
    mapped = analysis.normalize_with_offsets("科技部部长阴和俊说，2026年是“十五五”开局之年。")
    assert encode(mapped) == []


def test_a_resized_text_stores_a_few_runs_not_a_map_per_character():
    seed = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[0]
    text = " ".join(seed.read_text(encoding="utf-8").split())
    text += " ＡＢＣ㈠㈡ﬁ 工信部联节[2026]13号"
    mapped = analysis.normalize_with_offsets(text)
    runs = encode(mapped)
    assert len(mapped.text) != len(text) and 0 < len(runs) // 3 < 50


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_every_span_maps_back_as_the_map_itself_maps_it(path):
    text = " ".join(path.read_text(encoding="utf-8").split()) + " Ｓｔｒａßｅ ㈠ 國發〔2018〕43號"
    mapped = analysis.normalize_with_offsets(text)
    stored = StoredMap(mapped.text, encode(mapped))
    chooser = random.Random(path.stem)
    n = len(mapped.text)
    spans = [(start, min(n, start + chooser.randint(1, 40))) for start in chooser.sample(range(n), min(n, 400))]
    assert [stored.span(*span) for span in spans] == [mapped.span(*span) for span in spans]
