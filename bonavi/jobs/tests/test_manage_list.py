"""求人管理 (/jobs/manage/) narrowed by 状況 (UX review: the list could not be filtered); the applicant counts and
the 応募数 order are tested where applications and referrals live (seekers, agents)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import User
from bonavi.jobs import applicant_counts
from bonavi.jobs.models import PostingStatus
from bonavi.jobs.tests.factories import make_posting


def test_manage_list_is_filtered_by_status(client: Client, employer: User) -> None:
    make_posting(employer.organization, status=PostingStatus.PUBLISHED, title="公開中の経理")
    make_posting(employer.organization, status=PostingStatus.DRAFT, title="下書きの総務")
    make_posting(employer.organization, status=PostingStatus.CLOSED, title="終了した人事")
    client.force_login(employer)

    every = client.get("/jobs/manage/").content.decode()
    assert all(t in every for t in ("公開中の経理", "下書きの総務", "終了した人事"))
    drafts = client.get("/jobs/manage/", {"status": "draft"}).content.decode()
    assert "下書きの総務" in drafts and "公開中の経理" not in drafts and "終了した人事" not in drafts
    assert '<option value="draft" selected>下書き</option>' in drafts
    closed = client.get("/jobs/manage/", {"status": "closed"}).content.decode()
    assert "終了した人事" in closed and "下書きの総務" not in closed
    # An unknown value (an edited link) lists everything rather than failing.
    odd = client.get("/jobs/manage/", {"status": "nonsense", "sort": "nonsense"})
    assert odd.status_code == 200 and "公開中の経理" in odd.content.decode()


def test_no_posting_of_that_status_says_so(client: Client, employer: User) -> None:
    make_posting(employer.organization, status=PostingStatus.PUBLISHED)
    client.force_login(employer)
    html = client.get("/jobs/manage/", {"status": "expired"}).content.decode()
    assert "この状況の求人はありません。" in html


def _postings_query(client: Client, **params: str) -> str:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/jobs/manage/", params).status_code == 200
    # The page's rows: the one query that reads the counts (the paginator's COUNT(*) leaves them out).
    [rows] = [
        q["sql"] for q in ctx.captured_queries if all(c.name in q["sql"] for c in applicant_counts._COUNTS)
    ]
    return rows


def test_each_count_is_one_subquery_and_the_total_only_when_sorting_by_it(
    client: Client, employer: User
) -> None:
    """The total of 応募数 copied every count's subquery again, on every order, though only 応募数の多い順 reads it."""
    make_posting(employer.organization, status=PostingStatus.PUBLISHED)
    client.force_login(employer)
    counts = len(applicant_counts._COUNTS)
    summed = sum(c.in_total for c in applicant_counts._COUNTS)
    assert counts >= 3  # 直接応募, 未対応 (seekers), エージェント推薦 (agents)

    default = _postings_query(client)
    assert default.count("SELECT") == 1 + counts and applicant_counts.TOTAL not in default
    by_total = _postings_query(client, sort="applicants")
    assert by_total.count("SELECT") == 1 + counts + summed and applicant_counts.TOTAL in by_total
