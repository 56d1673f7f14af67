"""Fixtures the seekers tests start from: a posting, a seeker with her profile, her application to it, that
application at 内定 (and accepted), and at 面接 with its interview booked (modules that need another starting point
override them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bonavi.accounts.models import Role, User
from bonavi.core.clock import JST, today_jst
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.tests.smtp import smtp_inbox, smtp_server  # noqa: F401  (fixtures)
from bonavi.seekers import services
from bonavi.seekers.models import Application
from bonavi.seekers.tests.helpers import OFFER_TERMS, in_days

PROFILE = {
    "family_name": "山田",
    "given_name": "花子",
    "family_name_kana": "やまだ",
    "given_name_kana": "はなこ",
    "phone": "090-1234-5678",
    "postal_code": "150-0001",
    "address": "東京都渋谷区神宮前9-9-9",
    "experience": "居酒屋のアルバイトでレジ締めを3年担当",
}


@pytest.fixture
def posting(employer: User) -> JobPosting:
    assert employer.organization is not None
    return make_posting(employer.organization, title="経理スタッフ（未経験歓迎）")


@pytest.fixture
def profiled_seeker(seeker: User) -> User:
    services.profile_update(
        user=seeker,
        data=PROFILE,
        history=[{"kind": "education", "year": 2020, "month": 3, "text": "東京都立青山高等学校 卒業"}],
        qualifications=[{"code": "boki3", "acquired_year": 2023, "acquired_month": 6}],
    )
    return seeker


@pytest.fixture
def application(profiled_seeker: User, posting: JobPosting) -> Application:
    return services.application_create(
        user=profiled_seeker, posting_id=posting.pk, message="よろしくお願いします"
    )


# An application at 内定 and her 承諾 of it (ADR 0126, 0130, 0135): the start of the modules about the offer's
# 入社予定日 and its changes.
@pytest.fixture
def offered(employer: User, application: Application) -> Application:
    """The application moved to 内定: 回答期限 in 3 days, 入社予定日 in 40, with OFFER_TERMS (offer_version 1)."""
    services.application_move(
        user=employer,
        application=application,
        to_status="offer",
        answer_by=in_days(3),
        start_on=in_days(40),
        offer_terms=OFFER_TERMS,
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def accepted(offered: Application, profiled_seeker: User) -> Application:
    """`offered`, accepted by her from the page of offer_version 1."""
    services.application_offer_accept(user=profiled_seeker, application=offered, version=1)
    offered.refresh_from_db()
    return offered


# Where `booked` meets her: in person, so the next interview's form has a place to start from (ADR 0123).
INTERVIEW_PLACE = "東京都千代田区丸の内1-1 本社5階 受付"
INTERVIEW_NOTES = "履歴書をお持ちください"


@pytest.fixture
def starts() -> dt.datetime:
    """When `booked`'s interview begins: a week ahead, 14:00 in Japan."""
    return dt.datetime.combine(today_jst() + dt.timedelta(days=7), dt.time(14), tzinfo=JST)


@pytest.fixture
def interview_details() -> dict[str, Any]:
    """The rest of `booked`'s interview (a module that needs it online overrides this)."""
    return {"format": "in_person", "place": INTERVIEW_PLACE, "notes": INTERVIEW_NOTES}


@pytest.fixture
def booked(
    employer: User, application: Application, starts: dt.datetime, interview_details: dict[str, Any]
) -> Application:
    """The application moved to 面接 with its interview at `starts`, in one move, as the company's form does."""
    services.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={"starts_at": starts, **interview_details},
    )
    return application


@pytest.fixture
def other_seeker(db: Any) -> User:
    return User.objects.create_user(
        email="other-seeker@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
