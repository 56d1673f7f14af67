"""The posting form on a phone (demo walk, s14): a follow-up field — 契約期間・更新, 試用期間, 残業時間, 固定残業代,
年齢下限・上限 … — shows only once its box is ticked (or its choice made), by CSS alone; a group with an error or a
value always shows, so nothing typed is hidden. The form was about 7,000 px tall at 390 px with every one of them
open."""

from __future__ import annotations

from tests.e2e.helpers import EMPLOYER_PASSWORD as PASSWORD
from tests.e2e.helpers import log_in, wait_until

HEIGHT = "document.documentElement.scrollHeight"


FOLLOW_UPS = {
    "期間の定めあり（有期契約）": ["契約期間（か月）", "契約期間（日・1か月未満の場合）", "契約更新"],
    "試用期間あり": ["試用期間（か月）", "試用期間中の条件"],
    "時間外労働あり": ["月平均残業時間"],
    "固定残業代あり": ["固定残業代（円）", "固定残業時間（時間分）", "超過分は別途支給"],
    "年齢制限あり": ["年齢下限", "年齢上限", "年齢制限の例外事由", "年齢制限の理由"],
}


def test_follow_up_fields_show_when_their_box_is_ticked(live_server, phone, employer_account, shot) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/new/")
    folded = page.evaluate(HEIGHT)
    shot(page, "posting-form-folded-390")
    for fields in FOLLOW_UPS.values():
        for label in fields:
            assert page.get_by_label(label, exact=True).is_hidden(), label
    # Against the same page with every follow-up shown, in this run (the form's other sections may grow): folding
    # saved about 1,400 px at 390 px when it was made.
    # Shown through the CSSOM: an added <style> is refused by the page's Content-Security-Policy (ADR 0163).
    show = "on => document.querySelectorAll('.follow-ups-details').forEach(d => on ? d.style.setProperty('display', 'block', 'important') : d.style.removeProperty('display'))"
    page.evaluate(show, True)
    unfolded = page.evaluate(HEIGHT)
    page.evaluate(show, False)
    assert page.evaluate(HEIGHT) == folded
    assert folded < unfolded - 1000, (folded, unfolded)

    # Ticked with the keyboard: Space on the box, and the next Tab lands on the field it revealed.
    term = page.get_by_label("期間の定めあり（有期契約）")
    term.focus()
    page.keyboard.press("Space")
    assert term.is_checked() and page.get_by_label("契約期間（か月）").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_contract_months"
    # 更新の基準 and its 上限 only once renewal is possible: not for 「更新なし」
    assert page.get_by_label("更新の基準").is_hidden()
    page.get_by_label("契約更新").select_option("none")
    assert page.get_by_label("更新の基準").is_hidden()
    page.get_by_label("契約更新").select_option("possible")
    assert (
        page.get_by_label("更新の基準").is_visible()
        and page.get_by_label("更新上限（通算期間・回数）").is_visible()
    )

    for box, fields in FOLLOW_UPS.items():
        page.get_by_label(box, exact=True).check()
        for label in fields:
            assert page.get_by_label(label, exact=True).is_visible(), label
    opened = page.evaluate(HEIGHT)
    shot(page, "posting-form-opened-390")
    assert opened > folded + 1200, (folded, opened)
    print(f"posting form at 390 px: {folded} px folded, {opened} px with every follow-up open")

    # Unticked again: folded again.
    page.get_by_label("時間外労働あり").uncheck()
    assert page.get_by_label("月平均残業時間").is_hidden()


def test_a_group_with_an_error_or_a_value_stays_open(live_server, phone, employer_account, shot) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/new/")
    page.get_by_label("年齢制限あり").check()
    page.get_by_label("年齢上限").fill("35")
    page.get_by_label("固定残業代あり").check()
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_selector("#form-errors")
    # Refused: 例外事由 and 固定残業代の金額 are missing, beside their fields, which show.
    assert page.get_by_label("年齢制限の例外事由").is_visible()
    assert page.get_by_label("固定残業代（円）").is_visible()
    # Unticking the box does not hide what was typed or what is wrong.
    page.get_by_label("年齢制限あり").uncheck()
    page.get_by_label("固定残業代あり").uncheck()
    assert page.get_by_label("年齢上限").input_value() == "35" and page.get_by_label("年齢上限").is_visible()
    assert page.get_by_label("固定残業代（円）").is_visible()
    # A summary link still lands on its field.
    page.locator('#form-errors a[href="#id_fixed_overtime_amount"]').click()
    wait_until(page, "location.hash === '#id_fixed_overtime_amount'")
    assert page.get_by_label("固定残業代（円）").is_visible()
    shot(page, "posting-form-refused-groups-open-390")
    # A group untouched stays folded.
    assert page.get_by_label("試用期間（か月）").is_hidden()
