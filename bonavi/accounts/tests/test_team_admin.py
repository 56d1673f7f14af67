"""Re-enabling a removed 採用担当 is the operator's, in the Django admin (ADR 0078): through
services.team_member_reactivate, back into the company they were removed from and as a 採用担当 only; the person
can then log in again. Re-enabling them anywhere else, or as anything else, is refused with a Japanese reason."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts import services
from bonavi.accounts.models import ApiToken, Organization, Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "Saiyou-Team-2026"


@pytest.fixture
def removed(employer: User) -> User:
    colleague = User.objects.create_user(
        email="sato@test.example",
        password=PASSWORD,
        role=Role.EMPLOYER,
        organization=employer.organization,
        display_name="佐藤",
    )
    ApiToken.issue(user=colleague)
    services.team_member_remove(user=employer, member_id=colleague.pk)
    colleague.refresh_from_db()
    assert not colleague.is_active
    return colleague


@pytest.fixture
def ops(operator: User) -> Client:
    client = Client()
    client.force_login(operator)
    return client


def _form(user: User, **over: str) -> dict[str, str]:
    """The admin change form as the operator sends it, with `over` changed."""
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "organization": str(user.organization_id or ""),
        "is_active": "on" if user.is_active else "",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v != ""}


def _can_log_in(user: User) -> bool:
    client = Client()
    client.post(reverse("accounts:login"), {"email": user.email, "password": PASSWORD})
    return client.session.get("_auth_user_id") == str(user.pk)


def test_operator_re_enables_a_removed_colleague_who_can_log_in_again(ops, removed, employer) -> None:
    assert not _can_log_in(removed)
    url = f"/admin/accounts/user/{removed.pk}/change/"
    assert ops.get(url).status_code == 200
    resp = ops.post(url, _form(removed, is_active="on", display_name="佐藤 花子"))
    assert resp.status_code == 302, resp.content.decode()[:3000]
    removed.refresh_from_db()
    assert removed.is_active and removed.display_name == "佐藤 花子"
    assert removed.organization_id == employer.organization_id and removed.role == Role.EMPLOYER
    assert _can_log_in(removed)
    assert not ApiToken.objects.filter(user=removed).exists()  # the tokens cut off at removal stay gone
    # back on the team page of their company, and they can manage it again
    client = Client()
    client.force_login(removed)
    assert "hr@test.example" in client.get(reverse("accounts:team")).content.decode()


def test_re_enabling_into_another_company_or_role_is_refused(ops, removed, other_employer) -> None:
    url = f"/admin/accounts/user/{removed.pk}/change/"
    moved = ops.post(url, _form(removed, is_active="on", organization=str(other_employer.organization_id)))
    assert moved.status_code == 200 and "役割と所属組織を変えずに保存してください" in moved.content.decode()
    as_seeker = ops.post(url, _form(removed, is_active="on", role=Role.SEEKER, organization=""))
    assert as_seeker.status_code == 200 and "役割と所属組織を変えずに" in as_seeker.content.decode()
    removed.refresh_from_db()
    assert not removed.is_active and removed.organization_id != other_employer.organization_id
    assert not _can_log_in(removed)


def test_re_enabling_without_a_company_or_into_an_agency_is_refused(ops, removed) -> None:
    url = f"/admin/accounts/user/{removed.pk}/change/"
    org = removed.organization
    assert org is not None
    # the company was turned into an agency since (or the link was cleared): not a 採用担当's place any more
    Organization.objects.filter(pk=org.pk).update(kind=Organization.Kind.AGENCY)
    resp = ops.post(url, _form(removed, is_active="on"))
    assert resp.status_code == 200 and f"「{org.name}」は職業紹介事業者です" in resp.content.decode()
    User.objects.filter(pk=removed.pk).update(organization=None)
    removed.refresh_from_db()
    resp = ops.post(url, _form(removed, is_active="on"))
    assert (
        resp.status_code == 200
        and "所属組織（採用企業）を選ばないと有効にできません" in resp.content.decode()
    )
    removed.refresh_from_db()
    assert not removed.is_active
    with pytest.raises(services.TeamError, match="所属組織"):
        services.team_member_reactivate(member_id=removed.pk)


def test_an_active_employer_cannot_be_left_without_a_company(ops, employer) -> None:
    resp = ops.post(f"/admin/accounts/user/{employer.pk}/change/", _form(employer, organization=""))
    assert resp.status_code == 200 and "所属組織（採用企業）を選ばないと" in resp.content.decode()
    employer.refresh_from_db()
    assert employer.organization_id is not None


def test_the_admin_action_re_enables_employers_only(ops, removed, seeker) -> None:
    seeker.is_active = False
    seeker.save()
    resp = ops.post(
        "/admin/accounts/user/",
        {
            "action": "reactivate_employers",
            "index": "0",
            "_selected_action": [str(removed.pk), str(seeker.pk)],
        },
        follow=True,
    )
    page = resp.content.decode()
    assert "「sato@test.example」を再び有効にしました。" in page
    assert "「seeker@test.example」：再び有効にできるのは、採用担当のアカウントだけです。" in page
    removed.refresh_from_db()
    seeker.refresh_from_db()
    assert removed.is_active and not seeker.is_active and _can_log_in(removed)


def test_the_operator_cannot_add_an_employer_without_a_company(operator: User) -> None:
    """The add page had no company field, so a new 採用担当 was saved active with no company (no applicants, no
    postings possible); now the same membership rule as on the change page applies."""
    ops = Client()
    ops.force_login(operator)
    form = {"email": "hr@new.example", "role": "employer", "usable_password": "false"}
    response = ops.post("/admin/accounts/user/add/", form)
    assert response.status_code == 200
    assert "所属組織（採用企業）を選ばないと有効にできません" in response.content.decode()
    assert not User.objects.filter(email="hr@new.example").exists()
    company = Organization.objects.create(name="新会社", kind=Organization.Kind.EMPLOYER)
    response = ops.post("/admin/accounts/user/add/", {**form, "organization": company.pk})
    assert response.status_code == 302
    assert User.objects.get(email="hr@new.example").organization == company


def test_a_company_changed_between_the_check_and_the_save_gets_a_message_not_a_500(
    ops, removed, monkeypatch
) -> None:
    """The form checks the team rules, then the service checks them again under the lock; a change made in between
    (here the company turned into an agency) used to surface as a server error."""
    real = services.team_member_reactivate

    def meanwhile(*, member_id: int) -> User:
        Organization.objects.filter(pk=removed.organization_id).update(kind=Organization.Kind.AGENCY)
        return real(member_id=member_id)

    monkeypatch.setattr(services, "team_member_reactivate", meanwhile)
    url = f"/admin/accounts/user/{removed.pk}/change/"
    resp = ops.post(url, _form(removed, is_active="on", display_name="佐藤 花子"), follow=True)
    assert resp.status_code == 200 and "有効にできませんでした" in resp.content.decode()
    removed.refresh_from_db()
    assert not removed.is_active and removed.display_name == "佐藤 花子"
