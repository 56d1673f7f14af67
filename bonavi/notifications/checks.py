"""Deployment check (`bonavi check --deploy`): the new-jobs mails need the sender's identity.

特定電子メール法 §4 asks promotional mail to show the sender's name, address and a contact; a self-hosted BOナビ
sends in its operator's name, which only the operator can fill in (OPERATOR_NAME / _ADDRESS / _CONTACT)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def sender_identity_set(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    missing = [
        name
        for name in ("OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_CONTACT")
        if not getattr(settings, name, "")
    ]
    if not missing:
        return []
    return [
        Warning(
            "新着求人メールに表示する送信者情報（" + "・".join(missing) + "）が設定されていません。",
            hint="特定電子メール法4条の表示のため、環境変数 OPERATOR_NAME・OPERATOR_ADDRESS・OPERATOR_CONTACT "
            "（運営者の名称、住所、問い合わせ先）を設定してください。",
            id="bonavi.notifications.W001",
        )
    ]
