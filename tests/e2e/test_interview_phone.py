"""面接の日程 on a 390 px phone (ADR 0102): the company's 採用担当 moves an application to 面接 with its date and
place, the applicant sees it first on their page and downloads the .ics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bonavi.core import clock

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_employer_sets_the_interview_seeker_sees_it_and_downloads_the_ics(
    live_server, new_page, shot, transactional_db
) -> None:
    hr, seeker, application = direct_application(PASSWORD)
    day = clock.today_jst() + dt.timedelta(days=5)

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, hr.email, PASSWORD)
    theirs.goto(f"{live_server.url}/applicants/{application.pk}/")
    theirs.get_by_label("次の状況").select_option("interview")
    theirs.locator("#move-interview > summary").click()  # folded until wanted (ADR 0160 addendum)
    # A past date first: refused beside the field, nothing moved.
    theirs.locator("#id_iv-starts_at").fill(f"{day - dt.timedelta(days=10):%Y-%m-%d}T14:00")
    theirs.locator("#id_iv-place").fill("東京都新宿区1-1 さくらビル3階 受付")
    theirs.get_by_role("button", name="更新する").click()
    theirs.wait_for_load_state()
    assert "面接の開始日時が過ぎています" in theirs.locator("#field-iv-starts_at").inner_text()
    # The reason is also at the top of the long page, linked to its field (ADR 0140).
    summary = theirs.locator("#form-errors")
    assert "面接の開始日時が過ぎています" in summary.inner_text()
    summary.get_by_role("link", name="開始日時").click()
    assert theirs.evaluate("document.activeElement.id") == "id_iv-starts_at"
    shot(theirs, "interview-employer-refused-phone")
    theirs.locator("#id_iv-starts_at").fill(f"{day:%Y-%m-%d}T14:00")
    theirs.locator("#id_iv-ends_at").fill(f"{day:%Y-%m-%d}T15:00")
    theirs.locator("#id_iv-notes").fill("筆記用具をお持ちください。")
    theirs.get_by_role("button", name="更新する").click()
    theirs.wait_for_load_state()
    assert "選考状況を更新し" in theirs.locator(".messages").inner_text()
    assert "14:00〜15:00" in theirs.locator("#interview").inner_text()
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    shot(theirs, "interview-employer-set-phone")

    mine = new_page(390, 844, accept_downloads=True)
    log_in(mine, live_server.url, seeker.email, PASSWORD)
    mine.goto(f"{live_server.url}/me/applications/{application.pk}/")
    card = mine.locator("#interview")
    text = card.inner_text()
    assert f"{day.month}月{day.day}日" in text and "14:00〜15:00" in text and "さくらビル3階" in text
    assert "筆記用具" in text
    # The interview comes before the timeline: the first thing under the posting's name.
    assert mine.evaluate(
        "document.querySelector('#interview').compareDocumentPosition(document.querySelector('.timeline')) & 4"
    )
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "interview-seeker-phone")
    with mine.expect_download() as info:
        card.get_by_role("link", name="カレンダーに追加（.ics）").click()
    download = info.value
    assert download.suggested_filename == f"interview-{application.pk}.ics"
    body = Path(download.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in body and f"DTSTART:{day:%Y%m%d}T050000Z" in body and "SEQUENCE:0" in body

    # She cannot come that day: she asks for another date under the card (ADR 0140), with scripts as they are.
    answer = mine.locator("#interview-answer")
    assert answer.get_by_role("button", name="この日程で参加します").is_visible()
    answer.locator("summary", has_text="日程の変更をお願いする").click()
    answer.get_by_label("変更をお願いする理由と、ご都合のよい日時").fill(
        "その日は前職の出社日です。翌週の午後なら伺えます。"
    )
    answer.get_by_role("button", name="日程の変更をお願いする").click()
    mine.wait_for_load_state()
    assert "日程の変更のお願いを採用担当にお知らせしました" in mine.locator(".messages").inner_text()
    assert "翌週の午後なら伺えます" in mine.locator("#interview-answer").inner_text()
    # The thread follows at once, not after her documents.
    assert mine.evaluate(
        "document.querySelector('#interview-answer').compareDocumentPosition(document.querySelector('#messages')) & 4"
    )
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "interview-seeker-asked-another-date-phone")

    theirs.goto(f"{live_server.url}/applicants/{application.pk}/")
    told = theirs.locator("#interview-answer")
    assert "日程変更の依頼あり" in told.inner_text() and "翌週の午後なら伺えます" in told.inner_text()
    theirs.goto(f"{live_server.url}/applicants/")
    assert "日程変更の依頼あり" in theirs.locator(".cards").inner_text()
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390


def test_employer_sets_a_referral_interview_candidate_sees_it(
    live_server, new_page, shot, agency_world
) -> None:
    from bonavi.agents import services as agent_services
    from bonavi.agents.models import Stage
    from bonavi.agents.tests.factories import refer, register

    w = agency_world
    candidate = register(w["setup"], w["seeker"])
    referral = refer(w["setup"], candidate, w["order"].posting_id)
    agent_services.referral_move(user=w["employer"], referral=referral, to_stage=Stage.INTERVIEW1)
    day = clock.today_jst() + dt.timedelta(days=4)

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, w["employer"].email, w["password"])
    theirs.goto(f"{live_server.url}/agent/employer/referrals/{referral.pk}/")
    form = theirs.locator("#interview-form")
    form.locator("#id_sched-starts_at").fill(f"{day:%Y-%m-%d}T10:00")
    form.get_by_role("radio", name="オンライン").check()
    form.locator("#id_sched-url").fill("https://meet.example.com/minato-1")
    form.get_by_role("button", name="日程を保存する").click()
    theirs.wait_for_load_state()
    assert "10:00〜" in theirs.locator("#interview").inner_text()
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    shot(theirs, "interview-referral-employer-phone")

    mine = new_page(390, 844)
    log_in(mine, live_server.url, w["seeker"].email, w["password"])
    mine.goto(f"{live_server.url}/me/proposals/{referral.proposal_id}/")
    card = mine.locator("#interview")
    assert "1次面接の日程" in card.inner_text() and "https://meet.example.com/minato-1" in card.inner_text()
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    card.scroll_into_view_if_needed()
    shot(mine, "interview-referral-candidate-phone", full_page=False)


def test_the_adviser_sets_the_referral_interview_from_the_candidate_page(
    live_server, new_page, shot, agency_world
) -> None:
    """日程調整 (ADR 0105): the adviser enters the date agreed with the company on the referral's card, at 390 px."""
    from bonavi.agents import services as agent_services
    from bonavi.agents.models import Stage
    from bonavi.agents.tests.factories import refer, register

    w = agency_world
    candidate = register(w["setup"], w["seeker"])
    referral = refer(w["setup"], candidate, w["order"].posting_id)
    agent_services.referral_move(user=w["employer"], referral=referral, to_stage=Stage.INTERVIEW1)
    day = clock.today_jst() + dt.timedelta(days=4)

    page = new_page(390, 844)
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    part = page.locator(f"#r{referral.pk}-interview")
    part.locator(f"#r{referral.pk}_sched-starts_at").fill(f"{day:%Y-%m-%d}T10:00")
    part.get_by_role("radio", name="対面").check()
    part.locator(f"#r{referral.pk}_sched-place").fill("東京都港区芝1-2-3 5階受付")
    part.get_by_role("button", name="日程を保存する").click()
    page.wait_for_load_state()
    card = page.locator(f"#r{referral.pk}-interview-card")
    assert "10:00〜" in card.inner_text() and "5階受付" in card.inner_text()
    assert "が面接の日程を設定しました" in page.locator("#proposals").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    part.scroll_into_view_if_needed()
    shot(page, "interview-referral-adviser-phone", full_page=False)
