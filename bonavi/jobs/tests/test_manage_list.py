"""求人管理 (/jobs/manage/) narrowed by 状況 (UX review: the list could not be filtered); the applicant counts and
the 応募数 order are tested where applications and referrals live (seekers, agents)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import User
from bonavi.jobs import applicant_counts, views
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
    assert counts >= 3  # 直接応募, うち応募済のまま (seekers), エージェント推薦 (agents)

    default = _postings_query(client)
    assert default.count("SELECT") == 1 + counts and applicant_counts.TOTAL not in default
    by_total = _postings_query(client, sort="applicants")
    assert by_total.count("SELECT") == 1 + counts + summed and applicant_counts.TOTAL in by_total


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/jobs/manage/\d+/preview/">([^<]+)</a></h2>', html)


def test_rows_tell_same_titled_postings_apart(client: Client, employer: User) -> None:
    """UX review: three 「ヘルプデスク」 in one list with nothing to tell them apart."""
    org = employer.organization
    make_posting(org, title="ヘルプデスク", prefecture="27", municipality="大阪市北区", reference="HD-02")
    make_posting(org, title="ヘルプデスク", prefecture="13", municipality="", employment_type="part")
    client.force_login(employer)
    html = client.get("/jobs/manage/").content.decode()
    assert "勤務地：大阪府大阪市北区｜正社員｜社内管理番号：HD-02</div>" in html
    assert "勤務地：東京都｜パート・アルバイト</div>" in html  # no 市区町村 stored, no 社内管理番号 set
    assert html.count("情報更新日：") == 2


def test_keyword_finds_title_reference_and_place_of_the_own_postings_only(
    client: Client, employer: User, other_employer: User
) -> None:
    org = employer.organization
    make_posting(org, title="ヘルプデスク", prefecture="27", municipality="大阪市北区", reference="HD-01")
    make_posting(org, title="ヘルプデスク", prefecture="13", municipality="千代田区", reference="HD-02")
    make_posting(
        org, title="経理事務（未経験歓迎）", prefecture="13", municipality="港区", status=PostingStatus.DRAFT
    )
    # Another company's postings match every keyword below, and are never listed.
    make_posting(other_employer.organization, title="よそのヘルプデスク", prefecture="13", reference="HD-01")
    client.force_login(employer)

    def found(**params: str) -> list[str]:
        response = client.get("/jobs/manage/", params)
        assert response.status_code == 200
        return _titles(response.content.decode())

    assert found(q="ヘルプ") == ["ヘルプデスク", "ヘルプデスク"]
    assert found(q="ｈｄ－０１") == ["ヘルプデスク"]  # full-width, lower case: the stored 「HD-01」
    assert found(q="港区") == ["経理事務（未経験歓迎）"]
    assert found(q="東京") == ["経理事務（未経験歓迎）", "ヘルプデスク"]  # the prefecture, short form
    assert found(q="東京都千代田区") == ["ヘルプデスク"]  # 勤務地 as the row shows it
    assert found(q="ヘルプデスク　大阪") == ["ヘルプデスク"]  # every word (a full-width space between)
    # A prefecture only from the word's start, whole: 「京都」 is not inside 東京都, 「都」 and 「県」 are no prefecture,
    # and the short form with a city (「大阪北区」) is read as 大阪府 + 北区.
    assert found(q="京都") == [] and found(q="都") == [] and found(q="県") == []
    assert found(q="大阪北区") == ["ヘルプデスク"]
    # Combined with 状況 and kept in the box.
    assert found(q="東京", status="draft") == ["経理事務（未経験歓迎）"]
    assert found(q="HD", status="draft") == []
    html = client.get("/jobs/manage/", {"q": "存在しない番号"}).content.decode()
    assert 'name="q" value="存在しない番号"' in html
    assert "「存在しない番号」に当てはまる求人はありません。" in html
    assert "よそ" not in "".join(found(q="HD")) and found(q="よその") == []


def test_the_pager_keeps_keyword_status_and_sort(client: Client, employer: User, monkeypatch) -> None:
    monkeypatch.setattr(views, "MANAGE_PAGE_SIZE", 2)
    for i in range(3):
        make_posting(employer.organization, title=f"ヘルプデスク{i}")
    make_posting(employer.organization, title="経理スタッフ")
    client.force_login(employer)
    first = client.get("/jobs/manage/", {"q": "ヘルプ", "status": "published", "sort": "applicants"})
    html = first.content.decode()
    assert "（全3件）" in html
    [next_href] = re.findall(r'<a href="([^"]+)" rel="next">', html)
    assert parse_qs(urlsplit(unescape(next_href)).query) == {
        "q": ["ヘルプ"],
        "status": ["published"],
        "sort": ["applicants"],
        "page": ["2"],
    }
    second = client.get("/jobs/manage/" + unescape(next_href)).content.decode()
    assert _titles(second) == ["ヘルプデスク0"] and "経理スタッフ" not in second
