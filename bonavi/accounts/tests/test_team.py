"""A company's 採用担当 managing their colleagues (ADR 0078): the team page, invitations by mailed single-use link,
and removing (switching off) a colleague; every way in by someone who should not get in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts import services
from bonavi.accounts.models import ApiToken, Organization, Role, TeamInvitation, User
from bonavi.core.clock import moment_ja
from bonavi.notifications.tests.smtp import free_port, send_by_smtp
from bonavi.seekers.models import ConsentRecord

pytestmark = pytest.mark.django_db
PASSWORD = "Saiyou-Team-2026"
TEAM = reverse("accounts:team")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _colleague(employer: User, email: str = "sato@test.example", name: str = "佐藤") -> User:
    return User.objects.create_user(
        email=email,
        password=PASSWORD,
        role=Role.EMPLOYER,
        organization=employer.organization,
        display_name=name,
    )


def _invite(client: Client, email: str = "new@test.example", name: str = "鈴木") -> Any:
    return client.post(TEAM, {"email": email, "display_name": name})


def _join_path(to: str) -> str:
    mails = [m for m in mail.outbox if m.to == [to] and "招待" in m.subject]
    assert mails, [(m.to, m.subject) for m in mail.outbox]
    found = re.search(r"^http://\S+(/accounts/team/join/\S+/)$", mails[-1].body, re.M)
    assert found is not None, mails[-1].body
    return found.group(1)


def _join(client: Client, path: str, **over: str) -> Any:
    data = {"display_name": "鈴木 一郎", "password1": PASSWORD, "password2": PASSWORD, "agree": "on"}
    data.update(over)
    return client.post(path, data)


def test_the_team_page_lists_the_companys_staff_and_pending_invitations(
    employer: User, other_employer: User
) -> None:
    colleague = _colleague(employer)
    colleague.last_login = timezone.make_aware(dt.datetime(2026, 11, 20, 9, 30))
    colleague.save()
    gone = _colleague(employer, "gone@test.example", "退職 太郎")
    gone.is_active = False
    gone.save()
    client = _client(employer)
    assert _invite(client).status_code == 302
    page = client.get(TEAM).content.decode()
    assert "株式会社テスト商事" in page
    for text in (
        "佐藤",
        "sato@test.example",
        "2026年11月20日（金）09:30",
        "退職 太郎",
        "停止中",
        "hr@test.example",
    ):
        assert text in page
    invitation = TeamInvitation.objects.get()
    expiry = moment_ja(invitation.created_at + dt.timedelta(hours=72))
    assert "new@test.example" in page and f"有効期限：{expiry}" in page
    # Another company's staff and invitations are not on it, nor this one's on theirs.
    assert "hr@other.example" not in page
    theirs = _client(other_employer).get(TEAM).content.decode()
    assert "sato@test.example" not in theirs and "new@test.example" not in theirs
    # The account page links to it, for employers only.
    assert TEAM in client.get(reverse("accounts:account")).content.decode()


def test_an_invited_colleague_sets_a_password_and_joins_the_company(employer: User) -> None:
    inviter = _client(employer)
    response = _invite(inviter)
    assert response.status_code == 302 and response["Location"] == TEAM
    assert "new@test.example に招待メールを送りました" in inviter.get(TEAM).content.decode()
    (invite,) = mail.outbox
    assert "株式会社テスト商事" in invite.subject and "72時間" in invite.body
    path = _join_path("new@test.example")

    invitee = Client()
    page = invitee.get(path)
    assert page.status_code == 200 and "株式会社テスト商事" in page.content.decode()
    assert 'value="鈴木"' in page.content.decode()  # the inviter's name for them, as a starting value
    assert not User.objects.filter(
        email="new@test.example"
    ).exists()  # opening the link (a scanner) does nothing

    response = _join(invitee, path)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:employer_list")
    user = User.objects.get(email="new@test.example")
    assert (user.role, user.organization_id, user.display_name) == (
        Role.EMPLOYER,
        employer.organization_id,
        "鈴木 一郎",
    )
    assert user.check_password(PASSWORD) and user.is_active
    assert int(invitee.session["_auth_user_id"]) == user.pk
    assert ConsentRecord.objects.filter(user=user).count() == 1  # the consent given, as at sign-up
    assert TeamInvitation.objects.get().used_at is not None
    assert "new@test.example" in inviter.get(TEAM).content.decode().split("招待中")[0]  # now a member

    # Single use: the link, opened again in another browser, creates nothing and logs nobody in.
    other = Client()
    again = other.post(
        path, {"display_name": "x", "password1": PASSWORD, "password2": PASSWORD, "agree": "on"}
    )
    assert again.status_code == 200 and "この招待での参加の手続きは済んでいます" in again.content.decode()
    assert "この招待では参加できません" not in again.content.decode()
    assert "_auth_user_id" not in other.session and User.objects.filter(email="new@test.example").count() == 1


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "数字だけ"),
        ({"password1": "short-1A", "password2": "short-1A"}, "password1", "短すぎ"),
        ({"password2": "Different-Pass-1"}, "password2", "確認用のパスワードが一致しません。"),
        ({"agree": ""}, "agree", "登録には利用規約と個人情報の利用目的への同意が必要です。"),
        ({"display_name": ""}, "display_name", "お名前を入力してください。"),
        ({"display_name": "<script>x</script>"}, "display_name", "HTMLタグやスクリプトは入力できません"),
    ],
)
def test_the_join_form_checks_as_sign_up_does_and_stores_nothing(
    employer: User, over: dict[str, str], field: str, message: str
) -> None:
    _invite(_client(employer))
    path = _join_path("new@test.example")
    client = Client()
    response = _join(client, path, **over)
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and f'id="id_{field}_error"' in body
    # what is agreed to is one click away, as on the sign-up page
    assert '<a href="/terms/" target="_blank" rel="noopener">利用規約</a>' in body
    assert (
        not User.objects.filter(email="new@test.example").exists() and "_auth_user_id" not in client.session
    )
    assert TeamInvitation.objects.get().used_at is None  # still usable once corrected
    assert _join(client, path).status_code == 302


def test_an_address_with_an_account_gets_the_same_page_and_a_cannot_join_mail(
    employer: User, seeker: User, other_employer: User
) -> None:
    client = _client(employer)
    pages = []
    for email in ("fresh@test.example", seeker.email.upper(), other_employer.email):
        response = _invite(client, email=email, name="")
        assert (response.status_code, response["Location"]) == (302, TEAM)
        page = client.get(TEAM).content.decode()
        found = re.search(r'<ul class="messages">(.*?)</ul>', page, re.S)
        assert found is not None
        pages.append(found.group(1).replace(email.lower(), "@"))
    assert (
        pages[0] == pages[1] == pages[2] and "招待メールを送りました" in pages[0]
    )  # one message for all three
    # And all three are listed alike as pending.
    listed = client.get(TEAM).content.decode().split("招待中")[1]
    assert all(e in listed for e in ("fresh@test.example", seeker.email, other_employer.email))

    fresh, to_seeker, to_employer = mail.outbox
    assert "/accounts/team/join/" in fresh.body
    for notice, email in ((to_seeker, seeker.email), (to_employer, other_employer.email)):
        assert notice.to == [email] and "既にBOナビのアカウントがあります" in notice.body
        assert "1つのアカウントは1つの会社" in notice.body and "/accounts/team/join/" not in notice.body
    seeker.refresh_from_db()
    other_employer.refresh_from_db()
    assert seeker.role == Role.SEEKER and seeker.organization is None
    assert other_employer.organization.name == "株式会社よそ"


def test_a_company_name_with_an_ampersand_or_quote_is_mailed_as_typed(employer: User, seeker: User) -> None:
    """The subject is plain text: 「S&B」 must not arrive as 「S&amp;B」 (the subject templates were autoescaped)."""
    assert employer.organization is not None
    Organization.objects.filter(pk=employer.organization.pk).update(name="S&Bフーズ株式会社 O'Neil支社")
    client = _client(employer)
    _invite(client, email="fresh@test.example")
    _invite(client, email=seeker.email, name="")
    invite, registered = mail.outbox
    assert invite.subject == "【BOナビ】S&Bフーズ株式会社 O'Neil支社の採用担当への招待"
    assert registered.subject == "【BOナビ】S&Bフーズ株式会社 O'Neil支社の採用担当への招待について"
    for sent in (invite, registered):
        text = f"{sent.subject}\n{sent.body}"
        assert "&amp;" not in text and "&#x27;" not in text


@override_settings(SITE_URL="https://bonavi.example.jp")
def test_the_invitation_link_is_on_the_site_not_on_the_requests_host(employer: User) -> None:
    _client(employer).post(TEAM, {"email": "new@test.example"}, HTTP_HOST="evil.example")
    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert re.search(r"^https://bonavi\.example\.jp/accounts/team/join/\S+/$", body, re.M)


def test_invitations_are_refused_for_a_member_a_pending_address_and_bad_input(employer: User) -> None:
    _colleague(employer)
    client = _client(employer)
    _invite(client, email="pending@test.example")
    cases = [
        ({"email": "SATO@test.example"}, "既にこの会社の採用担当として登録されています"),
        ({"email": "pending@test.example"}, "このメールアドレスには招待中です"),
        ({"email": "not-an-address"}, "メールアドレス"),
        ({"email": "ok@test.example", "display_name": "<b>x</b>"}, "HTMLタグやスクリプトは入力できません"),
    ]
    for data, message in cases:
        response = client.post(TEAM, data)
        assert response.status_code == 422 and message in response.content.decode(), data
    assert TeamInvitation.objects.count() == 1 and len(mail.outbox) == 1


def test_invitations_per_company_are_capped_per_day(employer: User, other_employer: User) -> None:
    client = _client(employer)
    for i in range(services.TEAM_INVITE_DAILY_LIMIT):
        assert _invite(client, email=f"p{i}@test.example").status_code == 302
        if i % 2:  # cancelled invitations count too, or invite-and-cancel would mail without end
            TeamInvitation.objects.filter(email=f"p{i}@test.example").update(cancelled_at=timezone.now())
    response = _invite(client, email="one-more@test.example")
    assert response.status_code == 422 and "24時間で10件まで" in response.content.decode()
    assert TeamInvitation.objects.count() == services.TEAM_INVITE_DAILY_LIMIT
    assert len(mail.outbox) == services.TEAM_INVITE_DAILY_LIMIT
    # Per company: another company is not affected, and a day later this one may invite again.
    assert _invite(_client(other_employer), email="one-more@test.example").status_code == 302
    TeamInvitation.objects.filter(organization=employer.organization).update(
        created_at=timezone.now() - dt.timedelta(hours=24, minutes=1)
    )
    assert _invite(client, email="one-more@test.example").status_code == 302


def test_a_mail_server_that_is_down_gets_a_japanese_message_and_nothing_is_kept(
    employer: User, settings: Any
) -> None:
    send_by_smtp(settings, free_port())  # a port nobody listens on
    response = _invite(_client(employer))
    assert response.status_code == 503 and "招待メールを送信できませんでした" in response.content.decode()
    assert not TeamInvitation.objects.exists()


def test_an_expired_cancelled_or_altered_link_creates_nothing(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(employer)
    _invite(client, email="late@test.example")
    real = timezone.now
    # The clock moves, not the row: the link names the row's creation time (core.signed.sign_row).
    monkeypatch.setattr(timezone, "now", lambda: real() + dt.timedelta(hours=72, minutes=1))
    _invite(client, email="cancel@test.example")
    late, cancel = _join_path("late@test.example"), _join_path("cancel@test.example")
    invitation = TeamInvitation.objects.get(email="cancel@test.example")
    done = client.post(reverse("accounts:team_invitation_cancel", args=[invitation.pk]), follow=True)
    assert "招待を取り消しました" in done.content.decode()
    assert "cancel@test.example" not in done.content.decode().split("招待中")[1]
    token = cancel.rstrip("/").rsplit("/", 1)[1]
    altered = reverse("accounts:team_join", args=[token[:-1] + ("A" if token[-1] != "A" else "B")])
    other_row = reverse("accounts:team_join", args=[token.replace(token.split(":")[0], "WzFd")])  # [1]
    expected = [
        (late, "有効期限（送信から72時間）が切れています"),
        (cancel, "使用済みか、取り消されたか、正しくありません"),
        (altered, "使用済みか、取り消されたか、正しくありません"),
        (other_row, "使用済みか、取り消されたか、正しくありません"),
    ]
    for path, message in expected:
        for response in (Client().get(path), _join(Client(), path)):
            assert response.status_code == 200 and message in response.content.decode(), path
    assert User.objects.count() == 1


def test_an_address_that_got_an_account_meanwhile_cannot_join(employer: User) -> None:
    _invite(_client(employer))
    path = _join_path("new@test.example")
    User.objects.create_user(email="new@test.example", password=PASSWORD, role=Role.SEEKER)
    response = _join(Client(), path)
    assert "既にBOナビに登録されています" in response.content.decode()
    assert User.objects.get(email="new@test.example").role == Role.SEEKER


def test_a_race_with_another_account_for_the_address_leaves_nothing_half_made(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _invite(_client(employer))
    invitation = TeamInvitation.objects.get()
    path = _join_path("new@test.example")
    User.objects.create_user(email="new@test.example", password=PASSWORD, role=Role.SEEKER)
    # Checked as valid a moment before the other account was made, then the unique address stops it.
    monkeypatch.setattr(services, "team_link_check", lambda token: services.TeamLink("ok", invitation))
    response = _join(Client(), path)
    assert response.status_code == 200 and "既にBOナビに登録されています" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_at is None and User.objects.filter(email="new@test.example").count() == 1


def test_removing_needs_the_ticked_box_and_then_cuts_off_login_session_and_tokens(employer: User) -> None:
    colleague = _colleague(employer)
    their_session = _client(colleague)
    _, secret = ApiToken.issue(user=colleague)
    api = "/api/v1/employer/postings"
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    _invite(their_session, email="friend@test.example")  # an invitation they sent, still pending
    friend_path = _join_path("friend@test.example")
    client = _client(employer)
    remove = reverse("accounts:team_member_remove", args=[colleague.pk])

    refused = client.post(remove)
    body = refused.content.decode()
    assert refused.status_code == 422
    assert "佐藤 さんを外す場合は、「この採用担当を外します」にチェックを入れてください。" in body
    assert f'autofocus aria-invalid="true" aria-describedby="remove-{colleague.pk}-error"' in body
    colleague.refresh_from_db()
    assert colleague.is_active

    done = client.post(remove, {"confirm": "on"}, follow=True)
    assert "佐藤 さんを採用担当から外しました" in done.content.decode()
    colleague.refresh_from_db()
    assert (
        not colleague.is_active and User.objects.filter(pk=colleague.pk).exists()
    )  # switched off, not deleted
    # Their open session is logged out, their password no longer logs in, their token is refused.
    assert their_session.get(TEAM).status_code == 302
    assert their_session.get(reverse("jobs:employer_list")).status_code == 302
    login = Client().post(reverse("accounts:login"), {"email": colleague.email, "password": PASSWORD})
    assert login.status_code == 422 and "_auth_user_id" not in login.client.session
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert not ApiToken.objects.filter(user=colleague).exists()
    # The invitation they sent cannot bring them (or anyone) in any more.
    assert "取り消されたか" in _join(Client(), friend_path).content.decode()
    assert not User.objects.filter(email="friend@test.example").exists()
    # Nor can their old session act on the team.
    assert their_session.post(reverse("accounts:team_member_remove", args=[employer.pk]), {"confirm": "on"})[
        "Location"
    ].startswith(reverse("accounts:login"))
    employer.refresh_from_db()
    assert employer.is_active


def test_nobody_removes_themselves_or_someone_already_removed(employer: User) -> None:
    colleague = _colleague(employer)
    colleague.is_active = False
    colleague.save()
    client = _client(employer)
    me = client.post(reverse("accounts:team_member_remove", args=[employer.pk]), {"confirm": "on"})
    assert me.status_code == 422 and "ご自身をここで外すことはできません" in me.content.decode()
    again = client.post(reverse("accounts:team_member_remove", args=[colleague.pk]), {"confirm": "on"})
    assert again.status_code == 422 and "既に停止されています" in again.content.decode()
    employer.refresh_from_db()
    assert employer.is_active


def test_a_stale_page_without_the_tick_says_the_colleague_is_already_removed(employer: User) -> None:
    """Two colleagues had the page open; one removed 佐藤. The other, forgetting the tick, must not get a page that
    no longer shows the box and says nothing (there is nothing left to confirm)."""
    colleague = _colleague(employer)
    colleague.is_active = False
    colleague.save()
    stale = _client(employer).post(reverse("accounts:team_member_remove", args=[colleague.pk]), {})
    assert stale.status_code == 422
    assert "佐藤 さんは既に停止されています" in stale.content.decode()


def test_a_member_removed_a_moment_ago_cannot_remove_the_last_active_colleague(employer: User) -> None:
    """Two colleagues removing each other at once: the company row is locked and the remover re-read inside it,
    so the second finds themselves switched off instead of leaving the company with nobody."""
    colleague = _colleague(employer)
    stale = User.objects.get(pk=colleague.pk)  # loaded by the second request before the first one saved
    services.team_member_remove(user=employer, member_id=colleague.pk)
    with pytest.raises(PermissionDenied):
        services.team_member_remove(user=stale, member_id=employer.pk)
    employer.refresh_from_db()
    assert employer.is_active
    with pytest.raises(services.TeamError, match="ご自身"):
        services.team_member_remove(user=employer, member_id=employer.pk)


def test_another_company_cannot_see_or_act_on_this_team_by_tampered_ids(
    employer: User, other_employer: User
) -> None:
    colleague = _colleague(employer)
    _invite(_client(employer))
    invitation = TeamInvitation.objects.get()
    theirs = _client(other_employer)
    assert (
        theirs.post(
            reverse("accounts:team_member_remove", args=[colleague.pk]), {"confirm": "on"}
        ).status_code
        == 404
    )
    assert (
        theirs.post(reverse("accounts:team_member_remove", args=[employer.pk]), {"confirm": "on"}).status_code
        == 404
    )
    assert theirs.post(reverse("accounts:team_invitation_cancel", args=[invitation.pk])).status_code == 404
    with pytest.raises(services.TeamError):
        services.team_member_remove(user=other_employer, member_id=colleague.pk)
    assert not services.team_invitation_cancel(user=other_employer, invitation_id=invitation.pk)
    colleague.refresh_from_db()
    invitation.refresh_from_db()
    assert colleague.is_active and invitation.cancelled_at is None
    # Their invitation goes into their own company, whatever is posted alongside.
    theirs.post(TEAM, {"email": "x@test.example", "organization": employer.organization_id})
    assert (
        TeamInvitation.objects.get(email="x@test.example").organization_id == other_employer.organization_id
    )


def test_seekers_agents_operators_and_visitors_cannot_use_the_team_pages(
    employer: User, seeker: User, operator: User
) -> None:
    colleague = _colleague(employer)
    _invite(_client(employer))
    invitation = TeamInvitation.objects.get()
    # An agent account linked to the company itself is still not one of its 採用担当.
    agent = User.objects.create_user(
        email="ra@test.example", password=PASSWORD, role=Role.AGENT, organization=employer.organization
    )
    no_org = User.objects.create_user(email="orphan@test.example", password=PASSWORD, role=Role.EMPLOYER)
    urls = [
        ("get", TEAM, {}),
        ("post", TEAM, {"email": "y@test.example"}),
        ("post", reverse("accounts:team_member_remove", args=[colleague.pk]), {"confirm": "on"}),
        ("post", reverse("accounts:team_invitation_cancel", args=[invitation.pk]), {}),
    ]
    for user in (seeker, agent, operator, no_org):
        client = _client(user)
        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == 403, (user, url)
    for method, url, data in urls:
        response = getattr(Client(), method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for user in (seeker, agent, operator):
        with pytest.raises(PermissionDenied):
            services.team_invite(user=user, email="z@test.example")
        with pytest.raises(PermissionDenied):
            services.team_member_remove(user=user, member_id=colleague.pk)
    colleague.refresh_from_db()
    invitation.refresh_from_db()
    assert colleague.is_active and invitation.cancelled_at is None
    assert TeamInvitation.objects.count() == 1
    assert TEAM not in _client(seeker).get(reverse("accounts:account")).content.decode()


def test_the_company_row_is_not_created_or_changed_by_joining(employer: User) -> None:
    before = Organization.objects.count()
    _invite(_client(employer))
    _join(Client(), _join_path("new@test.example"))
    assert Organization.objects.count() == before


def test_a_token_of_a_switched_off_account_is_refused_even_if_it_was_kept(employer: User) -> None:
    """Switched off elsewhere (the operator's admin keeps tokens): bearer auth itself checks is_active."""
    _, secret = ApiToken.issue(user=employer)
    api = "/api/v1/employer/postings"
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    User.objects.filter(pk=employer.pk).update(is_active=False)
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_link_names_nothing_once_its_id_belongs_to_another_invitation(employer: User) -> None:
    """A restore from an older backup hands the id to another invitation (another creation time)."""
    _invite(_client(employer), email="late@test.example")
    path = _join_path("late@test.example")
    assert "使用済みか" not in Client().get(path).content.decode()
    invitation = TeamInvitation.objects.get()
    TeamInvitation.objects.filter(pk=invitation.pk).update(
        created_at=invitation.created_at + dt.timedelta(seconds=1)
    )
    assert "使用済みか、取り消されたか、正しくありません" in Client().get(path).content.decode()
