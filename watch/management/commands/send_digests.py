"""Email the digests that are due: what is new in everyone's saved searches and watches, once a
day or once a week each. Run it from a timer as often as you like (hourly, say): a digest is
built once per period, sent once, and a run that crashes or overlaps another loses none."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from watch.digests import send_digests


class Command(BaseCommand):
    help = "Build and email the due digests of saved searches and watches (safe to run twice at once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--drain-timeout", type=float, default=10.0,
                            help="seconds to wait for the search index's writer lock before searching (default 10)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_digests(drain_timeout=options["drain_timeout"])
        self.stdout.write(str(report))
