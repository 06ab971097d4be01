from pathlib import Path

from django.core.management.base import BaseCommand

from ._texts import run


class Command(BaseCommand):
    help = "导入报纸版面或网页的纯文本（UTF-8、GBK、Big5）：解析全部文件后在一个事务中写入。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="文本文件")
        parser.add_argument("--dry-run", action="store_true", help="只解析并显示将要导入的内容，不写数据库")
        parser.add_argument("--json", action="store_true", help="与 --dry-run 合用：以 JSON 输出解析结果")

    def handle(self, *args, paths: list[Path], dry_run: bool, json: bool, **options):
        run(self, paths, dry_run=dry_run or json, as_json=json)
