"""What a page layout module declares, and what a wrapper (HTML, front matter) hands on.

A layout module is one form of page analysts collect. It says how to recognise the
form (``detect``), how its lines become paragraphs, whether web or bulletin chrome
surrounds the stories, and what it knows about the publication. A layout that is not
a page of stories (a policy-document page) parses the page itself (``parse``).

A wrapper is an outer form around the text (a saved HTML page, YAML front matter):
it turns the raw input into plain text plus the facts it read (title, date, site,
editor), and the text then goes through the layouts like any other page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import ParsedDocument


# Between a title a wrapper knows and the text: two blank lines, so that no line reader joins them
# as halves of one paragraph broken by the page.
TITLE_BREAK = "\n\n\n"


@dataclass(frozen=True)
class WrapperFacts:
    """What an outer form states about its page; empty fields are unknown."""

    title: str = ""
    date: date | None = None
    site: str = ""  # the outlet the page belongs to (人民网, 香港01)
    source: str = ""  # a credited source (来源：新华社)
    editor: str = ""
    authors: tuple[str, ...] = ()
    url: str = ""
    single_story: bool = False  # the form holds one article (a web article page)
    kicker: str = ""  # the lines a page prints above and below the title (引题, 副题)
    subtitle: str = ""
    page: str = ""  # the newspaper page (版) the article was printed on


@dataclass(frozen=True)
class Unwrapped:
    text: str
    facts: WrapperFacts = field(default_factory=WrapperFacts)
    wrapper: str = ""  # the wrapper's name, "" for plain text


@dataclass(frozen=True)
class Wrapper:
    name: str
    detect: Callable[[str], bool]
    # One page, or several (a feed holds a page per article).
    unwrap: Callable[[str], tuple[Unwrapped, ...]]


@dataclass(frozen=True)
class PageLayout:
    name: str
    detect: Callable[[str], bool]
    paragraphs: str = "lines"  # lines | columns (articles.ingest.layout.COLUMNS): how lines make paragraphs
    chrome: bool = False  # web or bulletin chrome (breadcrumbs, 来源 headers, 完) surrounds the stories
    publication: str | None = None  # the outlet every page of this form belongs to
    story_kind: str | None = None  # the kind of every story of this form (notice)
    # A form that is not a page of stories reads the whole page itself.
    parse: Callable[[Unwrapped, str, str], ParsedDocument] | None = None
