"""Recompute the home page's rising phrases (提法) off the request path: run it from a timer."""

import time

from django.core.management.base import BaseCommand

from articles.formulations.rising import refresh_rising_phrases


class Command(BaseCommand):
    help = "重新计算首页的上升提法（供定时任务调用，避免请求等待）"

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        report = refresh_rising_phrases(limit=10)
        window = f"{report.window_start} – {report.window_end}" if report.window_end else "无文章"
        self.stdout.write(
            f"上升提法 {len(report.phrases)} 个（{window}），用时 {time.perf_counter() - started:.1f} 秒"
        )
