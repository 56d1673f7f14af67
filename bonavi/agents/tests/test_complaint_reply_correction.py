"""The 訂正 of a closed complaint's 申出者への回答 (ADR 0113, s22): the 職業紹介責任者 it is routed to replaces the
reply; the one replaced is kept with who and when; she reads the corrected reply and that it was corrected (her
agency page, マイデータ JSON, CSV and page) and gets one mail per 訂正 (real SMTP). Empty, unchanged, too long or
marked-up text is refused in Japanese beside the field, nothing changed; nobody but that 責任者 reaches it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bonavi.agents import books, services
from bonavi.agents.models import Complaint, ComplaintReplyCorrection, ComplaintStatus, Staff
from bonavi.agents.tests.factories import make_agency
from bonavi.agents.tests.html import error_beside
from bonavi.core.clock import add_years, today_jst
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

INTERNAL = "担当の田中一郎が連絡を怠っていた。担当を中村次郎に交代。"
REPLY = "ご不便をおかけし申し訳ありません。\n今後は3営業日以内にご連絡します。"
FIXED = "ご不便をおかけし申し訳ありません。\n今後は2営業日以内にご連絡します。"
CORRECTED_SUBJECT = "回答が訂正されました"


def _closed(setup, user, *, contact: str = "hanako@example.jp", reply: str = REPLY) -> Complaint:
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


def _correct(client: Client, complaint: Complaint, reply: str, **kw):
    return client.post(f"/agent/complaints/{complaint.pk}/reply/correct/", {"reply": reply}, **kw)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _corrected_mails() -> int:
    return OutboxMessage.objects.filter(subject__contains=CORRECTED_SUBJECT).count()


def test_the_correction_replaces_the_reply_keeps_the_old_one_and_mails_her_once(setup, candidate, smtp_inbox):
    complaint = _closed(setup, candidate.user)
    outbox_drain()  # the receipt, the 責任者's notice and the first reply
    smtp_inbox.wait_for(3)
    smtp_inbox.messages.clear()

    boss = _client(setup.boss)
    page = boss.get("/agent/records/").content.decode()
    assert "申出者への回答を訂正する" in page
    response = _correct(boss, complaint, FIXED.replace("\n", "\r\n"), follow=True)  # as a textarea posts it
    assert "訂正後の回答をhanako@example.jpへメールでお送りします。" in _flash(response)
    # A double click: the same text is now the reply in force, refused as unchanged, no second mail.
    again = _correct(boss, complaint, FIXED.replace("\n", "\r\n"))
    assert again.status_code == 422
    assert "回答が訂正前と同じです" in error_beside(again.content.decode(), "reply")
    assert _corrected_mails() == 1

    complaint.refresh_from_db()
    assert complaint.reply.replace("\r\n", "\n") == FIXED
    assert complaint.status == ComplaintStatus.RESOLVED and complaint.resolution == INTERNAL
    [fix] = ComplaintReplyCorrection.objects.filter(complaint=complaint)
    assert fix.previous == REPLY and fix.mailed
    assert fix.corrected_by == Staff.objects.get(user=setup.boss)

    assert outbox_drain().sent == 1
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == "hanako@example.jp"
    assert (
        str(mail["Subject"]).strip()
        == "【BOナビ】苦情の申出への回答が訂正されました（株式会社みなとキャリア）"
    )
    text = text_of(mail).replace("\r\n", "\n")
    lines = text.splitlines()
    assert lines[0] == "山田 花子 様"
    assert "これまでの回答に代わり、次の回答をご確認ください。" in text
    assert "　今後は2営業日以内にご連絡します。" in lines
    assert "3営業日" not in text and "田中一郎" not in text
    assert f"/me/agency/{candidate.pk}/" in text

    # The 責任者's records: the reply in force, when it was corrected, and the replaced text with who and when.
    records = boss.get("/agent/records/").content.decode()
    assert "回答の訂正履歴（1件）" in records
    history = records.split('class="reply-history"', 1)[1].split("</details>", 1)[0]
    assert str(fix.corrected_by) in history
    assert "今後は3営業日以内にご連絡します。" in history

    # Hers: the corrected reply, and that it was corrected; not the replaced text, nor the 対応結果.
    me = _client(candidate.user)
    mine = me.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "今後は2営業日以内にご連絡します。" in mine and "に訂正されました。訂正後の内容です。" in mine
    assert "3営業日" not in mine and "田中一郎" not in mine
    [exported] = me.get("/me/privacy/export.json").json()["agency_complaints"]
    assert exported["reply"].replace("\r\n", "\n") == FIXED
    assert exported["reply_corrected_at"] == fix.corrected_at.isoformat()
    assert "3営業日" not in str(exported)
    on_screen = me.get("/me/privacy/export/").content.decode()
    assert "回答の訂正" in on_screen and "今後は2営業日以内" in on_screen and "3営業日" not in on_screen
    with zipfile.ZipFile(io.BytesIO(me.get("/me/privacy/export.zip").content)) as zf:
        csvs = [zf.read(n).decode("utf-8-sig") for n in zf.namelist() if n.endswith(".csv")]
    # Her complaints' file (the mails she was sent, the first reply among them, are another file's).
    [theirs] = [text for text in csvs if "回答の訂正日時" in text]
    assert "申出者への回答" in theirs and "今後は2営業日以内" in theirs and "3営業日" not in theirs


def test_each_correction_is_kept_and_mailed_once(setup, candidate):
    complaint = _closed(setup, candidate.user)
    boss = _client(setup.boss)
    assert _correct(boss, complaint, FIXED).status_code == 302
    assert _correct(boss, complaint, "二度目の訂正です。").status_code == 302
    assert _corrected_mails() == 2
    previous = list(complaint.reply_corrections.values_list("previous", flat=True))
    assert previous == [REPLY, FIXED]
    complaint.refresh_from_db()
    assert complaint.reply == "二度目の訂正です。"
    assert "回答の訂正履歴（2件）" in boss.get("/agent/records/").content.decode()


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        ("", "訂正後の回答を入力してください。"),
        ("   ", "訂正後の回答を入力してください。"),
        (REPLY, "回答が訂正前と同じです。訂正する箇所を書き換えてから送ってください。"),
        (REPLY.replace("\n", "\r\n") + "  ", "回答が訂正前と同じです。"),
        ("あ" * 4001, "4,000文字以内で入力してください"),
        ('<a href="https://evil.example">こちら</a>から再申請してください', "タグ"),
    ],
)
def test_a_bad_correction_is_refused_beside_the_field_and_nothing_changes(setup, candidate, reply, said):
    complaint = _closed(setup, candidate.user)
    before = OutboxMessage.objects.count()
    response = _correct(_client(setup.boss), complaint, reply)
    assert response.status_code == 422
    html = response.content.decode()
    assert said in error_beside(html, "reply")
    assert '<details class="reply-correct" open>' in html  # the refused form is not folded away
    complaint.refresh_from_db()
    assert complaint.reply == REPLY and not complaint.reply_corrections.exists()
    assert OutboxMessage.objects.count() == before
    with pytest.raises(services.AgentError) as refused:  # the API's path, the same words
        services.complaint_reply_correct(user=setup.boss, complaint=complaint, reply=reply)
    assert said in " ".join(refused.value.errors["reply"])


def test_an_open_complaint_or_one_closed_without_a_reply_has_nothing_to_correct(setup, candidate):
    open_one = services.complaint_file(
        user=None,
        agency_slug=setup.agency.slug,
        from_name="山田 花子",
        contact="hanako@example.jp",
        body="まだ対応中の苦情です。",
        wants_in_person=False,
    )
    no_reply = _closed(setup, candidate.user, reply="")
    boss = _client(setup.boss)
    assert "申出者への回答を訂正する" not in boss.get("/agent/records/").content.decode()
    # A stale tab or a hand-made post: the page has no 訂正 form for these, the reason is said at its top.
    assert "まだ対応済みではありません" in _flash(_correct(boss, open_one, FIXED, follow=True))
    assert "申出者への回答がないため、訂正できません" in _flash(_correct(boss, no_reply, FIXED, follow=True))
    assert not ComplaintReplyCorrection.objects.exists() and _corrected_mails() == 0
    assert Complaint.objects.get(pk=no_reply.pk).reply == ""


def test_a_phone_contact_gets_no_mail_and_the_responsible_is_told_to_call(setup, candidate):
    complaint = _closed(setup, candidate.user, contact="090-1234-5678")
    response = _correct(_client(setup.boss), complaint, FIXED, follow=True)
    assert "連絡先が電話番号のため、メールでお送りしていません。090-1234-5678へお電話で" in _flash(response)
    assert _corrected_mails() == 0
    assert not complaint.reply_corrections.get().mailed
    assert "メール未送信" in response.content.decode()


def test_the_corrected_reply_to_one_address_is_capped_like_the_first(setup):
    complaint = None
    for i in range(TYPED_ADDRESS_MAIL_LIMIT):
        complaint = services.complaint_file(
            user=None,
            agency_slug=setup.agency.slug,
            from_name="山田 花子",
            contact="hanako@example.jp",
            body=f"{i}件目の苦情です。",
            wants_in_person=False,
        )
    assert complaint is not None
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution=INTERNAL, reply=REPLY)
    response = _correct(_client(setup.boss), complaint, FIXED, follow=True)
    assert "上限に達したため" in _flash(response)
    assert _corrected_mails() == 0


def test_only_the_responsible_it_is_routed_to_can_correct(setup, candidate):
    complaint = _closed(setup, candidate.user)
    rival = make_agency(slug="rival-career", name="株式会社ライバル")
    for user, status in ((setup.ca, 403), (setup.ra, 403), (candidate.user, 403), (rival.boss, 404)):
        assert _correct(_client(user), complaint, "横取りの訂正").status_code == status, user
    assert (
        Client().post(f"/agent/complaints/{complaint.pk}/reply/correct/", {"reply": "x"}).status_code == 302
    )
    with pytest.raises(PermissionDenied):
        services.complaint_reply_correct(user=setup.ca, complaint=complaint, reply="横取りの訂正")
    complaint.refresh_from_db()
    assert complaint.reply == REPLY and not complaint.reply_corrections.exists()
    assert _corrected_mails() == 0


def test_the_api_corrects_the_reply_and_answers_with_its_history(setup, client):
    complaint = _closed(setup, None)
    client.force_login(setup.boss)
    url = f"/api/v1/agent/complaints/{complaint.pk}/reply-correction"
    json = "application/json"
    resp = client.post(url, {"reply": REPLY}, content_type=json)
    assert resp.status_code == 422 and "訂正前と同じ" in resp.json()["errors"]["reply"][0]
    resp = client.post(url, {"reply": FIXED}, content_type=json)
    assert resp.status_code == 200
    body = resp.json()
    assert body["reply"] == FIXED
    [fix] = body["reply_corrections"]
    assert (fix["previous"], fix["mailed"]) == (REPLY, True) and fix["corrected_by"]
    assert _corrected_mails() == 1
    client.force_login(setup.ca)
    assert client.post(url, {"reply": "横取り"}, content_type=json).status_code == 403


def test_the_replaced_replies_are_anonymised_with_the_complaint(setup, candidate):
    complaint = _closed(setup, candidate.user)
    services.complaint_reply_correct(user=setup.boss, complaint=complaint, reply=FIXED)
    books.books_anonymise(today=add_years(today_jst(), books.KEEP_YEARS + 1))
    complaint.refresh_from_db()
    assert complaint.reply == ""
    assert complaint.reply_corrections.get().previous == ""
