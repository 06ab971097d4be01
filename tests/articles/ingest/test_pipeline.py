import json

import pytest

from articles.ingest.errors import BinaryInputError, EmptyInputError, IngestError, NoStoryError
from articles.ingest.pipeline import parse_document

from .conftest import PAGES, seed_path


def test_to_json_has_the_shape_the_import_command_prints(seed):
    data = seed("002").to_json()
    json.dumps(data, ensure_ascii=False)
    assert set(data) >= {"articles", "officials", "meetings", "policy_documents", "organizations"}
    assert set(data["articles"][0]) >= {"title", "date", "source", "kind", "reporters", "body"}
    assert data["articles"][0]["date"] == "2026-01-20"
    assert set(data["officials"][0]) >= {"name", "posts"}
    assert set(data["meetings"][0]) >= {"name", "date"}
    assert set(data["policy_documents"][0]) >= {"title", "doc_number", "issuers", "date"}
    assert set(data["organizations"][0]) >= {"name", "aliases"}


def test_the_same_text_in_another_encoding_has_the_same_fingerprints():
    text = seed_path("000").read_text(encoding="utf-8")
    utf8 = parse_document(text.encode("utf-8"), filename="a.txt")
    gbk = parse_document(text.encode("gbk"), filename="b.txt")
    assert [a.fingerprint for a in utf8.items] == [a.fingerprint for a in gbk.items]


def test_a_corrected_body_keeps_the_fingerprint_so_the_import_updates_in_place():
    text = seed_path("000").read_text(encoding="utf-8")
    corrected = text.replace("心血和汗水", "心血与汗水")
    before = parse_document(text, filename="a.txt").items[0]
    after = parse_document(corrected, filename="a.txt").items[0]
    assert before.body != after.body and before.fingerprint == after.fingerprint


def test_fingerprints_within_a_file_are_distinct(seed):
    for number in ("000", "001", "002", "003", "004"):
        prints = [a.fingerprint for a in seed(number).items]
        assert len(set(prints)) == len(prints)


@pytest.mark.parametrize(("name", "error"), [
    ("empty.txt", EmptyInputError), ("binary.bin", BinaryInputError), ("no_story.txt", NoStoryError),
])
def test_bad_input_raises_an_ingest_error_a_person_can_read(name, error):
    with pytest.raises(error) as caught:
        parse_document((PAGES / name).read_bytes(), filename=name)
    assert isinstance(caught.value, IngestError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))


def test_the_ingest_package_does_not_import_django():
    from pathlib import Path

    package = Path(__file__).resolve().parents[3] / "articles" / "ingest"
    for module in package.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source, module.name
        assert "import jieba" not in source and "import opencc" not in source, module.name
