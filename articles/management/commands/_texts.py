"""Shared by load_seeds and import_texts: parse every file first, then write them in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ingest.errors import IngestError
from articles.ingest.model import ParsedDocument
from articles.ingest.pipeline import parse_document
from articles.models import MeetingParticipation
from articles.selectors.officials import known_official_names
from articles.services.imports import import_documents

ROLES = dict(MeetingParticipation.Role.choices)


def parse_all(paths: list[Path]) -> list[ParsedDocument]:
    """Parse every file or refuse them all: a bad file stops the run before anything is written."""
    parsed = []
    known = known_official_names()
    for path in paths:
        if not path.is_file():
            raise CommandError(f"{path}：找不到这个文件。")
        try:
            parsed.append(parse_document(path.read_bytes(), filename=path.name, known_officials=known))
        except IngestError as error:
            raise CommandError(f"{path}：{error}") from error
    return parsed


def print_table(command: BaseCommand, parsed: list[ParsedDocument]) -> None:
    for doc in parsed:
        pub = doc.publication
        when = pub.date.isoformat() if pub.date else "无日期"
        command.stdout.write(f"== {doc.filename}  [{doc.layout}, {doc.encoding}]  {pub.name or '报名不详'}  "
                             f"{when}{'（推断）' if pub.date_inferred else ''}")
        command.stdout.write(f"   {'行':<9} {'体裁':<12} {'日期':<10} {'来源':<14} 标题")
        for a in doc.items:
            lines = f"{a.line_start}-{a.line_end}"
            day = a.date.isoformat() if a.date else "—"
            command.stdout.write(f"   {lines:<9} {a.kind:<12} {day:<10} {(a.source_name or '—'):<14} {a.title}")
        command.stdout.write(
            f"   官员 {len(doc.officials)}：" + "；".join(
                f"{o.name}（{'、'.join(p.full_title for p in o.posts)}）" for o in doc.officials))
        command.stdout.write(
            f"   会议 {len(doc.meetings)}：" + "；".join(
                f"{m.name}（{m.date.iso() if m.date else '日期不详'}"
                + "".join(f"，{name}{ROLES.get(role, role)}" for name, role in m.participants) + "）"
                for m in doc.meetings))
        command.stdout.write(
            f"   文件 {len(doc.documents)}：" + "；".join(
                f"《{d.title}》{d.doc_number}" for d in doc.documents))
        command.stdout.write(f"   机构 {len(doc.organizations)}：" + "、".join(o.name for o in doc.organizations))
        for gone in doc.dropped:
            command.stdout.write(f"   略去 {gone.line_start}-{gone.line_end} {gone.reason}：{gone.text[:40]}")


def run(command: BaseCommand, paths: list[Path], *, dry_run: bool, as_json: bool) -> None:
    parsed = parse_all(paths)
    if dry_run:
        if as_json:
            data = [doc.to_json() for doc in parsed]
            command.stdout.write(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        else:
            print_table(command, parsed)
        return
    report = import_documents(parsed)
    command.stdout.write(command.style.SUCCESS(f"导入 {len(parsed)} 个文件：{report}"))
    for line in report.notes():
        command.stdout.write(f"  {line}")
