"""内定 on a direct application at 390 px (ADR 0126): her page opens with the 内定 card — the posting's 労働条件 and
her answer — not with the called-off interview; she accepts with a tick and the company's page says so. The company's
page of the applicant shows who she is (profile, 書類) on its first screens, its 面接の日程 form folded. The company's
move to 内定 gives her 回答期限, the 入社予定日 and its terms (ADR 0129), which her card shows above the conditions."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.seekers import offers, services

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _top(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + window.scrollY")


def _marker(page, selector: str) -> str:
    """The drawn disclosure marker of a fold's summary (.m-fold): its display:flex drops the browser's own."""
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}), '::before').content")


def test_offer_card_first_accept_and_the_company_sees_it(
    live_server, new_page, shot, transactional_db
) -> None:
    hr, seeker, application = direct_application(PASSWORD, message="簿記2級を活かして働きたいです。")
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=6), dt.time(14), tzinfo=JST)
    services.application_move(
        user=hr,
        application=application,
        to_status="interview",
        interview={"starts_at": starts, "format": "in_person", "place": "本社5階 受付"},
    )
    base = live_server.url

    # The company's page at 面接: who she is on the first screens, the date form folded under the card.
    theirs = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(theirs, base, hr.email, PASSWORD)
    theirs.goto(f"{base}/applicants/{application.pk}/")
    assert _top(theirs, "#profile") < 844
    assert (
        _top(theirs, "#profile")
        < _top(theirs, "#move")
        < _top(theirs, "#interview")
        < _top(theirs, "#messages")
    )
    assert not theirs.locator("#interview-form").is_visible()  # folded: the date is set
    assert "▸" in _marker(theirs, "#interview-edit > summary")  # reads as something to open
    shot(theirs, "applicant-page-top-phone", full_page=False)
    theirs.get_by_text("面接の日程を変更・取り消す").click()
    assert theirs.locator("#interview-form").is_visible()
    assert "▾" in _marker(theirs, "#interview-edit > summary")
    assert theirs.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(theirs, "applicant-page-whole-phone")

    # The company moves her to 内定 on its phone, with her 回答期限, the 入社予定日 and its terms (ADR 0129).
    answer_by = clock.today_jst() + dt.timedelta(days=3)
    start_on = clock.today_jst() + dt.timedelta(days=40)
    move = theirs.locator("#move form")
    move.get_by_label("次の状況").select_option("offer")
    # The 内定 part is folded (a 不採用 does not need its ~550 px); the company opens it to give the three.
    assert not move.get_by_label("回答期限（任意）").is_visible()
    theirs.locator("#move-offer > summary").click()
    move.get_by_label("回答期限（任意）").fill(answer_by.isoformat())
    move.get_by_label("入社予定日（任意）").fill(start_on.isoformat())
    move.get_by_label("内定の条件（任意）").fill("提示月給：250,000円\n配属先：本社 経理課（月次決算チーム）")
    theirs.locator("#move-offer").scroll_into_view_if_needed()
    assert theirs.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(theirs, "applicant-offer-move-phone", full_page=False)
    move.get_by_role("button", name="更新する").click()
    theirs.wait_for_load_state()
    facts = theirs.locator("#offer-facts").inner_text()
    assert f"回答期限：{clock.month_day_ja(answer_by)}まで" in facts and "あと3日" in facts

    # She asked to hold her answer: the company extends the deadline from the fold under it (ADR 0129 addendum).
    assert not theirs.locator("#answer-by-form").is_visible()
    theirs.get_by_text("回答期限を変更する", exact=True).first.click()
    extended = clock.today_jst() + dt.timedelta(days=10)
    theirs.get_by_label("新しい回答期限").fill(extended.isoformat())
    assert theirs.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(theirs, "applicant-offer-deadline-change-phone", full_page=False)
    theirs.locator("#answer-by-form").get_by_role("button", name="回答期限を変更する").click()
    theirs.wait_for_load_state()
    assert "あと10日" in theirs.locator("#offer-facts").inner_text()
    assert f"回答期限を{clock.month_day_ja(answer_by)}から{clock.month_day_ja(extended)}に変更しました" in (
        theirs.locator("#history").inner_text()
    )
    answer_by = extended

    # Her notice period (退職交渉) moves the start: before her answer, the company changes the 入社予定日 from the
    # fold beside the deadline's (ADR 0130); she is mailed, and her card will show the date it was.
    theirs.get_by_text("入社予定日・内定の条件を変更する", exact=True).click()
    moved = start_on + dt.timedelta(days=14)
    change = theirs.locator("#offer-change-form")
    change.get_by_label("入社予定日", exact=True).fill(moved.isoformat())
    assert "配属先：本社 経理課" in change.get_by_label("内定の条件", exact=True).input_value()  # what stands
    assert theirs.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(theirs, "applicant-offer-change-phone", full_page=False)
    change.get_by_role("button", name="内定の内容を変更する").click()
    theirs.wait_for_load_state()
    assert "変更前" in theirs.locator("#offer-facts").inner_text()
    assert offers.start_on_change_note(start_on, moved) in theirs.locator("#history").inner_text()

    mine = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(mine, base, seeker.email, PASSWORD)
    mine.goto(f"{base}/me/applications/{application.pk}/")
    offer = mine.locator("#offer")
    assert "内定が出ました" in offer.inner_text() and "賃金" in offer.inner_text()
    # What came with the 内定, above the posting's conditions: the deadline and days left, then 入社予定日 and terms.
    deadline = mine.locator("#answer-by")
    assert f"回答期限：{clock.month_day_ja(answer_by)}まで" in deadline.inner_text()
    assert "あと10日" in deadline.inner_text()
    assert "配属先：本社 経理課（月次決算チーム）" in mine.locator("#offer-given").inner_text()
    # The change is said above the items, and the 入社予定日 shows the date it was, labelled 「変更前」 (ADR 0130).
    today = clock.today_jst()
    assert (
        f"内定の内容が変更されました（{today.month}月{today.day}日）"
        in mine.locator("#offer-changed").inner_text()
    )
    start_row = mine.locator("#offer-given div", has_text="入社予定日").inner_text()
    assert clock.date_ja(moved) in start_row and f"変更前{clock.date_ja(start_on)}" in start_row.replace(
        "\n", ""
    )
    assert (
        mine.locator("#offer-given del").evaluate("e => getComputedStyle(e).textDecorationLine")
        == "line-through"
    )
    assert _top(mine, "#answer-by") < _top(mine, "#offer-given") < _top(mine, ".offer-terms")
    assert _top(mine, "#answer-by") < 844  # on her first screen
    # Under it, a plain link to the thread with a first line written, hers to change before sending.
    mine.get_by_role("link", name="回答期限について相談する").click()
    mine.wait_for_load_state()
    assert (
        f"回答期限（{clock.month_day_ja(extended)}）について"
        in mine.locator("#messages textarea").input_value()
    )
    shot(mine, "offer-1a-ask-about-deadline-phone", full_page=False)
    mine.goto(f"{base}/me/applications/{application.pk}/")
    # The first card after the application's own is the 内定; the called-off interview is after the 経過.
    assert mine.evaluate("document.querySelectorAll('main .card')[1].id") == "offer"
    assert _top(mine, "#offer") < _top(mine, "#interview")
    assert mine.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert "▾" in _marker(mine, ".offer-terms > summary")  # open until she has answered
    shot(mine, "offer-1-card-phone", full_page=False)
    mine.locator("#offer-given").scroll_into_view_if_needed()
    shot(mine, "offer-1b-card-given-phone", full_page=False)
    answer = mine.locator("#offer-answer")
    answer.scroll_into_view_if_needed()
    shot(mine, "offer-2-answer-phone", full_page=False)
    answer.get_by_label("上の労働条件を確かめ、この内定を承諾します").check()
    answer.get_by_role("button", name="内定を承諾する").click()
    mine.wait_for_load_state()
    assert mine.get_by_text("内定を承諾しました。企業にメールでお知らせしました。").is_visible()
    assert "内定（承諾済み）" in mine.locator("#offer").inner_text()
    assert "▸" in _marker(mine, "#withdraw-fold > summary")  # 辞退 folded, and visibly so
    shot(mine, "offer-3-accepted-phone", full_page=False)
    mine.locator("#withdraw-fold").scroll_into_view_if_needed()
    shot(mine, "offer-4-withdraw-folded-phone", full_page=False)

    theirs.goto(f"{base}/applicants/{application.pk}/")
    assert theirs.locator("#offer-accepted").is_visible()
    assert "辞退（応募者から辞退の連絡を受けた）" in theirs.get_by_label("次の状況").inner_text()
    shot(theirs, "applicant-offer-accepted-phone", full_page=False)
    # Accepted: the terms are agreed. A new 入社予定日 is only proposed, and stands once she agrees (ADR 0130).
    assert "この画面から変更できません" in theirs.locator("#offer-agreed").inner_text()
    theirs.get_by_text("入社予定日の変更を提案する", exact=True).first.click()
    later = moved + dt.timedelta(days=7)
    theirs.get_by_label("提案する入社予定日").fill(later.isoformat())
    # With its 理由 (ADR 0155), which she reads beside her two buttons.
    theirs.get_by_label("理由（任意）").fill("研修日程の都合で、入社日を月初にそろえたいため")
    theirs.locator("#start-proposal-edit-form").get_by_role(
        "button", name="入社予定日の変更を提案する"
    ).click()
    theirs.wait_for_load_state()
    assert "応募者の同意待ち" in theirs.locator("#start-proposal").inner_text()
    mine.goto(f"{base}/me/applications/{application.pk}/")
    proposal = mine.locator("#start-proposal")
    assert f"{clock.date_ja(moved)} → {clock.date_ja(later)}" in proposal.inner_text()
    assert "理由：研修日程の都合で、入社日を月初にそろえたいため" in proposal.inner_text()
    proposal.scroll_into_view_if_needed()
    assert mine.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(mine, "offer-3b-start-proposal-phone", full_page=False)
    proposal.get_by_role("button", name="入社日の変更に同意する").click()
    mine.wait_for_load_state()
    assert mine.get_by_text("入社予定日の変更に同意しました。企業にメールでお知らせしました。").is_visible()
    assert clock.date_ja(later) in mine.locator("#offer-given").inner_text()
    # She proposes a date herself (ADR 0135), from a fold on her card like the company's, and may withdraw it
    # before the company answers.
    mine.locator("#start-proposal-edit > summary").click()
    own = later + dt.timedelta(days=14)
    mine.get_by_label("提案する入社予定日").fill(own.isoformat())
    mine.get_by_label("理由（任意）", exact=True).fill(
        "退職交渉が長引いているため。\n後任への引き継ぎに2週間かかります"
    )
    mine.locator("#start-proposal-edit-form").scroll_into_view_if_needed()
    assert mine.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(mine, "offer-3c0-her-start-proposal-reason-phone", full_page=False)
    mine.locator("#start-proposal-edit-form").get_by_role("button", name="入社予定日の変更を提案する").click()
    mine.wait_for_load_state()
    assert "企業の同意待ち" in mine.locator("#start-proposal").inner_text()
    assert mine.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(mine, "offer-3c-her-start-proposal-phone", full_page=False)
    theirs.goto(f"{base}/applicants/{application.pk}/")
    hers = theirs.locator("#start-proposal")
    assert "応募者から入社予定日の変更の提案があります" in hers.inner_text()
    assert "理由：退職交渉が長引いているため。\n後任への引き継ぎに2週間かかります" in hers.inner_text()
    hers.scroll_into_view_if_needed()
    assert theirs.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(theirs, "applicant-start-proposal-reason-phone", full_page=False)
    mine.locator("#start-proposal").get_by_role("button", name="提案を取り下げる").click()
    mine.wait_for_load_state()
    assert mine.get_by_text("入社予定日の変更の提案を取り下げ、企業にメールでお知らせしました。").is_visible()
    assert clock.date_ja(later) in mine.locator("#offer-given").inner_text()
    theirs.goto(f"{base}/applicants/{application.pk}/")
    theirs.goto(f"{base}/applicants/")
    assert theirs.get_by_text("内定（承諾済み）").is_visible()
    mine.goto(f"{base}/me/applications/")
    assert "回答期限" not in mine.locator("main").inner_text()  # answered: the deadline no longer shows
