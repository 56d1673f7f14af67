"""`bonavi demo` (make demo): every role has an account, and the demo company has two 採用担当 so that
採用担当の管理 (/accounts/team/, ADR 0078) shows a colleague."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.accounts import selectors
from bonavi.accounts.models import Organization, Role, User

pytestmark = pytest.mark.django_db


def test_the_demo_company_has_two_active_hiring_staff() -> None:
    out = StringIO()
    call_command("demo", "--postings", "20", stdout=out)
    first = User.objects.get(email="employer@example.com")
    team = list(selectors.team_members(user=first).values_list("email", "is_active", "role"))
    assert team == [
        ("employer@example.com", True, Role.EMPLOYER),
        ("employer2@example.com", True, Role.EMPLOYER),
    ]
    assert "employer2@example.com" in out.getvalue()  # listed with the other demo logins


def test_the_demo_people_agreed_to_the_purposes_as_at_sign_up(client) -> None:
    # Demo accounts are made directly, not through sign-up, so they had no consent record and the demo seeker's
    # first page asked them to agree to 「更新した」 purposes they had never been shown.
    call_command("demo", "--postings", "20", stdout=StringIO())
    client.force_login(User.objects.get(email="seeker@example.com"))
    assert "利用目的を更新しました" not in client.get("/me/").content.decode()


def test_the_demo_company_has_its_profile_once_and_the_walkthrough_says_where(client) -> None:
    # ADR 0103's profile, filled through organization_update (so its rules hold), shown on the public company page.
    out = StringIO()
    call_command("demo", "--postings", "20", stdout=out)
    org = Organization.objects.get(name="株式会社BOナビデモ商事")
    assert org.business and org.pitch and org.employees == 120 and org.capital == 50_000_000
    assert org.founded == dt.date(2008, 4, 1) and org.website == "https://example.co.jp/"
    page = client.get(f"/companies/{org.pk}/").content.decode()
    for label in ("事業内容", "従業員数", "設立", "資本金", "会社の特徴"):
        assert f"<dt>{label}</dt>" in page
    assert 'href="https://example.co.jp/"' in page
    printed = out.getvalue()
    for where in (
        f"/companies/{org.pk}/",
        "/applicants/",
        "/me/applications/",
        "面接のご案内.pdf",
        "/agent/invitations/",
        "今日やること：アドバイザーの /agent/",
        "/me/privacy/export/",
    ):
        assert where in printed
    # A profile the company has since changed is not put back by the next run.
    Organization.objects.filter(pk=org.pk).update(business="変更後の事業内容")
    call_command("demo", "--postings", "20", stdout=StringIO())
    assert Organization.objects.get(pk=org.pk).business == "変更後の事業内容"


def test_every_demo_company_with_postings_has_a_hiring_staff_who_cannot_log_in() -> None:
    # ADR 0143: a 応募 to a company without an active 採用担当 is refused, and the generated companies had none —
    # /jobs/945/ said 「応募を受け付けました」 to nobody. Each now has one, with no password anyone could use.
    call_command("demo", "--postings", "20", stdout=StringIO())
    with_postings = Organization.objects.filter(
        kind=Organization.Kind.EMPLOYER, postings__isnull=False
    ).distinct()
    assert with_postings.count() > 2
    for org in with_postings:
        assert selectors.has_hiring_staff(organization_id=org.pk), org.name
    added = User.objects.filter(email__startswith="saiyo-", role=Role.EMPLOYER)
    assert added.count() == with_postings.count() - 1  # the demo company has its two who log in
    assert not any(u.has_usable_password() for u in added)
    # A second run adds nobody.
    out = StringIO()
    call_command("demo", "--postings", "20", stdout=out)
    assert User.objects.filter(email__startswith="saiyo-").count() == added.count()
    assert "採用担当（ログインなし）" not in out.getvalue()
