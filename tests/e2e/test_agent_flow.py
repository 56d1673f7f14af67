"""An adviser registers a candidate from a hearing, sees explained matches including a 非公開求人 and proposes
three; the candidate on a 390 px phone accepts one and declines one; the 推薦 reaches the employer, who moves
it to 面接; the candidate's audit trail shows every step."""

from __future__ import annotations

from bonavi.agents.models import Referral, Stage
from bonavi.agents.services import NO_ORDER_LABEL
from tests.e2e.helpers import log_in


def test_agent_flow(live_server, phone, desktop, new_page, shot, agency_world) -> None:
    w = agency_world
    base = live_server.url
    setup, seeker, password = w["setup"], w["seeker"], w["password"]
    private_title = w["order"].posting.title

    # The seeker applies to the agency on their phone, consenting to the stated purposes.
    cand = phone
    log_in(cand, base, seeker.email, password)
    cand.goto(f"{base}/agent/agencies/{setup.agency.slug}/")
    assert "13-ユ-312345" in cand.content() and "返戻金制度" in cand.content()
    shot(cand, "agent-agency-public-390")
    cand.locator("#apply input[name=consent]").check()
    cand.get_by_role("button", name="求職を申し込む").click()
    cand.wait_for_url("**/me/proposals/")

    # The adviser holds the hearing and registers the candidate.
    adv = desktop
    log_in(adv, base, setup.ca.email, password)
    adv.goto(f"{base}/agent/")
    adv.get_by_role("link", name=seeker.display_name).click()
    adv.get_by_label("相談のきっかけ（就職・転職の理由）").fill("決算まで経験を広げたい")
    adv.get_by_label("希望職種", exact=False).first.fill("経理事務")
    adv.locator("#field-desired_prefectures summary", has_text="関東").click()
    adv.locator("#field-desired_prefectures").get_by_label("東京都").check()
    adv.locator("#field-desired_prefectures").get_by_label("神奈川県").check()
    adv.get_by_label("希望給与（下限・円）").fill("230000")
    adv.locator("#hearing").get_by_label("正社員").check()
    adv.get_by_label("経験（職務経歴の要約）").fill(
        "請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。"
    )
    adv.locator("#id_qualifications").fill("日商簿記2級")
    adv.get_by_role("button", name="ヒアリングを保存して登録").click()
    adv.wait_for_selector("#propose")
    items = adv.locator(".match-item")
    assert items.count() == 3
    # The job without an order is folded under its count (ADR 0125, s15): opened to read and tick it.
    adv.locator("#matches-more > summary").click()
    private_item = items.filter(has_text=private_title)
    assert "非公開求人" in private_item.inner_text() and "合っている点" in private_item.inner_text()
    # A public job the agency holds no order for is shown, labelled: information only, no 推薦 (ADR 0111).
    assert NO_ORDER_LABEL in items.filter(has_text=w["public"][1].title).inner_text()
    assert NO_ORDER_LABEL not in items.filter(has_text=w["public"][0].title).inner_text()
    shot(adv, "agent-matches-desktop")
    for i in range(3):
        items.nth(i).locator("input[name=posting]").check()
    adv.locator("textarea[name=comment]").fill("ご経験の月次決算が活かせる3件です。")
    adv.get_by_role("button", name="選んだ求人を提案する").click()
    adv.wait_for_selector("text=3件の求人を提案しました")

    # The candidate sees three proposals, accepts the 非公開求人 and declines another.
    cand.goto(f"{base}/me/proposals/")
    assert cand.locator(".proposal").count() == 3
    shot(cand, "agent-candidate-proposals-390")
    cand.get_by_role("link", name=private_title).click()
    assert "労働条件" in cand.content() and "合っている点" in cand.content()
    cand.get_by_label("ヒアリング内容から作成した職務経歴の要約", exact=True).check()
    shot(cand, "agent-candidate-proposal-390")
    cand.get_by_role("button", name="この求人に応募する").click()
    cand.wait_for_selector("text=応募に同意しました")
    cand.goto(f"{base}/me/proposals/")
    cand.get_by_role("link", name=w["public"][1].title).click()
    cand.get_by_role("button", name="辞退する").click()
    cand.wait_for_selector("text=辞退しました")

    # The adviser sends the 推薦 of the accepted one; the declined one offers no 推薦 and says why.
    adv.reload()
    rows = adv.locator("#proposals li")
    declined_row = rows.filter(has_text=w["public"][1].title)
    assert declined_row.get_by_role("button", name="推薦する").count() == 0
    assert "ご本人が辞退しました" in declined_row.inner_text()
    adv.locator("#proposals li").filter(has_text=private_title).get_by_role("button", name="推薦する").click()
    adv.wait_for_selector("text=推薦しました")
    assert Referral.objects.count() == 1

    # The employer reads the 推薦 and moves it to 1次面接.
    emp = new_page(1280, 900)
    log_in(emp, base, w["employer"].email, password)
    emp.goto(f"{base}/agent/employer/referrals/")
    emp.get_by_role("link", name=seeker.display_name).click()
    assert "月次決算の補助" in emp.content()
    emp.locator("select[name=to_stage]").select_option(Stage.INTERVIEW1.value)
    emp.locator("input[name=note]").fill("来週火曜 14時に面接をお願いします")
    emp.get_by_role("button", name="更新する").click()
    emp.wait_for_selector("text=選考状況を更新しました")
    assert emp.locator("#stage").inner_text() == "1次面接"
    shot(emp, "agent-employer-referral-desktop")

    # The candidate's audit trail shows every step.
    cand.goto(f"{base}/me/proposals/audit/")
    trail = cand.locator("#audit").inner_text()
    for text in (
        "求職申込み",
        "ヒアリング",
        "求人の提案",
        "応募に同意",
        "辞退",
        "書類の送付（推薦）",
        "送付書類の閲覧",
        "1次面接",
        "プロフィール・ヒアリングの閲覧",
    ):
        assert text in trail, text
    shot(cand, "agent-candidate-audit-390")
