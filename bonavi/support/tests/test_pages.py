"""The public pages: /privacy/ from the sign-up notices, /complaints/ with its procedure, footer links."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bonavi.seekers import privacy
from bonavi.support import services

pytestmark = pytest.mark.django_db


def test_privacy_page_lists_every_purpose_from_the_sign_up_notices_logged_out(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "個人情報の取扱いについて" in html
    # Change-detecting: the page renders the notices people agree to, not a copy that could drift from them.
    for purpose in [*privacy.PURPOSES, *privacy.EMPLOYER_PURPOSES]:
        assert purpose in html
    assert privacy.NOT_COLLECTED in html
    assert privacy.notice_for("seeker").edition in html
    assert reverse("support:complaints") in html
    assert f"受付から{services.KEEP_YEARS}年" in html


def test_privacy_page_names_each_notice_by_its_month_not_its_stored_id(client):
    html = client.get("/privacy/").content.decode()
    assert "採用担当の方（2026年11月版）" in html and "求職者の方（2026年11月版）" in html
    assert "employer-2026-11" not in html


def test_privacy_page_follows_a_changed_notice(client, monkeypatch):
    monkeypatch.setattr(privacy, "PURPOSES", [*privacy.PURPOSES, "テスト用に足した利用目的"])
    assert "テスト用に足した利用目的" in client.get("/privacy/").content.decode()


def test_unset_operator_is_said_to_be_unset_not_invented(client, settings):
    settings.OPERATOR_NAME = ""
    settings.OPERATOR_ADDRESS = ""
    settings.OPERATOR_CONTACT = ""
    html = client.get("/privacy/").content.decode()
    assert "（未設定）" in html
    assert "このサイトの運営者がまだ設定していません" in html
    assert "株式会社" not in html.split('<h2 id="h-operator">')[1].split("</section>")[0]


def test_set_operator_is_shown(client, settings):
    settings.OPERATOR_NAME = "株式会社ボナビ運営"
    settings.OPERATOR_ADDRESS = "東京都港区1-2-3"
    settings.OPERATOR_CONTACT = "support@bonavi.example"
    for url in ("/privacy/", "/complaints/"):
        html = client.get(url).content.decode()
        assert "株式会社ボナビ運営" in html and "東京都港区1-2-3" in html and "support@bonavi.example" in html
        assert "（未設定）" not in html


def test_complaints_page_publishes_the_procedure_and_the_form(client):
    html = client.get("/complaints/").content.decode()
    for step in ("受付", "内容確認", "回答"):
        assert f"<strong>{step}</strong>" in html
    assert f"受付から{services.RESPONSE_DAYS}日以内" in html
    assert "掲載を停止" in html
    assert f"受付から{services.KEEP_YEARS}年" in html
    assert 'action="/complaints/new/"' in html and 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize("url", ["/", "/privacy/", "/complaints/", "/search/"])
def test_footer_links_on_every_page(client, url):
    html = client.get(url).content.decode()
    footer = html.split('<footer class="site">')[1]
    assert 'href="/privacy/"' in footer
    assert 'href="/complaints/"' in footer


def test_job_detail_links_to_a_report_of_that_posting(client, employer):
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization)
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert f'href="/complaints/new/?posting={posting.pk}"' in html
    assert "この求人について報告する" in html


def test_the_procedure_names_the_law_without_an_unconfirmed_article_number(client):
    # ../shared/docs/JAPAN-RULES.md §10 states the duty (prompt handling under a published procedure) but no
    # article; a wrong 「第○条」 on a legal notice misleads, so the page names the law and the duty only.
    html = client.get("/complaints/").content.decode()
    assert "職業安定法" in html and "苦情" in html
    assert "43条" not in html
