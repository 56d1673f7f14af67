"""A complaint closed without a 申出者への回答 gets one afterwards, on a 390 px phone without JavaScript: the
職業紹介責任者 closes it with no reply, then opens 「申出者への回答を送る」 on the records page (a tap, no script),
is refused an empty reply beside the field, sends one, and the person who complained reads it on her page with its
date. Each page is checked with axe as walked, without script."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import SCRIPTS_RUN_JS, _violations

pytestmark = pytest.mark.browser

BODY = "担当の方から2週間連絡がありません。早めのご連絡をお願いします。"
INTERNAL = "担当の田中一郎が連絡を怠っていた。担当を中村次郎に交代した。"
REPLY = "ご不便をおかけし申し訳ありません。担当者を交代し、今後は3営業日以内にご連絡します。"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture(autouse=True)
def _fresh_mail_counts() -> None:
    """The mail cap per typed address counts in the cache, which outlives a test: the other complaint walk mails the
    same contact address, and run first it left this one past the cap."""
    cache.clear()


def test_the_responsible_replies_after_closing_and_she_reads_it_dated(
    live_server, new_page, shot, agency_world
) -> None:
    from bonavi.agents import services
    from bonavi.agents.models import Complaint
    from bonavi.agents.tests.factories import register

    w = agency_world
    setup = w["setup"]
    candidate = register(setup, w["seeker"])
    complaint = services.complaint_file(
        user=w["seeker"],
        agency_slug=setup.agency.slug,
        from_name="山田 花子",
        contact=w["seeker"].email,
        body=BODY,
        wants_in_person=False,
    )
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution=INTERNAL, reply="")

    boss = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(boss, live_server.url, setup.boss.email, w["password"])
    boss.goto(f"{live_server.url}/agent/records/")
    assert not boss.evaluate(SCRIPTS_RUN_JS)
    card = boss.locator(f"#c{complaint.pk}")
    assert "申出者への回答：なし" in card.inner_text()
    assert card.locator(".reply-correct").count() == 0
    card.locator(".reply-late > summary").click()  # folded under a tap, no script
    with boss.expect_navigation():  # the same URL before and after: wait for the answer
        card.get_by_role("button", name="回答を送る").click()  # empty: refused beside the field
    card = boss.locator(f"#c{complaint.pk}")
    assert "申出者への回答を入力してください。" in card.locator(".reply-late").inner_text()
    assert Complaint.objects.get(pk=complaint.pk).reply == ""
    _fits(boss)
    shot(boss, "complaint-late-reply-refused-390")
    found = _violations(boss, name="records-late-refused")
    card.get_by_label("申出者への回答").fill(REPLY)
    with boss.expect_navigation():  # the same URL before and after: wait for the answer
        card.get_by_role("button", name="回答を送る").click()
    assert "申出者への回答を送りました" in boss.content() and "メールでもお送りします" in boss.content()
    complaint.refresh_from_db()
    assert complaint.reply == REPLY and complaint.reply_mailed and complaint.replied_at is not None
    card = boss.locator(f"#c{complaint.pk}")
    assert "に送信・メール送信済み）" in card.inner_text() and card.locator(".reply-correct").count() == 1
    _fits(boss)
    shot(boss, "complaint-late-reply-sent-390")
    found += _violations(boss, name="records-late-sent")

    her = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(her, live_server.url, w["seeker"].email, w["password"])
    her.goto(f"{live_server.url}/me/agency/{candidate.pk}/")
    text = her.locator(f"#my-complaint-{complaint.pk}").inner_text()
    assert REPLY in text and "に回答" in text and "対応済み（" in text
    assert "田中一郎" not in her.content()
    _fits(her)
    shot(her, "complaint-late-reply-read-390")
    found += _violations(her, name="my-agency-late-reply")
    assert not found, found
