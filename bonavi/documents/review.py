"""添削: deterministic review rules over the document model.

Each rule yields `Hint(rule, severity, path, message, fix)`; `path` is the JSON Resume path of the field
(`work[0].highlights[1]`), so the editor can show the hint beside that field and the API can point at it. Rules
judge what a recruiter would; they never rewrite the document themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Final

from bonavi.core.text import nfkc

from . import certnames
from .eras import (
    ERA_BY_LETTER,
    ERA_BY_NAME,
    ERA_LETTER_IN_TEXT,
    WAREKI_IN_TEXT,
    WESTERN_YEAR_IN_TEXT,
    era_month_exists,
    era_to_western,
    era_year_exists,
    to_int,
)
from .jsonresume import assignment_line, balanced, brackets_balanced
from .layout import (
    BOX_FONT_SIZES,
    CONTINUED,
    CONTRACTED,
    DISPATCH,
    HISTORY_ROWS_FIRST,
    HISTORY_ROWS_SECOND,
    LICENSE_ROWS,
    MOTIVATION_LINES,
    NO_SPECIAL_REQUESTS,
    PLANNED_HIRE_ENDED,
    REQUESTS_LINES,
    SELF_PR_CONTINUED,
    appeal_text,
    box_fit_size,
    box_lines,
    cert_verb,
    history_rows,
    is_duty_row,
    license_rows,
    months_between,
    requests_text,
    self_pr_in_box,
)
from .model import END_REASONS, DateStyle, Education, Resume, Work, YearMonth
from .render.base import Kind, RenderError, default_renderer

ERROR, WARNING, HINT = "error", "warning", "hint"
SEVERITY_LABELS: Final = {ERROR: "要修正", WARNING: "注意", HINT: "ヒント"}
SEVERITY_ORDER: Final = {ERROR: 0, WARNING: 1, HINT: 2}

RULES: Final[dict[str, str]] = {
    "date-order": "日付の順序",
    "date-gap": "空白期間",
    "school-year": "入学・卒業年",
    "abbreviation": "略称",
    "vague-achievement": "あいまいな実績",
    "length": "分量・未記入",
    "cert-name": "資格の正式名称",
    "era-mix": "西暦・和暦の混在",
    "inconsistent": "記載の不一致",
    "fair-hiring": "書かなくてよい事項",
    "emoji": "絵文字",
    "history-row": "履歴書の職歴欄",
}


@dataclass(frozen=True)
class Hint:
    rule: str
    severity: str
    path: str
    message: str
    fix: str
    # A correction the editor can apply in one submit (ADR 0150, s21): the corrected text as she will see it, and
    # what the fix form posts (views.fix_line). Empty for every hint she fixes by hand.
    offer: str = ""
    offer_value: str = ""

    def as_dict(self) -> dict[str, str]:
        # the API's hint keeps its five keys: the offer is the editor's button
        return {k: v for k, v in asdict(self).items() if k not in ("offer", "offer_value")}


def _chars(text: str) -> int:
    """字数 as recruiters count it: every character except white space."""
    return len(re.sub(r"\s", "", text))


def free_texts(resume: Resume) -> Iterator[tuple[str, str]]:
    """Prose the person wrote, with its path."""
    if resume.basics.summary:
        yield "basics.summary", resume.basics.summary
    for i, w in enumerate(resume.work):
        if w.summary:
            yield f"work[{i}].summary", w.summary
        for j, h in enumerate(w.highlights):
            yield f"work[{i}].highlights[{j}]", h
        # duties and 実績 at each 派遣先 are printed as her words too (ADR 0150, s19 assignment duties; s20)
        for j, d in enumerate(w.dispatched_duties):
            yield f"work[{i}].dispatchedDuties[{j}]", d
        for k, a in enumerate(w.assignments):
            for j, d in enumerate(a.duties):
                yield f"work[{i}].assignments[{k}].duties[{j}]", d
        yield from _assignment_achievements(i, w)
    for i, p in enumerate(resume.self_pr):
        yield f"x-bonavi.selfPr[{i}]", p
    if resume.motivation:
        yield "x-bonavi.motivation", resume.motivation
    if resume.requests:
        yield "x-bonavi.requests", resume.requests


def achievement_texts(resume: Resume) -> Iterator[tuple[str, str]]:
    """Every 実績 line with its path: the job's own (`highlights`) and each 派遣先's (ADR 0150, s20), which the
    実績 rules read alike."""
    for i, w in enumerate(resume.work):
        for j, h in enumerate(w.highlights):
            yield f"work[{i}].highlights[{j}]", h
        yield from _assignment_achievements(i, w)


def _assignment_achievements(i: int, w: Work) -> Iterator[tuple[str, str]]:
    for j, h in enumerate(w.dispatched_achievements):
        yield f"work[{i}].dispatchedAchievements[{j}]", h
    for k, a in enumerate(w.assignments):
        for j, h in enumerate(a.achievements):
            yield f"work[{i}].assignments[{k}].achievements[{j}]", h


def row_texts(resume: Resume) -> Iterator[tuple[str, str]]:
    """Short fields printed in the 履歴書 rows and the 職務経歴書 headings."""
    for i, e in enumerate(resume.education):
        yield f"education[{i}].institution", e.institution
        if e.area:
            yield f"education[{i}].area", e.area
        if e.study_type:
            yield f"education[{i}].studyType", e.study_type
        yield f"education[{i}].status", e.status
    for i, w in enumerate(resume.work):
        yield f"work[{i}].name", w.name
        if w.position:
            yield f"work[{i}].position", w.position
        for m in w.milestones:  # each a 履歴書 row of its own (昇格・異動)
            yield f"work[{i}].milestones", m.text
        if w.description:
            yield f"work[{i}].description", w.description
    for i, c in enumerate(resume.certificates):
        yield f"certificates[{i}].name", c.name


# --- date-order ---------------------------------------------------------------------------------------------


def _order(values: list[YearMonth | None]) -> str:
    known = [v.index for v in values if v is not None]
    if known == sorted(known):
        return "asc"
    if known == sorted(known, reverse=True):
        return "desc"
    return "mixed"


def _is_side_job(w: Work) -> bool:
    """Work that may run alongside another: 兼業・副業・業務委託, and part-time work (two アルバイト at once, or one
    beside studies or a job, is ordinary; it was reported as an overlap to fix, a 要修正 on a student's 職歴)."""
    text = f"{w.employment_type}{w.position}{w.function}"
    return any(k in text for k in ("兼業", "副業", "業務委託", "アルバイト", "パート"))


def rule_date_order(resume: Resume, today: dt.date) -> Iterator[Hint]:
    now = YearMonth.of(today)
    for label, items, starts in (
        ("学歴", "education", [e.start or e.end for e in resume.education]),
        ("職歴", "work", [w.start for w in resume.work]),
    ):
        if _order(starts) == "mixed":
            yield Hint(
                "date-order",
                ERROR,
                items,
                f"{label}の並びが古い順にも新しい順にもなっていません。",
                f"{label}を古い順に並べ替えてください（履歴書は古い順に印刷します）。",
            )
    for i, e in enumerate(resume.education):
        p = f"education[{i}]"
        if e.start and e.end and e.end < e.start:
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.endDate",
                f"{e.institution}の{e.status}年月（{e.end.year}年{e.end.month}月）が入学年月より前です。",
                "入学年月と卒業年月を確認して入れ替えるか正しい年月に直してください。",
            )
        if e.end and e.end > now and e.status in ("卒業", "修了", "中途退学"):
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.status",
                f"{e.end.year}年{e.end.month}月はまだ来ていないのに「{e.status}」になっています。",
                f"まだ在学中なら区分を「{'修了見込み' if e.status == '修了' else '卒業見込み'}」にしてください。",
            )
        birth = resume.basics.birth_date
        first = e.start or e.end
        if birth and first and first.index < YearMonth(birth.year + 6, 4).index:
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.{'startDate' if e.start else 'endDate'}",
                f"{e.institution}の年月が生年月日（{birth.year}年）から見て早すぎます。",
                "生年月日か学歴の年月を確認してください。",
            )
    for i, w in enumerate(resume.work):
        p = f"work[{i}]"
        if w.start is None:
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.startDate",
                f"{w.name or '会社'}の入社年月がありません。",
                "入社年月を「2021-04」の形で入力してください。",
            )
            continue
        if w.end and w.end < w.start:
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.endDate",
                f"{w.name}の退職年月が入社年月より前です。",
                "入社年月と退職年月を確認して正しい年月に直してください。",
            )
        # The 履歴書 prints a job's 昇格・異動 rows between its 入社 and 退職 rows: one dated outside that span
        # would print out of order.
        for m in w.milestones:
            if m.date < w.start or (w.end is not None and m.date > w.end):
                yield Hint(
                    "date-order",
                    ERROR,
                    f"{p}.milestones",
                    f"「{m.text}」（{m.date.year}年{m.date.month}月）が{w.name}の在籍期間の外になっています。",
                    "昇格・異動などの年月を入社年月から退職年月までの間に直してください。",
                )
        # Each later 派遣先 prints dated between the registration and its end (layout.work_lines), and only
        # under a 派遣: on another job it would be left off the 履歴書 without a word.
        for sent in w.assignments:
            if w.employment_type.strip() not in DISPATCH:
                yield Hint(
                    "date-order",
                    ERROR,
                    f"{p}.assignments",
                    f"{w.name}の雇用形態が派遣ではないため、派遣先「{sent.name}」は履歴書に印刷されません。",
                    "派遣で働いていたなら雇用形態を「派遣社員」にしてください。そうでなければ派遣先を消してください。",
                )
                break
            if sent.start < w.start or (w.end is not None and sent.start > w.end):
                yield Hint(
                    "date-order",
                    ERROR,
                    f"{p}.assignments",
                    f"派遣先「{sent.name}」の開始年月（{sent.start.year}年{sent.start.month}月）が{w.name}の登録期間の外に"
                    "なっています。",
                    "派遣先の開始年月を、この職歴の開始年月から終了年月までの間に直してください。",
                )
        if w.end and w.end > now and w.end_reason != "退職予定":
            yield Hint(
                "date-order",
                ERROR,
                f"{p}.endReason",
                f"{w.name}の退職年月（{w.end.year}年{w.end.month}月）がまだ来ていません。",
                "退職が決まっているなら退職理由を「退職予定」にしてください。",
            )
    dated = [(i, w) for i, w in enumerate(resume.work) if w.start is not None]
    for a_pos, (i, a) in enumerate(dated):
        for j, b in dated[a_pos + 1 :]:
            earlier, later, later_idx = (a, b, j) if a.start <= b.start else (b, a, i)  # type: ignore[operator]
            earlier_end = earlier.end or YearMonth(2200, 12)
            if later.start < earlier_end and not (_is_side_job(a) or _is_side_job(b)):
                yield Hint(
                    "date-order",
                    ERROR,
                    f"work[{later_idx}].startDate",
                    f"{later.name}の在籍期間が{earlier.name}の在籍期間と重なっています。",
                    "入社・退職年月を確認してください。兼業・副業だった場合は雇用形態か部署欄に「兼業」と書いてください。",
                )


# --- date-gap -----------------------------------------------------------------------------------------------


def rule_date_gap(resume: Resume, today: dt.date) -> Iterator[Hint]:
    # (start, end, path, name, start known): a school listed only by its graduation month covers time before it
    # that we cannot see, so no gap is measured up to it.
    spans: list[tuple[YearMonth, YearMonth, str, str, bool]] = []
    for i, e in enumerate(resume.education):
        if e.end is not None:
            spans.append((e.start or e.end, e.end, f"education[{i}]", e.institution, e.start is not None))
    for i, w in enumerate(resume.work):
        if w.start is not None:
            spans.append((w.start, w.end or YearMonth.of(today), f"work[{i}]", w.name, True))
    spans.sort(key=lambda s: s[0].index)
    covered: YearMonth | None = None
    for start, end, path, name, known in spans:
        if known and covered is not None and start.index - covered.index - 1 > 3:
            gap = start.index - covered.index - 1
            yield Hint(
                "date-gap",
                HINT,
                f"{path}.startDate",
                f"{covered.year}年{covered.month}月から{name}まで{gap}か月の空白期間があります。",
                "面接で聞かれやすい期間です。資格の勉強・療養・家族の事情など、その間にしていたことを一言で説明できるよう準備してください。",
            )
        if covered is None or end > covered:
            covered = end
    ended = [w for w in resume.work if w.start is not None]
    if ended and all(not w.current for w in ended) and covered is not None:
        gap = YearMonth.of(today).index - covered.index - 1
        last = max(range(len(resume.work)), key=lambda k: (resume.work[k].end or YearMonth(1900, 1)).index)
        if gap > 3:
            yield Hint(
                "date-gap",
                HINT,
                f"work[{last}].endDate",
                f"最後の退職から{gap}か月たっています。",
                "離職中にしていたこと（学習・資格取得・就職活動など）を面接で説明できるよう準備してください。",
            )


# --- school-year --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolKind:
    label: str
    entry_age: int  # the cohort year plus this is the April of entry
    years: int | None  # standard length; None when it varies (専門学校, 大学院)
    strict_entry: bool  # whether a later entry is normal (浪人, 社会人入学) rather than unusual


def school_kind(e: Education) -> SchoolKind | None:
    name = nfkc(e.institution + " " + e.area + " " + e.study_type)
    if re.search(r"大学院|研究科|修士|博士", name):
        return None
    if "短期大学" in name or "短大" in name:
        return SchoolKind("短期大学", 19, 2, False)
    if "高等専門学校" in name or "高専" in name:
        return SchoolKind("高等専門学校", 16, 5, True)
    if "中等教育学校" in name:
        return SchoolKind("中等教育学校", 13, 6, True)
    if re.search(r"高等学校|高校", name):
        if re.search(r"定時制|通信制", name):
            return SchoolKind("高等学校", 16, None, False)
        return SchoolKind("高等学校", 16, 3, True)
    if re.search(r"中学", name):
        return SchoolKind("中学校", 13, 3, True)
    if "小学校" in name:
        return SchoolKind("小学校", 7, 6, True)
    if "高等専修学校" in name:  # entered after 中学校, like a 高等学校, but of varying length
        return SchoolKind("高等専修学校", 16, None, False)
    if re.search(r"専門学校|専修学校|職業能力開発", name):
        return SchoolKind("専門学校", 19, None, False)
    if "大学" in name:
        six = re.search(r"医学部|医学科|歯学|獣医|薬学科", name) and "看護" not in name
        return SchoolKind("大学", 19, 6 if six else 4, False)
    return None


def cohort(birth: dt.date) -> int:
    """The school year (April–March) a child born on `birth` starts 小学校 minus 7.

    Legal age advances on the day before the birthday, so a child born on 1 April is 6 on 31 March and joins the
    year above: 早生まれ is 1 January to 1 April inclusive.
    """
    return birth.year - 1 if (birth.month, birth.day) <= (4, 1) else birth.year


def expected_entry(birth: dt.date, kind: SchoolKind) -> YearMonth:
    return YearMonth(cohort(birth) + kind.entry_age, 4)


def expected_graduation(birth: dt.date, kind: SchoolKind) -> YearMonth | None:
    if kind.years is None:
        return None
    return YearMonth(cohort(birth) + kind.entry_age + kind.years, 3)


def _ym(ym: YearMonth) -> str:
    return f"{ym.year}年{ym.month}月"


def rule_school_year(resume: Resume, today: dt.date) -> Iterator[Hint]:
    birth = resume.basics.birth_date
    if birth is None:
        return
    early_note = (
        "（早生まれ＝1月1日〜4月1日生まれは1学年上です）" if (birth.month, birth.day) <= (4, 1) else ""
    )
    for i, e in enumerate(resume.education):
        kind = school_kind(e)
        if kind is None:
            continue
        p = f"education[{i}]"
        entry = expected_entry(birth, kind)
        grad = expected_graduation(birth, kind)
        if e.start is not None:
            if e.start < entry:
                yield Hint(
                    "school-year",
                    WARNING,
                    f"{p}.startDate",
                    f"{birth.year}年{birth.month}月{birth.day}日生まれの方の{kind.label}入学は早くても"
                    f"{_ym(entry)}です{early_note}。{_ym(e.start)}になっています。",
                    f"入学年月を{_ym(entry)}に直すか、生年月日を確認してください。",
                )
            elif e.start > entry and kind.strict_entry:
                yield Hint(
                    "school-year",
                    HINT,
                    f"{p}.startDate",
                    f"{kind.label}の入学が標準（{_ym(entry)}）より遅くなっています。",
                    "年月に誤りがないか確認し、事情があれば面接で説明できるようにしてください。",
                )
        if e.end is None or grad is None or e.status == "中途退学":
            continue
        standard_end = grad
        if e.start is not None and kind.years is not None:
            standard_end = max(grad, YearMonth(e.start.year + kind.years, 3))
        if e.end < grad:
            yield Hint(
                "school-year",
                WARNING,
                f"{p}.endDate",
                f"{birth.year}年{birth.month}月{birth.day}日生まれの方の{kind.label}{e.status}は早くても"
                f"{_ym(grad)}です{early_note}。{_ym(e.end)}になっています。",
                f"{e.status}年月を{_ym(grad)}に直すか、生年月日を確認してください。",
            )
        elif e.end > standard_end:
            yield Hint(
                "school-year",
                HINT,
                f"{p}.endDate",
                f"{kind.label}の{e.status}が標準（{_ym(standard_end)}）より遅くなっています。",
                "年月に誤りがないか確認し、休学・留年などがあれば面接で説明できるようにしてください。",
            )


# --- abbreviation -------------------------------------------------------------------------------------------

_ABBREVIATIONS: Final[tuple[tuple[re.Pattern[str], str, str, bool], ...]] = (
    # pattern, replacement, what it stands for, whether it also applies to prose
    (re.compile(r"[(（]\s*株\s*[)）]|㈱"), "株式会社", "(株)", True),
    (re.compile(r"[(（]\s*有\s*[)）]|㈲"), "有限会社", "(有)", True),
    (re.compile(r"[(（]\s*合\s*[)）]"), "合同会社", "(合)", True),
    (re.compile(r"[(（]\s*[財社]\s*[)）]"), "一般財団法人／一般社団法人", "(財)(社)", True),
    (re.compile(r"高校"), "高等学校", "高校", False),
    (re.compile(r"中学(?!校)"), "中学校", "中学", False),
    (re.compile(r"中退"), "中途退学", "中退", True),
    (re.compile(r"(?<![ぁ-んァ-ヶ一-龠])([高大])卒"), r"\1学校卒業", "高卒・大卒", False),
    (re.compile(r"^[〃]$|^同上$"), "会社名・学校名", "同上・〃", False),
)


def _replace_fix(pattern: re.Pattern[str], replacement: str, value: str) -> str:
    if replacement == "高等学校":
        return pattern.sub("高等学校", value)
    if "\\1" in replacement:
        return pattern.sub(lambda m: "高等学校卒業" if m.group(1) == "高" else "大学卒業", value)
    return pattern.sub(replacement, value)


def rule_abbreviation(resume: Resume, today: dt.date) -> Iterator[Hint]:
    for path, value in list(row_texts(resume)) + list(free_texts(resume)):
        prose = not path.endswith(
            (
                ".institution",
                ".area",
                ".studyType",
                ".status",
                ".name",
                ".position",
                ".milestones",
                ".description",
            )
        )
        for pattern, replacement, label, in_prose in _ABBREVIATIONS:
            if prose and not in_prose:
                continue
            if pattern.search(value):
                fixed = _replace_fix(pattern, replacement, value)
                yield Hint(
                    "abbreviation",
                    WARNING,
                    path,
                    f"「{label}」は略称です。応募書類では正式な表記にします。",
                    f"「{fixed}」と書いてください。"
                    if len(fixed) <= 60
                    else f"「{label}」を「{replacement}」に直してください。",
                )
        for m in ERA_LETTER_IN_TEXT.finditer(nfkc(value)):
            era = ERA_BY_LETTER[nfkc(m.group("letter"))]
            year = to_int(m.group("year"))
            yield Hint(
                "abbreviation",
                WARNING,
                path,
                f"「{m.group(0)}」は元号の略記です。",
                f"「{era.name}{'元' if year == 1 else year}年」のように元号を書くか、書類の表記（西暦／和暦）に合わせてください。",
            )
    for i, w in enumerate(resume.work):
        reason = w.end_reason
        if w.end is None or not reason or reason in END_REASONS:
            continue
        # A 業務委託 ends a contract (printed 「契約満了」「…契約終了」), and 「派遣期間満了により退職」 is the 派遣's own
        # 契約期間満了 (layout.end_line, ADR 0150), 「紹介予定派遣期間満了」 its end before her 入社 at the 派遣先: none is
        # a 退職理由 to correct.
        if w.employment_type.strip() in CONTRACTED or (
            w.employment_type.strip() in DISPATCH and reason in ("派遣期間満了により退職", PLANNED_HIRE_ENDED)
        ):
            continue
        if "自己都合" in reason or "一身上" in reason or reason in ("退職", "退社"):
            fixed = "一身上の都合により退職"
        elif "会社都合" in reason or "倒産" in reason or "解雇" in reason:
            fixed = "会社都合により退職"
        elif "満了" in reason:
            fixed = "契約期間満了により退職"
        else:
            continue
        if fixed != reason:
            yield Hint(
                "abbreviation",
                WARNING,
                f"work[{i}].endReason",
                f"退職理由「{reason}」は履歴書の決まった書き方ではありません。",
                f"「{fixed}」と書いてください。",
            )


# --- vague-achievement --------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十百千万億]+\s*(?:件|人|名|社|割|倍|時間|日|か月|ヶ月|カ月|年|円|％|%|回|分)|半分|半減|倍増|ゼロ"
)
_VAGUE = re.compile(
    r"色々|いろいろ|イロイロ|様々な業務|頑張|がんば|一生懸命|精一杯|なんとなく|何となく|たくさん|沢山"
)


def rule_vague_achievement(resume: Resume, today: dt.date) -> Iterator[Hint]:
    achievements = dict(achievement_texts(resume))
    for path, h in achievements.items():
        vague = _VAGUE.search(h)
        if vague:
            yield Hint(
                "vague-achievement",
                WARNING,
                path,
                f"実績に「{vague.group(0)}」のようなあいまいな言葉があります。",
                "何を・どれだけ・どう変えたかを書いてください（例：「請求書の発行を月150件担当し、締め日の遅れを0件にした」）。",
            )
        elif not _NUMBER.search(h):
            yield Hint(
                "vague-achievement",
                WARNING,
                path,
                "実績に数字がありません。",
                "件数・金額・時間・割合など、成果が分かる数字を1つ入れてください（例：「月◯件」「◯日短縮」「◯％削減」）。",
            )
    for path, text in free_texts(resume):
        if path in achievements or path == "x-bonavi.requests":
            continue
        vague = _VAGUE.search(text)
        if vague:
            yield Hint(
                "vague-achievement",
                WARNING,
                path,
                f"「{vague.group(0)}」はあいまいな表現です。",
                "具体的な行動と結果（数字・期間・担当範囲）に言い換えてください。",
            )


# --- length -------------------------------------------------------------------------------------------------


def rule_length(resume: Resume, today: dt.date, cv_pages: int | None = None) -> Iterator[Hint]:
    summary = resume.basics.summary
    n = _chars(summary)
    yield from _empty_sections(resume)
    if summary and not 200 <= n <= 300:
        yield Hint(
            "length",
            WARNING,
            "basics.summary",
            f"職務要約が{n}字です（目安は200〜300字）。",
            "担当した業務・期間・成果・今後の目標を入れて200字以上にしてください。"
            if n < 200
            else f"{n - 300}字ほど削り、300字以内にまとめてください。",
        )
    for i, p in enumerate(resume.self_pr):
        n = _chars(p)
        if n > 300:
            yield Hint(
                "length",
                WARNING,
                f"x-bonavi.selfPr[{i}]",
                f"自己PRの段落が{n}字あります（1段落300字まで）。",
                "強み1つにつき1段落にし、段落を分けるか300字以内に削ってください。",
            )
    # The box prints the 志望動機 and then what fits of the 自己PR (layout.appeal_text).
    appeal = appeal_text(resume)
    if _chars(resume.motivation) > 300:
        # The count is advice; what the box does with the text (printed smaller, continued on the 別紙, or
        # neither: 480字 of one paragraph fit at 10pt) is said as the PDF does it.
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.motivation",
            f"志望動機が{_chars(resume.motivation)}字あります（300字以内が目安）。"
            + _box_verdict(appeal, MOTIVATION_LINES),
            "300字以内にまとめ、詳しい内容は職務経歴書や面接で伝えてください。",
        )
    elif (clipped := _box_overflow(appeal, MOTIVATION_LINES)) is not None:
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.motivation",
            f"志望動機は{clipped}",
            "改行を減らして短くまとめてください。",
        )
    printed, whole = self_pr_in_box(resume)
    # Said when the box cuts the 自己PR; a box the 志望動機 fills (no 自己PR in it) is an ordinary 履歴書.
    if 0 < printed < whole:
        yield Hint(
            "length",
            HINT,
            "x-bonavi.selfPr[0]",
            f"履歴書の「志望の動機、特技、好きな学科、アピールポイントなど」の欄には、志望動機のあとに自己PRの"
            f"最初の{printed}字（全{whole}字のうち）だけが文の切れ目まで入り、そのあとに「{SELF_PR_CONTINUED}」と"
            "印刷します。",
            "全文は職務経歴書に印刷されます。履歴書にも伝えたい強みは、自己PRの最初の文に書いてください。",
        )
    if _chars(resume.requests) > 150:
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.requests",
            "本人希望記入欄が長すぎます。" + _box_verdict(requests_text(resume), REQUESTS_LINES),
            "勤務地や入社可能時期など、譲れない条件だけを150字以内で書いてください。",
        )
    elif (clipped := _box_overflow(requests_text(resume), REQUESTS_LINES)) is not None:
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.requests",
            f"本人希望記入欄は{clipped}",
            "条件を1行に2つずつ書くなどして行数を減らしてください。",
        )
    pages = cv_pages if cv_pages is not None else cv_page_count(resume, today)
    if pages is not None and pages > 3:
        yield Hint(
            "length",
            WARNING,
            "work",
            f"職務経歴書が{pages}ページになります（3ページまでが目安）。",
            "応募先に関係の薄い業務や古い職歴の実績を短くし、2ページ程度にまとめてください。",
        )
    rows = history_rows(resume)
    if len(rows) > HISTORY_ROWS_FIRST + HISTORY_ROWS_SECOND:
        yield Hint(
            "length",
            HINT,
            "education",
            f"学歴・職歴が{len(rows)}行あり、履歴書の欄（{HISTORY_ROWS_FIRST + HISTORY_ROWS_SECOND}行）に収まりません。続きは別紙に印刷します。",
            "学歴は高等学校卒業から書き始めるなどして行数を減らすと1枚に収まります。",
        )
    if (licence_lines := len(license_rows(resume))) > LICENSE_ROWS:
        # rows, not entries: a long name goes on as a second row
        yield Hint(
            "length",
            HINT,
            "certificates",
            f"免許・資格が{licence_lines}行あり、欄（{LICENSE_ROWS}行）に収まりません。続きは別紙に印刷します。",
            "応募する仕事に関係の深いものを優先して選んでください。",
        )


# A sentence ends in 。！？ or in a です・ます form; a line of notes (「レジ　3年」「・サークル会計」) in neither.
_SENTENCE_END: Final = re.compile(r"[。！？!?]|(?:です|ます|でした|ました|ません)\s*$")
_BULLET: Final = re.compile(r"^\s*(?:[・･\-－*＊•●○◆■□▶→]|[0-9０-９]+[.．)）])")


def _notes(text: str) -> bool:
    """Prose still in note form: not one sentence in it, or two or more bulleted lines that are no sentence
    (「・レジ締め」; 「・〜を担当しました。」 is a sentence in a list, and stays)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    fragments = [ln for ln in lines if _BULLET.match(ln) and not _SENTENCE_END.search(ln)]
    return not any(_SENTENCE_END.search(ln) for ln in lines) or len(fragments) >= 2


def _empty_sections(resume: Resume) -> Iterator[Hint]:
    """An empty or note-form section, named with what goes in it. A near-empty document (職務要約 0字, 職歴 0件, 自己PR
    as notes) had no finding at all and the editor said 「指摘はありません」 to a student who had written nothing: each
    rule judged only what was there. The 履歴書's own boxes (志望動機, 本人希望記入欄) are named too: the PDF prints
    them empty. 本人希望記入欄 is a ヒント: leaving it empty is a custom, not a mistake."""
    b = resume.basics
    missing = [
        label
        for label, value in (("氏名", b.name), ("住所", b.location.full), ("電話番号", b.phone))
        if not value
    ]
    if missing:
        first = {"氏名": "basics.name", "住所": "basics.location.region", "電話番号": "basics.phone"}[
            missing[0]
        ]
        yield Hint(
            "length",
            WARNING,
            first,
            f"基本情報の{'・'.join(missing)}がありません。",
            "履歴書の上の欄に印刷します。氏名は姓と名の間に空白を1つ入れ、住所は都道府県から、電話番号は"
            "日中につながる番号を入力してください。",
        )
    if not resume.education:
        yield Hint(
            "length",
            WARNING,
            "education",
            "学歴が0件です。履歴書の学歴・職歴欄に学歴が1行も印刷されません。",
            "「学歴の行を追加」で、高等学校の入学（または卒業）から学校ごとに学校名（正式名称）・学部・学科・"
            "入学年月・卒業年月を古い順に入力してください。在学中の学校は区分を「卒業見込み」にします。",
        )
    if not resume.work:
        yield Hint(
            "length",
            WARNING,
            "work",
            "職歴が0件です。職務経歴書に「職務経歴」の欄を印刷できず、履歴書の職歴欄は「なし」になります。",
            "アルバイト・パート・インターンも職務経歴書に書ける経験です。「職歴の行を追加」で会社名・入社と退職の"
            "年月・雇用形態・業務内容・実績（件数や期間などの数字を入れて）を入力してください。働いた経験が"
            "ない場合は、求められない限り職務経歴書は出さず、履歴書で応募します。",
        )
    if not b.summary:
        yield Hint(
            "length",
            WARNING,
            "basics.summary",
            "職務要約がありません。職務経歴書の最初に置く、全体のまとめです。",
            "これまでの仕事を200〜300字でまとめてください。どこで（会社・お店）・どのくらいの期間・何を担当し、"
            "どんな成果を出したか、応募する仕事で何を活かしたいかの順に書くと読みやすくなります。"
            if resume.work
            else "職歴がまだなければ、アルバイト・インターン・授業や資格の勉強など、応募する仕事につながる経験を"
            "（どこで・どのくらいの期間・何をしたか）200〜300字でまとめてください。",
        )
    elif _notes(b.summary):
        yield Hint(
            "length",
            WARNING,
            "basics.summary",
            "職務要約がメモ書きのままです（文になっていません）。",
            "「〇〇で2年間、〜を担当しました。」のように、文の形で200〜300字にまとめてください。",
        )
    if not resume.self_pr:
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.selfPr",
            "自己PRがありません。",
            "強みを1つ選び、それが分かる経験（アルバイト・授業・サークルなど、数字があれば数字も）と、応募先の"
            "仕事でどう活かすかを、です・ます調で1段落200〜300字にまとめてください。",
        )
    for i, p in enumerate(resume.self_pr):
        if _notes(p):
            yield Hint(
                "length",
                WARNING,
                f"x-bonavi.selfPr[{i}]",
                "自己PRがメモ書きのままです（文になっていません）。このままでは職務経歴書に箇条書きのメモが"
                "そのまま印刷されます。",
                "メモを材料に、です・ます調の文章にしてください：①強み（「〜が得意です」）②それが分かる経験と"
                "数字 ③応募先の仕事での活かし方、の順で1段落300字以内にします。",
            )
    if not resume.motivation:
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.motivation",
            "志望動機がありません。履歴書の「志望の動機、特技、好きな学科、アピールポイントなど」の欄"
            + ("には自己PRだけが印刷されます。" if resume.self_pr else "が空で印刷されます。"),
            "その会社・仕事を選んだ理由と、自分の経験や強みをそこでどう活かしたいかを、応募先ごとに"
            "100〜300字で書いてください。",
        )
    elif _notes(resume.motivation):
        yield Hint(
            "length",
            WARNING,
            "x-bonavi.motivation",
            "志望動機がメモ書きのままです（文になっていません）。",
            "「〜に魅力を感じ、志望しました。」のように、理由と活かしたい経験を文の形で書いてください。",
        )
    if not resume.requests.strip() and not resume.desired_job:
        yield Hint(
            "length",
            HINT,
            "x-bonavi.requests",
            f"本人希望記入欄が空欄のため、履歴書には「{NO_SPECIAL_REQUESTS}」と印刷します。",
            "特に希望がなければそのままで構いません（「貴社の規定に従います」は履歴書の一般的な書き方です）。勤務地・勤務時間など譲れない"
            "条件があるときだけ、その条件を短く書いてください。",
        )
    # Several 派遣先 and not one with duties of its own: the 職務経歴書 prints them as dated lines under one
    # 業務内容, and a reader cannot tell what she did where (ADR 0150, s19 assignment duties).
    for i, w in enumerate(resume.work):
        if (
            w.employment_type.strip() in DISPATCH
            and w.dispatched_to
            and w.assignments
            and not (w.dispatched_duties or any(a.duties for a in w.assignments))
        ):
            yield Hint(
                "length",
                HINT,
                f"work[{i}].dispatchedDuties",
                f"{w.name}の派遣先が{len(w.assignments) + 1}社ありますが、派遣先ごとの業務内容がありません。"
                "職務経歴書には派遣先と期間だけが並び、どこで何をしたかが伝わりません。",
                "派遣先ごとの業務内容の欄に、その派遣先で担当した業務を1行に1つ書いてください"
                "（例：請求書の発行（月200件））。職務経歴書では派遣先ごとのまとまりとして印刷します。",
            )


def _box_overflow(text: str, lines_at_base: int) -> str | None:
    """Few characters but many line breaks still overflow a 履歴書 box: the rest of the message, or None. The size
    comes from the layout's own choice, so the review says what the PDF will do."""
    size = box_fit_size(text, lines_at_base)
    if size == BOX_FONT_SIZES[0]:
        return None
    return f"{box_lines(text)}行あり、" + _box_verdict(text, lines_at_base)


def _box_verdict(text: str, lines_at_base: int) -> str:
    """What the PDF does with a box's text, from the layout's own choices (box_fit_size, box_split): "" when it
    prints at the normal size."""
    size = box_fit_size(text, lines_at_base)
    if size == BOX_FONT_SIZES[0]:
        return ""
    if size is not None:
        return f"欄（{lines_at_base}行）に収まらないため小さい文字で印刷します。"
    return f"文字を小さくしても欄に収まらないため、欄の最後に「{CONTINUED}」と書き、続きを別紙に印刷します。"


def cv_page_count(resume: Resume, on: dt.date) -> int | None:
    """Pages the 職務経歴書 prints on, from the renderer's own layout. A line-count estimate said 3 where the PDF
    had 4: it could not know where WeasyPrint wraps a line or which entries the page-break rules (an entry kept
    whole under its heading) push to the next page. None when the document cannot be printed as it stands."""
    try:
        return default_renderer().count_pages(resume, kind=Kind.SHOKUMUKEIREKISHO, on=on)
    except RenderError:
        return None


# --- cert-name ----------------------------------------------------------------------------------------------


def rule_cert_name(resume: Resume, today: dt.date) -> Iterator[Hint]:
    for i, c in enumerate(resume.certificates):
        found = certnames.official_name(c.name)
        when = f"{c.date.year}年{c.date.month}月" if c.date else "取得年月"
        if found:
            official = found[1]
            verb = cert_verb(official)
            yield Hint(
                "cert-name",
                WARNING,
                f"certificates[{i}].name",
                f"「{c.name}」は通称です。資格欄には正式名称を書きます。",
                f"「{official}」と書き、{when}{verb}の行にしてください。",
            )
        if c.date is None:
            yield Hint(
                "cert-name",
                WARNING,
                f"certificates[{i}].date",
                f"「{c.name}」の取得年月がありません。",
                "合格・取得した年月を「2023-06」の形で入力してください（合格証や免許証で確認できます）。",
            )


# --- era-mix ------------------------------------------------------------------------------------------------


def rule_era_mix(resume: Resume, today: dt.date) -> Iterator[Hint]:
    style = resume.date_style
    for path, text in free_texts(resume):
        folded = nfkc(text)
        for m in WAREKI_IN_TEXT.finditer(folded):
            era = ERA_BY_NAME[m.group("era")]
            year = to_int(m.group("year"))
            month = to_int(m.group("month")) if m.group("month") else None
            ok = era_month_exists(era, year, month) if month else era_year_exists(era, year)
            if not ok:
                yield Hint(
                    "era-mix",
                    ERROR,
                    path,
                    f"「{m.group(0)}」という年月はありません（{era.name}は"
                    f"{era.start.year}年{era.start.month}月{era.start.day}日から"
                    + (f"{era.end.year}年{era.end.month}月{era.end.day}日まで" if era.end else "")
                    + "）。",
                    "西暦で確かめてから、正しい元号・年に直してください（例：2019年5月は令和元年5月）。",
                )
            elif style is DateStyle.WESTERN:
                western = era_to_western(era, year)
                yield Hint(
                    "era-mix",
                    ERROR,
                    path,
                    f"この書類は西暦で書いていますが、「{m.group(0)}」と和暦が混ざっています。",
                    f"「{western}年{f'{month}月' if month else ''}」と西暦にそろえてください。",
                )
        if style is DateStyle.WESTERN:
            for m in ERA_LETTER_IN_TEXT.finditer(folded):
                era = ERA_BY_LETTER[m.group("letter")]
                yield Hint(
                    "era-mix",
                    ERROR,
                    path,
                    f"この書類は西暦で書いていますが、「{m.group(0)}」と和暦が混ざっています。",
                    f"「{era_to_western(era, to_int(m.group('year')))}年」と西暦にそろえてください。",
                )
        else:
            for m in WESTERN_YEAR_IN_TEXT.finditer(folded):
                from .eras import wareki_ym

                year = to_int(m.group("year"))
                yield Hint(
                    "era-mix",
                    ERROR,
                    path,
                    f"この書類は和暦で書いていますが、「{m.group(0)}」と西暦が混ざっています。",
                    f"「{wareki_ym(year, 12)[:-3]}」のように和暦にそろえてください。",
                )


# --- inconsistent -------------------------------------------------------------------------------------------

_COMPANY_PREFIX = re.compile(r"(?:株式会社|有限会社|合同会社)([ァ-ヶー一-龠々A-Za-z0-9&・]+)")
_COMPANY_SUFFIX = re.compile(r"([ァ-ヶー一-龠々A-Za-z0-9&・]+)(?:株式会社|有限会社|合同会社)")
_YM_IN_TEXT = re.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})年(?P<month>[0-9]{1,2})月")
# 「2年半」「3年間」「18か月」; not the 年 of a date (「2023年10月」) nor a school year (「3年生」).
_TENURE = re.compile(
    r"(?<![0-9])(?:(?P<years>[0-9]{1,2})年(?P<half>半)?(?:間)?(?![0-9]|生|度)|(?P<months>[0-9]{1,3})(?:か月|ヶ月|カ月|ヵ月))"
)


def _company_core(name: str) -> str:
    text = nfkc(name).replace(" ", "")
    text = re.sub(r"\(株\)|㈱", "株式会社", text)
    return re.sub(r"株式会社|有限会社|合同会社", "", text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]


# The offered fix's value names a later 派遣先 by its index in `assignments`; the first 派遣先 (`dispatchedTo`,
# the job's `position`) by this word, so a page rendered before it still means the same row (views.fix_line).
FIRST_PLACE: Final = "first"


def rule_inconsistent(resume: Resume, today: dt.date) -> Iterator[Hint]:
    # A 派遣先 is a company of her 職歴 too (printed on both documents): a duty line naming it is no unknown
    # company (ADR 0150, s20).
    cores = [
        (_company_core(name), w)
        for w in resume.work
        for name in (w.name, w.dispatched_to, *(a.name for a in w.assignments))
        if name
    ]
    for i, w in enumerate(resume.work):
        # The first 派遣先 keeps its position in the job's own 部署・役職 (`position`), not in `assignments`, so
        # the loop below never saw it: the 履歴書 printed 「…に派遣（経理部（連結）」 with no word and no fix (s22).
        if (
            w.employment_type.strip() in DISPATCH
            and w.dispatched_to
            and w.position
            and not brackets_balanced(w.position)
        ):
            fixed = balanced(w.position)
            yield Hint(
                "inconsistent",
                WARNING,
                f"work[{i}].position",
                f"最初の派遣先「{w.dispatched_to}」の部署・役職「{w.position}」は（　）の数が合っていません。履歴書には"
                f"「{w.dispatched_to}に派遣（{w.position}）」と印刷されます。",
                f"部署・役職を「{fixed}」にすると、「{w.dispatched_to}に派遣（{fixed}）」になります。下のボタンを押すと、"
                "部署・役職だけを直して保存します（ほかの欄のまだ保存していない入力は保存されません）。自分で直すときは、"
                "閉じる（　）を足すか（　）を消してください。",
                offer=f"{w.dispatched_to}に派遣（{fixed}）",
                offer_value=f"{i}:{FIRST_PLACE}:{fixed}",
            )
        for k, a in enumerate(w.assignments):
            if a.position and not brackets_balanced(a.position):
                # only a version read before files were refused for it (jsonresume._assignments): the editor's
                # line cannot hold the position, and saving would split it differently. The corrected line is
                # offered: one submit applies it (views.fix_line), nothing changes without it (s21).
                fixed = balanced(a.position)
                yield Hint(
                    "inconsistent",
                    WARNING,
                    f"work[{i}].assignments",
                    f"派遣先「{a.name}」の部署・役職「{a.position}」は（　）の数が合っていません（2つ目からの派遣先の"
                    f"{k + 1}行目「{assignment_line(a.start.iso(), a.name, a.position)}」）。このまま保存すると、"
                    "部署・役職の一部が会社名として保存されることがあります。",
                    f"「{assignment_line(a.start.iso(), a.name, fixed)}」に直せます。下のボタンを押すと、この行だけを"
                    "直して保存します（ほかの欄のまだ保存していない入力は保存されません）。自分で直すときは、閉じる（　）"
                    "を足すか（　）を消して、「2020-06 会社名（部署・役職）」の形にしてください。",
                    offer=assignment_line(a.start.iso(), a.name, fixed),
                    offer_value=f"{i}:{k}:{fixed}",
                )
    certs = {certnames.canonical(c.name) for c in resume.certificates}
    for path, text in free_texts(resume):
        folded = nfkc(text)
        for sentence in _sentences(folded):
            named: list[Work] = []
            for m in list(_COMPANY_PREFIX.finditer(sentence)) + list(_COMPANY_SUFFIX.finditer(sentence)):
                mention = m.group(1)
                hits = [w for core, w in cores if core and (core in mention or mention in core)]
                if hits:
                    named.extend(hits)
                else:
                    yield Hint(
                        "inconsistent",
                        WARNING,
                        path,
                        f"「{m.group(0)}」が職歴（履歴書・職務経歴書の会社名）にありません。",
                        "会社名を職歴の表記と同じにするか、職歴に追加してください。",
                    )
            if len({id(w) for w in named}) != 1:
                continue
            w = named[0]
            for dm in _YM_IN_TEXT.finditer(sentence):
                ym = YearMonth(int(dm.group("year")), int(dm.group("month")))
                lo = w.start.index - 1 if w.start else None
                hi = (w.end or YearMonth.of(today)).index + 1
                if lo is not None and not lo <= ym.index <= hi:
                    yield Hint(
                        "inconsistent",
                        WARNING,
                        path,
                        f"文中の「{dm.group(0)}」が{w.name}の在籍期間（職歴の年月）と合いません。",
                        "職歴の入社・退職年月と同じ年月に直してください。",
                    )
            tm = _TENURE.search(sentence)
            if tm and w.start is not None:
                claimed = (
                    int(tm.group("years")) * 12 + (6 if tm.group("half") else 0)
                    if tm.group("years")
                    else int(tm.group("months"))
                )
                actual = months_between(w.start, w.end or YearMonth.of(today))
                if abs(claimed - actual) > 6:
                    yield Hint(
                        "inconsistent",
                        WARNING,
                        path,
                        f"文中の「{tm.group(0)}」が{w.name}の在籍期間（約{actual // 12}年{actual % 12}か月）と合いません。",
                        "在籍期間を職歴の年月に合わせて書き直してください。",
                    )
        for matched, key in certnames.mentions(folded):
            if key not in certs:
                yield Hint(
                    "inconsistent",
                    WARNING,
                    path,
                    f"文中の「{matched}」が免許・資格欄にありません。",
                    "資格欄に正式名称と取得年月を追加するか、文から削除してください。",
                )


# --- fair-hiring --------------------------------------------------------------------------------------------

_UNFAIR = re.compile(
    r"本籍|出生地|家族構成|家族は|両親|父親|母親|父・母|父母|兄弟|姉妹|配偶者|既婚|未婚|独身|扶養家族|"
    r"宗教|信仰|支持政党|政党|尊敬する人物|愛読書|購読新聞|購読している新聞|労働組合|組合活動|学生運動|社会運動|"
    r"持ち家|持家|借家|住宅状況|家庭環境|身長|体重|血液型|スリーサイズ|容姿|病歴|国籍"
)


def rule_fair_hiring(resume: Resume, today: dt.date) -> Iterator[Hint]:
    for path, label in resume.unlawful_fields:
        yield Hint(
            "fair-hiring",
            WARNING,
            path,
            f"「{label}」は応募書類に書く必要のない事項です（職業安定法5条の5、公正な採用選考）。この項目は書類に載せません。",
            "この項目を削除してください。聞かれても答える義務はありません。",
        )
    for path, text in free_texts(resume):
        for m in _UNFAIR.finditer(text):
            yield Hint(
                "fair-hiring",
                WARNING,
                path,
                f"「{m.group(0)}」に関する内容は、応募書類に書く必要のない事項です（本籍・家族・思想信条などは採用選考に使ってはいけない情報です）。",
                f"「{m.group(0)}」に触れた文を削除し、仕事に関係することだけを書いてください。",
            )
            break


# --- emoji --------------------------------------------------------------------------------------------------

# Pictographs and the emoji presentation selector. The PDF's fonts (IPAex明朝, Noto Serif CJK JP) have none of
# them: some print as a black-and-white fallback, others (👍) as an empty box, and none belong in 応募書類.
# ★☆♪〒 are JIS characters the fonts have, so they are not matched.
_EMOJI = re.compile("[\U0001f000-\U0001faff\ufe0f]")


def rule_emoji(resume: Resume, today: dt.date) -> Iterator[Hint]:
    b = resume.basics
    short = [
        ("basics.name", b.name),
        ("basics.furigana", b.furigana),
        ("basics.gender", b.gender),
        ("basics.location.address", b.location.full),
        ("x-bonavi.contact.address", b.contact.full),
        ("x-bonavi.desiredJob", resume.desired_job),
        ("skills", " ".join(part for sk in resume.skills for part in (sk.name, *sk.keywords))),
    ]
    for path, text in [*short, *row_texts(resume), *free_texts(resume)]:
        found = "".join(dict.fromkeys(ch for ch in _EMOJI.findall(text) if ch != "\ufe0f"))
        if found or "\ufe0f" in text:
            shown = f"「{found}」などの" if found else ""
            yield Hint(
                "emoji",
                WARNING,
                path,
                f"{shown}絵文字は応募書類に使いません。PDFでは□（空白の四角）や白黒の記号で印刷されます。",
                "絵文字を削除し、伝えたいことは言葉で書いてください。",
            )


def rule_history_row(resume: Resume, today: dt.date) -> Iterator[Hint]:
    """A 昇格・異動 row that reads as a duty (「売掛金の管理を担当」) is left off the 履歴書's 職歴 column and printed by
    the 職務経歴書 (layout.is_duty_row, ADR 0150, s21): said here, so that no line of hers goes missing unexplained.
    Her row is not moved: where it belongs is hers to choose."""
    for i, w in enumerate(resume.work):
        for m in w.milestones:
            if is_duty_row(m.text):
                yield Hint(
                    "history-row",
                    WARNING,
                    f"work[{i}].milestones",
                    f"{w.name}の「{m.date.iso()} {m.text}」は担当した業務の書き方のため、履歴書の職歴欄には印刷して"
                    "いません。職務経歴書には、この職歴の業務内容の欄に年月とともに印刷しています。",
                    "履歴書の職歴欄には入社・退職と異動・昇格などを書き、業務は職務経歴書に書くのが一般的です。業務の"
                    "ことなら、この行を「業務内容」欄に移すと読みやすくなります。異動や昇格なら「経理部に異動」"
                    "「経理課長に昇格」のように書くと、履歴書にも印刷します。",
                )


RULE_FUNCS: Final[tuple[Callable[[Resume, dt.date], Iterator[Hint]], ...]] = (
    rule_date_order,
    rule_date_gap,
    rule_school_year,
    rule_abbreviation,
    rule_vague_achievement,
    rule_cert_name,
    rule_era_mix,
    rule_inconsistent,
    rule_fair_hiring,
    rule_emoji,
    rule_history_row,
)


def review(resume: Resume, *, today: dt.date | None = None, cv_pages: int | None = None) -> list[Hint]:
    """Every finding, most severe first, then in document order of paths."""
    from bonavi.core.clock import today_jst

    day = today or resume.document_date or today_jst()
    hints: list[Hint] = []
    for func in RULE_FUNCS:
        hints.extend(func(resume, day))
    hints.extend(rule_length(resume, day, cv_pages))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for h in hints:
        key = (h.rule, h.path, h.message)
        if key not in seen:
            seen.add(key)
            unique.append(h)
    return sorted(unique, key=lambda h: SEVERITY_ORDER[h.severity])


def hints_by_path(hints: list[Hint]) -> dict[str, list[Hint]]:
    out: dict[str, list[Hint]] = {}
    for h in hints:
        out.setdefault(h.path, []).append(h)
    return out
