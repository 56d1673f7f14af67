"""She answers her 推薦's interview date (ADR 0154), as she does a direct application's (ADR 0140): her proposal page and
the API have 「この日程で参加します」 and 「日程の変更をお願いする」 (with her reason and the dates that suit her). The
answer goes to her キャリアアドバイザー — one mail each, read here from a real SMTP server — and is a 経過 entry and an
audit line by her; the company is not mailed (the agency relays, ADR 0105) and its page and API never carry her words.
Any change of the date clears the answer; a form from before a change, a date called off, held or begun, someone else's
推薦 and a company are refused in Japanese with nothing stored and nobody mailed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bonavi.accounts.models import Role, User
from bonavi.agents import interviews
from bonavi.agents.models import AuditEvent, Referral, ReferralInterview, StageEvent
from bonavi.agents.tests.factories import interview_values, register
from bonavi.core import clock
from bonavi.core.tests.interview_time import client_of, day_ja, move_now, page_of
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db

REASON = "12月は前職の最終出社日と重なります。翌週の月曜・火曜の午後でしたら伺えます。"


def _interview(referral: Referral) -> ReferralInterview:
    return ReferralInterview.objects.get(referral=referral, stage=referral.stage)


def _post(user: User, referral: Referral, answer: str, text: str = "", **seen: Any) -> Any:
    interview = _interview(referral)
    data = {
        "ans-answer": answer,
        "ans-text": text,
        "ans-sequence": str(seen.get("sequence", interview.sequence)),
        "ans-starts_at": seen.get("starts_at", interview.starts_at).isoformat(),
    }
    return client_of(user).post(f"/me/proposals/{referral.proposal_id}/interview/answer/", data)


def _answer(user: User, referral: Referral, answer: str, text: str = "") -> ReferralInterview:
    interview = _interview(referral)
    return interviews.referral_interview_answer(
        user=user,
        referral=referral,
        answer=answer,
        text=text,
        sequence=interview.sequence,
        starts_at=interview.starts_at,
    )


def _state(referral: Referral) -> tuple[Any, ...]:
    interview = _interview(referral)
    return (
        interview.answer,
        interview.answer_text,
        interview.answered_at,
        StageEvent.objects.filter(referral=referral).count(),
        AuditEvent.objects.count(),
        OutboxMessage.objects.count(),
    )


def _mails(inbox: Inbox, count: int) -> list[Any]:
    """The mails queued since the last call, sent now through the SMTP server (quiet hours skipped); waits for one
    more than expected, so a second mail would show."""
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    mails = inbox.wait_for(count + 1, timeout=1.0)
    inbox.clear()
    return mails


def _box(page: str) -> str:
    return page.split('id="interview-answer"', 1)[1].split("</section>", 1)[0]


def _my_page(seeker: User, referral: Referral) -> str:
    return page_of(seeker, f"/me/proposals/{referral.proposal_id}/")


def test_she_attends_on_her_page_and_her_adviser_alone_is_mailed_once(
    booked_first: Referral, seeker: User, employer: User, setup: Any, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    _mails(smtp_inbox, 99)
    box = _box(_my_page(seeker, booked_first))
    assert "この日程で参加します" in box and "日程の変更をお願いする" in box
    assert 'name="ans-sequence"' in box

    response = _post(seeker, booked_first, "attend")
    assert response.status_code == 302
    interview = _interview(booked_first)
    assert interview.answer == "attend" and interview.answer_text == ""
    assert interview.answered_at is not None
    event = StageEvent.objects.filter(referral=booked_first).last()
    assert event is not None and event.step_display == "面接日程への回答"
    assert event.actor == seeker
    assert event.note.startswith(
        f"ご本人が1次面接（{starts.year}年{day_ja(starts)}14:00〜）に「この日程で参加します」"
    )
    # Her audit trail names the job with its company (ADR 0131), her as the one who did it.
    line = AuditEvent.objects.filter(candidate=booked_first.proposal.candidate).first()
    assert line is not None and line.actor == seeker
    assert "ご本人が「" in line.detail and "株式会社テスト商事" in line.detail
    assert "「この日程で参加します」と回答しました" in line.detail

    mails = _mails(smtp_inbox, 1)
    assert [m["To"] for m in mails] == [setup.ca.email]
    assert "参加の回答" in str(mails[0]["Subject"])
    assert "「この日程で参加します」と回答しました" in text_of(mails[0])
    assert f"#r{booked_first.pk}-interview" in text_of(mails[0])

    page = _my_page(seeker, booked_first)
    assert "「この日程で参加します」と回答しました（" in _box(page)
    assert 'id="interview-attend"' not in _box(page)  # only the change is offered now
    # A double press: nothing more stored, nobody mailed.
    before = _state(booked_first)
    assert _post(seeker, booked_first, "attend").status_code == 302
    assert _state(booked_first) == before
    assert _mails(smtp_inbox, 0) == []

    adviser = page_of(setup.ca, f"/agent/candidates/{booked_first.proposal.candidate_id}/")
    assert "ご本人の回答：参加予定（回答済み）" in adviser


def test_she_asks_for_another_date_her_words_reach_her_adviser_not_the_company(
    booked_first: Referral, seeker: User, employer: User, setup: Any, smtp_inbox: Inbox
) -> None:
    _mails(smtp_inbox, 99)
    before = _state(booked_first)
    refused = _post(seeker, booked_first, "reschedule", "")
    assert refused.status_code == 422
    assert "理由と、ご都合のよい日時（いくつか）を入力してください。" in _box(refused.content.decode())
    assert _state(booked_first) == before

    assert _post(seeker, booked_first, "reschedule", REASON).status_code == 302
    interview = _interview(booked_first)
    assert (interview.answer, interview.answer_text) == ("reschedule", REASON)
    assert REASON in _box(_my_page(seeker, booked_first))

    mails = _mails(smtp_inbox, 1)
    assert [m["To"] for m in mails] == [setup.ca.email]
    assert "日程の変更の依頼" in str(mails[0]["Subject"])
    assert REASON not in text_of(mails[0])  # her words stay behind the login (ADR 0044)

    adviser = page_of(setup.ca, f"/agent/candidates/{booked_first.proposal.candidate_id}/")
    assert "ご本人の回答：日程変更の依頼あり" in adviser and REASON in adviser
    company = page_of(employer, f"/agent/employer/referrals/{booked_first.pk}/")
    assert "日程の変更をお願いしました" in company  # the 経過 says she asked …
    assert REASON not in company  # … her words are for her adviser, who relays


def test_the_apis_carry_the_answer_as_the_direct_ones_do(
    booked_first: Referral, seeker: User, employer: User, setup: Any
) -> None:
    me = client_of(seeker)
    mine = next(p for p in me.get("/api/v1/agent/me/proposals").json() if p["id"] == booked_first.proposal_id)
    assert mine["interview"]["answer"] is None
    url = f"/api/v1/agent/me/proposals/{booked_first.proposal_id}/interview/answer"
    body = {
        "answer": "reschedule",
        "text": REASON,
        "sequence": mine["interview"]["sequence"],
        "starts_at": mine["interview"]["starts_at"],
    }
    empty = me.post(url, {**body, "text": ""}, content_type="application/json")
    assert empty.status_code == 422 and "text" in empty.json()["errors"]
    done = me.post(url, body, content_type="application/json")
    assert done.status_code == 200
    answer = done.json()["interview"]["answer"]
    assert answer["answer"] == "reschedule" and answer["label"] == "日程変更の依頼あり"
    assert answer["text"] == REASON and answer["answered_at"]
    mine = next(p for p in me.get("/api/v1/agent/me/proposals").json() if p["id"] == booked_first.proposal_id)
    assert mine["interview"]["answer"]["label"] == "日程変更の依頼あり"

    # The company's own save of the same date (no change, the answer stands) reads the answer without her words.
    interview = _interview(booked_first)
    put = client_of(employer).put(
        f"/api/v1/agent/referrals/{booked_first.pk}/interview",
        {"starts_at": interview.starts_at.isoformat(), "format": "online", "url": interview.url},
        content_type="application/json",
    )
    assert put.status_code == 200
    assert put.json()["answer"]["label"] == "日程変更の依頼あり" and put.json()["answer"]["text"] == ""
    # Her adviser's save reads them.
    staff = client_of(setup.ca).put(
        f"/api/v1/agent/referrals/{booked_first.pk}/interview",
        {"starts_at": interview.starts_at.isoformat(), "format": "online", "url": interview.url},
        content_type="application/json",
    )
    assert staff.status_code == 200 and staff.json()["answer"]["text"] == REASON


def test_a_form_from_before_a_change_is_refused_by_name_nothing_stored_nobody_mailed(
    booked_first: Referral, seeker: User, employer: User, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    old = _interview(booked_first)
    interviews.referral_interview_set(
        user=employer, referral=booked_first, values=interview_values(starts + dt.timedelta(days=1))
    )
    _mails(smtp_inbox, 99)
    before = _state(booked_first)
    response = _post(seeker, booked_first, "attend", sequence=old.sequence, starts_at=old.starts_at)
    assert response.status_code == 422
    box = _box(response.content.decode())
    assert interviews.STALE_ANSWER in box
    assert "面接の日程が変更されました。" in box
    # The form shown again carries the date as it is now, so it can be sent for it.
    assert f'value="{_interview(booked_first).sequence}"' in box
    assert _state(booked_first) == before
    assert _mails(smtp_inbox, 0) == []
    api = client_of(seeker).post(
        f"/api/v1/agent/me/proposals/{booked_first.proposal_id}/interview/answer",
        {"answer": "attend", "sequence": old.sequence, "starts_at": old.starts_at.isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["detail"] == interviews.STALE_ANSWER
    assert _state(booked_first) == before


def test_a_change_or_a_cancel_clears_her_answer(
    booked_first: Referral, seeker: User, employer: User, setup: Any, starts: dt.datetime
) -> None:
    _answer(seeker, booked_first, "reschedule", REASON)
    # Her adviser moves it (ADR 0105): a new question, asked afresh.
    interviews.referral_interview_set(
        user=setup.ca,
        referral=booked_first,
        values=interview_values(starts + dt.timedelta(days=2)),
        stage="interview1",
    )
    interview = _interview(booked_first)
    assert (interview.answer, interview.answer_text, interview.answered_at) == ("", "", None)
    assert "この日程で参加します" in _box(_my_page(seeker, booked_first))
    _answer(seeker, booked_first, "attend")
    interviews.referral_interview_cancel(user=employer, referral=booked_first)
    assert _interview(booked_first).answer == ""
    assert 'id="interview-answer"' not in _my_page(seeker, booked_first)


@pytest.mark.parametrize("when", ["under_way", "after"])
def test_a_date_begun_or_held_is_not_answered(
    booked_first: Referral, seeker: User, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    move_now(monkeypatch, starts, when)
    assert 'id="interview-answer"' not in _my_page(seeker, booked_first)
    before = _state(booked_first)
    interview = _interview(booked_first)
    response = client_of(seeker).post(
        f"/me/proposals/{booked_first.proposal_id}/interview/answer/",
        {
            "ans-answer": "attend",
            "ans-sequence": interview.sequence,
            "ans-starts_at": interview.starts_at.isoformat(),
        },
        follow=True,
    )
    assert response.redirect_chain[0][1] == 302
    said = response.content.decode()
    assert ("開始時刻を過ぎたため" if when == "under_way" else "済んでいるため、回答できません") in said
    assert _state(booked_first) == before


def test_another_candidate_a_company_and_an_adviser_cannot_answer_for_her(
    booked_first: Referral, seeker: User, employer: User, setup: Any
) -> None:
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    register(setup, other)  # a candidate of the same agency
    before = _state(booked_first)
    for intruder in (other, employer, setup.ca):
        assert _post(intruder, booked_first, "attend").status_code == 404
        api = client_of(intruder).post(
            f"/api/v1/agent/me/proposals/{booked_first.proposal_id}/interview/answer",
            {
                "answer": "attend",
                "sequence": _interview(booked_first).sequence,
                "starts_at": _interview(booked_first).starts_at.isoformat(),
            },
            content_type="application/json",
        )
        assert api.status_code == 404
        with pytest.raises(PermissionDenied):
            _answer(intruder, booked_first, "attend")
    assert _state(booked_first) == before


@pytest.mark.parametrize("how", ["unassigned", "adviser_left"])
def test_with_no_adviser_her_answer_goes_to_her_offices_responsible_once(
    booked_first: Referral, seeker: User, setup: Any, smtp_inbox: Inbox, how: str
) -> None:
    """ADR 0154, addendum s19: with no adviser assigned (or none with a login in use) her answer mailed nobody."""
    candidate = booked_first.proposal.candidate
    if how == "unassigned":
        candidate.advisers.clear()
    else:
        User.objects.filter(pk=setup.ca.pk).update(is_active=False)
    _mails(smtp_inbox, 99)
    told = "株式会社みなとキャリアの職業紹介責任者"
    box = _box(_my_page(seeker, booked_first))
    assert f"参加できるかどうかを、{told}にお伝えください。" in box
    assert f"送ると{told}にメールでお知らせし、職業紹介責任者が企業と調整します。" in box

    interview = _interview(booked_first)
    done = client_of(seeker).post(
        f"/me/proposals/{booked_first.proposal_id}/interview/answer/",
        {
            "ans-answer": "attend",
            "ans-sequence": str(interview.sequence),
            "ans-starts_at": interview.starts_at.isoformat(),
        },
        follow=True,
    )
    assert f"「この日程で参加します」と{told}にお知らせしました。" in done.content.decode()

    mails = _mails(smtp_inbox, 1)
    assert [m["To"] for m in mails] == [setup.boss.email]
    body = text_of(mails[0])
    assert "担当のキャリアアドバイザーが未設定のため、職業紹介責任者の方にお送りしています" in body
    assert f"#r{booked_first.pk}-interview" in body
    # The link opens for them: the 責任者 reads every candidate of the office.
    assert "ご本人の回答：参加予定（回答済み）" in page_of(setup.boss, f"/agent/candidates/{candidate.pk}/")
    # A double press mails nobody.
    assert _post(seeker, booked_first, "attend").status_code == 302
    assert _mails(smtp_inbox, 0) == []
