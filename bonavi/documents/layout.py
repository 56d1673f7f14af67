"""What goes on each document, independent of the PDF engine: 履歴書 rows, dates in the chosen style, ages.

Renderers only place what this module decides, so the review (row overflow) and every renderer agree.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from .eras import era_of, era_year, wareki_date, wareki_ym
from .model import CvFormat, DateStyle, Education, Resume, Work, YearMonth, age_on

HISTORY_ROWS_FIRST: Final = 11  # 学歴・職歴 rows on the first page (left half of the A3 spread)
HISTORY_ROWS_SECOND: Final = 8  # and on the second: 19 in all, as in the MHLW 様式例
LICENSE_ROWS: Final = 7
# The text column of those rows holds 39 full-width characters at 10.5pt (measured: the 40th wraps). A longer
# text wrapped inside its row, the row grew, and the second page's boxes were pushed onto a page of their own;
# so a long text goes on as the next row, the way a handwritten form continues, and every row stays one line.
ROW_WIDTH: Final = 38.0
# The 履歴書's two fixed boxes (rirekisho.html: .motivation 62mm, .requests 42mm, 10pt at line-height 1.55):
# full lines they hold at 10pt, and full-width characters per line (48 of about 50, so punctuation and 禁則
# never push a line over). Text past the box would be clipped, so the renderer shrinks the font to fit,
# and what does not fit even at the smallest goes on to the 別紙 (box_split).
BOX_CHARS_PER_LINE: Final = 48
MOTIVATION_LINES: Final = 10
REQUESTS_LINES: Final = 6
BOX_FONT_SIZES: Final = (10.0, 9.5, 9.0, 8.5, 8.0)  # 8pt is the smallest a recruiter reads comfortably


def fmt_ym(ym: YearMonth | None, style: DateStyle) -> str:
    if ym is None:
        return ""
    return wareki_ym(ym.year, ym.month) if style is DateStyle.JAPANESE else f"{ym.year}年{ym.month}月"


def fmt_date(day: dt.date, style: DateStyle) -> str:
    return wareki_date(day) if style is DateStyle.JAPANESE else f"{day.year}年{day.month}月{day.day}日"


def year_cell(ym: YearMonth, style: DateStyle) -> str:
    """The 年 column of a 履歴書 row: 2021 or 令和3 (元 for the first year)."""
    if style is DateStyle.WESTERN:
        return str(ym.year)
    last_day = dt.date(ym.year + (ym.month == 12), ym.month % 12 + 1, 1) - dt.timedelta(days=1)
    era = era_of(last_day)
    n = era_year(era, ym.year)
    return f"{era.name}{'元' if n == 1 else n}"


@dataclass(frozen=True)
class HistoryRow:
    year: str = ""
    month: str = ""
    text: str = ""
    align: str = "left"  # "center" for the 学歴/職歴 headings, "right" for 以上


def _school_name(e: Education) -> str:
    # studyType holds either a course (普通科, 商業科) that belongs in the row or a degree (学士) that does not.
    course = e.study_type if e.study_type.endswith(("科", "課程", "コース")) else ""
    return " ".join(p for p in (e.institution, e.area, course) if p)


# A part-time job is not joined (入社 is for an employee the company takes on): the 履歴書 says where she worked
# and as what, 「カフェ・ブルーム 新宿東口店でアルバイトとして勤務」 (ADR 0139). Other 雇用形態 keep 「入社（契約社員）」.
PART_TIME: Final = frozenset(
    {"アルバイト", "パート", "パートタイマー", "パート・アルバイト", "アルバイト・パート"}
)
# 派遣 (ADR 0150): her employer is the 派遣元 she registered with, not the company she worked at, so neither
# 「入社」 nor 「入社（派遣社員）」: 「（派遣元）に派遣社員として登録」, then 「（派遣先）に派遣（経理事務）」 on the next line.
# 無期雇用派遣 is not here: she is the 派遣元's employee, and 「入社（無期雇用派遣）」 is right for it.
DISPATCH: Final = frozenset({"派遣社員", "派遣", "登録型派遣", "紹介予定派遣"})
# 業務委託 is a contract, not employment: 「…と業務委託契約を締結」 and its end 「契約満了」/「契約終了」, never 入社・退職.
CONTRACTED: Final = frozenset({"業務委託", "業務委託契約"})
# 紹介予定派遣 is printed by name (its registration line says so), and when the 派遣先 then hired her the 派遣's end
# row says its period ended rather than 「退職」 (end_line).
PLANNED_HIRE: Final = "紹介予定派遣"
PLANNED_HIRE_ENDED: Final = "紹介予定派遣期間満了"


def company_line(w: Work) -> str:
    """The row that starts a job: 「株式会社○○ 入社（契約社員）」, 「…でアルバイトとして勤務」, 「…に派遣社員として登録」,
    「…と業務委託契約を締結」. Her profile's import writes the same words (profile.history_rows)."""
    etype = w.employment_type.strip()
    if etype in PART_TIME:
        return f"{w.name}で{etype}として勤務"
    if etype in DISPATCH:
        kind = f"（{etype}）" if etype == PLANNED_HIRE else ""
        if w.dispatched_to:
            return f"{w.name}に派遣社員として登録{kind}"
        # One company name and no 派遣先: it may be either, so a line true of both (ADR 0150).
        return f"{w.name}で派遣社員として就業{kind}"
    if etype in CONTRACTED:
        return f"{w.name}と業務委託契約を締結"
    extra = "（" + etype + "）" if etype and etype != "正社員" else ""
    return f"{w.name} 入社{extra}"


def dispatch_lines(w: Work) -> list[tuple[YearMonth | None, str]]:
    """The 派遣先 lines under a 派遣 registration, with the job in brackets: 「株式会社△△に派遣（経理事務）」 from the
    job's start, then each later 派遣先 from its own 年月 (「株式会社□□に派遣（一般事務）」)."""
    if w.employment_type.strip() not in DISPATCH or not w.dispatched_to:
        return []
    first = (w.start, f"{w.dispatched_to}に派遣" + (f"（{w.position}）" if w.position else ""))
    return [first] + [
        (a.start, f"{a.name}に派遣" + (f"（{a.position}）" if a.position else "")) for a in w.assignments
    ]


def hired_by_haken_saki(w: Work, following: Work | None) -> bool:
    """Whether a 紹介予定派遣 ended with her direct hire: the next job is at its (last) 派遣先, begun the month the
    派遣 ended or the next."""
    if w.employment_type.strip() != PLANNED_HIRE or following is None or w.end is None:
        return False
    last = w.assignments[-1].name if w.assignments else w.dispatched_to or w.name
    return (
        following.start is not None
        and "".join(following.name.split()) == "".join(last.split())
        and 0 <= following.start.index - w.end.index <= 1
    )


def end_line(w: Work, following: Work | None = None) -> str:
    """The row that ends a job, from the reason she gave (none: 「退職」); her words are never given a reason she
    did not give. A 業務委託 ends its contract: 「契約満了」 when her reason says 満了, else her reason with 契約終了
    for 退職 (「一身上の都合により契約終了」). A 派遣's 契約期間満了 is the 派遣's: 「派遣期間満了により退職」. A
    紹介予定派遣 followed by her 入社 at its 派遣先 (`following`) ends 「紹介予定派遣期間満了」: the next row says she
    was hired, and 「退職」 above it would read as leaving that company."""
    reason = w.end_reason.strip() or "退職"
    etype = w.employment_type.strip()
    if etype in CONTRACTED:
        if "満了" in reason:
            return "契約満了"
        if reason == "退職予定":
            return "契約終了予定"
        return reason.removesuffix("退職") + "契約終了" if reason.endswith("退職") else reason
    if hired_by_haken_saki(w, following) and (reason == "退職" or "満了" in reason):
        return PLANNED_HIRE_ENDED
    if etype in DISPATCH and "期間満了" in reason and reason.endswith("退職"):
        return "派遣期間満了により退職"
    return reason


@dataclass(frozen=True)
class WorkLine:
    """One 職歴 line of a job as the 履歴書 writes it; `ym` None is a line under the one above (its position)."""

    ym: YearMonth | None
    text: str
    kind: str  # "start", "dispatch", "position", "milestone", "duty", "end"


# A dated row under a job that tells what she did, not what happened to her: 「売掛金の管理を担当」「受発注業務に従事」
# 「新システムの導入に携わる」. A 履歴書's 職歴 column holds 入社・退職 and personnel events (異動・配属・昇格…); the
# duty belongs to the 職務経歴書 (ADR 0150, s21). A row that also names such an event stays one:
# 「経理部に異動し、売掛金の管理を担当」 is a 異動.
_DUTY_ROW: Final = re.compile(
    r"(?:を担当|に従事|に携わ)(?:する|した|しました|している|しています|して|り|る|った|っている|っています)?[。．]?$"
)
# (入社・退職 are no such words here: 「入社手続きを担当」 is an HR duty.)
_PERSONNEL_EVENT: Final = re.compile(
    r"異動|配属|配置換|昇格|昇進|昇任|降格|転勤|出向|転籍|就任|着任|赴任|任命|兼務|兼任|発令|復職|休職"
)


def is_duty_row(text: str) -> bool:
    """Whether a 昇格・異動 row of hers reads as a duty (「売掛金の管理を担当」) rather than a personnel event."""
    text = text.strip()
    return bool(_DUTY_ROW.search(text)) and not _PERSONNEL_EVENT.search(text)


def work_lines(works: list[Work]) -> list[WorkLine]:
    """The 職歴 lines of jobs in date order: the 履歴書 prints them (history_rows) and her profile's import writes
    them as its rows (profile.history_rows), so the two say the same. One 派遣先 is an undated line with the
    registration (ADR 0150); several are each dated, as are 昇格・異動, between the start and the end."""
    out: list[WorkLine] = []
    for i, w in enumerate(works):
        out.append(WorkLine(w.start, company_line(w), "start"))
        sent = dispatch_lines(w)
        dated: list[tuple[YearMonth | None, str, str]] = []
        if len(sent) == 1:
            out.append(WorkLine(None, sent[0][1], "dispatch"))
        elif sent:
            dated += [(ym, text, "dispatch") for ym, text in sent]
        elif w.position:
            # never the milestones' texts, which print dated below (jsonresume._beyond_milestones)
            out.append(WorkLine(None, f"　{w.position}", "position"))
        # 昇格・配属・異動 each on a row of its own with its own 年・月, as the form is written by hand (they were
        # one undated row, joined into the position); between 入社 and 退職, in date order.
        # A row that reads as a duty is "duty": the 履歴書 leaves it to the 職務経歴書, her profile keeps it (s21).
        dated += [(m.date, m.text, "duty" if is_duty_row(m.text) else "milestone") for m in w.milestones]
        never = YearMonth(1900, 1)
        for ym, text, kind in sorted(dated, key=lambda d: (d[0] or w.start or never).index):
            out.append(WorkLine(ym, text, kind))
        if w.end is not None:
            out.append(WorkLine(w.end, end_line(w, works[i + 1] if i + 1 < len(works) else None), "end"))
    return out


def employment_label(w: Work) -> str:
    """The 職務経歴書's word before the 雇用形態: 業務委託 is no employment, so 「契約形態」 there."""
    return "契約形態" if w.employment_type.strip() in CONTRACTED else "雇用形態"


def history_rows(resume: Resume) -> list[HistoryRow]:
    """学歴 heading, 入学/卒業 rows, 職歴 heading, 入社 (or 「…でアルバイトとして勤務」)/退職 rows, 現在に至る, and 以上 right-aligned."""
    style = resume.date_style
    rows: list[HistoryRow] = []

    def dated(ym: YearMonth | None, text: str) -> HistoryRow:
        if ym is None:
            return HistoryRow(text=text)
        return HistoryRow(year_cell(ym, style), str(ym.month), text)

    schools: list[HistoryRow] = []
    for e in sorted(resume.education, key=lambda e: (e.start or e.end or YearMonth(2200, 1)).index):
        name = _school_name(e)
        if e.start is not None:
            schools.append(dated(e.start, f"{name} 入学"))
        if e.end is not None or e.status in ("在学中",):
            schools.append(dated(e.end, f"{name} {e.status}"))
    # The form's blank lines stay (an empty line of the JIS-like form is normal), but the 「学歴」 heading is written
    # only over rows: alone it printed a heading with nothing under it. 「職歴」「なし」 says something, so it stays.
    if schools:
        rows.append(HistoryRow(text="学歴", align="center"))
        rows.extend(schools)
    rows.append(HistoryRow(text="職歴", align="center"))
    if not resume.work:
        rows.append(HistoryRow(text="なし"))
    works = sorted(resume.work, key=lambda w: (w.start or YearMonth(2200, 1)).index)
    # Only 入社・退職 and personnel events: a row of her duties (「…を担当」) is printed by the 職務経歴書, with its
    # 年月, and the review says so (ADR 0150, s21).
    rows += [dated(line.ym, line.text) for line in work_lines(works) if line.kind != "duty"]
    if any(w.current for w in works):
        rows.append(HistoryRow(text="現在に至る"))
    rows.append(HistoryRow(text="以上", align="right"))
    return [fitted for row in rows for fitted in _fit_rows(row)]


# Closing marks never start a continuation row, opening marks never end one (禁則, as the PDF's line breaking).
_NO_ROW_START: Final = "、。，．）」』】〕・ー？！"
_NO_ROW_END: Final = "（「『【〔"


def _char_width(ch: str) -> float:
    """Width in full-width characters (IPAex明朝 at 10.5pt): W is nearly full, capitals about 3/4, digits and
    small letters about 0.6, half-width kana a half. Rounded up, so a row never holds more than it can print."""
    if unicodedata.east_asian_width(ch) in "FWA":
        return 1.0
    if ch in "WM@%&":
        return 1.0
    if ch.isupper():
        return 0.75
    if unicodedata.east_asian_width(ch) == "H":
        return 0.5
    return 0.65


def text_width(text: str) -> float:
    return sum(_char_width(ch) for ch in text)


def _fit_rows(row: HistoryRow) -> list[HistoryRow]:
    """The row, and continuation rows (no 年・月) for what does not fit its one printed line."""
    text = row.text
    indent = text[: len(text) - len(text.lstrip("　"))]
    out: list[HistoryRow] = []
    first = True
    while text_width(text) > ROW_WIDTH:
        end, width = 0, 0.0
        while width + _char_width(text[end]) <= ROW_WIDTH:
            width += _char_width(text[end])
            end += 1
        space = max(text.rfind(" ", 0, end + 1), text.rfind("　", len(indent), end + 1))
        if space > end // 2:
            end = space  # between the name and 入社（契約社員）, say
        else:
            while end > len(indent) + 1 and (text[end] in _NO_ROW_START or text[end - 1] in _NO_ROW_END):
                end -= 1
        head, text = text[:end].rstrip(" 　"), indent + text[end:].lstrip(" 　")
        out.append(
            HistoryRow(row.year, row.month, head, row.align)
            if first
            else HistoryRow(text=head, align=row.align)
        )
        first = False
    out.append(
        HistoryRow(row.year, row.month, text, row.align) if first else HistoryRow(text=text, align=row.align)
    )
    return out


def cert_verb(name: str) -> str:
    """取得 for a licence (免許, 衛生管理者 is one) or a score (TOEIC 800点), 合格 for an examination."""
    if "免許" in name or "衛生管理者" in name or "取得" in name or re.search(r"[0-9０-９]\s*点|スコア", name):
        return "取得"
    return "合格"


def license_rows(resume: Resume) -> list[HistoryRow]:
    style = resume.date_style
    out = []
    for c in sorted(resume.certificates, key=lambda c: (c.date or YearMonth(2200, 1)).index):
        suffix = cert_verb(c.name)
        text = c.name if c.name.endswith(("取得", "合格", "修了")) else f"{c.name} {suffix}"
        out += _fit_rows(
            HistoryRow(year_cell(c.date, style), str(c.date.month), text) if c.date else HistoryRow(text=text)
        )
    return out


def paged(
    rows: list[HistoryRow], first: int, second: int
) -> tuple[list[HistoryRow], list[HistoryRow], list[HistoryRow]]:
    """Split rows into the form's two boxes, padding with blanks; the rest goes to a continuation sheet."""
    a, b, rest = rows[:first], rows[first : first + second], rows[first + second :]
    a = a + [HistoryRow()] * (first - len(a))
    b = b + [HistoryRow()] * (second - len(b))
    return a, b, rest


# What a 履歴書 says in the 本人希望記入欄 when there is no special wish: every 履歴書 guide recommends it, and an
# empty box reads as a form not finished (ADR 0145).
NO_SPECIAL_REQUESTS: Final = "貴社の規定に従います。"
SELF_PR_LABEL: Final = "【自己PR】"


def requests_text(resume: Resume) -> str:
    """The 本人希望記入欄 as printed: the optional 希望職種 line, then the person's text, or 「貴社の規定に従います。」
    when she wrote none."""
    job = f"希望職種：{resume.desired_job}\n" if resume.desired_job else ""
    return job + (resume.requests.strip("\n") or NO_SPECIAL_REQUESTS)


# Ends a 自己PR the 履歴書's box prints only in part (ADR 0150): a reader of the 履歴書 alone learns where the rest is.
SELF_PR_CONTINUED: Final = "（続きは職務経歴書に記載）"


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each ending at its 。！？ and the closing marks after it. A 。 inside 「」 or （）
    ends no sentence: 「「ありがとう。」と言っていただける…」 is one sentence, not 「「ありがとう。」」 and a tail."""
    out: list[str] = []
    start = depth = 0
    i = 0
    while i < len(paragraph):
        ch = paragraph[i]
        if ch in "「『（(【":
            depth += 1
        elif ch in "」』）)】":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            while i + 1 < len(paragraph) and paragraph[i + 1] in "」』）)】":
                i += 1
            out.append(paragraph[start : i + 1])
            start = i + 1
        i += 1
    if paragraph[start:].strip():
        out.append(paragraph[start:])
    return out


def appeal_text(resume: Resume) -> str:
    """The 「志望の動機、特技、好きな学科、アピールポイントなど」 box as printed: 志望動機, then 「【自己PR】」 and as much
    of the 自己PR as fits, in whole sentences (ADR 0145: the 自己PR was left out, as JIS-style 履歴書 hold both there).
    The 自己PR takes only the room the 志望動機 leaves at the size the 志望動機 alone prints at: it never makes the
    志望動機 smaller nor sends anything to the 別紙 — a full 自己PR of three paragraphs did, on an ordinary document;
    the whole of it is on the 職務経歴書, and a 自己PR printed in part ends 「（続きは職務経歴書に記載）」 (ADR 0150),
    the marker's room kept in the box."""
    motivation = resume.motivation.strip("\n")
    head = (motivation + "\n" if motivation else "") + SELF_PR_LABEL
    size = box_fit_size(motivation, MOTIVATION_LINES) if motivation else BOX_FONT_SIZES[0]
    if size is None:
        return motivation

    def fits(text: str) -> bool:
        return box_lines(text, size) <= box_capacity(MOTIVATION_LINES, size)

    paragraphs = [p.strip() for p in resume.self_pr if p.strip()]
    if fits("\n".join([head, *paragraphs])):
        return "\n".join([head, *paragraphs]) if paragraphs else motivation
    # Not all of it: whole sentences, as many as fit with the marker after the last.
    shown: list[str] = []
    for paragraph in paragraphs:
        if fits("\n".join([head, *shown, paragraph]) + SELF_PR_CONTINUED):
            shown.append(paragraph)
            continue
        part = ""
        for sentence in sentences(paragraph):
            if not fits("\n".join([head, *shown, part + sentence]) + SELF_PR_CONTINUED):
                break
            part += sentence
        if part:
            shown.append(part)
        break
    return "\n".join([head, *shown]) + SELF_PR_CONTINUED if shown else motivation


def self_pr_in_box(resume: Resume) -> tuple[int, int]:
    """Characters of the 自己PR the 履歴書's box prints, and of the whole 自己PR (for the review)."""
    box = appeal_text(resume)
    printed = box.split(SELF_PR_LABEL + "\n", 1)[1] if SELF_PR_LABEL + "\n" in box else ""
    printed = printed.removesuffix(SELF_PR_CONTINUED)
    whole = "".join(p.strip() for p in resume.self_pr)
    return len(re.sub(r"\s", "", printed)), len(re.sub(r"\s", "", whole))


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """Printed lines of `text` in a column `chars_per_line` full-width characters wide: each written line takes
    at least one line and wraps at the width. The one estimate behind the 履歴書 boxes' font size and the 職務経歴書
    entries kept on a page. (The review's page count is not estimated: it asks the renderer's layout.)"""
    return sum(max(1, -(-len(part) // chars_per_line)) for part in text.splitlines() or [""])


def box_lines(text: str, size: float = BOX_FONT_SIZES[0]) -> int:
    """Printed lines of a box's text at `size` pt: each written line wraps at the box width."""
    if not text.strip():
        return 0
    return wrapped_lines(text.strip("\n"), int(BOX_CHARS_PER_LINE * BOX_FONT_SIZES[0] / size))


def box_capacity(lines_at_base: int, size: float) -> int:
    return int(lines_at_base * BOX_FONT_SIZES[0] / size)


def box_fit_size(text: str, lines_at_base: int) -> float | None:
    """The largest size at which the text fits its box, or None when it does not fit even at the smallest. The
    PDF prints at it (box_font_size) and the review says whether the box shrinks or overflows from it."""
    for size in BOX_FONT_SIZES:
        if box_lines(text, size) <= box_capacity(lines_at_base, size):
            return size
    return None


def box_font_size(text: str, lines_at_base: int) -> float:
    """The largest size at which the text fits its box (the smallest size when nothing fits)."""
    size = box_fit_size(text, lines_at_base)
    return BOX_FONT_SIZES[-1] if size is None else size


# Ends the part of an overflowing box printed on the form; the rest is printed on the 履歴書（別紙） (ADR 0052).
CONTINUED: Final = "（別紙に続く）"


def box_split(text: str, lines_at_base: int) -> tuple[str, str]:
    """What a box prints, and what goes on to the 別紙. Text that fits at some size is printed whole (""). Text
    that does not fit even at the smallest size was clipped by the box's fixed height, the last visible line cut
    through its glyphs: it is cut here instead, after the last whole line that fits at the smallest size, with
    「（別紙に続く）」 on that line, so nothing is half printed and nothing is lost."""
    if box_fit_size(text, lines_at_base) is not None:
        return text, ""
    size = BOX_FONT_SIZES[-1]
    room = box_capacity(lines_at_base, size)
    body = text.strip("\n")

    def fits(end: int) -> bool:
        return box_lines(body[:end].rstrip() + CONTINUED, size) <= room

    # The longest head that fits with the marker (more text never takes fewer lines, so bisect).
    low, high = 0, len(body)
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    end = low
    if end < len(body) and body[end] != "\n":
        # Inside a sentence: end the box after the last 。 or 、 of its last line, so the 別紙 does not begin
        # with the end of a word (「す。」); failing that, keep 禁則 (no 、。） first, no （「 last).
        reach = max(body.rfind("\n", 0, end) + 1, end - int(BOX_CHARS_PER_LINE * BOX_FONT_SIZES[0] / size))
        # A mark is followed by what closes it (「…です。」と): the head takes those closers too when they fit, and
        # an earlier mark is tried when they do not, rather than walking back over 」。 into the sentence.
        for stop in sorted((i for i in range(reach, end) if body[i] in "。、！？"), reverse=True):
            cut = stop + 1
            while cut < len(body) and body[cut] in _NO_ROW_START and fits(cut + 1):
                cut += 1
            if cut == len(body) or body[cut] not in _NO_ROW_START:
                end = cut
                break
        else:
            while end > 1 and (body[end] in _NO_ROW_START or body[end - 1] in _NO_ROW_END):
                end -= 1
    return body[:end].rstrip() + CONTINUED, body[end:].strip()


def age_text(resume: Resume, on: dt.date) -> str:
    birth = resume.basics.birth_date
    if birth is None:
        return ""
    return f"{fmt_date(birth, resume.date_style)}生（満{age_on(birth, on)}歳）"


def work_in_cv_order(resume: Resume) -> list[Work]:
    works = sorted(resume.work, key=lambda w: (w.start or YearMonth(1900, 1)).index)
    if resume.cv_format is CvFormat.REVERSE:
        works.reverse()
    return works


def career_groups(resume: Resume) -> list[tuple[str, list[Work]]]:
    """キャリア式: experience grouped by function (work[].function, else the position), newest group first."""
    groups: dict[str, list[Work]] = {}
    for w in sorted(resume.work, key=lambda w: (w.start or YearMonth(1900, 1)).index, reverse=True):
        key = w.function or w.position or "職務"
        groups.setdefault(key, []).append(w)
    return list(groups.items())


def milestone_lines(w: Work, style: DateStyle) -> list[tuple[str, str]]:
    """The 職務経歴書's dated lines under the position (昇格・異動), in date order: (年月, text)."""
    return [(fmt_ym(m.date, style), m.text) for m in sorted(w.milestones, key=lambda m: m.date.index)]


@dataclass(frozen=True)
class AssignmentBlock:
    """One 派遣先 of a 派遣 on the 職務経歴書: its period, 「株式会社△△（経理事務）」, the duties she had there and
    what she achieved there (ADR 0150, s20)."""

    period: str
    company: str
    duties: tuple[str, ...]
    achievements: tuple[str, ...] = ()


def _spells(w: Work, style: DateStyle) -> list[AssignmentBlock]:
    """Every 派遣先 of a 派遣 with its period, each until the month before the next begins, the last until the
    job's end."""
    if not w.dispatched_to or w.employment_type.strip() not in DISPATCH:
        return []
    spells = [(w.start, w.dispatched_to, w.position, w.dispatched_duties, w.dispatched_achievements)] + [
        (a.start, a.name, a.position, a.duties, a.achievements) for a in w.assignments
    ]
    out = []
    spans = spell_spans([s[0] for s in spells], w.end)
    for (start, name, job, duties, wins), (_start, until) in zip(spells, spans, strict=True):
        out.append(
            AssignmentBlock(
                period_span(fmt_ym(start, style), fmt_ym(until, style)),
                name + (f"（{job}）" if job else ""),
                tuple(duties),
                tuple(wins),
            )
        )
    return out


def spell_spans(
    starts: list[YearMonth | None], end: YearMonth | None
) -> list[tuple[YearMonth | None, YearMonth | None]]:
    """(from, until) of each 派遣先 begun at `starts`: each until the month before the next begins, the last until
    the job's `end` (None: 現在)."""
    out: list[tuple[YearMonth | None, YearMonth | None]] = []
    for n, start in enumerate(starts):
        nxt = starts[n + 1] if n + 1 < len(starts) else None
        until = YearMonth(nxt.year - (nxt.month == 1), (nxt.month - 2) % 12 + 1) if nxt else end
        if until is not None and start is not None and until < start:
            until = start  # two 派遣先 begun in one month: the first's spell is that month
        out.append((start, until))
    return out


def _ym_or_none(value: object) -> YearMonth | None:
    try:
        return YearMonth.parse(str(value or ""))
    except ValueError:
        return None


def haken_saki_periods(job: Mapping[str, Any], style: DateStyle = DateStyle.WESTERN) -> list[str]:
    """For each 派遣先 of a stored job (JSON: `dispatchedTo`, then `assignments`), its period as the 職務経歴書 prints
    it (「2021年4月～2022年3月」, or in `style`) when another 派遣先 of the job has the same name, else "": the same
    client twice is told apart by when (ADR 0150, s21). A name alone stays as it was."""
    rows = [a for a in job.get("assignments", []) if isinstance(a, dict)]
    names = [str(job.get("dispatchedTo") or ""), *(str(a.get("name", "")) for a in rows)]
    keys = ["".join(n.split()) for n in names]
    starts = [_ym_or_none(job.get("startDate")), *(_ym_or_none(a.get("startDate")) for a in rows)]
    spans = spell_spans(starts, _ym_or_none(job.get("endDate")))
    return [
        period_span(fmt_ym(start, style), fmt_ym(until, style)) if keys.count(key) > 1 and start else ""
        for key, (start, until) in zip(keys, spans, strict=True)
    ]


def has_own_lines(w: Work) -> bool:
    """Whether any 派遣先 of the job has 業務内容 or 実績 of its own."""
    return bool(
        w.dispatched_duties
        or w.dispatched_achievements
        or any(a.duties or a.achievements for a in w.assignments)
    )


def assignment_blocks(w: Work, style: DateStyle) -> list[AssignmentBlock]:
    """The 職務経歴書's block per 派遣先 once any of them has duties or 実績 of its own (ADR 0150, s19 assignment
    duties; s20): a 派遣社員's CV shows each 派遣先 with its period, what she did and achieved there. None has
    any: [] (the job's 業務内容 and 実績 cover them all, as before)."""
    if not has_own_lines(w):
        return []
    return _spells(w, style)


def assignment_periods(w: Work, style: DateStyle) -> list[tuple[str, str]]:
    """The 職務経歴書's 派遣先 per period for a 派遣 with several (one has its 「派遣先：」 in the facts line):
    (「2019年4月～2020年5月」, 「株式会社△△（経理事務）」)."""
    if not w.assignments:
        return []
    return [(b.period, b.company) for b in _spells(w, style)]


def period_text(w: Work, style: DateStyle) -> str:
    return period_span(fmt_ym(w.start, style), fmt_ym(w.end, style))


def period_span(start: str, end: str) -> str:
    """A 在籍期間 from its two dates as printed: no 終了 is 「現在」 (the 添削 page's headings say it the same way)."""
    return f"{start}～{end or '現在'}"


# The 職務経歴書's 業務内容 cell: about 36 characters a line at 10.5pt, and about 36 lines fit below a company
# heading on an A4 page. A longer entry cannot be kept on one page, so it is allowed to break (see the template).
CV_CELL_CHARS_PER_LINE: Final = 36
CV_ENTRY_LINES_PER_PAGE: Final = 36


def cv_entry_lines(w: Work, style: DateStyle) -> int:
    """Printed lines of one entry's 業務内容 cell (position, dated milestones, 業務, 【実績】 and each achievement).
    The milestones are counted as printed, in the document's date style (令和元年5月 is shorter than 2019年5月)."""

    def lines(text: str) -> int:
        return wrapped_lines(text, CV_CELL_CHARS_PER_LINE)

    spells = assignment_periods(w, style)
    blocks = assignment_blocks(w, style)
    total = (1 if w.position and not (spells or blocks) else 0) + (lines(w.summary) if w.summary else 0)
    if blocks:
        for b in blocks:
            total += lines(f"{b.period}　派遣先：{b.company}")
            total += (1 + sum(lines(d) for d in b.duties)) if b.duties else 0
            total += (1 + sum(lines(a) for a in b.achievements)) if b.achievements else 0
    else:
        total += sum(lines(f"{when}　派遣先：{text}") for when, text in spells)
    total += sum(lines(f"{when}　{text}") for when, text in milestone_lines(w, style))
    if w.highlights:
        total += 1 + sum(lines(h) for h in w.highlights)
    return total


def months_between(start: YearMonth, end: YearMonth) -> int:
    """Inclusive months: 2021-04 … 2023-09 is 30."""
    return end.index - start.index + 1
