"""「コピーして作成」 on 求人管理 (ADR 0146): an employer hiring for the same role again copies one of her postings, in any
state, into a new 下書き that opens in the edit form. What she typed is copied; the state, the dates, the 社内管理番号
and the applications are not. POST only, and only a posting of her own company."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs import services
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _copy_url(posting: JobPosting) -> str:
    return reverse("jobs:employer_copy", args=[posting.pk])


@pytest.mark.parametrize(
    "status", [PostingStatus.DRAFT, PostingStatus.PUBLISHED, PostingStatus.CLOSED, PostingStatus.EXPIRED]
)
def test_a_posting_in_any_state_is_copied_into_a_new_draft(employer: User, status: str) -> None:
    original = make_posting(
        employer.organization,
        status=status,
        title="経理事務（本社）",
        reference="K-001",
        appeal="少人数のチームで、月次決算まで覚えられます。",
        wage_min=250_000,
        valid_through=timezone.localdate() - dt.timedelta(days=3)
        if status == PostingStatus.EXPIRED
        else timezone.localdate() + dt.timedelta(days=20),
        date_posted=None if status == PostingStatus.DRAFT else timezone.now() - dt.timedelta(days=40),
    )
    copied = services.posting_copy(user=employer, posting=original)
    copied.refresh_from_db()
    assert copied.pk != original.pk
    assert copied.status == PostingStatus.DRAFT
    assert copied.organization_id == original.organization_id and copied.created_by_id == employer.pk
    assert copied.title == "経理事務（本社）（コピー）"
    # what she typed comes along
    for name in (
        "subrole",
        "duties",
        "appeal",
        "wage_min",
        "wage_max",
        "prefecture",
        "municipality",
        "family",
    ):
        assert getattr(copied, name) == getattr(original, name), name
    assert (copied.start_time, copied.insurance_health) == (original.start_time, original.insurance_health)
    # what belongs to the original's life does not
    assert copied.reference == ""
    assert copied.date_posted is None and copied.valid_through is None and copied.closed_at is None
    original.refresh_from_db()
    assert (
        original.status == status and original.title == "経理事務（本社）" and original.reference == "K-001"
    )


def test_the_copy_has_none_of_the_originals_applications(employer: User, seeker: User) -> None:
    original = make_posting(employer.organization)
    Application.objects.create(posting=original, applicant=seeker)
    copied = services.posting_copy(user=employer, posting=original)
    assert not Application.objects.filter(posting=copied).exists()
    assert Application.objects.filter(posting=original).count() == 1


def test_a_long_title_is_cut_to_fit_the_mark(employer: User) -> None:
    original = make_posting(employer.organization, title="経" * 120)
    copied = services.posting_copy(user=employer, posting=original)
    assert len(copied.title) == 120 and copied.title.endswith("（コピー）")


def test_the_same_posting_copied_twice_gives_two_drafts(employer: User) -> None:
    """The 社内管理番号 is unique within the company: copying it would refuse the second copy (or the first)."""
    original = make_posting(employer.organization, reference="K-002")
    first = services.posting_copy(user=employer, posting=original)
    second = services.posting_copy(user=employer, posting=original)
    assert first.pk != second.pk and first.reference == second.reference == ""


def test_the_button_posts_and_opens_the_new_draft_in_the_edit_form(employer: User) -> None:
    original = make_posting(employer.organization, title="総務スタッフ", status=PostingStatus.CLOSED)
    client = _client(employer)
    response = client.post(_copy_url(original))
    copied = JobPosting.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:employer_edit", args=[copied.pk])
    page = client.get(response["Location"]).content.decode()
    assert "「総務スタッフ」をコピーして下書きを作成しました" in page
    assert 'value="総務スタッフ（コピー）"' in page


def test_a_get_copies_nothing(employer: User) -> None:
    original = make_posting(employer.organization)
    assert _client(employer).get(_copy_url(original)).status_code == 405
    assert JobPosting.objects.count() == 1


def test_another_companys_posting_is_not_found_and_nothing_is_made(
    employer: User, other_employer: User
) -> None:
    theirs = make_posting(other_employer.organization, title="よその求人")
    assert _client(employer).post(_copy_url(theirs)).status_code == 404
    assert JobPosting.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.posting_copy(user=employer, posting=theirs)
    assert JobPosting.objects.count() == 1


def test_a_seeker_cannot_copy(seeker: User, employer: User) -> None:
    original = make_posting(employer.organization)
    assert _client(seeker).post(_copy_url(original)).status_code == 403
    assert JobPosting.objects.count() == 1


def _copy_forms(html: str, posting: JobPosting) -> list[str]:
    action = re.escape(_copy_url(posting))
    return re.findall(rf'<form method="post" action="{action}"[^>]*>(.*?)</form>', html, re.S)


def test_each_list_row_the_preview_and_the_edit_page_offer_it(employer: User) -> None:
    client = _client(employer)
    published = make_posting(employer.organization, title="経理事務")
    closed = make_posting(employer.organization, title="人事事務", status=PostingStatus.CLOSED)
    listing = client.get(reverse("jobs:employer_list")).content.decode()
    for posting in (published, closed):
        (form,) = _copy_forms(listing, posting)
        assert "csrfmiddlewaretoken" in form and ">コピーして作成</button>" in form
        assert f'aria-label="「{posting.title}」をコピーして作成"' in form
    for name in ("jobs:employer_preview", "jobs:employer_edit"):
        page = client.get(reverse(name, args=[closed.pk])).content.decode()
        (form,) = _copy_forms(page, closed)
        assert "csrfmiddlewaretoken" in form
    # the edit page's copy is a form of its own, after the posting's (it does not save what was typed)
    edit = client.get(reverse("jobs:employer_edit", args=[published.pk])).content.decode()
    assert edit.index(_copy_url(published)) > edit.index("保存してプレビュー")
    assert _copy_url(published) not in client.get(reverse("jobs:employer_create")).content.decode()
