"""A newspaper page as plain text: one paragraph a line, several stories, captions, 导读 boxes.

The default form: whatever no other layout claims is read as a newspaper page.
"""

from __future__ import annotations

from ..layout import NEWSPAPER
from .base import PageLayout

LAYOUT = PageLayout(name=NEWSPAPER, detect=lambda text: True)
