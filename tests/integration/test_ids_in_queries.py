"""Ids that travel in a query string, not in the path, where test_cross_user_access's listing cannot see them: the
比較 page and API take a list of postings (?ids=), and a 非公開求人 or a draft among them shows nothing of itself
(security audit s22, ADR 0163)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def test_compare_shows_nothing_of_a_posting_she_may_not_see(seeker: User, employer: User) -> None:
    org = employer.organization
    assert org is not None
    shown = [make_posting(org, title=f"経理スタッフ{n}") for n in (1, 2)]
    hidden = make_posting(org, title="非公開の経理マネージャー", visibility=Visibility.PRIVATE)
    draft = make_posting(org, title="下書きの経理リーダー", status=PostingStatus.DRAFT)
    ids = ",".join(str(p.pk) for p in (*shown, hidden, draft))
    client = Client()
    client.force_login(seeker)

    page = client.get(f"/me/compare/?ids={ids}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "経理スタッフ1" in text and "経理スタッフ2" in text
    assert "非公開の経理マネージャー" not in text and "下書きの経理リーダー" not in text

    api = client.get(f"/api/v1/me/compare?ids={shown[0].pk},{hidden.pk},{draft.pk}")
    assert api.status_code == 422  # one posting she may see is not a comparison
    assert "非公開" not in api.content.decode() and "下書き" not in api.content.decode()
    api = client.get(f"/api/v1/me/compare?ids={ids}")
    assert api.status_code == 200
    assert "非公開の経理マネージャー" not in api.content.decode() and "下書き" not in api.content.decode()
