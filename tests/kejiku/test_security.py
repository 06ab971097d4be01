"""Headers and login protection every page carries."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_repeated_failed_admin_logins_are_locked_out(client, editor, settings):
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "bianji", "password": "错误密码"})
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode()
    locked = client.post(login, {"username": "bianji", "password": "错误密码"})
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()
    # Even the right password is refused while the lock lasts.
    assert client.post(login, {"username": "bianji", "password": "pw-不要用于生产"}).status_code == 429


def test_a_correct_login_works_and_anonymous_visitors_cannot_reach_the_admin(client, editor):
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 302
    response = client.post(reverse("admin:login"), {"username": "bianji", "password": "pw-不要用于生产"})
    assert response.status_code == 302
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_api_errors_name_the_parameter_a_person_typed(client):
    response = client.get("/api/search", {"q": "科技", "kind": ["article", "未知类别"]})
    assert response.status_code == 400
    assert response.json()["error"].startswith("kind")
    response = client.get("/api/search", {"q": "科技", "page": "abc"})
    assert response.json()["error"].startswith("page:")
