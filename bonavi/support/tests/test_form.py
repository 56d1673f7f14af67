"""The complaint / report form: refusals, filing, mail, double submits, the rate limit and hidden postings."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.jobs.models import Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of
from bonavi.support import services
from bonavi.support.models import Category, Complaint

pytestmark = pytest.mark.django_db

NEW = "/complaints/new/"


def good(**over):
    data = {
        "category": Category.POSTING_FACTS,
        "body": "求人には月給25万円とありますが、面接では20万円と言われました。",
        "reply_email": "reporter@example.jp",
        "name": "山田",
    }
    data.update(over)
    return data


def field_error(html: str, name: str) -> str:
    found = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"category": ""}, "category", "種類を選んでください。"),
        ({"category": "bogus"}, "category", "種類を一覧から選んでください。"),
        ({"body": ""}, "body", "内容を入力してください。"),
        ({"body": "あ" * 4001}, "body", "4,000文字以内"),
        ({"body": "<script>alert(1)</script>"}, "body", "HTMLタグやスクリプトは入力できません"),
        ({"reply_email": ""}, "reply_email", "返信先のメールアドレスを入力してください。"),
        ({"reply_email": "not-an-address"}, "reply_email", "メールアドレスの形式が正しくありません"),
        ({"name": "<b>山田</b>"}, "name", "HTMLタグやスクリプトは入力できません"),
        ({"name": "山" * 101}, "name", "100文字以内"),
    ],
)
def test_refused_input_is_422_with_the_message_beside_the_field_and_nothing_stored(
    client, over, field, message
):
    data = good(**over)
    response = client.post(NEW, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in field_error(html, field)
    # What was typed is kept (all but the refused value where it is what is wrong).
    if field != "body":
        assert data["body"] in html
    assert Complaint.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_post_without_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post(NEW, good())
    assert response.status_code == 403
    assert Complaint.objects.count() == 0


def test_good_submission_files_one_and_mails_ack_and_operators_once(client, operator, smtp_inbox, settings):
    settings.OPERATOR_CONTACT = "unused@bonavi.example"  # operators exist: it is not mailed
    response = client.post(NEW, good(), follow=True)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    html = response.content.decode()
    assert complaint.reference in html and "受付番号" in html
    assert re.fullmatch(r"\d{8}-[A-Z2-9]{6}", complaint.reference)
    assert str(complaint.pk) != complaint.reference
    assert OutboxMessage.objects.count() == 2

    report = outbox_drain()
    assert report.sent == 2
    assert outbox_drain().sent == 0  # delivered once
    mails = smtp_inbox.wait_for(2)
    assert len(mails) == 2
    by_to = {str(m["To"]): m for m in mails}
    ack = by_to["reporter@example.jp"]
    ack_text = text_of(ack)
    assert complaint.reference in str(ack["Subject"])
    assert good()["body"] in ack_text  # a copy of what they wrote
    assert "までに" in ack_text
    assert "ops@test.example" not in ack_text  # nobody else's data
    ops = by_to["ops@test.example"]
    ops_text = text_of(ops)
    assert f"/admin/support/complaint/{complaint.pk}/change/" in ops_text
    # The reporter's address and text stay in the admin, behind a login.
    assert "reporter@example.jp" not in ops_text and good()["body"] not in ops_text


def test_without_operator_accounts_the_notice_goes_to_operator_contact(client, settings):
    settings.OPERATOR_CONTACT = "desk@bonavi.example"
    client.post(NEW, good())
    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == [
        "desk@bonavi.example",
        "reporter@example.jp",
    ]


def test_operator_contact_that_is_not_an_address_gets_nothing(client, settings):
    settings.OPERATOR_CONTACT = "03-1234-5678"
    client.post(NEW, good())
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["reporter@example.jp"]


def test_double_submit_files_one_complaint_and_shows_the_same_reference(client, operator):
    first = client.post(NEW, good(), follow=True)
    second = client.post(NEW, good(), follow=True)
    assert Complaint.objects.count() == 1
    reference = Complaint.objects.get().reference
    assert reference in first.content.decode() and reference in second.content.decode()
    assert OutboxMessage.objects.count() == 2


def test_a_different_text_is_a_new_complaint(client):
    client.post(NEW, good())
    client.post(NEW, good(body="もう一件、別の求人でも同じことがありました。"))
    assert Complaint.objects.count() == 2


def test_rate_limit_answers_429_in_japanese_and_keeps_the_input(client):
    for i in range(services.CLIENT_LIMIT):
        assert client.post(NEW, good(body=f"{i}件目の報告です。")).status_code == 302
    response = client.post(NEW, good(body="上限を超えた報告です。"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "送信が多すぎます" in html
    assert "上限を超えた報告です。" in html
    assert Complaint.objects.count() == services.CLIENT_LIMIT


def test_signed_in_reporter_gets_a_prefilled_address_and_may_leave_it_empty(client, seeker):
    client.force_login(seeker)
    html = client.get(NEW).content.decode()
    assert 'value="seeker@test.example"' in html
    assert client.post(NEW, good(reply_email="")).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.reply_email == "seeker@test.example"
    assert complaint.reporter == seeker


def test_public_posting_is_named_and_stored(client, employer):
    posting = make_posting(employer.organization)
    html = client.get(f"{NEW}?posting={posting.pk}").content.decode()
    assert posting.title in html and f'name="posting" value="{posting.pk}"' in html
    client.post(NEW, {**good(), "posting": posting.pk})
    assert Complaint.objects.get().posting == posting


def _hidden_page(client, posting_id):
    response = client.get(f"{NEW}?posting={posting_id}")
    assert response.status_code == 200
    # The masked CSRF token differs on every page, and the header's ログイン/新規登録 echo the asked address
    # (?next=, the id as typed); everything else must be the same.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return page.replace(f"%3Fposting%3D{posting_id}", "%3Fposting%3DN")


@pytest.mark.parametrize("who", ["anonymous", "seeker", "other_employer"])
def test_private_posting_behaves_like_a_nonexistent_id(client, employer, who, request):
    private = make_posting(employer.organization, visibility=Visibility.PRIVATE, title="極秘の経理部長候補")
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    missing_id = private.pk + 1000
    hidden = _hidden_page(client, private.pk)
    nonexistent = _hidden_page(client, missing_id)
    assert "極秘の経理部長候補" not in hidden
    assert hidden == nonexistent
    assert 'id="posting-missing"' in hidden
    response = client.post(NEW, {**good(), "posting": private.pk})
    assert response.status_code == 302
    assert Complaint.objects.get().posting is None
    assert "極秘の経理部長候補" not in " ".join(OutboxMessage.objects.values_list("body_text", flat=True))


def test_own_employer_may_report_its_private_posting(client, employer):
    private = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    client.force_login(employer)
    client.post(NEW, {**good(), "posting": private.pk})
    assert Complaint.objects.get().posting == private


@pytest.mark.parametrize("raw", ["abc", "-1", "99999999999999999999", " "])
def test_malformed_posting_ids_never_500(client, raw):
    assert client.get(NEW, {"posting": raw}).status_code == 200
    assert client.post(NEW, {**good(), "posting": raw}).status_code == 302
    assert Complaint.objects.get().posting is None


def test_the_postings_employer_cannot_see_complaints(client, employer):
    posting = make_posting(employer.organization)
    Client().post(NEW, {**good(), "posting": posting.pk})
    complaint = Complaint.objects.get()
    client.force_login(employer)
    admin_page = client.get(f"/admin/support/complaint/{complaint.pk}/change/")
    assert admin_page.status_code == 302 and "/admin/login/" in admin_page["Location"]
    assert client.get("/admin/support/complaint/").status_code == 302
    # The done page reads the reference from the sender's own session only.
    assert client.get("/complaints/done/").status_code == 302
    # Nothing was mailed to the employer.
    assert not OutboxMessage.objects.filter(to_email=employer.email).exists()
    for url in ("/jobs/manage/", f"/jobs/{posting.pk}/"):
        page = client.get(url)
        assert good()["body"] not in page.content.decode()
        assert "reporter@example.jp" not in page.content.decode()


def test_done_page_without_a_submission_goes_to_the_procedure(client):
    response = client.get("/complaints/done/")
    assert response.status_code == 302 and response["Location"] == "/complaints/"


def test_operators_are_the_operator_role_or_staff_and_active():
    User.objects.create_user(email="role@bonavi.example", password="x-Long-enough-1", role=Role.OPERATOR)
    User.objects.create_user(email="staff@bonavi.example", password="x-Long-enough-1", is_staff=True)
    User.objects.create_user(
        email="gone@bonavi.example", password="x-Long-enough-1", role=Role.OPERATOR, is_active=False
    )
    User.objects.create_user(email="seeker2@bonavi.example", password="x-Long-enough-1")
    assert [e for e, _ in services.operator_recipients()] == ["role@bonavi.example", "staff@bonavi.example"]


def test_signed_in_reporters_complaints_are_in_their_mydata(client, seeker):
    from bonavi.seekers.mydata import mydata_export

    client.force_login(seeker)
    client.post(NEW, good())
    exported = mydata_export(user=seeker)["complaints"]  # its own section (support.mydata)
    assert [row["body"] for row in exported] == [good()["body"]]
    page = client.get("/me/privacy/export/").content.decode()
    assert "運営への苦情・お問い合わせ（1件）" in page and exported[0]["reference"] in page


def test_a_line_break_in_the_name_cannot_put_text_above_our_words(client):
    injected = "山田\r\n\r\n【重要】下記URLから再ログインしてください\u2028https://evil.example"
    assert client.post(NEW, good(name=injected)).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.name == "山田 【重要】下記URLから再ログインしてください https://evil.example"
    ack = OutboxMessage.objects.get(to_email="reporter@example.jp")
    first, second = ack.body_text.split("\n")[:2]
    assert first == f"{complaint.name} 様" and second == ""


def test_the_service_makes_the_name_one_line_too():
    complaint, _ = services.complaint_file(
        user=None,
        client="ip192.0.2.1",
        category=Category.OTHER,
        posting=None,
        body="本文です。",
        reply_email="someone@example.jp",
        name="佐藤\n\nBOナビ運営からのお知らせ",
    )
    assert complaint.name == "佐藤 BOナビ運営からのお知らせ"


def test_acknowledgements_share_the_per_address_counter_with_the_account_mails():
    """The form mails what was typed to the address typed, like sign-up: one counter for both, so alternating
    between the forms cannot send a stranger more than the cap."""
    from bonavi.accounts.services import signup_request

    target = "stranger@example.jp"
    for _ in range(TYPED_ADDRESS_MAIL_LIMIT):
        signup_request(email=target, password="pw-Long-enough-1", role=Role.SEEKER, agreed=True)
    sent = OutboxMessage.objects.filter(to_email=target).count()
    complaint, _ = services.complaint_file(
        user=None,
        client="ip192.0.2.9",
        category=Category.OTHER,
        posting=None,
        body="第三者のアドレスに送る試み",
        reply_email=target,
    )
    assert Complaint.objects.filter(pk=complaint.pk).exists()  # still filed
    assert OutboxMessage.objects.filter(to_email=target).count() == sent  # but nothing more to that inbox


def test_the_service_files_an_identical_complaint_once_and_says_so():
    def again():
        return services.complaint_file(
            user=None,
            client="ip192.0.2.3",
            category=Category.OTHER,
            posting=None,
            body="二度押しの確認です。",
            reply_email="once@example.jp",
        )

    first, created = again()
    assert created
    assert again() == (first, False)
    assert OutboxMessage.objects.filter(to_email="once@example.jp").count() == 1


def test_the_same_text_after_the_double_submit_window_is_a_new_complaint(monkeypatch):
    import datetime as dt

    from bonavi.core import clock

    first, _ = services.complaint_file(
        user=None,
        client="ip192.0.2.4",
        category=Category.OTHER,
        posting=None,
        body="同じ文面",
        reply_email="a@b.jp",
    )
    later = clock.now() + dt.timedelta(minutes=services.DOUBLE_SUBMIT_MINUTES + 1)
    monkeypatch.setattr(clock, "now", lambda: later)
    second, created = services.complaint_file(
        user=None,
        client="ip192.0.2.4",
        category=Category.OTHER,
        posting=None,
        body="同じ文面",
        reply_email="a@b.jp",
    )
    assert created and second.pk != first.pk
    first.refresh_from_db()
    assert first.fingerprint == "" and second.fingerprint


def test_a_reference_collision_draws_a_new_number_and_is_not_taken_for_a_double_submit(monkeypatch):
    """受付番号 = date + 6 random characters: a number already taken is refused by the unique column and another is
    drawn (it used to raise); a different text is still a complaint of its own, not the first one's double."""
    from django.db import IntegrityError

    def file(body):
        return services.complaint_file(
            user=None,
            client="ip192.0.2.5",
            category=Category.OTHER,
            posting=None,
            body=body,
            reply_email="c@d.jp",
        )

    first, _ = file("一件目")
    draws = iter([first.reference, first.reference, "20261126-NEWONE"])
    monkeypatch.setattr(services, "_new_reference", lambda now: next(draws))
    second, created = file("二件目")
    assert created and second.pk != first.pk and second.reference == "20261126-NEWONE"
    assert OutboxMessage.objects.filter(subject__contains="20261126-NEWONE").exists()
    # A generator that only ever gives taken numbers is a bug: raised after a few draws, not retried forever.
    monkeypatch.setattr(services, "_new_reference", lambda now: first.reference)
    with pytest.raises(IntegrityError):
        file("三件目")
    assert Complaint.objects.count() == 2


def test_double_submits_do_not_use_up_the_allowance(client):
    for _ in range(services.CLIENT_LIMIT + 2):
        assert client.post(NEW, good()).status_code == 302
    for i in range(services.CLIENT_LIMIT - 1):
        assert client.post(NEW, good(body=f"別の報告{i}")).status_code == 302
    assert client.post(NEW, good(body="上限を超えた報告")).status_code == 429
    assert Complaint.objects.count() == services.CLIENT_LIMIT


def test_done_page_promises_the_acknowledgement_only_when_it_was_queued(client):
    for i in range(TYPED_ADDRESS_MAIL_LIMIT):
        page = client.post(NEW, good(body=f"{i}件目の報告です。"), follow=True).content.decode()
        assert "受付の確認メールを reporter@example.jp に自動でお送りします" in page
    page = client.post(NEW, good(body="上限を超えた宛先への報告です。"), follow=True).content.decode()
    assert Complaint.objects.count() == TYPED_ADDRESS_MAIL_LIMIT + 1  # filed all the same
    assert OutboxMessage.objects.filter(to_email="reporter@example.jp").count() == TYPED_ADDRESS_MAIL_LIMIT
    assert "受付の確認メールを" not in page
    assert "受付の確認メールはお送りしていません" in page
    latest = Complaint.objects.order_by("-pk").first()
    assert latest is not None and not latest.acknowledged


def test_the_mydata_page_shows_the_name_and_address_given_with_a_complaint(client, seeker):
    """The JSON had her お名前 and 返信先; the page, which says it shows what BOナビ keeps, left them out."""
    client.force_login(seeker)
    client.post(NEW, good())
    page = client.get("/me/privacy/export/").content.decode()
    section = page.split("運営への苦情・お問い合わせ（1件）", 1)[1].split("</section>", 1)[0]
    assert f"返信先：{good()['reply_email']}" in section and f"お名前：{good()['name']}" in section


def test_a_report_on_a_posting_names_its_box_and_marks_the_kind_required(client: Client, employer) -> None:
    """Opened from a posting, the box read 「苦情・お問い合わせの内容」 and the 種類 group had no required mark."""
    posting = make_posting(employer.organization)
    page = client.get(f"{NEW}?posting={posting.pk}").content.decode()
    assert '<label for="id_body" class="req">報告の内容</label>' in page
    assert '<legend class="req">種類</legend>' in page
    # Refused, it is still the report's box.
    refused = client.post(NEW, {"posting": posting.pk}).content.decode()
    assert '<label for="id_body" class="req">報告の内容</label>' in refused

    plain = client.get(NEW).content.decode()
    assert '<label for="id_body" class="req">苦情・お問い合わせの内容</label>' in plain
    assert '<legend class="req">種類</legend>' in plain
