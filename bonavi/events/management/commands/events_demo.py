from __future__ import annotations

import datetime as dt
from typing import Any

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.commands import BonaviCommand
from bonavi.events.models import Event
from bonavi.events.services import event_create, registration_create
from bonavi.jobs.selectors import employer_postings, public_postings

DEMO_EMPLOYER = "employer@example.com"
DEMO_SEEKER = "seeker@example.com"


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = clock.today_jst() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JST)


class Command(BonaviCommand):
    help = (
        "デモの採用担当の会社に、これから開催の企業説明会を3件用意し、デモの求職者を1件に申し込ませます"
        "（bonavi demo から呼ばれます。これから開催の説明会が既にあれば何もしません）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        employer = User.objects.filter(email=DEMO_EMPLOYER).first()
        if employer is None or not employer.is_employer:
            self.stdout.write("デモの採用担当がいないため、企業説明会は作成しません。")
            return
        if Event.objects.filter(organization=employer.organization, starts_at__gt=clock.now()).exists():
            self.stdout.write("企業説明会：デモの説明会は作成済みです。")
            return
        postings = list(
            (employer_postings(user=employer) & public_postings())
            .order_by("pk")
            .values_list("pk", flat=True)[:2]
        )
        plans: list[dict[str, Any]] = [
            {
                "title": "経理・財務部門 オンライン会社説明会",
                "description": "経理・財務部門の仕事内容、月次決算の流れ、入社後の研修についてご説明します。"
                "質疑応答の時間もあります。カメラはオフで参加できます。",
                "starts_at": _at(7, 19),
                "ends_at": _at(7, 20),
                "format": "online",
                "join_url": "https://meet.example.com/bonavi-demo-keiri",
                "capacity": 30,
                "deadline": _at(7, 12),
                "posting_ids": postings,
            },
            {
                "title": "本社見学つき 総務・人事の仕事説明会（丸の内）",
                "description": "本社オフィスを見学しながら、総務・人事の日々の仕事をご紹介します。"
                "筆記用具をお持ちください。服装は自由です。",
                "starts_at": _at(14, 14),
                "ends_at": _at(14, 15, 30),
                "format": "onsite",
                "venue": "東京都千代田区丸の内1-1-1 BOナビデモ商事ビル 8階",
                "capacity": 3,
                "deadline": _at(12, 18),
                "posting_ids": postings[:1],
            },
            {
                "title": "未経験から始めるバックオフィス 仕事説明会",
                "description": "事務職が初めての方向けに、一般事務の1日の流れとサポート体制をご説明します。",
                "starts_at": _at(21, 10),
                "ends_at": _at(21, 11),
                "format": "online",
                "join_url": "https://meet.example.com/bonavi-demo-jimu",
                "capacity": 50,
                "deadline": _at(20, 18),
            },
        ]
        events = [event_create(user=employer, **plan) for plan in plans]
        seeker = User.objects.filter(email=DEMO_SEEKER).first()
        if seeker is not None and seeker.is_seeker:
            registration_create(user=seeker, event_id=events[1].pk)
        self.stdout.write(f"企業説明会：{len(events)}件を作成しました。")
