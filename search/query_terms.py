"""A parsed query (search.query_language) made into the backend's plan, with the knowledge base's
aliases: 工信部 also finds 工业和信息化部 and the reverse, unless written exact:工信部.

    plan = query_plan(tree, aliases)         # aliases: alias_map(tree), read from the database
    SearchQuerySet().filter(content=Structured(plan.root))

Fields become index filters (source, topic, kind, date) or text restricted to a field (title);
official: and org: search every name the knowledge base knows for the person or body; docno:
searches the document number in any bracket form (the analyser folds 〔〕[]【】).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from articles import kinds
from articles.models import Official, OfficialAlias, Organization, OrganizationAlias
from search import query_language as ql
from search.backends.query_plan import CONTENT, ContentText, Leaf, Node, quote
from textkit import analysis

# query field → index field, for the fields that filter on a stored keyword
KEYWORD_FIELDS = {"source": "source", "topic": "topics", "kind": "kind"}
MAX_ALIASES = 12  # names searched for one word: enough for any official or body, bounded for the engine


class UnknownValue(ValueError):
    """A field value the index cannot have (kind:xyz)."""


@dataclass(frozen=True)
class Plan:
    root: Node
    marked: tuple[str, ...]  # words and phrases to mark in results
    shown: str  # the normalised query, aliases spelt out


def _names_of(entity_ids: Iterable[int], model, alias_model, owner: str) -> set[str]:
    ids = list(entity_ids)
    names = set(model.objects.filter(pk__in=ids).values_list("name", flat=True))
    names |= set(alias_model.objects.filter(**{f"{owner}__in": ids}).values_list("name", flat=True))
    return names


def _same_entity_names(text: str) -> tuple[str, ...]:
    """Every name of the officials and bodies called `text` (by name or alias), `text` first."""
    forms = {text, analysis.to_simplified(text)}
    officials = set(Official.objects.filter(name__in=forms).values_list("pk", flat=True))
    officials |= set(OfficialAlias.objects.filter(name__in=forms).values_list("official_id", flat=True))
    organizations = set(Organization.objects.filter(name__in=forms).values_list("pk", flat=True))
    organizations |= set(
        OrganizationAlias.objects.filter(name__in=forms).values_list("organization_id", flat=True)
    )
    names = _names_of(officials, Official, OfficialAlias, "official")
    names |= _names_of(organizations, Organization, OrganizationAlias, "organization")
    others = sorted(n for n in names if analysis.normalize(n) != analysis.normalize(text))
    return (text, *others[: MAX_ALIASES - 1])


def _expandable(node: ql.Node) -> Iterable[str]:
    if isinstance(node, ql.Word) and not node.exact:
        yield node.text
    elif isinstance(node, ql.Field) and node.name in ("official", "org"):
        yield node.value
    elif isinstance(node, ql.Not):
        yield from _expandable(node.item)
    elif isinstance(node, ql.And | ql.Or):
        for item in node.items:
            yield from _expandable(item)


def alias_map(tree: ql.Node) -> dict[str, tuple[str, ...]]:
    """For each word of the query that names a known official or body: all its names."""
    found = {}
    for text in dict.fromkeys(_expandable(tree)):
        if len(text) < 2:  # a single character names nobody
            continue
        names = _same_entity_names(text)
        if len(names) > 1:
            found[text] = names
    return found


def _content(text: str, *, phrase: bool = False) -> Leaf:
    return Leaf(CONTENT, "content", ContentText((quote(text) if phrase else text,)))


def _any_name(names: tuple[str, ...], field: str = CONTENT) -> Node:
    lookup = "content"
    return Node("OR", False, tuple(Leaf(field, lookup, ContentText((quote(name),))) for name in names))


def _kind_value(value: str) -> str:
    for kind in kinds.indexed():
        if value in (kind.index_kind, kind.name, kind.label, kind.search_label):
            return kind.index_kind
    labels = "、".join(f"{k.index_kind}（{k.search_label}）" for k in kinds.indexed())
    raise UnknownValue(f"kind: 只能是 {labels}，不能是“{value}”")


def _compile(node: ql.Node, aliases: dict[str, tuple[str, ...]]) -> Node | Leaf:
    if isinstance(node, ql.Word):
        names = () if node.exact else aliases.get(node.text, ())
        return _any_name(names) if names else _content(node.text)
    if isinstance(node, ql.Phrase):
        if node.within is None:
            return _content(node.text, phrase=True)
        return Leaf(CONTENT, "near", (tuple(node.text.split()), node.within))
    if isinstance(node, ql.DateRange):
        if node.start and node.end:
            return Leaf("date", "range", (node.start, node.end))
        return Leaf("date", "gte", node.start) if node.start else Leaf("date", "lte", node.end)
    if isinstance(node, ql.Field):
        if node.name == "title":
            return Leaf("title", "content", ContentText((quote(node.value) if node.phrase else node.value,)))
        if node.name in ("official", "org"):
            return _any_name(aliases.get(node.value, (node.value,)))
        if node.name == "docno":
            return _content(analysis.normalize(node.value), phrase=True)
        value = _kind_value(node.value) if node.name == "kind" else node.value
        return Leaf(KEYWORD_FIELDS[node.name], "exact", value)
    if isinstance(node, ql.Not):
        return Node("AND", True, (_compile(node.item, aliases),))
    connector = "OR" if isinstance(node, ql.Or) else "AND"
    return Node(connector, False, tuple(_compile(item, aliases) for item in node.items))


def _shown(node: ql.Node, aliases: dict[str, tuple[str, ...]]) -> str:
    """The query as it is searched: normalised (simplified, folded), aliases spelt out."""
    if isinstance(node, ql.Word) and not node.exact and node.text in aliases:
        return "(" + " OR ".join(analysis.normalize(n) for n in aliases[node.text]) + ")"
    if isinstance(node, ql.Field) and node.name in ("official", "org") and node.value in aliases:
        return f"{node.name}:(" + " OR ".join(analysis.normalize(n) for n in aliases[node.value]) + ")"
    if isinstance(node, ql.Not):
        return "-" + _shown_grouped(node.item, aliases)
    if isinstance(node, ql.And):
        return " ".join(_shown_grouped(i, aliases) if isinstance(i, ql.Or) else _shown(i, aliases) for i in node.items)
    if isinstance(node, ql.Or):
        return " OR ".join(_shown_grouped(i, aliases) if isinstance(i, ql.And) else _shown(i, aliases)
                           for i in node.items)
    if isinstance(node, ql.Word | ql.Phrase | ql.Field):
        return analysis.normalize(str(node))
    return str(node)


def _shown_grouped(node: ql.Node, aliases: dict[str, tuple[str, ...]]) -> str:
    text = _shown(node, aliases)
    return f"({text})" if isinstance(node, ql.And | ql.Or) else text


def searchable(tree: ql.Node) -> bool:
    """Whether the query asks for anything: a word or phrase with letters, digits or characters
    in it, or a field; a query of punctuation alone finds nothing and is refused."""
    if isinstance(tree, ql.Word | ql.Phrase):
        return analysis.analyze_word(tree.text) is not None
    if isinstance(tree, ql.Field | ql.DateRange):
        return True
    if isinstance(tree, ql.Not):
        return searchable(tree.item)
    return any(searchable(item) for item in tree.items)


def check(tree: ql.Node) -> None:
    """UnknownValue for a field value no record can have (kind:xyz)."""
    _compile(tree, {})


def query_plan(tree: ql.Node, aliases: dict[str, tuple[str, ...]]) -> Plan:
    root = _compile(tree, aliases)
    if isinstance(root, Leaf):
        root = Node("AND", False, (root,))
    marked = [*ql.positive_texts(tree)]
    for text in list(marked):
        marked.extend(aliases.get(text, ())[1:])
    return Plan(root, tuple(dict.fromkeys(marked)), _shown(tree, aliases))
