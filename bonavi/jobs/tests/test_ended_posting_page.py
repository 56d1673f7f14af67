"""/jobs/<id>/ of a public posting that has ended (closed, expired, or past its 掲載期限) answers 410 Gone with
「この求人の掲載は終了しました」, its title and company and open postings like it, noindex — not a bare 404 for a
link she saved or was sent (the walk of session 16; ADR 0132).

The permission boundary: a 非公開求人 (closed or not), a 下書き, and a posting never published still give everyone not
allowed the plain 404, indistinguishable from one that does not exist; the owner and the operator still see the
posting itself."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs import services
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import RecentView

pytestmark = pytest.mark.django_db

ENDED = "この求人の掲載は終了しました"


def _ended(org, **overrides) -> JobPosting:
    """A posting published, then closed with 「募集を終了する」."""
    posting = make_posting(org, **overrides)
    return services.posting_close(user=org.members.first(), posting=posting)


def _as(who: str, seeker: User, other_employer: User) -> Client:
    client = Client()
    if who == "seeker":
        client.force_login(seeker)
    elif who == "other_employer":
        client.force_login(other_employer)
    return client


WHO = ["anonymous", "seeker", "other_employer"]


@pytest.mark.parametrize("who", WHO)
def test_an_ended_public_posting_says_so_with_its_title_and_company(
    employer: User, seeker: User, other_employer: User, who: str
) -> None:
    org = employer.organization
    assert org is not None
    ended = _ended(
        org,
        title="経理スタッフ（月次決算）",
        employer_name="株式会社さくら会計",
        prefecture="13",
        duties="売掛金の入金消込をお任せします。",
        wage_min=251_000,
        wage_max=None,
    )
    similar = make_posting(org, title="経理担当（開いている求人）")
    response = _as(who, seeker, other_employer).get(f"/jobs/{ended.pk}/")
    assert response.status_code == 410
    assert response["X-Robots-Tag"] == "noindex"
    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert ENDED in page and "経理スタッフ（月次決算）" in page and "株式会社さくら会計" in page
    assert "掲載終了" in page
    # open postings like it, and a search of its kind of work in its prefecture
    assert f'href="/jobs/{similar.pk}/"' in page and "経理担当（開いている求人）" in page
    assert "/search/?family=accounting&amp;pref=13" in page
    # nothing of the posting beyond its title, company and place: no duties, no pay, no JSON-LD, no 応募
    assert "売掛金の入金消込" not in page
    assert "251,000円" not in page
    assert "application/ld+json" not in page and f"/me/apply/{ended.pk}/" not in page


def test_expired_and_past_its_listing_date_end_the_same_way(employer: User) -> None:
    org = employer.organization
    assert org is not None
    past = make_posting(
        org, title="期限を過ぎた求人", valid_through=timezone.localdate() - dt.timedelta(days=1)
    )
    expired = make_posting(
        org, title="期限切れの求人", valid_through=timezone.localdate() - dt.timedelta(days=1)
    )
    assert services.postings_expire() >= 1
    expired.refresh_from_db()
    assert expired.status == PostingStatus.EXPIRED
    JobPosting.objects.filter(pk=past.pk).update(status=PostingStatus.PUBLISHED)  # before the daily run
    for posting in (past, expired):
        response = Client().get(f"/jobs/{posting.pk}/")
        assert response.status_code == 410 and posting.title in response.content.decode()


@pytest.mark.parametrize("who", WHO)
def test_private_draft_and_never_published_postings_stay_a_plain_404(
    employer: User, seeker: User, other_employer: User, who: str
) -> None:
    org = employer.organization
    assert org is not None
    closed_private = _ended(org, title="非公開で終了した求人", visibility=Visibility.PRIVATE)
    live_private = make_posting(org, title="公開中の非公開求人", visibility=Visibility.PRIVATE)
    draft = make_posting(org, title="下書きの求人", status=PostingStatus.DRAFT)
    # once public, then made 非公開 and closed: it is a 非公開求人 now, and nothing of it is named
    made_private = _ended(org, title="非公開にしてから終了した求人")
    JobPosting.objects.filter(pk=made_private.pk).update(visibility=Visibility.PRIVATE)
    # closed without ever being published (an import or the admin): there was no public page to end
    never = make_posting(org, title="一度も公開していない求人", status=PostingStatus.CLOSED)
    assert never.date_posted is None
    expired_private = make_posting(
        org,
        title="期限切れの非公開求人",
        visibility=Visibility.PRIVATE,
        valid_through=timezone.localdate() - dt.timedelta(days=1),
    )
    client = _as(who, seeker, other_employer)
    missing = client.get("/jobs/999999/")
    assert missing.status_code == 404
    for posting in (closed_private, live_private, draft, made_private, never, expired_private):
        response = client.get(f"/jobs/{posting.pk}/")
        assert response.status_code == 404, posting.title
        body = response.content.decode()
        assert posting.title not in body and ENDED not in body
        # the same page as for an id that does not exist (the CSRF token of the logout form aside)
        masked = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
        assert masked == re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", missing.content.decode()
        ).replace("/jobs/999999/", f"/jobs/{posting.pk}/")


def test_the_owner_and_the_operator_still_see_the_posting_itself(employer: User, operator: User) -> None:
    org = employer.organization
    assert org is not None
    ended = _ended(org, title="終了した自社の求人", duties="年次決算の補助をお任せします。")
    for user in (employer, operator):
        client = Client()
        client.force_login(user)
        response = client.get(f"/jobs/{ended.pk}/")
        assert response.status_code == 200
        assert "年次決算の補助" in response.content.decode() and ENDED not in response.content.decode()


def test_the_ended_page_is_not_recorded_as_a_view(employer: User, seeker: User) -> None:
    org = employer.organization
    assert org is not None
    ended = _ended(org)
    client = Client()
    client.force_login(seeker)
    assert client.get(f"/jobs/{ended.pk}/").status_code == 410
    assert not RecentView.objects.filter(user=seeker).exists()


def test_the_api_still_answers_404(employer: User) -> None:
    org = employer.organization
    assert org is not None
    ended = _ended(org)
    assert Client().get(f"/api/v1/jobs/{ended.pk}").status_code == 404
