"""`bonavi render_resume --kind rirekisho|shokumukeirekisho --paper A4|A3 INPUT.json OUTPUT.pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.documents.jsonresume import ResumeInputError, resume_from_bytes
from bonavi.documents.render.base import Kind, Paper, RenderError, default_renderer


class Command(BonaviCommand):
    help = "JSON Resume（日本語拡張つき）から履歴書または職務経歴書のPDFを作ります。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=[k.value for k in Kind], required=True)
        parser.add_argument("--paper", choices=[p.value for p in Paper], default="A4")
        parser.add_argument("input", help="JSON Resume ファイル")
        parser.add_argument("output", help="書き出すPDFファイル")

    def handle(self, *args: Any, **opts: Any) -> None:
        source = Path(opts["input"])
        try:
            resume = resume_from_bytes(source.read_bytes())
        except OSError as exc:
            raise CommandError(f"{source} を読めません: {exc.strerror}") from None
        except ResumeInputError as exc:
            raise CommandError("JSON Resume を読めません:\n" + "\n".join(exc.messages)) from None
        try:
            doc = default_renderer().render(resume, kind=Kind(opts["kind"]), paper=Paper(opts["paper"]))
        except RenderError as exc:
            raise CommandError(str(exc)) from None
        Path(opts["output"]).write_bytes(doc.pdf)
        self.stdout.write(f"{opts['output']}: {doc.pages}ページ, {len(doc.pdf) / 1024:.0f} KB")
