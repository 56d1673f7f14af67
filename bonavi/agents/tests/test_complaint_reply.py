"""The person who complained hears back (ADR 0113, s21): the 職業紹介責任者 may write a 申出者への回答 beside the
internal 対応結果. On closing, the reply is mailed once to an e-mail contact (real SMTP), never the 対応結果; a phone
contact gets no mail; she reads her own complaints, their state and the reply on her agency page and in マイデータ,
and nobody else's; a hostile reply is refused in Japanese with nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Complaint, ComplaintStatus
from bonavi.agents.tests.factories import make_agency, register
from bonavi.agents.tests.html import error_beside
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

INTERNAL = "担当の田中一郎が連絡を怠っていた。田中一郎には注意し、担当を中村次郎に交代。"
REPLY = "ご不便をおかけし申し訳ありません。\n担当者を交代し、今後は3営業日以内にご連絡します。"


def _file(setup, user, **over) -> Complaint:
    data = {
        "from_name": "山田 花子",
        "contact": "hanako@example.jp",
        "body": "担当の方から2週間連絡がありません。",
        "wants_in_person": False,
    }
    return services.complaint_file(user=user, agency_slug=setup.agency.slug, **{**data, **over})


def _resolve(client: Client, complaint: Complaint, **data: str):
    return client.post(f"/agent/complaints/{complaint.pk}/resolve/", data, follow=True)


def _flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _boss(setup) -> Client:
    client = Client()
    client.force_login(setup.boss)
    return client


def test_the_reply_is_mailed_once_and_the_internal_result_is_not(setup, candidate, smtp_inbox):
    complaint = _file(setup, candidate.user)
    outbox_drain()  # the receipt and the 責任者's notice, as before
    smtp_inbox.wait_for(2)
    smtp_inbox.messages.clear()
    before = OutboxMessage.objects.count()

    boss = _boss(setup)
    response = _resolve(boss, complaint, resolution=INTERNAL, reply=REPLY)
    assert "申出者への回答をhanako@example.jpへメールでお送りします。" in _flash(response)
    # A stale second tab: refused, nothing recorded again, no second mail.
    again = _resolve(boss, complaint, resolution="別の記録", reply="二通目の回答")
    assert "この苦情は対応済みです" in again.content.decode()
    assert OutboxMessage.objects.count() == before + 1

    assert outbox_drain().sent == 1
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == "hanako@example.jp"
    assert (
        str(mail["Subject"]).strip() == "【BOナビ】苦情の申出への回答が届きました（株式会社みなとキャリア）"
    )
    text = text_of(mail).replace("\r\n", "\n")
    lines = text.splitlines()
    assert lines[0] == "山田 花子 様"
    assert "株式会社みなとキャリア（本社）の職業紹介責任者から回答がありました。" in text
    assert "　ご不便をおかけし申し訳ありません。" in lines
    assert "　担当者を交代し、今後は3営業日以内にご連絡します。" in lines
    assert f"/me/agency/{candidate.pk}/" in text  # where she reads it signed in
    assert "田中一郎" not in text and "中村次郎" not in text and "二通目" not in text
    complaint.refresh_from_db()
    assert complaint.reply_mailed and complaint.resolution == INTERNAL and complaint.reply == REPLY.strip()


def test_a_reply_written_to_a_signed_out_complaint_says_it_is_not_on_the_site(setup, smtp_inbox):
    complaint = _file(setup, None)
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution=INTERNAL, reply="回答です。")
    mail = OutboxMessage.objects.get(subject__contains="回答が届きました")
    assert mail.to_email == "hanako@example.jp" and mail.user is None
    assert "ログインせずに申し出たため" in mail.body_text and "/me/" not in mail.body_text


def test_a_phone_contact_gets_no_mail_and_the_responsible_is_told_to_call(setup, candidate):
    complaint = _file(setup, candidate.user, contact="090-1234-5678")
    before = OutboxMessage.objects.count()
    response = _resolve(_boss(setup), complaint, resolution=INTERNAL, reply=REPLY)
    assert "連絡先が電話番号のため、回答はメールでお送りしていません。090-1234-5678へお電話で" in _flash(
        response
    )
    assert OutboxMessage.objects.count() == before
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED and complaint.reply and not complaint.reply_mailed
    assert "申出者への回答（メール未送信）" in _boss(setup).get("/agent/records/").content.decode()


def test_closing_without_a_reply_sends_nothing_and_the_form_says_so(setup):
    complaint = _file(setup, None)
    boss = _boss(setup)
    assert (
        "空欄で対応済みにすると、申出者には何も送られません。" in boss.get("/agent/records/").content.decode()
    )
    before = OutboxMessage.objects.count()
    response = _resolve(boss, complaint, resolution=INTERNAL)
    assert "申出者には何も送っていません" in _flash(response)
    assert OutboxMessage.objects.count() == before


def test_the_reply_to_one_address_is_capped_like_the_receipt(setup):
    for i in range(TYPED_ADDRESS_MAIL_LIMIT):
        _file(setup, None, body=f"{i}件目の苦情です。")
    complaint = Complaint.objects.order_by("pk").first()
    response = _resolve(_boss(setup), complaint, resolution=INTERNAL, reply=REPLY)
    assert "上限に達したため" in _flash(response)
    assert not OutboxMessage.objects.filter(subject__contains="回答が届きました").exists()


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        ('<a href="https://evil.example">こちら</a>から再申請してください', "タグ"),
        ("あ" * 4001, "4,000文字以内で入力してください"),
    ],
)
def test_a_hostile_reply_is_refused_in_japanese_and_nothing_changes(setup, reply, said):
    complaint = _file(setup, None)
    before = OutboxMessage.objects.count()
    response = _resolve(_boss(setup), complaint, resolution=INTERNAL, reply=reply)
    assert response.status_code == 422
    assert said in error_beside(response.content.decode(), "reply")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution, complaint.reply) == (ComplaintStatus.RECEIVED, "", "")
    assert OutboxMessage.objects.count() == before
    # The API's path: the service refuses the same, beside `reply`.
    with pytest.raises(services.AgentError) as refused:
        services.complaint_resolve(user=setup.boss, complaint=complaint, resolution=INTERNAL, reply=reply)
    assert refused.value.errors.get("reply")


def test_she_reads_her_own_complaints_and_the_reply_never_the_result_nor_anothers(setup, candidate):
    other_user = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    other = register(setup, other_user)
    mine = _file(setup, candidate.user, body="わたしの苦情です。")
    _file(setup, other_user, from_name="別の人", contact="other@test.example", body="別の人の苦情です。")
    # Anonymous, about the same agency, with her address typed in: not hers to read (from_user is not her).
    _file(setup, None, contact="seeker@test.example", body="誰かが代わりに出した苦情です。")
    me = Client()
    me.force_login(candidate.user)
    page = me.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "わたしの苦情です。" in page and "受付済み" in page
    assert "別の人の苦情" not in page and "代わりに出した" not in page

    services.complaint_progress(user=setup.boss, complaint=mine, interview_on=None)
    assert "対応中" in me.get(f"/me/agency/{candidate.pk}/").content.decode()
    services.complaint_resolve(user=setup.boss, complaint=mine, resolution=INTERNAL, reply=REPLY)
    page = me.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "対応済み（" in page and "担当者を交代し、今後は3営業日以内にご連絡します。" in page
    assert "田中一郎" not in page
    export = me.get("/me/privacy/export/").content.decode()
    assert "担当者を交代し" in export and "田中一郎" not in export and "別の人の苦情" not in export
    assert me.get("/me/privacy/export.json").json()["agency_complaints"][0]["reply"] == REPLY.strip()

    # Another candidate: her own page shows her own complaint only; the first one's page is not hers.
    them = Client()
    them.force_login(other_user)
    theirs = them.get(f"/me/agency/{other.pk}/").content.decode()
    assert "別の人の苦情です。" in theirs and "わたしの苦情" not in theirs and "担当者を交代" not in theirs
    assert them.get(f"/me/agency/{candidate.pk}/").status_code == 404


def test_another_agencys_responsible_can_neither_read_nor_answer_it(setup, candidate):
    complaint = _file(setup, candidate.user)
    rival = make_agency(slug="rival-career", name="株式会社ライバル")
    client = _boss(rival)
    assert "担当の方から2週間連絡がありません" not in client.get("/agent/records/").content.decode()
    response = client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": "x", "reply": "y"})
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.reply == ""


def test_the_confirmation_says_where_she_follows_it(setup, candidate):
    me = Client()
    me.force_login(candidate.user)
    data = {"from_name": "山田 花子", "contact": "seeker@test.example", "body": "確認ページの苦情です。"}
    data["next"] = f"/me/agency/{candidate.pk}/"
    response = me.post(f"/agent/agencies/{setup.agency.slug}/complaint/", data, follow=True)
    assert "この紹介会社のあなたの登録ページ（「あなたの苦情の申出と回答」）で確認できます。" in _flash(
        response
    )
    assert "確認ページの苦情です。" in response.content.decode().split('id="my-complaints"', 1)[1]
    signed_out = Client().post(f"/agent/agencies/{setup.agency.slug}/complaint/", data, follow=True)
    assert "確認できます" not in _flash(signed_out)


def test_the_api_takes_the_reply_and_refuses_markup_beside_it(setup, client):
    complaint = _file(setup, None)
    client.force_login(setup.boss)
    url = f"/api/v1/agent/complaints/{complaint.pk}/resolve"
    json = "application/json"
    resp = client.post(url, {"resolution": INTERNAL, "reply": "<script>x</script>"}, content_type=json)
    assert resp.status_code == 422 and resp.json()["errors"]["reply"]
    assert Complaint.objects.get().status == ComplaintStatus.RECEIVED
    resp = client.post(url, {"resolution": INTERNAL, "reply": "回答です。"}, content_type=json)
    assert resp.status_code == 200
    assert (resp.json()["reply"], resp.json()["reply_mailed"]) == ("回答です。", True)
    assert (
        OutboxMessage.objects.filter(
            to_email="hanako@example.jp", subject__contains="回答が届きました"
        ).count()
        == 1
    )
