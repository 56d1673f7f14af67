"""The search page, the JSON API and the CLI, through their public entry points."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.jobs.models import Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(employer):
    org = employer.organization
    return {
        "kr": make_posting(org, title="経理担当者", duties="月次決算の補助と伝票入力です。"),
        "jm": make_posting(
            org,
            title="一般事務",
            subrole="office_clerk",
            prefecture="27",
            municipality="大阪市北区",
            duties="書類の作成と電話対応。",
            employment_type="part",
            wage_unit="hour",
            wage_min=1300,
            wage_max=None,
            inexperienced_welcome=False,
        ),
        "pv": make_posting(org, title="経理マネージャー（非公開）", visibility=Visibility.PRIVATE),
    }


def test_page_shows_highlighted_results_facets_and_keeps_query_in_url(client, postings):
    r = client.get("/search/", {"q": "経理", "pref": "13"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<mark>経理</mark>担当者" in html
    assert "非公開" not in html
    assert 'class="total">1<' in html
    assert "東京都" in html and "情報更新日" in html
    assert 'href="?pref=13&amp;sort=newest&amp;q=' not in html  # canonical order: q first
    assert "?q=%E7%B5%8C%E7%90%86&amp;pref=13&amp;sort=newest" in html


def test_page_no_results_help_offers_relaxing_filters_with_counts(client, postings):
    r = client.get("/search/", {"q": "経理", "pref": "27"})
    html = r.content.decode()
    assert "見つかりませんでした" in html
    assert "大阪府を外す</a>（1件）" in html
    assert "キーワード「経理」を外す</a>（1件）" in html


def test_a_page_past_the_end_says_so_and_links_to_the_last_page(client, postings):
    """An old bookmark (?page=7 when the result is now one page) showed 「7 / 1」 and nothing else."""
    html = client.get("/search/", {"q": "経理", "page": "7"}).content.decode()
    assert "7ページ目には求人がありません" in html
    assert "検索結果は1ページまでです" in html
    assert 'href="?q=%E7%B5%8C%E7%90%86">最後のページ（1ページ目）へ</a>' in html
    assert 'href="?q=%E7%B5%8C%E7%90%86" rel="prev">前へ</a>' in html  # not to page 6, which is empty too
    html = client.get("/search/", {"q": "経理"}).content.decode()
    assert "には求人がありません" not in html
    # Beyond the 50-page cap on a one-page result: the past-the-end card alone, not 「50ページ目までです」 too.
    html = client.get("/search/", {"q": "経理", "page": "999"}).content.decode()
    assert "検索結果は1ページまでです" in html and "50ページ目までです" not in html


def test_page_bad_values_are_explained_not_500(client, postings):
    r = client.get(
        "/search/",
        {
            "q": '"経理',
            "pref": "99",
            "salary_min": "abc",
            "salary_unit": "month",
            "page": "100000",
            "sort": "x",
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "都道府県「99」はありません" in html
    assert "給与の下限は数字で指定してください" in html
    assert "引用符" in html


def test_api_returns_results_total_facets(client, postings):
    r = client.get("/api/v1/jobs/search", {"q": "経理 -派遣", "sort": "newest"})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 1 and data["total_approximate"] is False
    assert data["results"][0]["id"] == postings["kr"].pk
    assert "<mark>" in data["results"][0]["title_html"]
    assert sum(f["count"] for f in data["facets"]["pref"]) == data["total"]
    assert data["query"].startswith("q=")
    # The detail route next to it still works and is not shadowed.
    assert client.get(f"/api/v1/jobs/{postings['kr'].pk}").status_code == 200


def test_api_employer_token_sees_own_private(client, employer, postings):
    client.force_login(employer)
    data = client.get("/api/v1/jobs/search", {"q": "経理"}).json()
    assert {h["id"] for h in data["results"]} == {postings["kr"].pk, postings["pv"].pk}


@pytest.mark.parametrize("q", ["NEAR(経理", "*", '"', "経理" * 5000, "1' OR '1'='1"])
def test_api_malformed_never_500(client, postings, q):
    r = client.get("/api/v1/jobs/search", {"q": q})
    assert r.status_code == 200


@pytest.mark.parametrize("amount", ["1,200", "１，２００", "1200"])
def test_api_amount_with_thousands_separator_is_the_whole_amount(client, postings, amount):
    # 「1,200円」 is how people write pay; the comma must not cut it to 1 yen (or split it into two values).
    data = client.get("/api/v1/jobs/search", {"salary_unit": "hour", "salary_min": amount}).json()
    assert data["query"] == "salary_unit=hour&salary_min=1200"
    assert data["messages"] == [] and data["total"] == 1
    assert "時給1,200円以上" in data["description"]


@pytest.mark.parametrize("qual", ["簿記 TOEIC", "簿記,TOEIC", "簿記、TOEIC"])
def test_api_qualification_words_may_be_separated_by_commas(client, employer, qual):
    org = employer.organization
    both = make_posting(org, title="経理（資格）", required_qualifications="日商簿記2級、TOEIC600点")
    make_posting(org, title="経理（簿記のみ）", required_qualifications="日商簿記2級")
    data = client.get("/api/v1/jobs/search", {"qual": qual}).json()
    assert data["query"] == "qual=%E7%B0%BF%E8%A8%98+TOEIC"
    assert [h["id"] for h in data["results"]] == [both.pk]


def test_api_declares_its_query_parameters_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/jobs/search"]["get"]
    params = {p["name"]: p for p in op["parameters"]}
    assert set(params) >= {"q", "family", "pref", "emp", "salary_unit", "salary_min", "sort", "page"}
    assert all(
        p["in"] == "query" and p["required"] is False and p.get("description") for p in params.values()
    )
    assert params["pref"]["schema"]["type"] == "array" and params["pref"]["explode"] is True
    assert params["sort"]["schema"]["enum"] == ["relevance", "newest", "salary"]
    assert params["salary_unit"]["schema"]["enum"] == ["hour", "day", "month", "year"]


def test_cli_search_json(postings):
    out = StringIO()
    call_command("search", "経理 -派遣", "--prefecture", "13", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["total"] == 1 and data["results"][0]["title"] == "経理担当者"
    assert data["description"] == "経理 -派遣 ／ 東京都"


def test_cli_reindex_rebuilds(postings):
    from bonavi.search.backends import get_backend

    get_backend().clear()
    out = StringIO()
    call_command("reindex", stdout=out)
    assert "3 件を索引しました" in out.getvalue()
    assert get_backend().indexed_count() == 3


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    return dict(pairs)


def test_openapi_documents_the_error_answers_every_operation_can_give(client):
    raw = client.get("/api/v1/openapi.json").content.decode()
    # no operation lists a code twice (Ninja's int keys and the added string keys once both went out)
    json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    spec = json.loads(raw)
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            codes = op["responses"]
            if op.get("security"):
                assert "401" in codes, (method, path)
            if op.get("parameters") or op.get("requestBody"):
                assert "422" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            for code in ("401", "404", "422"):
                if code in codes:
                    schema = codes[code]["content"]["application/json"]["schema"]
                    assert (
                        schema == {"$ref": "#/components/schemas/ErrorOut"}
                        or "detail" in schema["properties"]
                    )
            assert codes.get("401", {}).get("description", "") != "Unauthorized"
    # The answers are real: the list refuses page=abc with a 422 in Japanese, as documented now.
    response = client.get("/api/v1/jobs", {"page": "abc"})
    assert response.status_code == 422 and "入力内容に問題があります" in response.json()["detail"]


def test_each_results_page_has_its_own_title(client, postings):
    """Pages 1, 2, 3… of a search all had the same <title>: in browser history and tabs they could not be told apart."""
    first = client.get("/search/", {"q": "経理"}).content.decode()
    later = client.get("/search/", {"q": "経理", "page": "2"}).content.decode()
    assert "<title>経理の求人検索｜" in first
    assert "<title>経理の求人検索（2ページ目）｜" in later


def test_openapi_bounds_are_the_bounds_the_parser_enforces(client):
    """Each numeric parameter's documented minimum and maximum are accepted and one past them is refused (page is
    capped instead); each text parameter is kept whole up to its maxLength and cut after it."""
    from bonavi.search.params import SearchParams

    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/jobs/search"]["get"]
    schemas = {p["name"]: p["schema"] for p in op["parameters"]}
    numbers = {name: s for name, s in schemas.items() if s["type"] == "integer"}
    assert set(numbers) == {"salary_min", "holidays", "overtime", "days", "page"}
    for name, schema in numbers.items():
        unit = {"salary_unit": "year"} if name == "salary_min" else {}  # the unit with the highest ceiling

        def parse(value: int, name: str = name, unit: dict = unit) -> SearchParams:
            return SearchParams.from_querydict({name: str(value), **unit})

        lo, hi = schema["minimum"], schema["maximum"]
        assert not parse(lo).errors and not parse(hi).errors, name
        assert parse(lo - 1).errors, name
        if name == "page":
            assert parse(hi + 1).page == hi and parse(hi + 1).page_capped
        else:
            assert parse(hi + 1).errors, name
    texts = {name: s["maxLength"] for name, s in schemas.items() if "maxLength" in s}
    assert set(texts) == {"q", "city", "qual"}
    attribute = {"q": "q", "city": "municipality", "qual": "qualification"}
    for name, length in texts.items():
        kept = getattr(SearchParams.from_querydict({name: "経" * length}), attribute[name])
        cut = getattr(SearchParams.from_querydict({name: "経" * (length + 1)}), attribute[name])
        assert kept == cut == "経" * length, name


def test_search_pages_through_the_shared_pager_with_its_conditions(client, employer):
    """「次へ」/「前へ」 are the search's canonical addresses (conditions in order, no page=1)."""
    for i in range(21):
        make_posting(employer.organization, title=f"経理スタッフ{i}")
    first = client.get("/search/", {"q": "経理", "pref": "13"})
    assert "includes/pager.html" in [t.name for t in first.templates]
    html = first.content.decode()
    assert 'href="?q=%E7%B5%8C%E7%90%86&amp;pref=13&amp;page=2" rel="next">次へ</a>' in html
    assert "<span>1 / 2</span>" in html and 'rel="prev"' not in html
    html = client.get("/search/", {"q": "経理", "pref": "13", "page": "2"}).content.decode()
    assert 'href="?q=%E7%B5%8C%E7%90%86&amp;pref=13" rel="prev">前へ</a>' in html
    assert "<span>2 / 2</span>" in html and 'rel="next"' not in html
    # without any condition the first page is the bare address
    html = client.get("/search/", {"page": "2"}).content.decode()
    assert 'href="?" rel="prev">前へ</a>' in html


def test_the_chips_name_the_chosen_values_in_the_saved_search_words(client, postings):
    html = client.get(
        "/search/",
        {
            "q": "経理",
            "pref": ["13", "27"],
            "emp": "seishain",
            "salary_unit": "month",
            "salary_min": "200000",
        },
    ).content.decode()
    assert 'aria-label="東京都・大阪府の条件を外す">東京都・大阪府 ✕</a>' in html
    assert ">正社員 ✕</a>" in html and ">月給20万円以上 ✕</a>" in html
    assert ">勤務地 ✕<" not in html and ">給与 ✕<" not in html and "（）" not in html


def test_several_jobs_or_kinds_read_as_that_many_in_a_chip_the_help_and_the_name(client, postings):
    """Job and employment names hold a 「・」 (経理・財務, パート・アルバイト): joined with 「・」 too, two jobs read as
    four (「経理・財務・人事・労務 ✕」). Each kind is joined so that it reads right."""
    query = {"q": "経理", "family": ["accounting", "hr_labor"], "emp": ["seishain", "part"]}
    html = client.get("/search/", {**query, "pref": "13"}).content.decode()
    assert ">経理・財務、人事・労務 ✕</a>" in html and ">正社員、パート・アルバイト ✕</a>" in html
    wrong_jobs = {"q": "経理", "family": ["hr_labor", "legal_general_affairs"]}
    help_page = client.get("/search/", wrong_jobs).content.decode()
    assert "見つかりませんでした" in help_page and "人事・労務、法務・総務を外す</a>（1件）" in help_page
    assert "経理・財務・人事・労務" not in html
    name = client.get("/api/v1/jobs/search", query).json()["description"]
    assert name == "経理 ／ 経理・財務、人事・労務 ／ 正社員、パート・アルバイト"
