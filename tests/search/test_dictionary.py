"""The domain dictionary grows with the knowledge base."""

from __future__ import annotations

import pytest
from haystack.query import SearchQuerySet

from search import dictionary
from textkit import analysis

pytestmark = pytest.mark.django_db(transaction=True)


def indexed_tokens(backend, field: str, token: str) -> int:
    return backend.store.searcher().doc_freq(field, token)


def test_a_new_official_becomes_a_word_and_stories_naming_him_are_reanalysed(search_index, make_article):
    article = make_article(title="蔺栩调研科技金融工作", body="科技部副部长蔺栩到北京亦庄调研。")
    assert "蔺栩" not in [t.text for t in analysis.tokenize(article.body)]
    assert indexed_tokens(search_index, "text", "蔺栩") == 0
    before = dictionary.version_file().read_text() if dictionary.version_file().exists() else ""

    from articles.models import Official

    Official.objects.create(name="藺栩")  # entered in traditional script

    assert "蔺栩" in [t.text for t in analysis.tokenize(article.body)]
    # the story was re-queued and re-indexed with the new word as a token
    assert indexed_tokens(search_index, "text", "蔺栩") == 1
    assert indexed_tokens(search_index, "title", "蔺栩") == 2  # the story's title and the official's
    assert {r.kind for r in SearchQuerySet().auto_query("蔺栩")} == {"article", "official"}
    # other processes learn about it through the version file
    assert dictionary.version_file().read_text() != before


def test_entity_words_come_from_names_aliases_meetings_and_short_titles(db):
    from articles.models import Organization, OrganizationAlias, PolicyDocument

    ministry = Organization.objects.create(name="工业和信息化部")
    alias = OrganizationAlias.objects.create(organization=ministry, name="工信部")
    document = PolicyDocument(title="关于开展零碳工厂建设工作的指导意见", short_title="《指导意见》")
    assert dictionary.entity_words(alias) == ["工信部"]
    assert dictionary.entity_words(document) == ["指导意见"]
    assert {"工业和信息化部", "工信部"} <= set(dictionary.all_words())


def test_documents_containing_new_words_is_index_upkeep_not_a_search(search_index, make_article, monkeypatch):
    story = make_article(title="蔺栩调研科技金融工作", body="科技部副部长蔺栩到北京亦庄调研。")
    make_article(title="手撕钢产线投产", body="太钢手撕钢产线投产。")

    def no_suggestions(*args, **kwargs):
        raise AssertionError("index upkeep asked for a spelling suggestion")

    # A bulk import teaches tens of thousands of names at once; as a reader's search that finds
    # nothing they would each be compared with the whole dictionary for a "did you mean".
    monkeypatch.setattr("search.backends.tantivy_backend.suggest", no_suggestions)
    unknown = [f"未收录名{n}" for n in range(500)]

    assert dictionary.documents_containing(unknown) == []
    assert [type(s) for s in dictionary.documents_containing(["亦莊", *unknown])] == [type(story)]
    assert [s.pk for s in dictionary.documents_containing(["亦莊", *unknown])] == [story.pk]
