"""System checks: analysis works and the index directory is writable."""

from __future__ import annotations

from search import checks


def test_analysis_check_passes():
    assert checks.analysis_works() == []


def test_index_directory_check(settings, tmp_path):
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "x", "PATH": str(tmp_path / "index")}}
    assert checks.index_writable() == []
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "x", "PATH": str(blocker / "index")}}
    errors = checks.index_writable()
    assert [e.id for e in errors] == ["search.E003"]
