"""Events for tests: valid data a day or more ahead, changed by keyword."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.events import services
from bonavi.events.models import Event

PASSWORD = "pw-Long-enough-1"


def event_data(**over: Any) -> dict[str, Any]:
    start = (clock.now() + dt.timedelta(days=5)).replace(microsecond=0)
    data: dict[str, Any] = {
        "title": "経理部門 会社説明会",
        "description": "月次決算の流れと入社後の研修についてご説明します。",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1),
        "format": "onsite",
        "venue": "東京都千代田区丸の内1-1-1 8階",
        "join_url": "",
        "capacity": 10,
        "deadline": start - dt.timedelta(hours=2),
    }
    data.update(over)
    return data


def online(**over: Any) -> dict[str, Any]:
    return event_data(
        **{"format": "online", "venue": "", "join_url": "https://meet.example.com/secret-room-42", **over}
    )


def make_event(user: User, **over: Any) -> Event:
    return services.event_create(user=user, **event_data(**over))


def make_seeker(n: int, name: str = "") -> User:
    return User.objects.create_user(
        email=f"seeker{n}@test.example", password=PASSWORD, role=Role.SEEKER, display_name=name or f"求職 {n}"
    )
