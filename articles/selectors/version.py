"""A cheap fingerprint of the knowledge base, for cache keys of derived data and pages.

It changes whenever a record of an entity table is added or removed and whenever an article
is saved through the ORM (updated_at). Edits made with queryset.update() do not change it;
every cache keyed on it also expires on its own (minutes).
"""

from django.db.models import Count, Max

from articles.models import Article, Meeting, Mention, Official, PolicyDocument, Topic

_TABLES = (Official, Meeting, PolicyDocument, Topic, Mention)


def data_version() -> str:
    articles = Article.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    last = articles["last"].timestamp() if articles["last"] else 0
    parts = [f"{articles['n']}.{articles['top']}.{last}"]
    for model in _TABLES:
        row = model.objects.aggregate(n=Count("pk"), top=Max("pk"))
        parts.append(f"{row['n']}.{row['top']}")
    return "-".join(parts)
