"""求人管理 in pages of 20, 公開中 and 下書き before 募集終了 and 掲載期限切れ, the newest first within each. Expiring a
posting touches its 更新日, so 「更新日の新しい順」 alone opened the list on the postings that had just ended; and 42
postings on one page made a 16,600 px page on a phone."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/jobs/manage/\d+/preview/">([^<]+)</a></h2>', html)


def _made(employer: User, title: str, status: str, hours_ago: int) -> None:
    posting = make_posting(employer.organization, title=title, status=status)
    JobPosting.objects.filter(pk=posting.pk).update(updated_at=timezone.now() - dt.timedelta(hours=hours_ago))


def test_open_postings_come_before_ended_ones_newest_first(client: Client, employer: User) -> None:
    _made(employer, "期限切れ（今日）", PostingStatus.EXPIRED, 0)
    _made(employer, "終了（昨日）", PostingStatus.CLOSED, 24)
    _made(employer, "公開中（2日前）", PostingStatus.PUBLISHED, 48)
    _made(employer, "下書き（3日前）", PostingStatus.DRAFT, 72)
    _made(employer, "公開中（4日前）", PostingStatus.PUBLISHED, 96)
    _made(employer, "期限切れ（5日前）", PostingStatus.EXPIRED, 120)
    client.force_login(employer)
    assert _titles(client.get("/jobs/manage/").content.decode()) == [
        "公開中（2日前）",
        "下書き（3日前）",
        "公開中（4日前）",
        "期限切れ（今日）",
        "終了（昨日）",
        "期限切れ（5日前）",
    ]
    # A status chosen lists that status alone, newest first, as before.
    expired = client.get("/jobs/manage/", {"status": "expired"}).content.decode()
    assert _titles(expired) == ["期限切れ（今日）", "期限切れ（5日前）"]


def test_a_page_holds_twenty_postings_and_the_next_keeps_the_filters(client: Client, employer: User) -> None:
    for i in range(22):
        _made(employer, f"経理スタッフ{i:02d}", PostingStatus.PUBLISHED, i)
    _made(employer, "終わった経理", PostingStatus.CLOSED, 0)
    client.force_login(employer)
    first = client.get("/jobs/manage/", {"q": "経理"}).content.decode()
    assert _titles(first) == [f"経理スタッフ{i:02d}" for i in range(20)]
    assert "1 / 2（全23件）" in first
    [next_href] = re.findall(r'<a href="([^"]+)" rel="next">', first)
    assert unescape(next_href) == "?q=%E7%B5%8C%E7%90%86&page=2"
    second = client.get("/jobs/manage/" + unescape(next_href)).content.decode()
    assert _titles(second) == ["経理スタッフ20", "経理スタッフ21", "終わった経理"]
