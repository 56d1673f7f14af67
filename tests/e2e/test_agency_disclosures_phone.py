"""The 職業紹介責任者 gives the agency's 業務運営規程 on a 390 px phone (ADR 0116): the workbench says it is missing,
the settings page refuses an empty one beside the field (focused, the rest of what was typed kept), then saves it;
the public page shows it under its own heading, reached from the list at the top, folded until tapped (ADR 0134),
without sideways scroll."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

RULES = "第1条（目的）\nこの規程は、当社の有料職業紹介事業の運営について定めます。"
PRIVACY = "1（目的）\n求職者と求人者の個人情報を適正に管理するために定めます。"


def test_the_responsible_person_gives_the_rules_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents.models import Agency

    w = agency_world
    setup = w["setup"]
    page = phone
    log_in(page, live_server.url, setup.boss.email, w["password"])
    page.goto(f"{live_server.url}/agent/")
    page.locator("#rules-missing").get_by_role("link", name="掲示事項").click()
    page.get_by_label("個人情報適正管理規程").fill(PRIVACY)
    page.get_by_label("返戻金制度").fill("入社後3か月以内の自己都合退職は50%を返金します。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    rules = page.get_by_label("業務運営規程")
    assert page.evaluate("document.activeElement.name") == "operating_rules"
    assert rules.get_attribute("aria-invalid") == "true"
    error_id = (rules.get_attribute("aria-describedby") or "").split()[-1]
    assert page.locator(f"#{error_id}").inner_text() == "業務運営規程を入力してください。"
    assert page.get_by_label("個人情報適正管理規程").input_value() == PRIVACY
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agency-disclosures-refused-390", full_page=False)
    assert Agency.objects.get(pk=setup.agency.pk).privacy_policy == ""

    rules.fill(RULES)
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert "掲示事項を更新しました" in page.locator(".messages").inner_text()
    page.get_by_role("link", name="公開ページ").first.click()
    shot(page, "agency-public-top-390", full_page=False)
    page.get_by_role("link", name="業務運営規程").click()
    section = page.locator("#operating-rules")
    assert section.get_by_role("heading", name="業務運営規程").is_visible()
    assert not section.get_by_text("この規程は、当社の有料職業紹介事業の運営について定めます。").is_visible()
    section.get_by_text("業務運営規程の全文を読む").click()
    assert section.get_by_text("この規程は、当社の有料職業紹介事業の運営について定めます。").is_visible()
    privacy = page.locator("#privacy-rules")
    privacy.get_by_text("個人情報適正管理規程の全文を読む").click()
    assert privacy.get_by_text("求職者と求人者の個人情報を適正に管理するために定めます。").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agency-public-rules-390", full_page=False)
