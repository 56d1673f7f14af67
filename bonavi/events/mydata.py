"""Event registrations (places in a waiting list included, ADR 0084) in the seeker's マイデータ export, what 退会 does to them (services.registrations_erase), and
what the privacy page says of them."""

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
            "registered_at": r.created_at.isoformat(),  # for a waiter: when they joined the waiting list
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "promoted_from_waiting_at": r.promoted_at.isoformat() if r.promoted_at else None,
            "waiting_ended_at": r.no_seat_notice_at.isoformat() if r.no_seat_notice_at else None,
            "reminder_sent_at": r.reminder_sent_at.isoformat() if r.reminder_sent_at else None,
        }
        for r in Registration.objects.filter(user=user).select_related("event__organization").order_by("pk")
    ]


def registrations_erase(user: Any) -> None:
    from .services import registrations_erase as erase

    erase(user=user)


def register() -> None:
    from bonavi.seekers.mydata import register_export
    from bonavi.support.privacy import PrivacyLines, register_privacy_lines

    from .services import KEEP_YEARS

    register_export(
        "events.Registration",
        key="event_registrations",
        export=registrations_export,
        erase=registrations_erase,
        page=("企業説明会の申込", "events/mydata_section.html"),
    )
    # The privacy page (support) states what a registration gives the organiser and how long it is kept.
    register_privacy_lines(
        PrivacyLines(
            provision="企業説明会に申し込んだとき（キャンセル待ちの登録を含みます）：主催企業に、氏名とメールアドレスを届けます"
            "（申込時に同意いただいた範囲だけで、プロフィールのほかの項目は届けません）。",
            retention="企業説明会の申込（キャンセル待ちを含みます）で主催企業に届けた氏名・メールアドレスは、"
            f"開催から{KEEP_YEARS}年を過ぎるか、退会すると削除します（申込の件数だけが企業の集計に残ります）。",
        )
    )
