"""The kept article counts (articles.services.tallies, read by articles.selectors.tallies): every
write path moves them in its own transaction, and they always equal a count over the articles."""

from __future__ import annotations

import datetime
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article, Mention, Official, PolicyDocument, Source, TalliedArticle, Tally, Topic
from articles.selectors import tallies as counts
from articles.selectors.topics import topic_subtree_ids
from articles.services import tallies
from articles.services.merge import official_merge

pytestmark = pytest.mark.django_db

JAN, FEB = datetime.date(2026, 1, 5), datetime.date(2026, 2, 9)


def month_rows(scope: str) -> dict[str, int]:
    return dict(Tally.objects.filter(scope=scope, bucket__startswith="month:").values_list("bucket", "articles"))


def assert_no_drift() -> None:
    drift = tallies.drift()
    assert drift.clean, sorted(drift.wrong.items())[:10]


@pytest.fixture
def tree(db):
    parent = Topic.objects.create(name="科技政策", slug="keji-zhengce")
    child = Topic.objects.create(name="国际科技创新中心", slug="zhongxin", parent=parent)
    other = Topic.objects.create(name="基础研究", slug="jichu")
    return parent, child, other


def test_an_article_is_counted_in_its_month_source_topics_and_every_topic_above_them(make_article, tree):
    parent, child, _ = tree
    article = make_article(published_on=JAN)
    article.topics.set([parent, child])  # filed under both: the parent counts it once
    assert month_rows("all") == {"month:2026-01": 1}
    assert month_rows(f"source:{article.source_id}") == {"month:2026-01": 1}
    assert counts.total(f"topic:{parent.pk}") == counts.total(f"topic:{child.pk}") == 1
    assert counts.month_counts(counts.scope_of(parent))[-1].count == 1


def test_an_edited_date_moves_the_article_between_months_and_an_unknown_date_is_counted_as_such(make_article):
    article = make_article(published_on=JAN)
    article.published_on = FEB
    article.save()
    assert month_rows("all") == {"month:2026-02": 1}
    article.published_on = None
    article.save()
    assert month_rows("all") == {"month:undated": 1}
    assert counts.total("all") == 1 and counts.month_counts("all") == []


def test_mentions_count_the_article_for_the_record_and_for_the_month_and_topic_rankings(make_article, tree):
    parent, child, _ = tree
    official = Official.objects.create(name="阴和俊")
    article = make_article(published_on=JAN)
    article.topics.set([child])
    mention = Mention.objects.create(article=article, start=0, end=3, surface="阴和俊", official=official)
    Mention.objects.create(article=article, start=9, end=12, surface="阴和俊", official=official)
    assert month_rows(f"official:{official.pk}") == {"month:2026-01": 1}  # articles, not mentions
    for scope in (f"topic:{parent.pk}", "month:2026-01"):
        assert [(r.entity, r.article_count) for r in counts.most_mentioned(scope, field="official")] == [(official, 1)]
    mention.delete()
    Mention.objects.filter(article=article).delete()
    assert month_rows(f"official:{official.pk}") == {}
    assert counts.most_mentioned("month:2026-01", field="official") == []


def test_a_topic_moved_in_the_tree_moves_its_articles_and_its_descendants_articles(make_article, tree):
    parent, child, other = tree
    grandchild = Topic.objects.create(name="北京中心", slug="beijing", parent=child)
    make_article(published_on=JAN).topics.set([grandchild])
    assert counts.total(f"topic:{parent.pk}") == 1 and counts.total(f"topic:{other.pk}") == 0
    child.parent = other
    child.save()
    assert counts.total(f"topic:{parent.pk}") == 0 and counts.total(f"topic:{other.pk}") == 1
    assert_no_drift()


def test_a_deleted_article_or_topic_is_taken_out(make_article, tree):
    _, child, _ = tree
    kept, gone = make_article(published_on=JAN), make_article(published_on=JAN, title="另一篇")
    kept.topics.set([child])
    gone.delete()
    assert month_rows("all") == {"month:2026-01": 1}
    assert not TalliedArticle.objects.filter(article_id=gone.pk).exists()
    child.delete()
    assert counts.total(f"topic:{child.pk}") == 0
    assert_no_drift()


def test_a_rolled_back_change_leaves_the_counts_as_they_were(make_article):
    make_article(published_on=JAN)
    before = list(Tally.objects.values_list("scope", "bucket", "articles").order_by("scope", "bucket"))
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(published_on=FEB, title="回滚的文章")
        raise RuntimeError("the import failed")
    assert list(Tally.objects.values_list("scope", "bucket", "articles").order_by("scope", "bucket")) == before


def test_merging_officials_moves_their_articles_to_the_kept_one(make_article):
    keep, duplicate = Official.objects.create(name="阴和俊"), Official.objects.create(name="陰和俊")
    article = make_article(published_on=JAN)
    Mention.objects.create(article=article, start=0, end=3, surface="陰和俊", official=duplicate)
    official_merge(keep=keep, duplicates=[duplicate])
    assert counts.total(f"official:{keep.pk}") == 1 and counts.total(f"official:{duplicate.pk}") == 0
    assert_no_drift()


def test_the_most_mentioned_break_ties_by_record_as_a_count_over_mentions_would(make_article):
    officials = [Official.objects.create(name=f"官员{n}") for n in range(12)]  # pks 9 and 10 sort apart as text
    article = make_article(published_on=JAN)
    for official in officials:
        Mention.objects.create(article=article, start=0, end=2, surface=official.name, official=official)
    ranked = counts.most_mentioned("month:2026-01", field="official", limit=12)
    assert [r.entity.pk for r in ranked] == sorted(o.pk for o in officials)
    with pytest.raises(ValueError, match="organization"):
        counts.most_mentioned("all", field="organization")


# -- every write path, in random order -------------------------------------------------------------


class Editor:
    """Random edits through the paths editors and services use: saves, m2m changes from either
    end, mentions created and deleted, topics moved and deleted, officials merged and deleted."""

    def __init__(self, rng: random.Random, source: Source) -> None:
        self.rng, self.source = rng, source
        self.other_source = Source.objects.create(name="科技日报")
        self.made = 0

    def day(self):
        return self.rng.choice([None, JAN, FEB, datetime.date(2025, 12, 31)])

    def pick(self, model):
        pks = list(model.objects.values_list("pk", flat=True))
        return model.objects.get(pk=self.rng.choice(pks)) if pks else None

    def create_article(self):
        self.made += 1
        article = Article.objects.create(title=f"文章{self.made}", body="正文", source=self.source,
                                         published_on=self.day())
        article.topics.set(self.rng.sample(list(Topic.objects.all()), k=self.rng.randint(0, 2)))

    def edit_article(self):
        if article := self.pick(Article):
            article.published_on, article.source = self.day(), self.rng.choice([self.source, self.other_source])
            article.save()

    def file_from_the_topic(self):
        article, topic = self.pick(Article), self.pick(Topic)
        if article and topic:
            (topic.articles.add if self.rng.random() < 0.5 else topic.articles.remove)(article)

    def mention(self):
        article = self.pick(Article)
        record = self.pick(self.rng.choice([Official, PolicyDocument]))
        if article and record:
            field = "official" if isinstance(record, Official) else "document"
            Mention.objects.create(article=article, start=0, end=2, surface="某", **{field: record})

    def unmention(self):
        if mention := self.pick(Mention):
            mention.delete()

    def delete_article(self):
        if article := self.pick(Article):
            article.delete()

    def move_topic(self):
        topic = self.pick(Topic)
        if topic is None:
            return
        below = set(topic_subtree_ids(topic=topic))
        topic.parent = self.rng.choice([None, *Topic.objects.exclude(pk__in=below)])
        topic.save()

    def delete_leaf_topic(self):
        if leaf := Topic.objects.filter(children=None).order_by("?").first():
            leaf.delete()
            self.made += 1
            Topic.objects.create(name=f"主题{self.made}", slug=f"topic-{self.made}", parent=self.pick(Topic))

    def merge_officials(self):
        pair = list(Official.objects.order_by("?")[:2])
        if len(pair) == 2:
            official_merge(keep=pair[0], duplicates=[pair[1]])
            self.made += 1
            Official.objects.create(name=f"官员{self.made}")

    def delete_document(self):
        if document := self.pick(PolicyDocument):
            document.delete()
            self.made += 1
            PolicyDocument.objects.create(title=f"文件{self.made}")


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_through_every_write_path_never_drift(seed, xinhua, tree):
    editor = Editor(random.Random(seed), xinhua)
    for n in range(3):
        Official.objects.create(name=f"官员甲{n}")
        PolicyDocument.objects.create(title=f"文件甲{n}")
    steps = [name for name in vars(Editor) if not name.startswith("_") and name not in ("day", "pick")]
    for _ in range(8):
        editor.create_article()
    for step in range(60):
        name = editor.rng.choice(steps)
        getattr(editor, name)()
        drift = tallies.drift()
        assert drift.clean, (step, name, sorted(drift.wrong.items())[:5])


# -- the audit, the rebuild and the migration -------------------------------------------------------


def test_the_command_reports_drift_and_exits_non_zero_and_rebuild_repairs_it(make_article):
    make_article(published_on=JAN)
    out = io.StringIO()
    call_command("tallies", stdout=out)
    assert "计数一致：核对了 1 篇文章" in out.getvalue()
    Tally.objects.filter(scope="all", bucket="month:2026-01").update(articles=7)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 项计数与文章不符"):
        call_command("tallies", stderr=err)
    assert "all month:2026-01：记为 7，应为 1" in err.getvalue()
    call_command("tallies", "--rebuild", stdout=io.StringIO())
    assert_no_drift()


def test_the_migration_counts_the_articles_a_knowledge_base_already_has(make_article, tree):
    article = make_article(published_on=JAN)
    article.topics.set([tree[1]])
    Mention.objects.create(article=article, start=0, end=2, surface="某", official=Official.objects.create(name="甲"))
    expected = set(Tally.objects.values_list("scope", "bucket", "articles"))
    Tally.objects.all().delete()
    TalliedArticle.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("articles", "0012_article_counts"))
    migration = __import__("articles.migrations.0012_article_counts", fromlist=["count_existing_articles"])
    migration.count_existing_articles(state.apps, None)
    assert set(Tally.objects.values_list("scope", "bucket", "articles")) == expected
    assert_no_drift()
