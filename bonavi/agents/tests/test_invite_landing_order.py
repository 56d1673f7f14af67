"""An invited visitor came to apply: the 求職の申込み (with the purposes she consents to) comes first under the
invitation, the 手数料・返戻金・規程 below it, still on the page; a plain visit keeps the 掲示事項 first (ADR 0141)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from bonavi.agents import invitations
from bonavi.agents.models import Invitation

pytestmark = pytest.mark.django_db


def _invited(client, setup) -> str:
    client.force_login(setup.ca)
    client.post("/agent/invitations/", {"name": "山田 さくら", "email": "sakura@example.jp", "note": ""})
    url = urlsplit(invitations.invitation_url(Invitation.objects.get()))
    client.logout()
    return f"{url.path}?{url.query}"


def test_an_invited_visit_puts_the_application_first_and_the_fees_below(client, setup, seeker):
    link = _invited(client, setup)
    client.force_login(seeker)

    page = client.get(link).content.decode()

    assert page.count('id="apply"') == 1 and page.count('name="consent"') == 1
    assert page.index('id="invitation-title"') < page.index('id="apply"') < page.index('id="fees"')
    assert page.index('id="apply"') < page.index('id="refund"') < page.index('id="operating-rules"')
    assert "紹介手数料：理論年収の30%" in page  # still on the page, below


def test_a_plain_visit_keeps_the_disclosures_first(client, setup):
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()

    assert page.count('id="apply"') == 1
    assert page.index('id="fees"') < page.index('id="operating-rules"') < page.index('id="apply"')
