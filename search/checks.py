"""System checks (`manage.py check`): is search able to work at all?"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks


def analysis_works(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from textkit import analysis

    errors: list[checks.CheckMessage] = []
    try:
        converted = analysis.to_simplified("漢字")
    except Exception as error:  # any failure means OpenCC is unusable
        converted = f"{type(error).__name__}: {error}"
    if converted != "汉字":
        errors.append(
            checks.Error(f"OpenCC t2s turned 漢字 into {converted!r}", hint="reinstall OpenCC", id="search.E001")
        )
    try:
        tokens = [t.text for t in analysis.tokenize("科技自立自强")]
    except Exception as error:  # any failure means jieba is unusable
        tokens = [f"{type(error).__name__}: {error}"]
    if "科技自立自强" not in tokens:
        errors.append(
            checks.Error(
                f"jieba with the domain dictionary gave {tokens!r} for 科技自立自强",
                hint="check fixtures/domain_terms.txt and that KEJIKU_VAR_DIR is writable",
                id="search.E002",
            )
        )
    return errors


def index_writable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for alias, options in settings.HAYSTACK_CONNECTIONS.items():
        path = options.get("PATH")
        if not path:
            continue
        directory = Path(path)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(dir=directory, prefix=".write-check-")
            os.close(fd)
            os.unlink(probe)
        except OSError as error:
            errors.append(
                checks.Error(
                    f"search index directory {directory} ({alias}) is not writable: {error}",
                    hint="set SEARCH_INDEX_DIR or KEJIKU_VAR_DIR to a writable directory",
                    id="search.E003",
                )
            )
    return errors


def every_searched_kind_is_indexed(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Each kind the registry marks as searched has a SearchIndex writing that kind."""
    from haystack import connections
    from haystack.exceptions import NotHandled

    from articles import kinds

    errors: list[checks.CheckMessage] = []
    unified = connections["default"].get_unified_index()
    for kind in kinds.indexed():
        try:
            index = unified.get_index(kind.model)
        except NotHandled:
            index = None
        if getattr(index, "KIND", None) != kind.index_kind:
            errors.append(checks.Error(
                f"kind {kind.name!r} is searched as {kind.index_kind!r} but no SearchIndex writes that kind",
                hint="add its index to search/search_indexes.py with KIND = the registry's index_kind",
                id="search.E004",
            ))
    return errors

