"""A refused form of the candidate page is answered with the page itself at the address it posted to
(/agent/candidates/<id>/propose/, …/refer/, /agent/referrals/<id>/…): what was ticked and typed comes back with the
reasons. Reopening that address (a reload, the address bar) sent a GET answered 405 「ボタンから操作してください」;
it now leads back to the candidate page at the card (ADR 0125). Only to those who may post there."""

from __future__ import annotations

import pytest

from bonavi.agents import services
from bonavi.agents.models import Complaint
from bonavi.agents.tests.factories import make_agency, private_order
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def test_a_refused_proposal_keeps_the_ticks_and_its_address_reopens_the_page(
    setup, candidate, employer, client
) -> None:
    order = private_order(setup, employer.organization)
    client.force_login(setup.ca)
    # お祝い金 in the comment: refused, the tick and the comment come back at the POST's address.
    refused = client.post(
        f"/agent/candidates/{candidate.pk}/propose/",
        {"posting": [str(order.posting_id)], "comment": "入社でお祝い金10万円を差し上げます"},
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert f'value="{order.posting_id}" checked' in page and "お祝い金10万円" in page
    reopened = client.get(f"/agent/candidates/{candidate.pk}/propose/")
    assert reopened.status_code == 302
    assert reopened["Location"] == f"/agent/candidates/{candidate.pk}/#propose"
    assert client.get(reopened["Location"]).status_code == 200
    assert client.head(f"/agent/candidates/{candidate.pk}/propose/").status_code == 302
    assert client.put(f"/agent/candidates/{candidate.pk}/propose/").status_code == 405


def test_the_cards_addresses_lead_back_to_their_card(setup, candidate, referral, client) -> None:
    proposal = services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=private_order(setup, referral.proposal.posting.organization, title="総務").posting_id,
    )
    client.force_login(setup.ca)
    page = f"/agent/candidates/{candidate.pk}/"
    for url, card in (
        (f"/agent/proposals/{proposal.pk}/refer/", f"#p{proposal.pk}"),
        (f"/agent/referrals/{referral.pk}/", f"#p{referral.proposal_id}"),
        (f"/agent/referrals/{referral.pk}/interview/", f"#p{referral.proposal_id}"),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, page + card), url


def test_nobody_else_is_told_where_she_is(setup, candidate, referral, client) -> None:
    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    client.force_login(other.boss)
    for url in (
        f"/agent/candidates/{candidate.pk}/propose/",
        f"/agent/proposals/{referral.proposal_id}/refer/",
        f"/agent/referrals/{referral.pk}/",
        f"/agent/referrals/{referral.pk}/interview/",
    ):
        assert client.get(url).status_code == 404, url


def test_every_refused_forms_address_leads_back_to_its_page(
    setup, candidate, referral, placed, employer, client
):
    """The same for the workbench's other pages answered at a POST address (`views.post_or_back`): the job page's
    求人受理, the records page's 手数料 and complaints, the employer's 面接の日程 — each gave 405 on reopening."""
    public = make_posting(employer.organization, title="総務（公開）")
    complaint = Complaint.objects.create(
        agency=setup.agency,
        office=setup.office,
        routed_to=setup.boss.agency_staff,
        from_name="申出 太郎",
        contact="03",
        body="連絡が遅い",
    )
    services.referral_move(user=employer, referral=referral, to_stage="document")
    services.referral_move(user=employer, referral=referral, to_stage="interview1")
    records = "/agent/records/"
    for user, url, data, back in (
        (setup.boss, f"/agent/jobs/{public.pk}/order/", {}, f"/agent/jobs/{public.pk}/#public-order"),
        (
            setup.boss,
            f"/agent/placements/{placed.pk}/fee/",
            {"collected_on": "いつか"},
            f"{records}#pl{placed.pk}",
        ),
        (setup.boss, f"/agent/complaints/{complaint.pk}/resolve/", {}, f"{records}#c{complaint.pk}"),
        (
            setup.boss,
            f"/agent/complaints/{complaint.pk}/progress/",
            {"interview_on": "いつか"},
            f"{records}#c{complaint.pk}",
        ),
        (
            employer,
            f"/agent/employer/referrals/{referral.pk}/interview/",
            {"stage": "interview1"},
            f"/agent/employer/referrals/{referral.pk}/#interview-edit",
        ),
    ):
        client.force_login(user)
        assert client.post(url, data).status_code == 422, url  # refused: answered at its own address
        reopened = client.get(url)
        assert (reopened.status_code, reopened.get("Location")) == (302, back), url
        assert client.get(back).status_code == 200, back
        assert client.head(url).status_code == 302 and client.put(url).status_code == 405, url


def test_nobody_else_is_led_to_those_pages(setup, referral, placed, other_employer, client):
    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    client.force_login(other.boss)
    for url in (
        f"/agent/placements/{placed.pk}/fee/",
        f"/agent/referrals/{referral.pk}/interview/",
        f"/agent/jobs/{referral.proposal.posting_id}/order/",  # the agency's 非公開求人
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(setup.ca)  # not the 職業紹介責任者
    assert client.get(f"/agent/placements/{placed.pk}/fee/").status_code == 403
    client.force_login(other_employer)
    assert client.get(f"/agent/employer/referrals/{referral.pk}/interview/").status_code == 404
