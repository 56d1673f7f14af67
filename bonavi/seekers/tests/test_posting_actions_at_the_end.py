"""A posting's page repeats its actions (☆, 応募する or 応募済み, 面接練習) after the 労働条件: at 390 px the page is
about 6,400 px, and 応募 was only at its top. The repeat has an id of its own and the page no id twice; its ☆, sent
without JavaScript, comes back to it rather than to the top."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _page(client: Client, posting: JobPosting) -> str:
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _no_id_twice(page: str) -> None:
    twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
    assert not twice, twice


def _after_conditions(page: str) -> str:
    """What follows the last section of the 労働条件 (募集者)."""
    assert 'id="h-emp"' in page
    return page.split('id="h-emp"', 1)[1]


def test_apply_is_offered_again_after_the_conditions(
    client: Client, seeker: User, posting: JobPosting
) -> None:
    apply = f'href="/me/apply/{posting.pk}/"'
    anonymous = _page(client, posting)
    # the top, after the 労働条件, and the phone's apply bar at the end (seekers/_apply_bar.html)
    assert anonymous.count(apply) == 3 and apply in _after_conditions(anonymous)
    _no_id_twice(anonymous)

    client.force_login(seeker)
    page = _page(client, posting)
    end = _after_conditions(page)
    assert f'<div class="actions posting-actions end" id="job-{posting.pk}-end">' in end
    assert apply in end and "☆ お気に入り" in end and "この求人で面接練習" in end
    assert page.count(apply) == 3
    _no_id_twice(page)


def test_after_applying_both_say_so(
    profiled_seeker: User, posting: JobPosting, application: Application
) -> None:
    client = Client()
    client.force_login(profiled_seeker)
    page = _page(client, posting)
    assert f"/me/apply/{posting.pk}/" not in page
    assert page.count(f'href="/me/applications/{application.pk}/"') == 2
    assert f"/me/applications/{application.pk}/" in _after_conditions(page)
    _no_id_twice(page)


def test_the_star_at_the_end_comes_back_to_the_end(seeker: User, posting: JobPosting) -> None:
    client = Client()
    client.force_login(seeker)
    here = f"/jobs/{posting.pk}/"
    assert 'name="at" value="end"' in _after_conditions(_page(client, posting))
    added = client.post(f"/me/favorites/{posting.pk}/", {"next": here, "at": "end"})
    assert added.status_code == 302 and added["Location"] == f"{here}#job-{posting.pk}-end"
    # Every ☆ of the page (the top, the end, the phone's apply bar) says it is a favourite now; the top one still
    # comes back to the top.
    page = _page(client, posting)
    assert page.count("★ お気に入り") == 3
    top = client.post(f"/me/favorites/{posting.pk}/", {"next": here, "action": "remove"})
    assert top["Location"] == f"{here}#job-{posting.pk}"
    # Any other value is no place of the page: the card's anchor, as before.
    odd = client.post(f"/me/favorites/{posting.pk}/", {"next": here, "at": "elsewhere"})
    assert odd["Location"] == f"{here}#job-{posting.pk}"
