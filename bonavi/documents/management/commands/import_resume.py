"""`bonavi import_resume --email E FILE.json`: fill a seeker's profile from JSON Resume (creating the seeker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from bonavi.accounts.models import Role, User
from bonavi.core.commands import BonaviCommand
from bonavi.documents.profile import ProfileImportError, import_json_resume


class Command(BonaviCommand):
    help = "JSON Resume から求職者のプロフィールを作成・更新します（求職者がいなければ作成）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("file", help="JSON Resume ファイル")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path} を読めません: {exc.strerror}") from None
        email = User.objects.normalize_email(opts["email"]).lower()
        try:
            with transaction.atomic():
                user = User.objects.filter(email=email).first()
                created = user is None
                if user is None:
                    # No password: the person sets one with the password-reset link.
                    user = User.objects.create_user(email=email, password=None, role=Role.SEEKER)
                elif not user.is_seeker:
                    raise CommandError(f"{email} は求職者のアカウントではありません。")
                resume = import_json_resume(user=user, raw=raw)
        except ProfileImportError as exc:
            raise CommandError(
                "取り込めませんでした（何も変更していません）:\n" + "\n".join(exc.messages)
            ) from None
        self.stdout.write(
            f"{email}: {'求職者を作成し、' if created else ''}プロフィールを更新しました"
            f"（学歴{len(resume.education)}件・職歴{len(resume.work)}件・資格{len(resume.certificates)}件）。"
        )
