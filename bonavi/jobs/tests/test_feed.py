"""The Indeed-style XML job feed: well-formed whatever the postings say, public postings only, built into files that
the view sends (never rendered per request, never built twice at once), cached."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from bonavi.accounts.models import User
from bonavi.jobs import feed, feed_files, views
from bonavi.jobs.models import FeedStaffChange, JobPosting, PostingStatus, Visibility, WageUnit
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

URL = "/feeds/jobs.xml"
# Every C0 control character: XML 1.0 allows only tab, LF and CR of them.
CONTROLS = "".join(chr(c) for c in range(0x20))
LEGAL_CONTROLS = {"\t", "\n", "\r"}


@pytest.fixture(autouse=True)
def feed_dir(settings: Any, tmp_path: Path) -> None:
    settings.FEED_DIR = tmp_path / "feeds"


def _body(response: HttpResponseBase) -> bytes:
    assert isinstance(response, StreamingHttpResponse)  # FileResponse is one
    return b"".join(response.streaming_content)


def _build() -> feed_files.FeedBuild:
    result = feed_files.feed_refresh(force=True)
    assert result is not None
    return result


def _feed(client: Client, url: str = URL) -> ET.Element:
    """The feed as the worker's latest build has it."""
    _build()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ET.fromstring(_body(response))


def _jobs(root: ET.Element) -> dict[str, ET.Element]:
    refs = [job.findtext("referencenumber") for job in root.iter("job")]
    assert len(refs) == len(set(refs)), Counter(refs).most_common(3)
    return {str(ref): job for ref, job in zip(refs, root.iter("job"), strict=True)}


def _jsonld(client: Client, posting: JobPosting) -> dict:
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_hostile_text_stays_well_formed_and_is_kept(client: Client, employer: User) -> None:
    org = employer.organization
    assert org is not None
    # PostgreSQL cannot store U+0000 at all; SQLite can, and the feed must survive it there.
    controls = CONTROLS[1:] if connection.vendor == "postgresql" else CONTROLS
    hostile = [
        "経理 & 財務 <b>急募</b> ]]> 終わり",
        f"制御文字{controls}入り",
        "絵文字😀👩‍💼つき ]]]]>> ]]",
        "長文" + "あ]]>" * 29,  # 118 characters: the column holds 120
    ]
    postings = [
        make_posting(
            org, title=title, duties=f"{title}の業務です。{controls}\uffff" + "い" * 3900 + "う]]>" * 2000
        )
        for title in hostile
    ]
    jobs = _jobs(_feed(client))
    for posting in postings:
        job = jobs[f"bonavi-{posting.pk}"]
        # The text arrives as written, less only the characters XML cannot carry.
        expected = "".join(c for c in posting.title if c >= " " or c in LEGAL_CONTROLS).replace("\r", "\n")
        assert job.findtext("title") == expected
        assert "<b>急募</b>" in jobs[f"bonavi-{postings[0].pk}"].findtext("title", "")
        description = job.findtext("description", "")
        assert (
            all(part in description for part in expected.split())
            and "い" * 3900 + "う]]>" * 2000 in description
        )
        assert not set(description) & (set(CONTROLS) - LEGAL_CONTROLS)
        assert "\uffff" not in description


def test_only_public_postings_each_once(client: Client, employer: User, other_employer: User) -> None:
    org, other = employer.organization, other_employer.organization
    assert org is not None and other is not None
    public = [make_posting(org, title=f"公開の経理求人{i}") for i in range(3)] + [
        make_posting(other, title="別会社の公開求人")
    ]
    hidden = [
        make_posting(org, visibility=Visibility.PRIVATE, title="非公開の人事求人"),
        make_posting(org, status=PostingStatus.DRAFT, title="下書きの総務求人"),
        make_posting(org, status=PostingStatus.CLOSED, title="終了した法務求人"),
        make_posting(org, title="期限切れの広報求人", valid_through=dt.date(2020, 1, 1)),
        make_posting(org, status=PostingStatus.EXPIRED, title="掲載期限切れの求人"),
    ]
    _build()
    response = client.get(URL)
    raw = _body(response).decode()
    jobs = _jobs(ET.fromstring(raw))
    assert sorted(jobs) == sorted(f"bonavi-{p.pk}" for p in public)
    # Every file of the build leaves them out, the gzipped and the filtered ones too.
    for path in feed_files.feed_dir().glob("jobs*.gz"):
        text = gzip.decompress(path.read_bytes()).decode()
        assert ET.fromstring(text).tag == "source"
        assert not any(f"bonavi-{p.pk}]" in text for p in hidden)
    for posting in public:
        assert raw.count(f"<referencenumber><![CDATA[bonavi-{posting.pk}]]>") == 1
        assert jobs[f"bonavi-{posting.pk}"].findtext("url") == f"{settings.SITE_URL}/jobs/{posting.pk}/"
    for posting in hidden:
        assert posting.title not in raw
        assert f"bonavi-{posting.pk}<" not in raw.replace("]]>", "")
        assert f"/jobs/{posting.pk}/" not in raw


def test_a_job_has_the_indeed_elements_and_the_required_conditions(client: Client, employer: User) -> None:
    org = employer.organization
    assert org is not None
    posting = make_posting(
        org,
        fixed_term=True,
        contract_months=6,
        renewal="possible",
        renewal_criteria="勤務成績による",
        fixed_overtime=True,
        fixed_overtime_amount=40_000,
        fixed_overtime_hours=20,
        fixed_overtime_excess_paid=True,
        smoking_measure="indoor_room",
    )
    root = _feed(client)
    assert root.tag == "source"
    assert root.findtext("publisher") == "BOナビ"
    assert root.findtext("publisherurl") == f"{settings.SITE_URL}/"
    assert parsedate_to_datetime(root.findtext("lastBuildDate", "")).tzinfo is not None
    job = _jobs(root)[f"bonavi-{posting.pk}"]
    assert job.findtext("title") == posting.title
    assert job.findtext("company") == "株式会社テスト商事"
    assert (job.findtext("city"), job.findtext("state"), job.findtext("country")) == (
        "千代田区",
        "東京都",
        "JP",
    )
    assert job.findtext("streetaddress") == "丸の内1-1-1"
    assert job.findtext("category") == "経理・財務／経理事務"
    assert job.findtext("salary") == "月給230,000円〜280,000円"
    assert job.findtext("expirationdate") == f"{posting.valid_through}T23:59:59+09:00"
    assert posting.date_posted is not None
    assert parsedate_to_datetime(job.findtext("date", "")) == posting.date_posted.replace(microsecond=0)
    description = job.findtext("description", "")
    for text in (
        "【仕事内容】",
        "業務内容（雇入れ直後）：伝票の起票",
        "業務内容の変更の範囲：会社の定める業務",
        "就業場所の変更の範囲：会社の定める場所（テレワークを含む）",
        "契約期間：期間の定めあり（6か月）",
        "更新の基準：勤務成績による",
        "試用期間：あり（3か月）",
        "就業時間：9:00〜18:00",
        "休憩時間：60分",
        "時間外労働：あり（月平均10時間）",
        "年間休日125日",
        "月給230,000円〜280,000円",
        "固定残業代：40,000円（20時間分の時間外労働に対する手当）",
        "加入保険：雇用保険・労災保険・健康保険・厚生年金",
        "受動喫煙対策：屋内原則禁煙（喫煙専用室あり）",
        "募集者の名称：株式会社テスト商事",
    ):
        assert text in description, text
    assert "<" not in description and "&amp;" not in description  # plain text, not the page's HTML


@pytest.mark.parametrize(
    ("employment_type", "wage_unit"),
    [("seishain", "month"), ("keiyaku", "year"), ("haken", "hour"), ("part", "day")],
)
def test_jobtype_and_wage_unit_agree_with_the_jsonld(
    client: Client, employer: User, employment_type: str, wage_unit: str
) -> None:
    assert employer.organization is not None
    posting = make_posting(
        employer.organization,
        employment_type=employment_type,
        wage_unit=wage_unit,
        wage_min=1_500,
        wage_max=None,
        is_dispatch=employment_type == "haken",
    )
    job = _jobs(_feed(client))[f"bonavi-{posting.pk}"]
    data = _jsonld(client, posting)
    assert job.findtext("jobtype") == feed.INDEED_JOBTYPE[data["employmentType"]]
    assert (
        data["baseSalary"]["value"]["unitText"]
        == {"月給": "MONTH", "年俸": "YEAR", "時給": "HOUR", "日給": "DAY"}[WageUnit(wage_unit).label]
    )
    assert job.findtext("salary") == f"{WageUnit(wage_unit).label}1,500円"
    assert job.findtext("referencenumber") == data["identifier"]["value"]
    assert job.findtext("url") == data["url"]
    assert job.findtext("company") == data["hiringOrganization"]["name"]
    assert job.findtext("expirationdate") == data["validThrough"]


def test_every_schema_employment_type_has_an_indeed_jobtype() -> None:
    from bonavi.jobs.jsonld import EMPLOYMENT_TYPE

    assert set(EMPLOYMENT_TYPE.values()) == set(feed.INDEED_JOBTYPE)


def test_last_modified_and_304(client: Client, employer: User) -> None:
    assert employer.organization is not None
    kept = make_posting(employer.organization, title="残る求人")
    closing = make_posting(employer.organization, title="終了する求人")
    earlier = timezone.now() - dt.timedelta(seconds=10)
    JobPosting.objects.update(updated_at=earlier)
    FeedStaffChange.objects.update(changed_at=earlier)  # the employer's joining is a change of the feed too
    _build()
    first = client.get(URL)
    _body(first)
    last_modified = first["Last-Modified"]
    assert parsedate_to_datetime(last_modified) == feed.feed_last_modified().replace(microsecond=0)
    assert first["Cache-Control"] == "no-cache" and "Accept-Encoding" in first["Vary"]

    again = client.get(URL, headers={"if-modified-since": last_modified})
    assert again.status_code == 304 and again["Last-Modified"] == last_modified
    assert again.content == b""

    # Closing a posting leaves no public posting newer than before, yet the feed changed: no 304.
    closing.status = PostingStatus.CLOSED
    closing.save()
    assert feed_files.feed_refresh() is not None  # the worker's next round: a posting changed, so it rebuilds
    changed = client.get(URL, headers={"if-modified-since": last_modified})
    assert changed.status_code == 200
    body = _body(changed).decode()
    assert f"bonavi-{closing.pk}]" not in body and f"bonavi-{kept.pk}]" in body


def test_last_modified_is_at_least_the_start_of_the_day_in_japan(client: Client, employer: User) -> None:
    """A posting whose 掲載期限 was yesterday leaves the feed at midnight JST without any row changing."""
    assert employer.organization is not None
    posting = make_posting(employer.organization)
    long_ago = timezone.now() - dt.timedelta(days=3)
    JobPosting.objects.filter(pk=posting.pk).update(updated_at=long_ago)
    FeedStaffChange.objects.update(changed_at=long_ago)
    _build()
    response = client.get(URL, headers={"if-modified-since": http_date(long_ago.timestamp())})
    assert response.status_code == 200
    modified = parsedate_to_datetime(response["Last-Modified"])
    assert modified > long_ago
    assert modified.astimezone(dt.timezone(dt.timedelta(hours=9))).time() == dt.time(0, 0)


def test_head_sends_the_headers_without_the_body(client: Client, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    _build()
    response = client.head(URL)
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Type"] == "application/xml; charset=utf-8" and response["Last-Modified"]


def test_the_build_query_count_does_not_grow_with_postings(employer: User, other_employer: User) -> None:
    org, other = employer.organization, other_employer.organization
    assert org is not None and other is not None
    # Postings that take every branch of the conditions (fixed term, fixed overtime, age limit) read every column.
    varied = {
        "fixed_term": True,
        "contract_months": 12,
        "renewal": "possible",
        "renewal_cap": "通算5年",
        "fixed_overtime": True,
        "fixed_overtime_amount": 30_000,
        "fixed_overtime_hours": 15,
        "age_limit": True,
        "age_max": 59,
        "age_exception": "1",
        "age_reason": "定年が60歳のため",
        "allowances": "通勤手当",
        "raise_info": "年1回",
        "bonus_info": "年2回",
        "wage_note": "試用期間中も同額",
        "preferred_qualifications": "日商簿記2級",
        "selection_process": "書類選考→面接1回",
        "employer_name": "",
    }
    make_posting(org, **varied)

    def grow() -> None:
        for i in range(feed.CHUNK_SIZE // 100 + 3):
            make_posting(other if i % 2 else org, title=f"人事労務 {i}", **varied)

    def build_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _build()
        return len(ctx)

    _build()  # warms per-process caches
    before = build_queries()
    grow()
    assert build_queries() == before


def test_a_request_renders_nothing_and_reads_one_indexed_query(client: Client, employer: User) -> None:
    """Once built, the feed costs a request a file read: no template, whatever the number of postings, and one
    query on the `updated_at` index for postings withdrawn since the build (ADR 0081 amendment 4) and one on the
    `changed_at` index for companies whose 採用担当 changed since (addendum s19, staff mark). (Rendered per request, a
    million postings took minutes of CPU per request: anyone could tie up the server.)"""
    assert employer.organization is not None
    make_posting(employer.organization)
    # The company's 採用担当 from before the look-back for late commits (LATE_COMMIT before the build's data time,
    # the posting's change; ADR 0081 addendum s21): within it, that company's postings are one more indexed query.
    FeedStaffChange.objects.update(
        changed_at=timezone.now() - feed_files.LATE_COMMIT - dt.timedelta(minutes=1)
    )
    _build()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
        body = _body(response)
    assert len(ctx) == 2, ctx.captured_queries
    assert "updated_at" in ctx.captured_queries[0]["sql"] and "changed_at" in ctx.captured_queries[1]["sql"]
    assert isinstance(response, FileResponse) and body.count(b"<job>") == 1
    assert body == (feed_files.feed_dir() / "jobs.xml").read_bytes()


def test_closing_or_hiding_a_posting_and_rebuilding_removes_it(client: Client, employer: User) -> None:
    """A posting closed or made 非公開 leaves the served feed at once (ADR 0081 amendment 4: left out of the last
    build's file while it is sent); the worker's next round (every REFRESH_SECONDS) sees the change and rebuilds
    without it."""
    assert employer.organization is not None
    closing = make_posting(employer.organization, title="終了する求人")
    hiding = make_posting(employer.organization, title="非公開にする求人")
    kept = make_posting(employer.organization, title="残る求人")
    _build()
    assert feed_files.feed_refresh() is None  # nothing changed: no rebuild
    closing.status = PostingStatus.CLOSED
    closing.save()
    hiding.visibility = Visibility.PRIVATE
    hiding.save()
    assert (
        f"bonavi-{closing.pk}]".encode() in (feed_files.feed_dir() / "jobs.xml").read_bytes()
    )  # until the rebuild
    assert f"bonavi-{closing.pk}]".encode() not in _body(client.get(URL))  # but never served
    assert feed_files.feed_stale()
    result = feed_files.feed_refresh()
    assert result is not None and result.postings == 1
    for accept in ("", "gzip"):
        response = client.get(URL, headers={"accept-encoding": accept})
        body = _body(response)
        if accept:
            assert response["Content-Encoding"] == "gzip"
            body = gzip.decompress(body)
        assert f"bonavi-{kept.pk}]".encode() in body
        assert f"bonavi-{closing.pk}]".encode() not in body and f"bonavi-{hiding.pk}]".encode() not in body
    assert not feed_files.feed_stale() and feed_files.feed_refresh() is None


def test_a_new_day_in_japan_makes_the_feed_stale(monkeypatch: pytest.MonkeyPatch, employer: User) -> None:
    """Postings past their 掲載期限 leave at midnight JST without any row changing: the day's start rebuilds."""
    assert employer.organization is not None
    make_posting(employer.organization)
    _build()
    assert not feed_files.feed_stale()
    tomorrow = feed.clock.today_jst() + dt.timedelta(days=1)
    monkeypatch.setattr(feed.clock, "today_jst", lambda: tomorrow)
    assert feed_files.feed_stale()


def test_the_freshness_check_reads_an_index_not_every_posting(employer: User) -> None:
    """The worker asks every REFRESH_SECONDS when any posting last changed: Max(updated_at) must be answered from
    the end of an index, not by reading every row (a million postings, ADR 0081; figures in docs/benchmarks.md)."""
    assert employer.organization is not None
    for _ in range(3):
        make_posting(employer.organization)
    with CaptureQueriesContext(connection) as ctx:
        assert feed.selectors.postings_changed_at() is not None
    (query,) = ctx.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # With three rows the planner would rightly scan the table; what matters is that it *can* use an index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + query["sql"])
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "job_updated_at" in plan, plan


def test_with_no_build_yet_a_request_is_answered_at_once_and_one_build_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fresh install: the first requests get a 503 with Retry-After and a Japanese <error> at once, while one build
    runs in the background (it used to run inside the first request, minutes on a big site); afterwards the file is
    sent and nothing is built again."""
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow_build() -> None:
        calls.append(1)
        started.set()
        assert release.wait(10)
        for name in feed_files.file_names():
            (feed_files.feed_dir() / name).write_bytes(
                b'<?xml version="1.0" encoding="utf-8"?>\n<source></source>\n'
            )

    monkeypatch.setattr(feed_files, "feed_build", slow_build)
    answers: list[HttpResponseBase] = []
    asking = threading.Thread(target=lambda: answers.append(views.job_feed(RequestFactory().get(URL))))
    try:
        asking.start()
        asking.join(5)
        assert answers, "the first request waited for the build"
        assert started.wait(10)  # … which runs meanwhile
        again = views.job_feed(RequestFactory().get(URL))
        for waiting in (answers[0], again):
            assert waiting.status_code == 503 and waiting["Retry-After"] == str(views.FEED_RETRY_AFTER)
            assert "作成しています" in (ET.fromstring(waiting.content).text or "")
    finally:
        release.set()
        thread = feed_files._background
        assert thread is not None
        thread.join(10)
    assert views.job_feed(RequestFactory().get(URL)).status_code == 200
    assert calls == [1]


def test_a_missing_file_makes_the_feed_stale(employer: User) -> None:
    """A kind of file the last build did not write (an upgrade) is built at the next refresh, not served as 503
    until a posting changes."""
    assert employer.organization is not None
    make_posting(employer.organization)
    _build()
    assert not feed_files.feed_stale()
    (feed_files.feed_dir() / feed_files.variant_name(family="accounting")).unlink()
    assert feed_files.feed_stale() and feed_files.feed_refresh() is not None


def test_a_running_build_holds_off_the_worker_and_the_command() -> None:
    with feed_files.build_lock() as held:
        assert held
        assert feed_files.feed_refresh(force=True) is None
    assert feed_files.feed_refresh(force=True) is not None


def test_a_failed_build_leaves_the_previous_files(monkeypatch: pytest.MonkeyPatch, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    _build()
    before = (feed_files.feed_dir() / "jobs.xml").read_bytes()

    def broken(p: JobPosting) -> str:
        raise RuntimeError("render failed")

    monkeypatch.setattr(feed, "job_xml", broken)
    with pytest.raises(RuntimeError):
        feed_files.feed_refresh(force=True)
    assert (feed_files.feed_dir() / "jobs.xml").read_bytes() == before
    assert not list(feed_files.feed_dir().glob("*.tmp"))


def test_filters(client: Client, employer: User) -> None:
    assert employer.organization is not None
    tokyo = make_posting(employer.organization, title="東京の経理", prefecture="13")
    osaka = make_posting(
        employer.organization, title="大阪の経理", prefecture="27", municipality="大阪市北区"
    )
    hr = make_posting(employer.organization, title="東京の人事", subrole="payroll")
    make_posting(
        employer.organization, visibility=Visibility.PRIVATE, title="東京の非公開経理", prefecture="13"
    )
    assert set(_jobs(_feed(client, f"{URL}?prefecture=27"))) == {f"bonavi-{osaka.pk}"}
    assert set(_jobs(_feed(client, f"{URL}?prefecture=13"))) == {f"bonavi-{tokyo.pk}", f"bonavi-{hr.pk}"}
    assert set(_jobs(_feed(client, f"{URL}?family=accounting"))) == {
        f"bonavi-{tokyo.pk}",
        f"bonavi-{osaka.pk}",
    }
    assert set(_jobs(_feed(client, f"{URL}?family=hr_labor"))) == {f"bonavi-{hr.pk}"}
    assert len(_jobs(_feed(client, f"{URL}?family=&prefecture="))) == 3
    assert _jobs(_feed(client, f"{URL}?prefecture=47")) == {}
    # A filtered feed is kept gzipped only: sent as it is to a client that takes gzip.
    response = client.get(f"{URL}?prefecture=27", headers={"accept-encoding": "gzip, deflate"})
    assert response["Content-Encoding"] == "gzip"
    assert set(_jobs(ET.fromstring(gzip.decompress(_body(response))))) == {f"bonavi-{osaka.pk}"}


def test_prefecture_and_family_together(client: Client, employer: User) -> None:
    """One family's jobs in one prefecture: a file of its own for each of the 282 pairs, written in the same pass
    (it used to be a 400 asking for one filter). A pair with no jobs is an empty feed, not a 503."""
    assert employer.organization is not None
    tokyo_acc = make_posting(employer.organization, title="東京の経理", prefecture="13")
    make_posting(employer.organization, title="大阪の経理", prefecture="27", municipality="大阪市北区")
    make_posting(employer.organization, title="東京の人事", prefecture="13", subrole="payroll")
    make_posting(
        employer.organization, visibility=Visibility.PRIVATE, title="東京の非公開経理", prefecture="13"
    )
    assert set(_jobs(_feed(client, f"{URL}?prefecture=13&family=accounting"))) == {f"bonavi-{tokyo_acc.pk}"}
    assert _jobs(_feed(client, f"{URL}?prefecture=27&family=hr_labor")) == {}
    gz = client.get(f"{URL}?prefecture=13&family=accounting", headers={"accept-encoding": "gzip"})
    assert gz["Content-Encoding"] == "gzip"
    assert set(_jobs(ET.fromstring(gzip.decompress(_body(gz))))) == {f"bonavi-{tokyo_acc.pk}"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("prefecture=99", "都道府県コード「99」はありません"),
        ("family=<x>]]>", "職種カテゴリ「<x>]]>」はありません"),
        ("prefecture=13&family=sales", "職種カテゴリ「sales」はありません"),
    ],
)
def test_a_bad_filter_is_a_400_in_japanese(client: Client, employer: User, query: str, message: str) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "error" and message in (root.text or "")


def test_post_is_refused(client: Client) -> None:
    assert client.post(URL).status_code == 405


def test_the_api_docs_name_the_feed(client: Client) -> None:
    assert "/feeds/jobs.xml" in client.get("/api/v1/openapi.json").json()["info"]["description"]


def test_bench_command_runs(employer: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("bench_feed", postings=3, runs=1, stdout=out)
    assert "作成" in out.getvalue() and "中央値" in out.getvalue() and "MB" in out.getvalue()


def test_build_feed_command(employer: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    assert employer.organization is not None
    make_posting(employer.organization)
    out = StringIO()
    call_command("build_feed", stdout=out)
    assert "求人 1件" in out.getvalue() and (feed_files.feed_dir() / "jobs.xml.gz").exists()
    call_command("build_feed", stdout=out)
    assert "作成しませんでした" in out.getvalue()
    call_command("build_feed", "--force", stdout=out)
    assert out.getvalue().count("求人 1件") == 2
