"""Issue #21 item 5, done when: an analyst saves a search, watches 阴和俊, a new page mentioning
him is imported, `send_digests` runs, and exactly one email names the new article; a second run
sends nothing."""

import pytest
from django.core.management import call_command

from articles.models import Article, Official
from tests.watch.conftest import GROUPS, import_seed, make_user
from watch.models import Digest, SavedSearch, Watch

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_gets_exactly_one_email_naming_the_new_article(client, search_index, mailoutbox, settings):
    settings.SITE_URL = "https://kejiku.example"
    import_seed("001")  # the knowledge base already knows 阴和俊
    yin = Official.objects.get(name="阴和俊")
    known = set(Article.objects.values_list("pk", flat=True))

    analyst = make_user("fenxi", group=GROUPS.ANALYST_GROUP, email="fenxi@example.org")
    client.force_login(analyst)
    response = client.post("/watch/save/", {"query": "q=阴和俊&sort=date", "name": "", "frequency": "daily"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=analyst)
    assert saved.name == "阴和俊" and saved.query == "q=%E9%98%B4%E5%92%8C%E4%BF%8A&sort=date"
    assert client.get(f"/watch/add/?official={yin.pk}").status_code == 200
    assert not Watch.objects.exists()  # the GET only shows the form
    assert client.post("/watch/add/", {"official": yin.pk, "frequency": "daily"}).status_code == 302
    Watch.objects.get(user=analyst, official=yin)

    import_seed("000")  # a new page: the stories of 2026-01-26/27, two of them quoting 阴和俊
    new = Article.objects.exclude(pk__in=known).filter(mentions__official=yin).distinct()
    assert new.exists()
    titles = sorted(article.display_title for article in new)

    call_command("send_digests", verbosity=0)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["fenxi@example.org"]
    assert email.subject == f"科技库摘要：{len(titles)} 篇新文章（阴和俊）"
    for title in titles:
        assert title in email.body
    for article in new:
        assert f"https://kejiku.example/articles/{article.pk}/" in email.body
    # both the watch and the saved search (searched in the index the import's commit updated)
    assert "【官员】阴和俊" in email.body and "【检索】阴和俊" in email.body
    old_titles = Article.objects.filter(pk__in=known).values_list("title", flat=True)
    assert not any(title in email.body for title in old_titles if title not in titles)
    html, mime = email.alternatives[0]
    assert mime == "text/html" and titles[0] in html
    assert email.extra_headers["Message-ID"].startswith("<kejiku-digest-")
    assert Digest.objects.get().status == Digest.Status.SENT

    call_command("send_digests", verbosity=0)
    assert len(mailoutbox) == 1  # nothing new, nothing due: no second email
    assert Digest.objects.count() == 1
