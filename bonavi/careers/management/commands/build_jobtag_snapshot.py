from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.careers import jobtag
from bonavi.core.commands import BonaviCommand


class Command(BonaviCommand):
    help = (
        "jobtagのフォルダ（occupations/, labels/, stats.json）から、BOナビが使う項目だけの加工済みスナップショット"
        "（bonavi/careers/data/jobtag_snapshot.json.gz）を作ります。元ファイルはコミットしません。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", help="jobtagのフォルダ（省略時は ../shared/data/jobtag）")
        parser.add_argument("--output", default=str(jobtag.SNAPSHOT_PATH))

    def handle(self, *args: Any, **opts: Any) -> None:
        folder = Path(opts["folder"]) if opts["folder"] else jobtag.shared_jobtag_dir()
        try:
            data = jobtag.read_raw_folder(folder)
        except jobtag.JobtagFormatError as exc:
            raise CommandError(str(exc)) from exc
        size = jobtag.write_snapshot(data, Path(opts["output"]))
        self.stdout.write(
            f"{len(data['occupations'])} 職業を {opts['output']} に書き出しました（{size / 1024:.0f} KB、"
            f"ハッシュ {jobtag.digest_of(data)[:12]}）。"
        )
