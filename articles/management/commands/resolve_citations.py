"""Tie every 《title》 and document number in the knowledge base to its document: after a bulk
import (import_corpus), or when documents were added by hand. Imports resolve as they go."""

import time

from django.core.management.base import BaseCommand

from articles.services.citations import resolve_all


class Command(BaseCommand):
    help = ("把全部文章和文件全文中的《标题》与文号对应到知识库中的文件：新增提及和引用关系，"
            "无法对应的列入“未解析的引用”供编辑处理")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interpretations", action="store_true",
            help="同时按标题和导语识别解读文章（编辑核定过的文章不动；编辑删去但未核定的会被重新加上）",
        )

    def handle(self, *args, interpretations: bool, **options) -> None:
        started = time.perf_counter()
        report = resolve_all(interpret=interpretations)
        self.stdout.write(f"{report}，用时 {time.perf_counter() - started:.1f} 秒")
