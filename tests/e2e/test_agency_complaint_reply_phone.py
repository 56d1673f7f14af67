"""The person who complained hears back, on a 390 px phone without JavaScript: she files a 苦情 from her page with
the agency, the 職業紹介責任者 records the internal 対応結果 and a 申出者への回答 on the records page, and she reads the
reply (not the 対応結果) on her page, with its state; the 責任者 then corrects the reply and she reads the
corrected one, marked as corrected. Each page is checked with axe as walked, without script."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import SCRIPTS_RUN_JS, _violations

pytestmark = pytest.mark.browser

BODY = "担当の方から2週間連絡がありません。早めのご連絡をお願いします。"
INTERNAL = "担当の田中一郎が連絡を怠っていた。担当を中村次郎に交代した。"
REPLY = "ご不便をおかけし申し訳ありません。担当者を交代し、今後は3営業日以内にご連絡します。"
FIXED = "ご不便をおかけし申し訳ありません。担当者を交代し、今後は2営業日以内にご連絡します。"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture(autouse=True)
def _fresh_mail_counts() -> None:
    """The mail cap per typed address counts in the cache, which outlives a test: the other complaint walk mails the
    same contact address, and run first it left this one past the cap."""
    cache.clear()


def test_she_files_the_responsible_answers_and_she_reads_the_reply(
    live_server, new_page, shot, agency_world
) -> None:
    from bonavi.agents.models import Complaint, ComplaintStatus
    from bonavi.agents.tests.factories import register

    w = agency_world
    setup = w["setup"]
    candidate = register(setup, w["seeker"])

    her = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(her, live_server.url, w["seeker"].email, w["password"])
    mine = f"{live_server.url}/me/agency/{candidate.pk}/"
    her.goto(mine)
    assert her.locator("#my-complaints").count() == 0  # nothing filed yet
    form = her.locator("#complaint")
    form.get_by_label("苦情の内容").fill(BODY)
    with her.expect_navigation():  # the same URL before and after: wait for the answer
        form.get_by_role("button", name="申し出る").click()
    complaint = Complaint.objects.get()
    assert complaint.from_user_id == w["seeker"].pk
    her.goto(mine)
    item = her.locator(f"#my-complaint-{complaint.pk}")
    assert "受付済み" in item.inner_text()
    _fits(her)
    shot(her, "complaint-reply-filed-390")
    # axe on each page as walked, scripts off (test_accessibility._violations runs it without them).
    assert not her.evaluate(SCRIPTS_RUN_JS)
    found = _violations(her, name="my-agency-filed")

    boss = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(boss, live_server.url, setup.boss.email, w["password"])
    boss.goto(f"{live_server.url}/agent/records/")
    card = boss.locator(f"#c{complaint.pk}")
    assert "空欄で対応済みにすると、申出者には何も送られません。" in card.inner_text()
    card.get_by_label("対応結果", exact=True).fill(INTERNAL)
    card.get_by_label("申出者への回答（任意）").fill(REPLY)
    _fits(boss)
    shot(boss, "complaint-reply-answer-390")
    found += _violations(boss, name="records-answer")
    with boss.expect_navigation():  # the same URL before and after: wait for the answer
        card.get_by_role("button", name="対応結果を記録（対応済み）").click()
    assert "申出者への回答を" in boss.content() and "メールでお送りします" in boss.content()
    complaint.refresh_from_db()
    assert (
        complaint.status == ComplaintStatus.RESOLVED and complaint.reply == REPLY and complaint.reply_mailed
    )
    _fits(boss)
    shot(boss, "complaint-reply-recorded-390")
    found += _violations(boss, name="records-reply")

    her.goto(mine)
    item = her.locator(f"#my-complaint-{complaint.pk}")
    text = item.inner_text()
    assert "対応済み（" in text and REPLY in text
    assert "田中一郎" not in her.content() and "中村次郎" not in her.content()
    item.locator("summary").click()  # her own words, folded under a tap (no script needed)
    assert BODY in item.inner_text()
    _fits(her)
    shot(her, "complaint-reply-read-390")
    found += _violations(her, name="my-agency-reply")

    # The 責任者 finds a mistake in the reply and corrects it (a tap opens the form, no script): the earlier text
    # stays in the record's history, she reads the corrected one and that it was corrected.
    boss.goto(f"{live_server.url}/agent/records/")
    card = boss.locator(f"#c{complaint.pk}")
    card.locator(".reply-correct > summary").click()
    assert card.get_by_label("訂正後の回答").input_value() == REPLY  # the reply in force, to edit
    with boss.expect_navigation():  # the same URL before and after: wait for the answer
        card.get_by_role("button", name="回答を訂正する").click()  # unchanged: refused beside the field
    card = boss.locator(f"#c{complaint.pk}")
    assert "回答が訂正前と同じです" in card.locator(".reply-correct").inner_text()
    found += _violations(boss, name="records-correction-refused")
    card.get_by_label("訂正後の回答").fill(FIXED)
    _fits(boss)
    shot(boss, "complaint-reply-correct-390")
    with boss.expect_navigation():  # the same URL before and after: wait for the answer
        card.get_by_role("button", name="回答を訂正する").click()
    assert "訂正後の回答を" in boss.content() and "メールでお送りします" in boss.content()
    card = boss.locator(f"#c{complaint.pk}")
    card.locator(".reply-history > summary").click()
    assert FIXED in card.inner_text() and REPLY in card.locator(".reply-history").inner_text()
    _fits(boss)
    shot(boss, "complaint-reply-corrected-390")
    found += _violations(boss, name="records-corrected")
    her.goto(mine)
    text = her.locator(f"#my-complaint-{complaint.pk}").inner_text()
    assert FIXED in text and REPLY not in text and "訂正されました" in text
    _fits(her)
    shot(her, "complaint-reply-corrected-read-390")
    found += _violations(her, name="my-agency-corrected")
    assert not found, found
