from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.backup import BackupError, restore_knowledge_base


class Command(BaseCommand):
    help = "用备份文件整体替换知识库（全部成功或完全不变），随后重建检索索引"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="backup_kb 写出的 .xml.gz 文件")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            restore_knowledge_base(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已从 {path} 恢复知识库并重建索引")
