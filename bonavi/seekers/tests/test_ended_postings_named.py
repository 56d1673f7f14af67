"""お気に入り and 最近見た求人 name a public posting that has ended — its title, its company, 「掲載終了」 and a link to
the page that says it has ended — where they said only 「掲載が終了した求人」 (the walk of session 16; ADR 0132).
A posting made 非公開 is still not named: the card stays 「掲載が終了した求人」, and nothing of it is in the page
or the API. Each list is her own: read through the seekers selectors, scoped to her."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.jobs import services as jobs
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _two(employer: User) -> tuple[JobPosting, JobPosting]:
    org = employer.organization
    assert org is not None
    ended = make_posting(org, title="経理スタッフ（終了）", employer_name="株式会社さくら会計")
    private = make_posting(org, title="人事アシスタント（非公開に）", employer_name="株式会社ひみつ商事")
    return ended, private


def _end(employer: User, ended: JobPosting, private: JobPosting) -> None:
    jobs.posting_close(user=employer, posting=ended)
    JobPosting.objects.filter(pk=private.pk).update(visibility=Visibility.PRIVATE)


def test_favourites_name_an_ended_posting_but_not_one_made_private(seeker: User, employer: User) -> None:
    ended, private = _two(employer)
    for p in (ended, private):
        services.favorite_add(user=seeker, posting_id=p.pk)
    _end(employer, ended, private)
    page = _client(seeker).get("/me/favorites/").content.decode()
    assert "経理スタッフ（終了）" in page and "株式会社さくら会計" in page and "掲載終了" in page
    assert f'<a href="/jobs/{ended.pk}/">経理スタッフ（終了）</a>' in page
    assert "人事アシスタント（非公開に）" not in page and "株式会社ひみつ商事" not in page
    assert page.count("掲載が終了した求人") == 1  # the private one, unnamed
    # neither can be picked for the compare table
    assert f'name="ids" value="{ended.pk}"' not in page and f'name="ids" value="{private.pk}"' not in page
    # the API keeps its shape: no content for either
    api = _client(seeker).get("/api/v1/me/favorites").json()
    assert all(not f["available"] and f["posting"] is None for f in api)


def test_recent_views_name_an_ended_posting_but_not_one_made_private(seeker: User, employer: User) -> None:
    ended, private = _two(employer)
    client = _client(seeker)
    for p in (ended, private):
        assert client.get(f"/jobs/{p.pk}/").status_code == 200
    _end(employer, ended, private)
    page = client.get("/me/recent/").content.decode()
    assert "経理スタッフ（終了）" in page and "株式会社さくら会計" in page and "掲載終了" in page
    assert "「経理スタッフ（終了）」を履歴から削除" in page
    assert "人事アシスタント（非公開に）" not in page and "株式会社ひみつ商事" not in page
    assert page.count("掲載が終了した求人") == 1


def test_another_seeker_sees_none_of_it(seeker: User, employer: User) -> None:
    ended, private = _two(employer)
    services.favorite_add(user=seeker, posting_id=ended.pk)
    _client(seeker).get(f"/jobs/{ended.pk}/")
    _end(employer, ended, private)
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    client = _client(other)
    for url in ("/me/favorites/", "/me/recent/"):
        assert "経理スタッフ（終了）" not in client.get(url).content.decode()
