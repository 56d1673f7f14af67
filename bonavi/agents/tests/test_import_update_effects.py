"""An update through the bulk import (ADR 0085) has what an edit in the posting form has as its effects: the
candidate proposed the job is told its conditions changed (職業安定法5条の3③), the search index finds the new
title, the 情報更新日 (and so the feed's Last-Modified) moves, and a closed posting is not published again."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from bonavi.agents import services
from bonavi.agents.models import AuditAction
from bonavi.agents.tests.factories import private_order, register
from bonavi.jobs import bulk_import, selectors
from bonavi.jobs import services as job_services
from bonavi.jobs.forms import PostingForm
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

# The required columns and the wage: the cells that stay equal to the posting say what it already says.
HEADERS = [
    "社内管理番号",
    "求人タイトル",
    "職種",
    "雇用形態",
    "都道府県",
    "賃金の単位",
    "賃金（下限・円）",
    "賃金（上限・円）",
]


def by_import(user: Any, posting: JobPosting, *, title: str, wage_min: int) -> None:
    cells = [
        posting.reference,
        title,
        "経理事務",
        "正社員",
        "東京都",
        "月給",
        str(wage_min),
        str(posting.wage_max),
    ]
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, cells])
    outcome = bulk_import.import_run(user=user, filename="a.csv", data=out.getvalue().encode(), dry_run=False)
    assert outcome.updated_ids == [posting.pk], outcome.report


def by_form(user: Any, posting: JobPosting, *, title: str, wage_min: int) -> None:
    unbound = PostingForm(instance=posting)
    data = {name: unbound[name].value() for name in unbound.fields}
    data = {k: ("on" if v is True else "" if v in (None, False) else v) for k, v in data.items()}
    data.update(title=title, wage_min=str(wage_min))
    web = Client()
    web.force_login(user)
    answer = web.post(f"/jobs/manage/{posting.pk}/edit/", data)
    assert answer.status_code == 302, answer.content.decode()[:3000]


CHANGE = {"import": by_import, "form": by_form}


@pytest.mark.parametrize("path", ["import", "form"])
def test_the_proposed_candidate_is_told_of_the_change_either_way(setup, seeker, employer, path):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization)
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    posting = order.posting
    job_services.posting_update(user=employer, posting=posting, data={"reference": "P-1"})

    def told() -> Any:
        return OutboxMessage.objects.filter(to_email=seeker.email, subject__contains="労働条件が変わりました")

    assert not told().exists()  # numbering the posting changes no condition
    CHANGE[path](employer, JobPosting.objects.get(pk=posting.pk), title=posting.title, wage_min=215_000)
    assert told().count() == 1 and "賃金" in told().get().body_text
    assert candidate.audit.filter(action=AuditAction.CONDITIONS_CHANGED, detail__contains="賃金").exists()


@pytest.mark.parametrize("path", ["import", "form"])
def test_search_finds_the_new_title_and_the_update_time_moves_either_way(employer, path):
    posting = make_posting(employer.organization, reference="S-1")
    other = make_posting(employer.organization, title="総務事務（別の求人）")
    before = posting.updated_at
    CHANGE[path](employer, posting, title="連結決算リーダー候補", wage_min=240_000)
    posting.refresh_from_db()
    assert posting.title == "連結決算リーダー候補" and posting.status == PostingStatus.PUBLISHED
    assert posting.updated_at > before
    # the feed is rebuilt when the newest 情報更新日 is newer than the file (feed_files.feed_stale)
    assert selectors.postings_changed_at() == posting.updated_at > other.updated_at
    found = Client().get("/api/v1/jobs/search", {"q": "連結決算"}).json()
    assert [hit["id"] for hit in found["results"]] == [posting.pk]


@pytest.mark.parametrize("path", ["import", "form"])
def test_a_closed_posting_stays_closed_either_way(employer, path):
    posting = make_posting(employer.organization, reference="C-1")
    job_services.posting_close(user=employer, posting=posting)
    CHANGE[path](
        employer, JobPosting.objects.get(pk=posting.pk), title="経理事務（募集終了）", wage_min=240_000
    )
    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("経理事務（募集終了）", PostingStatus.CLOSED)
    assert Client().get("/api/v1/jobs/search", {"q": "募集終了"}).json()["results"] == []
