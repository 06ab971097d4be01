from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ._texts import run


class Command(BaseCommand):
    help = "导入 fixtures/seeds/*.txt 中的种子版面（可重复执行，结果不变）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只解析并显示，不写数据库")

    def handle(self, *args, dry_run: bool, **options):
        seeds = sorted((Path(settings.BASE_DIR) / "fixtures" / "seeds").glob("*.txt"))
        if not seeds:
            raise CommandError("fixtures/seeds/ 中没有 .txt 文件。")
        run(self, seeds, dry_run=dry_run, as_json=False)
