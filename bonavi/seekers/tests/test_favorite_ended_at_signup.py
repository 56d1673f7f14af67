"""☆ of a posting that ended (募集終了, 期限切れ, made 非公開 or put back to 下書き) between the logged-out ☆ and her
sign-up's confirmation — or her login (ADR 0132) — ends on the job search with 「お気に入りに追加しようとした求人は
掲載が終了しています」, not on the ☆'s 404 (ADR 0148; ADR 0136 「Consequences」). Nothing is stored, and the message
never names the posting: a 非公開 one's title is not hers to read. A GET of such a ☆ without that login is the 404
as before."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.notifications.tests.smtp import Inbox
from bonavi.seekers.tests.test_favorite_added_at_login import PASSWORD, _seeker, _star_next
from bonavi.seekers.tests.test_favorite_added_at_signup import (
    _confirm,
    _favourites,
    _mailed_link,
    _sign_up_from_the_star,
)

pytestmark = pytest.mark.django_db

GONE_MESSAGE = "お気に入りに追加しようとした求人は掲載が終了しています。"

CHANGES = {
    "closed": {"status": PostingStatus.CLOSED},
    "expired": {"status": PostingStatus.EXPIRED},
    "private": {"visibility": Visibility.PRIVATE},
    "draft": {"status": PostingStatus.DRAFT},
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_posting_ended_before_the_confirmation_lands_on_the_search_with_a_message(
    posting: JobPosting, smtp_inbox: Inbox, change: str
) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    JobPosting.objects.filter(pk=posting.pk).update(**CHANGES[change])

    client, response = _confirm(_mailed_link(smtp_inbox), follow=True)

    assert response.status_code == 200
    assert [url for url, _ in response.redirect_chain][-1] == "/search/"
    page = response.content.decode()
    assert page.count(GONE_MESSAGE) == 1 and "本登録が完了しました" in page
    assert posting.title not in page
    assert User.objects.filter(email="hoshi-new@example.com").exists() and _favourites() == []
    # The note is spent: the ☆'s URL opened again is the plain 404.
    assert client.get(f"/me/favorites/{posting.pk}/").status_code == 404


@pytest.mark.parametrize("change", ["closed", "private"])
def test_a_posting_ended_before_the_login_lands_on_the_search_too(posting: JobPosting, change: str) -> None:
    user = _seeker()
    client = Client(enforce_csrf_checks=True)
    token = client.get("/accounts/login/", {"next": _star_next(posting)}).cookies["csrftoken"].value
    JobPosting.objects.filter(pk=posting.pk).update(**CHANGES[change])

    response = client.post(
        "/accounts/login/",
        {
            "email": user.email,
            "password": PASSWORD,
            "next": _star_next(posting),
            "csrfmiddlewaretoken": token,
        },
        follow=True,
    )

    assert [url for url, _ in response.redirect_chain][-1] == "/search/"
    page = response.content.decode()
    assert page.count(GONE_MESSAGE) == 1 and posting.title not in page
    assert not user.favorites.exists()


def test_the_star_of_an_ended_posting_without_that_login_is_still_a_404(posting: JobPosting) -> None:
    user = _seeker()
    JobPosting.objects.filter(pk=posting.pk).update(status=PostingStatus.CLOSED)
    client = Client()
    client.force_login(user)
    response = client.get(f"/me/favorites/{posting.pk}/")
    assert response.status_code == 404 and GONE_MESSAGE not in response.content.decode()
