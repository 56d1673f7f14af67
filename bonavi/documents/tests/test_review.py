"""Each 添削 rule fires on the mistake it is for and stays quiet on a correct document."""

import copy
import datetime as dt

import pytest

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.model import Education
from bonavi.documents.review import cohort, expected_entry, expected_graduation, review, school_kind

from .conftest import load

TODAY = dt.date(2026, 11, 25)


def findings(doc, rule=None):
    hints = review(resume_from_json(doc), today=TODAY)
    return [h for h in hints if rule is None or h.rule == rule]


def test_clean_fixture_has_no_findings(clean_doc):
    assert findings(clean_doc) == []


def test_mistakes_fixture_fires_exactly_the_expected_rules(mistakes_doc):
    expected = set(load("expected.json")["mistakes.json"])
    assert {h.rule for h in findings(mistakes_doc)} == expected


def test_every_finding_is_complete_and_japanese(mistakes_doc):
    for h in findings(mistakes_doc):
        assert h.severity in {"error", "warning", "hint"}
        assert h.path and h.message and h.fix
        assert any("\u3040" <= ch <= "\u30ff" for ch in h.message + h.fix)


# --- date-order


def test_date_order_fires_on_end_before_start_and_overlap(clean_doc):
    clean_doc["work"][0]["endDate"] = "2020-01"
    hits = findings(clean_doc, "date-order")
    assert [h.path for h in hits] == ["work[0].endDate"]
    assert hits[0].severity == "error"

    doc = load("clean.json")
    doc["work"][1]["startDate"] = "2023-05"  # before the previous job ended in 2023-09
    assert [h.path for h in findings(doc, "date-order")] == ["work[1].startDate"]


def test_date_order_fires_on_a_promotion_outside_the_job(clean_doc):
    """The 履歴書 prints a job's 昇格・異動 rows between its 入社 and 退職: one dated outside them printed out of
    order with nothing said."""
    clean_doc["work"][0]["milestones"] = [
        {"date": "2022-04", "text": "営業事務主任に昇格"},
        {"date": "2023-09", "text": "受注センターに異動"},  # the month of 退職 is still inside
    ]
    assert findings(clean_doc, "date-order") == []
    clean_doc["work"][0]["milestones"].append({"date": "2020-04", "text": "営業部に配属"})
    clean_doc["work"][1]["milestones"] = [{"date": "2023-09", "text": "経理部に配属"}]  # before its 入社
    hits = findings(clean_doc, "date-order")
    assert [h.path for h in hits] == ["work[0].milestones", "work[1].milestones"]
    assert "「営業部に配属」（2020年4月）が株式会社ミナト食品の在籍期間の外" in hits[0].message


def test_a_promotion_row_is_checked_like_the_other_rows(clean_doc):
    """Milestones print as 履歴書 rows, but the row rules did not read them: an emoji printed as a blank box and
    an abbreviated company name went out without a word."""
    clean_doc["work"][0]["milestones"] = [
        {"date": "2022-04", "text": "(株)ミナト物流に出向"},
        {"date": "2023-04", "text": "主任に昇格🎉"},
    ]
    hits = [(h.rule, h.path) for h in findings(clean_doc) if h.rule in ("abbreviation", "emoji")]
    assert hits == [("abbreviation", "work[0].milestones"), ("emoji", "work[0].milestones")]


def test_date_order_allows_side_jobs_and_either_list_order(clean_doc):
    clean_doc["work"][1]["startDate"] = "2023-05"
    clean_doc["work"][1]["employmentType"] = "業務委託（兼業）"
    assert findings(clean_doc, "date-order") == []
    doc = load("clean.json")
    doc["work"].reverse()  # newest first is common in JSON Resume
    assert findings(doc, "date-order") == []


def test_two_part_time_jobs_at_once_are_no_overlap_to_fix(clean_doc):
    clean_doc["work"][1]["startDate"] = "2023-05"  # before the first job ended in 2023-09
    clean_doc["work"][1]["employmentType"] = "アルバイト"
    assert findings(clean_doc, "date-order") == []
    clean_doc["work"][1]["employmentType"] = "パート・アルバイト"
    assert findings(clean_doc, "date-order") == []
    clean_doc["work"][1]["employmentType"] = "契約社員"
    assert [h.path for h in findings(clean_doc, "date-order")] == ["work[1].startDate"]


def test_date_order_fires_on_mixed_order_and_future_graduation(clean_doc):
    clean_doc["education"].append(
        {"institution": "東都大学大学院", "startDate": "2015-04", "endDate": "2016-03", "status": "修了"}
    )
    assert "education" in {h.path for h in findings(clean_doc, "date-order")}
    doc = load("clean.json")
    doc["education"][1]["endDate"] = "2027-03"
    assert [h.path for h in findings(doc, "date-order")] == ["education[1].status"]
    doc["education"][1]["status"] = "卒業見込み"
    assert findings(doc, "date-order") == []


# --- date-gap


def test_date_gap_fires_over_three_months_only(clean_doc):
    clean_doc["work"][1]["startDate"] = "2024-01"  # 2023-09 → 2024-01: 3 empty months, not over
    assert findings(clean_doc, "date-gap") == []
    clean_doc["work"][1]["startDate"] = "2024-02"  # 4 empty months
    hits = findings(clean_doc, "date-gap")
    assert [h.path for h in hits] == ["work[1].startDate"]
    assert hits[0].severity == "hint"
    assert "4か月" in hits[0].message


def test_date_gap_ignores_schools_listed_by_graduation_only(clean_doc):
    for e in clean_doc["education"]:
        e.pop("startDate")
    assert findings(clean_doc, "date-gap") == []


def test_date_gap_notices_a_long_time_since_the_last_job(clean_doc):
    clean_doc["work"][1]["endDate"] = "2025-12"
    clean_doc["work"][1]["endReason"] = "一身上の都合により退職"
    assert [h.path for h in findings(clean_doc, "date-gap")] == ["work[1].endDate"]


# --- school-year


@pytest.mark.parametrize(
    ("birth", "c"),
    [
        ("2001-02-15", 2000),  # 早生まれ
        ("2001-04-01", 2000),  # 1 April joins the year above (age advances the day before the birthday)
        ("2001-04-02", 2001),
        ("2001-01-01", 2000),
        ("2001-12-31", 2001),
    ],
)
def test_cohort_follows_the_april_school_year(birth, c):
    assert cohort(dt.date.fromisoformat(birth)) == c


def test_school_year_arithmetic_matches_the_reference_examples():
    high = school_kind(Education("埼玉県立浦和南高等学校"))
    uni = school_kind(Education("東都大学", area="経済学部"))
    assert high and uni
    early = dt.date(2001, 2, 15)
    assert expected_graduation(early, high).iso() == "2019-03"
    assert expected_graduation(early, uni).iso() == "2023-03"
    assert expected_entry(dt.date(2001, 5, 10), uni).iso() == "2020-04"
    assert expected_graduation(dt.date(2001, 5, 10), uni).iso() == "2024-03"
    assert school_kind(Education("東都高等専修学校")).entry_age == 16  # after 中学校, not after 高等学校
    assert school_kind(Education("東都ビジネス専門学校")).entry_age == 19
    medicine = school_kind(Education("東都大学", area="医学部 医学科"))
    assert medicine and expected_graduation(dt.date(2001, 5, 10), medicine).iso() == "2026-03"


def _edu_doc(birth, school, start, end):
    doc = load("clean.json")
    doc["basics"]["birthDate"] = birth
    doc["education"] = [{"institution": school, "startDate": start, "endDate": end, "status": "卒業"}]
    doc["work"][0]["startDate"] = "2024-04"
    doc["work"][0]["endDate"] = "2024-09"
    doc["work"][1]["startDate"] = "2024-10"
    return doc


def test_school_year_accepts_hayaumare_and_fires_for_a_later_birthday():
    ok = _edu_doc("2001-02-15", "東都大学", "2019-04", "2023-03")
    assert findings(ok, "school-year") == []
    wrong = _edu_doc("2001-05-10", "東都大学", "2019-04", "2023-03")
    hits = findings(wrong, "school-year")
    assert {h.path for h in hits} == {"education[0].startDate", "education[0].endDate"}
    assert all(h.severity == "warning" for h in hits)
    assert "2024年3月" in next(h.fix for h in hits if h.path.endswith("endDate"))


def test_school_year_late_graduation_is_only_a_hint():
    late = _edu_doc("2001-05-10", "東都大学", "2020-04", "2025-03")  # one year 留年
    hits = findings(late, "school-year")
    assert [(h.path, h.severity) for h in hits] == [("education[0].endDate", "hint")]


# --- abbreviation


def test_abbreviation_fires_on_short_forms(clean_doc):
    clean_doc["education"][0]["institution"] = "埼玉県立浦和南高校"
    clean_doc["work"][0]["name"] = "ミナト食品㈱"
    clean_doc["education"][1]["status"] = "中退"
    clean_doc["work"][0]["endReason"] = "自己都合退職"
    hits = {h.path: h for h in findings(clean_doc, "abbreviation")}
    assert "「埼玉県立浦和南高等学校」" in hits["education[0].institution"].fix
    assert "「ミナト食品株式会社」" in hits["work[0].name"].fix
    assert "education[1].status" in hits
    assert "「一身上の都合により退職」" in hits["work[0].endReason"].fix


def test_abbreviation_fires_on_era_letters_and_not_on_full_names(clean_doc):
    clean_doc["x-bonavi"]["selfPr"] = ["H31.3に入社しました。月60件を処理しています。"]
    assert [h.path for h in findings(clean_doc, "abbreviation")] == ["x-bonavi.selfPr[0]"]
    assert findings(load("clean.json"), "abbreviation") == []


# --- vague-achievement


def test_vague_achievement_needs_a_number_and_no_filler(clean_doc):
    clean_doc["work"][0]["highlights"] = ["請求書の発行を正確に行った", "月150件の請求書を発行した"]
    hits = findings(clean_doc, "vague-achievement")
    assert [h.path for h in hits] == ["work[0].highlights[0]"]
    clean_doc["work"][0]["highlights"] = ["様々な業務を一生懸命に頑張った（月150件）"]
    assert [h.path for h in findings(clean_doc, "vague-achievement")] == ["work[0].highlights[0]"]


# --- length


def test_length_checks_summary_self_pr_and_pages(clean_doc):
    clean_doc["basics"]["summary"] = "経理をしています。" * 40  # 360 characters
    clean_doc["x-bonavi"]["selfPr"] = ["あ" * 300 + "。", "い" * 299 + "。"]  # 301 and 300 characters
    hits = findings(clean_doc, "length")
    assert {h.path for h in hits} == {"basics.summary", "x-bonavi.selfPr[0]"}
    doc = load("clean.json")
    doc["work"] = [copy.deepcopy(doc["work"][0]) for _ in range(10)]
    for i, w in enumerate(doc["work"]):
        w["startDate"] = f"{1990 + i * 3}-04"
        w["endDate"] = f"{1992 + i * 3}-03"
        w["highlights"] = w["highlights"] * 5
    assert any("ページ" in h.message for h in findings(doc, "length"))


# --- cert-name


def test_cert_name_suggests_the_official_name_with_month(clean_doc):
    clean_doc["certificates"] = [
        {"name": "日商簿記2級", "date": "2022-11"},
        {"name": "普通免許", "date": "2018-08"},
        {"name": "TOEIC 730点", "date": "2020-01"},
        {"name": "英検準2級"},
    ]
    hits = findings(clean_doc, "cert-name")
    fixes = " ".join(h.fix for h in hits)
    assert "日本商工会議所簿記検定試験2級" in fixes and "2022年11月合格" in fixes
    assert "普通自動車第一種運転免許" in fixes
    assert "TOEIC Listening & Reading Test 730点" in fixes
    assert "実用英語技能検定準2級" in fixes
    assert "certificates[3].date" in {h.path for h in hits}


def test_cert_name_quiet_on_official_names(clean_doc):
    clean_doc["certificates"].append({"name": "実用英語技能検定2級", "date": "2015-06"})
    assert findings(clean_doc, "cert-name") == []


# --- era-mix


def test_era_mix_fires_both_ways(clean_doc):
    clean_doc["x-bonavi"]["motivation"] = "令和5年に簿記を学び始めました。"
    hits = findings(clean_doc, "era-mix")
    assert [h.path for h in hits] == ["x-bonavi.motivation"] and "2023年" in hits[0].fix
    doc = load("clean.json")
    doc["x-bonavi"]["dateStyle"] = "japanese"
    doc["x-bonavi"]["motivation"] = "令和5年に簿記を学び始めました。"
    paths = {h.path for h in findings(doc, "era-mix")}
    assert "basics.summary" in paths  # its 「2023年10月」 is 西暦 in a 和暦 document
    assert "x-bonavi.motivation" not in paths


def test_era_mix_fires_on_a_month_that_era_never_had(clean_doc):
    clean_doc["x-bonavi"]["dateStyle"] = "japanese"
    clean_doc["basics"]["summary"] = clean_doc["basics"]["summary"].replace("2023年10月", "令和5年10月")
    clean_doc["x-bonavi"]["motivation"] = "平成31年5月から経理の勉強を始めました。"
    hits = findings(clean_doc, "era-mix")
    assert [h.path for h in hits] == ["x-bonavi.motivation"]
    assert "ありません" in hits[0].message


# --- inconsistent


def test_inconsistent_fires_on_unknown_company_and_wrong_dates(clean_doc):
    clean_doc["basics"]["summary"] = clean_doc["basics"]["summary"].replace(
        "2023年10月からは株式会社ソラ会計サービス", "2022年10月からは株式会社ソラ会計サービス"
    )
    clean_doc["x-bonavi"]["selfPr"].append("株式会社ヒカリ物産では月100件の請求書を発行しました。")
    clean_doc["x-bonavi"]["motivation"] = "日商簿記1級の知識を活かします。"
    hits = findings(clean_doc, "inconsistent")
    messages = " ".join(h.message for h in hits)
    assert "2022年10月" in messages
    assert "株式会社ヒカリ物産" in messages
    assert "簿記1級" in messages


def test_inconsistent_fires_on_tenure_that_disagrees(clean_doc):
    clean_doc["basics"]["summary"] = clean_doc["basics"]["summary"].replace("2年半", "5年")
    assert [h.path for h in findings(clean_doc, "inconsistent")] == ["basics.summary"]


# --- fair-hiring


def test_fair_hiring_fires_on_text_and_on_extra_fields(clean_doc):
    clean_doc["x-bonavi"]["requests"] = "本籍は東京都です。貴社の規定に従います。"
    clean_doc["basics"]["maritalStatus"] = "既婚"
    hits = findings(clean_doc, "fair-hiring")
    assert {h.path for h in hits} == {"x-bonavi.requests", "basics.maritalStatus"}


def test_fair_hiring_quiet_on_work_talk(clean_doc):
    clean_doc["x-bonavi"]["motivation"] = "経理として給与計算と社会保険の手続きにも携わりたいと考えています。"
    assert findings(clean_doc, "fair-hiring") == []


def test_overlap_with_a_current_job_is_found(clean_doc):
    clean_doc["work"][0].pop("endDate")
    clean_doc["work"][0].pop("endReason")
    assert [h.path for h in findings(clean_doc, "date-order")] == ["work[1].startDate"]


def test_length_counts_lines_of_the_rirekisho_boxes_not_only_characters(clean_doc):
    """18 short lines are under 300字 but do not fit the 志望動機 box even in small print."""
    clean_doc["x-bonavi"]["motivation"] = "\n".join(f"・志望理由その{i}です。" for i in range(1, 19))
    clean_doc["x-bonavi"]["requests"] = "\n".join(f"希望条件その{i}" for i in range(1, 8))
    hits = {h.path: h for h in findings(clean_doc, "length")}
    assert "続きを別紙に印刷します" in hits["x-bonavi.motivation"].message
    assert "小さい文字で印刷します" in hits["x-bonavi.requests"].message
    clean_doc["x-bonavi"]["motivation"] = "\n".join(f"・志望理由その{i}です。" for i in range(1, 11))
    clean_doc["x-bonavi"]["requests"] = "\n".join(f"希望条件その{i}" for i in range(1, 7))
    assert findings(clean_doc, "length") == []


def test_the_review_says_what_the_pdf_does_with_a_box():
    """The review's 「小さい文字で印刷します」/「続きを別紙に印刷します」 follow what the PDF does with the box."""
    from bonavi.documents import layout
    from bonavi.documents.review import _box_overflow

    for box in (layout.MOTIVATION_LINES, layout.REQUESTS_LINES):
        verdicts = set()
        for n in range(1, 30):
            text = "\n".join(f"行{i}の内容" for i in range(n))
            said = _box_overflow(text, box)
            size = layout.box_font_size(text, box)
            fits_small = layout.box_lines(text, size) <= layout.box_capacity(box, size)
            if size == layout.BOX_FONT_SIZES[0]:
                verdict = "fits"
                assert said is None, (box, n)
            elif fits_small:
                verdict = "smaller"
                assert said is not None and "小さい文字で印刷します" in said, (box, n)
            else:
                verdict = "overflows"
                assert said is not None and "続きを別紙に印刷します" in said, (box, n)
                assert layout.box_split(text, box)[1], (box, n)  # and the PDF does continue it there
            verdicts.add(verdict)
        assert verdicts == {"fits", "smaller", "overflows"}, box


def test_a_long_motivation_is_told_what_its_box_does_with_it(clean_doc):
    """Over 300字 was always 「履歴書の欄に収まりません」, though 400字 of one paragraph print whole at 10pt and
    1,200字 are continued on the 別紙: the advice stays, the sentence about the box is the PDF's."""
    from bonavi.documents import layout

    sentence = "貴社の経理業務で簿記2級の知識を活かし、月次決算の早期化に貢献したいと考えています。"  # 40字
    for times, box in ((10, ""), (15, "小さい文字で印刷します"), (30, "続きを別紙に印刷します")):
        clean_doc["x-bonavi"]["motivation"] = sentence * times
        (said,) = [h.message for h in findings(clean_doc, "length") if h.path == "x-bonavi.motivation"]
        assert said.startswith(f"志望動機が{len(sentence) * times}字あります（300字以内が目安）。")
        assert "収まりません" not in said
        assert (box in said) if box else said.endswith("目安）。"), times
        text = clean_doc["x-bonavi"]["motivation"]
        assert bool(layout.box_split(text, layout.MOTIVATION_LINES)[1]) == (times == 30)


def test_a_score_or_a_licence_is_obtained_not_passed(clean_doc):
    """「TOEIC Listening & Reading Test 730点 合格」 was suggested and printed; a score is 取得, as is a licence."""
    from bonavi.documents.layout import license_rows

    clean_doc["certificates"] = [
        {"name": "TOEIC 730点", "date": "2020-01"},
        {"name": "第一種衛生管理者", "date": "2021-01"},
        {"name": "日本商工会議所簿記検定試験2級", "date": "2022-11"},
    ]
    fixes = " ".join(h.fix for h in findings(clean_doc, "cert-name"))
    assert "2020年1月取得" in fixes
    rows = [r.text for r in license_rows(resume_from_json(clean_doc))]
    assert rows == ["TOEIC 730点 取得", "第一種衛生管理者 取得", "日本商工会議所簿記検定試験2級 合格"]


def test_a_document_the_pdf_refuses_is_still_reviewed(clean_doc):
    """The page count comes from the PDF layout, which refuses a birth date after the document's date (a version
    stored before the reader refused it): the review still answers, without a page count."""
    resume = resume_from_json(clean_doc)
    resume.basics.birth_date = dt.date(2027, 1, 1)
    hints = review(resume, today=TODAY)
    assert not [h for h in hints if h.rule == "length" and h.path == "work"]


def test_the_licence_overflow_counts_the_printed_rows(clean_doc):
    """Seven qualifications, one with a name that goes on as a second row, are eight rows: the hint said 「7件あり、
    欄（7行）に収まりません」, which read as a contradiction."""
    clean_doc["certificates"] = [{"name": f"資格{i}", "date": f"201{i}-04"} for i in range(6)]
    clean_doc["certificates"].append({"name": "長い名前の資格" * 8, "date": "2019-04"})
    said = [h.message for h in findings(clean_doc, "length") if h.path == "certificates"]
    assert said == ["免許・資格が8行あり、欄（7行）に収まりません。続きは別紙に印刷します。"]


def test_emoji_are_pointed_out_where_they_were_typed(clean_doc):
    """👍 in an address printed as an empty box on the 履歴書, with nothing said in the editor."""
    assert findings(clean_doc, "emoji") == []
    clean_doc["basics"]["location"]["address"] += " 501号室👍"
    clean_doc["work"][0]["position"] = "経理課 主任😀"
    clean_doc["x-bonavi"]["motivation"] = "数字を扱う仕事が好きです❤️ ★資格取得に向けて勉強中♪"
    hints = {h.path: h for h in findings(clean_doc, "emoji")}
    assert set(hints) == {"basics.location.address", "work[0].position", "x-bonavi.motivation"}
    assert "「👍」" in hints["basics.location.address"].message
    assert "□" in hints["basics.location.address"].message and hints["work[0].position"].severity == "warning"
    # ❤ is a JIS symbol but its emoji selector (U+FE0F) is not; ★ and ♪ alone are fine
    assert "「" not in hints["x-bonavi.motivation"].message
    clean_doc["x-bonavi"]["motivation"] = "★資格取得に向けて勉強中♪"
    assert "x-bonavi.motivation" not in {h.path for h in findings(clean_doc, "emoji")}


# --- empty and note-form sections


def _near_empty():
    """What the UX review found: a 職務経歴書 with a title, 職務要約 0字, 職歴 0件 and 自己PR as raw notes."""
    return {"x-bonavi": {"selfPr": ["コンビニ　バイト　3年\nレジ・品出し\nサークル会計"]}}


def test_a_near_empty_document_names_every_empty_section():
    hits = {h.path: h for h in findings(_near_empty(), "length")}
    assert set(hits) >= {
        "basics.name",
        "education",
        "work",
        "basics.summary",
        "x-bonavi.selfPr[0]",
        "x-bonavi.motivation",
        "x-bonavi.requests",
    }
    assert "職歴が0件" in hits["work"].message and "アルバイト" in hits["work"].fix
    assert "学歴が0件" in hits["education"].message and "高等学校" in hits["education"].fix
    assert (
        "職務要約がありません" in hits["basics.summary"].message
        and "200〜300字" in hits["basics.summary"].fix
    )
    assert "メモ書き" in hits["x-bonavi.selfPr[0]"].message and "です・ます" in hits["x-bonavi.selfPr[0]"].fix
    assert "志望動機がありません" in hits["x-bonavi.motivation"].message
    assert "貴社の規定に従います" in hits["x-bonavi.requests"].fix
    assert "氏名・住所・電話番号" in hits["basics.name"].message
    # nothing to print is worth more than a hint, except the 本人希望記入欄, which may be left empty by custom
    assert {p for p, h in hits.items() if h.severity == "hint"} == {"x-bonavi.requests"}


def test_an_empty_document_is_never_without_findings():
    paths = {h.path for h in findings({})}
    assert {"x-bonavi.selfPr", "basics.summary", "work", "education"} <= paths


def test_a_summary_without_work_is_asked_for_with_what_a_student_can_write(clean_doc):
    clean_doc["work"] = []
    clean_doc["basics"]["summary"] = ""
    (hit,) = [h for h in findings(clean_doc, "length") if h.path == "basics.summary"]
    assert "アルバイト" in hit.fix


@pytest.mark.parametrize(
    "text, notes",
    [
        ("レジ　3年　サークル会計", True),
        ("・レジ締め\n・新人教育\n毎日続けました。", True),  # two bulleted fragments
        ("・毎日レジ締めをしました。\n・新人を3人教えました。", False),  # sentences in a list
        ("毎日のレジ締めを3年間続けました。", False),
        ("締め日を守ることを大切にしています", False),
    ],
)
def test_self_pr_in_note_form_is_found(clean_doc, text, notes):
    clean_doc["x-bonavi"]["selfPr"] = [text]
    said = [h for h in findings(clean_doc, "length") if h.path == "x-bonavi.selfPr[0]"]
    assert bool(said) is notes


def test_an_empty_rirekisho_box_is_named(clean_doc):
    clean_doc["x-bonavi"]["motivation"] = ""
    clean_doc["x-bonavi"]["requests"] = ""
    hits = {h.path: h.severity for h in findings(clean_doc, "length")}
    assert hits == {"x-bonavi.motivation": "warning", "x-bonavi.requests": "hint"}
    clean_doc["x-bonavi"]["desiredJob"] = "経理事務"  # the box holds the 希望職種 line
    assert "x-bonavi.requests" not in {h.path for h in findings(clean_doc, "length")}
