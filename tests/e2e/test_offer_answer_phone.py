"""内定 on a direct application at 390 px (ADR 0126): her page opens with the 内定 card — the posting's 労働条件 and
her answer — not with the called-off interview; she accepts with a tick and the company's page says so. The company's
page of the applicant shows who she is (profile, 書類) on its first screens, its 面接の日程 form folded."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.seekers import services

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

    services.application_move(user=hr, application=application, to_status="offer")

    mine = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(mine, base, seeker.email, PASSWORD)
    mine.goto(f"{base}/me/applications/{application.pk}/")
    offer = mine.locator("#offer")
    assert "内定が出ました" in offer.inner_text() and "賃金" in offer.inner_text()
    # The first card after the application's own is the 内定; the called-off interview is after the 経過.
    assert mine.evaluate("document.querySelectorAll('main .card')[1].id") == "offer"
    assert _top(mine, "#offer") < _top(mine, "#interview")
    assert mine.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert "▾" in _marker(mine, ".offer-terms > summary")  # open until she has answered
    shot(mine, "offer-1-card-phone", full_page=False)
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
    theirs.goto(f"{base}/applicants/")
    assert theirs.get_by_text("内定（承諾済み）").is_visible()
