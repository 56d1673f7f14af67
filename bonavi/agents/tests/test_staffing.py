"""職業紹介責任者 50:1 (職業安定法32条の14): refused where staff are added, moved or re-roled; shown per office."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Office, Staff
from bonavi.agents.rules import responsible_required
from bonavi.agents.tests.factories import TRAINED, make_agency
from bonavi.core.clock import day_ja

pytestmark = pytest.mark.django_db


def _fill(setup, office, n: int) -> None:
    """n more career advisers at `office`, written directly (as an import or the admin would)."""
    users = User.objects.bulk_create(
        User(
            email=f"ca{i}-{office.pk}@bulk.example",
            role=Role.AGENT,
            organization=setup.agency.organization,
            display_name=f"CA{i}",
        )
        for i in range(n)
    )
    Staff.objects.bulk_create(Staff(user=u, agency=setup.agency, office=office) for u in users)


def test_required_count_is_one_per_fifty_started():
    assert [responsible_required(n) for n in (0, 1, 50, 51, 100, 101)] == [0, 1, 1, 2, 2, 3]


def test_fifty_first_person_needs_a_second_responsible(setup, client):
    _fill(setup, setup.office, 47)  # ca + ra + boss + 47 = 50 staff, 1 責任者: allowed
    with pytest.raises(
        services.AgentError, match="51人になり、職業紹介責任者が2人必要ですが、1人しかいません"
    ):
        services.staff_add(user=setup.boss, office=setup.office, email="new@x.example", display_name="新人")
    assert not User.objects.filter(email="new@x.example").exists()  # nothing half-stored
    # a second 責任者 needs a 講習 within five years
    for trained in (None, dt.date.today() - dt.timedelta(days=6 * 365)):
        with pytest.raises(services.AgentError, match="講習"):
            services.staff_add(
                user=setup.boss,
                office=setup.office,
                email="head2@x.example",
                display_name="二人目",
                is_career_adviser=False,
                is_responsible=True,
                responsible_training_on=trained,
            )
    head2 = services.staff_add(
        user=setup.boss,
        office=setup.office,
        email="head2@x.example",
        display_name="二人目",
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=TRAINED,
    )
    services.staff_add(user=setup.boss, office=setup.office, email="new@x.example", display_name="新人")
    assert Staff.objects.filter(office=setup.office).count() == 52
    # demoting either 責任者 now would leave 52 staff with one: refused, unchanged
    with pytest.raises(services.AgentError, match="職業紹介責任者が2人必要"):
        services.staff_update(
            user=setup.boss,
            staff=head2,
            office=setup.office,
            is_career_adviser=True,
            is_recruiting_adviser=False,
            is_responsible=False,
            responsible_training_on=None,
        )
    head2.refresh_from_db()
    assert head2.is_responsible
    # the invitation went to the new person, with the password-setting page
    from bonavi.notifications.models import OutboxMessage

    invite = OutboxMessage.objects.get(to_email="new@x.example")
    assert "/accounts/password/reset/" in invite.body_text
    # the office page shows the ratio; the API too
    client.force_login(setup.boss)
    page = client.get("/agent/offices/").content.decode()
    assert "従事者 <strong>52</strong>人／職業紹介責任者 <strong>2</strong>人（必要 2人）" in page
    assert "基準を満たしています" in page
    assert client.get("/api/v1/agent/offices").json()[0] == {
        "office": "本社",
        "staff": 52,
        "responsible": 2,
        "required": 2,
        "ok": True,
        "warning": "",
        "training": [],
    }


def test_moving_the_only_responsible_away_is_refused_and_an_empty_office_needs_one_first(setup):
    branch = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    with pytest.raises(services.AgentError, match="大阪支店の職業紹介に従事する人は1人になり"):
        services.staff_add(user=setup.boss, office=branch, email="osaka@x.example", display_name="大阪CA")
    boss = Staff.objects.get(user=setup.boss)
    with pytest.raises(services.AgentError, match="本社の職業紹介に従事する人は2人になり"):
        services.staff_update(
            user=setup.boss,
            staff=boss,
            office=branch,
            is_career_adviser=False,
            is_recruiting_adviser=False,
            is_responsible=True,
            responsible_training_on=TRAINED,
        )
    boss.refresh_from_db()
    assert boss.office == setup.office
    services.staff_add(
        user=setup.boss,
        office=branch,
        email="osaka-head@x.example",
        display_name="大阪責任者",
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=TRAINED,
    )
    services.staff_add(user=setup.boss, office=branch, email="osaka@x.example", display_name="大阪CA")
    assert Staff.objects.filter(office=branch).count() == 2


def test_only_a_responsible_manages_staff_and_bad_input_is_japanese(setup, client):
    with pytest.raises(services.PermissionDenied):
        services.staff_add(user=setup.ca, office=setup.office, email="x@x.example", display_name="x")
    client.force_login(setup.ca)
    assert client.get("/agent/offices/").status_code == 403
    client.force_login(setup.boss)
    resp = client.post(
        "/agent/offices/",
        {"action": "add", "add-email": "not-an-email", "add-display_name": "", "add-office": setup.office.pk},
    )
    assert resp.status_code == 422 and "メールアドレスの形式が正しくありません" in resp.content.decode()
    resp = client.post(
        "/agent/offices/",
        {
            "action": "add",
            "add-email": "seeker@test.example",
            "add-display_name": "x",
            "add-office": setup.office.pk,
        },
    )
    assert "役割を1つ以上選んでください" in resp.content.decode()


def test_a_tampered_office_or_staff_id_is_not_found_not_a_500(setup, client):
    client.force_login(setup.boss)
    training = {"action": "training", "office": "abc", "held_on": "2026-04-01", "topic": "個人情報"}
    assert client.post("/agent/offices/", training).status_code == 404
    assert client.post("/agent/offices/", {"action": "update", "staff": "1 OR 1=1"}).status_code == 404


def test_office_page_blocks_with_a_warning_when_data_already_breaks_the_rule(setup, client):
    _fill(setup, setup.office, 60)  # imported directly: 63 staff, 1 責任者
    client.force_login(setup.boss)
    page = client.get("/agent/offices/").content.decode()
    assert "職業紹介責任者が不足しています" in page and "63人になり、職業紹介責任者が2人必要" in page
    dash = client.get("/agent/").content.decode()
    assert "職業紹介責任者が2人必要" in dash
    # while short, adding even one more is refused through the page
    resp = client.post(
        "/agent/offices/",
        {
            "action": "add",
            "add-email": "more@x.example",
            "add-display_name": "追加",
            "add-office": setup.office.pk,
            "add-is_career_adviser": "on",
        },
    )
    assert resp.status_code == 422 and "先に職業紹介責任者を選任してください" in resp.content.decode()
    # stopping someone's login (退職) takes them out of the count
    leaver = Staff.objects.filter(office=setup.office, user__email__startswith="ca0-").get()
    services.staff_update(
        user=setup.boss,
        staff=leaver,
        office=setup.office,
        is_career_adviser=True,
        is_recruiting_adviser=False,
        is_responsible=False,
        responsible_training_on=None,
        active=False,
    )
    leaver.user.refresh_from_db()
    assert not leaver.user.is_active


def test_staff_education_is_recorded_by_the_responsible_and_counted_in_the_yearly_report(setup, client):
    from bonavi.agents import books
    from bonavi.agents.models import StaffTraining

    ca, ra = Staff.objects.get(user=setup.ca), Staff.objects.get(user=setup.ra)
    with pytest.raises(services.PermissionDenied):
        services.training_record(
            user=setup.ca, office=setup.office, held_on=TRAINED, topic="x", attendee_ids=[ca.pk]
        )
    rival = make_agency(slug="rival", name="株式会社ライバル")
    rival_ca = Staff.objects.get(user=rival.ca)
    with pytest.raises(services.AgentError, match="受講者を1人以上"):
        services.training_record(
            user=setup.boss,
            office=setup.office,
            held_on=TRAINED,
            topic="均等待遇",
            attendee_ids=[rival_ca.pk],
        )
    client.force_login(setup.boss)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    page = client.post(
        "/agent/offices/",
        {
            "action": "training",
            "office": setup.office.pk,
            "held_on": future,
            "topic": "均等待遇",
            "attendees": [ca.pk],
        },
    )
    # one rule for a day that must have come, worded as the 離職日's (the date named as typed)
    said = f"実施日（{future}）が未来の日付です。実施した後に記録してください。"
    assert page.content.decode().count(said) == 1 and not StaffTraining.objects.exists()
    held = dt.date.today() - dt.timedelta(days=10)
    client.post(
        "/agent/offices/",
        {
            "action": "training",
            "office": setup.office.pk,
            "held_on": held.isoformat(),
            "topic": "個人情報の取扱いと均等待遇",
            "attendees": [ca.pk, ra.pk],
        },
    )
    page = client.get("/agent/offices/").content.decode()
    assert "個人情報の取扱いと均等待遇（2人・高橋責任者）" in page
    assert f"従業者教育：{day_ja(held)} 受講" in page
    fy = held.year if held.month >= 4 else held.year - 1
    report = books.yearly_report(agency=setup.agency, fiscal_year=fy)
    assert report["従業員教育（実施回数）"] == 1 and report["従業員教育（延べ受講者数）"] == 2
    assert report["返戻金制度"] == "あり"
