"""Public job pages: list, detail with every condition, JSON-LD, sitemap; and the demo data generator."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Organization, User
from bonavi.compliance.minimum_wage import highest_minimum_wage
from bonavi.jobs.catalog import FAMILIES, SUBROLES
from bonavi.jobs.generator import CAPITALS, MUNICIPALITIES, Company, generate_postings
from bonavi.jobs.models import JobPosting, WageUnit
from bonavi.jobs.services import posting_findings
from bonavi.jobs.sitemaps import JobPostingSitemap
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

GOOGLE_REQUIRED = {"title", "description", "datePosted", "hiringOrganization", "jobLocation"}


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_detail_shows_every_condition_and_valid_jsonld(client: Client, employer: User) -> None:
    assert employer.organization is not None
    posting = make_posting(
        employer.organization,
        fixed_overtime=True,
        fixed_overtime_amount=40_000,
        fixed_overtime_hours=20,
        fixed_overtime_excess_paid=True,
        title='経理事務 </script><script>alert("x")</script>',
    )
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    for text in (
        "業務内容の変更の範囲",
        "会社の定める業務",
        "就業場所の変更の範囲",
        "期間の定めなし",
        "試用期間",
        "9:00〜18:00",
        "60分",
        "月平均10時間",
        "年間休日125日",
        "月給230,000円〜280,000円",
        "40,000円（20時間分",
        "20時間を超える時間外労働分は追加で支給",
        "雇用保険・労災保険・健康保険・厚生年金",
        "屋内禁煙",
        "株式会社テスト商事",
        "情報更新日",
        "06-038-03",
    ):
        assert text in html, text
    assert '<script>alert("x")</script>' not in html  # escaped everywhere, JSON-LD included
    data = _jsonld(html)
    assert data.keys() >= GOOGLE_REQUIRED
    assert data["@type"] == "JobPosting" and data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"]["currency"] == "JPY"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 230000,
        "maxValue": 280000,
    }
    assert data["identifier"]["value"] == f"bonavi-{posting.pk}"
    assert data["directApply"] is True and data["validThrough"] == f"{posting.valid_through}T23:59:59+09:00"
    assert data["jobLocation"]["address"]["addressRegion"] == "東京都"


def test_list_filters_by_prefecture_and_family(client: Client, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization, title="大阪の人事", prefecture="27", subrole="hr_clerk")
    make_posting(employer.organization, title="東京の経理", prefecture="13", subrole="accounting_clerk")
    html = client.get(reverse("jobs:list"), {"prefecture": "27"}).content.decode()
    assert "大阪の人事" in html and "東京の経理" not in html
    html = client.get(reverse("jobs:list"), {"family": "accounting"}).content.decode()
    assert "東京の経理" in html and "大阪の人事" not in html
    assert client.get(reverse("jobs:list"), {"prefecture": "<x>", "page": "abc"}).status_code == 200


def test_api_list_page_past_the_end_is_empty_not_a_500(client: Client, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    for page in ("2", "99999999999999999999999"):
        response = client.get("/api/v1/jobs", {"page": page})
        assert response.status_code == 200, page
        assert response.json()["total"] == 1 and response.json()["results"] == []


def test_api_list_names_an_unknown_prefecture_or_family(client: Client, employer: User) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    for params, field in (
        ({"prefecture": "99"}, "prefecture"),
        ({"prefecture": "東京"}, "prefecture"),
        ({"family": "x"}, "family"),
    ):
        response = client.get("/api/v1/jobs", params)
        assert response.status_code == 422 and "ありません" in response.json()["errors"][field][0], params
    assert client.get("/api/v1/jobs", {"prefecture": "13", "family": "accounting"}).json()["total"] == 1


PREF_HINT = "はありません（01〜47のJISコード、例：東京都は13）。"
BAD_FILTERS = (
    ({"prefecture": "99"}, "prefecture", f"都道府県コード「99」{PREF_HINT}"),
    ({"prefecture": "abc"}, "prefecture", f"都道府県コード「abc」{PREF_HINT}"),
    ({"prefecture": "１３"}, "prefecture", f"都道府県コード「１３」{PREF_HINT}"),
    ({"family": "keiri"}, "family", "職種カテゴリ「keiri」はありません"),
)


def test_list_page_and_api_refuse_the_same_filters_alike(client: Client, employer: User) -> None:
    # One definition (JobFilterForm) for both: the page used to ignore a bad code without a word.
    assert employer.organization is not None
    make_posting(employer.organization, title="大阪の人事", prefecture="27", subrole="hr_clerk")
    for params, field, message in BAD_FILTERS:
        api = client.get("/api/v1/jobs", params)
        assert api.status_code == 422, params
        assert api.json()["errors"] == {field: [api.json()["errors"][field][0]]}
        assert api.json()["errors"][field][0].startswith(message), params
        page = client.get(reverse("jobs:list"), params)
        assert page.status_code == 200, params
        html = page.content.decode()
        assert f'id="id_{field}_error"' in html and message in html, params
        assert api.json()["errors"][field][0] in html, params
    good = {"prefecture": "27", "family": "hr_labor"}
    assert client.get("/api/v1/jobs", good).json()["total"] == 1
    assert "大阪の人事" in (html := client.get(reverse("jobs:list"), good).content.decode())
    assert "errorlist" not in html


def test_openapi_is_served(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/jobs" in spec["paths"] and "/api/v1/employer/postings" in spec["paths"]


def test_generator_is_varied_lawful_and_complete(employer: User) -> None:
    assert employer.organization is not None
    companies = [Company(employer.organization.pk, "株式会社テスト商事", "東京都千代田区1-1", "03-0000-0000")]
    postings = list(generate_postings(count=3000, companies=companies, seed=3, private_ratio=0.05))
    prefs = Counter(p.prefecture for p in postings)
    assert len(prefs) == 47
    assert prefs["13"] > prefs["31"] * 5  # weighted by population: 東京 far above 鳥取
    assert {p.subrole for p in postings} == {s.code for s in SUBROLES}
    assert {p.family for p in postings} == set(FAMILIES)
    assert 0.02 < sum(p.visibility == "private" for p in postings) / 3000 < 0.09
    assert 0.3 < sum(p.inexperienced_welcome for p in postings) / 3000 < 0.6
    known = {m for ms in MUNICIPALITIES.values() for m in ms} | set(CAPITALS.values())
    assert {p.municipality for p in postings} <= known  # never a made-up 「群馬市」
    managers = [p.title for p in postings if p.subrole.endswith("_manager")]
    assert managers and not [t for t in managers if "スタッフ" in t or "担当" in t]  # no 「経理課長スタッフ」
    for p in postings:
        if p.wage_unit == WageUnit.HOUR:
            assert p.wage_min >= highest_minimum_wage(p.prefecture)
    JobPosting.objects.bulk_create(postings[:300])
    for p in JobPosting.objects.all():
        errors = [f for f in posting_findings(p) if f.is_error]
        assert errors == [], (p.title, errors)


def test_demo_companies_have_real_looking_addresses_and_numbers(db: None) -> None:
    from bonavi.core.prefectures import PREFECTURES
    from bonavi.jobs.generator import AREA_CODES
    from bonavi.jobs.seeding import companies_ensure

    companies_ensure(count=60)
    for org in Organization.objects.filter(kind=Organization.Kind.EMPLOYER):
        pref = next(code for code, name in PREFECTURES.items() if org.address.startswith(name))
        assert re.fullmatch(r"\d{2,4}-\d{2,4}-\d{4}", org.phone) and len(org.phone.replace("-", "")) == 10
        assert org.phone.startswith(AREA_CODES[pref] + "-"), (org.address, org.phone)
        assert any(
            org.address.startswith(PREFECTURES[pref] + m)
            for m in [CAPITALS[pref], *MUNICIPALITIES.get(pref, [])]
        )


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_personal_pages(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
    for private in ("/me/", "/accounts/", "/applicants/", "/admin/", "/api/", "/agent/"):
        assert f"Disallow: {private}" in lines
    # Public pages stay crawlable, including an agency's own public page under /agent/.
    assert "Allow: /agent/agencies/" in lines
    for public in ("/", "/jobs/", "/search/", "/careers/"):
        assert f"Disallow: {public}" not in lines


def test_public_detail_has_one_canonical_url_without_query_string(client: Client, employer: User) -> None:
    org = employer.organization
    assert org is not None
    posting = make_posting(org)
    html = client.get(f"/jobs/{posting.pk}/?utm_source=mail&ref=digest").content.decode()
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert canonical == [f"http://127.0.0.1:8000/jobs/{posting.pk}/"]
    assert _jsonld(html)["url"] == canonical[0]


def test_api_docs_page_works_without_a_cdn(client: Client) -> None:
    # Swagger UI from cdn.jsdelivr.net left /api/v1/docs blank offline (the embedded mode) and ran third-party
    # script on our origin; the bundled copy is served from our static files.
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in html and "django-ninja.dev" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any(src.endswith("ninja/swagger-ui-bundle.js") for src in scripts)
    for src in scripts:
        assert src.startswith(settings.STATIC_URL)
        assert finders.find(src.removeprefix(settings.STATIC_URL)) is not None


def test_jsonld_date_posted_is_the_japanese_date_shown_on_the_page(client: Client, employer: User) -> None:
    import datetime as dt

    from bonavi.core import clock

    org = employer.organization
    assert org is not None
    # 08:30 in Tokyo is still the day before in UTC.
    day = clock.today_jst() - dt.timedelta(days=3)
    posting = make_posting(org, date_posted=dt.datetime.combine(day, dt.time(8, 30), tzinfo=clock.JST))
    html = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert f"掲載開始日：{day.year}年{day.month}月{day.day}日" in html
    assert _jsonld(html)["datePosted"] == day.isoformat()


def test_compliance_facts_use_the_japanese_updated_date(employer: User) -> None:
    import datetime as dt

    from bonavi.core import clock
    from bonavi.jobs.facts import posting_facts

    org = employer.organization
    assert org is not None
    posting = make_posting(org)
    day = clock.today_jst() - dt.timedelta(days=3)
    early = dt.datetime.combine(day, dt.time(8, 30), tzinfo=clock.JST)  # the day before, in UTC
    JobPosting.objects.filter(pk=posting.pk).update(updated_at=early)
    posting.refresh_from_db()
    assert posting_facts(posting).updated_on == day


def test_sitemap_lists_the_canonical_https_urls_behind_a_proxy(
    client: Client, employer: User, settings
) -> None:
    # Behind a TLS-terminating proxy Django sees http; the sitemap must still name the URLs the pages call
    # canonical (SITE_URL), or search engines get two addresses for every posting.
    settings.SITE_URL = "https://bonavi.example"
    settings.ALLOWED_HOSTS = ["bonavi.example"]
    org = employer.organization
    assert org is not None
    posting = make_posting(org)
    index = client.get("/sitemap.xml", HTTP_HOST="bonavi.example").content.decode()
    assert "<loc>https://bonavi.example/sitemap-jobs.xml</loc>" in index
    jobs = client.get("/sitemap-jobs.xml", HTTP_HOST="bonavi.example").content.decode()
    assert f"<loc>https://bonavi.example/jobs/{posting.pk}/</loc>" in jobs
    assert "http://" not in jobs.replace("http://www.sitemaps.org", "").replace("http://www.w3.org", "")
    detail = client.get(f"/jobs/{posting.pk}/", HTTP_HOST="bonavi.example").content.decode()
    assert f'<link rel="canonical" href="https://bonavi.example/jobs/{posting.pk}/">' in detail


def test_sitemap_index_names_site_url_whatever_host_the_request_used(
    client: Client, employer: User, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server may answer to other names (its IP, an old domain); the index must still point search engines at
    # the canonical address, as the sections do.
    settings.SITE_URL = "https://bonavi.example"
    settings.ALLOWED_HOSTS = ["bonavi.example", "203.0.113.7"]
    # Two pages of postings: the ?p=2 entry keeps its query.
    monkeypatch.setattr(JobPostingSitemap, "limit", 1)
    org = employer.organization
    assert org is not None
    make_posting(org)
    make_posting(org)
    index = client.get("/sitemap.xml", HTTP_HOST="203.0.113.7").content.decode()
    locs = re.findall(r"<loc>([^<]*)</loc>", index)
    assert "https://bonavi.example/sitemap-jobs.xml" in locs
    assert "https://bonavi.example/sitemap-jobs.xml?p=2" in locs
    assert "https://bonavi.example/sitemap-pages.xml" in locs
    assert all(loc.startswith("https://bonavi.example/") for loc in locs), locs


def test_generated_listing_period_is_ninety_japanese_days() -> None:
    """掲載期限 is 90 days after the 掲載開始日 the page shows (the Japanese date), not after the UTC date."""
    import datetime as dt

    from bonavi.core.clock import JST

    companies = [Company(1, "株式会社テスト商事", "東京都千代田区1-1", "03-0000-0000")]
    now = dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC)  # 08:30 JST on 1 June
    for p in generate_postings(count=50, companies=companies, seed=5, now=now):
        assert p.date_posted is not None
        assert p.valid_through == p.date_posted.astimezone(JST).date() + dt.timedelta(days=90)


def test_pages_link_an_icon_and_favicon_ico_leads_to_it(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"
    from django.contrib.staticfiles import finders

    assert finders.find("img/favicon.svg")


def test_jsonld_address_leaves_out_what_the_posting_does_not_say(client: Client, employer: User) -> None:
    # A posting may give only its prefecture; it sent "addressLocality": "" and "streetAddress": "".
    assert employer.organization is not None
    posting = make_posting(employer.organization, municipality="", address="")
    data = _jsonld(client.get(reverse("jobs:detail", args=[posting.pk])).content.decode())
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "JP",
        "addressRegion": "東京都",
    }


def test_sitemap_index_dates_the_jobs_section_without_reading_every_posting(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index's <lastmod> for the jobs section is the newest public posting's update; Django's default got it by
    # calling lastmod() once per posting, i.e. by loading all of them (a million rows per /sitemap.xml).
    import datetime as dt

    from bonavi.jobs.models import JobPosting

    org = employer.organization
    assert org is not None
    public = [make_posting(org) for _ in range(3)]
    hidden = make_posting(org, visibility="private")
    for days, posting in enumerate(public):
        JobPosting.objects.filter(pk=posting.pk).update(
            updated_at=dt.datetime(2026, 3, 1 + days, 3, tzinfo=dt.UTC)
        )
    JobPosting.objects.filter(pk=hidden.pk).update(updated_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    calls: list[int] = []
    original = JobPostingSitemap.lastmod

    def counted(self: JobPostingSitemap, item: JobPosting) -> dt.datetime:
        calls.append(item.pk)
        return original(self, item)

    monkeypatch.setattr(JobPostingSitemap, "lastmod", counted)
    index = client.get("/sitemap.xml").content.decode()
    # The newest public one (3 March), not the newer private one.
    assert re.search(r"sitemap-jobs\.xml</loc>\s*<lastmod>2026-03-03", index), index
    assert calls == []


def test_a_posting_without_its_own_employer_name_is_shown_under_its_organisations(
    client: Client, employer: User
) -> None:
    """JobPosting.employer_display everywhere: the detail page printed the empty 募集者の名称 where the card, the
    JSON-LD and the feed showed the organisation's name."""
    assert employer.organization is not None
    posting = make_posting(employer.organization, title="名称なしの求人")
    JobPosting.objects.filter(pk=posting.pk).update(employer_name="")
    posting.refresh_from_db()
    name = employer.organization.name
    assert posting.employer_display == name
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert f'<meta name="description" content="{name}の' in html
    assert _jsonld(html)["hiringOrganization"]["name"] == name
    assert f">{name}</a></p>" in html  # the line under the title, linked to the company page


@pytest.mark.django_db
def test_the_top_page_opens_with_a_keyword_and_place_search_that_the_search_page_reads(
    client: Client,
) -> None:
    html = client.get("/").content.decode()
    form = html[html.index('<form method="get" action="/search/"') : html.index("</form>")]
    assert html.index('<form method="get" action="/search/"') < html.index("新着求人")  # above the cards
    assert (
        '<label for="home-q">キーワード</label>' in form and '<label for="home-pref">勤務地</label>' in form
    )
    assert (
        '<option value="13">東京都</option>' in form and len(re.findall(r'<option value="\d\d">', form)) == 47
    )
    assert 'name="inexp" value="1"' in form
    # what the form sends is what the search page understands
    page = client.get("/search/", {"q": "経理", "pref": "13", "inexp": "1"}).content.decode()
    assert "経理 ／ 東京都 ／ 未経験歓迎" in page
