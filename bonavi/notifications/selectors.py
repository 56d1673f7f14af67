"""Reads for notifications, always scoped to the person asking."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import DigestSection, OutboxMessage, SavedSearch


def saved_searches_of(*, user: Any) -> QuerySet[SavedSearch]:
    if user is None or not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def saved_search_get(*, user: Any, pk: int) -> SavedSearch | None:
    """The user's own saved search, or None (someone else's is indistinguishable from a missing one)."""
    return saved_searches_of(user=user).filter(pk=pk).first()


def notifications_export(*, user: Any) -> dict[str, Any]:
    """Everything this app holds about a person, for マイデータ."""
    searches = [
        {
            "id": s.pk,
            "name": s.name,
            "query": s.query,
            "frequency": s.frequency,
            "frequency_label": s.get_frequency_display(),
            "created_at": s.created_at.isoformat(),
            "last_sent_at": s.last_sent_at.isoformat() if s.last_sent_at else None,
        }
        for s in saved_searches_of(user=user)
    ]
    messages = []
    # Every mail's digest sections in one query: a seeker's mail grows with each application and alert.
    sections = Prefetch("sections", queryset=DigestSection.objects.order_by("id"))
    for m in (
        OutboxMessage.objects.filter(user_id=user.pk).order_by("created_at", "id").prefetch_related(sections)
    ):
        item: dict[str, Any] = {
            "kind": m.kind,
            "kind_label": m.get_kind_display(),
            "to": m.to_email,
            "subject": m.subject,
            "status": m.get_status_display(),
            "created_at": m.created_at.isoformat(),
            "sent_at": m.sent_at.isoformat() if m.sent_at else None,
        }
        if m.body_text:
            item["body"] = m.body_text
        item["digest_sections"] = [
            {"search": s.name, "total": s.total, "posting_ids": s.posting_ids} for s in m.sections.all()
        ]
        messages.append(item)
    return {"saved_searches": searches, "emails": messages}
