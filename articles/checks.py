"""System checks (`manage.py check`): the registry of kinds agrees with the models and the URLs.

Adding a kind is one registry entry; a forgotten mention column or page fails here, at start-up,
instead of on the first request that meets the new kind."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.urls import NoReverseMatch, reverse


def kinds_agree(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from articles import kinds
    from articles.models import Mention

    errors: list[checks.CheckMessage] = []
    registered = tuple(kind.mention_field for kind in kinds.mentioned())
    if registered != Mention.ENTITY_FIELDS:
        errors.append(checks.Error(
            f"the registry's mentioned kinds {registered} differ from Mention.ENTITY_FIELDS {Mention.ENTITY_FIELDS}",
            hint="give the kind a mention_field in articles/kinds.py and a column on Mention, in the same order",
            id="articles.E001",
        ))
    for kind in kinds.mentioned():
        field = Mention._meta.get_field(kind.mention_field) if kind.mention_field in Mention.ENTITY_FIELDS else None
        if field is not None and field.related_model is not kind.model:
            errors.append(checks.Error(
                f"Mention.{kind.mention_field} points at {field.related_model.__name__}, "
                f"the registry says {kind.model.__name__}",
                id="articles.E002",
            ))
    for kind in kinds.KINDS:
        if kind.route is None:
            continue
        try:
            reverse(kind.route, kwargs={"pk": 1})
        except NoReverseMatch:
            errors.append(checks.Error(
                f"kind {kind.name!r}: no page {kind.route!r} taking a pk",
                hint="add the page to articles/urls.py or correct the route in articles/kinds.py",
                id="articles.E003",
            ))
    return errors
