"""Re-cluster every article into stories (通稿): run after a bulk import (import_corpus) or a
change of textkit.reprints' parameters. Imports through the importer cluster as they go."""

import time

from django.core.management.base import BaseCommand

from articles.services.reprints import rebuild_keys, recluster_all


class Command(BaseCommand):
    help = "重新识别全部文章的同一通稿（转载）：重建比对键，按刊载先后逐篇归入最相似的已刊稿件；编辑核定的不动"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, default=1000, help="每批读取的文章数（默认 1000）")
        parser.add_argument(
            "--keys-only", action="store_true", help="只重建比对键，不改动归属（恢复备份后使用）"
        )

    def handle(self, *args, batch: int, keys_only: bool, **options) -> None:
        started = time.perf_counter()
        if keys_only:
            keyed = rebuild_keys(batch=batch)
            self.stdout.write(f"已重建 {keyed} 篇文章的比对键，用时 {time.perf_counter() - started:.1f} 秒")
            return

        def progress(done: int) -> None:
            if options.get("verbosity", 1) > 1:
                self.stdout.write(f"  已处理 {done} 篇")

        report = recluster_all(batch=batch, progress=progress)
        self.stdout.write(f"{report}，用时 {time.perf_counter() - started:.1f} 秒")
