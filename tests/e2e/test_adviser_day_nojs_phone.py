"""A キャリアアドバイザー's day on a 390×844 phone with JavaScript switched off ("fast without JS"): she opens
今日のやること, registers a candidate from a hearing (a free-text note on a forbidden topic refused in Japanese
first, her input kept, then fixed), reads the explained matches including a 非公開求人, proposes two jobs with a
comment (one asking about 家族構成 refused first, ticks and comment kept), writes a 添削 comment on the candidate's
shared 職務経歴書; the candidate, on her own phone with JS off too, accepts one. Every page is checked for sideways
scrolling, tap targets under 44 px and script-only buttons, and saved to test-artifacts/nojs-adviser-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from bonavi.agents.models import Candidate, Proposal, ProposalStatus
from bonavi.documents.models import DocumentComment
from bonavi.documents.services import version_create

from .helpers import log_in
from .test_accessibility import SMALL_TARGETS_JS, TAP_TARGETS

pytestmark = pytest.mark.browser

DOC = {
    "basics": {"name": "山田 花子", "summary": "経理事務として3年、請求から月次決算の補助まで担当しました。"},
    "work": [
        {
            "name": "株式会社みなと商事",
            "position": "経理課",
            "startDate": "2022-04",
            "summary": "請求書の発行、入金消込、仕訳入力",
            "highlights": ["月次決算を5営業日から3営業日に短縮"],
        }
    ],
}
# Buttons that only a script can make do something (type=button), shown with scripts off: dead controls.
DEAD_BUTTONS_JS = """() => [...document.querySelectorAll('main button[type=button]')]
    .filter(b => b.getClientRects().length && getComputedStyle(b).visibility !== 'hidden')
    .map(b => b.textContent.trim().slice(0, 20))"""
# Links standing on their own (a back link, a list of documents, 「求人の内容を見る」 under a card), not inside a sentence:
# a thumb's 44 px too. test_accessibility's TAP_TARGETS names such links page by page; this reads every page walked.
SMALL_LINKS_JS = """() => [...document.querySelectorAll('main a')].filter(a => {
    const r = a.getBoundingClientRect();
    return r.height > 0 && r.height < 43.5 && !a.parentElement.textContent.includes('。');
}).map(a => `a[${a.textContent.trim().slice(0, 12)}] ${Math.round(a.getBoundingClientRect().height)} px`)"""


def problems(page: Any, name: str) -> list[str]:
    """What is wrong on a phone page with scripts off: sideways scroll, small tap targets, dead script buttons."""
    found: list[str] = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{name}: {overflow} px sideways")
    found += [f"{name}: small {t}" for t in page.evaluate(SMALL_TARGETS_JS, TAP_TARGETS)]
    found += [f"{name}: dead button {t}" for t in page.evaluate(DEAD_BUTTONS_JS)]
    found += [f"{name}: small {t}" for t in page.evaluate(SMALL_LINKS_JS)]
    return found


def test_adviser_day_without_javascript_on_a_phone(live_server, new_page, shot, agency_world) -> None:
    w = agency_world
    base = live_server.url
    setup, seeker, password = w["setup"], w["seeker"], w["password"]
    private_title, public_title = w["order"].posting.title, w["public"][0].title
    found: list[str] = []

    def phone() -> Any:
        return new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)

    def step(page: Any, name: str) -> None:
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        found.extend(problems(page, name))
        shot(page, f"nojs-adviser-{name}")

    # The seeker applies to the agency and shares her 職務経歴書 for 添削.
    cand = phone()
    log_in(cand, base, seeker.email, password)
    cand.goto(f"{base}/agent/agencies/{setup.agency.slug}/")
    cand.locator("#apply input[name=consent]").check()
    cand.get_by_role("button", name="求職を申し込む").click()
    cand.wait_for_url("**/me/proposals/")
    version = version_create(owner=seeker, title="職務経歴書（経理）", data=DOC)
    cand.goto(f"{base}/me/agency/{Candidate.objects.get().pk}/")
    cand.get_by_role("button", name="この書類の添削を依頼する").click()
    cand.wait_for_load_state()
    step(cand, "01-candidate-shared")

    # The adviser opens 今日のやること on her phone.
    adv = phone()
    log_in(adv, base, setup.ca.email, password)
    adv.goto(f"{base}/agent/")
    assert adv.locator("#today").is_visible()
    step(adv, "02-today")
    adv.get_by_role("link", name=seeker.display_name).first.click()
    adv.wait_for_selector("#hearing")

    # The hearing: a note on her family is refused in Japanese, what she typed is kept.
    adv.get_by_label("相談のきっかけ（就職・転職の理由）").fill("決算まで経験を広げたい")
    adv.get_by_label("希望職種", exact=False).first.fill("経理事務")
    adv.locator("#field-desired_prefectures summary", has_text="関東").click()
    adv.locator("#field-desired_prefectures").get_by_label("東京都").check()
    adv.get_by_label("希望給与（下限・円）").fill("230000")
    adv.locator("#hearing").get_by_label("正社員").check()
    adv.get_by_label("経験（職務経歴の要約）").fill(
        "請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。"
    )
    adv.locator("#id_notes").fill("家族構成は両親と同居。平日夜に連絡可")
    adv.get_by_role("button", name="ヒアリングを保存して登録").click()
    adv.wait_for_load_state()
    error = adv.locator("#hearing").inner_text()
    assert "「家族構成」に関する記載があります" in error
    assert adv.locator("#id_experience").input_value().startswith("請求書の発行")
    assert adv.locator("#field-desired_prefectures").get_by_label("東京都").is_checked()
    step(adv, "03-hearing-refused")
    adv.locator("#id_notes").fill("平日夜に連絡可")
    adv.get_by_role("button", name="ヒアリングを保存して登録").click()
    adv.wait_for_selector("#propose")

    # The explained matches, the 非公開求人 among them; she proposes two with a comment.
    items = adv.locator(".match-item")
    private_item = items.filter(has_text=private_title)
    assert "非公開求人" in private_item.inner_text() and "合っている点" in private_item.inner_text()
    step(adv, "04-matches")
    private_item.locator("input[name=posting]").check()
    items.filter(has_text=public_title).locator("input[name=posting]").check()
    adv.locator("textarea[name=comment]").fill(
        "ご経験の月次決算が活かせる2件です。家族構成も教えてください。"
    )
    adv.get_by_role("button", name="選んだ求人を提案する").click()
    adv.wait_for_load_state()
    # Refused in Japanese, with the two ticks and the comment kept to fix (nothing proposed).
    assert "「家族構成」" in adv.locator("#propose").inner_text() and not Proposal.objects.exists()
    assert items.filter(has_text=private_title).locator("input[name=posting]").is_checked()
    assert items.filter(has_text=public_title).locator("input[name=posting]").is_checked()
    assert "月次決算が活かせる" in adv.locator("textarea[name=comment]").input_value()
    step(adv, "04b-propose-refused")
    adv.locator("textarea[name=comment]").fill("ご経験の月次決算が活かせる2件です。")
    adv.get_by_role("button", name="選んだ求人を提案する").click()
    adv.wait_for_selector("text=2件の求人を提案しました")
    assert Proposal.objects.count() == 2
    step(adv, "05-proposed")

    # 添削: a comment beside the 職務要約 of her shared document.
    adv.locator(f"#shared-documents a[href$='/documents/{version.pk}/']").click()
    adv.wait_for_load_state()
    step(adv, "06-review")
    field = adv.locator("[data-path='basics.summary']")
    field.locator("textarea[name=body]").fill("冒頭に経験年数と強みを一文で書きましょう。")
    field.get_by_role("button").first.click()
    adv.wait_for_load_state()
    assert DocumentComment.objects.get().body == "冒頭に経験年数と強みを一文で書きましょう。"
    step(adv, "07-reviewed")

    # The candidate reads the two proposals and accepts the 非公開求人.
    cand.goto(f"{base}/me/proposals/")
    assert cand.locator(".proposal").count() == 2
    step(cand, "08-candidate-proposals")
    cand.get_by_role("link", name=private_title).click()
    assert "合っている点" in cand.content()
    cand.get_by_label("ヒアリング内容から作成した職務経歴の要約", exact=True).check()
    step(cand, "09-candidate-proposal")
    cand.get_by_role("button", name="この求人に応募する").click()
    cand.wait_for_selector("text=応募に同意しました")
    step(cand, "10-candidate-accepted")
    assert Proposal.objects.get(posting__title=private_title).status == ProposalStatus.ACCEPTED

    assert not found, "\n".join(found)
