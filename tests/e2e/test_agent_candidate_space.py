"""The candidate's own agency space on a 390 px phone: asks for 添削 on a document, reads the adviser's comment
under the field it is about and resolves it, then withdraws consent after a page saying what happens; the
adviser loses access. The 職業紹介責任者 checks the 50:1 ratio per office on a phone."""

from __future__ import annotations

from bonavi.agents.models import CandidateStatus
from tests.e2e.helpers import log_in


def test_candidate_space_review_comments_and_withdrawal(
    live_server, phone, new_page, shot, agency_world
) -> None:
    from bonavi.agents.tests.factories import register
    from bonavi.documents.services import version_create

    w = agency_world
    base = live_server.url
    setup, seeker, password = w["setup"], w["seeker"], w["password"]
    candidate = register(setup, seeker)
    version = version_create(
        owner=seeker,
        title="職務経歴書（経理）",
        data={
            "basics": {"name": "山田 花子", "summary": "経理事務として3年、請求から月次決算の補助まで担当。"},
            "work": [
                {
                    "name": "株式会社みなと商事",
                    "position": "経理課",
                    "startDate": "2022-04",
                    "summary": "請求書の発行、入金消込、仕訳入力",
                    "highlights": ["月次決算を5営業日から3営業日に短縮"],
                }
            ],
        },
    )

    # The candidate asks the agency for a review of one document.
    cand = phone
    log_in(cand, base, seeker.email, password)
    cand.goto(f"{base}/me/proposals/")
    cand.locator("#registrations").get_by_role("link", name=setup.agency.name).click()
    cand.get_by_role("button", name="この書類の添削を依頼する").click()
    cand.wait_for_selector("text=書類の添削を依頼しました")
    assert "添削を依頼中" in cand.content()
    shot(cand, "agent-my-agency-390")

    # The adviser, also on a phone, comments on 職務要約.
    adv = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(adv, base, setup.ca.email, password)
    adv.goto(f"{base}/agent/candidates/{candidate.pk}/")
    adv.locator("#shared-documents").get_by_role("link", name="職務経歴書（経理）").click()
    assert "月次決算を5営業日から3営業日に短縮" in adv.content()
    adv.get_by_text("「職務要約」にコメントする").click()
    adv.get_by_label("「職務要約」へのコメント").fill("冒頭に「経理3年・月次決算の短縮」と強みを一文で。")
    adv.get_by_role("button", name="コメントを送る").first.click()
    adv.wait_for_selector("text=コメントを送りました")
    shot(adv, "agent-document-review-390")

    # The candidate sees it under 職務要約 in the editor and resolves it (the button sits inside the editor form).
    cand.goto(f"{base}/documents/{version.pk}/")
    field = cand.locator("#field-summary")
    assert "強みを一文で" in field.inner_text() and "佐藤CA" in field.inner_text()
    field.scroll_into_view_if_needed()
    shot(cand, "agent-document-comment-in-editor-390", full_page=False)
    field.get_by_role("button", name="解決済みにする").click()
    cand.wait_for_selector("text=コメントを解決済みにしました")
    assert "解決済み" in cand.locator("#field-summary").inner_text()
    assert version.comments.get().resolved_at is not None

    # The 職業紹介責任者 checks the ratio per office.
    boss = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(boss, base, setup.boss.email, password)
    boss.goto(f"{base}/agent/")
    boss.get_by_role("link", name="事業所とスタッフ", exact=False).click()
    assert "基準を満たしています" in boss.locator(f"#office-{setup.office.pk}").inner_text()
    shot(boss, "agent-offices-390")

    # The candidate withdraws consent after reading what happens.
    cand.goto(f"{base}/me/agency/{candidate.pk}/")
    cand.get_by_role("link", name="同意を撤回する").click()
    assert "担当のアドバイザーと職業紹介責任者は" in cand.locator("#consequences").inner_text()
    shot(cand, "agent-withdraw-confirm-390")
    cand.get_by_role("button", name="同意を撤回する").click()
    assert cand.url.endswith("/withdraw/")  # the confirmation box is required
    cand.get_by_label("上記の内容を確認し、この事業者への同意を撤回します").check()
    cand.get_by_role("button", name="同意を撤回する").click()
    cand.wait_for_selector("text=同意を撤回しました")
    shot(cand, "agent-withdrawn-390")
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.WITHDRAWN

    # The adviser can no longer open the candidate or the document.
    resp = adv.goto(f"{base}/agent/candidates/{candidate.pk}/")
    assert resp is not None and resp.status == 404
    resp = adv.goto(f"{base}/agent/candidates/{candidate.pk}/documents/{version.pk}/")
    assert resp is not None and resp.status == 404
