"""The benchmark corpus generator (bench/corpus.py) at every size issue #6 names."""

import re

import pytest

from bench.corpus import entities

SERIAL = re.compile(r"〕(\d+)号$")


@pytest.mark.parametrize("size", [10_000, 100_000, 1_000_000])
def test_every_policy_document_gets_its_own_number_at_every_size(size):
    documents = entities(size)["documents"]

    assert len(documents) == size // 20
    assert len({d["doc_number"] for d in documents}) == len(documents)


def test_serial_numbers_stay_in_a_ministrys_range_until_the_corpus_needs_more():
    small = [int(SERIAL.search(d["doc_number"]).group(1)) for d in entities(100_000)["documents"]]
    large = [int(SERIAL.search(d["doc_number"]).group(1)) for d in entities(1_000_000)["documents"]]

    assert max(small) <= 180
    assert max(large) > 180
