"""「募集を終了する」 is on the edit page and on each published posting of 求人管理, not only on the preview (UX review
s12, F12): a POST behind the same ticked box, refused without it on the page it was sent from."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _close_form(html: str, posting: JobPosting) -> str:
    action = reverse("jobs:employer_close", args=[posting.pk])
    m = re.search(rf'<form method="post" action="{re.escape(action)}[^"]*"[^>]*>(.*?)</form>', html, re.S)
    assert m is not None, f"no close form for posting {posting.pk}"
    return m.group(1)


def test_the_edit_page_of_a_published_posting_offers_closing(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization)
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT)
    client.force_login(employer)
    html = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    box = _close_form(html, posting)
    assert 'name="confirm"' in box and "募集を終了します" in box and "csrfmiddlewaretoken" in box
    assert ">募集を終了する</button>" in box
    # the posting form is a form of its own: the close form is not inside it
    assert html.index('id="close-form"') > html.index("保存してプレビュー")
    draft_html = client.get(reverse("jobs:employer_edit", args=[draft.pk])).content.decode()
    assert reverse("jobs:employer_close", args=[draft.pk]) not in draft_html


def test_closing_from_the_edit_page_asks_for_the_tick_there(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization)
    client.force_login(employer)
    url = reverse("jobs:employer_close", args=[posting.pk]) + "?from=edit"
    response = client.post(url, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_title"' in html and "保存してプレビュー" in html  # the edit page, not the preview
    assert 'id="close-error"' in html and "チェックを入れてください" in html
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("jobs:employer_list")
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_each_published_posting_of_the_list_can_be_closed(client: Client, employer: User) -> None:
    first = make_posting(employer.organization, title="経理事務（本社）")
    second = make_posting(employer.organization, title="経理事務（支店）")
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT, title="経理事務（下書き）")
    client.force_login(employer)
    listing = reverse("jobs:employer_list")
    html = client.get(listing, {"q": "経理"}).content.decode()
    for posting in (first, second):
        box = _close_form(html, posting)
        # one box per card: its label names the posting, its refusal has an id of its own
        assert f"「{posting.title}」の募集を終了します" in box
    assert reverse("jobs:employer_close", args=[draft.pk]) not in html
    # the form keeps the list's filters, so a refusal or the page after closing shows the same list
    assert "from=list&amp;q=" in html

    url = reverse("jobs:employer_close", args=[second.pk]) + "?from=list&q=経理"
    response = client.post(url, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<h1>求人管理</h1>" in html and 'value="経理"' in html
    assert f'id="close-{second.pk}-error"' in html and f'id="close-{first.pk}-error"' not in html
    assert "autofocus" in _close_form(html, second)
    # the box is in the card's fold, shown open so the reason and the box are seen without a tap
    card = html.split(f'id="close-{second.pk}-error"')[0].rsplit('<li class="card"', 1)[1]
    assert '<details class="close-posting" open>' in card
    second.refresh_from_db()
    assert second.status == PostingStatus.PUBLISHED

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url == f"{listing}?q=%E7%B5%8C%E7%90%86"
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == PostingStatus.CLOSED and first.status == PostingStatus.PUBLISHED


def test_another_companys_posting_cannot_be_closed_from_any_page(
    client: Client, employer: User, other_employer: User
) -> None:
    posting = make_posting(employer.organization)
    client.force_login(other_employer)
    for origin in ("edit", "list", ""):
        url = reverse("jobs:employer_close", args=[posting.pk]) + f"?from={origin}"
        assert client.post(url, {"confirm": "on"}).status_code == 404
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED


# Only a posting 公開中 can be closed (s13 review, 6): a 下書き was closed too, and a box the page no longer shows
# came back as a 422 with no message.

NOT_OPEN = "募集を終了できるのは公開中の求人だけです（この求人は「{}」です）。"


@pytest.mark.parametrize("status", [PostingStatus.DRAFT, PostingStatus.CLOSED, PostingStatus.EXPIRED])
def test_the_service_closes_only_a_published_posting(employer: User, status: PostingStatus) -> None:
    from bonavi.jobs import services

    posting = make_posting(employer.organization, status=status)
    with pytest.raises(services.PostingInvalid) as refused:
        services.posting_close(user=employer, posting=posting)
    assert refused.value.errors == {"__all__": [NOT_OPEN.format(status.label)]}
    posting.refresh_from_db()
    assert posting.status == status and posting.closed_at is None


@pytest.mark.parametrize(
    ("origin", "back"),
    [("edit", "jobs:employer_edit"), ("", "jobs:employer_preview"), ("list", "jobs:employer_list")],
)
@pytest.mark.parametrize("ticked", [True, False])
def test_closing_a_posting_no_longer_published_says_why_on_the_page_it_came_from(
    client: Client, employer: User, origin: str, back: str, ticked: bool
) -> None:
    """The page was opened while the posting was 公開中; meanwhile it ended (or it was a 下書き all along). The box
    is gone from the page, so the reason is said above it, on the page the person was on."""
    posting = make_posting(employer.organization, status=PostingStatus.EXPIRED)
    client.force_login(employer)
    url = reverse("jobs:employer_close", args=[posting.pk]) + f"?from={origin}&q=経理"
    response = client.post(url, {"confirm": "on"} if ticked else {})
    target = reverse(back, args=[] if origin == "list" else [posting.pk])
    if origin == "list":
        target += "?q=%E7%B5%8C%E7%90%86"
    assert response.status_code == 302 and response.url == target
    page = client.get(response.url).content.decode()
    assert NOT_OPEN.format("掲載期限切れ") in page
    posting.refresh_from_db()
    assert posting.status == PostingStatus.EXPIRED and posting.closed_at is None


def test_a_refused_tick_for_a_posting_not_on_the_listed_page_is_said_above_the_list(
    client: Client, employer: User
) -> None:
    """The list's filters no longer show the posting (here: another keyword): its box cannot say the reason, so the
    list says it at the top, and nothing is closed."""
    posting = make_posting(employer.organization, title="経理事務（本社）")
    client.force_login(employer)
    url = reverse("jobs:employer_close", args=[posting.pk]) + "?from=list&q=総務"
    response = client.post(url, {})
    assert response.status_code == 302
    assert response.url == reverse("jobs:employer_list") + "?q=%E7%B7%8F%E5%8B%99"
    page = client.get(response.url).content.decode()
    assert "「経理事務（本社）」の募集を終了します」にチェックを入れてください。" in page
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED


def test_the_api_refuses_to_close_a_draft_in_words(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT)
    client.force_login(employer)
    response = client.post(f"/api/v1/employer/postings/{posting.pk}/close")
    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": [NOT_OPEN.format("下書き")]}
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_the_admin_action_names_a_draft_it_did_not_close(
    client: Client, employer: User, operator: User
) -> None:
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT, title="経理事務（下書き）")
    client.force_login(operator)
    response = client.post(
        "/admin/jobs/jobposting/", {"action": "close_selected", "_selected_action": [draft.pk]}, follow=True
    )
    page = response.content.decode()
    assert (
        f"募集を終了できません。「経理事務（下書き）」（ID {draft.pk}）：{NOT_OPEN.format('下書き')}" in page
    )
    draft.refresh_from_db()
    assert draft.status == PostingStatus.DRAFT and draft.closed_at is None
