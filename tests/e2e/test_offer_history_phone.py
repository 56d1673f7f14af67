"""A 内定's whole history at 390 px (ADR 0155, addendum s20). The company changed the 入社予定日 and its terms twice
before her answer. Her card and the company's page list every earlier value, newest first, each with when it was
replaced. The older terms are folded, so the card stays short and nothing runs off the screen. After her 承諾 she
proposes a new date with a reason, then corrects only the reason from the fold in her 「同意待ち」 box (no JS): the
date stays, and the company's page shows the new words."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core import clock
from bonavi.seekers import services

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"
TERMS = [
    "提示月給：250,000円\n配属先：本社 経理課",
    "提示月給：255,000円\n配属先：本社 経理課",
    "提示月給：255,000円\n配属先：本社 経理課（月次決算チーム）\n試用期間：3か月（条件の変更なし）",
]


def _in_days(days: int) -> dt.date:
    return clock.today_jst() + dt.timedelta(days=days)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_both_sides_read_the_whole_history_and_she_corrects_her_reason(
    live_server, new_page, shot, transactional_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    hr, seeker, application = direct_application(PASSWORD)
    services.application_move(
        user=hr,
        application=application,
        to_status="offer",
        answer_by=_in_days(5),
        start_on=_in_days(40),
        offer_terms=TERMS[0],
    )
    base_moment = clock.now().replace(microsecond=0)
    for hours_ago, start, terms in ((26, _in_days(47), TERMS[1]), (2, _in_days(54), TERMS[2])):
        monkeypatch.setattr(clock, "now", lambda h=hours_ago: base_moment - dt.timedelta(hours=h))
        application.refresh_from_db()
        services.application_offer_change(user=hr, application=application, start_on=start, offer_terms=terms)
    monkeypatch.undo()
    base = live_server.url

    mine = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(mine, base, seeker.email, PASSWORD)
    mine.goto(f"{base}/me/applications/{application.pk}/")
    given = mine.locator("#offer-given")
    start_row = given.locator("div", has_text="入社予定日")
    dates = start_row.locator(".offer-was del").all_inner_texts()
    assert dates == [clock.date_ja(_in_days(47)), clock.date_ja(_in_days(40))]  # newest first
    labels = start_row.locator(".was-label").all_inner_texts()
    assert labels == ["変更前", "その前"]
    assert all("に変更）" in t for t in start_row.locator(".was-when").all_inner_texts())
    # At 390 px each earlier date takes at most two short lines (the struck date, then when), the when never cut.
    for li in start_row.locator(".offer-was").all():
        assert li.bounding_box()["height"] < 3 * 22
        assert li.locator(".was-when").bounding_box()["height"] < 24
    terms_row = given.locator("div", has_text="内定の条件（企業から）")
    assert not terms_row.locator(".offer-older .offer-was").first.is_visible()  # folded
    assert "それ以前の内容（1件）" in terms_row.locator(".offer-older summary").inner_text()
    given.scroll_into_view_if_needed()
    assert _fits(mine)
    shot(mine, "offer-history-hers-phone", full_page=False)
    terms_row.locator(".offer-older summary").click()
    assert terms_row.locator(".offer-older .offer-was").first.is_visible()
    assert "配属先：本社 経理課" in terms_row.locator(".offer-older del").inner_text()
    assert _fits(mine)
    given.screenshot(path=str(_artifact("offer-history-hers-opened-phone")))

    theirs = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(theirs, base, hr.email, PASSWORD)
    theirs.goto(f"{base}/applicants/{application.pk}/")
    facts = theirs.locator("#offer-given")
    assert facts.locator("div", has_text="入社予定日").locator(".offer-was").count() == 2
    assert "これまでの内容を新しい順に並べて" in theirs.locator("#offer-changed").inner_text()
    facts.scroll_into_view_if_needed()
    assert _fits(theirs)
    facts.screenshot(path=str(_artifact("offer-history-company-phone")))

    # Her 承諾, then her proposal of a new date with a reason; she rewords only the reason from its fold.
    services.application_offer_accept(user=seeker, application=application, version=3)
    services.application_start_propose_by_seeker(
        user=seeker, application=application, start_on=_in_days(68), reason="退職交渉が長引いているため"
    )
    mine.goto(f"{base}/me/applications/{application.pk}/")
    box = mine.locator("#start-proposal")
    assert "退職交渉が長引いているため" in box.inner_text()
    assert not mine.locator("#start-reason-form").is_visible()
    box.locator("#start-reason-edit > summary").click()
    field = mine.locator("#start-reason-form textarea")
    assert field.input_value() == "退職交渉が長引いているため"
    field.fill("退職交渉が長引いているため。後任への引き継ぎにあと2週間かかります")
    assert _fits(mine)
    box.screenshot(path=str(_artifact("start-reason-edit-phone")))
    mine.locator("#start-reason-form").get_by_role("button", name="理由を保存する").click()
    mine.wait_for_load_state()
    assert "理由を修正し、企業にメールでお知らせしました" in mine.content()
    assert "後任への引き継ぎにあと2週間かかります" in mine.locator("#start-proposal").inner_text()
    assert clock.date_ja(_in_days(68)) in mine.locator("#start-proposal").inner_text()  # the date stands
    theirs.goto(f"{base}/applicants/{application.pk}/")
    assert "後任への引き継ぎにあと2週間かかります" in theirs.locator("#start-proposal").inner_text()
    assert "理由を修正しました（提案の日付は変わりません）" in theirs.locator("#history").inner_text()


def _artifact(name: str):
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
