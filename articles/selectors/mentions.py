"""Which entities a set of articles mentions most."""

from dataclasses import dataclass

from django.db.models import Count, Model, QuerySet

from articles.models import Article, Mention


@dataclass(frozen=True)
class Ranked:
    entity: Model
    article_count: int


def most_mentioned(*, field: str, articles: QuerySet[Article], limit: int = 5) -> list[Ranked]:
    """Entities of one kind (official, organization, meeting, document) by articles mentioning them."""
    if field not in Mention.ENTITY_FIELDS:
        raise ValueError(f"unknown entity field {field!r}")
    rows = (
        Mention.objects.filter(article__in=articles.order_by().values("pk"), **{f"{field}__isnull": False})
        .values(f"{field}_id")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", f"{field}_id")[:limit]
    )
    counts = {row[f"{field}_id"]: row["n"] for row in rows}
    model = Mention._meta.get_field(field).related_model
    manager = model.objects.select_related("series") if field == "meeting" else model.objects
    entities = manager.in_bulk(list(counts))
    return [Ranked(entity=entities[pk], article_count=n) for pk, n in counts.items() if pk in entities]
