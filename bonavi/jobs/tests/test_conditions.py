"""The posting's 労働条件 come from one place (conditions.py): the detail page shows them and the XML feed says
them as text, without rendering the page's template or parsing its HTML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template.base import Template
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs import feed, feed_files
from bonavi.jobs.conditions import conditions_items
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

VARIANTS: dict[str, dict[str, Any]] = {
    "full_time_default": {},
    "fixed_overtime": dict(
        fixed_overtime=True,
        fixed_overtime_amount=45_000,
        fixed_overtime_hours=20,
        fixed_overtime_excess_paid=True,
        allowances="通勤手当（上限3万円）",
        bonus_info="年2回",
    ),
    "probation_with_other_pay": dict(
        probation_months=6, probation_conditions="時給1,100円（本採用後1,200円）\n社会保険は同じ"
    ),
    "part_time_hourly_no_allowances": dict(
        employment_type="part",
        wage_unit="hour",
        wage_min=1_200,
        wage_max=None,
        allowances="",
        start_time=dt.time(9, 5),
        end_time=dt.time(13, 0),
        break_minutes=0,
        overtime_exists=False,
        has_probation=False,
        hours_note="週3日〜、シフト制",
        holiday_pattern="shift",
        holidays_note="<b>土日</b> & 祝日",
        smoking_measure="indoor_room",
        smoking_note="屋外に喫煙所",
        insurance_health=False,
        insurance_pension=False,
        insurance_employment=False,
        employer_contact="",
    ),
    "fixed_term_flex_age_limit": dict(
        employment_type="keiyaku",
        fixed_term=True,
        contract_months=12,
        renewal="possible",
        renewal_criteria="勤務成績による",
        start_time=None,
        end_time=None,
        hours_note="フレックスタイム制",
        age_limit=True,
        age_max=59,
        age_exception="1",
        age_reason="定年が60歳のため",
        duties_change_scope="",
    ),
}


HEADINGS = [
    "仕事内容",
    "就業場所",
    "契約期間・試用期間",
    "労働時間・休日",
    "賃金",
    "保険・受動喫煙対策",
    "応募資格・選考",
    "募集者",
]


class _PageConditions(HTMLParser):
    """(heading, [(label, value)]) of the page's conditions cards: the <h2> and <dt>/<dd> of each section.card."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[tuple[str, list[tuple[str, str]]]] = []
        self._in: str | None = None
        self._text = ""
        self._label = ""
        self._card = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._card = "card" in (dict(attrs).get("class") or "")
        elif self._card and tag in ("h2", "dt", "dd"):
            self._in, self._text = tag, ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        self._in = None
        if tag == "h2":
            self.sections.append((self._text, []))
        elif tag == "dt":
            self._label = self._text
        else:
            self.sections[-1][1].append((self._label, self._text))


def _page_sections(client: Client, pk: int) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _PageConditions()
    parser.feed(client.get(reverse("jobs:detail", args=[pk])).content.decode())
    return [section for section in parser.sections if section[0] in HEADINGS]


def test_the_page_and_the_feed_say_the_same_conditions(client: Client, employer: User) -> None:
    assert employer.organization is not None
    postings = {name: make_posting(employer.organization, **over) for name, over in VARIANTS.items()}
    feed_files.feed_refresh(force=True)
    root = ET.parse(feed_files.feed_dir() / "jobs.xml").getroot()
    descriptions = {
        job.findtext("referencenumber"): job.findtext("description", "") for job in root.iter("job")
    }

    for name, posting in postings.items():
        page = _page_sections(client, posting.pk)
        assert [heading for heading, _ in page] == HEADINGS, name
        # The template renders conditions_items faithfully; the feed's text from the same items is pinned below.
        shown = [pair for _, items in page for pair in items]
        assert shown == [(i.label, i.value) for s in conditions_items(posting) for i in s.items], name
    # One posting's feed text in full: a heading per section, 「label：value」 per item, a value's lines each on
    # a line of their own (the feed escapes the markup; ElementTree gave it back).
    assert descriptions[f"bonavi-{postings['part_time_hourly_no_allowances'].pk}"] == "\n".join([
        "【仕事内容】",
        "職種：経理事務（厚生労働省編職業分類 06-038-03）",
        "雇用形態：パート・アルバイト",
        "業務内容（雇入れ直後）：伝票の起票、会計ソフトへの入力、請求書の発行をお任せします。",
        "業務内容の変更の範囲：会社の定める業務",
        "【就業場所】",
        "勤務地（雇入れ直後）：東京都千代田区丸の内1-1-1",
        "テレワーク：一部在宅可",
        "就業場所の変更の範囲：会社の定める場所（テレワークを含む）",
        "【契約期間・試用期間】",
        "契約期間：期間の定めなし",
        "試用期間：なし",
        "【労働時間・休日】",
        "就業時間：9:05〜13:00",
        "週3日〜、シフト制",
        "休憩時間：なし",
        "時間外労働：なし",
        "休日：シフト制（年間休日125日）",
        "<b>土日</b> & 祝日",
        "【賃金】",
        "賃金：時給1,200円",
        "【保険・受動喫煙対策】",
        "加入保険：労災保険",
        "受動喫煙対策：屋内原則禁煙（喫煙専用室あり）（屋外に喫煙所）",
        "【応募資格・選考】",
        "必要な経験：特になし（未経験歓迎）",
        "必須の資格：特になし",
        "学歴：指定なし",
        "年齢：不問",
        "【募集者】",
        "募集者の名称：株式会社テスト商事",
        "所在地：東京都千代田区1-1",
    ])  # fmt: skip

    pairs = {
        name: dict(p for _, section in _page_sections(client, x.pk) for p in section)
        for name, x in postings.items()
    }
    assert pairs["fixed_overtime"]["賃金（固定残業代を除く）"] == "月給230,000円〜280,000円"
    assert pairs["fixed_overtime"]["固定残業代"] == (
        "45,000円（20時間分の時間外労働に対する手当）\n20時間を超える時間外労働分は追加で支給します。"
    )
    assert pairs["fixed_overtime"]["手当"] == "通勤手当（上限3万円）"
    assert pairs["probation_with_other_pay"]["試用期間"] == (
        "あり（6か月）\n期間中の条件：時給1,100円（本採用後1,200円）\n社会保険は同じ"
    )
    part = pairs["part_time_hourly_no_allowances"]
    assert part["雇用形態"] == "パート・アルバイト"
    assert part["賃金"] == "時給1,200円"
    assert part["就業時間"] == "9:05〜13:00\n週3日〜、シフト制"
    assert part["休憩時間"] == "なし"  # a short shift with no break (demo walk s15: 「0分」)
    assert part["試用期間"] == "なし"
    # The page escaped the markup; the parser gave it back.
    assert part["休日"] == "シフト制（年間休日125日）\n<b>土日</b> & 祝日"
    assert part["加入保険"] == "労災保険"
    assert part["受動喫煙対策"] == "屋内原則禁煙（喫煙専用室あり）（屋外に喫煙所）"
    assert "手当" not in part and "固定残業代" not in part and "連絡先" not in part
    term = pairs["fixed_term_flex_age_limit"]
    assert term["契約期間"] == "期間の定めあり（12か月）"
    assert term["契約更新"] == "更新する場合あり\n更新の基準：勤務成績による"
    # No start time: the note is the first line, not after an empty one.
    assert term["就業時間"] == "フレックスタイム制"
    assert term["業務内容の変更の範囲"] == "（未記入）"
    assert (
        term["年齢"]
        == "59歳以下（例外事由：1号：定年を上限（期間の定めのない契約）。理由：定年が60歳のため）"
    )


def test_the_sections_are_the_pages_headings(employer: User) -> None:
    assert employer.organization is not None
    sections = conditions_items(make_posting(employer.organization))
    assert [section.heading for section in sections] == HEADINGS
    assert [item.label for item in sections[4].items if item.emphasis] == ["賃金"]


def test_the_feed_renders_no_template(monkeypatch: pytest.MonkeyPatch, employer: User) -> None:
    # Rendering the page's partial and stripping its tags was ≈ 75 % of a feed build (docs/benchmarks.md).
    assert employer.organization is not None
    posting = make_posting(
        employer.organization, fixed_overtime=True, fixed_overtime_amount=1, fixed_overtime_hours=1
    )

    def no_render(*args: object, **kwargs: object) -> str:
        raise AssertionError("the feed rendered a template")

    monkeypatch.setattr(Template, "render", no_render)
    assert "固定残業代：1円（1時間分の時間外労働に対する手当）" in feed.job_xml(posting)


@pytest.mark.parametrize(
    ("minutes", "shown"), [(0, "なし"), (45, "45分"), (60, "60分"), (None, "（未記入）")]
)
def test_break_time_of_zero_reads_none(employer: User, minutes: int | None, shown: str) -> None:
    """A 9:30〜14:30 shift with no break showed 「休憩時間 0分」 (demo walk, s15); no break is 「なし」, as 時間外労働
    and 試用期間 say it. Not given stays 「（未記入）」."""
    assert employer.organization is not None
    posting = make_posting(employer.organization, break_minutes=minutes)
    items = {i.label: i.value for s in conditions_items(posting) for i in s.items}
    assert items["休憩時間"] == shown
