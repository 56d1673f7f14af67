"""A complete, lawful posting for tests; override what a test is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bonavi.accounts.models import Organization
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility


def posting_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(
        title="経理事務（未経験歓迎）",
        subrole="accounting_clerk",
        employment_type="seishain",
        is_dispatch=False,
        visibility="public",
        duties="伝票の起票、会計ソフトへの入力、請求書の発行をお任せします。",
        duties_change_scope="会社の定める業務",
        prefecture="13",
        municipality="千代田区",
        address="丸の内1-1-1",
        telework="partial",
        work_place_change_scope="会社の定める場所（テレワークを含む）",
        fixed_term=False,
        has_probation=True,
        probation_months=3,
        probation_conditions="本採用と同条件",
        start_time=dt.time(9, 0),
        end_time=dt.time(18, 0),
        break_minutes=60,
        overtime_exists=True,
        overtime_monthly_hours=10,
        holiday_pattern="weekends",
        annual_holidays=125,
        wage_unit="month",
        wage_min=230_000,
        wage_max=280_000,
        insurance_employment=True,
        insurance_accident=True,
        insurance_health=True,
        insurance_pension=True,
        smoking_measure="indoor_ban",
        employer_name="株式会社テスト商事",
        employer_address="東京都千代田区1-1",
        employer_contact="03-0000-0000",
        inexperienced_welcome=True,
    )
    data.update(overrides)
    return data


def make_posting(
    organization: Organization,
    *,
    status: str = PostingStatus.PUBLISHED,
    visibility: str = Visibility.PUBLIC,
    **overrides: Any,
) -> JobPosting:
    from django.utils import timezone

    data = posting_data(**overrides)
    data["visibility"] = visibility
    posting = JobPosting(organization=organization, status=status, **data)
    if status == PostingStatus.PUBLISHED and posting.date_posted is None:
        posting.date_posted = timezone.now()
    if status == PostingStatus.PUBLISHED and "valid_through" not in overrides:
        posting.valid_through = timezone.localdate() + dt.timedelta(days=30)
    posting.save()
    return posting
