"""haystack's SQ tree turned into a structured plan instead of a query string.

haystack backends usually render a query string that the engine parses
again; we keep the tree, so user text is never re-parsed as syntax and
analysis happens exactly once, in textkit.analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import tree
from haystack import inputs
from haystack.backends import BaseSearchQuery, SearchNode
from haystack.constants import DJANGO_CT

CONTENT = "content"
_QUOTED_OR_WORD = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Leaf:
    field: str
    lookup: str
    value: Any


@dataclass(frozen=True)
class Node:
    connector: str
    negated: bool
    children: tuple[Node | Leaf, ...]


@dataclass(frozen=True)
class ContentText:
    """User text for a full-text leaf: words that must match, words that must
    not. A "quoted" entry is an exact phrase (spaces and word order kept)."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(unquote(w) for w in self.include)


def quote(phrase: str) -> str:
    return f'"{phrase}"'


def is_phrase(word: str) -> bool:
    return len(word) > 1 and word.startswith('"') and word.endswith('"')


def unquote(word: str) -> str:
    return word[1:-1] if is_phrase(word) else word


@dataclass(frozen=True)
class QueryPlan:
    root: Node | None
    boosts: tuple[tuple[str, float], ...] = ()
    content: tuple[str, ...] = field(default=())  # positive full-text words, for highlights

    def __str__(self) -> str:
        return repr(self.root) if self.root else "*"

    @property
    def content_text(self) -> str:
        return " ".join(self.content)


class Structured(inputs.BaseInput):
    """A query already made into a plan (search.query_terms): filter(content=Structured(node,
    marked)) puts the node in the tree as it is, never re-parsed."""

    input_type_name = "structured"

    def __init__(self, root: Node, marked: tuple[str, ...] = ()) -> None:
        super().__init__(repr(root))
        self.root = root
        self.marked = marked

    def __deepcopy__(self, memo: dict) -> Structured:
        # Immutable (frozen plan nodes, a tuple): haystack deep-copies the query tree on every
        # filter, facet and slice, and copying a long query's plan cost ~1 ms per search.
        return self


def parse_user_text(value: Any) -> ContentText:
    """haystack inputs → words. AutoQuery honours "quoted phrases" and -exclusions."""
    if isinstance(value, inputs.Exact):
        return ContentText((quote(str(value.query_string).strip('"')),))
    if isinstance(value, inputs.AutoQuery):
        include, exclude = [], []
        for match in _QUOTED_OR_WORD.finditer(value.query_string):
            negative, quoted, word = match.groups()
            if quoted is not None:
                (exclude if negative else include).append(quote(quoted))
            elif word.startswith("-") and len(word) > 1:
                exclude.append(word[1:])
            elif word != "-":
                include.append(word)
        return ContentText(
            tuple(w for w in include if unquote(w).strip()), tuple(w for w in exclude if unquote(w).strip())
        )
    if isinstance(value, inputs.BaseInput):
        value = value.query_string
    return ContentText(tuple(str(value).split()))


def _convert(node: SearchNode, text_fields: frozenset[str], content_words: list[str]) -> Node:
    children: list[Node | Leaf] = []
    for child in node.children:
        if isinstance(child, tree.Node):
            children.append(_convert(child, text_fields, content_words))
            continue
        expression, value = child
        if isinstance(value, Structured):
            if not node.negated:
                content_words.extend(value.marked)
            children.append(value.root)
            continue
        field_name, lookup = node.split_expression(expression)
        negated = isinstance(value, inputs.Not)
        if field_name in text_fields and isinstance(value, str | inputs.BaseInput):
            parsed = parse_user_text(value)
            if not negated and not node.negated:
                content_words.extend(unquote(w) for w in parsed.include)
            value = parsed
        elif isinstance(value, inputs.BaseInput):
            value = value.query_string
        leaf = Leaf(field_name, lookup, value)
        children.append(Node("AND", True, (leaf,)) if negated else leaf)
    return Node(node.connector, node.negated, tuple(children))


class TantivySearchQuery(BaseSearchQuery):
    """haystack's query, plus collapse: the name of a field whose documents sharing a value are
    one result and count once (tantivy_collapse); set by search.service.collapsed."""

    collapse: str | None = None

    def build_params(self, spelling_query: Any = None) -> dict[str, Any]:
        params = super().build_params(spelling_query)
        if self.collapse:
            params["collapse"] = self.collapse
        return params

    def _clone(self, klass: Any = None, using: Any = None) -> TantivySearchQuery:
        clone = super()._clone(klass, using)
        clone.collapse = self.collapse
        return clone

    def build_query(self) -> QueryPlan:  # type: ignore[override]
        content_words: list[str] = []
        text_fields = self.backend.text_field_names() | {CONTENT}
        root = _convert(self.query_filter, text_fields, content_words) if self.query_filter else None
        return QueryPlan(root, tuple(self.boost.items()), tuple(content_words))

    def __str__(self) -> str:
        return str(self.build_query())

    def build_query_fragment(self, field: str, filter_type: str, value: Any) -> str:
        # Only used by haystack for repr(); the plan is what we execute.
        return f"{field}__{filter_type}={value!r}"

    def clean(self, query_fragment: Any) -> Any:
        # Nothing is escaped: user text never reaches a query parser.
        return query_fragment

    def run_mlt(self, **kwargs: Any) -> None:
        kwargs.setdefault("start_offset", self.start_offset)
        kwargs.setdefault("end_offset", self.end_offset)
        super().run_mlt(**kwargs)


def model_filter(content_types: list[str]) -> Leaf:
    return Leaf(DJANGO_CT, "in", tuple(content_types))
