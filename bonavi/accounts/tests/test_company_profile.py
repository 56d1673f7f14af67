"""The company profile (ADR 0103): an employer's 採用担当 fills in 事業内容, 従業員数, 設立, 資本金, 会社URL and 会社の特徴
on the account page's 会社情報; the public company page, each public posting's 「企業情報」 and its JSON-LD show them,
and nothing shows for a company without a public posting."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client

from bonavi.accounts.models import Organization, User, yen_large
from bonavi.core.clock import today_jst
from bonavi.jobs.jsonld import posting_jsonld
from bonavi.jobs.models import PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

CONTACT = {
    "action": "organization",
    "address": "東京都千代田区丸の内1-1-1",
    "phone": "03-1234-5678",
    "email": "",
}
PROFILE = {
    "business": "中小企業向けの経理・給与計算の受託\nクラウド会計の導入支援",
    "employees": "１，２００人",
    # as the form's 年 box and 月 select send it (core.forms.YearMonthWidget)
    "founded_year": "2005",
    "founded_month": "4",
    "capital": "3億5000万円",
    "website": "https://example.co.jp/",
    "pitch": "20代〜50代が活躍中。残業は月10時間ほどです。",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _jsonld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.+?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_employer_fills_in_the_profile_and_the_public_pages_show_it(employer: User) -> None:
    client = _client(employer)
    response = client.post("/accounts/", {**CONTACT, **PROFILE})
    assert response.status_code == 302, response.content.decode()
    org = Organization.objects.get(members=employer)
    assert org.employees == 1200 and org.founded == dt.date(2005, 4, 1) and org.capital == 350_000_000
    assert org.website == "https://example.co.jp/" and org.business.startswith("中小企業向け")
    # shown back as stored, in the 年 box and the 月 select
    page = client.get("/accounts/").content.decode()
    assert 'name="founded_year" value="2005"' in page and 'value="1200"' in page
    assert '<option value="4" selected>4</option>' in page
    # 資本金 as it is written (and read again), not 「350000000」 to be counted digit by digit
    assert 'value="3億5,000万円"' in page
    assert client.post("/accounts/", {**CONTACT, **PROFILE, "capital": "3億5,000万円"}).status_code == 302
    org.refresh_from_db()
    assert org.capital == 350_000_000

    posting = make_posting(org, title="経理事務")
    anonymous = Client()
    company = anonymous.get(f"/companies/{org.pk}/").content.decode()
    for shown in (
        "事業内容",
        "クラウド会計の導入支援",
        "1,200人",
        "2005年4月",
        "3億5,000万円",
        "20代〜50代が活躍中",
    ):
        assert shown in company, shown
    assert 'href="https://example.co.jp/" rel="nofollow noopener ugc"' in company
    assert "03-1234-5678" not in company  # the phone stays off public pages (ADR 0089)

    detail = anonymous.get(f"/jobs/{posting.pk}/").content.decode()
    box = detail.split('id="h-company"', 1)[1].split("</section>", 1)[0]
    assert "クラウド会計の導入支援" in box and "1,200人" in box and f"/companies/{org.pk}/" in box
    hiring = _jsonld(detail)["hiringOrganization"]
    assert hiring == {"@type": "Organization", "name": org.name, "sameAs": "https://example.co.jp/"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "http:// か https:// で始まるURL"),
        ("website", "ftp://example.co.jp/", "http:// か https:// で始まるURL"),
        ("website", "example.co.jp", "http:// か https:// で始まるURL"),
        ("website", "https://" + "a" * 200 + ".jp/", "会社URLは200文字以内"),
        ("employees", "0", "1〜1,000,000人の範囲"),
        ("employees", "-5", "1〜1,000,000人の範囲"),
        ("employees", "12.5", "人数を数字で"),
        ("employees", "たくさん", "人数を数字で"),
        ("founded", "2005-13", "13月はありません"),
        ("founded", "平成17年13月", "平成17年13月はありません。"),  # not 「年と月で入力…」 (ADR 0137)
        ("founded", "去年", "設立の年を数字で入力"),
        ("founded", "0205-04", "設立年「0205」"),
        ("capital", "5千円", "資本金は円単位の数字"),
        ("business", "<b>経理</b>の受託", "HTMLタグ"),
        ("business", "経" * 401, "事業内容は400文字以内"),
        ("pitch", "20代歓迎の若い職場です", "年齢"),
        ("pitch", "女性限定の職場です", "性別"),
        ("pitch", "応募時に本籍地を記入してください", "本籍"),
        ("pitch", "<script>alert(1)</script>", "HTMLタグ"),
    ],
)
def test_a_bad_profile_is_refused_beside_its_field_and_nothing_is_stored(
    employer: User, field: str, value: str, message: str
) -> None:
    org = Organization.objects.get(members=employer)
    data = {**CONTACT, **PROFILE, field: value}
    if field == "founded":  # one text, as a script or a page from before the 年 box and 月 select posts it
        del data["founded_year"], data["founded_month"]
    response = _client(employer).post("/accounts/", data)
    assert response.status_code == 422
    html = response.content.decode()
    beside = html.split(f'id="field-{field}"', 1)[1].split('<div class="field', 1)[0]
    assert message in beside.split(f'id="id_{field}_error"', 1)[1], beside
    org.refresh_from_db()
    assert (org.business, org.employees, org.founded, org.capital, org.website, org.pitch) == (
        "",
        None,
        None,
        None,
        "",
        "",
    )
    assert org.address == "東京都千代田区1-1"  # the contact part of the same form is not saved either


def test_capital_has_one_limit_however_it_is_typed(employer: User) -> None:
    """2兆円 typed in digits was refused as over 「10,000,000,000,000円まで」 (parse_yen's own 1兆円 cap) while
    「20000億」, the same amount, was stored."""
    client = _client(employer)
    org = Organization.objects.get(members=employer)
    for typed in ("2000000000000", "20000億", "2,000,000,000,000円"):
        assert client.post("/accounts/", {**CONTACT, "capital": typed}).status_code == 302, typed
        org.refresh_from_db()
        assert org.capital == 2 * 10**12
    for typed in ("20000000000000", "200000億"):
        response = client.post("/accounts/", {**CONTACT, "capital": typed})
        assert response.status_code == 422 and "10,000,000,000,000円まで" in response.content.decode(), typed


@pytest.mark.parametrize(
    ("typed", "founded"),
    [
        ("平成17年4月", dt.date(2005, 4, 1)),
        ("R3.4", dt.date(2021, 4, 1)),
        ("２００５／４", dt.date(2005, 4, 1)),
    ],
)
def test_founded_is_read_in_wareki_too(employer: User, typed: str, founded: dt.date) -> None:
    """設立 copied the documents editor's month reader without its 和暦: 「平成17年4月」 was refused."""
    assert _client(employer).post("/accounts/", {**CONTACT, "founded": typed}).status_code == 302, typed
    assert Organization.objects.get(members=employer).founded == founded


def test_founded_is_asked_as_a_year_box_and_a_month_select(employer: User) -> None:
    """<input type=month> was a bare text box asking for "2005-04" in some browsers and a picker scrolling month
    by month back to 2005 in others: a 年 box and a 月 select, as Japanese paper forms ask it, grouped under 設立."""
    page = _client(employer).get("/accounts/").content.decode()
    field = page.split('id="field-founded"', 1)[1].split('<div class="field', 1)[0]
    assert 'type="month"' not in page
    assert "<legend>設立（年月）</legend>" in field
    assert 'name="founded_year"' in field and 'inputmode="numeric"' in field and 'aria-label="年"' in field
    assert '<select name="founded_month"' in field and 'aria-label="月"' in field
    assert '<option value="12">12</option>' in field and '<option value="13"' not in field


@pytest.mark.parametrize(
    ("year", "month", "founded"),
    [
        ("2005", "4", dt.date(2005, 4, 1)),
        ("２００５", "12", dt.date(2005, 12, 1)),
        ("平成17", "4", dt.date(2005, 4, 1)),
        ("H17", "4", dt.date(2005, 4, 1)),
        ("2005年", "4", dt.date(2005, 4, 1)),  # the 年 typed although the box is followed by it
        ("令和元", "5", dt.date(2019, 5, 1)),
        ("", "", None),
    ],
)
def test_the_year_box_and_month_select_store_the_month(
    employer: User, year: str, month: str, founded: dt.date | None
) -> None:
    response = _client(employer).post("/accounts/", {**CONTACT, "founded_year": year, "founded_month": month})
    assert response.status_code == 302, response.content.decode()
    assert Organization.objects.get(members=employer).founded == founded


@pytest.mark.parametrize(
    ("year", "month", "message"),
    [
        ("2005", "", "設立の月を選んでください"),
        ("", "4", "設立の年を入力してください"),
        ("去年", "4", "設立の年を数字で入力してください"),
        ("2005", "13", "13月はありません"),  # a hand-made post: the select has no 13
        ("平成32", "1", "平成32年1月はありません"),
        ("令和元", "4", "令和元年4月はありません"),
        ("205", "4", "設立年「205」"),
        ("2999", "1", "先の日付です"),
    ],
)
def test_a_missing_future_or_impossible_founding_month_is_named_and_nothing_stored(
    employer: User, year: str, month: str, message: str
) -> None:
    response = _client(employer).post("/accounts/", {**CONTACT, "founded_year": year, "founded_month": month})
    assert response.status_code == 422
    html = response.content.decode()
    beside = html.split('id="field-founded"', 1)[1].split('<div class="field', 1)[0]
    assert message in beside.split('id="id_founded_error"', 1)[1], beside
    if year:  # what she typed stays in the box to correct
        assert f'name="founded_year" value="{year}"' in beside, beside
    assert Organization.objects.get(members=employer).founded is None


def test_a_wareki_month_its_era_never_had_is_refused(employer: User) -> None:
    response = _client(employer).post("/accounts/", {**CONTACT, "founded": "平成32年1月"})
    assert response.status_code == 422 and "平成32年1月はありません" in response.content.decode()
    assert Organization.objects.get(members=employer).founded is None


def test_a_founding_month_after_this_one_is_refused(employer: User) -> None:
    today = today_jst()
    nxt = (today.replace(day=28) + dt.timedelta(days=5)).strftime("%Y-%m")
    client = _client(employer)
    response = client.post("/accounts/", {**CONTACT, "founded": nxt})
    assert response.status_code == 422 and "先の日付です" in response.content.decode()
    assert client.post("/accounts/", {**CONTACT, "founded": today.strftime("%Y-%m")}).status_code == 302


def test_nothing_shows_for_a_company_without_a_public_posting(employer: User) -> None:
    org = Organization.objects.get(members=employer)
    assert _client(employer).post("/accounts/", {**CONTACT, **PROFILE}).status_code == 302
    draft = make_posting(org, status=PostingStatus.DRAFT)
    private = make_posting(org, visibility=Visibility.PRIVATE)
    assert Client().get(f"/companies/{org.pk}/").status_code == 404
    # its own 採用担当 sees the draft and the 非公開求人, without a box pointing at a page that does not answer
    for posting in (draft, private):
        html = _client(employer).get(f"/jobs/{posting.pk}/").content.decode()
        assert 'id="h-company"' not in html and "クラウド会計の導入支援" not in html


def test_an_agency_posting_shows_neither_the_agency_profile_nor_its_url() -> None:
    agency = Organization.objects.create(
        kind=Organization.Kind.AGENCY, name="紹介会社", business="人材紹介", website="https://agency.example/"
    )
    posting = make_posting(agency, employer_name="株式会社クライアント")
    html = Client().get(f"/jobs/{posting.pk}/").content.decode()
    assert 'id="h-company"' not in html and "人材紹介" not in html
    # An agency has no 採用担当, so its page carries no JSON-LD at all (ADR 0146); were it shown, no agency URL.
    assert "sameAs" not in html and "agency.example" not in html
    assert "sameAs" not in posting_jsonld(posting)["hiringOrganization"]


def test_a_url_stored_another_way_is_never_linked_unless_http() -> None:
    org = Organization.objects.create(
        name="株式会社管理画面", website="javascript:alert(1)", business="経理代行"
    )
    make_posting(org)
    html = Client().get(f"/companies/{org.pk}/").content.decode()
    assert "javascript:" not in html and "経理代行" in html


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1, "1円"),
        (10_000_000, "1,000万円"),
        (300_000_000, "3億円"),
        (350_000_000, "3億5,000万円"),
        (1_234_567, "1,234,567円"),
    ],
)
def test_capital_is_written_as_company_pages_write_it(amount: int, text: str) -> None:
    assert yen_large(amount) == text
