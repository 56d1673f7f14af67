"""仮登録 and 採用担当の招待 in the Django admin: read-only lists an operator searches by address to answer "I never
got the mail" (ADR 0071, 0078); a mistaken row can be deleted, nothing else changed, no password hash shown."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from bonavi.accounts.models import PendingSignup, Role, TeamInvitation, User

pytestmark = pytest.mark.django_db


def _controls(form: str) -> list[str]:
    """Every input, select, textarea and button of a form (the CSRF token's value left out)."""
    found = re.findall(r"<(?:input|select|textarea|button)\b[^>]*>", form)
    return [re.sub(r' value="[^"]*"', "", c) for c in found]


@pytest.fixture
def rows(employer):
    now = timezone.now()
    hashed = make_password("pw-Long-enough-1")
    PendingSignup.objects.create(
        email="waiting@x.example", password_hash=hashed, role=Role.SEEKER, agreed=True
    )
    PendingSignup.objects.create(
        email="late@x.example", password_hash=hashed, created_at=now - dt.timedelta(hours=30)
    )
    PendingSignup.objects.create(email=employer.email, password_hash=hashed, role=Role.EMPLOYER)
    org = employer.organization
    TeamInvitation.objects.create(organization=org, email="new@x.example", invited_by=employer)
    TeamInvitation.objects.create(
        organization=org, email="gone@x.example", invited_by=employer, cancelled_at=now
    )
    TeamInvitation.objects.create(
        organization=org, email="old@x.example", invited_by=employer, created_at=now - dt.timedelta(hours=80)
    )
    return hashed


def test_operator_lists_and_searches_pending_signups_without_password_hashes(client, operator, rows):
    client.force_login(operator)
    page = client.get("/admin/accounts/pendingsignup/").content.decode()
    assert "waiting@x.example" in page and "late@x.example" in page
    assert "有効（" in page and "期限切れ" in page
    assert rows not in page and "password_hash" not in page and "pbkdf2" not in page
    assert "/admin/accounts/pendingsignup/add/" not in page  # nothing to add by hand
    found = client.get("/admin/accounts/pendingsignup/", {"q": "late@"}).content.decode()
    assert "late@x.example" in found and "waiting@x.example" not in found
    # the address that has an account by now is marked (it was sent 「既に登録があります」, not a link)
    mine = client.get("/admin/accounts/pendingsignup/", {"q": "hr@test"}).content.decode()
    assert 'alt="True"' in mine and 'alt="True"' not in found


def test_a_pending_signup_page_has_nothing_to_edit_and_can_be_deleted(client, operator, rows):
    client.force_login(operator)
    row = PendingSignup.objects.get(email="waiting@x.example")
    url = f"/admin/accounts/pendingsignup/{row.pk}/change/"
    page = client.get(url).content.decode()
    assert "waiting@x.example" in page and "有効（" in page
    form = page.split('id="pendingsignup_form"', 1)[1].split("</form>", 1)[0]
    # no field at all, only the CSRF token; the way to delete is there
    assert _controls(form) == ['<input type="hidden" name="csrfmiddlewaretoken">']
    assert f'href="/admin/accounts/pendingsignup/{row.pk}/delete/"' in form
    assert rows not in page and "pbkdf2" not in page
    # a POST to the change page changes nothing
    assert client.post(url, {"email": "other@x.example"}).status_code == 403
    assert PendingSignup.objects.filter(email="waiting@x.example").exists()
    assert client.get("/admin/accounts/pendingsignup/add/").status_code == 403
    # deleting a mistaken row is allowed
    resp = client.post(f"/admin/accounts/pendingsignup/{row.pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302 and not PendingSignup.objects.filter(pk=row.pk).exists()


def test_operator_lists_and_searches_team_invitations(client, operator, rows):
    client.force_login(operator)
    page = client.get("/admin/accounts/teaminvitation/").content.decode()
    assert "new@x.example" in page and "株式会社テスト商事" in page and "hr@test.example" in page
    assert "有効（" in page and "取消" in page and "期限切れ" in page
    found = client.get("/admin/accounts/teaminvitation/", {"q": "gone@x"}).content.decode()
    assert "gone@x.example" in found and "new@x.example" not in found
    row = TeamInvitation.objects.get(email="new@x.example")
    detail = client.get(f"/admin/accounts/teaminvitation/{row.pk}/change/").content.decode()
    form = detail.split('id="teaminvitation_form"', 1)[1].split("</form>", 1)[0]
    assert "new@x.example" in form and _controls(form) == ['<input type="hidden" name="csrfmiddlewaretoken">']
    assert client.post(f"/admin/accounts/teaminvitation/{row.pk}/change/", {}).status_code == 403
    resp = client.post(f"/admin/accounts/teaminvitation/{row.pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302 and not TeamInvitation.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("who", ["seeker", "employer", None])
def test_others_cannot_reach_them(client, rows, who, request):
    if who:
        user: User = request.getfixturevalue(who)
        client.force_login(user)
    for url in ("/admin/accounts/pendingsignup/", "/admin/accounts/teaminvitation/"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith("/admin/login/")
        assert "waiting@x.example" not in client.get(url, follow=True).content.decode()
