"""求人管理's rows (ADR 0146 and 0153 addenda): a posting the operator stopped reads 「掲載停止（運営）」, not the
company's own 「募集終了」, with its reason one link away (the employer API says it too: `stopped`, `stop_reason`);
an ended posting can be re-opened from its row through the same POST and gate as the preview's button."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core.clock import today_jst
from bonavi.jobs import services
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

REASON = "通報を受けて確認したところ、仕事内容と賃金の記載が実際と異なっていました。"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ended(employer: User, status: str, title: str, **kw: object) -> JobPosting:
    return make_posting(
        employer.organization,
        status=status,
        title=title,
        valid_through=today_jst() - dt.timedelta(days=3),
        date_posted=timezone.now() - dt.timedelta(days=70),
        closed_at=timezone.now() - dt.timedelta(days=1),
        **kw,
    )


def _row(html: str, title: str) -> str:
    """The list card of the posting with this title."""
    for card in re.findall(r'<li class="card">(.*?)\n</li>', html, re.S):
        if f">{title}</a></h2>" in card:
            return card
    raise AssertionError(f"no row for {title}")


def _list(client: Client) -> str:
    response = client.get(reverse("jobs:employer_list"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def stopped(employer: User, operator: User) -> JobPosting:
    posting = make_posting(
        employer.organization, status=PostingStatus.PUBLISHED, title="経理スタッフ（停止）"
    )
    services.posting_stop(user=operator, posting=posting, reason=REASON)
    posting.refresh_from_db()
    return posting


def test_a_stopped_posting_is_listed_as_stopped_with_its_reason_one_link_away(
    employer: User, stopped: JobPosting
) -> None:
    _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    client = _client(employer)
    html = _list(client)
    row = _row(html, stopped.title)
    assert '<span class="status">掲載停止（運営）</span>' in row
    assert "募集終了" not in row
    preview = reverse("jobs:employer_preview", args=[stopped.pk])
    assert f'<a href="{preview}" aria-label="「{stopped.title}」の掲載停止の理由を見る">理由を見る</a>' in row
    assert REASON in client.get(preview).content.decode()  # the preview says why (ADR 0153)
    # no 募集を再開する: only the operator publishes it again
    assert "reopen-form" not in row and "募集を再開する</button>" not in row
    # a posting the company closed itself is still 募集終了
    assert '<span class="status">募集終了</span>' in _row(html, "総務スタッフ（終了）")


def test_the_employer_api_says_a_posting_is_stopped_and_why(
    employer: User, stopped: JobPosting, other_employer: User
) -> None:
    ended = _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    client = _client(employer)
    body = client.get(f"/api/v1/employer/postings/{stopped.pk}").json()
    assert body["status"] == "closed" and body["stopped"] is True and body["stop_reason"] == REASON
    body = client.get(f"/api/v1/employer/postings/{ended.pk}").json()
    assert body["stopped"] is False and body["stop_reason"] == ""
    listed = {p["id"]: p for p in client.get("/api/v1/employer/postings").json()["results"]}
    assert listed[stopped.pk]["stopped"] is True
    # the GET answer sent back as it is still updates (the new names are ignored, not refused)
    answer = client.get(f"/api/v1/employer/postings/{ended.pk}").json()
    answer["title"] = "総務スタッフ（終了・改）"
    response = client.patch(f"/api/v1/employer/postings/{ended.pk}", answer, content_type="application/json")
    assert response.status_code == 200, response.content
    # the stop and its reason are the company's own: another company gets 404
    assert _client(other_employer).get(f"/api/v1/employer/postings/{stopped.pk}").status_code == 404
    # the public API never carries them
    public = make_posting(
        employer.organization, status=PostingStatus.PUBLISHED, title="人事スタッフ（公開中）"
    )
    body = Client().get(f"/api/v1/jobs/{public.pk}").json()
    assert body["id"] == public.pk and "stopped" not in body and "stop_reason" not in body


def test_an_ended_posting_reopens_from_its_row(employer: User) -> None:
    closed = _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    expired = _ended(employer, PostingStatus.EXPIRED, "経理スタッフ（期限切れ）")
    published = make_posting(
        employer.organization, status=PostingStatus.PUBLISHED, title="人事スタッフ（公開中）"
    )
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT, title="受付スタッフ（下書き）")
    client = _client(employer)
    html = _list(client)
    for posting in (closed, expired):
        row = _row(html, posting.title)
        action = reverse("jobs:employer_publish", args=[posting.pk])
        assert f'<form method="post" action="{action}" class="reopen-form">' in row
        assert 'name="csrfmiddlewaretoken"' in row.split('class="reopen-form"')[1]
        # each row's button names its posting to a screen reader
        assert f'aria-label="「{posting.title}」の募集を再開する">募集を再開する</button>' in row
    for posting in (published, draft):
        assert "reopen-form" not in _row(html, posting.title)

    response = client.post(reverse("jobs:employer_publish", args=[expired.pk]))
    assert response.status_code == 302 and response["Location"] == f"/jobs/{expired.pk}/"
    expired.refresh_from_db()
    assert expired.status == PostingStatus.PUBLISHED
    assert expired.valid_through == today_jst() + dt.timedelta(days=services.DEFAULT_LISTING_DAYS)


def test_a_row_reopen_refused_by_the_gate_lands_on_the_page_naming_the_problem(employer: User) -> None:
    """Offered without asking the gate for every row (the checker per posting would slow the list): the press is
    refused as the preview's would be, 422 with the problem named, and nothing changes."""
    posting = _ended(
        employer,
        PostingStatus.EXPIRED,
        "受付スタッフ（時給900円）",
        employment_type="part",
        wage_unit="hour",
        wage_min=900,
        wage_max=None,
    )
    before = JobPosting.objects.values().get(pk=posting.pk)
    client = _client(employer)
    assert "募集を再開する" in _row(_list(client), posting.title)
    response = client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 422
    html = response.content.decode()
    assert "募集を再開できませんでした" in html and "最低賃金" in html
    assert JobPosting.objects.values().get(pk=posting.pk) == before


def test_another_company_sees_no_row_and_cannot_reopen(employer: User, other_employer: User) -> None:
    posting = _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    client = _client(other_employer)
    assert posting.title not in _list(client)
    assert client.post(reverse("jobs:employer_publish", args=[posting.pk])).status_code == 404
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_a_stopped_posting_pressed_anyway_is_refused(employer: User, stopped: JobPosting) -> None:
    """No button is offered; a stale page or a hand-made POST is still refused by posting_publish (ADR 0153)."""
    response = _client(employer).post(reverse("jobs:employer_publish", args=[stopped.pk]))
    assert response.status_code == 422
    assert "運営が掲載を停止しました" in response.content.decode()
    stopped.refresh_from_db()
    assert stopped.status == PostingStatus.CLOSED and stopped.stopped_at is not None


def _listed(client: Client, status: str) -> str:
    response = client.get(reverse("jobs:employer_list"), {"status": status})
    assert response.status_code == 200
    return response.content.decode()


def test_the_status_filter_has_a_choice_of_its_own_for_the_stopped_postings(
    employer: User, operator: User, stopped: JobPosting, other_employer: User
) -> None:
    """「掲載停止（運営）」 lists only the postings the operator stopped, whatever their status (a stopped draft stays
    a draft); 「募集終了」 and 「下書き」 no longer list them, so each choice lists what its cards say (ADR 0153, s19)."""
    _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    make_posting(employer.organization, status=PostingStatus.PUBLISHED, title="人事スタッフ（公開中）")
    make_posting(employer.organization, status=PostingStatus.DRAFT, title="受付スタッフ（下書き）")
    stopped_draft = make_posting(
        employer.organization, status=PostingStatus.DRAFT, title="庶務スタッフ（下書き停止）"
    )
    services.posting_stop(user=operator, posting=stopped_draft, reason=REASON)
    theirs = make_posting(
        other_employer.organization, status=PostingStatus.PUBLISHED, title="他社の経理（停止）"
    )
    services.posting_stop(user=operator, posting=theirs, reason=REASON)
    client = _client(employer)

    html = _listed(client, "stopped")
    assert '<option value="stopped" selected>掲載停止（運営）</option>' in html
    assert set(re.findall(r'">([^<]*)</a></h2>', html)) == {stopped.title, stopped_draft.title}
    closed = _listed(client, "closed")
    assert set(re.findall(r'">([^<]*)</a></h2>', closed)) == {"総務スタッフ（終了）"}
    drafts = _listed(client, "draft")
    assert set(re.findall(r'">([^<]*)</a></h2>', drafts)) == {"受付スタッフ（下書き）"}
    # 「すべて」 still lists every one of them
    every = set(re.findall(r'">([^<]*)</a></h2>', _list(client)))
    assert {stopped.title, stopped_draft.title, "総務スタッフ（終了）", "受付スタッフ（下書き）"} <= every
    # the other company's only posting is stopped: its 募集終了 is empty, said as for any other 状況
    assert "この状況の求人はありません。" in _listed(_client(other_employer), "closed")
    assert theirs.title in _listed(_client(other_employer), "stopped")


def test_the_employer_api_filters_by_the_same_choices(
    employer: User, operator: User, stopped: JobPosting, other_employer: User
) -> None:
    ended = _ended(employer, PostingStatus.CLOSED, "総務スタッフ（終了）")
    make_posting(employer.organization, status=PostingStatus.PUBLISHED, title="人事スタッフ（公開中）")
    theirs = make_posting(
        other_employer.organization, status=PostingStatus.PUBLISHED, title="他社の経理（停止）"
    )
    services.posting_stop(user=operator, posting=theirs, reason=REASON)
    client = _client(employer)

    def listed(**params: str) -> set[int]:
        response = client.get("/api/v1/employer/postings", params)
        assert response.status_code == 200, response.content
        return {p["id"] for p in response.json()["results"]}

    assert listed(status="stopped") == {stopped.pk}
    assert listed(status="closed") == {ended.pk}
    assert len(listed()) == 3  # no status: every one of hers, stopped or not
    response = client.get("/api/v1/employer/postings", {"status": "ended"})
    assert response.status_code == 422
    assert "状況（status）は次のどれかを指定してください" in response.json()["errors"]["status"][0]
    assert "stopped（掲載停止（運営））" in response.json()["detail"]
