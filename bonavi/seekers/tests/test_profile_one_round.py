"""The profile says every reason in one round, each naming its box (ADR 0121).

A wrong phone number and a future 生年月日 were said in two rounds — the date only after the phone was fixed — because
the date rule lived only in the service, which the page calls once the form is valid. The 学歴・職歴 month said
Django's 「この値は 12 以下でなければなりません。」, naming nothing. The service keeps every rule as the guard (the API
has only it)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.seekers import services
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def _refused(seeker: User, **over: str) -> str:
    client = Client()
    client.force_login(seeker)
    form = {
        **PROFILE,
        "history-TOTAL_FORMS": "1",
        "history-INITIAL_FORMS": "0",
        "qual-TOTAL_FORMS": "1",
        "qual-INITIAL_FORMS": "0",
        **over,
    }
    response = client.post("/me/profile/", form)
    assert response.status_code == 422
    assert not SeekerProfile.objects.filter(user=seeker).exists()
    return response.content.decode()


def _summary(page: str) -> list[tuple[str, str]]:
    start = page.index('id="form-errors"')
    return re.findall(
        r'<li><a href="#([^"]+)">[^<]+</a>：([^<]+)</li>', page[start : page.index("</div>", start)]
    )


def test_a_bad_phone_and_a_future_birth_date_in_one_round(seeker: User) -> None:
    tomorrow = (clock.today_jst() + dt.timedelta(days=1)).isoformat()
    page = _refused(seeker, phone="abc", birth_date=tomorrow)
    fields = [href for href, _ in _summary(page)]
    assert fields == ["id_birth_date", "id_phone"], fields  # page order: 基本情報, then 連絡先
    assert "生年月日に未来の日付は指定できません。" in page


def test_a_too_young_birth_date_and_a_pay_in_man_yen_come_with_the_rest(seeker: User) -> None:
    young = clock.add_years(clock.today_jst(), -10).isoformat()
    page = _refused(seeker, phone="abc", birth_date=young, desired_pay_unit="month", desired_pay_min="25")
    reasons = dict(_summary(page))
    assert "15歳未満の方は雇用されることができない" in reasons["id_birth_date"]
    assert reasons["id_desired_pay_min"].startswith("月給25円は低すぎます。")
    assert "id_phone" in reasons


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("month", "13", "学歴・職歴の月は1〜12の数字で入力してください。"),
        ("month", "0", "学歴・職歴の月は1〜12の数字で入力してください。"),
        ("year", "1900", "学歴・職歴の年は1950年以降を西暦4桁で入力してください（例：2020）。"),
        ("year", "20x0", "学歴・職歴の年は西暦4桁の数字で入力してください（例：2020）。"),
    ],
)
def test_a_history_rows_year_and_month_are_named(seeker: User, field: str, typed: str, message: str) -> None:
    row = {
        "history-0-kind": "work",
        "history-0-year": "2020",
        "history-0-month": "4",
        "history-0-text": "入社",
    }
    page = _refused(seeker, **{**row, f"history-0-{field}": typed})
    assert (f"id_history-0-{field}", message) in _summary(page)
    assert "この値は" not in page  # Django's words that name no box


def test_a_row_without_its_month_is_said_with_a_bad_phone(seeker: User) -> None:
    page = _refused(
        seeker,
        phone="abc",
        **{"history-0-kind": "work", "history-0-year": "2020", "history-0-text": "株式会社〇〇 入社"},
    )
    assert ("id_history-0-month", "学歴・職歴の各行には年と月を入力してください。") in _summary(page)
    assert "id_phone" in dict(_summary(page))


def test_a_qualifications_month_and_a_future_year_are_named(seeker: User) -> None:
    later = str(clock.today_jst().year + 1)
    page = _refused(
        seeker,
        phone="abc",
        **{"qual-0-code": "boki3", "qual-0-acquired_year": later, "qual-0-acquired_month": "13"},
    )
    reasons = dict(_summary(page))
    assert reasons["id_qual-0-acquired_month"] == "資格の取得月は1〜12の数字で入力してください。"
    assert reasons["id_qual-0-acquired_year"].startswith("取得年が未来になっています。")


def test_the_service_still_guards_what_the_api_sends(seeker: User) -> None:
    with pytest.raises(services.SeekerInvalid) as refused:
        services.profile_update(
            user=seeker,
            data={"birth_date": clock.today_jst() + dt.timedelta(days=1)},
            history=[{"kind": "work", "year": 2020, "text": "入社"}],
        )
    assert refused.value.errors["birth_date"] == ["生年月日に未来の日付は指定できません。"]
    assert refused.value.errors["history.0.month"] == ["学歴・職歴の各行には年と月を入力してください。"]
