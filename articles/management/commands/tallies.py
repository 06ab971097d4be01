"""Check the kept article counts (articles.models.tallies) against a count from scratch, or count
everything again. The services keep the counts in the same transactions as the changes; this is
the audit, run by a timer or after anything that wrote the database around the services."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.services import tallies

SHOWN = 20


class Command(BaseCommand):
    help = "核对各页面所用的文章计数（按月、按主题、按官员与文件）与从头计数是否一致；--rebuild 重新计数"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="清空计数，逐篇重新计数")

    def handle(self, *args, rebuild: bool, **options) -> None:
        started = time.perf_counter()
        if rebuild:
            counted = tallies.rebuild()
            self.stdout.write(f"已重新计数 {counted} 篇文章，用时 {time.perf_counter() - started:.1f} 秒")
            return
        drift = tallies.drift()
        seconds = time.perf_counter() - started
        if drift.clean:
            self.stdout.write(f"计数一致：核对了 {drift.articles} 篇文章，用时 {seconds:.1f} 秒")
            return
        for (scope, bucket), (stored, expected) in sorted(drift.wrong.items())[:SHOWN]:
            self.stderr.write(f"  {scope} {bucket}：记为 {stored}，应为 {expected}")
        raise CommandError(f"{len(drift.wrong)} 项计数与文章不符（核对了 {drift.articles} 篇）。"
                           "运行 manage.py tallies --rebuild 重新计数。")
