"""The one pager (templates/includes/pager.html) on the public job list and the employer's list: its links keep
every filter of the address and change only the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs import views
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _pager(html: str) -> str:
    found = re.findall(r'<nav class="pager" aria-label="ページ送り">.*?</nav>', html, re.S)
    assert len(found) == 1
    return found[0]


def test_public_list_pages_with_its_filters_kept(client: Client, employer: User, monkeypatch) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    assert employer.organization is not None
    for i in range(5):
        make_posting(employer.organization, title=f"経理スタッフ{i}", prefecture="13")
    make_posting(employer.organization, title="大阪の経理", prefecture="27")

    first = client.get("/jobs/", {"prefecture": "13", "family": "accounting"})
    assert "includes/pager.html" in [t.name for t in first.templates]
    pager = _pager(first.content.decode())
    assert "前へ" not in pager and "<span>1 / 3</span>" in pager
    assert 'href="?prefecture=13&amp;family=accounting&amp;page=2" rel="next">次へ</a>' in pager

    second = client.get("/jobs/", {"prefecture": "13", "family": "accounting", "page": "2"})
    pager = _pager(second.content.decode())
    assert 'href="?prefecture=13&amp;family=accounting&amp;page=1" rel="prev">前へ</a>' in pager
    assert 'href="?prefecture=13&amp;family=accounting&amp;page=3" rel="next">次へ</a>' in pager
    assert "<span>2 / 3</span>" in pager
    assert "大阪の経理" not in second.content.decode()  # the filter still applies on page 2

    one_page = client.get("/jobs/", {"prefecture": "27"}).content.decode()
    assert 'class="pager"' not in one_page


def test_employer_list_pages_with_its_total(client: Client, employer: User, monkeypatch) -> None:
    monkeypatch.setattr(views, "MANAGE_PAGE_SIZE", 2)
    assert employer.organization is not None
    for i in range(3):
        make_posting(employer.organization, title=f"経理スタッフ{i}")
    client.force_login(employer)
    response = client.get(reverse("jobs:employer_list"), {"page": "2"})
    assert "includes/pager.html" in [t.name for t in response.templates]
    pager = _pager(response.content.decode())
    assert 'href="?page=1" rel="prev">前へ</a>' in pager and "次へ" not in pager
    assert "<span>2 / 2（全3件）</span>" in pager
