"""Event registrations in the seeker's マイデータ export, and what 退会 does to them (services.registrations_erase)."""

from __future__ import annotations

from typing import Any

from .models import Registration


def registrations_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "event_id": r.event_id,
            "event_title": r.event.title,
            "organizer": r.event.organization.name,
            "starts_at": r.event.starts_at.isoformat(),
            "format": r.event.get_format_display(),
            "status": r.get_status_display(),
            "shared_with_organizer": {"name": r.name, "email": r.email},
            "registered_at": r.created_at.isoformat(),
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "reminder_sent_at": r.reminder_sent_at.isoformat() if r.reminder_sent_at else None,
        }
        for r in Registration.objects.filter(user=user).select_related("event__organization").order_by("pk")
    ]


def registrations_erase(user: Any) -> None:
    from .services import registrations_erase as erase

    erase(user=user)


def register() -> None:
    from bonavi.seekers.mydata import register_export

    register_export(
        "events.Registration",
        key="event_registrations",
        export=registrations_export,
        erase=registrations_erase,
    )
