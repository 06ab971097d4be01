"""The registry of page forms: wrappers first (HTML, front matter), then the text layouts.

Each module of this package is one form of page analysts collect; adding a form is
one new module and one line below. The first layout whose ``detect`` claims the
text reads it, so the more specific forms come first and the newspaper page, which
claims everything, comes last.
"""

from __future__ import annotations

from . import columns, feed, front_matter, hk_release, html_page, markdown, newspaper, policy_page, web_text
from .base import PageLayout, Unwrapped, WrapperFacts

WRAPPERS = (feed.WRAPPER, html_page.WRAPPER, front_matter.WRAPPER)
LAYOUTS: tuple[PageLayout, ...] = (
    policy_page.LAYOUT,
    hk_release.LAYOUT,
    web_text.LAYOUT,
    markdown.LAYOUT,
    columns.LAYOUT,
    newspaper.LAYOUT,
)
BY_NAME = {layout.name: layout for layout in LAYOUTS}


def unwrap(text: str) -> tuple[Unwrapped, ...]:
    """Plain text and the facts its outer form states, a page per article of a feed; plain text
    passes through unchanged."""
    for wrapper in WRAPPERS:
        if wrapper.detect(text):
            return wrapper.unwrap(text)
    return (Unwrapped(text),)


def detect(text: str) -> PageLayout:
    return next(layout for layout in LAYOUTS if layout.detect(text))


__all__ = ["BY_NAME", "LAYOUTS", "WRAPPERS", "PageLayout", "Unwrapped", "WrapperFacts", "detect", "unwrap"]
