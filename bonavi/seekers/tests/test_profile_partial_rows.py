"""A 学歴・職歴 or 資格 row with anything typed in it is a row: the row rules say in Japanese what is missing (s13
review, 5). A row with only 月 (or 区分 and 月), or a 資格 row with 取得年・月 or スコア but no 資格, was dropped
without a word, and the profile saved without it."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.seekers import services
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def _post(seeker: User, **rows: str) -> tuple[int, str]:
    client = Client()
    client.force_login(seeker)
    form = {
        **PROFILE,
        "history-TOTAL_FORMS": "1",
        "history-INITIAL_FORMS": "0",
        "history-0-kind": "education",
        "qual-TOTAL_FORMS": "1",
        "qual-INITIAL_FORMS": "0",
        **rows,
    }
    response = client.post("/me/profile/", form)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ({"history-0-month": "3"}, "history-0-year", "学歴・職歴の各行には年と月を入力してください。"),
        (
            {"history-0-kind": "work", "history-0-month": "4"},
            "history-0-year",
            "学歴・職歴の各行には年と月を入力してください。",
        ),
        ({"qual-0-acquired_year": "2020"}, "qual-0-name", "資格を一覧から選ぶか、資格名を入力してください。"),
        ({"qual-0-acquired_month": "6"}, "qual-0-name", "資格を一覧から選ぶか、資格名を入力してください。"),
        ({"qual-0-score": "750"}, "qual-0-name", "資格を一覧から選ぶか、資格名を入力してください。"),
        ({"qual-0-score": "0"}, "qual-0-name", "資格を一覧から選ぶか、資格名を入力してください。"),
    ],
    ids=[
        "history-month",
        "history-kind-and-month",
        "qual-year",
        "qual-month",
        "qual-score",
        "qual-score-zero",
    ],
)
def test_a_partly_typed_row_is_refused_saying_what_is_missing(
    seeker: User, rows: dict[str, str], field: str, message: str
) -> None:
    status, page = _post(seeker, **rows)
    assert status == 422
    assert f'<a href="#id_{field}">' in page and message in page
    assert not SeekerProfile.objects.filter(user=seeker).exists()


def test_empty_rows_and_a_changed_kind_alone_are_still_no_rows(seeker: User) -> None:
    """区分 is a choice with a default, not something typed: a row with nothing else is left out, as before."""
    status, _ = _post(seeker, **{"history-0-kind": "work"})
    assert status == 302
    profile = SeekerProfile.objects.get(user=seeker)
    assert not profile.history.exists() and not profile.qualifications.exists()


def test_the_service_judges_a_qualification_row_by_the_one_row_rule_first(seeker: User) -> None:
    """profile_update (the API's path) asks qualification_row_problems before anything else: a row naming no 資格 is
    refused once, in the rule's words, and a row with a 資格 not in the list still hears about its 取得年."""
    with pytest.raises(services.SeekerInvalid) as exc:
        services.profile_update(
            user=seeker,
            data=PROFILE,
            qualifications=[{"acquired_year": 2020}, {"code": "no-such", "acquired_year": 2099}],
        )
    errors = exc.value.errors
    assert errors["qualifications.0.name"] == [services.QUALIFICATION_UNNAMED]
    assert errors["qualifications.1.code"] == ["一覧にない資格は資格名に入力してください。"]
    assert "取得年が未来" in " ".join(errors["qualifications.1.acquired_year"])
    assert not SeekerProfile.objects.filter(user=seeker).exists()
