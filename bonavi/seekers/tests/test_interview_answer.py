"""She answers the interview's date (ADR 0140). The company set one date and she could only type a message; now her
application page (and the API) has 「この日程で参加します」 and 「日程の変更をお願いする」 (with her reason and the dates
that suit her). The answer is an entry of the 経過, one mail to the company's 採用担当, and shows on its applicant page
and list as 「参加予定（回答済み）」 / 「日程変更の依頼あり」 with her words. Any change of the date by the company asks
again (the answer is cleared); an answer to a date changed since her page was shown, called off, held, begun, of an
application moved on, or of someone else's application is refused in Japanese with nothing changed and nobody
mailed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bonavi.accounts.models import User
from bonavi.core.tests.interview_time import client_of, day_ja, move_now, page_of
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import mydata, services
from bonavi.seekers.models import Application, ApplicationEvent, Interview

pytestmark = pytest.mark.django_db

REASON = "12月は前職の最終出社日と重なります。翌週の月曜・火曜の午後でしたら伺えます。"


def _post(user: User, application: Application, answer: str, text: str = "", **seen: Any) -> Any:
    interview = Interview.objects.get(application=application)
    data = {
        "ans-answer": answer,
        "ans-text": text,
        "ans-sequence": str(seen.get("sequence", interview.sequence)),
        "ans-starts_at": seen.get("starts_at", interview.starts_at).isoformat(),
    }
    return client_of(user).post(f"/me/applications/{application.pk}/interview/answer/", data)


def _answer(user: User, application: Application, answer: str, text: str = "") -> Interview:
    interview = Interview.objects.get(application=application)
    return services.interview_answer(
        user=user,
        application=application,
        answer=answer,
        text=text,
        sequence=interview.sequence,
        starts_at=interview.starts_at,
    )


def _state(application: Application) -> tuple[Any, ...]:
    interview = Interview.objects.get(application=application)
    return (
        interview.answer,
        interview.answer_text,
        interview.answered_at,
        ApplicationEvent.objects.filter(application=application).count(),
        OutboxMessage.objects.count(),
    )


def _drained(smtp_inbox: Inbox) -> None:
    queued = OutboxMessage.objects.count()
    outbox_drain()
    smtp_inbox.wait_for(queued)
    smtp_inbox.clear()


def _box(page: str) -> str:
    return page.split('id="interview-answer"', 1)[1].split("</section>", 1)[0]


def test_she_attends_on_her_page_the_company_is_mailed_once_and_reads_it(
    booked: Application, profiled_seeker: User, employer: User, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    _drained(smtp_inbox)
    page = page_of(profiled_seeker, f"/me/applications/{booked.pk}/")
    box = _box(page)
    assert "この日程で参加します</button>" in box and "<summary>日程の変更をお願いする</summary>" in box
    # Under the date's card, not after the documents.
    assert page.index('id="interview"') < page.index('id="interview-answer"') < page.index('id="messages"')

    response = _post(profiled_seeker, booked, "attend")
    assert response.status_code == 302 and response["Location"].endswith("#interview")
    # The same press again (a double click): stored once, mailed once.
    assert _post(profiled_seeker, booked, "attend").status_code == 302
    interview = Interview.objects.get(application=booked)
    assert interview.answer == "attend" and interview.answer_text == "" and interview.answered_at is not None
    events = ApplicationEvent.objects.filter(application=booked, actor=profiled_seeker, to_status="interview")
    assert [e.note for e in events] == [
        f"面接（{interview.when_display}）に「この日程で参加します」と回答しました"
    ]
    assert events[0].actor_role == "seeker"

    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert "面接に参加の回答がありました" in str(mails[0]["Subject"])
    text = text_of(mails[0])
    assert "この日程で参加します" in text and f"/applicants/{booked.pk}/#interview-part" in text
    assert "山田" not in text  # her name stays behind the login (ADR 0044)

    hers = page_of(profiled_seeker, f"/me/applications/{booked.pk}/")
    assert "「この日程で参加します」と回答しました" in _box(hers)
    assert "この日程で参加します</button>" not in _box(hers)  # answered: only the change is offered
    theirs = page_of(employer, f"/applicants/{booked.pk}/")
    assert "<strong>参加予定（回答済み）</strong>" in _box(theirs)
    assert events[0].note in theirs  # the 経過
    listed = page_of(employer, "/applicants/")
    assert f'href="/applicants/{booked.pk}/#interview-answer">参加予定（回答済み）</a>' in listed


def test_she_asks_for_another_date_with_her_reason_which_the_company_reads(
    booked: Application, profiled_seeker: User, employer: User, smtp_inbox: Inbox
) -> None:
    _drained(smtp_inbox)
    before = _state(booked)
    # Without a reason: refused beside the box, which stays open; nothing stored, nobody mailed.
    refused = _post(profiled_seeker, booked, "reschedule", "  \r\n ")
    page = refused.content.decode()
    assert refused.status_code == 422
    assert 'id="interview-reschedule" open' in page
    assert 'id="id_ans-text_error"' in page
    assert "日程の変更をお願いする理由と、ご都合のよい日時（いくつか）を入力してください。" in page
    assert _state(booked) == before
    too_long = _post(profiled_seeker, booked, "reschedule", "あ" * 501)
    assert too_long.status_code == 422 and "500文字以内" in too_long.content.decode()
    assert _state(booked) == before

    assert _post(profiled_seeker, booked, "reschedule", REASON).status_code == 302
    interview = Interview.objects.get(application=booked)
    assert (interview.answer, interview.answer_text) == ("reschedule", REASON)
    note = ApplicationEvent.objects.filter(application=booked).latest("pk").note
    assert note == f"面接（{interview.when_display}）の日程の変更をお願いしました：{REASON}"
    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert "面接の日程の変更の依頼がありました" in str(mails[0]["Subject"])
    assert REASON not in text_of(mails[0])  # her words are read behind the login

    theirs = page_of(employer, f"/applicants/{booked.pk}/")
    box = _box(theirs)
    assert "<strong>日程変更の依頼あり</strong>" in box and REASON in box
    # The date's fold opens: what she asks for is a new date.
    assert 'id="interview-edit" open' in theirs
    listed = page_of(employer, "/applicants/")
    assert "日程変更の依頼あり</a>：12月は前職の最終出社日と重なります。" in listed
    # Her page says what she sent, and she may still take the date after all.
    hers = _box(page_of(profiled_seeker, f"/me/applications/{booked.pk}/"))
    assert "日程の変更をお願いしました" in hers and REASON in hers and "この日程で参加します</button>" in hers


def test_a_change_of_the_date_by_the_company_clears_her_answer_and_asks_again(
    booked: Application, profiled_seeker: User, employer: User, starts: dt.datetime
) -> None:
    _answer(profiled_seeker, booked, "reschedule", REASON)
    interview = Interview.objects.get(application=booked)
    new = {
        "starts_at": starts + dt.timedelta(days=3),
        "ends_at": None,
        "format": interview.format,
        "place": interview.place,
        "url": "",
        "notes": interview.notes,
    }
    services.interview_set(user=employer, application=booked, values=new)
    changed = Interview.objects.get(application=booked)
    assert (changed.answer, changed.answer_text, changed.answered_at) == ("", "", None)
    mail = OutboxMessage.objects.filter(to_email=profiled_seeker.email).latest("pk")
    assert "「この日程で参加します」か「日程の変更をお願いする」" in mail.body_text
    theirs = page_of(employer, f"/applicants/{booked.pk}/")
    assert (
        "まだ回答はありません。" in _box(theirs)
        and "日程変更の依頼あり" not in theirs.split('id="history"')[0]
    )
    assert "日程変更の依頼あり" not in page_of(employer, "/applicants/")

    # A save that changes nothing is not news and keeps her answer.
    _answer(profiled_seeker, booked, "attend")
    services.interview_set(user=employer, application=booked, values=new)
    assert Interview.objects.get(application=booked).answer == "attend"
    # A cancel clears it too.
    services.interview_cancel(user=employer, application=booked)
    assert Interview.objects.get(application=booked).answer == ""


def test_an_answer_to_a_date_changed_since_her_page_was_shown_is_refused(
    booked: Application, profiled_seeker: User, employer: User, starts: dt.datetime
) -> None:
    shown = Interview.objects.get(application=booked)
    values = {f: getattr(shown, f) for f in ("starts_at", "ends_at", "format", "place", "url", "notes")}
    services.interview_set(
        user=employer, application=booked, values={**values, "starts_at": starts + dt.timedelta(hours=2)}
    )
    before = _state(booked)
    with pytest.raises(services.SeekerInvalid) as exc:
        services.interview_answer(
            user=profiled_seeker,
            application=booked,
            answer="attend",
            sequence=shown.sequence,
            starts_at=shown.starts_at,
        )
    assert exc.value.errors == {"__all__": [services.STALE_INTERVIEW]}
    # Her page's form from before: the new date is shown with the reason, her words kept to send again.
    response = _post(
        profiled_seeker, booked, "reschedule", REASON, sequence=shown.sequence, starts_at=shown.starts_at
    )
    page = response.content.decode()
    assert response.status_code == 422 and services.STALE_INTERVIEW in _box(page)
    assert REASON in _box(page) and f'value="{Interview.objects.get(application=booked).sequence}"' in _box(
        page
    )
    assert _state(booked) == before


@pytest.mark.parametrize("case", ["cancelled", "held", "under_way", "moved_on"])
def test_an_answer_with_nothing_to_answer_is_refused_in_japanese_and_changes_nothing(
    booked: Application,
    profiled_seeker: User,
    employer: User,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    shown = Interview.objects.get(application=booked)
    expected = {
        "cancelled": "この面接の日程は取り消されたため、回答できません。",
        "held": f"{day_ja(starts)}の面接は済んでいるため、回答できません。",
        "under_way": "面接の開始時刻を過ぎたため、回答できません。",
        "moved_on": "この応募は「不採用」のため、面接の日程には回答できません",
    }[case]
    if case == "cancelled":
        services.interview_cancel(user=employer, application=booked)
    elif case == "moved_on":
        services.application_move(user=employer, application=booked, to_status="rejected")
    else:
        move_now(monkeypatch, starts, "after" if case == "held" else "under_way")
    before = _state(booked)
    with pytest.raises(services.SeekerInvalid) as exc:
        services.interview_answer(
            user=profiled_seeker,
            application=booked,
            answer="attend",
            sequence=shown.sequence,
            starts_at=shown.starts_at,
        )
    assert expected in exc.value.errors["__all__"][0]
    # The page offers no answer then; a tab opened before gets the reason at the top of her page.
    assert 'id="interview-answer"' not in page_of(profiled_seeker, f"/me/applications/{booked.pk}/")
    browser = client_of(profiled_seeker)
    response = browser.post(
        f"/me/applications/{booked.pk}/interview/answer/",
        {
            "ans-answer": "attend",
            "ans-sequence": shown.sequence,
            "ans-starts_at": shown.starts_at.isoformat(),
        },
    )
    assert response.status_code == 302
    assert expected in browser.get(response["Location"]).content.decode()
    api = client_of(profiled_seeker).post(
        f"/api/v1/me/applications/{booked.pk}/interview/answer",
        {"answer": "attend", "sequence": shown.sequence, "starts_at": shown.starts_at.isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and expected in api.json()["errors"]["__all__"][0]
    assert _state(booked) == before


def test_nobody_else_may_answer_her_interview(
    booked: Application, other_seeker: User, employer: User, other_employer: User
) -> None:
    shown = Interview.objects.get(application=booked)
    before = _state(booked)
    for user in (other_seeker, employer):
        with pytest.raises(PermissionDenied):
            services.interview_answer(
                user=user,
                application=booked,
                answer="attend",
                sequence=shown.sequence,
                starts_at=shown.starts_at,
            )
    # Another seeker: the 404 of an application that does not exist, on the page and in the API.
    assert _post(other_seeker, booked, "attend").status_code == 404
    body = {"answer": "attend", "sequence": shown.sequence, "starts_at": shown.starts_at.isoformat()}
    url = f"/api/v1/me/applications/{booked.pk}/interview/answer"
    assert client_of(other_seeker).post(url, body, content_type="application/json").status_code == 404
    # A company's account is not a seeker's.
    assert client_of(employer).post(url, body, content_type="application/json").status_code == 403
    assert _state(booked) == before
    # Another company does not see her answer either.
    _answer(booked.applicant, booked, "reschedule", REASON)
    assert client_of(other_employer).get(f"/applicants/{booked.pk}/").status_code == 404
    assert client_of(other_employer).get(f"/api/v1/employer/applications/{booked.pk}").status_code == 404
    assert REASON not in client_of(other_employer).get("/applicants/").content.decode()


def test_the_api_answers_and_both_sides_read_the_answer(
    booked: Application, profiled_seeker: User, employer: User
) -> None:
    seeker = client_of(profiled_seeker)
    mailed = OutboxMessage.objects.filter(to_email=employer.email).count()
    url = f"/api/v1/me/applications/{booked.pk}/interview/answer"
    shown = seeker.get(f"/api/v1/me/applications/{booked.pk}").json()["interview"]
    assert shown["answer"] is None
    seen = {"sequence": shown["sequence"], "starts_at": shown["starts_at"]}
    missing = seeker.post(url, {"answer": "reschedule", **seen}, content_type="application/json")
    assert missing.status_code == 422 and "ご都合のよい日時" in missing.json()["errors"]["text"][0]
    stale = seeker.post(
        url,
        {"answer": "attend", "sequence": shown["sequence"] + 1, "starts_at": shown["starts_at"]},
        content_type="application/json",
    )
    assert stale.status_code == 422 and stale.json()["errors"]["__all__"] == [services.STALE_INTERVIEW]
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == mailed

    done = seeker.post(url, {"answer": "reschedule", "text": REASON, **seen}, content_type="application/json")
    assert done.status_code == 200
    answer = done.json()["interview"]["answer"]
    assert (answer["answer"], answer["label"], answer["text"]) == ("reschedule", "日程変更の依頼あり", REASON)
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == mailed + 1
    theirs = client_of(employer).get(f"/api/v1/employer/applications/{booked.pk}").json()
    assert theirs["interview"]["answer"]["text"] == REASON
    assert theirs["timeline"][-1]["note"].endswith(REASON)
    # What she wrote is in her マイデータ too.
    exported = mydata.mydata_export(user=profiled_seeker)["applications"][0]["interview"]
    assert (exported["answer"], exported["answer_text"]) == ("日程の変更をお願いする", REASON)
