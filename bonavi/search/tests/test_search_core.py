"""Search behaviour through the public selector, on whichever database the suite runs against."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings

pytestmark = pytest.mark.django_db


def P(**kw) -> SearchParams:
    return SearchParams.from_querydict(kw)


def ids(user, **kw) -> set[int]:
    res = search_postings(user=user, params=P(**kw))
    assert res.total == len(res.results) or res.total > 20
    return {p.pk for p in res.results}


@pytest.fixture
def org(employer):
    return employer.organization


def test_two_kanji_word_finds_compounds(org):
    """経理 finds 経理担当者 and 経理事務 (Sudachi mode A splits the compounds)."""
    a = make_posting(org, title="経理担当者募集", duties="日々の記帳をお願いします。")
    b = make_posting(org, title="事務スタッフ", duties="経理事務と電話対応です。")
    c = make_posting(org, title="人事スタッフ", subrole="hr_clerk", duties="入退社の手続き。")
    got = ids(None, q="経理")
    assert a.pk in got and b.pk in got
    assert c.pk not in got


def test_synonym_from_the_data_file(org):
    """会計 finds a posting that only says 経理, through data/synonyms.txt."""
    p = make_posting(org, title="経理スタッフ", subrole="office_clerk", duties="伝票の起票と入力。")
    assert p.pk in ids(None, q="会計")
    res = search_postings(user=None, params=P(q="会計"))
    assert any("経理" in m for m in res.messages)


def test_unconverted_kana_is_read_as_the_job_word(org):
    """けいり / ケイリ typed without kanji conversion find 経理; こうほう finds 広報, not 工法 (Sudachi's reading)."""
    accounting = make_posting(org, title="経理スタッフ", duties="伝票の起票と入力。")
    pr = make_posting(org, title="広報担当", subrole="pr", duties="プレスリリースの作成。")
    building = make_posting(
        org, title="総務スタッフ", subrole="general_affairs", duties="新しい工法の資料を整理します。"
    )
    assert accounting.pk in ids(None, q="けいり") and accounting.pk in ids(None, q="ケイリ")
    got = ids(None, q="こうほう")
    assert pr.pk in got and building.pk not in got
    res = search_postings(user=None, params=P(q="けいり"))
    assert any("「けいり」を「経理」として" in m for m in res.messages)
    assert accounting.pk not in ids(None, q="-けいり")  # the reading works in an exclusion too


def test_halfwidth_katakana_finds_excel(org):
    """ｴｸｾﾙ (half-width) finds a posting that writes Excel, and vice versa."""
    p = make_posting(org, title="データ入力", subrole="data_entry", duties="Excelでの集計をお任せします。")
    q = make_posting(org, title="集計スタッフ", subrole="data_entry", duties="エクセル関数を使います。")
    assert {p.pk, q.pk} <= ids(None, q="ｴｸｾﾙ")
    assert {p.pk, q.pk} <= ids(None, q="ＥＸＣＥＬ")


def test_exclusion_drops_dispatch(org):
    """-派遣 excludes dispatch postings (their employment type is 派遣社員)."""
    d = make_posting(
        org,
        title="経理事務",
        employment_type="haken",
        is_dispatch=True,
        wage_unit="hour",
        wage_min=1500,
        wage_max=1600,
        fixed_term=True,
        contract_months=3,
        renewal="possible",
        renewal_criteria="業務量による",
        renewal_cap="通算5年まで",
        has_probation=False,
        probation_months=None,
        probation_conditions="",
    )
    s = make_posting(org, title="経理事務")
    assert d.pk in ids(None, q="経理")
    got = ids(None, q="経理 -派遣")
    assert s.pk in got and d.pk not in got


def test_phrase_and_or(org):
    a = make_posting(org, title="給与計算スタッフ", subrole="payroll", duties="給与計算と年末調整。")
    b = make_posting(org, title="計算業務", subrole="office_clerk", duties="給与の支払と売上の計算。")
    assert a.pk in ids(None, q='"給与計算"') and b.pk not in ids(None, q='"給与計算"')
    c = make_posting(org, title="法務担当", subrole="legal", duties="契約書の確認。")
    got = ids(None, q="法務 OR 給与計算")
    assert {a.pk, c.pk} <= got


def test_private_and_unpublished_never_reach_anonymous_or_seeker(
    org, seeker, employer, other_employer, operator
):
    pub = make_posting(org, title="経理スタッフ 公開")
    priv = make_posting(org, title="経理スタッフ 非公開", visibility=Visibility.PRIVATE)
    draft = make_posting(org, title="経理スタッフ 下書き", status=PostingStatus.DRAFT)
    expired = make_posting(
        org, title="経理スタッフ 期限切れ", valid_through=timezone.localdate() - dt.timedelta(days=1)
    )
    for user in (None, seeker, other_employer):
        got = ids(user, q="経理")
        assert got == {pub.pk}, user
        assert search_postings(user=user, params=P(q="経理")).total == 1
        assert search_postings(user=user, params=P()).total == 1
    # The employer sees its own private posting; operators every live one; drafts and expired nobody.
    assert ids(employer, q="経理") == {pub.pk, priv.pk}
    assert ids(operator, q="経理") == {pub.pk, priv.pk}
    assert draft.pk not in ids(operator, q="経理") and expired.pk not in ids(operator, q="経理")


def test_status_change_updates_index_in_the_same_transaction(org):
    p = make_posting(org, title="総務スタッフ", subrole="general_affairs")
    assert p.pk in ids(None, q="総務")
    p.status = PostingStatus.CLOSED
    p.save()
    assert p.pk not in ids(None, q="総務")
    JobPosting.objects.filter(pk=p.pk).delete()
    assert ids(None, q="総務") == set()


def test_filters_and_facets_add_up(org, other_employer):
    make_posting(org, title="経理A", prefecture="13", employment_type="seishain")
    make_posting(
        org,
        title="経理B",
        prefecture="27",
        municipality="大阪市北区",
        employment_type="seishain",
        wage_min=300_000,
        wage_max=None,
    )
    make_posting(
        org,
        title="人事C",
        subrole="hr_clerk",
        prefecture="27",
        municipality="大阪市北区",
        duties="入退社の手続き。",
        inexperienced_welcome=False,
        annual_holidays=110,
    )
    res = search_postings(user=None, params=P())
    assert res.total == 3
    for name in ("family", "pref", "emp"):
        assert sum(n for _v, _l, n in res.facets[name]) == res.total
    assert dict((v, n) for v, _l, n in res.facets["pref"]) == {"13": 1, "27": 2}
    assert search_postings(user=None, params=P(pref="27")).total == 2
    assert search_postings(user=None, params=P(pref=["13", "27"])).total == 3
    assert search_postings(user=None, params=P(salary_unit="month", salary_min="250000")).total == 1
    assert search_postings(user=None, params=P(salary_unit="month", salary_min="290000")).total == 1
    assert search_postings(user=None, params=P(salary_unit="month", salary_min="310000")).total == 0
    assert search_postings(user=None, params=P(salary_unit="hour", salary_min="1000")).total == 0
    assert search_postings(user=None, params=P(inexp="1")).total == 2
    assert search_postings(user=None, params=P(holidays="120")).total == 2
    assert search_postings(user=None, params=P(family="hr_labor")).total == 1
    assert search_postings(user=None, params=P(city="大阪市北区", q="経理")).total == 1


def test_municipality_as_people_type_it(org):
    """市区町村 finds a ward of a designated city by the city (横浜市), and a name typed without 区/市 (渋谷)."""
    from bonavi.search.matching import compile_params, posting_terms

    yokohama = make_posting(org, title="経理A", prefecture="14", municipality="横浜市港北区")
    shibuya = make_posting(org, title="経理B", prefecture="13", municipality="渋谷区")
    make_posting(org, title="経理C", prefecture="13", municipality="千代田区")
    for city in ("横浜市港北区", "横浜市", "横浜", "港北区"):
        assert ids(None, city=city) == {yokohama.pk}, city
    assert ids(None, city="横浜市", pref="14") == {yokohama.pk}
    assert ids(None, city="渋谷") == ids(None, city="渋谷区") == {shibuya.pk}
    assert ids(None, city="横浜市西区") == set()  # another ward of the same city is not this one
    # typed as an address, with the prefecture in front
    assert ids(None, city="東京都渋谷区") == ids(None, city="東京都渋谷") == {shibuya.pk}
    assert ids(None, city="神奈川県横浜市") == {yokohama.pk}
    assert ids(None, city="大阪府渋谷区") == set()  # the named prefecture still counts
    # The saved-search matcher (e-mail alerts) reads the same terms.
    assert compile_params(P(city="横浜市")).matches(posting_terms(yokohama), yokohama)
    assert not compile_params(P(city="横浜市")).matches(posting_terms(shibuya), shibuya)
    assert compile_params(P(city="神奈川県横浜市")).matches(posting_terms(yokohama), yokohama)
    assert not compile_params(P(city="東京都横浜市")).matches(posting_terms(yokohama), yokohama)


@pytest.mark.parametrize(
    "q",
    [
        '"経理',
        "経理" * 5000,
        "NEAR(経理 事務",
        "*",
        "経理*",
        "'; DROP TABLE x; --",
        "経理 OR",
        "OR",
        "- -",
        '""',
        "{title}: 経理",
        "経理 AND NOT 事務",
        "^経理",
        "(((",
        "\x00経理",
    ],
)
def test_malformed_queries_never_fail(org, q):
    make_posting(org, title="経理事務")
    res = search_postings(user=None, params=SearchParams.from_querydict({"q": q}))
    assert res.total >= 0


def test_sorts(org):
    old = make_posting(org, title="経理 古い", wage_min=200_000, wage_max=None)
    old.date_posted = timezone.now() - dt.timedelta(days=10)
    old.save()
    rich = make_posting(org, title="経理 高給", wage_min=400_000, wage_max=None)
    rich.date_posted = timezone.now() - dt.timedelta(days=5)
    rich.save()
    new = make_posting(org, title="事務 新着", duties="経理の補助", wage_min=210_000, wage_max=None)
    order = lambda sort: [p.pk for p in search_postings(user=None, params=P(q="経理", sort=sort)).results]  # noqa: E731
    assert order("newest") == [new.pk, rich.pk, old.pk]
    assert order("salary") == [rich.pk, new.pk, old.pk]
    assert order("relevance") == [rich.pk, old.pk, new.pk]  # title matches first, then newest


def test_posted_within_and_posted_after(org):
    old = make_posting(org, title="経理 古い")
    old.date_posted = timezone.now() - dt.timedelta(days=20)
    old.save()
    new = make_posting(org, title="経理 新しい")
    assert new.date_posted is not None
    assert ids(None, q="経理", days="7") == {new.pk}
    res = search_postings(
        user=None, params=P(q="経理"), posted_after=new.date_posted - dt.timedelta(seconds=1)
    )
    assert [p.pk for p in res.results] == [new.pk]
    res = search_postings(user=None, params=P(q="経理"), posted_after=new.date_posted)
    assert res.results == []


def test_scale_histogram_keeps_the_sum():
    from bonavi.search.backends.sqlite_fts5 import scale_histogram

    scaled = scale_histogram({1: 3, 2: 3, 3: 1}, 100)
    assert sum(scaled.values()) == 100 and scaled[1] == scaled[2] and scaled[3] < scaled[1]


def _engine_module():
    """The active backend's module (its FACET_SAMPLE / RELEVANCE_WINDOW are patched to test sampling)."""
    from django.db import connection

    from bonavi.search.backends import postgres, sqlite_fts5

    return sqlite_fts5 if connection.vendor == "sqlite" else postgres


def test_large_results_sample_facets_but_keep_exact_total(org, employer, monkeypatch):
    """Above the sample size the total stays exact (private, draft and expired postings left out) and facet
    counts are scaled from the newest matches, still adding up — on either backend."""
    from django.db import connection

    monkeypatch.setattr(_engine_module(), "FACET_SAMPLE", 3)
    for i in range(7):
        make_posting(org, title=f"経理{i}", prefecture="13" if i % 2 else "27")
    make_posting(org, title="経理 非公開", visibility=Visibility.PRIVATE)
    make_posting(org, title="経理 下書き", status=PostingStatus.DRAFT)
    make_posting(org, title="経理 期限切れ", valid_through=timezone.localdate() - dt.timedelta(days=1))
    # SQLite samples the newest 3; PostgreSQL reads whole days, and these are all from today: exact there.
    sampled = connection.vendor == "sqlite"
    res = search_postings(user=None, params=P(q="経理"))
    assert res.total == 7 and res.facets_approximate == sampled and not res.total_approximate
    assert sum(n for _v, _l, n in res.facets["pref"]) == 7
    assert sum(n for _v, _l, n in res.facets["emp"]) == 7
    mine = search_postings(user=employer, params=P(q="経理"))
    assert mine.total == 8 and mine.facets_approximate == sampled  # plus the employer's own private posting
    exact = search_postings(user=None, params=P(q="経理", pref="13"))
    assert exact.total == 3 and not exact.facets_approximate  # the walk saw every match


def test_counts_leave_out_what_the_terms_cannot(org):
    """The exact count (ADR 0025: an index count minus the excluded rows among the matches) equals the matches
    the page walk accepts, for the conditions terms cannot express: 掲載期限 passed but not yet marked expired,
    an off-ladder wage, and "posted after" inside the key's minute."""
    from bonavi.search.backends import get_backend
    from bonavi.search.query import Access, build_plan

    for wage in (200_000, 205_000, 215_000):
        make_posting(org, title="経理スタッフ", wage_min=wage, wage_max=None)
    # Its 掲載期限 passes before the "today" of the searches below, with no write to the posting.
    make_posting(
        org,
        title="経理 期限切れ",
        wage_min=230_000,
        wage_max=None,
        valid_through=timezone.localdate() + dt.timedelta(days=3),
    )
    edge = make_posting(org, title="経理 同じ分")  # 月給 230,000
    assert edge.date_posted is not None
    backend = get_backend()
    cases = [
        (P(q="経理"), None, 4),
        (P(q="経理", salary_unit="month", salary_min="210000"), None, 2),  # 215,000 and 230,000
        (P(salary_unit="month", salary_min="201000"), None, 3),
        (P(q="経理"), edge.date_posted - dt.timedelta(microseconds=1), 1),
        (P(q="経理"), edge.date_posted, 0),
    ]
    for params, after, want in cases:
        plan = build_plan(params, posted_after=after)
        plan.today = timezone.localdate() + dt.timedelta(days=10)
        assert backend.count(plan, Access("public")) == want, (params, after)
        assert len(backend.all_ids(plan, Access("public"))) == want, (params, after)


@pytest.mark.parametrize("sample", [4, 50])
def test_pages_sliced_from_the_facet_pass_equal_the_engine_order(org, monkeypatch, sample):
    """The sample walk's newest keys are reused for the page and the relevance window (ADR 0023, 0025): every
    page, in every sort, must equal what the engine returns without them — inside the sample, across its end,
    past it."""
    from bonavi.search.backends import get_backend
    from bonavi.search.query import Access, build_plan

    engine = _engine_module()
    monkeypatch.setattr(engine, "FACET_SAMPLE", sample)
    monkeypatch.setattr(engine, "RELEVANCE_WINDOW", 5)
    for i in range(13):
        title = f"経理スタッフ{i}" if i % 3 else f"総務スタッフ{i}"
        make_posting(
            org,
            title=title,
            duties="経理と総務の事務です。",
            prefecture="13" if i % 2 else "27",
            wage_min=200_000 + (i % 4) * 60_000,
            wage_max=None,
        )
    backend = get_backend()
    plan = build_plan(P(q="経理"))
    for sort in ("relevance", "newest", "salary"):
        for offset in range(0, 14):
            for limit in (1, 3, 20):
                kw = {"sort": sort, "offset": offset, "limit": limit}
                with_facets = backend.search(plan, Access("public"), facets=True, **kw)
                without = backend.search(plan, Access("public"), facets=False, **kw)
                assert with_facets.total == without.total == 13
                assert with_facets.ids == without.ids, kw


def test_one_pass_and_two_pass_facet_counts_agree(org, monkeypatch):
    """Total and sampled facet counts are read in one aggregate pass or, for broad results, a count plus a grouped
    pass over the sample (ADR 0023); both must give the same figures."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite backend optimisation")
    from bonavi.search.backends import get_backend, sqlite_fts5
    from bonavi.search.query import Access, build_plan

    monkeypatch.setattr(sqlite_fts5, "FACET_SAMPLE", 5)
    for i in range(11):
        make_posting(org, title=f"経理{i}", prefecture=("13", "27", "14")[i % 3])
    plan = build_plan(P(q="経理"))
    got = []
    for one_pass_max in (0, 10**9):
        monkeypatch.setattr(sqlite_fts5, "ONE_PASS_MAX", one_pass_max)
        raw = get_backend().search(plan, Access("public"), sort="newest", offset=0, limit=20)
        got.append((raw.total, raw.histogram, raw.facets_approximate, raw.ids))
    assert got[0] == got[1]
    assert got[0][0] == 11 and got[0][2] and sum(got[0][1].values()) == 11


def test_postgres_walk_by_days_estimates_large_totals_and_says_so(org, client, monkeypatch):
    """PostgreSQL (ADR 0025): the newest matches are read day by day; when FACET_SAMPLE is reached before the
    oldest day the total is an estimate, flagged, and the page and the API say 「約」. A walk that reaches the
    oldest day has seen every match: exact. Facets add up to the total shown either way."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite always counts exactly")
    from bonavi.search.backends import postgres
    from bonavi.search.terms import index_doc

    def get_key(p: JobPosting) -> int:
        return index_doc(p).key

    made = []
    for i in range(12):  # 3 a day over 4 days, newest first
        p = make_posting(org, title=f"経理{i}", prefecture="13" if i % 3 else "27")
        p.date_posted = timezone.now() - dt.timedelta(days=i // 3)
        p.save()
        made.append(p)
    other = make_posting(org, title="人事", subrole="hr_clerk", duties="入退社の手続き。")
    other.date_posted = timezone.now() - dt.timedelta(days=3)
    other.save()
    with connection.cursor() as cur:
        cur.execute("ANALYZE search_doc")  # the estimate scales by the table's row count
    exact = search_postings(user=None, params=P(q="経理"))
    assert (exact.total, exact.total_approximate, exact.facets_approximate) == (12, False, False)
    from bonavi.search import selectors

    monkeypatch.setattr(postgres, "FACET_SAMPLE", 2)  # the newest day (3 matches) is enough …
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)  # … for the page too …
    # … and for the relevance window (the page's default)
    monkeypatch.setattr(postgres, "RELEVANCE_WINDOW", 2)
    est = search_postings(user=None, params=P(q="経理", sort="newest"))
    assert est.total_approximate and est.facets_approximate
    # Every row of the newest day matched (3 of 3): 3 × 13 rows / 3 = 13, one more than the truth (the 人事
    # posting is on an older day) — an estimate, and labelled as one.
    assert est.total == 13
    assert sum(n for _v, _l, n in est.facets["pref"]) == est.total
    # The page holds the newest matches, in key order (same-day keys order by facet bits, then id).
    newest_day = sorted(made[:3], key=lambda p: get_key(p), reverse=True)
    assert [p.pk for p in est.results] == [p.pk for p in newest_day[:2]]
    page = client.get("/search/", {"q": "経理"}).content.decode()
    assert 'title="件数が多いため' in page and "約</abbr>" in page
    body = client.get("/api/v1/jobs/search", {"q": "経理"}).json()
    assert body["total_approximate"] is True and body["total"] == est.total
    monkeypatch.setattr(postgres, "FACET_SAMPLE", 100)
    body = client.get("/api/v1/jobs/search", {"q": "経理"}).json()
    assert body["total_approximate"] is False and body["total"] == 12
    assert "約</abbr>" not in client.get("/search/", {"q": "経理"}).content.decode()


def test_no_results_help_estimates_broad_relaxations_on_postgresql(org, monkeypatch, client) -> None:
    """A relaxed query that is broad is estimated like a search total (bounded cost), and says 約; SQLite and a
    walk that reaches the oldest day stay exact."""
    from django.db import connection

    from bonavi.search.backends import get_backend
    from bonavi.search.query import Access, build_plan

    for i in range(12):  # 3 a day over 4 days, all 経理 in 東京都
        p = make_posting(org, title=f"経理{i}", prefecture="13")
        p.date_posted = timezone.now() - dt.timedelta(days=i // 3)
        p.save()
    params = P(q="経理", pref="47")
    exact = search_postings(user=None, params=params)
    assert exact.total == 0
    assert [(label, n, approx) for label, _qs, n, approx in exact.relaxations] == [("沖縄県", 12, False)]
    assert get_backend().count_estimate(build_plan(P(q="経理")), Access("public")) == (12, False)
    if connection.vendor != "postgresql":
        return
    from bonavi.search.backends import postgres

    with connection.cursor() as cur:
        cur.execute("ANALYZE search_doc")  # the estimate scales by the table's row count
    monkeypatch.setattr(postgres, "FACET_SAMPLE", 2)  # the newest day (3 matches) is enough: an estimate
    est = search_postings(user=None, params=params)
    ((label, _qs, n, approx),) = est.relaxations
    assert label == "沖縄県" and approx and n == 12  # the newest day's 3 of 3 rows × 12 rows / 3
    page = client.get("/search/", {"q": "経理", "pref": "47"}).content.decode()
    assert "沖縄県を外す</a>（約12件）" in page


def test_published_posting_without_listing_end_is_found(org, seeker, employer, operator):
    """A published posting with no 掲載期限 is live (jobs.selectors lists it, its page opens, alerts match it): the
    search finds it on every backend, for everyone, in counts, pages and the "no results" help. PostgreSQL
    compared a NULL 掲載期限 with today and dropped the row (NOT (true AND NULL) is NULL)."""
    from bonavi.search.backends import get_backend
    from bonavi.search.query import Access, build_plan

    open_ended = make_posting(org, title="経理スタッフ（期限なし）", valid_through=None)
    dated = make_posting(org, title="経理スタッフ")
    assert open_ended.valid_through is None
    for user in (None, seeker, employer, operator):
        res = search_postings(user=user, params=P(q="経理"))
        assert res.total == 2 and {p.pk for p in res.results} == {open_ended.pk, dated.pk}, user
        assert sum(n for _v, _l, n in res.facets["pref"]) == 2
    for sort in ("newest", "salary"):
        assert open_ended.pk in ids(None, q="経理", sort=sort)
    plan = build_plan(P(q="経理"))
    assert get_backend().count(plan, Access("public")) == 2
    assert get_backend().count_estimate(plan, Access("public")) == (2, False)
    assert set(get_backend().all_ids(plan, Access("public"))) == {open_ended.pk, dated.pk}
    # The "no results" help counts what dropping a filter would give, with the open-ended posting.
    res = search_postings(user=None, params=P(q="経理", remote="full"))
    assert res.total == 0
    assert [n for label, _qs, n, _a in res.relaxations if label == "フルリモート"] == [2]


def test_relevance_ranks_postings_that_refuse_the_keyword_last(org):
    """未経験 finds 「未経験不可」 too (it is the word), but a seeker looking for 未経験 wants the postings that
    welcome them: those come first, newest first, and the refusing ones last — even with the refusal in the title.
    Other keywords are unaffected (経理 still ranks the 「経理（未経験不可）」 title first)."""
    now = timezone.now()

    def posted(days: int, **kw):
        return make_posting(org, date_posted=now - dt.timedelta(days=days), **kw)

    refused_title = posted(0, title="経理（未経験不可）", duties="月次決算をお任せします。")
    refused_body = posted(
        1,
        title="総務スタッフ",
        subrole="general_affairs",
        duties="社内規程の管理。",
        required_experience="総務の実務3年以上（未経験者NG）",
    )
    welcome_title = posted(5, title="【未経験歓迎】受付", subrole="reception", duties="来訪者の受付。")
    welcome_body = posted(6, title="人事スタッフ", subrole="hr_clerk", duties="未経験の方も丁寧に教えます。")
    got = [p.pk for p in search_postings(user=None, params=P(q="未経験")).results]
    assert got == [welcome_title.pk, welcome_body.pk, refused_title.pk, refused_body.pk]
    got = [p.pk for p in search_postings(user=None, params=P(q="未経験", sort="newest")).results]
    assert got == [
        refused_title.pk,
        refused_body.pk,
        welcome_title.pk,
        welcome_body.pk,
    ]  # only relevance moves
    # 経理 in a long text once vs 経理 in the title: the title first (ADR 0020), the refusal is of 未経験, not 経理.
    long_text = posted(
        0,
        title="事務スタッフ",
        subrole="office_clerk",
        duties="来客対応、電話応対、備品管理、" * 10 + "経理の補助。",
    )
    got = [p.pk for p in search_postings(user=None, params=P(q="経理")).results]
    assert got == [refused_title.pk, long_text.pk]


def test_no_results_help_tries_each_word_and_the_parts_of_a_compound(org):
    """0 results for several words: the help says which word to drop (「ヘルプデスク」を外す: 2件), not only the whole
    keyword. 0 results for a compound searched as a phrase of its parts (経理担当者 → 経理 担当 者, postings say
    経理事務担当): its longest part that finds postings is offered (経理). Same counts on every backend."""
    make_posting(org, title="経理事務担当", duties="伝票の起票。")
    make_posting(org, title="経理スタッフ", duties="月次決算の補助。")
    res = search_postings(user=None, params=P(q="経理 ヘルプデスク", pref="13"))
    assert res.total == 0
    assert [(label, qs, n) for label, qs, n, _a in res.relaxations][:2] == [
        ("キーワード「ヘルプデスク」", "q=%E7%B5%8C%E7%90%86&pref=13", 2),
        ("キーワード「経理 ヘルプデスク」", "pref=13", 2),
    ]
    res = search_postings(user=None, params=P(q="経理担当者"))
    assert res.total == 0
    assert [(w, qs, n) for w, qs, n, _a in res.suggestions] == [("経理", "q=%E7%B5%8C%E7%90%86", 2)]
    # A word that is excluded (-派遣) is one of the words too; a quoted phrase is not split.
    res = search_postings(user=None, params=P(q='"経理担当者" -派遣'))
    assert res.total == 0 and res.suggestions == []


def test_the_page_shows_what_the_head_of_an_unfound_compound_finds_and_says_so(org, client):
    """経理担当者 is in no posting as written; the page lists the 経理 postings at once (a seeker on a phone should
    not face an empty page), says so, and links to the search as written. A tail part (担当者) is never used in
    its place, and the API keeps answering exactly what was asked."""
    make_posting(org, title="経理事務担当", duties="伝票の起票。")
    make_posting(org, title="経理スタッフ", duties="月次決算の補助。")
    html = client.get("/search/", {"q": "経理担当者"}).content.decode()
    assert "「経理担当者」を含む求人はなかったため、「経理」で検索した結果を表示しています。" in html
    assert 'class="total">2<' in html and "経理事務担当" in html and "見つかりませんでした" not in html
    assert (
        'href="?q=%22%E7%B5%8C%E7%90%86%E6%8B%85%E5%BD%93%E8%80%85%22">「経理担当者」のまま検索する</a>'
        in html
    )
    exact = client.get("/search/", {"q": '"経理担当者"'}).content.decode()
    assert "見つかりませんでした" in exact and "で検索した結果を表示しています" not in exact
    assert client.get("/api/v1/jobs/search", {"q": "経理担当者"}).json()["total"] == 0
    # only a leading part stands in: 担当 alone would find any posting with a 担当
    make_posting(org, title="総務担当", duties="備品の管理。")
    tail = client.get("/search/", {"q": "法務担当"}).content.decode()
    assert "見つかりませんでした" in tail and "で検索した結果を表示しています" not in tail


def test_the_head_of_an_unfound_compound_keeps_the_messages_of_the_search_asked_for(org, client):
    """The part's search was parsed again from its query string, which holds only the valid conditions: a wrong
    prefecture code was dropped without a word."""
    make_posting(org, title="経理事務担当", duties="伝票の起票。")
    html = client.get("/search/", {"q": "経理担当者", "pref": "99"}).content.decode()
    assert "「経理」で検索した結果を表示しています" in html
    assert "都道府県「99」はありません。『北海道』〜『沖縄県』の一覧から選んでください。" in html


def test_no_results_help_offers_conditions_typed_as_keywords(org, client):
    """残業なし, 月給20万以上, 年間休日120日 are facts of a posting, not words in it: typed into the keyword box they
    find nothing, and the help offers the matching filter with its count (the other words kept)."""
    make_posting(
        org, title="経理スタッフ", overtime_exists=False, overtime_monthly_hours=None, wage_min=230_000
    )
    make_posting(org, title="経理事務", duties="残業は月10時間程度です。", wage_min=190_000, wage_max=None)
    res = search_postings(user=None, params=P(q="経理 残業なし"))
    assert res.total == 0
    assert [(label, qs, n) for label, qs, n, _a in res.conditions] == [
        ("残業なし", "q=%E7%B5%8C%E7%90%86&overtime=0", 1)
    ]
    assert res.suggestions == []  # not its part 残業, which finds postings with overtime
    # nor dropped as a word (「キーワード「残業なし」」 would throw away what was asked for, and cost a count)
    assert "キーワード「残業なし」" not in [label for label, _qs, _n, _a in res.relaxations]
    res = search_postings(user=None, params=P(q="月給２０万以上"))
    assert [(label, qs, n) for label, qs, n, _a in res.conditions] == [
        ("月給20万円以上", "salary_unit=month&salary_min=200000", 1)
    ]
    res = search_postings(user=None, params=P(q="年間休日120日 経理 xyzzy"))
    assert [(label, n) for label, _qs, n, _a in res.conditions] == []  # xyzzy still finds nothing
    html = client.get("/search/", {"q": "経理 残業なし"}).content.decode()
    assert "キーワードではなく条件で絞り込む" in html
    assert 'href="?q=%E7%B5%8C%E7%90%86&amp;overtime=0">残業なし</a>（1件）' in html


def test_no_results_help_guesses_are_bounded_counts(org, monkeypatch):
    """Each guess of the help (a word dropped, a compound's part, a condition word) is counted with bounded=True;
    the filter relaxations that existed before keep the full walk (small counts stay exact there)."""
    from bonavi.search import selectors

    make_posting(org, title="経理スタッフ", duties="月次決算の補助。")
    backend = selectors.get_backend()
    calls: list[tuple[str, bool]] = []
    real = type(backend).count_estimate

    def spy(self, plan, access, *, bounded=False):
        calls.append((" ".join(c.typed for c in plan.clauses if c.typed), bounded))
        return real(self, plan, access, bounded=bounded)

    monkeypatch.setattr(type(backend), "count_estimate", spy)
    res = search_postings(user=None, params=P(q="経理担当者 残業なし ほげ", pref="13"))
    assert res.total == 0
    guesses = [c for c in calls if c[0] not in ("", "経理担当者 残業なし ほげ")]
    assert guesses and all(bounded for _q, bounded in guesses), calls
    assert ("", False) in calls and (
        "経理担当者 残業なし ほげ",
        False,
    ) in calls  # without the keyword / 勤務地


def test_postgres_bounded_count_reads_only_the_newest_rows(org, monkeypatch):
    """PostgreSQL: a guess of the help reads the postings of the newest days up to HINT_ROWS rows, one query a
    step, never every match of a rare phrase (担当者, a part of 経理担当者, cost 420–520 ms at 1M postings);
    a match older than those rows is not offered. The full walk still finds it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts exactly and fast (FTS5)")
    from bonavi.search.backends import get_backend, postgres
    from bonavi.search.query import Access, build_plan

    old = make_posting(org, title="経理スタッフ", duties="月次決算の補助。")
    old.date_posted = timezone.now() - dt.timedelta(days=40)
    old.save()
    for i in range(4):  # the newest day: 4 postings without 経理
        make_posting(org, title=f"人事{i}", subrole="hr_clerk", duties="入退社の手続き。")
    with connection.cursor() as cur:
        cur.execute("ANALYZE search_doc")
    plan = build_plan(P(q="経理"))
    assert get_backend().count_estimate(plan, Access("public")) == (1, False)
    # Under the cap (the 5 rows are fewer than HINT_ROWS): the bounded walk reaches the oldest day, exact.
    assert get_backend().count_estimate(plan, Access("public"), bounded=True) == (1, False)
    with monkeypatch.context() as m:
        m.setattr(postgres, "HINT_ROWS", 3)
        with CaptureQueriesContext(connection) as ctx:
            got = get_backend().count_estimate(plan, Access("public"), bounded=True)
        assert got == (0, True)
        walks = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT key FROM search_doc")]
        assert len(walks) == 1 and "_d" in walks[0]  # the newest day only, by its day term
        res = search_postings(user=None, params=P(q="経理担当者"))
        assert res.total == 0 and res.suggestions == []  # 経理 is only in the old posting
    res = search_postings(user=None, params=P(q="経理担当者"))
    assert [(w, n) for w, _qs, n, _a in res.suggestions] == [("経理", 1)]


def test_postgres_bounded_count_reaches_hint_rows_on_a_sparse_site(org, monkeypatch):
    """PostgreSQL: on a site posting few a day, the newest HINT_ROWS rows span more days than the full walk's
    three steps reach (≤ 33 days); the guess walks on, by more day steps, until it has read that many rows.
    A match 40 days old among the newest rows was counted 0 and never offered."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts exactly and fast (FTS5)")
    from bonavi.search.backends import get_backend, postgres
    from bonavi.search.query import Access, build_plan

    def posted(days: int, **over: Any) -> None:
        p = make_posting(org, **over)
        p.date_posted = timezone.now() - dt.timedelta(days=days)
        p.save()

    for days in (0, 10, 20, 30):
        posted(days, title=f"人事{days}", subrole="hr_clerk", duties="入退社の手続き。")
    posted(40, title="経理スタッフ", duties="月次決算の補助。")
    for i in range(3):  # older still, beyond the newest HINT_ROWS rows
        posted(100 + i, title=f"総務{i}", subrole="general_affairs", duties="備品の管理。")
    with connection.cursor() as cur:
        cur.execute("ANALYZE search_doc")
    monkeypatch.setattr(postgres, "HINT_ROWS", 6)  # the index holds 8: more than the guess may read
    got = get_backend().count_estimate(build_plan(P(q="経理")), Access("public"), bounded=True)
    assert got[0] >= 1, got


def test_no_results_help_mends_a_homophone_kanji_slip(org, client):
    """経里 (the IME's wrong kanji for けいり) finds nothing; the help asks 「もしかして：経理」 with its count. Only a
    kanji of the same sound counts: 経理 is offered for 経里, never 経営 or 経費, which differ by one kanji too but
    sound different. A word mended inside a longer keyword keeps the rest (経里事務 → 経理事務; 東京 kept)."""
    make_posting(org, title="経理事務スタッフ", duties="伝票の起票。")
    # (each says its own duties and sub-role: the factory's mention 会計ソフト and 経理事務, which 経理 finds)
    make_posting(org, title="経営企画", subrole="office_clerk", duties="予算の策定。")
    make_posting(org, title="社会保険労務士（社労士）補助", subrole="payroll", duties="手続きの代行。")
    res = search_postings(user=None, params=P(q="経里"))
    assert res.total == 0
    assert [(q, qs, n) for q, qs, n, _a in res.typos] == [("経理", "q=%E7%B5%8C%E7%90%86", 1)]
    res = search_postings(user=None, params=P(q="経里事務 東京"))
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("経理事務 東京", 1)]
    res = search_postings(user=None, params=P(q="社会保健労務士"))
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("社会保険労務士", 1)]
    # A slip whose mended word finds nothing either (人時 → 人事: no 人事 posting) is not offered.
    assert search_postings(user=None, params=P(q="人時")).typos == []
    # Right words that find nothing get no guess.
    assert search_postings(user=None, params=P(q="経費 精算")).typos == []
    html = client.get("/search/", {"q": "経里"}).content.decode()
    assert 'もしかして：<a href="?q=%E7%B5%8C%E7%90%86">経理</a>（1件）' in html


def test_two_slips_in_one_keyword_are_mended_together(org, monkeypatch):
    """経里 総無: each word mended alone still held the other slip and found nothing, so no 「もしかして」 at all. The
    keyword with both mended is counted too (one more count) and offered first."""
    from bonavi.search import selectors

    make_posting(org, title="経理・総務スタッフ", duties="伝票の起票と備品の管理。")
    backend = selectors.get_backend()
    counted: list[str] = []
    real = type(backend).count_estimate

    def spy(self, plan, access, *, bounded=False):
        counted.append(" ".join(c.typed for c in plan.clauses if c.typed))
        return real(self, plan, access, bounded=bounded)

    monkeypatch.setattr(type(backend), "count_estimate", spy)
    res = search_postings(user=None, params=P(q="経里 総無"))
    assert res.total == 0
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("経理 総務", 1)]
    assert counted.count("経理 総務") == 1 and {"経理 総無", "経里 総務"} <= set(counted)
    assert res.suggestions == []  # no part of a mended word either
    # One slip and a right word: nothing to combine, no extra count.
    counted.clear()
    res = search_postings(user=None, params=P(q="経里 総務"))
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("経理 総務", 1)] and counted.count("経理 総務") == 1


def test_a_word_mended_as_a_typo_gets_no_part_hint(org):
    """経里事務 offered 「もしかして：経理事務」 and also its part 事務, a guess at what the slip meant beside the answer."""
    make_posting(org, title="経理事務スタッフ", duties="伝票の起票。")
    res = search_postings(user=None, params=P(q="経里事務"))
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("経理事務", 1)]
    assert res.suggestions == []
    # A compound with no slip still gets its part (経理担当者 → 経理).
    res = search_postings(user=None, params=P(q="経理担当者"))
    assert [w for w, *_ in res.suggestions] == ["経理"]


def test_homophone_fixes_need_the_same_sound_not_only_one_kanji_apart():
    from bonavi.search.typos import homophone_fixes

    assert homophone_fixes("経里") == ["経理"]
    assert homophone_fixes("総無") == ["総務"]  # 務 alone reads ツトム; in 総務 (ソウム) it is ム
    assert homophone_fixes("給世計算") == ["給与計算"]
    assert homophone_fixes("経理") == [] and homophone_fixes("経営") == [] and homophone_fixes("業務") == []
    assert homophone_fixes("けいり") == [] and homophone_fixes("x" * 100) == []


def test_the_head_of_an_unfound_compound_costs_one_more_search_and_its_own_tries(org, client, monkeypatch):
    """The page asks search_postings for the head at once: the empty search stops its help at the leading part
    that finds postings and answers that part's search. Before, the whole help of the empty search was counted
    (each filter, typos, every part, conditions, synonyms: 5 counts here) and thrown away, and the page then
    searched the part from its query string again: 19 SQL queries on SQLite, now 13 (the plain page: 6)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bonavi.search.backends import get_backend

    make_posting(org, title="経理事務担当", duties="伝票の起票。", prefecture="13")
    make_posting(org, title="経理スタッフ", duties="月次決算の補助。", prefecture="13")
    calls: list[tuple[str, int]] = []  # (backend method, SQL queries it made)
    engine = type(get_backend())

    def spy(name: str) -> Any:
        real = getattr(engine, name)

        def call(self, *a, **kw):
            before = len(connection.queries)
            try:
                return real(self, *a, **kw)
            finally:
                calls.append((name, len(connection.queries) - before))

        return call

    for name in ("search", "count_estimate"):
        monkeypatch.setattr(engine, name, spy(name))

    def cost(query: dict[str, Any]) -> tuple[list[str], int, int, str]:
        calls.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/search/", query).content.decode()
        # the SQL of every backend call but the last (the search whose page is shown)
        before_last = sum(n for _name, n in calls[:-1])
        return [name for name, _n in calls], len(queries), before_last, html

    plain_calls, plain_sql, _none, _html = cost({"q": "経理", "pref": "13"})
    assert plain_calls == ["search"]
    calls_made, sql, empty_and_counts, html = cost({"q": "経理担当者", "pref": "13"})
    assert "「経理」で検索した結果を表示しています" in html and 'class="total">2<' in html
    # the empty search, 経理担当 and 経理 counted in its place, then the page of 経理: nothing else
    assert calls_made == ["search", "count_estimate", "count_estimate", "search"]
    assert sql == plain_sql + empty_and_counts


def test_no_results_spends_no_count_on_the_words_own_synonyms(org, monkeypatch):
    """The help swapped a word that found nothing for each of its synonyms and counted each search: the search had
    already found every synonym (経理 => six words, six counts of 0). No synonym of a typed word is counted now."""
    from bonavi.search import selectors
    from bonavi.search.analyzer import get_analyzer
    from bonavi.search.synonyms import get_synonyms

    make_posting(org, title="人事スタッフ", subrole="hr_clerk", duties="入退社の手続き。")
    backend = selectors.get_backend()
    counted: list[str] = []
    real = type(backend).count_estimate

    def spy(self, plan, access, *, bounded=False):
        counted.append(" ".join(c.typed for c in plan.clauses if c.typed))
        return real(self, plan, access, bounded=bounded)

    monkeypatch.setattr(type(backend), "count_estimate", spy)
    res = search_postings(user=None, params=P(q="経理 エクセル"))
    assert res.total == 0 and res.suggestions == []
    synonyms = {
        w
        for typed in ("経理", "エクセル")
        for _p, w in get_synonyms().expand(tuple(get_analyzer().terms(typed)))
    }
    assert len(synonyms) >= 8 and counted  # the help did count (the words dropped one by one)
    assert not [q for q in counted if set(q.split()) & synonyms]


def test_the_as_typed_link_quotes_the_whole_word_not_the_same_letters_inside_another(org, client):
    """「…のまま検索する」 quotes the word that found nothing, by whole word: in 「-経理担当者 経理担当者」 it is the
    second word, not the first occurrence of its letters (inside the excluded word)."""
    make_posting(org, title="経理事務担当", duties="伝票の起票。")
    html = client.get("/search/", {"q": "-経理担当者 経理担当者"}).content.decode()
    assert "「経理担当者」を含む求人はなかったため、「経理」で検索した結果を表示しています。" in html
    as_typed = "-経理担当者 " + '"経理担当者"'
    assert f'href="?{urlencode({"q": as_typed})}">「経理担当者」のまま検索する</a>' in html
