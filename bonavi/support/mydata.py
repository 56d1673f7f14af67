"""The seeker's complaints and enquiries to the operator in マイデータ (kept after 退会 for KEEP_YEARS, then
anonymised: services.complaints_anonymise; nothing erased at 退会)."""

from __future__ import annotations

from typing import Any

from .models import Complaint


def complaints_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "reference": c.reference,
            "category": c.get_category_display(),
            "posting_title": c.posting.title if c.posting else None,
            "body": c.body,
            "reply_email": c.reply_email,
            "name": c.name,
            "status": c.get_status_display(),
            "received_at": c.received_at.isoformat(),
            "response": c.response,
            "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
        }
        for c in Complaint.objects.filter(reporter=user).select_related("posting").order_by("received_at")
    ]
