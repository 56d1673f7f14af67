"""Session-7 review by use: the hearing sheet posted from the candidate page refuses like the other agent forms
(422, the reason beside the field and naming it) and reads 希望給与 as people type it."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services
from bonavi.agents.models import HearingSheet
from bonavi.agents.tests.factories import HEARING
from bonavi.agents.tests.html import error_beside, field_tag, focused

pytestmark = pytest.mark.django_db

POSTED = {
    **{k: v for k, v in HEARING.items() if k not in ("pay_floor",)},
    "pay_floor": "230000",
}


@pytest.fixture
def applied(setup, seeker):
    return services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)


def _hearing_form(resp) -> str:
    return resp.content.decode().split('id="hearing"', 1)[1].split("</form>", 1)[0]


def _said_beside(form: str, field: str) -> str:
    """A checkbox list's reason is under the group (includes/checks_field.html), not tied to one box."""
    if field in ("desired_prefectures", "employment_types"):
        block = form.split(f'id="field-{field}"', 1)[1].split('<div class="field', 1)[0]
        listed = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', block, re.S)
        return listed.group(1) if listed else ""
    return error_beside(form, field)


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"pay_unit": "99"}, "pay_unit", "希望給与の単位を一覧から選んでください。"),
        ({"telework": "99"}, "telework", "テレワークを一覧から選んでください。"),
        (
            {"desired_prefectures": ["13", "99"]},
            "desired_prefectures",
            "希望勤務地を一覧から選んでください。",
        ),
        ({"employment_types": ["boss"]}, "employment_types", "希望する雇用形態を一覧から選んでください。"),
        (
            {"pay_floor": "abc"},
            "pay_floor",
            "希望給与は円単位の数字で入力してください（例：250000、25万円）。",
        ),
        (
            {"available_from": "4月"},
            "available_from",
            "入社可能時期は YYYY-MM-DD の形式の日付で入力してください",
        ),
        ({"years_experience": "三年"}, "years_experience", "希望職種での経験年数は数字で入力してください"),
    ],
)
def test_a_refused_hearing_is_a_422_with_the_field_named_beside_it(
    setup, applied, client, typed, field, message
):
    """It came back with 200 (the other agent forms say 422), and a tampered choice read 「正しく選択してください。
    99 は候補にありません。」, naming neither the field nor what to do."""
    client.force_login(setup.ca)
    resp = client.post(f"/agent/candidates/{applied.pk}/", {**POSTED, **typed})
    assert resp.status_code == 422
    form = _hearing_form(resp)
    assert message in _said_beside(form, field), _said_beside(form, field)
    assert "候補にありません" not in form and "正しく" not in form
    assert focused(form, field)
    assert not HearingSheet.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"), [("25万", 250_000), ("250,000", 250_000), ("２５００００円", 250_000), ("", None)]
)
def test_the_pay_floor_is_read_as_people_type_it(setup, applied, client, typed, stored):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/candidates/{applied.pk}/", {**POSTED, "pay_floor": typed})
    assert resp.status_code == 302
    assert HearingSheet.objects.get(candidate=applied).pay_floor == stored


def test_the_pay_floor_is_a_text_box_with_a_number_keyboard(setup, applied, client):
    """<input type="number"> would not let 「25万」 or 「250,000」 be typed at all."""
    client.force_login(setup.ca)
    tag = field_tag(_hearing_form(client.get(f"/agent/candidates/{applied.pk}/")), "pay_floor")
    assert 'type="text"' in tag and 'inputmode="numeric"' in tag


def test_a_yen_field_takes_the_label_shown_as_given() -> None:
    """The hearing sheet's 希望給与 was built with 「希望給与（円）」 and then relabelled by hand."""
    from bonavi.agents.forms import HearingForm, YenField

    assert YenField(label="希望給与", shown="希望給与（下限・円）").label == "希望給与（下限・円）"
    assert YenField(label="手数料").label == "手数料（円）"
    assert HearingForm().fields["pay_floor"].label == "希望給与（下限・円）"
