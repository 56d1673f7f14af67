from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents.demo import (
    disclosures_ensure,
    invitation_ensure,
    referral_interview_ensure,
    report_year_ensure,
    walkthrough_ensure,
)
from bonavi.agents.models import Agency, FeeSystem, Office, Staff
from bonavi.core.commands import BonaviCommand

DEMO_AGENCY = "BOナビキャリア株式会社"
DEMO_AGENT = "agent@example.com"


class Command(BonaviCommand):
    help = (
        "デモ用の職業紹介事業者（許可番号・手数料表・規程・本社）を用意し、デモのアドバイザーを"
        "キャリアアドバイザー・リクルーティングアドバイザー・職業紹介責任者にします（bonavi demo から呼ばれます。何度実行しても同じ）。"
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        with transaction.atomic():
            org, _ = Organization.objects.get_or_create(
                name=DEMO_AGENCY,
                kind=Organization.Kind.AGENCY,
                defaults={"address": "東京都新宿区西新宿2-8-1", "phone": "03-1111-1111"},
            )
            agency, _ = Agency.objects.get_or_create(
                organization=org,
                defaults={
                    "slug": "bonavi-career",
                    "license_number": "13-ユ-399999",
                    "fee_system": FeeSystem.NOTIFIED,
                    "fee_rate_percent": 30,
                    # The page says once, under the table, that 求職者 pay nothing (職業安定法32条の3②):
                    # a table saying it too made the page say it twice in a row.
                    "fee_table": "紹介手数料：採用者の理論年収の30%（税別）。",
                    "refund_policy": "入社後1か月以内の自己都合退職：80%、3か月以内：50%を返金します。",
                    "occupations_scope": "事務的職業（経理・人事・総務・法務・広報・一般事務）。取扱地域：全国。",
                    "complaint_contact": "本社 職業紹介責任者（03-1111-1111、平日10〜18時）",
                },
            )
            office, _ = Office.objects.get_or_create(
                agency=agency,
                name="本社",
                defaults={"address": org.address, "phone": org.phone},
            )
            user = User.objects.filter(email=DEMO_AGENT, role=Role.AGENT).first()
            if user is not None and not Staff.objects.filter(user=user).exists():
                Staff.objects.create(
                    user=user,
                    agency=agency,
                    office=office,
                    is_career_adviser=True,
                    is_recruiting_adviser=True,
                    is_responsible=True,
                    responsible_training_on=dt.date(2025, 6, 1),
                )
        self.stdout.write(
            f"職業紹介のデモ：/agent/（{DEMO_AGENT}）、公開ページ /agent/agencies/{agency.slug}/"
        )
        self.stdout.write(walkthrough_ensure(agency))
        # Each added step guards itself, so a demo made before it existed gets it on its next run.
        for line in (
            disclosures_ensure(agency),
            referral_interview_ensure(agency),
            invitation_ensure(agency),
            report_year_ensure(agency),
        ):
            if line:
                self.stdout.write(line)
