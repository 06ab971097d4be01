"""A document's life: editors record validity and replacements; the chain of versions and what
changed between them; the document list, the search facets and the API reflect it at once."""

import datetime

import pytest

from articles.models import PolicyDocument, Validity
from articles.selectors.documents import document_versions
from textkit import text_diff

OLD_TEXT = "第一条 为了促进科技金融发展，制定本办法。\n第二条 本办法自发布之日起施行。\n第三条 由科技部负责解释。"
NEW_TEXT = "第一条 为了促进科技金融高质量发展，制定本办法。\n第二条 本办法自2026年1月1日起施行。\n第三条 由科技部负责解释。\n第四条 新增条款。"


@pytest.fixture
def versions(kb):
    old = PolicyDocument.objects.create(title="科技金融管理办法", issued_on=datetime.date(2020, 1, 1),
                                        full_text=OLD_TEXT, validity=Validity.REPEALED)
    new = PolicyDocument.objects.create(title="科技金融管理办法（2025年修订）", issued_on=datetime.date(2025, 6, 1),
                                        full_text=NEW_TEXT, validity=Validity.IN_FORCE, amends=old)
    old.replaced_by = new
    old.save()
    return old, new


def test_the_chain_runs_from_the_first_version_to_the_last(versions):
    old, new = versions
    assert document_versions(document=old) == [old, new] == document_versions(document=new)


def test_the_diff_marks_what_changed_paragraph_and_character():
    rows = text_diff.compare(OLD_TEXT, NEW_TEXT)
    assert [row.kind for row in rows] == ["changed", "changed", "same", "added"]
    assert ("added", "高质量") in rows[0].new and ("same", "第三条 由科技部负责解释。") in rows[2].old


def test_the_pages_show_validity_replacement_versions_and_the_side_by_side_diff(client, versions):
    old, new = versions
    page = client.get(f"/documents/{old.pk}/").content.decode()
    assert "已废止" in page and f'href="/documents/{new.pk}/"' in page and "版本沿革" in page
    diff_url = f"/documents/{old.pk}/diff/{new.pk}/"
    assert diff_url in client.get(f"/documents/{new.pk}/").content.decode()
    diff = client.get(diff_url).content.decode()
    assert "<ins>高质量</ins>" in diff and "<del>发布之</del>" in diff and "<script" not in diff


def test_the_list_filters_and_counts_by_validity(client, versions):
    old, new = versions
    page = client.get("/documents/?validity=repealed").content.decode()
    row = '<th scope="row"><a href="/documents/{}/">'
    assert row.format(old.pk) in page and row.format(new.pk) not in page
    assert f"由<a href=\"/documents/{new.pk}/\">" in page  # the replacement is named on the old row
    assert "已废止（1）" in page and "现行有效（1）" in page  # the other values stay offered


def test_an_editors_change_reaches_the_list_the_search_facets_and_the_api_at_once(
    client, admin_client, indexed_kb, django_capture_on_commit_callbacks
):
    document = indexed_kb.documents["零碳"]
    replacement = PolicyDocument.objects.create(title="关于深入推进零碳工厂建设的实施方案")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/articles/policydocument/{document.pk}/change/", {
            **_admin_form(document), "validity": "repealed", "replaced_by": replacement.pk,
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "已废止" in client.get("/documents/?validity=repealed").content.decode()
    search = client.get("/api/search", {"q": "零碳工厂", "kind": "policy_document"}).json()
    assert search["facets"]["validity"].get("repealed") == 1
    filtered = client.get("/api/search", {"q": "零碳工厂", "validity": "in_force"}).json()
    assert filtered["count"] == 0
    api = client.get(f"/api/policy-documents/{document.pk}").json()
    assert api["validity"] == "repealed" and api["replaced_by"]["id"] == replacement.pk
    listed = client.get("/api/policy-documents", {"validity": "repealed"}).json()
    assert [d["id"] for d in listed["results"]] == [document.pk]
    page = client.get("/search/", {"q": "零碳工厂"}).content.decode()
    assert "效力（政策文件）" in page and "已废止" in page


def _admin_form(document):
    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(document).items() if v is not None}
    data["issuers"] = [o.pk for o in document.issuers.all()]
    data["cites"] = [d.pk for d in document.cites.all()]
    for prefix in ("mentions",):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_the_citations_endpoint_lists_both_directions_newest_first_with_counts_per_year(client, kb, versions):
    old, new = versions
    new.cites.add(old)
    document = kb.documents["零碳"]
    body = client.get(f"/api/policy-documents/{old.pk}/citations").json()
    assert [d["id"] for d in body["cited_by_documents"]] == [new.pk] and body["per_year"] == {"2025": 1}
    zero_carbon = client.get(f"/api/policy-documents/{document.pk}/citations").json()
    days = [a["published_on"] for a in zero_carbon["cited_by_articles"]]
    assert days and days == sorted(days, reverse=True)
    assert sum(zero_carbon["per_year"].values()) == len(days)
    assert client.get("/api/policy-documents/999999/citations").status_code == 404
