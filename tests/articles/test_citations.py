"""Citations: every 《title》 and document number in an article or a document's full text resolves
to the document it names — with or without its issuers, 中华人民共和国, in any bracket form — or
waits for an editor, who links it or creates the document; 解读 are told from coverage.
On real texts: the seeds, tests/data/real (中国政府网 pages) and tests/data/interpretations."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse

from articles.ingest.citations import find_citations, title_key
from articles.ingest.documents import issuers_in_title
from articles.ingest.pipeline import parse_document
from articles.models import Article, Mention, PolicyDocument, Source, UnresolvedCitation
from articles.services import citations
from articles.services.imports import import_document
from bench import interpretations as bench

TESTS = Path(__file__).resolve().parents[1]
SEEDS = TESTS.parent / "fixtures" / "seeds"
INTERPRETATIONS = TESTS / "data" / "interpretations"
REAL = TESTS / "data" / "real" / "pages"


def seed_paragraph(words: str) -> str:
    return next(line for path in sorted(SEEDS.glob("*.txt"))
                for line in path.read_text(encoding="utf-8").splitlines() if words in line)


def gold(ident: str) -> dict:
    return next(entry for entry in bench.load() if entry["id"] == ident)


def page(ident: str) -> bytes:
    """A real text of tests/data/interpretations as a news page prints it."""
    entry = gold(ident)
    paragraphs = "\n\n".join(f"　　{line}" for line in entry["body"].splitlines() if line.strip())
    return (f"首页 > 要闻 > 正文\n\n{entry['title']}\n\n{entry['date']} 10:00:00　来源：{entry['outlet']}\n\n"
            f"{paragraphs}\n\n责任编辑：王明\n").encode()


def imported(ident: str) -> Article:
    import_document(parse_document(page(ident), filename=f"{ident}.txt"))
    return Article.objects.get(source_file=f"{ident}.txt")


# -- the text kit ----------------------------------------------------------------------------------

def test_a_title_its_number_and_its_declared_short_title_are_found_in_a_real_paragraph():
    text = seed_paragraph("工信部联节[2026]13号")
    found = find_citations(text)
    assert [(c.kind, c.title or c.number) for c in found] == [
        ("title", "关于开展零碳工厂建设工作的指导意见"), ("number", "工信部联节〔2026〕13号")]
    later = seed_paragraph("《指导意见》提出")
    # Declared in another paragraph: alone, the bare genre word names nothing and is passed over.
    assert [c.title for c in find_citations(later)] == ["指导意见"] and not citations.citations_in(later)
    both = find_citations(text + later)
    assert both[-1].title == "关于开展零碳工厂建设工作的指导意见" and both[-1].surface == "《指导意见》"


def test_a_number_after_a_verb_keeps_only_its_issuer():
    (number,) = find_citations("根据国办发（2024）5号文件精神")
    assert number.number == "国办发〔2024〕5号" and number.surface == "国办发（2024）5号"


def test_the_issuers_a_title_names_before_guanyu_are_read_only_when_they_are_all_organizations():
    assert issuers_in_title("国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知") == [
        "国务院办公厅", "中央军委办公厅"]  # a 中国政府网 title (tests/data/real/pages/govcn_02.html)
    assert issuers_in_title("关于开展零碳工厂建设工作的指导意见") == []
    assert issuers_in_title("全市上下关于加快发展的意见") == []  # not an organization before 关于


def test_the_ways_of_writing_one_title_share_a_key():
    # Titles as 中国政府网 and 人民日报 print them (tests/data/real, tests/data/interpretations).
    assert title_key("中共中央办公厅国务院办公厅关于加强新就业群体服务管理的意见") == title_key(
        "关于加强新就业群体服务管理的意见")
    assert title_key("國務院辦公廳關於科技節水建議的復函") == title_key("关于科技节水建议的复函")
    assert title_key("中华人民共和国药品管理法实施条例") == title_key("药品管理法实施条例")
    assert title_key("“人工智能+”行动方案") == title_key("人工智能+行动方案")
    assert title_key("关于改革完善儿童用药供应保障机制的实施意见") != title_key("关于加强新就业群体服务管理的意见")


# -- the knowledge base ----------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_title_cited_with_and_without_its_issuers_is_one_document():
    answered = imported("newjob_qa")  # 《关于加强新就业群体服务管理的意见》
    local = imported("newjob_local")  # 《中共中央办公厅国务院办公厅关于加强新就业群体服务管理的意见》
    documents = PolicyDocument.objects.filter(title_key=title_key("关于加强新就业群体服务管理的意见"))
    assert documents.count() == 1
    document = documents.get()
    for article in (answered, local):
        assert Mention.objects.filter(article=article, document=document).exists()
    # The issuers the longer title names are the document's issuers.
    assert {o.name for o in document.issuers.all()} == {"中共中央办公厅", "国务院办公厅"}


@pytest.mark.django_db
def test_a_number_in_any_brackets_names_the_document_that_carries_it():
    document = PolicyDocument.objects.create(title="关于开展零碳工厂建设工作的指导意见",
                                              doc_number="工信部联节[2026]13号")
    assert document.doc_number == "工信部联节〔2026〕13号"  # kept in the canonical form
    source = Source.objects.create(name="中国高新技术产业导报")
    article = Article.objects.create(title="五部门联合发文推进零碳工厂建设", body=seed_paragraph("工信部联节[2026]13号"),
                                     source=source, published_on=datetime.date(2026, 2, 2))
    report = citations.resolve_article(article)
    assert report.resolved == 2 and not report.waiting
    spans = {(m.surface, m.document_id) for m in article.mentions.all()}
    assert spans == {("《关于开展零碳工厂建设工作的指导意见》", document.pk), ("工信部联节[2026]13号", document.pk)}
    assert citations.resolve_article(article).added == 0  # resolving again adds nothing


@pytest.mark.django_db
def test_a_citation_waits_for_editors_until_its_document_exists():
    # A real 中国政府网 page cites 《清洁生产促进法》, which the knowledge base does not hold.
    import_document(parse_document((REAL / "govcn_03.html").read_bytes(), filename="govcn_03.html"))
    citing = PolicyDocument.objects.exclude(full_text="").get()
    PolicyDocument.objects.exclude(pk=citing.pk).delete()
    report = citations.resolve_document(citing)
    waiting = UnresolvedCitation.objects.get(citing_document=citing)
    assert report.waiting == ["《清洁生产促进法》"] and waiting.reason == "not_found"
    law = PolicyDocument.objects.create(title="中华人民共和国清洁生产促进法")
    assert citations.retry_for(law).added == 1
    assert list(citing.cites.all()) == [law] and not UnresolvedCitation.objects.exists()


@pytest.mark.django_db
def test_two_documents_on_one_key_are_left_to_an_editor_with_both_as_candidates():
    first = PolicyDocument.objects.create(title="国务院办公厅关于加强新就业群体服务管理的意见")
    second = PolicyDocument.objects.create(title="人力资源社会保障部关于加强新就业群体服务管理的意见")
    source = Source.objects.create(name="人民日报")
    entry = gold("newjob_qa")
    article = Article.objects.create(title=entry["title"], body=entry["body"], source=source)
    report = citations.resolve_article(article)
    assert report.resolved == 0 and report.waiting
    row = UnresolvedCitation.objects.filter(article=article).first()
    assert row.reason == "ambiguous" and set(row.candidates.all()) == {first, second}


@pytest.mark.django_db
def test_an_editor_links_a_waiting_citation_and_every_one_like_it_follows(editor_client):
    source = Source.objects.create(name="人民日报")
    entry = gold("newjob_qa")
    articles = [Article.objects.create(title=f"{entry['title']} {n}", body=entry["body"], source=source)
                for n in range(2)]
    for article in articles:
        citations.resolve_article(article, interpret=False)
    key = title_key("关于加强新就业群体服务管理的意见")
    waiting = UnresolvedCitation.objects.filter(article__in=articles, key=key)
    assert waiting.count() >= 2 and {row.reason for row in waiting} == {"not_found"}
    # Created outside the admin and the importer, so nothing retried the waiting citations.
    document = PolicyDocument.objects.create(title="关于加强新就业群体服务管理的意见")
    listing = editor_client.get(reverse("admin:articles_unresolvedcitation_changelist")).content.decode()
    assert "新建文件" in listing and "《关于加强新就业群体服务管理的意见》" in listing
    row = waiting.first()
    response = editor_client.post(reverse("admin:articles_unresolvedcitation_change", args=[row.pk]),
                                  {"link_to": document.pk})
    assert response.status_code == 302
    assert not UnresolvedCitation.objects.filter(key=key).exists()
    assert all(Mention.objects.filter(article=a, document=document).exists() for a in articles)


@pytest.mark.django_db
def test_an_interpretation_is_linked_as_such_and_the_page_shows_it_apart_from_coverage(client):
    answered = imported("newjob_qa")
    local = imported("newjob_local")
    document = PolicyDocument.objects.get(title_key=title_key("关于加强新就业群体服务管理的意见"))
    assert list(document.interpretations.all()) == [answered]
    assert not local.interprets.exists()
    html = client.get(reverse("articles:document", kwargs={"pk": document.pk})).content.decode()
    section = html[html.index('id="interpretations-h"'):html.index('id="coverage-h"')]
    assert answered.title in section and local.title not in section
    assert "报道时间线" in html and local.title in html[html.index('id="coverage-h"'):]
    assert '<span class="count">1 篇</span>' in html  # the coverage, its 解读 left out, from the kept counts
    body = client.get(f"/api/policy-documents/{document.pk}/citations").json()
    assert [a["id"] for a in body["interpretations"]] == [answered.pk]
    months = {m["month"]: (m["interpretations"], m["coverage"]) for m in body["coverage_per_month"]}
    assert sum(i for i, _ in months.values()) == 1 and sum(c for _, c in months.values()) == 1
    dossier = client.get(reverse("articles:document-dossier", kwargs={"pk": document.pk})).content.decode()
    assert f"解读：{answered.title}" in dossier


@pytest.mark.django_db
def test_an_editors_decision_on_interpretations_stands(editor_client):
    answered = imported("newjob_qa")
    Article.objects.filter(pk=answered.pk).update(interpretation_checked=True)
    answered.interprets.clear()
    citations.resolve_all(interpret=True)
    assert not answered.interprets.exists()


# -- measured on tests/data/interpretations (bench/interpretations.py) -----------------------------

@pytest.fixture(scope="module")
def measured():
    return bench.measure()


def test_interpretations_are_told_from_coverage_as_measured(measured):
    # Measured on the 32 tuning texts: the rule as first written, P 1.000 R 0.667; with three cue
    # words seen in its misses (权威发布, 新闻发布会, 解码), P 1.000 R 0.933. On the 22 held-out
    # texts, read after the rule was fixed and never tuned on: P 1.000 R 0.545 (an explainer
    # whose headline announces no explanation is missed; nothing is called 解读 wrongly).
    scores = measured["scores"]
    assert measured["texts"] >= 50 and measured["interpretations"] >= 25
    assert scores["tuning"]["precision"] >= 0.9 and scores["tuning"]["recall"] >= 0.9
    assert scores["held_out"]["precision"] >= 0.9 and scores["held_out"]["recall"] >= 0.5


def test_the_results_file_is_the_measurement(measured):
    stored = json.loads(bench.RESULTS.read_text(encoding="utf-8"))
    assert stored["scores"] == measured["scores"]
