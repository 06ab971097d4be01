from pathlib import Path

import pytest

from articles.ingest.pipeline import parse_document

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "fixtures" / "seeds"
PAGES = ROOT / "tests" / "data" / "pages"


def seed_path(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


@pytest.fixture(scope="session")
def seed():
    cache = {}

    def parse(number: str):
        if number not in cache:
            path = seed_path(number)
            cache[number] = parse_document(path.read_bytes(), filename=path.name)
        return cache[number]

    return parse


@pytest.fixture(scope="session")
def page():
    cache = {}

    def parse(name: str):
        if name not in cache:
            path = PAGES / name
            cache[name] = parse_document(path.read_bytes(), filename=path.name)
        return cache[name]

    return parse
