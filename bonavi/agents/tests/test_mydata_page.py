"""The on-screen マイデータ and the privacy page show what the agency keeps about her: the page claims to show
everything BOナビ keeps, and the privacy page's 閲覧記録 must not say "not viewed" of data an agency did see."""

from __future__ import annotations

import pytest

from bonavi.agents.models import AuditEvent
from bonavi.seekers import mydata


def test_the_on_screen_mydata_shows_her_agency_registration_in_words(client, seeker, candidate, referral):
    client.force_login(seeker)
    page = client.get("/me/privacy/export/").content.decode()
    section = page.split("紹介会社への登録（1件）", 1)[1].split("</section>", 1)[0]
    assert "株式会社みなとキャリア" in section
    assert "決算業務まで経験を広げたい" in section  # the hearing's 転職理由
    assert "東京都、神奈川県" in section and "（都道府県コード）" not in section  # codes in words, form labels
    assert "月給 230,000円以上" in section
    assert referral.proposal.posting.title in section
    logged = AuditEvent.objects.filter(candidate=candidate).count()
    assert logged and f"閲覧・送付などの記録（{logged}件）" in section


def test_the_privacy_page_points_to_the_agency_trail_instead_of_saying_not_viewed(client, seeker, candidate):
    client.force_login(seeker)
    page = client.get("/me/privacy/").content.decode()
    assert "まだ閲覧されていません" not in page
    assert 'href="/me/proposals/audit/"' in page and "紹介会社（株式会社みなとキャリア）による閲覧" in page


@pytest.mark.django_db
def test_every_app_that_adds_to_the_export_has_a_section_on_the_page():
    """A later app registering data for the JSON must show it on the page too (the page says it shows all)."""
    shown = {section["key"] for section in mydata.page_sections({})}
    assert set(mydata.registered_keys()) <= shown
