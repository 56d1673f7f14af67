"""Found by using the agents pages and API once more (session 6): what they accepted or said that they should not."""

from __future__ import annotations

import pytest

from bonavi.agents.models import Complaint
from bonavi.agents.tests.html import error_beside

pytestmark = pytest.mark.django_db


def _complaint(client, slug: str, **over):
    data = {"from_name": "山田", "contact": "yamada@example.com", "body": "連絡が遅い。", **over}
    return client.post(f"/agent/agencies/{slug}/complaint/", data)


@pytest.mark.parametrize("contact", ["not-a-contact", "yamada@", "03-12"])
def test_a_complaint_contact_the_agency_cannot_reply_to_is_refused(setup, client, contact):
    refused = _complaint(client, setup.agency.slug, contact=contact)
    assert refused.status_code == 422
    beside = error_beside(refused.content.decode(), "contact")
    assert "連絡先" in beside, beside
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("contact", ["yamada@example.com", "０９０ー１２３４ー５６７８", "03-1234-5678"])
def test_a_complaint_with_an_e_mail_or_phone_contact_is_taken(setup, client, contact):
    assert _complaint(client, setup.agency.slug, contact=contact).status_code == 302
    assert Complaint.objects.count() == 1


def test_a_complaint_sent_twice_in_a_row_is_one_complaint(setup, client):
    first = _complaint(client, setup.agency.slug)
    second = _complaint(client, setup.agency.slug)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1
    # a different complaint from the same person is its own
    assert _complaint(client, setup.agency.slug, body="説明がなかった。").status_code == 302
    assert Complaint.objects.count() == 2


def test_an_unknown_office_is_said_beside_the_office_field(setup, client):
    refused = _complaint(client, setup.agency.slug, office="999")
    assert refused.status_code == 422
    beside = error_beside(refused.content.decode(), "office")
    assert "事業所" in beside, beside
    assert not Complaint.objects.exists()
