"""Session-7 review by use: on 事業所とスタッフ each refusal is said once, beside the form and field it is about
(not at the top of the page as well), a refused change to a staff member is shown again, and a date is named."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents.models import Staff, StaffTraining
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


def _block(html: str, element_id: str) -> str:
    """The <form> inside the element with `element_id` (a staff card, the add section, an office's training)."""
    return html.split(f'id="{element_id}"', 1)[1].split("</form>", 1)[0]


def _once_beside(html: str, block: str, field: str, message: str) -> None:
    assert message in error_beside(block, field), error_beside(block, field)
    assert html.count(message) == 1, "said more than once (a message at the top as well?)"
    assert '<ul class="messages">' not in html
    assert focused(block, field)


ADD = {"action": "add", "add-display_name": "新人", "add-is_career_adviser": "on"}


def test_a_refused_new_staff_member_is_said_once_beside_the_field(setup, client):
    client.force_login(setup.boss)
    resp = client.post("/agent/offices/", {**ADD, "add-email": "not-an-email", "add-office": setup.office.pk})
    assert resp.status_code == 422
    html = resp.content.decode()
    _once_beside(html, _block(html, "add-staff"), "add-email", "メールアドレスの形式が正しくありません")
    assert 'value="not-an-email"' in _block(html, "add-staff")


def test_a_bad_training_date_on_a_new_staff_member_names_the_date(setup, client):
    client.force_login(setup.boss)
    resp = client.post(
        "/agent/offices/",
        {
            **ADD,
            "add-email": "new@x.example",
            "add-office": setup.office.pk,
            "add-is_responsible": "on",
            "add-responsible_training_on": "2026-13-01",
        },
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    message = "責任者講習の受講日：2026年13月1日はありません。"  # a day that does not exist, said as that
    _once_beside(html, _block(html, "add-staff"), "add-responsible_training_on", message)
    assert "日付を正しく入力してください" not in html
    assert not Staff.objects.filter(user__email="new@x.example").exists()


def _update(member: Staff, **over: str) -> dict[str, str]:
    p = f"s{member.pk}"
    return {
        "action": "update",
        "staff": str(member.pk),
        f"{p}-office": str(member.office_id),
        f"{p}-is_career_adviser": "on",
        f"{p}-active": "on",
        **{f"{p}-{k}": v for k, v in over.items()},
    }


def test_a_refused_change_to_a_staff_member_is_shown_again_in_their_card(setup, client):
    """The form came back closed and empty, the reason only at the top of the page."""
    member = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)
    resp = client.post("/agent/offices/", _update(member, is_responsible="on", responsible_training_on=""))
    assert resp.status_code == 422
    html = resp.content.decode()
    card = _block(html, f"staff-{member.pk}")
    assert "<details open>" in html.split(f'id="staff-{member.pk}"', 1)[1].split("<form", 1)[0]
    field = f"s{member.pk}-responsible_training_on"
    message = "職業紹介責任者には、5年以内に講習を受講した人を選任してください。"
    _once_beside(html, card, field, message)
    assert " checked" in field_tag(card, f"s{member.pk}-is_responsible")  # what was typed, kept
    member.refresh_from_db()
    assert not member.is_responsible


def test_a_change_refused_as_a_whole_is_said_once_above_that_card_s_form(setup, client):
    """No role ticked: a reason about no one field, said at the top of that person's form and focused there."""
    member = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)
    posted = _update(member)
    del posted[f"s{member.pk}-is_career_adviser"]
    resp = client.post("/agent/offices/", posted)
    assert resp.status_code == 422
    html = resp.content.decode()
    card = _block(html, f"staff-{member.pk}")
    assert (
        f'<div role="alert"><ul class="errorlist" id="staff-{member.pk}-errors" tabindex="-1" autofocus>'
        in card
    )
    assert "役割を1つ以上選んでください。" in card and html.count("役割を1つ以上選んでください。") == 1
    assert html.count("autofocus") == 1 and '<ul class="messages">' not in html


def test_a_bad_date_in_a_staff_change_names_the_date(setup, client):
    member = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)
    resp = client.post(
        "/agent/offices/", _update(member, is_responsible="on", responsible_training_on="令和8年")
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    message = "責任者講習の受講日は YYYY-MM-DD の形式の日付で入力してください（例：2026-04-01）。"
    _once_beside(html, _block(html, f"staff-{member.pk}"), f"s{member.pk}-responsible_training_on", message)


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"held_on": "2026-13-01"}, "held_on", "実施日：2026年13月1日はありません。"),
        ({"held_on": "1899-01-01"}, "held_on", "実施日（1899-01-01）が5年以上前です。"),
        ({"topic": ""}, "topic", "教育の内容を入力してください。"),
    ],
)
def test_a_refused_training_record_is_said_once_beside_its_field(setup, client, over, field, message):
    ca = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)
    posted = {
        "action": "training",
        "office": setup.office.pk,
        "held_on": (today_jst() - dt.timedelta(days=1)).isoformat(),
        "topic": "均等待遇",
        "attendees": [ca.pk],
        **over,
    }
    resp = client.post("/agent/offices/", posted)
    assert resp.status_code == 422
    html = resp.content.decode()
    _once_beside(html, _block(html, f"training-{setup.office.pk}"), field, message)
    assert not StaffTraining.objects.exists()


def test_a_training_with_nobody_ticked_is_said_beside_the_list(setup, client):
    client.force_login(setup.boss)
    resp = client.post(
        "/agent/offices/",
        {
            "action": "training",
            "office": setup.office.pk,
            "held_on": today_jst().isoformat(),
            "topic": "均等待遇",
        },
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    block = _block(html, f"training-{setup.office.pk}")
    message = "受講者を1人以上選んでください（この事業所の在籍者）。"
    assert message in block and html.count(message) == 1 and '<ul class="messages">' not in html


def test_the_offices_page_reads_the_offices_once_for_every_form_posted_or_not(setup, client):
    """Staff in post were read two ways (the training POST its own query, the page the selector's), and a refused
    change's form was built without the offices already read: a query of its own for its <select>."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)

    def office_reads(method, data=None) -> int:
        with CaptureQueriesContext(connection) as ctx:
            resp = method("/agent/offices/", data) if data else method("/agent/offices/")
        assert resp.status_code in (200, 422)
        return sum(
            1
            for q in ctx.captured_queries
            if q["sql"].lstrip().startswith("SELECT") and 'FROM "agents_office"' in q["sql"]
        )

    shown = office_reads(client.get)
    refused = office_reads(client.post, _update(member, is_responsible="on", responsible_training_on=""))
    training = office_reads(client.post, {"action": "training", "office": setup.office.pk, "topic": ""})
    # one read for the page; a change reads the posted office once more (the form checks it is the agency's)
    assert (shown, refused, training) == (1, 2, 1)
