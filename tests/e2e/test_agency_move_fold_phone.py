"""A 推薦's 選考状況 with the keyboard alone (ADR 0160 addendum, s22): from 「次の状況」 to 「更新する」 on the employer's
推薦 page, and from 「選考状況」 to 「選考状況を記録」 on the adviser's card, at 1280×900 with JavaScript and at 390×844
without. The employer's 内定 part (回答期限 and 内定時の労働条件) is folded: 3 stops (連絡事項, the fold, the button),
where it was 18. 内定 sent without its 入社予定日 comes back with the part open and the focus in that box; she types
the date and sends it again, keys only. The adviser's card, whose 内定 part was folded already, stays at 3.

The agency's move forms hold no interview-date boxes (the date has its own form, after the move form on the employer's
page and before it on the card), so there is no 面接の日程 to fold between the select and the button there."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bonavi.agents import services
from bonavi.agents.models import Referral, Stage
from tests.e2e.helpers import log_in
from tests.e2e.test_keyboard_walk import ARTIFACTS, Walk

pytestmark = pytest.mark.browser

HEIGHT = "Math.round(document.querySelector('#move-offer').getBoundingClientRect().height)"
VARIANTS = [(1280, 900, True), (390, 844, False)]


def _walk(new_page: Any, shot: Any, width: int, height: int, js: bool, who: str) -> Walk:
    label = f"agency-{who}-{'desktop' if js else 'phone-nojs'}"
    phone = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    return Walk(new_page(width, height, java_script_enabled=js, **phone), shot, label, js=js)


def _employer_walk(w: Walk, base: str, referral: Referral, email: str, password: str) -> dict[str, int]:
    """Walks the employer's page; returns the 内定 part's height folded and open (px)."""
    page = w.page
    log_in(page, base, email, password)
    page.goto(f"{base}/agent/employer/referrals/{referral.pk}/")  # the last goto: keys only from here
    w.start("ページの上→次の状況")
    w.tab_to("次の状況")
    # 2次面接, 最終面接, 内定, 不採用 after the empty choice: the arrows choose 内定 without opening the list.
    for _ in range(3):
        w.key("ArrowDown")
    assert page.evaluate("document.activeElement.value") == Stage.OFFER
    w.start("次の状況（内定）→更新する")
    w.tab_to("更新する", exact=True)
    # 連絡事項, the folded 内定 part, 更新する: its 回答期限 and terms were 15 more (ADR 0160 addendum).
    assert w.counts[w.task] == 3, w.trails[w.task]
    assert not page.locator("#move input[name=start_on]").is_visible()
    w.snap("move-folded")
    heights = {"folded": int(page.evaluate(HEIGHT))}
    w.key("Enter", nav=True)
    # Refused for its 入社予定日: the part comes back open, the focus in the box named by the reason.
    assert page.locator("#move-offer").get_attribute("open") is not None
    assert page.evaluate("document.activeElement.name") == "start_on"
    assert "入社予定日を入力してください" in page.inner_text("#move")
    w.snap("offer-refused")
    heights["open"] = int(page.evaluate(HEIGHT))
    start = dt.date.today() + dt.timedelta(days=40)
    # The box's parts follow the browser's own language (Chromium's en-US here: month, day, year), not the page's.
    page.keyboard.type(f"{start:%m%d%Y}")
    assert page.locator("#move input[name=start_on]").input_value() == start.isoformat()
    w.start("入社予定日→更新する")
    w.tab_to("更新する", exact=True)
    w.key("Enter", nav=True)
    assert "選考状況を更新しました" in page.inner_text("main")
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER and referral.offer_terms is not None
    return heights


def _adviser_walk(w: Walk, base: str, referral: Referral, email: str, password: str) -> None:
    page = w.page
    log_in(page, base, email, password)
    page.goto(f"{base}/agent/candidates/{referral.proposal.candidate_id}/")
    w.start("このページの内容→提案と選考")
    w.tab_to("提案と選考")
    w.key("Enter")
    w.start("提案と選考→選考状況")
    w.tab_to("選考状況")
    assert page.evaluate("document.activeElement.name") == "to_stage"
    w.start("選考状況→選考状況を記録")
    w.tab_to("選考状況を記録")
    # The folded 内定 part, 連絡事項, the button: folded already (ADR 0112), kept so.
    assert w.counts[w.task] == 3, w.trails[w.task]
    w.snap("card-move")


@pytest.mark.parametrize(("width", "height", "js"), VARIANTS, ids=["desktop", "phone-nojs"])
def test_a_referral_moves_with_the_keyboard_past_the_folded_offer_part(
    live_server, new_page, shot, agency_world, width: int, height: int, js: bool
) -> None:
    from bonavi.agents.tests.factories import refer, register

    wd = agency_world
    setup, employer = wd["setup"], wd["employer"]
    referral = refer(setup, register(setup, wd["seeker"]), wd["order"].posting_id)
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    adviser = _walk(new_page, shot, width, height, js, "adviser")
    _adviser_walk(adviser, live_server.url, referral, setup.ca.email, wd["password"])
    company = _walk(new_page, shot, width, height, js, "employer")
    heights = _employer_walk(company, live_server.url, referral, employer.email, wd["password"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"keyboard-walk-{company.label}.json").write_text(
        json.dumps(
            {
                "counts": {"adviser": adviser.counts, "employer": company.counts},
                "offer_part_px": heights,
                "trails": {**adviser.trails, **company.trails},
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    found = adviser.found + company.found
    assert not found, "\n".join(found)
