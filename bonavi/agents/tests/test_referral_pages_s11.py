"""UX review of session 11 (1366 px): the adviser's 選考状況 offers only the next steps and names an interview date
set as such; the employer's referral page folds its interview form, names who to contact at the agency, says an
interview was called off by a move; the 応募者 list gives the interview's date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.agents import interviews, services
from bonavi.agents.models import ReferralInterview, Stage
from bonavi.agents.tests.factories import offer_form
from bonavi.core import clock
from bonavi.core.clock import JST

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(hour), tzinfo=JST)


def _book(referral, employer, days: int = 6) -> ReferralInterview:
    return interviews.referral_interview_set(
        user=employer,
        referral=referral,
        values={
            "starts_at": _at(days),
            "ends_at": None,
            "format": "online",
            "url": "https://meet.example.com/a",
        },
    )


@pytest.fixture
def at_first(referral, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    referral.refresh_from_db()
    return referral


def _stage_options(html: str, referral_pk: int) -> list[tuple[str, bool]]:
    select = re.search(
        rf'<select name="to_stage"[^>]*id="r{referral_pk}_to_stage"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, "no 選考状況 field"
    return [(v, bool(sel)) for v, sel in re.findall(r'<option value="([^"]*)"( selected)?', select.group(1))]


def test_adviser_stage_field_offers_only_the_next_steps_none_chosen(client, setup, at_first):
    client.force_login(setup.ca)
    html = client.get(f"/agent/candidates/{at_first.proposal.candidate_id}/").content.decode()
    options = _stage_options(html, at_first.pk)
    assert [v for v, _ in options] == ["", "interview2", "final", "offer", "rejected", "declined"]
    assert [v for v, selected in options if selected] == [""]  # 推薦 (or any step) is no longer the default


def test_adviser_stage_field_gone_once_the_selection_ended(client, setup, at_first, employer):
    services.referral_move(user=employer, referral=at_first, to_stage=Stage.REJECTED)
    client.force_login(setup.ca)
    html = client.get(f"/agent/candidates/{at_first.proposal.candidate_id}/").content.decode()
    assert f'id="r{at_first.pk}_to_stage"' not in html


def test_adviser_stage_sent_without_a_choice_is_refused_with_a_message(client, setup, at_first):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{at_first.pk}/", {"action": "move", "to_stage": "", "note": "x"})
    assert resp.status_code == 422 and "選考状況を選んでください。" in resp.content.decode()
    at_first.refresh_from_db()
    assert at_first.stage == Stage.INTERVIEW1


def test_history_names_an_interview_date_set_not_stage_to_same_stage(client, setup, at_first, employer):
    interview = _book(at_first, employer)
    interviews.referral_interview_cancel(user=employer, referral=at_first)
    client.force_login(setup.ca)
    html = client.get(f"/agent/candidates/{at_first.proposal.candidate_id}/").content.decode()
    history = html[html.index('aria-label="選考の経過"') :].split("</ol>", 1)[0]
    assert "1次面接 → 1次面接" not in history
    assert "面接日程を設定" in history and "面接日程を取り消し" in history
    assert "推薦 → 1次面接" in history
    assert interview.when_display in history  # the note says when


def test_employer_interview_form_folded_once_a_date_is_set(client, at_first, employer):
    client.force_login(employer)
    url = f"/agent/employer/referrals/{at_first.pk}/"
    html = client.get(url).content.decode()
    assert re.search(r'<details class="card" id="interview-edit" open>', html)  # no date yet: open
    _book(at_first, employer)
    html = client.get(url).content.decode()
    assert '<details class="card" id="interview-edit">' in html  # folded: the card above says the date
    assert "{#" not in html and "comment %}" not in html
    assert html.index('id="interview-edit"') < html.index("送付書類")
    # A refused change comes back open, with its reason.
    refused = client.post(
        f"/agent/employer/referrals/{at_first.pk}/interview/",
        {
            "stage": "interview1",
            "sched-starts_at": f"{_at(-1):%Y-%m-%dT%H:%M}",
            "sched-format": "online",
            "sched-url": "https://x.example",
        },
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert '<details class="card" id="interview-edit" open>' in page and "過ぎています" in page


def test_employer_page_names_the_adviser_and_the_agency_contact(client, setup, at_first, employer):
    client.force_login(employer)
    html = client.get(f"/agent/employer/referrals/{at_first.pk}/").content.decode()
    contact = html[html.index('id="agency-contact"') :].split("</section>", 1)[0]
    assert "佐藤CA" in contact and setup.ca.email in contact
    assert setup.office.phone in contact and setup.agency.name in contact


def test_employer_move_that_calls_off_the_interview_says_so(client, at_first, employer):
    interview = _book(at_first, employer)
    client.force_login(employer)
    resp = client.post(
        f"/agent/employer/referrals/{at_first.pk}/",
        {"to_stage": Stage.OFFER, "note": "", **offer_form(at_first)},
        follow=True,
    )
    html = resp.content.decode()
    assert f"予定していた1次面接（{interview.when_display}）は取り消しました" in html


def test_employer_move_with_no_interview_says_nothing_of_one(client, at_first, employer):
    client.force_login(employer)
    resp = client.post(
        f"/agent/employer/referrals/{at_first.pk}/", {"to_stage": Stage.INTERVIEW2, "note": ""}, follow=True
    )
    html = resp.content.decode()
    assert "選考状況を更新しました" in html and "は取り消しました" not in html


def test_applicants_list_gives_the_interview_date(client, at_first, employer):
    client.force_login(employer)
    assert "面接（1次）" in client.get("/applicants/").content.decode()
    _book(at_first, employer, days=6)
    day = _at(6)
    html = client.get("/applicants/").content.decode()
    assert f"面接（1次・{day.month}月{day.day}日（{clock.weekday_ja(day.date())}）14:00）" in html


def test_applicants_list_queries_stay_flat_with_interviews(client, setup, employer, seeker):
    from bonavi.agents.tests.factories import private_order, refer
    from bonavi.agents.tests.test_today import _candidate
    from bonavi.core.tests.querycount import assert_flat

    def grow() -> None:
        for _ in range(3):
            r = refer(setup, _candidate(setup), private_order(setup, employer.organization).posting_id)
            services.referral_move(user=employer, referral=r, to_stage=Stage.INTERVIEW1)
            r.refresh_from_db()
            _book(r, employer)

    grow()
    client.force_login(employer)
    assert_flat(client, "/applicants/", grow)


def test_the_hearing_button_says_register_only_before_the_first_save(client, setup, seeker):
    """The first save registers her (申込み → 登録済み); afterwards the button only saves the sheet."""
    from bonavi.agents.tests.factories import HEARING

    candidate = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert ">ヒアリングを保存して登録</button>" in page
    services.hearing_save(user=setup.ca, candidate=candidate, data=dict(HEARING))
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert ">ヒアリングシートを保存</button>" in page and "保存して登録" not in page
