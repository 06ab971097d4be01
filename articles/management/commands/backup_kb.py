from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.backup import BackupError, dump_knowledge_base


class Command(BaseCommand):
    help = "把整个知识库（记录、编辑历史、账号）备份到一个 .xml.gz 文件"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="备份文件，如 kejiku-2026-11-22.xml.gz")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            dump_knowledge_base(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"备份已写入 {path}（{path.stat().st_size:,} 字节）")
