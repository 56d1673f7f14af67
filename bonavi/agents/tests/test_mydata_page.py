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
    assert (
        "東京都、神奈川県" in section and "（都道府県コード）" not in section
    )  # codes in words, form labels
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
def test_the_page_names_her_documents_answers_and_complaints_in_words(client, seeker):
    """Rows no app had a section for were shown by raw field name and Python value (「created at」, 「{'ok': True}」);
    each now has its own section, and what is left for the generic part is said in words."""
    from bonavi.documents.models import DocumentVersion, InterviewAnswer
    from bonavi.seekers.mydata import other_data_for_page
    from bonavi.support.models import Complaint

    DocumentVersion.objects.create(
        owner=seeker, title="経理向け職務経歴書", data={"basics": {"name": "山田花子"}}
    )
    InterviewAnswer.objects.create(
        owner=seeker,
        question="志望動機を教えてください",
        answer="数字で会社を支えたい",
        feedback={"ok": True},
    )
    Complaint.objects.create(
        reference="R-20261126-ABCD",
        category=Complaint._meta.get_field("category").choices[0][0],
        body="求人の内容が違いました",
        reporter=seeker,
    )
    client.force_login(seeker)
    page = client.get("/me/privacy/export/").content.decode()
    for shown in (
        "経理向け職務経歴書",
        "志望動機を教えてください",
        "数字で会社を支えたい",
        "R-20261126-ABCD",
    ):
        assert shown in page
    for raw in ("created at", "updated at", "question id", "{&#x27;", "{'", "fingerprint", "True", "False"):
        assert raw not in page, raw
    assert not any(mydata.mydata_export(user=seeker)["other_data"].values())  # every row has a section
    # The generic part, for a model without one: labels only, values in words, internal fields left out.
    sections = other_data_for_page(
        {
            "support.Complaint": [
                {
                    "reference": "R-1",
                    "acknowledged": True,
                    "fingerprint": "x",
                    "status": "new",
                    "received_at": "2026-11-26T05:00:00+00:00",
                    "posting_id": 3,
                }
            ]
        }
    )
    row = dict(sections[0]["rows"][0])
    assert row["受付確認メール"] == "はい" and row["受付日時"].startswith("2026年11月26日")
    assert "fingerprint" not in row and "対象の求人" not in row


def test_a_complaint_to_her_agency_is_in_her_data(client, seeker, candidate, setup):
    """agents.Complaint points at her through a hidden link (related_name="+"), which the export's walk over the
    user's relations missed: her name, contact and complaint text were in neither the JSON nor the page."""
    import json

    from bonavi.agents import services

    services.complaint_file(
        user=seeker,
        agency_slug=setup.agency.slug,
        from_name="見本 さくら",
        contact="seeker@example.com",
        body="提案の連絡が夜遅くに来て困っています",
        wants_in_person=False,
    )
    exported = json.dumps(mydata.mydata_export(user=seeker), ensure_ascii=False)
    assert "提案の連絡が夜遅くに来て困っています" in exported
    client.force_login(seeker)
    assert "提案の連絡が夜遅くに来て困っています" in client.get("/me/privacy/export/").content.decode()


@pytest.mark.django_db
def test_every_link_to_the_user_is_exported_or_said_why_not():
    """A new model pointing at the user (even through related_name="+") must be exported by its app, listed in
    EXPORTED, or given a reason in NOT_PERSONAL; only these fall to the generic part of the page for now."""
    handled = set(mydata.EXPORTED) | set(mydata.NOT_PERSONAL) | set(mydata._REGISTRY)
    generic = {mydata._label(rel.related_model) for rel in mydata.user_links()} - handled
    assert generic <= {"agents.Complaint"}, generic
