"""`bonavi export_resume --email E`: print a seeker's profile as JSON Resume (validated against the schema)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from bonavi.accounts.models import User
from bonavi.core.commands import BonaviCommand
from bonavi.documents.profile import ProfileImportError, resume_json_download


class Command(BonaviCommand):
    help = "求職者のプロフィールを JSON Resume（日本語拡張つき）で出力します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(email=User.objects.normalize_email(opts["email"]).lower()).first()
        if user is None or not user.is_seeker:
            raise CommandError(f"求職者 {opts['email']} が見つかりません。")
        notes: list[str] = []
        try:
            doc = resume_json_download(user, notes=notes)
        except ProfileImportError as exc:
            raise CommandError("書き出せませんでした:\n" + "\n".join(exc.messages)) from None
        for note in notes:  # stderr, so the JSON on stdout stays clean
            self.stderr.write(note)
        self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
