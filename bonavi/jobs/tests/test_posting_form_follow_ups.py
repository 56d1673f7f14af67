"""The posting form groups each follow-up field with the field it follows (契約期間 after 期間の定めあり, 年齢下限 after
年齢制限あり …), which site.css folds until that field says it applies; a group with a value, an error or a checker's
note is marked to stay open whatever the box says, so nothing typed or refused is hidden. The browser side (heights,
ticking, keyboard) is tests/e2e/test_posting_form_follow_ups_phone.py."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.forms import FIELDS, FOLLOW_UPS, FollowUps, PostingForm
from bonavi.jobs.tests.factories import make_posting, posting_data


def _groups(html: str) -> dict[str, bool]:
    """Each group on the page → whether it is kept open."""
    found = re.findall(
        r'<div class="follow-ups" id="follow-ups-(\w+)">\s*<div class="follow-ups-control">.*?'
        r'<div class="follow-ups-details( kept)?">',
        html,
        flags=re.S,
    )
    return {name: bool(kept) for name, kept in found}


def test_each_follow_up_comes_right_after_its_field() -> None:
    """In the form's own order too, so the summary's links and a refused form's focus go down the page."""

    def flat(control: str) -> list[str]:
        return [control, *(name for detail in FOLLOW_UPS[control] for name in flat_or_one(detail))]

    def flat_or_one(name: str) -> list[str]:
        return flat(name) if name in FOLLOW_UPS else [name]

    for control in FOLLOW_UPS:
        names = flat(control)
        start = FIELDS.index(control)
        assert FIELDS[start : start + len(names)] == names, control


def test_a_new_form_folds_every_group(client: Client, employer: User) -> None:
    client.force_login(employer)
    html = client.get(reverse("jobs:employer_create")).content.decode()
    assert _groups(html) == dict.fromkeys(FOLLOW_UPS, False)
    # renewal's own group sits inside 期間の定めあり's
    term = html.index('id="follow-ups-fixed_term"')
    assert term < html.index('id="follow-ups-renewal"') < html.index('id="follow-ups-has_probation"')


def test_a_stored_value_keeps_its_group_open(client: Client, employer: User) -> None:
    # 残業 unticked but 月平均残業時間 0 stored: 0 is a value, shown rather than hidden under an unticked box
    posting = make_posting(employer.organization, overtime_exists=False, overtime_monthly_hours=0)
    client.force_login(employer)
    groups = _groups(client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode())
    assert groups["overtime_exists"] and groups["has_probation"]  # 試用期間 3か月 stored
    assert not groups["fixed_term"] and not groups["age_limit"] and not groups["fixed_overtime"]


def test_a_refused_group_is_kept_and_the_others_fold(client: Client, employer: User) -> None:
    client.force_login(employer)
    data = {k: v for k, v in posting_data(has_probation=False, probation_months="").items() if v is not False}
    data.update({"age_limit": "on", "probation_conditions": ""})
    response = client.post(
        reverse("jobs:employer_create"), {k: "" if v is None else v for k, v in data.items()}
    )
    assert response.status_code == 422
    groups = _groups(response.content.decode())
    assert groups["age_limit"]  # 例外事由 and 理由 refused beside their fields
    assert not groups["fixed_term"] and not groups["has_probation"] and not groups["fixed_overtime"]


def test_a_checkers_note_keeps_its_group_open(employer: User) -> None:
    form = PostingForm()
    [group] = [
        item for _, items in form.sections() for item in items if isinstance(item, FollowUps)
        if item.control.name == "fixed_overtime"
    ]  # fmt: skip
    assert not group.kept
    form["fixed_overtime_hours"].compliance_warnings = ["45時間を超えています"]
    assert group.kept
