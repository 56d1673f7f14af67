"""応募後のメッセージ (ADR 0090): a thread per application between the applicant and the posting company's 採用担当,
on the pages and through the API, with its mail, unread counts, refusals, rate limit and personal-data rules."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core.tests.querycount import assert_flat
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import mydata, selectors, services
from bonavi.seekers.models import ActorRole, Application, ApplicationMessage

pytestmark = pytest.mark.django_db

_seq = itertools.count()


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _seeker_post(user: User, application: Application, body: str) -> Any:
    return _client(user).post(f"/me/applications/{application.pk}/messages/", {"body": body})


def _employer_post(user: User, application: Application, body: str) -> Any:
    return _client(user).post(f"/applicants/{application.pk}/messages/", {"body": body})


def _mails() -> list[OutboxMessage]:
    # The application's own mails (受付・新しい応募) are queued when it is made: only what came after counts.
    return list(OutboxMessage.objects.filter(subject__contains="メッセージが届きました").order_by("pk"))


@pytest.fixture
def agent(db: Any, employer: User) -> User:
    # An agent account linked to the posting's own company is still not its 採用担当.
    return User.objects.create_user(
        email="ca@agency.example",
        password="pw-Long-enough-1",
        role=Role.AGENT,
        organization=employer.organization,
    )


# The exchange ------------------------------------------------------------------------------------------------


def test_seeker_writes_employer_is_told_without_the_words_and_reads_it(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    colleague = User.objects.create_user(
        email="hr2@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
    )
    gone = User.objects.create_user(
        email="hr-old@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
        is_active=False,
    )
    response = _seeker_post(profiled_seeker, application, "面接の日程ですが、\r\n平日の午後なら伺えます。")
    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{application.pk}/#messages"
    stored = ApplicationMessage.objects.get(application=application)
    assert (stored.side, stored.sender_id, stored.body) == (
        ActorRole.SEEKER,
        profiled_seeker.pk,
        "面接の日程ですが、\n平日の午後なら伺えます。",
    )
    # One mail per active 採用担当, once; never the applicant's words nor name (ADR 0044), only the thread's link.
    mails = _mails()
    assert sorted(m.to_email for m in mails) == sorted([employer.email, colleague.email])
    assert gone.email not in [m.to_email for m in mails]
    for mail in mails:
        assert "平日の午後" not in mail.body_text and "山田" not in mail.body_text + mail.subject
        assert f"/applicants/{application.pk}/#messages" in mail.body_text
    application.refresh_from_db()
    assert (application.employer_unread, application.seeker_unread) == (1, 0)

    employer_client = _client(employer)
    listed = employer_client.get("/applicants/").content.decode()
    assert "未読メッセージ 1件" in listed
    assert employer_client.get("/api/v1/employer/applications").json()[0]["unread_messages"] == 1
    page = employer_client.get(f"/applicants/{application.pk}/").content.decode()
    assert "平日の午後なら伺えます。" in page and "応募者" in page
    application.refresh_from_db()
    assert application.employer_unread == 0  # opened: read for the whole company's side
    assert "未読メッセージ" not in employer_client.get("/applicants/").content.decode()
    # The seeker's own message is not unread for the seeker.
    assert "未読メッセージ" not in _client(profiled_seeker).get("/me/applications/").content.decode()


def test_employer_replies_as_the_company_and_the_seeker_is_mailed_the_reply(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    employer.display_name = "人事部 佐藤一郎"
    employer.save()
    _seeker_post(profiled_seeker, application, "持ち物を教えてください。")
    response = _employer_post(employer, application, "筆記用具と履歴書をお持ちください。")
    assert response.status_code == 302
    assert response["Location"] == f"/applicants/{application.pk}/#messages"
    mail = _mails()[-1]
    assert mail.to_email == profiled_seeker.email
    assert "筆記用具と履歴書をお持ちください。" in mail.body_text  # as a status change's 連絡事項 is
    assert f"/me/applications/{application.pk}/#messages" in mail.body_text
    assert "株式会社テスト商事" in mail.subject
    assert "佐藤" not in mail.body_text + mail.subject

    seeker_client = _client(profiled_seeker)
    assert "未読メッセージ 1件" in seeker_client.get("/me/applications/").content.decode()
    assert "未読メッセージ 1件" in seeker_client.get("/me/").content.decode()
    assert seeker_client.get("/api/v1/me/applications").json()[0]["unread_messages"] == 1
    page = seeker_client.get(f"/me/applications/{application.pk}/").content.decode()
    assert "採用担当（株式会社テスト商事）" in page and "佐藤" not in page
    # Newest at the bottom.
    assert page.index("持ち物を教えてください。") < page.index("筆記用具と履歴書をお持ちください。")
    assert "未読メッセージ" not in seeker_client.get("/me/applications/").content.decode()


def test_times_are_shown_in_jst(profiled_seeker: User, application: Application) -> None:
    ApplicationMessage.objects.create(
        application=application,
        side=ActorRole.SEEKER,
        sender=profiled_seeker,
        body="よろしくお願いします。",
        created_at=dt.datetime(2026, 1, 5, 0, 30, tzinfo=dt.UTC),
    )
    page = _client(profiled_seeker).get(f"/me/applications/{application.pk}/").content.decode()
    assert "2026年1月5日（月）09:30" in page  # Japan time, written as core.clock writes a moment
    thread = _client(profiled_seeker).get(f"/api/v1/me/applications/{application.pk}/messages").json()
    assert thread["messages"][0]["sent_at"].startswith("2026-01-05T09:30:00+09:00")


def test_a_double_click_stores_and_mails_one_message(profiled_seeker: User, application: Application) -> None:
    for _ in range(2):
        assert _seeker_post(profiled_seeker, application, "よろしくお願いします。").status_code == 302
    assert ApplicationMessage.objects.filter(application=application).count() == 1
    assert len(_mails()) == 1
    application.refresh_from_db()
    assert application.employer_unread == 1


# Who may read and write --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_employer", "other_seeker", "anonymous", "agent", "operator"])
def test_nobody_else_reads_or_writes_the_thread(
    who: str, request: pytest.FixtureRequest, profiled_seeker: User, application: Application
) -> None:
    ApplicationMessage.objects.create(
        application=application, side=ActorRole.SEEKER, sender=profiled_seeker, body="秘密の相談です。"
    )
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = _client(user)
    pk = application.pk
    for url in (f"/me/applications/{pk}/", f"/applicants/{pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert "秘密の相談です。" not in response.content.decode()
    for url in (f"/me/applications/{pk}/messages/", f"/applicants/{pk}/messages/"):
        response = client.post(url, {"body": "割り込みです。"})
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/login" in response["Location"]
    for url in (f"/api/v1/me/applications/{pk}/messages", f"/api/v1/employer/applications/{pk}/messages"):
        got = client.get(url)
        assert got.status_code in (401, 403, 404), (url, got.status_code)
        assert "秘密の相談です。" not in got.content.decode()
        posted = client.post(url, {"body": "割り込みです。"}, content_type="application/json")
        assert posted.status_code in (401, 403, 404), (url, posted.status_code)
    assert list(ApplicationMessage.objects.values_list("body", flat=True)) == ["秘密の相談です。"]
    assert _mails() == []


def test_other_employer_and_other_seeker_get_404_not_403(
    other_employer: User, other_seeker: User, application: Application
) -> None:
    """Another company's application is answered as if it did not exist (the API's rule for others' data)."""
    pk = application.pk
    assert _client(other_employer).get(f"/applicants/{pk}/").status_code == 404
    assert _employer_post(other_employer, application, "こんにちは").status_code == 404
    assert _client(other_employer).get(f"/api/v1/employer/applications/{pk}/messages").status_code == 404
    assert _client(other_seeker).get(f"/me/applications/{pk}/").status_code == 404
    assert _seeker_post(other_seeker, application, "こんにちは").status_code == 404
    assert _client(other_seeker).get(f"/api/v1/me/applications/{pk}/messages").status_code == 404


def test_the_selector_knows_only_the_two_sides(
    profiled_seeker: User, employer: User, other_employer: User, agent: User, application: Application
) -> None:
    assert selectors.thread_side(user=profiled_seeker, application=application) == ActorRole.SEEKER
    assert selectors.thread_side(user=employer, application=application) == ActorRole.EMPLOYER
    assert selectors.thread_of(user=other_employer, application=application) is None
    assert selectors.thread_of(user=agent, application=application) is None
    employer.is_active = False  # a 採用担当 who was stopped (ADR 0069) no longer reads the company's threads
    assert selectors.thread_of(user=employer, application=application) is None
    with pytest.raises(services.PermissionDenied):
        services.message_post(user=agent, application=application, body="ご連絡です。")
    assert not ApplicationMessage.objects.exists()


# Refusals ----------------------------------------------------------------------------------------------------

BAD = [
    ("", "メッセージを入力するか、ファイルを添付してください。"),
    ("   \n ", "メッセージを入力するか、ファイルを添付してください。"),
    ("<script>alert(1)</script>", "HTMLタグやスクリプトは入力できません。"),
    ("面接日は\u202e日曜\u202cです", "文字の並ぶ向きを変える制御文字"),
    ("あ" * 1001, "1,000文字以内"),
]


@pytest.mark.parametrize(("body", "message"), BAD)
def test_bad_messages_are_refused_with_a_japanese_reason_and_nothing_kept(
    profiled_seeker: User, employer: User, application: Application, body: str, message: str
) -> None:
    for response in (
        _seeker_post(profiled_seeker, application, body),
        _employer_post(employer, application, body),
    ):
        assert response.status_code == 422
        assert message in response.content.decode()
    for client, url in (
        (_client(profiled_seeker), f"/api/v1/me/applications/{application.pk}/messages"),
        (_client(employer), f"/api/v1/employer/applications/{application.pk}/messages"),
    ):
        got = client.post(url, {"body": body}, content_type="application/json")
        assert got.status_code == 422
        assert message in str(got.json()["errors"]["body"])
    assert not ApplicationMessage.objects.exists()
    assert _mails() == []


def test_the_api_body_refuses_unknown_fields(profiled_seeker: User, application: Application) -> None:
    got = _client(profiled_seeker).post(
        f"/api/v1/me/applications/{application.pk}/messages",
        {"body": "よろしくお願いします。", "side": "employer"},
        content_type="application/json",
    )
    assert got.status_code == 422
    assert not ApplicationMessage.objects.exists()


ASKS = [
    "面接の際に本籍地と家族構成をお伺いしますので、ご準備ください。",
    "ご両親の職業を教えてください。",
    "当日は支持政党についても質問します。",
]


@pytest.mark.parametrize("body", ASKS)
def test_an_employer_message_asking_for_prohibited_personal_data_is_refused(
    employer: User, application: Application, body: str
) -> None:
    response = _employer_post(employer, application, body)
    assert response.status_code == 422
    html = response.content.decode()
    assert "集めてはいけない個人情報" in html and "メッセージからその部分を削除してください。" in html
    got = _client(employer).post(
        f"/api/v1/employer/applications/{application.pk}/messages",
        {"body": body},
        content_type="application/json",
    )
    assert got.status_code == 422
    assert "集めてはいけない個人情報" in got.json()["errors"]["body"][0]
    assert not ApplicationMessage.objects.exists()
    assert _mails() == []


def test_saying_such_data_is_not_needed_goes_through(employer: User, application: Application) -> None:
    assert _employer_post(employer, application, "履歴書に本籍の記入は不要です。").status_code == 302
    assert ApplicationMessage.objects.count() == 1


# Closed applications ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["rejected", "withdrawn"])
def test_a_closed_application_keeps_its_thread_read_only_for_both_sides(
    how: str, profiled_seeker: User, employer: User, application: Application
) -> None:
    _seeker_post(profiled_seeker, application, "面接の日程について伺います。")
    if how == "rejected":
        services.application_move(user=employer, application=application, to_status="rejected", note="")
        label = "不採用"
    else:
        services.application_withdraw(user=profiled_seeker, application=application)
        label = "辞退"
    mails = len(_mails())
    for user, url in ((profiled_seeker, "/me/applications/{}/"), (employer, "/applicants/{}/")):
        page = _client(user).get(url.format(application.pk)).content.decode()
        assert "面接の日程について伺います。" in page
        assert f"この応募は「{label}」で終了したため、メッセージは送れません。" in page
        assert 'name="body"' not in page
    for response in (
        _seeker_post(profiled_seeker, application, "まだ間に合いますか"),
        _employer_post(employer, application, "最後のご連絡です"),
    ):
        assert response.status_code == 422
        assert "で終了したため、メッセージは送れません" in response.content.decode()
    thread = _client(employer).get(f"/api/v1/employer/applications/{application.pk}/messages").json()
    assert thread["writable"] is False and label in thread["closed_reason"]
    got = _client(profiled_seeker).post(
        f"/api/v1/me/applications/{application.pk}/messages",
        {"body": "まだ間に合いますか"},
        content_type="application/json",
    )
    assert got.status_code == 422
    assert ApplicationMessage.objects.count() == 1
    assert len(_mails()) == mails


def test_an_offer_and_a_hire_still_take_messages(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    services.application_move(user=employer, application=application, to_status="offer")
    services.application_move(user=employer, application=application, to_status="hired")
    assert _employer_post(employer, application, "入社日の持ち物をご案内します。").status_code == 302
    assert _seeker_post(profiled_seeker, application, "承知しました。").status_code == 302


# Rate limit -------------------------------------------------------------------------------------------------


def test_posting_is_rate_limited_per_user(
    monkeypatch: pytest.MonkeyPatch, profiled_seeker: User, employer: User, application: Application
) -> None:
    monkeypatch.setattr(services, "MESSAGE_LIMIT", 3)
    for i in range(3):
        assert _seeker_post(profiled_seeker, application, f"質問その{i + 1}です。").status_code == 302
    refused = _seeker_post(profiled_seeker, application, "質問その4です。")
    assert refused.status_code == 429
    assert "1時間に3件まで" in refused.content.decode()
    # Refused as a whole (no field to point at): the reason above the form takes the focus, by the one rule every
    # form's summary follows (core_forms.summary_focus), and nothing else on the page does.
    html = refused.content.decode()
    opening = '<div role="alert"><ul class="errorlist"'
    summary = html[html.index(opening) + len('<div role="alert">') :].split(">", 1)[0]
    assert 'tabindex="-1" autofocus' in summary and html.count("autofocus") == 1
    api = _client(profiled_seeker).post(
        f"/api/v1/me/applications/{application.pk}/messages",
        {"body": "質問その5です。"},
        content_type="application/json",
    )
    assert api.status_code == 429
    assert "1時間に3件まで" in api.json()["detail"]
    assert ApplicationMessage.objects.count() == 3
    assert len(_mails()) == 3
    # The limit is per person: the other side can still answer.
    assert _employer_post(employer, application, "ご質問ありがとうございます。").status_code == 302


def test_a_double_click_does_not_use_the_allowance_twice(
    monkeypatch: pytest.MonkeyPatch, profiled_seeker: User, application: Application
) -> None:
    """The second POST of a double click is answered with the first message: it is not a message sent, so it does
    not count towards the hour's limit (it was counted before the double-click check)."""
    monkeypatch.setattr(services, "MESSAGE_LIMIT", 2)
    for _ in range(2):
        assert _seeker_post(profiled_seeker, application, "面接の日程について質問です。").status_code == 302
    assert ApplicationMessage.objects.count() == 1
    assert _seeker_post(profiled_seeker, application, "もう一つ質問です。").status_code == 302
    assert ApplicationMessage.objects.count() == 2


# API ---------------------------------------------------------------------------------------------------------


def test_the_api_lists_and_posts_for_both_sides(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    seeker_api = _client(profiled_seeker)
    employer_api = _client(employer)
    posted = seeker_api.post(
        f"/api/v1/me/applications/{application.pk}/messages",
        {"body": "面接は何分ほどですか。"},
        content_type="application/json",
    )
    assert posted.status_code == 201
    assert posted.json()["side"] == "seeker" and posted.json()["mine"] is True
    detail = employer_api.get(f"/api/v1/employer/applications/{application.pk}").json()
    assert detail["unread_messages"] == 1  # the employer's count; the seeker's is 0
    assert detail["id"] == application.pk and detail["message"] == application.message
    assert detail["profile"] == application.profile_snapshot and detail["timeline"][0]["status"] == "applied"
    thread = employer_api.get(f"/api/v1/employer/applications/{application.pk}/messages").json()
    assert thread["writable"] is True
    assert [(m["side"], m["sender_label"], m["mine"]) for m in thread["messages"]] == [
        ("seeker", "応募者", False)
    ]
    application.refresh_from_db()
    assert application.employer_unread == 0
    reply = employer_api.post(
        f"/api/v1/employer/applications/{application.pk}/messages",
        {"body": "30分ほどです。"},
        content_type="application/json",
    )
    assert reply.status_code == 201
    assert reply.json()["sender_label"] == "採用担当（株式会社テスト商事）"
    thread = seeker_api.get(f"/api/v1/me/applications/{application.pk}/messages").json()
    assert [m["body"] for m in thread["messages"]] == ["面接は何分ほどですか。", "30分ほどです。"]
    assert [m["mine"] for m in thread["messages"]] == [True, False]
    # Each side posts only through its own endpoint.
    wrong = seeker_api.post(
        f"/api/v1/employer/applications/{application.pk}/messages",
        {"body": "x"},
        content_type="application/json",
    )
    assert wrong.status_code == 403


# Personal data -----------------------------------------------------------------------------------------------


def test_messages_are_in_mydata_and_go_at_taikai(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    _seeker_post(profiled_seeker, application, "面接の持ち物を教えてください。")
    _employer_post(employer, application, "筆記用具をお持ちください。")
    data = mydata.mydata_export(user=profiled_seeker)
    assert data["applications"][0]["messages"] == [
        {
            "by": "応募者（あなた）",
            "at": data["applications"][0]["messages"][0]["at"],
            "body": "面接の持ち物を教えてください。",
            "attachment": None,
        },
        {
            "by": "採用担当（株式会社テスト商事）",
            "at": data["applications"][0]["messages"][1]["at"],
            "body": "筆記用具をお持ちください。",
            "attachment": None,
        },
    ]
    assert "seekers.ApplicationMessage" not in data["other_data"]
    client = _client(profiled_seeker)
    assert (
        client.get("/api/v1/me/mydata").json()["applications"][0]["messages"][1]["body"]
        == "筆記用具をお持ちください。"
    )
    assert "筆記用具をお持ちください。" in client.get("/me/privacy/export/").content.decode()

    mydata.account_delete(user=profiled_seeker)
    application.refresh_from_db()
    assert not ApplicationMessage.objects.filter(application=application).exists()
    assert (application.seeker_unread, application.employer_unread) == (0, 0)
    page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert "面接の持ち物" not in page and "筆記用具" not in page
    assert "この応募者は退会しました。メッセージは送れません。" in page
    assert _employer_post(employer, application, "ご連絡です。").status_code == 422


@pytest.mark.parametrize("written", [True, False], ids=["messages erased", "never written"])
def test_after_taikai_the_company_reads_that_she_left_not_that_nobody_wrote(
    profiled_seeker: User, employer: User, application: Application, written: bool
) -> None:
    """The company's thread said 「まだメッセージはありません」 after 退会, as if nothing had ever been written — the
    messages had gone with her. It says she left, offers no form, and a post is still refused."""
    if written:
        _seeker_post(profiled_seeker, application, "面接の持ち物を教えてください。")
        _employer_post(employer, application, "筆記用具をお持ちください。")
    mydata.account_delete(user=profiled_seeker)
    page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    thread = page.split('id="messages"', 1)[1].split("</section>", 1)[0]
    assert "まだメッセージはありません" not in thread
    assert (
        '<p id="applicant-left"><strong>この応募者は退会しました。メッセージは送れません。</strong>'
        "やりとりしたメッセージがあれば、退会にあわせて削除しています。</p>"
    ) in thread
    assert "<form" not in thread and "送信する" not in thread
    refused = _employer_post(employer, application, "ご連絡です。")
    assert refused.status_code == 422 and "この応募者は退会しました。" in refused.content.decode()
    assert not ApplicationMessage.objects.filter(application=application).exists()
    answer = _client(employer).get(f"/api/v1/employer/applications/{application.pk}/messages").json()
    assert answer["writable"] is False
    assert answer["closed_reason"] == "この応募者は退会しました。メッセージは送れません。"


# Query counts ------------------------------------------------------------------------------------------------


def test_thread_pages_run_a_fixed_number_of_queries(
    client: Client, profiled_seeker: User, employer: User, application: Application
) -> None:
    def grow() -> None:
        for side, sender in ((ActorRole.SEEKER, profiled_seeker), (ActorRole.EMPLOYER, employer)) * 3:
            ApplicationMessage.objects.create(
                application=application, side=side, sender=sender, body=f"メッセージ{next(_seq)}"
            )

    client.force_login(profiled_seeker)
    for url in (f"/me/applications/{application.pk}/", f"/api/v1/me/applications/{application.pk}/messages"):
        assert_flat(client, url, grow)
    client.force_login(employer)
    for url in (f"/applicants/{application.pk}/", f"/api/v1/employer/applications/{application.pk}/messages"):
        assert_flat(client, url, grow)


def test_the_unread_badge_costs_no_query_per_application(
    client: Client, profiled_seeker: User, employer: User, application: Application
) -> None:
    from bonavi.jobs.tests.factories import make_posting

    def grow() -> None:
        for _ in range(3):
            posting = make_posting(employer.organization)
            n = next(_seq)
            applicant = User.objects.create(email=f"a{n}@test.example", role=Role.SEEKER)
            Application.objects.create(
                posting=posting, applicant=applicant, employer_unread=2, created_at=timezone.now()
            )

    client.force_login(employer)
    assert_flat(client, "/applicants/", grow)
    assert "未読メッセージ 2件" in client.get("/applicants/").content.decode()


def test_the_privacy_page_says_who_reads_messages_and_that_taikai_deletes_them(client: Client) -> None:
    html = client.get("/privacy/").content.decode()
    assert "応募後のメッセージとその添付ファイルは、あなたとその企業の採用担当だけが読めます。" in html
    assert "メッセージ（応募後に企業とやりとりしたメッセージと添付ファイルを含みます）" in html
