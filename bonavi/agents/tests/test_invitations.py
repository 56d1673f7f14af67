"""「求職者を招待」 (ADR 0104): an adviser mails a person who phoned or walked in a signed, single-use link to the
agency's registration page; she registers there herself, with the consent, and the inviter becomes her adviser.
The adviser learns nothing about whether the address has an account; the name and address are kept only while
needed; every refusal is in Japanese with nothing stored."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.utils import timezone

from bonavi.accounts.models import PendingSignup, Role, User
from bonavi.accounts.services import signup_request
from bonavi.agents import invitation_views, invitations, services
from bonavi.agents.daily import agents_daily
from bonavi.agents.models import (
    AuditAction,
    AuditEvent,
    Candidate,
    CandidateStatus,
    Invitation,
    Office,
    Staff,
)
from bonavi.agents.tests.factories import make_agency
from bonavi.core.clock import date_ja, date_jst
from bonavi.core.ratelimit import typed_address_mail_allowed
from bonavi.notifications.models import MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

PAGE = "/agent/invitations/"
SUBJECT = "【BOナビ】株式会社みなとキャリアから求職登録のご案内"


def _invite(client, user, **data):
    client.force_login(user)
    return client.post(PAGE, {"name": "山田 花子", "email": "hanako@example.jp", "note": "", **data})


def _link(invitation: Invitation) -> str:
    """The path and query the mail links to (the mail's URL is on SITE_URL)."""
    url = urlsplit(invitations.invitation_url(invitation))
    return f"{url.path}?{url.query}"


def _token(path: str) -> str:
    return parse_qs(urlsplit(path).query)["invite"][0]


def test_the_adviser_invites_and_she_is_mailed_once_over_smtp(setup, client, smtp_inbox):
    """One mail, on the real SMTP path: the agency and its 許可番号, what registering means, that she decides, how
    to ignore it, and the single-use link until its day. The adviser's note stays out of the mail."""
    resp = _invite(client, setup.ca, note="電話で問い合わせ。経理の正社員希望")
    assert resp.status_code == 302
    page = client.get(PAGE).content.decode()
    assert "山田 花子 さん（hanako@example.jp）に招待メールを送りました" in page
    assert "送信済み" in page and "hanako@example.jp" in page
    invitation = Invitation.objects.get()
    assert invitation.invited_by == setup.ca.agency_staff and invitation.office == setup.office
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=14)

    assert outbox_drain().sent == 1
    (mail,) = smtp_inbox.wait_for(1)
    assert mail["To"] == "hanako@example.jp"
    assert str(mail["Subject"]).strip() == SUBJECT
    text = text_of(mail).replace("\r\n", "\n")
    assert text.startswith("山田 花子 様\n")
    assert "株式会社みなとキャリア（有料職業紹介事業 許可番号：13-ユ-312345）の佐藤CAから" in text
    assert "応募（企業への推薦）は、あなたが求人ごとに同意したものだけです。" in text
    assert "読んで同意したうえでお申し込みください。" in text
    assert "アカウントを作成（無料）し、お持ちの方はログインしてから、お申し込みください。" in text
    assert "■ 登録するかどうかは、あなたが決めてください" in text
    assert "登録しない場合は、このメールを無視してください" in text
    assert "心当たりがない場合も、このメールを無視してください。" in text
    assert "求職者の方から料金をいただくことはありません。" in text
    assert "電話で問い合わせ" not in text
    until = invitation.expires_at.astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    assert f"{until.year}年{until.month}月{until.day}日" in text
    link = re.search(r"http://\S+/agent/agencies/minato-career/\?invite=(\S+)", text)
    assert link is not None
    assert invitations.invitation_link(link.group(1), slug="minato-career").invitation == invitation
    # Sent once; the outbox keeps no copy of the link or her name once it went out.
    assert outbox_drain().sent == 0
    assert OutboxMessage.objects.get().body_text == ""


def test_the_page_and_the_mail_are_the_same_whether_or_not_the_address_has_an_account(setup, client, seeker):
    first = _invite(client, setup.ca, name="甲", email=seeker.email)
    second = _invite(client, setup.ca, name="甲", email="nobody@example.jp")
    assert first.status_code == second.status_code == 302 and first.url == second.url
    bodies = [re.sub(r"\?invite=\S+", "?invite=…", m.body_text) for m in OutboxMessage.objects.order_by("pk")]
    assert bodies[0] == bodies[1]
    page = client.get(PAGE).content.decode()
    rows = re.findall(r'<li class="card invitation".*?</li>', page, re.S)
    assert len(rows) == 2
    cleaned = [re.sub(r"invitation-\d+|/\d+/cancel|[\w.]+@[\w.]+", "", r) for r in rows]
    assert re.sub(r"\d\d:\d\d", "", cleaned[0]) == re.sub(r"\d\d:\d\d", "", cleaned[1])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "hanako@"}, "email", "メールアドレスの形式が正しくありません"),
        ({"email": ""}, "email", "メールアドレスを入力してください。"),
        ({"name": "  "}, "name", "お名前を入力してください"),
        ({"name": "<b>山田</b>"}, "name", "HTMLタグやスクリプトは入力できません"),
        ({"note": "あ" * 201}, "note", "メモは200文字以内で入力してください"),
        ({"note": "<script>x</script>"}, "note", "HTMLタグやスクリプトは入力できません"),
        (
            {"note": "本籍は大阪とのこと"},
            "note",
            "「本籍」",
        ),  # the refusal names it; the note does not quote it
    ],
)
def test_a_refused_invitation_says_why_in_japanese_and_stores_nothing(setup, client, data, field, message):
    resp = _invite(client, setup.ca, **data)
    assert resp.status_code == 422
    page = resp.content.decode()
    assert message in page
    assert f'id="field-{field}"' in page and "has-error" in page
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()
    # the API refuses the same, with the field named
    body = {"name": "山田 花子", "email": "hanako@example.jp", "note": "", **data}
    api = client.post("/api/v1/agent/invitations", body, content_type="application/json")
    assert api.status_code == 422 and message in api.json()["errors"][field][0]
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_a_second_invitation_to_a_waiting_address_is_refused(setup, client):
    _invite(client, setup.ca)
    resp = _invite(client, setup.boss)
    assert resp.status_code == 422 and "このメールアドレスには招待中です" in resp.content.decode()
    assert Invitation.objects.count() == 1


def test_the_per_staff_daily_cap(setup, client, monkeypatch):
    monkeypatch.setattr(invitations, "DAILY_LIMIT", 2)
    for n in range(2):
        assert _invite(client, setup.ca, email=f"p{n}@example.jp").status_code == 302
    resp = _invite(client, setup.ca, email="p2@example.jp")
    assert resp.status_code == 422 and "招待は1人1日2件までです" in resp.content.decode()
    assert Invitation.objects.count() == 2 and OutboxMessage.objects.count() == 2
    # the cap is per person: a colleague still can
    assert _invite(client, setup.boss, email="p2@example.jp").status_code == 302


def test_the_typed_address_mail_limit_is_shared_with_the_other_forms(setup, client):
    """Three sign-up mails to an address within the hour use up its allowance: no invitation to it then."""
    for _ in range(3):
        assert typed_address_mail_allowed("hanako@example.jp")
    resp = _invite(client, setup.ca)
    assert resp.status_code == 422
    assert "このメールアドレスへの送信が短時間に続いています" in resp.content.decode()
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_she_registers_through_the_link_with_consent_and_the_inviter_is_assigned(setup, client, seeker):
    _invite(client, setup.ca, email=seeker.email, note="来社。経理希望")
    invitation = Invitation.objects.get()
    link = _link(invitation)
    client.logout()

    # Signed out: the registration page, its purposes, and the ways in that keep the link.
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "求職登録のご案内" in html and "株式会社みなとキャリアの佐藤CAからのご案内です" in html
    assert "利用目的" in html and 'name="consent"' in html
    back = quote(link, safe="/")
    assert f'href="/accounts/signup/?next={back}"' in html and f'href="/accounts/login/?next={back}"' in html
    # pressing the button signed out leads to the login, which comes back to the link, and says why
    resp = client.post(link, {"consent": "on"})
    assert resp.status_code == 302 and "invite%3D" in resp.url
    assert "求職の申込みにはログインが必要です" in client.get(resp.url).content.decode()

    client.force_login(seeker)
    # The consent is never skipped: without the tick nothing is registered and the link stays good.
    refused = client.post(link, {})  # refused beside the box (ADR 0125: the form has novalidate)
    assert refused.status_code == 422 and not Candidate.objects.exists()
    assert "利用目的への同意が必要です" in refused.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_at is None

    resp = client.post(link, {"consent": "on"})
    assert resp.status_code == 302
    candidate = Candidate.objects.get(user=seeker)
    assert candidate.status == CandidateStatus.APPLIED and candidate.office == setup.office
    assert list(candidate.advisers.all()) == [setup.ca.agency_staff]
    assert (candidate.consent_version, candidate.consent_purposes) == (
        services.CONSENT_VERSION,
        services.CONSENT_PURPOSES,
    )
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.candidate == candidate
    # what the adviser typed is gone; her account says who she is
    assert (invitation.name, invitation.email, invitation.note) == ("", "", "")

    # Her audit trail: the invitation (by the adviser, when it was sent) and the registration through it.
    trail = list(AuditEvent.objects.filter(candidate=candidate).order_by("at", "id"))
    invited = [e for e in trail if e.action == AuditAction.INVITATION]
    assert len(invited) == 1 and invited[0].actor == setup.ca and invited[0].at == invitation.created_at
    assert seeker.email in invited[0].detail and "メモ：来社。経理希望" in invited[0].detail
    # One 求職申込み line, saying how she came and whom she is assigned to (no second entry, no nested brackets).
    (registered,) = [e for e in trail if e.action == AuditAction.REGISTERED]
    assert registered.detail.startswith("株式会社みなとキャリアへ求職申込み（利用目的に同意：版 ")
    assert "）。招待メールのリンクから、担当：" in registered.detail and "佐藤CA" in registered.detail
    mine = client.get("/me/proposals/audit/").content.decode()
    assert "求職登録の招待" in mine and "招待メールのリンクから、担当：" in mine

    # Single use: the link now says so, on a page of its own.
    again = client.get(link)
    assert again.status_code == 410 and "この招待リンクは使用済みです" in again.content.decode()
    assert client.post(link, {"consent": "on"}).status_code == 410

    # The adviser sees her as assigned: 登録済み, her name linking to her page, which opens for him.
    client.force_login(setup.ca)
    listing = client.get(PAGE).content.decode()
    assert "登録済み" in listing and f"/agent/candidates/{candidate.pk}/" in listing
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 200


def test_the_sign_up_keeps_the_link_as_next(setup, client):
    _invite(client, setup.ca)
    link = _link(Invitation.objects.get())
    signup_request(
        email="hanako@example.jp", password="pw-Long-enough-1", role=Role.SEEKER, agreed=True, next_url=link
    )
    assert PendingSignup.objects.get(email="hanako@example.jp").next_url == link


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"expires_at": timezone.now() - dt.timedelta(minutes=1)}, 410, "有効期限を過ぎています"),
        ({"cancelled_at": timezone.now()}, 410, "この招待は取り消されました"),
    ],
)
def test_an_expired_cancelled_or_altered_link_gets_a_clear_page(
    setup, client, seeker, change, status, message
):
    _invite(client, setup.ca)
    invitation = Invitation.objects.get()
    link = _link(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    client.force_login(seeker)
    for resp in (client.get(link), client.post(link, {"consent": "on"})):
        assert resp.status_code == status
        assert message in resp.content.decode()
    assert not Candidate.objects.exists()


def test_a_link_works_only_on_its_own_agencys_page(setup, client, seeker):
    make_agency(slug="other-agency", name="株式会社ほかキャリア")
    _invite(client, setup.ca)
    token = _token(_link(Invitation.objects.get()))
    client.force_login(seeker)
    assert client.get(f"/agent/agencies/other-agency/?invite={token}").status_code == 404
    assert client.get(f"/agent/agencies/minato-career/?invite={token}x").status_code == 404


def test_the_list_and_cancel_stay_within_the_agency(setup, client, seeker):
    _invite(client, setup.ca)
    client.get(PAGE)  # its 「送りました」 message is read here, not by whoever logs in next in this browser
    invitation = Invitation.objects.get()
    rival = make_agency(slug="rival", name="株式会社ライバル")
    client.force_login(rival.ca)
    assert "hanako@example.jp" not in client.get(PAGE).content.decode()
    assert client.post(f"{PAGE}{invitation.pk}/cancel/").status_code == 404
    assert client.get("/api/v1/agent/invitations").json()["results"] == []
    assert client.post(f"/api/v1/agent/invitations/{invitation.pk}/cancel").status_code == 404
    for outsider in (seeker, setup.ra):  # a seeker; an RA, who works the employers' side
        client.force_login(outsider)
        assert client.get(PAGE).status_code == 403
        assert client.post(f"{PAGE}{invitation.pk}/cancel/").status_code == 403
        assert client.get("/api/v1/agent/invitations").status_code == 403
        assert client.post(f"/api/v1/agent/invitations/{invitation.pk}/cancel").status_code == 403
    # another adviser of the office sees it but cannot cancel it; the office's 責任者 can
    other = User.objects.create_user(
        email="ca2@minato-career.example",
        password="pw-Long-enough-1",
        role=Role.AGENT,
        organization=setup.agency.organization,
        display_name="田中CA",
    )
    Staff.objects.create(user=other, agency=setup.agency, office=setup.office)
    client.force_login(other)
    page = client.get(PAGE).content.decode()
    assert "hanako@example.jp" in page and "取り消す" not in page
    assert client.post(f"{PAGE}{invitation.pk}/cancel/").status_code == 403
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None
    client.force_login(setup.boss)
    resp = client.post(f"{PAGE}{invitation.pk}/cancel/", follow=True)
    assert "山田 花子 さんへの招待を取り消しました" in resp.content.decode()
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert "取り消し" in client.get(PAGE).content.decode()
    # cancelling again is refused with the reason
    again = client.post(f"{PAGE}{invitation.pk}/cancel/", follow=True)
    assert "この招待はすでに取り消されています。" in again.content.decode()


def test_the_list_shows_each_state(setup, client, seeker):
    for n in range(4):
        _invite(client, setup.ca, name=f"人{n}", email=f"p{n}@example.jp")
    rows = list(Invitation.objects.order_by("pk"))
    Invitation.objects.filter(pk=rows[1].pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    invitations.invitation_cancel(user=setup.ca, invitation_id=rows[2].pk)
    client.force_login(seeker)
    client.post(_link(rows[3]), {"consent": "on"})
    client.force_login(setup.ca)
    page = client.get(PAGE).content.decode()
    states = {
        int(pk): state
        for pk, state in re.findall(r'id="invitation-(\d+)".*?<span class="status">(.*?)</span>', page, re.S)
    }
    assert [states[r.pk] for r in rows] == ["送信済み", "期限切れ", "取り消し", "登録済み"]
    # the deadline with its day of the week, as in the mail
    assert f"｜{date_ja(date_jst(rows[0].expires_at))}まで有効" in page
    # cancelling one no longer waiting says why, in a sentence of its own state
    for row, reason in (
        (rows[1], "この招待は有効期限を過ぎているため、取り消す必要はありません。"),
        (rows[2], "この招待はすでに取り消されています。"),
        (rows[3], "この招待のリンクから、すでに登録されています。取り消せません。"),
    ):
        with pytest.raises(services.AgentError, match=reason):
            invitations.invitation_cancel(user=setup.ca, invitation_id=row.pk)
    listed = client.get("/api/v1/agent/invitations?page_size=2").json()
    assert (listed["total"], listed["pages"], len(listed["results"])) == (4, 2, 2)
    api = {i["id"]: i["status"] for i in client.get("/api/v1/agent/invitations").json()["results"]}
    assert [api[r.pk] for r in rows] == ["sent", "expired", "cancelled", "registered"]


def test_the_daily_duty_deletes_invitations_thirty_days_after_expiry(setup, client):
    for n in range(2):
        _invite(client, setup.ca, email=f"p{n}@example.jp")
    old, recent = Invitation.objects.order_by("pk")
    now = timezone.now()
    Invitation.objects.filter(pk=old.pk).update(expires_at=now - dt.timedelta(days=30, minutes=1))
    Invitation.objects.filter(pk=recent.pk).update(expires_at=now - dt.timedelta(days=29))
    assert agents_daily()["invitations_deleted"] == 1
    assert list(Invitation.objects.all()) == [recent]
    assert agents_daily()["invitations_deleted"] == 0


def test_the_api_invites_like_the_page(setup, client):
    client.force_login(setup.ca)
    resp = client.post(
        "/api/v1/agent/invitations",
        {"name": "山田 花子", "email": "ＨＡＮＡＫＯ＠example.jp"},
        content_type="application/json",
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["status"] == "sent" and body["email"] == "hanako@example.jp"
    assert OutboxMessage.objects.get().to_email == "hanako@example.jp"
    unknown = client.post(
        "/api/v1/agent/invitations",
        {"name": "甲", "email": "a@example.jp", "candidate": 1},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    cancel = client.post(f"/api/v1/agent/invitations/{body['id']}/cancel")
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"


def test_the_candidate_page_names_her_advisers(setup, client, seeker):
    _invite(client, setup.ca)
    client.force_login(seeker)
    client.post(_link(Invitation.objects.get()), {"consent": "on"})
    candidate = Candidate.objects.get()
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert '<p id="advisers"><strong>担当：</strong>佐藤CA（あなた）</p>' in page
    client.force_login(setup.boss)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert '<p id="advisers"><strong>担当：</strong>佐藤CA</p>' in page


def test_a_registered_person_using_the_link_keeps_her_registration_and_the_trail_says_so(
    setup, client, candidate
):
    """She is registered already (an earlier 求職申込み): the link is used up and the inviter joins her advisers
    (he spoke with her), but her trail says she used the link, not that she applied again."""
    seeker = candidate.user
    before = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.REGISTERED).count()
    _invite(client, setup.boss, email=seeker.email)
    invitation = Invitation.objects.get()
    client.force_login(seeker)
    resp = client.post(_link(invitation), {"consent": "on"}, follow=True)
    assert "既に登録しています" in resp.content.decode()
    assert Candidate.objects.get() == candidate
    assert AuditEvent.objects.filter(candidate=candidate, action=AuditAction.REGISTERED).count() == before
    used = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.INVITATION, actor=seeker).get()
    assert used.detail.startswith("招待リンクを使用（登録済み）。担当：") and "職業紹介責任者" in used.detail
    assert setup.boss.agency_staff in candidate.advisers.all()
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.candidate == candidate


def test_a_forwarded_link_keeps_the_typed_address_and_the_note_out_of_her_trail(setup, client, seeker):
    """The link was mailed to hanako@…; the person registering with it has another address: her access log does
    not show the address the adviser typed nor his note."""
    _invite(client, setup.ca, note="来社。経理希望")
    client.get(PAGE)  # its 「送りました」 message is read here, not on her page in this browser
    client.force_login(seeker)
    client.post(_link(Invitation.objects.get()), {"consent": "on"})
    candidate = Candidate.objects.get(user=seeker)
    details = " ".join(AuditEvent.objects.filter(candidate=candidate).values_list("detail", flat=True))
    assert "hanako@example.jp" not in details and "来社" not in details
    assert "別のメールアドレスあてに求職登録の案内（招待メール）を送信" in details
    assert "。別のメールアドレスあての招待メールのリンクから、担当：" in details
    mine = client.get("/me/proposals/audit/").content.decode()
    assert "hanako@example.jp" not in mine and "来社" not in mine


def test_a_stale_second_press_registers_nothing_and_says_used(setup, client, seeker, monkeypatch):
    """Two posts from pages opened while the link was good: the first registers; the second, though its first
    look at the link is stale, is refused by the locked re-check with 使用済み and writes nothing."""
    _invite(client, setup.ca, email=seeker.email)
    invitation = Invitation.objects.get()
    token = _token(_link(invitation))
    stale = invitations.invitation_link(token, slug="minato-career")
    invitations.invitation_register(user=seeker, slug="minato-career", token=token, consent=True)
    trail = AuditEvent.objects.count()
    calls = iter([stale])
    real = invitations.invitation_link
    monkeypatch.setattr(invitations, "invitation_link", lambda *a, **k: next(calls, None) or real(*a, **k))
    with pytest.raises(services.AgentError) as refused:
        invitations.invitation_register(user=seeker, slug="minato-career", token=token, consent=True)
    assert refused.value.errors["invite"] == ["この招待リンクは使用済みです。"]
    assert Candidate.objects.count() == 1 and AuditEvent.objects.count() == trail


def test_a_link_cancelled_meanwhile_undoes_nothing_and_registers_nobody(setup, client, seeker, monkeypatch):
    """Cancelled between her opening the page and pressing: no registration is made (nor left behind)."""
    _invite(client, setup.ca, email=seeker.email)
    invitation = Invitation.objects.get()
    token = _token(_link(invitation))
    stale = invitations.invitation_link(token, slug="minato-career")
    invitations.invitation_cancel(user=setup.ca, invitation_id=invitation.pk)
    calls = iter([stale])
    real = invitations.invitation_link
    monkeypatch.setattr(invitations, "invitation_link", lambda *a, **k: next(calls, None) or real(*a, **k))
    with pytest.raises(services.AgentError) as refused:
        invitations.invitation_register(user=seeker, slug="minato-career", token=token, consent=True)
    assert refused.value.errors["invite"] == ["この招待は取り消されました。"]
    assert not Candidate.objects.exists() and not AuditEvent.objects.exists()


def test_the_list_names_a_registered_person_only_while_the_adviser_may_see_her(setup, client, seeker):
    """After she withdraws her consent nobody at the agency sees her (selectors.candidates_visible_to): the list
    says 登録済み, without her name or a link to her page."""
    _invite(client, setup.ca, email=seeker.email)
    client.force_login(seeker)
    client.post(_link(Invitation.objects.get()), {"consent": "on"})
    candidate = Candidate.objects.get()
    name = candidate.name
    client.force_login(setup.ca)
    assert f">{name}</a>" in client.get(PAGE).content.decode()
    services.candidate_withdraw(user=seeker, candidate=candidate)
    for staff in (setup.ca, setup.boss):
        client.force_login(staff)
        page = client.get(PAGE).content.decode()
        row = re.search(r'<li class="card invitation".*?</li>', page, re.S).group(0)
        assert "<strong>登録済み</strong>" in row and name not in row
        assert f"/agent/candidates/{candidate.pk}/" not in row


def test_the_list_is_paged(setup, client, monkeypatch):
    """No invitation drops silently off the end: the list is paged like the project's other lists."""
    monkeypatch.setattr(invitation_views, "PAGE_SIZE", 2)
    for n in range(3):
        _invite(client, setup.ca, email=f"p{n}@example.jp")
    first = client.get(PAGE).content.decode()
    assert first.count('<li class="card invitation"') == 2 and "（全3件）" in first and 'rel="next"' in first
    second = client.get(PAGE + "?page=2").content.decode()
    assert second.count('<li class="card invitation"') == 1 and "p0@example.jp" in second


def test_an_address_waiting_on_another_office_is_refused_with_that_reason(setup, client):
    """The one-waiting-invitation rule is agency-wide but each office lists its own: an adviser of another office
    is not sent to cancel in a list he cannot see."""
    branch = Office.objects.create(
        agency=setup.agency, name="大阪支店", address="大阪市北区1-1", phone="06-0000-0001"
    )
    other = User.objects.create_user(
        email="ca-osaka@minato-career.example",
        password="pw-Long-enough-1",
        role=Role.AGENT,
        organization=setup.agency.organization,
        display_name="大阪CA",
    )
    Staff.objects.create(user=other, agency=setup.agency, office=branch)
    _invite(client, setup.ca)
    resp = _invite(client, other)
    page = resp.content.decode()
    assert resp.status_code == 422 and "同じ事業者の別の事業所から招待中です" in page
    assert "一覧で取り消して" not in page
    assert Invitation.objects.count() == 1


def test_cancelling_stops_the_mail_still_waiting_in_the_outbox(setup, client):
    """Cancelled before the worker sent it (it was behind, or SMTP was down): the mail never goes, and the outbox
    keeps neither her name nor the link."""
    _invite(client, setup.ca)
    invitations.invitation_cancel(user=setup.ca, invitation_id=Invitation.objects.get().pk)
    message = OutboxMessage.objects.get()
    assert message.status == MessageStatus.CANCELLED and message.body_text == ""
    assert message.to_email == "" and message.subject == ""  # her address and name go too
    assert outbox_drain().sent == 0


def test_a_mail_a_worker_is_sending_is_not_marked_cancelled(setup, client):
    """Claimed by a worker, the mail may be on the wire: cancelling the invitation leaves the message for its
    sender to record, rather than calling it stopped."""
    from bonavi.notifications.outbox import outbox_claim

    _invite(client, setup.ca)
    assert outbox_claim(worker="w1")
    invitations.invitation_cancel(user=setup.ca, invitation_id=Invitation.objects.get().pk)
    assert Invitation.objects.get().cancelled_at is not None
    assert OutboxMessage.objects.get().status == MessageStatus.PENDING


def test_refused_invitations_do_not_use_up_the_address_allowance(setup, client):
    """The allowance is counted last: three refusals (a bad note, twice) leave the address its full allowance."""
    for _ in range(3):
        assert _invite(client, setup.ca, note="本籍は大阪とのこと").status_code == 422
    assert _invite(client, setup.ca).status_code == 302
    for _ in range(2):  # the allowance (3 an hour) had one use, by the invitation that went out
        assert typed_address_mail_allowed("hanako@example.jp")
    assert not typed_address_mail_allowed("hanako@example.jp")


def test_a_link_names_nothing_once_its_id_belongs_to_another_invitation(setup, client):
    """A restore from an older backup hands the id to a new invitation (another creation time): the link mailed
    for the lost one must not open it."""
    _invite(client, setup.ca, email="hanako@example.jp")
    invitation = Invitation.objects.get()
    token = _token(_link(invitation))
    assert invitations.invitation_link(token, slug="minato-career").usable
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=invitation.created_at + dt.timedelta(seconds=1)
    )
    link = invitations.invitation_link(token, slug="minato-career")
    assert (link.state, link.invitation) == (invitations.INVALID, None)


def test_the_sign_up_page_names_the_inviting_agency(setup, client):
    """Opened from an invitation's 「アカウントを作成」, the sign-up page says whose invitation it is and that the
    agency's page follows; without a valid invitation it still names the agency she is applying to."""
    from urllib.parse import urlencode

    _invite(client, setup.ca, email="hanako@example.jp")
    path = _link(Invitation.objects.get())
    client.logout()
    page = client.get(f"/accounts/signup/?{urlencode({'next': path})}").content.decode()
    note = page.split('id="signup-note">', 1)[1].split("</li>", 1)[0]
    assert (
        "株式会社みなとキャリア（有料職業紹介事業 許可番号：" in note and "からの招待による登録です" in note
    )
    plain = client.get(
        f"/accounts/signup/?{urlencode({'next': '/agent/agencies/minato-career/?invite=forged'})}"
    ).content.decode()
    assert (
        "への求職の申込みのための登録です" in plain and "招待" not in plain.split('id="signup-note">')[1][:80]
    )
    assert 'id="signup-note"' not in client.get("/accounts/signup/?next=/jobs/").content.decode()
