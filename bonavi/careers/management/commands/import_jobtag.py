from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.careers import jobtag, services
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = (
        "jobtagのフォルダを職業の参照データとして取り込みます（何度実行しても同じ結果）。"
        "フォルダを省略し --snapshot を付けると、同梱の加工済みスナップショットを取り込みます。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", help="jobtagのフォルダ（occupations/, labels/, stats.json）")
        parser.add_argument("--snapshot", action="store_true", help="同梱のスナップショットを取り込む")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["snapshot"]:
            data = jobtag.read_snapshot()
            source = "snapshot"
        else:
            if not opts["folder"]:
                raise CommandError("jobtagのフォルダを指定するか、--snapshot を付けてください。")
            try:
                data = jobtag.read_raw_folder(Path(opts["folder"]))
            except jobtag.JobtagFormatError as exc:
                raise CommandError(str(exc)) from exc
            source = "raw"
        summary = services.reference_import(data=data, source=source)
        if summary.unchanged:
            self.stdout.write(
                f"変更はありません（{len(data['occupations'])} 職業、ハッシュ {summary.digest[:12]}）。"
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"取り込みました：新規 {summary.created}、更新 {summary.updated}、削除 {summary.deleted}"
                    f"（ハッシュ {summary.digest[:12]}）。"
                )
            )
