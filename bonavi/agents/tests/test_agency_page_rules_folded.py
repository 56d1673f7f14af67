"""The agency's public page at 390 px (ADR 0134): the two 規程 are folded under their headings in a <details> —
still on the page and in its HTML, opened without JS — while the 手数料表, 返戻金 and 取扱職種 stay open."""

from __future__ import annotations

import pytest

from bonavi.agents.models import Agency

pytestmark = pytest.mark.django_db


def _section(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]


def test_both_rules_are_folded_and_the_fees_refund_and_scope_stay_open(setup, client):
    Agency.objects.filter(pk=setup.agency.pk).update(
        operating_rules="第1条（目的）\n" + "この規程は事業の運営を定めます。\n" * 40,
        privacy_policy="1（目的）\n個人情報を適正に管理します。",
    )
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    rules = _section(page, "operating-rules")
    assert '<details class="rules-fold"><summary>業務運営規程の全文を読む' in rules
    assert "この規程は事業の運営を定めます。" in rules.split("</summary>", 1)[1]  # in the HTML, only folded
    privacy = _section(page, "privacy-rules")
    assert (
        "<summary>個人情報適正管理規程の全文を読む（" in privacy and "個人情報を適正に管理します。" in privacy
    )
    for anchor in ("fees", "refund", "scope"):
        assert "<details" not in _section(page, anchor), anchor
    assert "<details open" not in page


def test_rules_not_given_have_no_empty_fold(setup, client):
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    for anchor in ("operating-rules", "privacy-rules"):
        section = _section(page, anchor)
        assert "まだ掲載されていません。" in section and "<details" not in section
