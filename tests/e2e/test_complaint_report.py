"""Reporting a posting on a 390 px phone: job page → 「この求人について報告する」 → form → 受付番号."""

from __future__ import annotations

import re

import pytest

from bonavi.accounts.models import Organization
from bonavi.jobs.tests.factories import make_posting
from bonavi.support.models import Complaint
from tests.e2e.test_accessibility import LAYOUT_JS, SMALL_TARGETS_JS, TAP_TARGETS, _violations

pytestmark = pytest.mark.browser


def _check(page, name: str) -> list[object]:
    """axe's serious faults, sideways scrolling, heading order and 44 px tap targets on the page shown."""
    layout = page.evaluate(LAYOUT_JS)
    found: list[object] = [] if layout == {"overflow": 0, "h1": 1, "skipped": False} else [(name, layout)]
    found += [
        (name, t)
        for t in page.evaluate(SMALL_TARGETS_JS, TAP_TARGETS + ", p.report a, .complaint-form fieldset label")
    ]
    return found + _violations(page, name=name)


def test_report_a_posting_from_its_page_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    org = Organization.objects.create(
        name="株式会社みなと会計", address="東京都港区2-2", phone="03-1111-2222"
    )
    posting = make_posting(org, title="経理事務（月次決算・残業少なめ）")
    phone.goto(f"{live_server.url}/jobs/{posting.pk}/")
    found = _check(phone, "job-detail")
    phone.get_by_role("link", name="この求人について報告する").click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/complaints/new/?posting={posting.pk}")
    assert phone.get_by_role("link", name=posting.title).is_visible()

    # Sending with nothing filled in: the messages stand beside their fields and nothing is stored.
    phone.get_by_role("button", name="送信する").click()
    phone.wait_for_load_state()
    assert phone.locator("#id_body_error").inner_text() == "内容を入力してください。"
    assert Complaint.objects.count() == 0
    shot(phone, "complaint-form-errors-phone")
    found += _check(phone, "complaint-form-errors")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # Every field is reachable by its label.
    phone.get_by_label("求人内容が事実と違う・労働条件の表示").check()
    phone.get_by_label("報告の内容").fill(
        "求人では残業月10時間とありますが、面接では毎月40時間以上と説明されました。"
    )
    phone.get_by_label("返信先のメールアドレス").fill("report@example.jp")
    phone.get_by_label("お名前（任意）").fill("山田")
    shot(phone, "complaint-form-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="送信する").click()
    phone.wait_for_load_state()

    complaint = Complaint.objects.get()
    assert complaint.posting_id == posting.pk
    assert phone.get_by_role("heading", name="苦情・お問い合わせを受け付けました").is_visible()
    reference = phone.locator("#reference").inner_text()
    assert reference == complaint.reference and re.fullmatch(r"\d{8}-[A-Z2-9]{6}", reference)
    shot(phone, "complaint-done-phone")
    found += _check(phone, "complaint-done")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The footer of every page leads to the two public pages.
    phone.get_by_role("link", name="個人情報の取扱いについて").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="個人情報の取扱いについて", exact=True).is_visible()
    shot(phone, "privacy-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    found += _check(phone, "privacy")
    phone.get_by_role("link", name="苦情・お問い合わせ", exact=True).first.click()
    phone.wait_for_load_state()
    shot(phone, "complaints-phone")
    found += _check(phone, "complaints")
    assert not found, found
