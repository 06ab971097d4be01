"""Reprints (通稿): one story printed by several outlets is one cluster, measured on real printings."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.ingest.pipeline import parse_document
from articles.models import Article, ReprintKey, SearchOutbox, Source
from articles.selectors.reprints import cluster_key, other_printings
from articles.services import reprints
from articles.services.imports import import_document
from bench import reprints as bench
from textkit import analysis
from textkit import reprints as kit

DATA = Path(__file__).resolve().parents[1] / "data" / "reprints"


def body(ident: str) -> str:
    return (DATA / "texts" / f"{ident}.txt").read_text(encoding="utf-8").partition("\n\n")[2]


# -- measured on tests/data/reprints (bench/reprints.py) ---------------------------------------
@pytest.fixture(scope="module")
def measured():
    return bench.measure()


def test_the_set_is_what_its_readme_says(measured):
    assert measured["texts"] >= 50 and measured["clusters"] >= 18 and measured["distractors"] >= 10
    assert measured["scores"]["cross_script"]["true"] >= 12  # printings in the other script


def test_precision_and_recall_hold_their_floors(measured):
    # Measured: all pairs P 0.744 R 0.970; tuning P 0.812 R 1.0; held-out P 0.545 R 0.857. Every
    # false pair is in the 港澳办 / 中联办 / 习近平 family of three near-identical statements.
    scores = measured["scores"]
    assert scores["all"]["precision"] >= 0.72 and scores["all"]["recall"] >= 0.95
    assert scores["tuning"]["precision"] >= 0.79 and scores["tuning"]["recall"] >= 0.98
    assert scores["held_out"]["precision"] >= 0.5 and scores["held_out"]["recall"] >= 0.83
    assert measured["lsh_candidate_recall"] >= 0.97
    assert all({pair["a"].split("_")[0], pair["b"].split("_")[0]} <= {"gangaoban", "liaison", "xi"}
               for pair in measured["wrong_pairs"])


def test_the_results_file_is_the_measurement(measured):
    stored = json.loads((Path(bench.RESULTS)).read_text(encoding="utf-8"))
    assert stored["scores"] == measured["scores"]


# -- behaviour of the text kit -----------------------------------------------------------------
def test_traditional_and_simplified_printings_are_one_story():
    # Real printings: 人民网 (simplified) and 信报 (traditional) of one release.
    assert kit.same_story(body("macau_people"), body("macau_hkej"))
    assert kit.same_story(body("jlee_xinhua"), body("jlee_rthk"))
    # The same text converted by OpenCC matches itself whole.
    text = body("nfra_people")
    similarity = kit.similarity(kit.shingles(text), kit.shingles(analysis.convert(text, "s2t")))
    assert similarity.jaccard > 0.95


def test_a_different_story_on_the_same_day_is_not_a_reprint():
    assert not kit.same_story(body("cmcc_dotdot"), body("x_bucg_dotdot"))  # same template, other donor
    assert not kit.same_story(body("x_traffic_govhk"), body("x_traffic2_govhk"))  # two releases, one morning
    assert not kit.same_story(body("x_wang_court_setn"), body("x_wang_plea_setn"))  # one case, one reporter
    assert not kit.same_story(body("liu_ltn"), body("kanai_ltn"))  # two 中央社 stories on one meeting


def test_short_texts_are_never_reprints():
    assert not kit.same_story("新华社记者 李鑫 摄", "新华社记者 李鑫 摄")
    assert kit.band_keys(kit.shingles("新华社记者 李鑫 摄")) == []


def test_keys_are_stable_63_bit_integers():
    keys = kit.band_keys(kit.shingles(body("remit_dotdot")))
    assert len(keys) == kit.BANDS and all(0 <= key < 2**63 for key in keys)
    assert keys == kit.band_keys(kit.shingles(body("remit_dotdot")))
    assert set(keys) & set(kit.band_keys(kit.shingles(body("remit_tkww"))))


# -- the knowledge base ------------------------------------------------------------------------

def _printing(ident: str, day: datetime.date, outlet: str = "新华社", **fields) -> Article:
    source, _ = Source.objects.get_or_create(name=outlet)
    return Article.objects.create(title=ident, body=body(ident), source=source, published_on=day, **fields)


DAY = datetime.date(2025, 11, 27)


@pytest.mark.django_db
def test_the_service_clusters_the_real_set_as_measured():
    texts = bench.load()
    articles = {}
    for entry in texts:
        articles[entry["id"]] = article = _printing(entry["id"], datetime.date.fromisoformat(entry["date"]),
                                                    entry["outlet"])
        reprints.assign_cluster(article)
    expected = kit.cluster((entry["id"], entry["body"]) for entry in texts)
    stored = {ident: cluster_key(Article.objects.get(pk=a.pk)) for ident, a in articles.items()}
    assert {ident: articles[first].pk for ident, first in expected.items()} == stored


@pytest.mark.django_db
def test_printings_point_at_the_first_and_record_their_changes():
    first = _printing("jlee_xinhua", DAY)
    assert reprints.assign_cluster(first) == first.pk
    SearchOutbox.objects.all().delete()
    second = _printing("jlee_rthk", DAY, "香港电台")
    assert reprints.assign_cluster(second) == first.pk
    second.refresh_from_db()
    assert second.reprint_of == first
    recorded = set(SearchOutbox.objects.filter(model_label="articles.article").values_list("object_pk", flat=True))
    assert {str(first.pk), str(second.pk)} <= recorded  # each page lists the other
    assert ReprintKey.objects.filter(article=second).count() == kit.BANDS


@pytest.mark.django_db
def test_an_earlier_printing_found_later_becomes_the_first():
    late = _printing("howaiho_rthk", DAY + datetime.timedelta(days=1), "香港电台")
    later = _printing("howaiho_people", DAY + datetime.timedelta(days=2), "人民网")
    for article in (late, later):
        reprints.assign_cluster(article)
    early = _printing("howaiho_hkej", DAY, "信报")
    assert reprints.assign_cluster(early) == early.pk
    assert {a.reprint_of_id for a in Article.objects.exclude(pk=early.pk)} == {early.pk}
    assert Article.objects.get(pk=early.pk).reprint_of is None


@pytest.mark.django_db
def test_a_different_story_stays_apart_and_a_rewritten_text_leaves_its_story():
    first = _printing("stopwork_govhk", DAY)
    other = _printing("x_traffic_govhk", DAY)
    for article in (first, other):
        reprints.assign_cluster(article)
    assert Article.objects.get(pk=other.pk).reprint_of is None
    copy = _printing("stopwork_dotdot", DAY, "点新闻")
    reprints.assign_cluster(copy)
    copy.refresh_from_db()
    assert copy.reprint_of == first
    copy.body = body("x_traffic2_govhk")
    copy.save()
    reprints.assign_cluster(copy)
    assert Article.objects.get(pk=copy.pk).reprint_of is None


@pytest.mark.django_db
def test_deleting_the_first_printing_hands_the_story_to_the_next():
    printings = [_printing(ident, DAY + datetime.timedelta(days=n), outlet)
                 for n, (ident, outlet) in enumerate([("jlee_xinhua", "新华社"), ("jlee_people", "人民网"),
                                                      ("jlee_hkej", "信报")])]
    for article in printings:
        reprints.assign_cluster(article)
    printings[0].delete()
    second, third = (Article.objects.get(pk=a.pk) for a in printings[1:])
    assert second.reprint_of is None and third.reprint_of == second


def _page(outlet: str, day: str, ident: str) -> bytes:
    title = (DATA / "texts" / f"{ident}.txt").read_text(encoding="utf-8").partition("\n\n")[0]
    paragraphs = "\n\n".join(f"　　{line}" for line in body(ident).splitlines() if line.strip())
    return f"首页 > 要闻 > 正文\n\n{title}\n\n{day} 10:00:00　来源：{outlet}\n\n{paragraphs}\n\n责任编辑：王明\n".encode()


@pytest.mark.django_db
def test_an_import_assigns_the_story():
    import_document(parse_document(_page("新华社", "2025-11-27", "jlee_xinhua"), filename="xinhua.txt"))
    import_document(parse_document(_page("人民网", "2025-11-28", "macau_people"), filename="macau.txt"))
    report = import_document(parse_document(_page("人民网", "2025-11-27", "jlee_people"), filename="people.txt"))
    assert report.created["文章"] == 1
    xinhua = Article.objects.get(source_file="xinhua.txt")
    people = Article.objects.get(source_file="people.txt")
    macau = Article.objects.get(source_file="macau.txt")
    assert people.reprint_of == xinhua and xinhua.reprint_of is None and macau.reprint_of is None
    # Importing the same file again changes nothing.
    import_document(parse_document(_page("人民网", "2025-11-27", "jlee_people"), filename="people.txt"))
    assert Article.objects.get(pk=people.pk).reprint_of == xinhua


@pytest.mark.django_db
def test_the_article_page_lists_the_other_printings(client):
    first = _printing("macau_people", DAY, "人民网")
    second = _printing("macau_hkej", DAY, "信报", script="traditional")
    third = _printing("macau_rthk", DAY + datetime.timedelta(days=1), "香港电台", script="traditional")
    for article in (first, second, third):
        reprints.assign_cluster(article)
    assert [a.pk for a in other_printings(third)] == [first.pk, second.pk]
    page = client.get(reverse("articles:article", kwargs={"pk": third.pk})).content.decode()
    assert "同一通稿的其他刊载（2 家媒体）" in page
    assert reverse("articles:article", kwargs={"pk": first.pk}) in page and "首发" in page
    assert "信报" in page and "2025年11月27日" in page
    alone = _printing("x_typhoon_ltn", DAY, "自由时报")
    reprints.assign_cluster(alone)
    assert "同一通稿" not in client.get(reverse("articles:article", kwargs={"pk": alone.pk})).content.decode()


@pytest.mark.django_db
def test_find_reprints_reclusters_everything_but_editors_decisions():
    first = _printing("hkma_govhk", DAY, "香港政府新闻网")
    copy = _printing("hkma_tvb", DAY, "无线新闻")
    wrong = _printing("remit_dotdot", DAY, "点新闻", reprint_of=first)  # a stale link
    checked = _printing("hkma_oncc", DAY, "东网", reprint_checked=True)  # an editor said: not a reprint
    out = StringIO()
    call_command("find_reprints", stdout=out)
    assert "4 篇文章" in out.getvalue() and "1 篇通稿共 2 次刊载" in out.getvalue()
    assert Article.objects.get(pk=copy.pk).reprint_of_id == first.pk
    assert Article.objects.get(pk=wrong.pk).reprint_of is None
    assert Article.objects.get(pk=checked.pk).reprint_of is None
    assert ReprintKey.objects.values("article").distinct().count() == 4
    ReprintKey.objects.all().delete()
    call_command("find_reprints", "--keys-only", stdout=StringIO())
    assert ReprintKey.objects.count() == 4 * kit.BANDS


@pytest.mark.django_db
def test_editors_correct_the_story_in_the_admin(editor_client):
    first = _printing("labour_govhk", DAY, "香港政府新闻网")
    copy = _printing("labour_hkej", DAY, "信报")
    other = _printing("x_fs_meeting_govhk", DAY, "香港政府新闻网")
    for article in (first, copy, other):
        reprints.assign_cluster(article)
    form = {
        "kicker": "", "title": other.title, "subtitle": "", "body": other.body, "kind": "news",
        "script": "simplified", "source": other.source_id, "published_on": "2025-11-27", "page": "",
        "credited_source": "", "editor": "", "agency": "", "dateline_place": "", "dateline_date": "",
        "reporters": "[]", "photographers": "[]", "source_file": "", "line_start": "", "line_end": "",
        "reprint_of": copy.pk,  # a printing of the story: the story's first printing is stored
        "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:articles_article_change", args=[other.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    other.refresh_from_db()
    assert other.reprint_of == first and other.reprint_checked
    changelist = reverse("admin:articles_article_changelist")
    listed = editor_client.get(changelist, {"reprint": "yes"}).content.decode()
    assert copy.title in listed and f">{first.title}<" not in listed
    assert first.title in editor_client.get(changelist, {"reprint": "first"}).content.decode()
    # Pointing the first printing at one of its own printings is refused on the form.
    form.update(title=first.title, body=first.body, reprint_of=copy.pk)
    refused = editor_client.post(reverse("admin:articles_article_change", args=[first.pk]), form)
    assert refused.status_code == 200 and "不能指向本篇自己或本篇的转载" in refused.content.decode()
