"""The yearly report (様式第8号) for a chosen year: the records page's year switch (GET ?year=), its CSV (UTF-8 with
BOM, 項目,値 in the form's order, logged like the books) and the API — each for the agency's 職業紹介責任者 only."""

from __future__ import annotations

import csv
import io
import re

import pytest

from bonavi.accounts.models import User
from bonavi.agents import books
from bonavi.agents.models import ExportLog, JobOrder, Placement
from bonavi.agents.tests.factories import make_agency, place, private_order, register
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


def published() -> int:
    return books.published_fiscal_year(today_jst())


def current() -> int:
    return books.fiscal_year_of(today_jst())


@pytest.fixture
def last_year_placement(setup, candidate, employer):
    """One open-ended placement (fee 1,200,000) on the first day of the last finished year."""
    start = books.fiscal_year_bounds(published())[0]
    return place(setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=start)


def _report_table(page: str) -> dict[str, str]:
    table = page.split('id="report-table"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td>', table))


# The year switch ----------------------------------------------------------------------------------------------------


def test_the_records_page_shows_the_last_finished_year_and_switches_by_get(
    setup, client, last_year_placement
):
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    # no year asked for: the year to report, selected in the switch (a GET form: works without script)
    assert re.search(rf'<option value="{published()}" selected>', page)
    assert '<form method="get" action="/agent/records/#report"' in page
    assert _report_table(page)["就職件数（常用・国内）"] == "1"
    assert _report_table(page)["手数料（紹介手数料）"] == "1,200,000円"
    assert f"/agent/records/report.csv?year={published()}" in page
    now = client.get(f"/agent/records/?year={current()}")
    assert now.status_code == 200
    page = now.content.decode()
    assert re.search(rf'<option value="{current()}" selected>', page) and "集計中" in page
    assert _report_table(page)["就職件数（常用・国内）"] == "0"
    assert f"/agent/records/report.csv?year={current()}" in page


@pytest.mark.parametrize("year", ["abc", "2017", "1999", "99999", "-1", "２０２５", "<script>"])
def test_a_year_that_is_not_one_is_refused_in_japanese_beside_the_switch(setup, client, year):
    client.force_login(setup.boss)
    resp = client.get("/agent/records/", {"year": year})
    assert resp.status_code == 400
    page = resp.content.decode()
    said = re.search(r'<ul class="errorlist" id="id_year_error">(.*?)</ul>', page, re.S)
    assert said and "の事業報告は表示できません" in said.group(1)
    assert f"{books.REPORT_FIRST_YEAR}〜{current()}の西暦の年" in said.group(1)
    assert "<script>" not in said.group(1)  # the year typed is named, escaped
    # no figures are shown as if they were that year's, and no CSV link is offered
    assert 'id="report-table"' not in page and "report.csv" not in page


def test_next_year_is_not_offered_yet(setup, client):
    client.force_login(setup.boss)
    assert client.get("/agent/records/", {"year": current() + 1}).status_code == 400
    page = client.get("/agent/records/").content.decode()
    assert f'<option value="{current() + 1}"' not in page
    assert f'<option value="{books.REPORT_FIRST_YEAR}"' in page


# The CSV ------------------------------------------------------------------------------------------------------------


def test_the_report_csv_has_the_forms_items_in_order_and_is_logged(setup, client, last_year_placement):
    client.force_login(setup.boss)
    resp = client.get("/agent/records/report.csv", {"year": published()})
    assert resp.status_code == 200
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in resp["Content-Disposition"]
    body = resp.content.decode("utf-8")
    assert body.startswith("\ufeff項目,値")  # the BOM makes Excel read it as UTF-8
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0] == ["項目", "値"]
    head = dict(rows[1:5])
    assert head["事業者"] == "株式会社みなとキャリア" and head["許可番号"] == "13-ユ-312345"
    assert head["年度"] == f"{published()}年度（{published()}-04-01〜{published() + 1}-03-31）"
    assert head["集計日"] == f"{today_jst():%Y-%m-%d}"
    lines = books.yearly_report_lines(agency=setup.agency, fiscal_year=published())
    assert rows[5:] == [[line.label, str(line.value)] for line in lines]
    figures = dict(rows[5:])
    assert figures["就職件数（常用・国内）"] == "1" and figures["手数料（紹介手数料）"] == "1200000"
    assert [r[0] for r in rows[5:8]] == [
        "有効求人数（3月31日）",
        "求人延数（常用・国内）",
        "求人延数（臨時・国内）",
    ]
    assert [r[0] for r in rows[-2:]] == ["紹介予定派遣（求人数）", "紹介予定派遣（就職件数）"]
    log = ExportLog.objects.get()
    assert (log.kind, log.actor, log.agency, log.office, log.rows) == (
        books.REPORT_EXPORT,
        setup.boss,
        setup.agency,
        None,
        len(lines),
    )


def test_a_bad_year_exports_nothing(setup, client):
    client.force_login(setup.boss)
    resp = client.get("/agent/records/report.csv", {"year": "2017"})
    assert resp.status_code == 400 and "の事業報告は表示できません" in resp.content.decode()
    assert not ExportLog.objects.exists()


def test_only_the_agencys_responsible_gets_its_report(setup, client, last_year_placement, seeker, employer):
    url = f"/agent/records/report.csv?year={published()}"
    # an adviser without the role (CA, RA) is refused the page and the file
    for adviser in (setup.ca, setup.ra):
        client.force_login(adviser)
        assert client.get(url).status_code == 403
        assert client.get("/agent/records/").status_code == 403
    # another agency's staff: its adviser is refused; its 責任者 gets its own agency's figures, never these
    rival = make_agency(slug="rival", name="株式会社ライバル")
    client.force_login(rival.ca)
    assert client.get(url).status_code == 403
    client.force_login(rival.boss)
    resp = client.get(url)
    assert resp.status_code == 200
    figures = dict(csv.reader(io.StringIO(resp.content.decode("utf-8").removeprefix("\ufeff"))))
    assert figures["事業者"] == "株式会社ライバル" and figures["就職件数（常用・国内）"] == "0"
    # the company and the seeker are no staff at all
    for outsider in (employer, seeker):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert list(ExportLog.objects.values_list("actor", flat=True)) == [rival.boss.pk]


# The API ------------------------------------------------------------------------------------------------------------


def test_the_api_gives_the_split_figures_of_the_year_asked_and_the_old_totals(
    setup, client, employer, last_year_placement
):
    # Orders in the year asked, at home and abroad, so the old totals are sums of something (0 == 0 + 0 proved none).
    start = books.fiscal_year_bounds(published())[0]
    home, abroad = (private_order(setup, employer.organization, title=f"経理スタッフ（{n}）") for n in "AB")
    JobOrder.objects.filter(pk=home.pk).update(received_on=start, openings=2)
    JobOrder.objects.filter(pk=abroad.pk).update(received_on=start, openings=3, overseas=True)
    client.force_login(setup.boss)
    report = client.get(f"/api/v1/agent/yearly-report?fiscal_year={published()}").json()
    assert report["fiscal_year"] == published()
    assert (report["求人延数（常用・国内）"], report["求人延数（常用・国外）"]) == (2, 3)
    assert report["就職件数（常用・国内）"] == 1 and report["就職件数（日雇・国外）"] == 0
    assert report["紹介予定派遣（就職件数）"] == 0 and report["手数料の種類"] == "届出制手数料"
    # the totals before the split, kept for older clients (deprecated in the OpenAPI document)
    assert report["就職件数（常用）"] == 1 and report["就職件数（臨時・日雇）"] == 0
    assert report["求人延数（常用）"] == 5 and report["求人延数（臨時・日雇）"] == 0
    # no year: the year to report, as the page
    assert client.get("/api/v1/agent/yearly-report").json()["fiscal_year"] == published()
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["YearlyReportOut"]
    assert schema["properties"]["就職件数（常用）"].get("deprecated") is True
    # the old totals computed are exactly the deprecated keys the schema documents
    deprecated = {k for k, v in schema["properties"].items() if v.get("deprecated")}
    assert deprecated == {
        "求人延数（常用）",
        "求人延数（臨時・日雇）",
        "就職件数（常用）",
        "就職件数（臨時・日雇）",
    }
    assert deprecated <= set(report)


@pytest.mark.parametrize("year", ["2017", "abc"])
def test_the_api_refuses_a_year_out_of_range_in_japanese(setup, client, year):
    client.force_login(setup.boss)
    resp = client.get(f"/api/v1/agent/yearly-report?fiscal_year={year}")
    assert resp.status_code == 422
    assert re.search(r"[ぁ-んァ-ン一-龥]", resp.json()["detail"])
    future = client.get(f"/api/v1/agent/yearly-report?fiscal_year={current() + 1}")
    assert future.status_code == 422 and "fiscal_year" in future.json()["errors"]


def test_the_api_report_is_the_responsibles_only(setup, client):
    client.force_login(setup.ca)
    resp = client.get(f"/api/v1/agent/yearly-report?fiscal_year={published()}")
    assert resp.status_code == 403 and resp.json()["detail"] == "職業紹介責任者のみ閲覧できます。"


def test_the_report_reads_a_bounded_number_of_queries(setup, employer, client, django_assert_max_num_queries):
    """One query per figure group, not one per order, placement or training."""
    for n in range(3):
        private_order(setup, employer.organization, title=f"経理スタッフ{n}")
    for n in range(2):
        register(setup, User.objects.create_user(email=f"q{n}@test.example", password="pw-Long-enough-1"))
    with django_assert_max_num_queries(12):
        books.yearly_report_lines(agency=setup.agency, fiscal_year=current())


def test_the_report_reads_the_years_placements_once_and_the_records_page_its_figures_once(
    setup, client, last_year_placement, monkeypatch
):
    """The 就職件数, the fees and the 実績 come from one read of the year's placements; the records page's 実績 of the
    year shown is the one the report lists, not counted again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table = Placement._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        books.yearly_report_lines(agency=setup.agency, fiscal_year=published())
    assert sum(f'FROM "{table}"' in q["sql"] for q in queries.captured_queries) == 1
    counted: list[int] = []
    real = books.disclosure_figures

    def disclosure_figures(**kwargs):
        counted.append(kwargs["fiscal_year"])
        return real(**kwargs)

    monkeypatch.setattr(books, "disclosure_figures", disclosure_figures)
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    assert sorted(counted) == [
        published(),
        published() + 1,
    ]  # the public year and the year counting, once each
    assert _report_table(page)["無期雇用就職件数"] == "1"
