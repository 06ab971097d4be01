"""The pipeline against the hand-written gold annotations of the seeds and the extra pages."""

import importlib.util
import json

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("ingest_accuracy", ROOT / "bench" / "ingest_accuracy.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

GOLD_FILES = sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))


def test_there_is_gold_for_every_seed_and_three_extra_pages():
    names = [p.stem for p in GOLD_FILES]
    assert sum(n.startswith("seed_") for n in names) == 5
    assert sum(n.startswith("page_") for n in names) >= 3


@pytest.mark.parametrize("group", ["seeds", "pages"])
def test_every_item_type_reaches_f1_of_095(group):
    table, errors = bench.evaluate()
    low = {kind: s["f1"] for kind, s in table[group].items() if s["f1"] < 0.95}
    assert low == {}, errors


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_articles_match_gold_in_kind_and_credits(path):
    from articles.ingest.pipeline import parse_document

    gold = json.loads(path.read_text(encoding="utf-8"))
    source = ROOT / gold["input"]
    doc = parse_document(source.read_bytes(), filename=source.name)
    assert len(doc.items) == len(gold["articles"])
    for want, got in zip(gold["articles"], doc.items, strict=True):
        assert got.title == want["title"]
        assert got.kind == want["kind"]
        for key in ("kicker", "subtitle", "editor", "script"):
            if key in want:
                assert getattr(got, key) == want[key], key
        for key in ("reporters", "photographers"):
            if key in want:
                assert list(getattr(got, key)) == want[key], key
    if "encoding" in gold:
        assert doc.encoding == gold["encoding"]
