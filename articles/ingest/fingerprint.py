"""A stable identity for an article across re-imports.

sha256 of (source, the article's date, its title) after normalisation:
simplified characters, no whitespace or punctuation. The body is left out on
purpose, so a corrected body updates the same article in place; the encoding
and the script (Big5 traditional vs GBK simplified copies) do not matter
because the comparison is made on simplified text. Correcting a title, date or
source makes a new article, which editors then merge.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from .text import simplified

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    return _NOISE.sub("", simplified(title)).casefold()


def fingerprint(source: str | None, day: date | None, title: str) -> str:
    key = "|".join((simplified(source or ""), day.isoformat() if day else "", normalise_title(title)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
