"""The person who complains to an agency gets a receipt at once (32条の14: 苦情処理), on the real SMTP path: when
it was received, which office, that the 職業紹介責任者 handles it, how they will hear back, and the opening of what
they wrote. A phone-only contact gets no mail, and the confirmation says so; a repeat gets no second receipt."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.agents import services
from bonavi.agents.models import Complaint
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.notifications.models import MessageKind, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

BODY = (
    "担当の方から2週間連絡がありません。\n紹介された求人の条件も説明と違いました。"
    "次の面談の日程もまだ決まっていないので、改善と早めのご連絡をお願いします。最後まで読まれない一文。"
)


def post(client: Client, setup, **over: object):
    data = {"from_name": "山田 花子", "contact": "hanako@example.jp", "body": BODY, **over}
    return client.post(f"/agent/agencies/{setup.agency.slug}/complaint/", data, follow=True)


def flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_complaint_by_mail_is_acknowledged_once(setup, smtp_inbox):
    response = post(Client(), setup, wants_in_person="on")
    complaint = Complaint.objects.get()
    assert complaint.acknowledged
    assert "受付の確認メールをhanako@example.jpへお送りしました。" in flash(response)
    assert "ご指定の連絡先（hanako@example.jp）へメールでご連絡します。" in flash(response)
    # A double click: the same complaint, no second receipt and no second notice to the 責任者.
    again = post(Client(), setup, wants_in_person="on")
    assert Complaint.objects.count() == 1 and "受付の確認メール" in flash(again)
    assert OutboxMessage.objects.count() == 2

    assert outbox_drain().sent == 2
    mails = {str(m["To"]): m for m in smtp_inbox.wait_for(2)}
    ack = mails["hanako@example.jp"]
    text = text_of(ack).replace("\r\n", "\n")
    assert str(ack["Subject"]).strip() == "【BOナビ】苦情の申出を受け付けました（株式会社みなとキャリア）"
    lines = text.splitlines()
    assert lines[0] == "山田 花子 様"
    assert re.search(r"^受付日時：\d{4}年\d{1,2}月\d{1,2}日（[月火水木金土日]）\d\d:\d\d$", text, re.M)
    assert "事業所：本社" in lines
    assert "対応：この事業所の職業紹介責任者が内容を確認し、対応します。" in lines
    assert "面談での対応をご希望と承りました。日時は職業紹介責任者からご相談します。" in lines
    # Their text, on one line and cut: a recognisable quote, not the whole complaint.
    quote = "「担当の方から2週間連絡がありません。 紹介された求人の条件も説明と違いました。"
    assert any(line.startswith(quote) and line.endswith("…」") for line in lines)
    assert "最後まで読まれない一文" not in text
    assert "\n--\n" in text  # signed like every other mail
    assert "boss@minato-career.example" in mails  # the 責任者's notice as before
    assert "hanako@example.jp" not in text_of(mails["boss@minato-career.example"]).split("--")[-1]


def test_a_signed_in_person_is_acknowledged_at_their_login_address(setup, seeker, smtp_inbox):
    client = Client()
    client.force_login(seeker)
    response = post(client, setup, contact="090-1234-5678")
    assert "受付の確認メールをseeker@test.exampleへお送りしました。" in flash(response)
    assert "ご指定の連絡先（090-1234-5678）へお電話でご連絡します。" in flash(response)
    outbox_drain()
    ack = next(m for m in smtp_inbox.wait_for(2) if str(m["To"]) == "seeker@test.example")
    assert "ご連絡：職業紹介責任者から、ご指定の連絡先（090-1234-5678）へお電話でご連絡します。" in text_of(
        ack
    )


def test_a_phone_only_contact_gets_no_mail_and_is_told_so(setup):
    response = post(Client(), setup, contact="03-1234-5678")
    assert "連絡先が電話番号のため、受付の確認メールはお送りしていません。" in flash(response)
    assert "お電話でご連絡します" in flash(response)
    assert not Complaint.objects.get().acknowledged
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["boss@minato-career.example"]


def test_every_complaint_mail_is_complaint_mail(setup):
    """The 責任者's notice too, like support's notices to its operators: the outbox keeps complaint mail at the
    address it was queued for, and it is not an 応募状況のお知らせ."""
    post(Client(), setup)
    assert set(OutboxMessage.objects.values_list("kind", flat=True)) == {MessageKind.COMPLAINT}


def test_the_form_says_where_the_receipt_goes(setup):
    page = Client().get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert "電話番号のときはメールは送らず、職業紹介責任者からお電話します。" in page


def test_the_receipts_to_one_address_are_capped_like_the_platform_complaint(setup):
    for i in range(TYPED_ADDRESS_MAIL_LIMIT):
        post(Client(), setup, body=f"{i}件目の苦情です。")
    response = post(Client(), setup, body="上限を超えた苦情です。")
    assert Complaint.objects.count() == TYPED_ADDRESS_MAIL_LIMIT + 1  # filed and routed all the same
    assert OutboxMessage.objects.filter(to_email="hanako@example.jp").count() == TYPED_ADDRESS_MAIL_LIMIT
    assert not Complaint.objects.order_by("-pk").first().acknowledged
    assert "受付の確認メールはお送りしていません。" in flash(response)


def test_hostile_input_cannot_forge_headers_or_lines_above_the_greeting(setup, smtp_inbox):
    services.complaint_file(
        user=None,
        agency_slug=setup.agency.slug,
        from_name="山田\r\nBcc: victim@example.org\r\n\r\n【重要】口座を確認してください\n",
        contact="hanako@example.jp",
        body="本文\r\n\r\n--\r\nBOナビ運営\r\nhttps://evil.example/login\nTo: victim@example.org",
        wants_in_person=False,
    )
    outbox_drain()
    mails = smtp_inbox.wait_for(2)
    ack = next(m for m in mails if str(m["To"]) == "hanako@example.jp")
    assert ack["Bcc"] is None and all("victim@example.org" not in r for r in smtp_inbox.recipients)
    lines = text_of(ack).splitlines()
    assert lines[0] == "山田 Bcc: victim@example.org 【重要】口座を確認してください 様"
    # What they wrote stays inside the quote: no line of it starts a line of the mail.
    assert not any(line.startswith(("https://evil", "To:", "BOナビ運営")) for line in lines)
    assert "「本文 -- BOナビ運営 https://evil.example/login To: victim@example.org」" in lines
    # Markup in the name is refused, as before: nothing filed, nothing mailed.
    with pytest.raises(services.AgentError):
        services.complaint_file(
            user=None,
            agency_slug=setup.agency.slug,
            from_name="<b>山田</b>",
            contact="hanako@example.jp",
            body="別の苦情",
            wants_in_person=False,
        )
    assert Complaint.objects.count() == 1


def test_the_responsible_sees_which_complaints_got_no_receipt(setup):
    """A phone number, or an address past the cap, gets no 受付確認メール: the 責任者 must know the person has
    heard nothing yet."""
    post(Client(), setup, body="メールで受け付けられる苦情です。")
    post(Client(), setup, contact="03-1234-5678", body="電話番号だけの苦情です。")
    client = Client()
    client.force_login(setup.boss)
    items = client.get("/agent/records/").content.decode().split("<h2>苦情", 1)[1].split("</ul>", 1)[0]
    [by_mail] = [li for li in items.split("<li") if "メールで受け付けられる" in li]
    [by_phone] = [li for li in items.split("<li") if "電話番号だけの" in li]
    assert "受付確認メール未送信" in by_phone and "受付確認メール未送信" not in by_mail
