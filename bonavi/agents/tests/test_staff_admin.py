"""The Django admin cannot bypass the 職業紹介責任者 50:1 rule (ADR 0063): a change that leaves an office short is
a form error with the service's Japanese message, and nothing is saved."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents.models import Office, Staff
from bonavi.agents.tests.factories import TRAINED, make_agency
from bonavi.agents.tests.test_staffing import _fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, operator):
    client.force_login(operator)
    return client


def _form(staff: Staff, **over) -> dict[str, str]:
    data = {
        "user": str(staff.user_id),
        "agency": str(staff.agency_id),
        "office": str(staff.office_id),
        "is_career_adviser": "on" if staff.is_career_adviser else "",
        "is_recruiting_adviser": "on" if staff.is_recruiting_adviser else "",
        "is_responsible": "on" if staff.is_responsible else "",
        "responsible_training_on": staff.responsible_training_on.isoformat()
        if staff.responsible_training_on
        else "",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v != ""}


def _agent(email: str, setup) -> User:
    return User.objects.create_user(
        email=email, password="pw-Long-enough-1", role=Role.AGENT, organization=setup.agency.organization
    )


def test_admin_add_that_makes_the_office_short_is_a_form_error_and_nothing_is_saved(setup, admin_client):
    _fill(setup, setup.office, 47)  # 50 staff, one 責任者
    newcomer = _agent("new@x.example", setup)
    data = _form(Staff(user=newcomer, agency=setup.agency, office=setup.office))
    resp = admin_client.post("/admin/agents/staff/add/", data)
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "本社の職業紹介に従事する人は51人になり、職業紹介責任者が2人必要ですが、1人しかいません" in page
    assert not Staff.objects.filter(user=newcomer).exists()
    # the same person as a (trained) second 責任者 is fine
    ok = admin_client.post(
        "/admin/agents/staff/add/",
        {**data, "is_responsible": "on", "responsible_training_on": TRAINED.isoformat()},
    )
    assert ok.status_code == 302
    assert Staff.objects.get(user=newcomer).is_responsible


def test_admin_change_that_leaves_an_office_short_is_refused(setup, admin_client):
    _fill(setup, setup.office, 10)
    boss = Staff.objects.get(user=setup.boss)
    url = f"/admin/agents/staff/{boss.pk}/change/"
    assert admin_client.get(url).status_code == 200
    # demoting the only 責任者 of 13 staff
    resp = admin_client.post(url, _form(boss, is_responsible="", is_career_adviser="on"))
    assert resp.status_code == 200
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    boss.refresh_from_db()
    assert boss.is_responsible
    # moving her to another office leaves 本社 without one: refused, still at 本社
    osaka = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    resp = admin_client.post(url, _form(boss, office=str(osaka.pk)))
    assert resp.status_code == 200 and "本社の職業紹介に従事する人は12人" in resp.content.decode()
    boss.refresh_from_db()
    assert boss.office == setup.office
    # a CA moved to the empty office, which has no 責任者, is refused too
    ca = Staff.objects.get(user=setup.ca)
    resp = admin_client.post(f"/admin/agents/staff/{ca.pk}/change/", _form(ca, office=str(osaka.pk)))
    assert resp.status_code == 200 and "大阪支店の職業紹介に従事する人は1人" in resp.content.decode()
    assert Staff.objects.get(pk=ca.pk).office == setup.office
    # a change that keeps the ratio (the CA also becomes RA) is saved
    resp = admin_client.post(f"/admin/agents/staff/{ca.pk}/change/", _form(ca, is_recruiting_adviser="on"))
    assert resp.status_code == 302 and Staff.objects.get(pk=ca.pk).is_recruiting_adviser


def test_admin_refuses_an_untrained_responsible_and_another_agencys_office(setup, admin_client):
    ca = Staff.objects.get(user=setup.ca)
    url = f"/admin/agents/staff/{ca.pk}/change/"
    resp = admin_client.post(url, _form(ca, is_responsible="on"))
    assert resp.status_code == 200 and "講習" in resp.content.decode()
    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    resp = admin_client.post(url, _form(ca, office=str(other.office.pk)))
    assert resp.status_code == 200 and "選んだ職業紹介事業者のもの" in resp.content.decode()
    ca.refresh_from_db()
    assert not ca.is_responsible and ca.office == setup.office


def test_admin_deleting_the_only_responsible_is_refused(setup, admin_client):
    boss = Staff.objects.get(user=setup.boss)
    resp = admin_client.post(f"/admin/agents/staff/{boss.pk}/delete/", {"post": "yes"}, follow=True)
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    assert Staff.objects.filter(pk=boss.pk).exists()
    # the bulk action that would skip the check is not offered
    assert "delete_selected" not in admin_client.get("/admin/agents/staff/").content.decode()
    # a CA can go (2 staff, one 責任者 remain)
    ca = Staff.objects.get(user=setup.ca)
    assert admin_client.post(f"/admin/agents/staff/{ca.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Staff.objects.filter(pk=ca.pk).exists()


def _user_form(user: User, **over) -> dict[str, str]:
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "organization": str(user.organization_id or ""),
        "is_active": "on" if user.is_active else "",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v != ""}


def test_switching_the_only_responsibles_login_off_in_the_accounts_admin_is_refused(setup, admin_client):
    url = f"/admin/accounts/user/{setup.boss.pk}/change/"
    resp = admin_client.post(url, _user_form(setup.boss, is_active=""))
    assert resp.status_code == 200
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    setup.boss.refresh_from_db()
    assert setup.boss.is_active
    # a career adviser's login can be switched off (the office keeps its 責任者) …
    ca_url = f"/admin/accounts/user/{setup.ca.pk}/change/"
    assert admin_client.post(ca_url, _user_form(setup.ca, is_active="")).status_code == 302
    setup.ca.refresh_from_db()
    assert not setup.ca.is_active
    # … and back on only while the office has enough 責任者 for one more person
    _fill(setup, setup.office, 48)  # 50 active with the boss
    resp = admin_client.post(ca_url, _user_form(setup.ca, is_active="on"))
    assert resp.status_code == 200
    assert "本社の職業紹介に従事する人は51人になり" in resp.content.decode()
    setup.ca.refresh_from_db()
    assert not setup.ca.is_active


def test_deleting_the_only_responsibles_account_in_the_accounts_admin_is_refused(setup, admin_client):
    resp = admin_client.post(f"/admin/accounts/user/{setup.boss.pk}/delete/", {"post": "yes"}, follow=True)
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    assert User.objects.filter(pk=setup.boss.pk).exists()
    # the bulk action asks the same guard: nobody in the selection goes
    resp = admin_client.post(
        "/admin/accounts/user/",
        {
            "action": "guarded_delete_selected",
            "_selected_action": [setup.boss.pk, setup.ca.pk],
            "post": "yes",
        },
        follow=True,
    )
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    assert User.objects.filter(pk__in=[setup.boss.pk, setup.ca.pk]).count() == 2
    # an ordinary account still goes through the bulk action
    other = User.objects.create_user(email="plain@x.example", password="pw-Long-enough-1", role=Role.SEEKER)
    admin_client.post(
        "/admin/accounts/user/",
        {"action": "guarded_delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert not User.objects.filter(pk=other.pk).exists()


def test_bulk_deleting_both_responsibles_is_judged_one_after_the_other(setup, admin_client):
    """Each of two 責任者 may go alone; together they would leave the office with none. The bulk action checks
    the selection in order, with the ones before already gone, so it refuses and deletes nobody."""
    second = _agent("head2@x.example", setup)
    Staff.objects.create(
        user=second,
        agency=setup.agency,
        office=setup.office,
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=TRAINED,
    )
    resp = admin_client.post(
        "/admin/accounts/user/",
        {"action": "guarded_delete_selected", "_selected_action": [setup.boss.pk, second.pk], "post": "yes"},
        follow=True,
    )
    assert "職業紹介責任者が1人必要ですが、0人しかいません" in resp.content.decode()
    assert User.objects.filter(pk__in=[setup.boss.pk, second.pk]).count() == 2
    # one of them alone may go
    admin_client.post(
        "/admin/accounts/user/",
        {"action": "guarded_delete_selected", "_selected_action": [second.pk], "post": "yes"},
    )
    assert not User.objects.filter(pk=second.pk).exists()


def test_admin_lists_and_forms_name_their_fields_in_japanese(admin_client, setup, employer) -> None:
    """The operator's pages said 「User」「Agency」「Office」 (スタッフ), 「Created at」 (組織) and 「Created by」 (求人)."""
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization)
    staff = Staff.objects.filter(agency=setup.agency).first()
    assert staff is not None
    pages = {
        "/admin/agents/staff/": ("アカウント", "職業紹介事業者", "事業所"),
        f"/admin/agents/staff/{staff.pk}/change/": ("アカウント", "職業紹介事業者", "事業所"),
        "/admin/accounts/organization/": ("登録日時",),
        f"/admin/jobs/jobposting/{posting.pk}/change/": ("作成者",),
    }
    for url, japanese in pages.items():
        page = admin_client.get(url).content.decode()
        assert all(word in page for word in japanese), url
        for english in (
            ">User<",
            ">Agency<",
            ">Office<",
            "User:",
            "Agency:",
            "Office:",
            "Created at",
            "Created by",
        ):
            assert english not in page, (url, english)
