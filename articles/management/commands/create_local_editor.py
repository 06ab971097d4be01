"""Create (once) a local login in the 编辑 group and print it, for a fresh development setup."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"


class Command(BaseCommand):
    help = "创建本地编辑账号（仅限 DEBUG 开发环境）并打印登录信息"

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("create_local_editor is for local development only (DEBUG is off).")
        password_file = settings.VAR_DIR / "editor-password.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or user_model(username=USERNAME)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name="编辑"))
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        password = password_file.read_text(encoding="utf-8").strip()
        self.stdout.write(f"编辑登录 / editor login: http://127.0.0.1:8000/admin/  用户名 {USERNAME}  密码 {password}")
