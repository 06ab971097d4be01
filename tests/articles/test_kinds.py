"""The registry of kinds is the one list of kinds: the places that used to keep their own maps
read it, and `manage.py check` fails when it and the models disagree."""

import dataclasses

import pytest

from articles import checks as articles_checks
from articles import kinds
from articles.links import url_for
from articles.models import Mention, Official, PolicyDocument
from search import checks as search_checks
from search.api_schemas import Kind
from search.dictionary import NAMED_MODELS
from search.params import KIND_LABELS


def test_the_registry_agrees_with_the_models_urls_and_index():
    assert articles_checks.kinds_agree() == []
    assert search_checks.every_searched_kind_is_indexed() == []


def test_searched_kinds_everywhere_come_from_the_registry():
    searched = tuple(kind.index_kind for kind in kinds.indexed())
    assert searched == ("article", "official", "meeting", "policy_document")
    assert tuple(KIND_LABELS) == searched
    assert Kind.__args__ == searched
    assert KIND_LABELS["policy_document"] == "政策文件"
    assert set(NAMED_MODELS) >= {kind.model for kind in kinds.KINDS if kind.words}


@pytest.mark.django_db
def test_every_record_links_to_its_kinds_page(make_article):
    article = make_article()
    official = Official.objects.create(name="阴和俊")
    document = PolicyDocument.objects.create(title="关于加快推进科技金融发展的指导意见")
    assert url_for(article) == f"/articles/{article.pk}/"
    assert url_for(official) == f"/officials/{official.pk}/"
    assert url_for(document).endswith(f"/{document.pk}/")


def test_a_kind_without_its_mention_column_fails_the_check(monkeypatch):
    broken = tuple(
        dataclasses.replace(kind, mention_field=None) if kind.name == "meeting" else kind for kind in kinds.KINDS
    )
    monkeypatch.setattr(kinds, "KINDS", broken)
    assert [error.id for error in articles_checks.kinds_agree()] == ["articles.E001"]
    assert "meeting" not in tuple(kind.mention_field for kind in kinds.mentioned())
    assert Mention.ENTITY_FIELDS == ("official", "organization", "meeting", "document")


def test_a_kind_whose_page_does_not_exist_fails_the_check(monkeypatch):
    broken = (*kinds.KINDS, kinds.Kind("budget", Official, "预算", "articles:budget"))
    monkeypatch.setattr(kinds, "KINDS", broken)
    assert [error.id for error in articles_checks.kinds_agree()] == ["articles.E003"]


def test_a_searched_kind_without_an_index_fails_the_check(monkeypatch):
    broken = tuple(
        dataclasses.replace(kind, index_kind="organization") if kind.name == "organization" else kind
        for kind in kinds.KINDS
    )
    monkeypatch.setattr(kinds, "KINDS", broken)
    assert [error.id for error in search_checks.every_searched_kind_is_indexed()] == ["search.E004"]
