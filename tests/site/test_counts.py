"""The counts the home, topic, official, document and source pages show (articles.selectors.tallies)
equal a count over the articles themselves, on the knowledge base cut from the seed texts."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth

from articles.models import Article, Meeting, Mention, Official, PolicyDocument, Source, Topic
from articles.selectors import tallies as counts
from articles.selectors.topics import topic_subtree_ids
from articles.services import tallies


def _oracle_months(articles) -> dict[datetime.date, int]:
    rows = (articles.exclude(published_on=None).annotate(m=TruncMonth("published_on")).values("m")
            .annotate(n=Count("pk", distinct=True)))
    return {row["m"]: row["n"] for row in rows}


def _oracle_ranked(articles, field: str) -> list[tuple[int, int]]:
    rows = (Mention.objects.filter(article__in=articles, **{f"{field}__isnull": False}).values(f"{field}_id")
            .annotate(n=Count("article", distinct=True)).order_by("-n", f"{field}_id"))
    return [(row[f"{field}_id"], row["n"]) for row in rows[:8]]


def test_every_page_count_equals_a_count_over_the_articles_of_the_seed_knowledge_base(kb):
    scopes = {"all": Article.objects.all()}
    for topic in Topic.objects.all():
        filed = Article.topics.through.objects.filter(topic__in=topic_subtree_ids(topic=topic)).values("article")
        scopes[counts.scope_of(topic)] = Article.objects.filter(pk__in=filed)
    for source in Source.objects.all():
        scopes[counts.scope_of(source)] = Article.objects.filter(source=source)
    for field, model in (("official", Official), ("meeting", Meeting), ("document", PolicyDocument)):
        for record in model.objects.all():
            scopes[counts.scope_of(record)] = Article.objects.filter(mentions__in=Mention.objects.filter(
                **{field: record})).distinct()
    assert len(scopes) >= 20 and Mention.objects.exists()
    for scope, articles in scopes.items():
        assert counts.months(scope) == _oracle_months(articles), scope
        assert counts.total(scope) == articles.count(), scope
        ranked_by = {"topic": tallies.COUNTED_MENTIONS, "meeting": ("official",)}.get(scope.split(":")[0], ())
        for field in ranked_by:
            got = [(r.entity.pk, r.article_count) for r in counts.most_mentioned(scope, field=field, limit=8)]
            assert got == _oracle_ranked(articles, field), (scope, field)
    assert tallies.drift().clean


def test_a_listing_without_filters_pages_by_the_kept_count_and_a_filtered_one_counts(client, kb):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = kb.topics["产业创新"]
    filed = Article.topics.through.objects.filter(topic__in=topic_subtree_ids(topic=topic)).values("article")
    total = Article.objects.filter(pk__in=filed).count()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/topics/{topic.slug}/").content.decode()
    assert f'<span class="count">{total} 篇</span>' in html and total > 1
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"] and "articles_article" in q["sql"]]
    source = kb.sources["新华社"]
    filtered = client.get(f"/topics/{topic.slug}/?source={source.pk}").content.decode()
    expected = Article.objects.filter(pk__in=filed, source=source).count()
    assert f'<span class="count">{expected} 篇</span>' in filtered and expected < total


def test_a_documents_coverage_count_leaves_out_its_interpretations(kb):
    from articles.selectors.documents import document_coverage, document_coverage_count

    documents = list(PolicyDocument.objects.all())
    assert documents
    for document in documents:
        assert document_coverage_count(document=document) == document_coverage(document=document).count()
