"""「この企業の他の求人」 and 「似た求人」 under a posting, and the public company page /companies/<id>/ (ADR 0089)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts.models import Organization, User
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs import selectors, views
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

# accounting_clerk and finance are both 経理・財務; recruiting is 人事・労務.
SUBROLE, SAME_FAMILY, OTHER_FAMILY = "accounting_clerk", "finance", "recruiting"


def _posting(org: Organization, title: str, *, days_ago: float = 0, **over: Any) -> JobPosting:
    over.setdefault("date_posted", timezone.now() - dt.timedelta(days=days_ago))
    return make_posting(org, title=title, **over)


def _hidden(org: Organization, prefix: str, **over: Any) -> list[JobPosting]:
    """One of each posting nobody may be shown under another: 非公開, draft, closed, expired."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return [
        _posting(org, f"{prefix}非公開", visibility=Visibility.PRIVATE, **over),
        _posting(org, f"{prefix}下書き", status=PostingStatus.DRAFT, **over),
        _posting(org, f"{prefix}終了", status=PostingStatus.CLOSED, **over),
        _posting(org, f"{prefix}期限切れ", valid_through=yesterday, **over),
    ]


def _section(html: str, heading: str) -> str:
    found = re.search(rf'<h2 id="[^"]+">{heading}</h2>(.*?)</section>', html, re.S)
    return found.group(1) if found else ""


def _titles(section_html: str) -> list[str]:
    return re.findall(r'<h3><a href="/jobs/\d+/">([^<]+)</a></h3>', section_html)


@pytest.fixture
def other_org(other_employer: User) -> Organization:
    assert other_employer.organization is not None
    return other_employer.organization


@pytest.fixture
def org(employer: User) -> Organization:
    assert employer.organization is not None
    return employer.organization


def _as(client: Client, who: User | None) -> Client:
    if who is not None:
        client.force_login(who)
    return client


@pytest.mark.parametrize("who", ["anonymous", "seeker", "employer", "other_employer", "operator"])
def test_hidden_postings_never_listed_for_anyone(
    client: Client, org: Organization, other_org: Organization, who: str, request: pytest.FixtureRequest
) -> None:
    """The employer sees its own 非公開 and drafts at their own addresses and the operator sees everything, but under a
    posting nobody is shown one: not the company's own, not another company's of the same 職種 and 都道府県."""
    posting = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="13", days_ago=3)
    _posting(org, "自社の公開求人", subrole=OTHER_FAMILY, prefecture="47")
    _posting(other_org, "他社の公開求人", subrole=SUBROLE, prefecture="13")
    hidden = _hidden(org, "自社", subrole=SUBROLE, prefecture="13") + _hidden(
        other_org, "他社", subrole=SUBROLE, prefecture="13"
    )
    user = None if who == "anonymous" else request.getfixturevalue(who)
    html = _as(client, user).get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert _titles(_section(html, "この企業の他の求人")) == ["自社の公開求人"]
    assert _titles(_section(html, "似た求人")) == ["他社の公開求人"]
    for p in hidden:
        assert p.title not in html


def test_a_private_postings_page_lists_only_public_ones(
    client: Client, employer: User, org: Organization, other_org: Organization
) -> None:
    """A 非公開求人 (seen here by its company, the one who may) lists its company's public postings only: another
    非公開 order of the same company never shows, so nothing could leak to whoever is shown the page."""
    private = _posting(org, "非公開の求人", visibility=Visibility.PRIVATE, subrole=SUBROLE)
    _posting(org, "もう一つの非公開", visibility=Visibility.PRIVATE, subrole=SUBROLE)
    _posting(org, "公開中の求人", subrole=SUBROLE)
    html = _as(client, employer).get(reverse("jobs:detail", args=[private.pk])).content.decode()
    assert _titles(_section(html, "この企業の他の求人")) == ["公開中の求人"]
    assert "もう一つの非公開" not in html


def test_the_company_section_lists_five_newest_with_a_link(client: Client, org: Organization) -> None:
    posting = _posting(org, "見ている求人", subrole=OTHER_FAMILY, prefecture="01")
    for i in range(7):
        _posting(org, f"自社{i}", days_ago=i)
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    section = _section(html, "この企業の他の求人")
    assert _titles(section) == [f"自社{i}" for i in range(5)]
    assert f'href="/companies/{org.pk}/">株式会社テスト商事の求人をすべて見る</a>' in section
    assert "自社5" not in html and "自社6" not in html  # not 「似た求人」 either: another 職種 and 都道府県


def test_similar_tiers_and_exclusions(client: Client, org: Organization, other_org: Organization) -> None:
    posting = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="13", days_ago=10)
    _posting(other_org, "同職種同県・古", subrole=SUBROLE, prefecture="13", days_ago=5)
    _posting(other_org, "同職種同県・新", subrole=SUBROLE, prefecture="13", days_ago=4)
    _posting(other_org, "同職種他県", subrole=SUBROLE, prefecture="27", days_ago=1)
    _posting(other_org, "同分野同県", subrole=SAME_FAMILY, prefecture="13", days_ago=2)
    _posting(other_org, "同分野他県", subrole=SAME_FAMILY, prefecture="27", days_ago=0)
    _posting(other_org, "別分野同県", subrole=OTHER_FAMILY, prefecture="13", days_ago=0)
    # The company's own: the one listed above is not repeated below.
    _posting(org, "自社の同職種同県", subrole=SUBROLE, prefecture="13", days_ago=0)
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert _titles(_section(html, "この企業の他の求人")) == ["自社の同職種同県"]
    similar = _section(html, "似た求人")
    # Tier 1 (same 職種, same 都道府県) newest first; then tier 2 (same 職種 elsewhere / same 分野 here) newest first.
    assert _titles(similar) == ["同職種同県・新", "同職種同県・古", "同職種他県", "同分野同県"]
    reasons = re.findall(r'<div class="meta">(同じ[^<]+)</div>', similar)
    assert reasons == [
        selectors.SAME_SUBROLE_HERE,
        selectors.SAME_SUBROLE_HERE,
        selectors.SAME_SUBROLE_ELSEWHERE,
        selectors.SAME_FAMILY_HERE,
    ]
    assert "同じ職種・同じ都道府県の求人を先に" in similar


def test_similar_takes_the_companys_postings_not_already_listed(org: Organization) -> None:
    posting = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="13", days_ago=10)
    own = [_posting(org, f"自社{i}", subrole=SUBROLE, prefecture="13", days_ago=i) for i in range(7)]
    others = selectors.organization_other_postings(posting)
    assert others == own[:5]
    similar = selectors.similar_postings(posting, exclude_ids=[p.pk for p in others])
    assert [p for p, _ in similar] == own[5:]


def test_a_full_first_tier_leaves_the_rest_out(org: Organization, other_org: Organization) -> None:
    posting = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="13")
    here = [
        _posting(other_org, f"同県{i}", subrole=SUBROLE, prefecture="13", days_ago=i + 1) for i in range(6)
    ]
    _posting(other_org, "同職種他県・最新", subrole=SUBROLE, prefecture="27")
    with CaptureQueriesContext(connection) as ctx:
        similar = selectors.similar_postings(posting)
    assert [p for p, _ in similar] == here[:5]
    assert len(ctx) == 1


def _related_queries(posting: JobPosting) -> int:
    with CaptureQueriesContext(connection) as ctx:
        others = selectors.organization_other_postings(posting)
        selectors.similar_postings(posting, exclude_ids=[p.pk for p in others])
    return len(ctx)


def test_related_queries_are_bounded(client: Client, org: Organization, other_org: Organization) -> None:
    """Four queries at most (the company's, then one per tier half), whatever the number of postings."""
    sparse = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="01")
    dense = _posting(org, "東京の求人", subrole=SAME_FAMILY, prefecture="13")
    assert _related_queries(sparse) == 4  # tier 1 short: both halves of tier 2 run
    counter = iter(range(10_000))

    def grow() -> None:
        # More of everything except what would fill the sparse posting's first tier.
        for subrole, pref in [
            (SUBROLE, "13"),
            (SAME_FAMILY, "01"),
            (SAME_FAMILY, "13"),
            (OTHER_FAMILY, "01"),
        ]:
            for o in (org, other_org):
                for _ in range(4):
                    _posting(o, f"追加{next(counter)}", subrole=subrole, prefecture=pref)

    grow()
    assert _related_queries(sparse) == 4
    assert _related_queries(dense) == 2  # tier 1 full: tier 2 not read
    for url in (reverse("jobs:detail", args=[sparse.pk]), reverse("jobs:detail", args=[dense.pk])):
        assert_flat(client, url, grow)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's is in docs/benchmarks.md"
)
def test_related_queries_walk_an_index_in_date_order(org: Organization) -> None:
    """Each query reads one index in date order and stops at its LIMIT: no table scan, no sort of every match (at
    a million postings a sort of one company's or one 職種's postings, docs/benchmarks.md)."""
    posting = _posting(org, "見ている求人", subrole=SUBROLE, prefecture="01")
    with CaptureQueriesContext(connection) as ctx:
        others = selectors.organization_other_postings(posting)
        selectors.similar_postings(posting, exclude_ids=[p.pk for p in others])
        list(Paginator(selectors.organization_public_postings(org.pk), 20).get_page(1))
        list(selectors.companies_with_public_postings())
    plans = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append(" / ".join(row[-1] for row in cursor.fetchall()))
    expected = [
        "job_org_public",
        "job_subrole_pref_recent",
        "job_subrole_recent",
        "job_family_pref_recent",
        "job_org_public",  # the page's count
        "job_org_public",  # the page
        "job_org_public",  # the sitemap's EXISTS
    ]
    assert len(plans) == len(expected)
    for plan, index in zip(plans, expected, strict=True):
        assert f"USING INDEX {index} " in plan, plan
        assert "TEMP B-TREE" not in plan, plan


# The company page ------------------------------------------------------------------------------------------------


@pytest.fixture
def company(org: Organization) -> Organization:
    org.phone, org.email = "03-1111-2222", "contact@test-shoji.example"
    org.save()
    return org


def test_company_page_shows_name_address_and_public_postings_only(
    client: Client, company: Organization
) -> None:
    _posting(company, "公開中の経理")
    hidden = _hidden(company, "隠す")
    html = client.get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert "<h1>株式会社テスト商事</h1>" in html
    assert "東京都千代田区1-1" in html
    assert "公開中の経理" in html
    assert "公開中の求人（1件・新着順）" in html
    for p in hidden:
        assert p.title not in html
    # No public page shows an organisation's phone or e-mail; this one does not start.
    assert "03-1111-2222" not in html and "contact@test-shoji.example" not in html


def test_company_page_404s(client: Client, company: Organization) -> None:
    def status(pk: int) -> int:
        return client.get(reverse("companies:detail", args=[pk])).status_code

    assert status(company.pk) == 404  # nothing yet
    _hidden(company, "隠す")
    assert status(company.pk) == 404  # only 非公開 / draft / closed / expired: an agency's 非公開-only client
    agency = Organization.objects.create(kind=Organization.Kind.AGENCY, name="紹介会社")
    _posting(agency, "紹介会社の公開求人")
    assert status(agency.pk) == 404  # not an employer
    assert status(999_999) == 404
    _posting(company, "公開中の経理")
    assert status(company.pk) == 200


def test_company_page_pages(client: Client, company: Organization, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "COMPANY_PAGE_SIZE", 2)
    for i in range(5):
        _posting(company, f"求人{i}", days_ago=i)
    url = reverse("companies:detail", args=[company.pk])

    def titles(query: str) -> list[str]:
        return _titles(client.get(url + query).content.decode())

    assert titles("") == ["求人0", "求人1"]
    assert titles("?page=2") == ["求人2", "求人3"]
    assert titles("?page=3") == ["求人4"]
    # Paged as every other list (Paginator.get_page): past the end or below 1 the last page, not a number the first.
    assert titles("?page=99") == ["求人4"]
    assert titles("?page=-1") == ["求人4"]
    assert titles("?page=abc") == ["求人0", "求人1"]
    html = client.get(url + "?page=2").content.decode()
    assert 'href="?page=1" rel="prev"' in html and 'href="?page=3" rel="next"' in html
    assert "2 / 3" in html and f'<link rel="canonical" href="{settings.SITE_URL}{url}?page=2">' in html


def test_company_page_queries_do_not_grow(client: Client, seeker: User, company: Organization) -> None:
    _posting(company, "最初の求人")
    url = reverse("companies:detail", args=[company.pk])
    counter = iter(range(1000))

    def grow() -> None:
        for _ in range(5):
            _posting(company, f"追加{next(counter)}")

    assert_flat(client, url, grow)
    client.force_login(seeker)  # a signed-in seeker's cards carry the favourite button
    assert_flat(client, url, grow)


def test_links_to_the_company_page(client: Client, employer: User, org: Organization) -> None:
    public = _posting(org, "公開中の経理")
    company_url = f'href="/companies/{org.pk}/"'
    assert company_url in client.get(reverse("jobs:detail", args=[public.pk])).content.decode()
    assert company_url in client.get(reverse("jobs:list")).content.decode()  # the card's company name
    # A company whose only public posting closed has no page: the employer's own view of a draft does not link it.
    draft = _posting(org, "下書き", status=PostingStatus.DRAFT)
    public.status = PostingStatus.CLOSED
    public.save()
    html = _as(client, employer).get(reverse("jobs:detail", args=[draft.pk])).content.decode()
    assert company_url not in html


def _sitemap(client: Client, section: str) -> str:
    response = client.get(reverse("sitemap-section", args=[section]))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_sitemap_lists_companies_with_a_public_posting(
    client: Client, org: Organization, other_org: Organization
) -> None:
    _posting(org, "公開中")
    _hidden(other_org, "隠す")
    xml = _sitemap(client, "companies")
    assert f"/companies/{org.pk}/</loc>" in xml
    assert f"/companies/{other_org.pk}/</loc>" not in xml
    assert "sitemap-companies.xml" in client.get(reverse("sitemap")).content.decode()


def test_a_card_links_the_company_only_where_its_page_answers(client: Client, org: Organization) -> None:
    """One rule (JobPosting.has_company_page) for the card, the detail page and the company page: an agency's public
    posting or an expired one is shown by name, not linked to a page that answers 404."""
    from django.template.loader import render_to_string

    agency = Organization.objects.create(kind=Organization.Kind.AGENCY, name="紹介会社")
    agencys = _posting(agency, "紹介会社の公開求人", employer_name="紹介先の会社")
    assert client.get(reverse("companies:detail", args=[agency.pk])).status_code == 404
    listed = client.get(reverse("jobs:list")).content.decode()
    assert "紹介先の会社" in listed and f'href="/companies/{agency.pk}/"' not in listed
    detail = client.get(reverse("jobs:detail", args=[agencys.pk])).content.decode()
    assert f'href="/companies/{agency.pk}/"' not in detail

    expired = _posting(org, "期限切れ", valid_through=timezone.localdate() - dt.timedelta(days=1))
    assert not expired.is_public_now and not expired.has_company_page
    assert client.get(reverse("companies:detail", args=[org.pk])).status_code == 404
    card = render_to_string("jobs/_card.html", {"posting": expired}, request=RequestFactory().get("/"))
    assert "期限切れ" in card and "/companies/" not in card
    live = _posting(org, "公開中")
    assert live.has_company_page
    card = render_to_string("jobs/_card.html", {"posting": live}, request=RequestFactory().get("/"))
    assert f'href="/companies/{org.pk}/"' in card


def test_a_link_to_the_company_page_says_the_name_the_page_carries(client: Client, org: Organization) -> None:
    """The page is titled with the organisation's name; a posting under another 募集者の名称 (a brand) linked that
    name to a page titled differently. It now shows its own name with the organisation's linked beside it."""
    same = _posting(org, "同じ名称", employer_name=org.name)
    brand = _posting(org, "ブランド名義", employer_name="テスト商事キャリア")
    page = f"/companies/{org.pk}/"
    assert f"<h1>{org.name}</h1>" in client.get(page).content.decode()
    for posting, shown in [
        (same, f'<a href="{page}">{org.name}</a>'),
        (brand, f'テスト商事キャリア（<a href="{page}">{org.name}</a>）'),
    ]:
        assert shown in client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    listed = client.get(reverse("jobs:list")).content.decode()
    assert f'テスト商事キャリア（<a href="{page}">{org.name}</a>）' in listed
    assert f'<a href="{page}">テスト商事キャリア</a>' not in listed


def test_the_account_page_says_name_and_address_are_on_the_company_page(
    client: Client, employer: User
) -> None:
    client.force_login(employer)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "会社名（株式会社テスト商事）と所在地は、公開中の求人がある間、だれでも見られる企業ページ" in html
    assert f'href="/companies/{employer.organization_id}/"' in html
