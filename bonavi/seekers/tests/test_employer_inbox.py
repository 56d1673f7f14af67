"""求人管理's applicant counts and the 「応募者」 list narrowed to one posting (UX review s10): each posting shows its
直接応募 and うち応募済のまま counts, linked to its applicants; the list can be ordered by 応募数; another company sees
neither the counts nor the applicants."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re

from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application, ApplicationStatus

_seq = itertools.count()


def _apply(posting: JobPosting, family: str, *, status: str = ApplicationStatus.APPLIED) -> Application:
    n = next(_seq)
    applicant = User.objects.create(email=f"inbox{n}@test.example", role=Role.SEEKER)
    return Application.objects.create(
        posting=posting,
        applicant=applicant,
        status=status,
        profile_snapshot={"family_name": family, "given_name": f"{n}"},
    )


def _counts(page: str, posting: JobPosting) -> dict[str, tuple[int, str]]:
    """{label: (number, href)} of the counts shown in `posting`'s card on 求人管理."""
    card = page.split(f'href="/jobs/manage/{posting.pk}/preview/">', 1)[1].split("</li>\n", 1)[0]
    found = re.findall(r'<li><a href="([^"]+)">(\S+) <strong>(\d+)</strong>件</a></li>', card)
    return {label: (int(n), html.unescape(href)) for href, label, n in found}


def test_each_posting_shows_its_counts_linked_to_its_applicants(client: Client, employer: User) -> None:
    busy = make_posting(employer.organization, title="経理（応募あり）")
    quiet = make_posting(employer.organization, title="総務（応募なし）")
    _apply(busy, "新規")
    _apply(busy, "新規")
    _apply(busy, "選考", status=ApplicationStatus.SCREENING)
    elsewhere = make_posting(employer.organization, title="人事")
    _apply(elsewhere, "別求人")
    client.force_login(employer)

    page = client.get("/jobs/manage/").content.decode()
    counts = _counts(page, busy)
    assert counts["直接応募"] == (3, f"/applicants/?posting={busy.pk}&kind=direct")
    assert counts["うち応募済のまま"] == (2, f"/applicants/?posting={busy.pk}&kind=direct&status=applied")
    assert _counts(page, quiet)["直接応募"][0] == 0

    listed = client.get(counts["直接応募"][1]).content.decode()
    assert listed.count("新規") == 2 and "選考" in listed and "別求人" not in listed
    assert "求人：<strong>経理（応募あり）</strong> の応募者" in listed
    new_only = client.get(counts["うち応募済のまま"][1]).content.decode()
    assert new_only.count("新規") == 2 and "選考 " not in new_only and "別求人" not in new_only


def test_postings_can_be_ordered_by_applicant_count(client: Client, employer: User) -> None:
    long_ago = timezone.now() - dt.timedelta(days=30)
    popular = make_posting(employer.organization, title="人気の経理")
    JobPosting.objects.filter(pk=popular.pk).update(updated_at=long_ago)
    make_posting(employer.organization, title="新しい総務")
    for _ in range(2):
        _apply(popular, "応募")
    client.force_login(employer)

    by_date = client.get("/jobs/manage/").content.decode()
    assert by_date.index("新しい総務") < by_date.index("人気の経理")
    by_count = client.get("/jobs/manage/", {"sort": "applicants"}).content.decode()
    assert by_count.index("人気の経理") < by_count.index("新しい総務")
    assert '<option value="applicants" selected>応募数の多い順</option>' in by_count


def test_another_employer_sees_neither_the_counts_nor_the_applicants(
    client: Client, employer: User, other_employer: User
) -> None:
    posting = make_posting(employer.organization, title="テスト商事の経理")
    _apply(posting, "秘密")
    theirs = make_posting(other_employer.organization, title="よその求人")
    client.force_login(other_employer)

    page = client.get("/jobs/manage/").content.decode()
    assert "テスト商事の経理" not in page and f"posting={posting.pk}" not in page
    assert _counts(page, theirs)["直接応募"][0] == 0
    for query in ({"posting": posting.pk}, {"posting": posting.pk, "kind": "direct", "status": "applied"}):
        listed = client.get("/applicants/", query).content.decode()
        assert "秘密" not in listed and "テスト商事の経理" not in listed


def test_a_posting_not_of_the_organisation_lists_every_applicant(
    client: Client, employer: User, other_employer: User
) -> None:
    _apply(make_posting(employer.organization), "自社の応募者")
    theirs = make_posting(other_employer.organization)
    client.force_login(employer)
    for raw in (str(theirs.pk), "999999"):
        page = client.get("/applicants/", {"posting": raw}).content.decode()
        assert "自社の応募者" in page and "応募はまだありません。" not in page
        assert "この条件の応募者はいません。" not in page and f'name="posting" value="{raw}"' not in page


def test_a_malformed_posting_number_lists_without_failing(client: Client, employer: User) -> None:
    _apply(make_posting(employer.organization), "応募")
    client.force_login(employer)
    for raw in ("abc", "99999999999999999999999", "１２", "-1"):
        response = client.get("/applicants/", {"posting": raw})
        assert response.status_code == 200 and "応募" in response.content.decode()


def test_the_list_uses_the_shared_step_words(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization)
    _apply(posting, "初回")
    _apply(posting, "書類", status=ApplicationStatus.SCREENING)
    client.force_login(employer)
    page = client.get("/applicants/").content.decode()
    # The words of the application's own page and the seeker's (ADR 0121): the list once said 未対応 where
    # they said 応募済, and they said 書類選考中 where it said 書類選考.
    assert '<span class="status-badge s-applied">応募済</span>' in page
    assert '<span class="status-badge s-screening">書類選考</span>' in page
    assert "直接応募" in page and "未対応" not in page and "書類選考中" not in page
