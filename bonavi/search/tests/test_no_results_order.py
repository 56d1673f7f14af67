"""A search that finds nothing says so first: 「ログインして、この条件の新着求人をメールで受け取る」 (or the signed-in
「この条件を保存」) stood above 「見つかりませんでした」 and 「もしかして」, so the page's answer came second (ADR 0121).
With results, saving the search stays the one stop between the sort links and them (ADR 0101)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

NOT_FOUND = "条件に合う求人が見つかりませんでした"
MAYBE = "もしかして：<a"


def test_logged_out_the_answer_and_the_guess_come_before_the_login_offer(
    client: Client, employer: User
) -> None:
    make_posting(employer.organization, title="経理事務スタッフ", duties="伝票の起票。")
    html = client.get("/search/", {"q": "経里"}).content.decode()
    offer = html.index("ログインして、この条件の新着求人をメールで受け取る")
    assert html.index(NOT_FOUND) < html.index(MAYBE) < offer


def test_signed_in_saving_comes_after_them_too(seeker: User, employer: User) -> None:
    make_posting(employer.organization, title="経理事務スタッフ", duties="伝票の起票。")
    client = Client()
    client.force_login(seeker)
    html = client.get("/search/", {"q": "経里"}).content.decode()
    assert html.count('id="save-search"') == 1
    assert html.index(NOT_FOUND) < html.index(MAYBE) < html.index('id="save-search"')


def test_with_results_saving_stays_before_them(seeker: User, employer: User) -> None:
    make_posting(employer.organization, title="経理事務スタッフ", duties="伝票の起票。")
    client = Client()
    client.force_login(seeker)
    html = client.get("/search/", {"q": "経理"}).content.decode()
    assert html.count('id="save-search"') == 1
    assert html.index('id="save-search"') < html.index('class="card job-card"')
