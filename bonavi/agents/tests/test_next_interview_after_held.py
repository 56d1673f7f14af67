"""What the company and the agency may do with a 推薦's interview that is over (ADR 0123, s15). A held 1次面接
(InterviewBase.is_held) still offered 「1次面接の日程を変更・取り消す」 on the company's referral page and 「変更する」
with 「面接の日程を取り消す」 on the adviser's card, and the services accepted both, mailing 「新しい日程が決まると、改めて
お知らせします」 of a meeting that had taken place. A 2次・最終面接 is a stage of its own with its own interview, so
now the held stage's fold says how the next one is set (move the stage, then its date), the services refuse a
change or cancel of the held one in words that say so (nothing changes, nobody is mailed), and the next stage's
date, once moved there, is set and mailed once. Time is moved on with core.clock.now, as the pages read it."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews, services
from bonavi.agents.models import Referral, ReferralInterview, StageEvent
from bonavi.agents.tests.factories import interview_values
from bonavi.core.tests.interview_time import client_of, day_ja, move_now, page_of
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _fold(page: str, marker: str) -> str:
    return page.split(marker, 1)[1].split("</details>", 1)[0]


def test_the_company_page_says_how_the_next_interview_is_set_and_offers_no_cancel(
    employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = f"/agent/employer/referrals/{booked_first.pk}/"
    move_now(monkeypatch, starts, "before")
    ahead = _fold(page_of(employer, path), 'id="interview-edit"')
    assert "<summary>1次面接の日程を変更・取り消す</summary>" in ahead and 'id="interview-cancel"' in ahead

    move_now(monkeypatch, starts, "after")
    page = page_of(employer, path)
    fold = _fold(page, 'id="interview-edit"')
    assert "<summary>次の面接の日程を決める</summary>" in fold
    assert f"1次面接（{day_ja(starts)}）は済んでいます。" in fold
    assert "次の面接は、選考状況を「2次面接」か「最終面接」に進めてから、その日程を設定してください。" in fold
    assert 'href="#move"' in fold
    # Nothing that would change or call off the held one, anywhere on the page.
    assert 'id="interview-form"' not in page and 'id="interview-cancel"' not in page
    assert "面接の日程を取り消す" not in page and "日程を変更" not in page


def test_the_advisers_card_says_the_same(
    setup, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = f"/agent/candidates/{booked_first.proposal.candidate_id}/"
    cancel = f"/agent/referrals/{booked_first.pk}/interview/cancel/"
    move_now(monkeypatch, starts, "before")
    assert cancel in page_of(setup.ca, path)

    move_now(monkeypatch, starts, "after")
    page = page_of(setup.ca, path)
    fold = _fold(page, f'id="r{booked_first.pk}-interview-next"')
    assert "<summary>次の面接の日程を決める</summary>" in fold
    assert f"1次面接（{day_ja(starts)}）は済んでいます。" in fold
    assert "選考状況を「2次面接」か「最終面接」に進めてから" in fold
    assert cancel not in page
    # The one form left posting to the date's URL is the 再面接's (again=1), a new interview (ADR 0131).
    forms = page.split(f'action="/agent/referrals/{booked_first.pk}/interview/"')[1:]
    assert len(forms) == 1 and '<input type="hidden" name="again" value="1">' in forms[0].split("</form>")[0]


@pytest.mark.parametrize("by", ["company", "agency"])
@pytest.mark.parametrize("action", ["cancel", "change"])
def test_a_held_interview_is_neither_cancelled_nor_changed_nothing_changes_nobody_is_mailed(
    employer: User,
    setup,
    booked_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    by: str,
    action: str,
) -> None:
    user = employer if by == "company" else setup.ca
    held = ReferralInterview.objects.get(referral=booked_first)
    move_now(monkeypatch, starts, "after")
    events, mails = StageEvent.objects.filter(referral=booked_first).count(), OutboxMessage.objects.count()

    with pytest.raises(services.AgentError) as refused:
        if action == "cancel":
            interviews.referral_interview_cancel(user=user, referral=booked_first, stage="interview1")
        else:
            later = starts + dt.timedelta(days=3)
            interviews.referral_interview_set(
                user=user, referral=booked_first, values=interview_values(later), stage="interview1"
            )
    assert refused.value.errors["__all__"] == [
        f"1次面接（{day_ja(starts)}）は済んでいるため、日程の変更や取り消しはできません。"
        "次の面接は、選考状況を「2次面接」か「最終面接」に進めてから、その日程を設定してください。"
        "ご本人が来られなかった・もう一度話したいなどで1次面接をもう一度行う場合は、"
        "「1次面接をもう一度行う（再面接）」から新しい日程を設定してください。"
    ]

    after = ReferralInterview.objects.get(referral=booked_first)
    assert (after.pk, after.starts_at, after.cancelled_at, after.sequence) == (
        held.pk,
        held.starts_at,
        None,
        held.sequence,
    )
    assert StageEvent.objects.filter(referral=booked_first).count() == events
    assert OutboxMessage.objects.count() == mails


def test_the_company_pages_post_is_refused_in_the_same_words(
    employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab opened before the day: its 取り消す post is refused with the reason, nothing sent."""
    move_now(monkeypatch, starts, "after")
    mails = OutboxMessage.objects.count()
    posted = client_of(employer).post(
        f"/agent/employer/referrals/{booked_first.pk}/interview/cancel/", {"stage": "interview1"}, follow=True
    )
    assert "は済んでいるため、日程の変更や取り消しはできません。" in posted.content.decode()
    assert ReferralInterview.objects.get(referral=booked_first).cancelled_at is None
    assert OutboxMessage.objects.count() == mails


def test_after_the_move_to_the_next_stage_its_date_is_set_and_mailed_once(
    employer: User,
    seeker: User,
    setup,
    booked_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    move_now(monkeypatch, starts, "after")
    services.referral_move(user=employer, referral=booked_first, to_stage="interview2")
    booked_first.refresh_from_db()
    before = {u.email: OutboxMessage.objects.filter(to_email=u.email).count() for u in (seeker, setup.ca)}

    second = starts + dt.timedelta(days=7)
    booked = interviews.referral_interview_set(
        user=employer, referral=booked_first, values=interview_values(second), stage="interview2"
    )
    assert booked.stage == "interview2" and booked.news == "set" and booked.starts_at == second
    # The held 1次 is as it was: its own row, not cancelled.
    first = ReferralInterview.objects.get(referral=booked_first, stage="interview1")
    assert first.starts_at == starts and first.cancelled_at is None
    for user in (seeker, setup.ca):
        new = list(OutboxMessage.objects.filter(to_email=user.email).order_by("pk"))[before[user.email] :]
        assert len(new) == 1 and new[0].subject.startswith("【BOナビ】2次面接：面接の日程のお知らせ")
        assert "新しい日程が決まると" not in new[0].body_text

    # The page shows the 2次's date as booked, to change or call off.
    fold = _fold(page_of(employer, f"/agent/employer/referrals/{booked_first.pk}/"), 'id="interview-edit"')
    assert "<summary>2次面接の日程を変更・取り消す</summary>" in fold and 'id="interview-cancel"' in fold
