"""A complaint closed without a 申出者への回答 gets one afterwards, and a reply changed meanwhile is not overwritten
(ADR 0113, s22 addendum). The late reply follows the rules of one given at closing: the same checks beside the
field, one mail (real SMTP) to an e-mail contact, her pages and マイデータ showing it with its date; only the
責任者 it is routed to sends it. A 訂正 or a late reply typed over a reply that has changed since the page showed it
is refused in Japanese, quoting the reply now in force, nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.agents import services
from bonavi.agents.models import Complaint, ComplaintReplyCorrection
from bonavi.agents.tests.factories import make_agency
from bonavi.agents.tests.html import error_beside
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

INTERNAL = "担当の田中一郎が連絡を怠っていた。担当を中村次郎に交代。"
REPLY = "ご不便をおかけし申し訳ありません。\n今後は3営業日以内にご連絡します。"
FIXED = "ご不便をおかけし申し訳ありません。\n今後は2営業日以内にご連絡します。"
OTHER = "別の画面から送った訂正です。"
REPLY_SUBJECT = "苦情の申出への回答が届きました"
STALE = "このページを開いた後に、別の画面で申出者への回答が変更されました。"


def _closed(setup, user, *, contact: str = "hanako@example.jp", reply: str = "") -> Complaint:
    complaint = services.complaint_file(
        user=user,
        agency_slug=setup.agency.slug,
        from_name="山田 花子",
        contact=contact,
        body="担当の方から2週間連絡がありません。",
        wants_in_person=False,
    )
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution=INTERNAL, reply=reply)
    return complaint


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _late(client: Client, complaint: Complaint, reply: str, **kw):
    return client.post(f"/agent/complaints/{complaint.pk}/reply/late/", {"reply": reply}, **kw)


def _reply_mails() -> int:
    return OutboxMessage.objects.filter(subject__contains=REPLY_SUBJECT).count()


def _flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_complaint_closed_without_a_reply_gets_one_later_mailed_once_and_dated(
    setup, candidate, smtp_inbox
):
    complaint = _closed(setup, candidate.user)
    outbox_drain()  # the receipt and the 責任者's notice
    smtp_inbox.wait_for(2)
    smtp_inbox.messages.clear()
    assert _reply_mails() == 0

    boss = _client(setup.boss)
    page = boss.get("/agent/records/").content.decode()
    assert "申出者への回答を送る" in page and "申出者への回答を訂正する" not in page
    response = _late(boss, complaint, REPLY.replace("\n", "\r\n"), follow=True)
    assert "申出者への回答を送りました" in _flash(response)
    assert "hanako@example.jpへメールでもお送りします。" in _flash(response)
    # A double click or a second tab: one reply, one mail; changing it is a 訂正.
    again = _late(boss, complaint, REPLY, follow=True)
    assert "すでに申出者への回答があります" in _flash(again)
    assert _reply_mails() == 1

    complaint.refresh_from_db()
    assert complaint.reply.replace("\r\n", "\n") == REPLY and complaint.reply_mailed
    assert complaint.replied_at is not None and complaint.resolved_at is not None
    assert complaint.replied_at > complaint.resolved_at
    assert complaint.resolution == INTERNAL and not ComplaintReplyCorrection.objects.exists()

    assert outbox_drain().sent == 1
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == "hanako@example.jp"
    text = text_of(mail).replace("\r\n", "\n")
    assert "　今後は3営業日以内にご連絡します。" in text.splitlines()
    assert "田中一郎" not in text and f"/me/agency/{candidate.pk}/" in text

    records = boss.get("/agent/records/").content.decode()
    assert "申出者への回答を訂正する" in records and "申出者への回答を送る" not in records
    assert "に送信・メール送信済み）" in records

    me = _client(candidate.user)
    mine = me.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "今後は3営業日以内にご連絡します。" in mine and "に回答</p>" in mine and "田中一郎" not in mine
    [exported] = me.get("/me/privacy/export.json").json()["agency_complaints"]
    assert exported["replied_at"] == complaint.replied_at.isoformat()
    on_screen = me.get("/me/privacy/export/").content.decode()
    assert "回答日時" in on_screen and "今後は3営業日以内" in on_screen


def test_a_reply_given_at_closing_is_dated_with_the_closing(setup, candidate):
    complaint = _closed(setup, candidate.user, reply=REPLY)
    complaint.refresh_from_db()
    assert complaint.replied_at == complaint.resolved_at
    assert "に送信・" not in _client(setup.boss).get("/agent/records/").content.decode()


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        ("", "申出者への回答を入力してください。"),
        ("   ", "申出者への回答を入力してください。"),
        ("あ" * 4001, "4,000文字以内で入力してください"),
        ('<a href="https://evil.example">こちら</a>から再申請してください', "タグ"),
    ],
)
def test_a_bad_late_reply_is_refused_beside_the_field_and_nothing_changes(setup, candidate, reply, said):
    complaint = _closed(setup, candidate.user)
    before = OutboxMessage.objects.count()
    response = _late(_client(setup.boss), complaint, reply)
    assert response.status_code == 422
    html = response.content.decode()
    assert said in error_beside(html, "reply")
    assert '<details class="reply-late" open>' in html
    complaint.refresh_from_db()
    assert complaint.reply == "" and complaint.replied_at is None
    assert OutboxMessage.objects.count() == before
    with pytest.raises(services.AgentError) as refused:
        services.complaint_reply_late(user=setup.boss, complaint=complaint, reply=reply)
    assert said in " ".join(refused.value.errors["reply"])


def test_an_open_or_replied_complaint_gets_no_late_reply(setup, candidate):
    open_one = services.complaint_file(
        user=None,
        agency_slug=setup.agency.slug,
        from_name="山田 花子",
        contact="hanako@example.jp",
        body="まだ対応中の苦情です。",
        wants_in_person=False,
    )
    replied = _closed(setup, candidate.user, reply=REPLY)
    boss = _client(setup.boss)
    assert "申出者への回答を送る" not in boss.get("/agent/records/").content.decode()
    assert "まだ対応済みではありません" in _flash(_late(boss, open_one, "後からの回答", follow=True))
    assert "すでに申出者への回答があります" in _flash(_late(boss, replied, "後からの回答", follow=True))
    assert Complaint.objects.get(pk=open_one.pk).reply == ""
    assert Complaint.objects.get(pk=replied.pk).reply == REPLY
    assert _reply_mails() == 1  # the one given at closing


def test_a_phone_contact_is_not_mailed_and_the_responsible_is_told_to_call(setup, candidate):
    complaint = _closed(setup, candidate.user, contact="090-1234-5678")
    response = _late(_client(setup.boss), complaint, REPLY, follow=True)
    assert "連絡先が電話番号のため、メールでお送りしていません。090-1234-5678へお電話で" in _flash(response)
    complaint.refresh_from_db()
    assert complaint.reply == REPLY and not complaint.reply_mailed and _reply_mails() == 0


def test_only_the_responsible_it_is_routed_to_sends_the_late_reply(setup, candidate):
    complaint = _closed(setup, candidate.user)
    rival = make_agency(slug="rival-career", name="株式会社ライバル")
    for user, status in ((setup.ca, 403), (setup.ra, 403), (candidate.user, 403), (rival.boss, 404)):
        assert _late(_client(user), complaint, "横取りの回答").status_code == status, user
    complaint.refresh_from_db()
    assert complaint.reply == "" and _reply_mails() == 0


def test_a_correction_from_a_page_showing_an_older_reply_is_refused(setup, candidate):
    complaint = _closed(setup, candidate.user, reply=REPLY)
    shown = services.reply_version(REPLY)
    boss = _client(setup.boss)
    # The page carries the version of the reply it shows.
    assert f'value="{shown}"' in boss.get("/agent/records/").content.decode()
    url = f"/agent/complaints/{complaint.pk}/reply/correct/"
    # Tab A corrects; tab B, opened before, sends another 訂正 over the reply it showed.
    assert boss.post(url, {"reply": FIXED, "shown": shown}).status_code == 302
    stale = boss.post(url, {"reply": OTHER, "shown": shown})
    assert stale.status_code == 422
    said = error_beside(stale.content.decode(), "reply")
    assert STALE in said and "今後は2営業日以内にご連絡します。" in said
    complaint.refresh_from_db()
    assert complaint.reply == FIXED and complaint.reply_corrections.count() == 1
    assert OutboxMessage.objects.filter(subject__contains="訂正").count() == 1
    # Sent again from the refused page (which now carries the version of the reply it quotes): accepted.
    html = stale.content.decode()
    assert f'value="{services.reply_version(FIXED)}"' in html
    assert boss.post(url, {"reply": OTHER, "shown": services.reply_version(FIXED)}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.reply == OTHER and complaint.reply_corrections.count() == 2


def test_a_late_reply_over_one_sent_from_another_tab_is_refused_quoting_it(setup, candidate):
    complaint = _closed(setup, candidate.user)
    none_shown = services.reply_version("")
    services.complaint_reply_late(user=setup.boss, complaint=complaint, reply=REPLY, shown=none_shown)
    with pytest.raises(services.AgentError) as refused:
        services.complaint_reply_late(user=setup.boss, complaint=complaint, reply=OTHER, shown=none_shown)
    said = " ".join(refused.value.errors["reply"])
    assert STALE in said and "今後は3営業日以内にご連絡します。" in said
    complaint.refresh_from_db()
    assert complaint.reply == REPLY and _reply_mails() == 1


def test_the_api_sends_the_late_reply_and_checks_the_shown_version(setup, client):
    complaint = _closed(setup, None)
    client.force_login(setup.boss)
    json = "application/json"
    listed = client.get("/api/v1/agent/complaints").json()["results"][0]
    assert listed["replied_at"] is None and listed["reply_version"] == services.reply_version("")
    url = f"/api/v1/agent/complaints/{complaint.pk}/reply"
    resp = client.post(
        url, {"reply": REPLY, "shown_reply_version": listed["reply_version"]}, content_type=json
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["reply"] == REPLY and body["replied_at"] and body["reply_mailed"]
    assert body["reply_version"] == services.reply_version(REPLY)
    resp = client.post(
        url, {"reply": OTHER, "shown_reply_version": listed["reply_version"]}, content_type=json
    )
    assert resp.status_code == 422 and STALE in resp.json()["errors"]["reply"][0]
    assert _reply_mails() == 1
    fix = f"/api/v1/agent/complaints/{complaint.pk}/reply-correction"
    resp = client.post(fix, {"reply": FIXED, "shown_reply_version": "0" * 16}, content_type=json)
    assert resp.status_code == 422 and "今後は3営業日以内" in resp.json()["errors"]["reply"][0]
    resp = client.post(fix, {"reply": FIXED, "shown_reply_version": body["reply_version"]}, content_type=json)
    assert resp.status_code == 200 and resp.json()["reply"] == FIXED
    client.force_login(setup.ca)
    assert client.post(url, {"reply": "横取り"}, content_type=json).status_code == 403
