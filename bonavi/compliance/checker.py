"""Checks a posting's facts against the rules of JAPAN-RULES.md.

Entry point: `check_facts(facts, on=date)`. Each rule is a function of a `Context` (facts, date, text scanner)
that yields findings; the catalogue of ids, laws and explanations is `catalog.py`.

Findings say where they apply: `field` is the texts key for wording found in `facts.texts` (the JobPosting
field, or "text" for a pasted ad) and the PostingFacts field name for structured facts; `start`/`end` are
offsets in that text (for a pasted ad, in the ad) or -1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from bonavi.core.clock import today_jst

from .context import Context
from .facts import PostingFacts
from .findings import Finding
from .textparse import employment_types
from .wages import rule_fixed_overtime, rule_minimum_wage
from .wording import (
    WORDING_RULES,
    rule_age,
    rule_gender_restriction,
    rule_gendered_title,
    rule_indirect,
    rule_personal_info,
)

Rule = Callable[[Context], Iterable[Finding]]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# The items of JAPAN-RULES §1 by the names the issue uses; common headings in parentheses so a reader (and a
# search for 「給与」 or 「勤務地」) finds them.
ITEM_DUTIES = "業務内容"
ITEM_DUTIES_SCOPE = "業務の変更の範囲"
ITEM_TERM = "契約期間"
ITEM_PROBATION = "試用期間"
ITEM_RENEWAL = "更新の基準・上限"
ITEM_PLACE = "就業場所（勤務地）"
ITEM_PLACE_SCOPE = "就業場所の変更の範囲"
ITEM_HOURS = "始業・終業時刻（勤務時間）"
ITEM_BREAK = "休憩時間"
ITEM_HOLIDAYS = "休日"
ITEM_OVERTIME = "時間外労働（残業）"
ITEM_WAGE = "賃金（給与）"
ITEM_INSURANCE = "社会保険"
ITEM_EMPLOYER = "募集者の名称（会社名）"
ITEM_SMOKING = "受動喫煙対策"
ITEM_DISPATCH = "派遣である旨"
ITEM_DEEMED = "みなし労働時間"


def _missing(ctx: Context, item: str, field: str, suggestion: str, detail: str = "") -> Finding:
    return ctx.finding(
        "missing-disclosure",
        f"「{item}」が明示されていません（職業安定法5条の3）。{detail}".strip(),
        item=item,
        field=field,
        suggestion=suggestion,
    )


# 試用期間 (施行規則4条の2第3項): its length, and the conditions during it when they differ from those after it. 「試用期間
# 3か月」 alone does not say whether they differ — a seeker cannot tell 同条件 from an unstated lower pay — so a posting
# with a probation must say which (ADR 0138). A warning, not an error: when the conditions are the same, the law asks
# for nothing more, and only the employer knows which it is. Any word about pay or conditions counts as saying it.
_PROBATION_TERMS = re.compile(
    r"条件|同じ|同一|同様|同額|変わ|変更|差|異な|違い|円|給|賃金|待遇|手当|雇用形態|契約社員|アルバイト|パート|%|％|割"
)


def _probation_terms_missing(ctx: Context) -> Finding:
    return ctx.finding(
        "missing-disclosure",
        "試用期間ありとありますが、期間中の条件が書かれていません。本採用と同じ条件なのか、賃金などが異なるのかが"
        "分かりません（職業安定法5条の3・施行規則4条の2：異なる場合は期間中の条件の明示が必要）。"
        "警告です（公開はできます）。",
        severity="warning",
        item=ITEM_PROBATION,
        field="probation_terms",
        source="probation_terms",
        suggestion="試用期間中の条件（本採用と同条件か、異なる場合は賃金など）を書いてください。"
        "例：「試用期間3か月（期間中の条件に変更なし）」「試用期間3か月（期間中は時給1,100円、本採用後1,200円）」",
    )


def rule_missing_disclosure(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if _blank(f.duties):
        yield _missing(
            ctx,
            ITEM_DUTIES,
            "duties",
            "採用直後に従事する業務を具体的に記載してください（【仕事内容】など）。",
        )
    if _blank(f.duties_change_scope):
        yield _missing(
            ctx,
            ITEM_DUTIES_SCOPE,
            "duties_change_scope",
            "例：「（変更の範囲）会社の定める業務」または「（変更の範囲）変更なし」と、業務内容のすぐ後に記載してください"
            "（2024年4月から必須）。"
            if ctx.text_mode
            # a structured posting (the form, the import, the API) has an item of its own for it
            else "「業務内容の変更の範囲」に、例：「会社の定める業務」または「変更なし」と記入してください（2024年4月から必須）。",
        )
    if f.fixed_term is None and not employment_type_conflict(f):
        # (when the ad contradicts itself about the employment type, that finding says what to fix)
        detail = (
            "正社員の場合も「期間の定めなし」と明記してください。" if f.employment_type == "seishain" else ""
        )
        yield _missing(
            ctx,
            ITEM_TERM,
            "fixed_term",
            "「期間の定めなし」または契約期間（例：「契約期間1年」）を記載してください。",
            detail,
        )
    elif f.fixed_term and _blank(f.contract_term):
        yield _missing(
            ctx,
            ITEM_TERM,
            "contract_term",
            "有期契約の場合は契約期間（例：「1年（2027年3月31日まで）」）を記載してください。",
            "有期契約ですが、その期間が書かれていません。",
        )
    if f.has_probation is None:
        yield _missing(
            ctx,
            ITEM_PROBATION,
            "has_probation",
            "「試用期間なし」、または「試用期間3か月（期間中の条件に変更なし）」のように記載してください。",
        )
    elif f.has_probation and not _PROBATION_TERMS.search(f.probation_terms or ""):
        yield _probation_terms_missing(ctx)
    if f.fixed_term and f.renewal != "none":
        if f.renewal is None:
            yield _missing(
                ctx,
                ITEM_RENEWAL,
                "renewal",
                "契約更新の有無（例：「契約更新：あり（勤務成績・業務量により判断）」）を記載してください。",
                "有期契約の更新の有無と基準が書かれていません。",
            )
        elif _blank(f.renewal_criteria):
            yield _missing(
                ctx,
                ITEM_RENEWAL,
                "renewal_criteria",
                "例：「契約更新の可能性あり（契約期間満了時の業務量・勤務成績により判断）」と記載してください。",
                "更新する場合の判断基準が書かれていません。",
            )
        if f.renewal is not None and _blank(f.renewal_cap):
            yield _missing(
                ctx,
                ITEM_RENEWAL,
                "renewal_cap",
                "通算契約期間や更新回数の上限（例：「更新上限：通算5年まで」「更新上限なし」）を記載してください（2024年4月から必須）。",
                "更新上限の有無が書かれていません。",
            )
    if _blank(f.address) and _blank(f.prefecture_code):
        yield _missing(
            ctx,
            ITEM_PLACE,
            "address",
            "実際に働く場所の住所（都道府県から）を記載してください。テレワークがあればその旨も。",
        )
    if _blank(f.work_place_change_scope):
        yield _missing(
            ctx,
            ITEM_PLACE_SCOPE,
            "work_place_change_scope",
            "例：「（変更の範囲）会社の定める場所（テレワークを含む）」または「（変更の範囲）変更なし」と、勤務地のすぐ後に"
            "記載してください（2024年4月から必須）。"
            if ctx.text_mode
            else "「就業場所の変更の範囲」に、例：「会社の定める場所（テレワークを含む）」または「変更なし」と記入してください"
            "（2024年4月から必須）。",
        )
    if (f.start_time is None or f.end_time is None) and _blank(f.working_hours_text):
        yield _missing(
            ctx,
            ITEM_HOURS,
            "start_time",
            "例：「9:00〜18:00」。シフト制ならシフトの時間帯の例を記載してください。",
        )
    if f.break_minutes is None and _blank(f.break_text):
        yield _missing(ctx, ITEM_BREAK, "break_minutes", "休憩時間（例：「休憩60分」）を記載してください。")
    if _blank(f.holidays_text) and f.annual_holidays is None:
        yield _missing(
            ctx,
            ITEM_HOLIDAYS,
            "holidays_text",
            "例：「土日祝（年間休日120日）」のように休日を記載してください。",
        )
    if f.overtime_exists is None:
        yield _missing(
            ctx,
            ITEM_OVERTIME,
            "overtime_exists",
            "時間外労働の有無（ありの場合は「月平均10時間程度」など）を記載してください。",
        )
    if f.wage_min is None or f.wage_unit is None:
        yield _missing(
            ctx,
            ITEM_WAGE,
            "wage_min",
            "賃金の額と形態（例：「月給220,000円〜260,000円」「時給1,300円」）を記載してください。",
        )
    if f.insurances is None:
        yield _missing(
            ctx,
            ITEM_INSURANCE,
            "insurances",
            "加入する保険（雇用保険・労災保険・健康保険・厚生年金）を記載してください。",
        )
    if _blank(f.employer_name):
        yield _missing(
            ctx, ITEM_EMPLOYER, "employer_name", "求人を出す会社・団体の正式名称を記載してください。"
        )
    if _blank(f.smoking_measure):
        yield _missing(
            ctx,
            ITEM_SMOKING,
            "smoking_measure",
            "就業場所の受動喫煙対策（例：「屋内禁煙」「屋内原則禁煙（喫煙専用室あり）」「敷地内禁煙」）を記載してください。",
        )
    if f.employment_type == "haken" and f.is_dispatch is not True:
        yield _missing(
            ctx, ITEM_DISPATCH, "is_dispatch", "「派遣労働者として雇用します」と明記してください。"
        )
    elif ctx.text_mode and f.dispatch_context and f.is_dispatch is not True and f.employment_type != "haken":
        yield _missing(
            ctx,
            ITEM_DISPATCH,
            "is_dispatch",
            "派遣先で働く仕事なら「派遣社員（派遣労働者として雇用します）」と明記してください。",
        )
    if f.discretionary_work and not f.deemed_hours_stated:
        yield _missing(
            ctx,
            ITEM_DEEMED,
            "working_hours_text",
            "裁量労働制などのみなし労働時間制では「1日8時間労働したものとみなします」のように、みなし時間を記載してください。",
        )


# Staleness thresholds: the law says "current"; job media re-confirm after about three months.
STALE_WARNING_DAYS = 90
STALE_ERROR_DAYS = 365


def rule_stale(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    on = ctx.on
    if f.valid_through is not None and f.valid_through < on:
        yield ctx.finding(
            "stale-posting",
            f"掲載期間（{f.valid_through:%Y年%-m月%-d日}まで）が過ぎています。",
            item="掲載期間",
            source="valid_through",
            field="valid_through",
            suggestion="募集が続いているなら掲載期間と内容を更新し、終わっているなら掲載をやめてください。",
        )
    if f.updated_on is None:
        yield ctx.finding(
            "stale-posting",
            "いつ時点の情報か（情報更新日・掲載開始日）が示されていません（職業安定法5条の4）。",
            severity="warning",
            item="情報更新日",
            field="updated_on",
            suggestion="「情報更新日：2026年11月1日」のように記載してください。",
        )
        return
    age = (on - f.updated_on).days
    if age < -1:
        yield ctx.finding(
            "stale-posting",
            f"情報更新日（{f.updated_on:%Y年%-m月%-d日}）がチェック日より後になっています。",
            severity="warning",
            item="情報更新日",
            source="updated_on",
            field="updated_on",
            suggestion="日付を確認してください。",
        )
    elif age > STALE_ERROR_DAYS:
        yield ctx.finding(
            "stale-posting",
            f"情報更新日（{f.updated_on:%Y年%-m月%-d日}）から1年以上たっており、最新の情報とはいえません。",
            item="情報更新日",
            source="updated_on",
            field="updated_on",
            suggestion="内容が今も正しいか確認し、更新日を改めるか掲載をやめてください。",
        )
    elif age > STALE_WARNING_DAYS:
        yield ctx.finding(
            "stale-posting",
            f"情報更新日（{f.updated_on:%Y年%-m月%-d日}）から{age}日たっています。",
            severity="warning",
            item="情報更新日",
            source="updated_on",
            field="updated_on",
            suggestion="内容が今も正しいか確認し、情報更新日を新しくしてください。",
        )


_ETYPE_LABEL = {
    "seishain": "正社員",
    "keiyaku": "契約社員",
    "haken": "派遣社員",
    "part": "パート・アルバイト",
}
_INDEFINITE_DISPATCH = re.compile(r"無期雇用派遣|常用型派遣|無期雇用の派遣|常用型")


def employment_type_conflict(f: PostingFacts) -> bool:
    """The title names an employment type other than the one the posting states."""
    if not f.employment_type:
        return False
    kinds = {k for k, _, _ in employment_types(_norm_title(f.title or ""))}
    if not kinds or f.employment_type in kinds:
        return False
    # 「正社員（無期雇用派遣）」 is a real arrangement — when a condition text says so, not the company's own words
    indefinite_dispatch = _INDEFINITE_DISPATCH.search(f.condition_texts()) is not None
    return not (f.employment_type == "haken" and kinds == {"seishain"} and indefinite_dispatch)


def rule_employment_type(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if f.employment_type and employment_type_conflict(f):
        actual = _ETYPE_LABEL[f.employment_type]
        said = _ETYPE_LABEL[employment_types(_norm_title(f.title or ""))[0][0]]
        yield ctx.finding(
            "inconsistent-employment-type",
            f"職種名・見出しでは「{said}」ですが、雇用形態は「{actual}」です。",
            item="雇用形態",
            source="employment_type" if "employment_type" in f.sources else "title",
            field="title" if not ctx.text_mode else "employment_type",
            suggestion=f"実際の雇用形態（{actual}）に合わせて職種名・見出しを直してください。",
        )
    if f.employment_type == "seishain" and f.fixed_term:
        yield ctx.finding(
            "inconsistent-employment-type",
            "正社員と書かれていますが、契約期間に定めがあります（有期契約）。",
            item="雇用形態",
            source="fixed_term",
            field="fixed_term",
            suggestion="期間の定めがある雇用なら「契約社員」などと表示し、正社員なら「期間の定めなし」としてください。",
        )
    if not ctx.text_mode and f.is_dispatch and f.employment_type and f.employment_type != "haken":
        yield ctx.finding(
            "inconsistent-employment-type",
            "派遣労働者として雇用するのに、雇用形態が派遣社員になっていません。",
            item="雇用形態",
            field="employment_type",
            suggestion="雇用形態を「派遣社員」にしてください。",
        )


def _norm_title(title: str) -> str:
    from .normalize import normalize

    return normalize(title).text


def rule_recruiter_contact(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if _blank(f.employer_name):
        return  # already reported as a missing disclosure
    if _blank(f.employer_address):
        yield ctx.finding(
            "recruiter-contact",
            "募集者の所在地が書かれていません。",
            item="募集者の所在地",
            field="employer_address",
            suggestion="募集者（会社）の所在地を都道府県から記載してください。",
        )
    if _blank(f.employer_contact):
        yield ctx.finding(
            "recruiter-contact",
            "募集者の連絡先が書かれていません。",
            item="募集者の連絡先",
            field="employer_contact",
            suggestion="電話番号やメールアドレスなど、応募・問い合わせの連絡先を記載してください。",
        )


_FLEXIBLE = re.compile(r"変形労働時間|フレックス|シフト|交替制|交代制|裁量労働|みなし")


def _work_minutes(f: PostingFacts) -> int | None:
    if f.start_time is None or f.end_time is None or f.break_minutes is None:
        return None
    a = f.start_time.hour * 60 + f.start_time.minute
    b = f.end_time.hour * 60 + f.end_time.minute
    span = b - a if b > a else b + 24 * 60 - a
    return span - f.break_minutes


def rule_hours(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    work = _work_minutes(f)
    if work is None or work <= 0 or f.break_minutes is None:
        return
    need = 60 if work > 8 * 60 else 45 if work > 6 * 60 else 0
    if f.break_minutes < need:
        yield ctx.finding(
            "break-time",
            f"{f.start_time:%-H:%M}〜{f.end_time:%-H:%M}で休憩{f.break_minutes}分だと実働{work // 60}時間{work % 60:02d}分です。"
            f"{'8' if need == 60 else '6'}時間を超える場合は{need}分以上の休憩が必要です（労働基準法34条）。",
            item="休憩時間",
            source="break_minutes" if "break_minutes" in f.sources else "start_time",
            field="break_minutes",
            suggestion=f"休憩を{need}分以上にするか、勤務時間を短くしてください。",
        )
    # A working-time system stated in a condition excuses a long day; 「シフト」 in 仕事の魅力 does not (ADR 0128).
    flexible = bool(_FLEXIBLE.search(f"{f.working_hours_text or ''} {f.condition_texts()}"))
    if work > 8 * 60 and not flexible:
        yield ctx.finding(
            "scheduled-hours",
            f"1日の所定労働時間が{work // 60}時間{work % 60:02d}分で、8時間を超えています（労働基準法32条）。",
            item="労働時間",
            source="start_time",
            field="end_time",
            suggestion="休憩を除いて1日8時間以内にするか、採用している変形労働時間制などを明記してください。",
        )


_FULL_TWO_DAYS = re.compile(r"完全週休(?:2|二)日")


def rule_conditions(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    holidays = f.holidays_text or ""
    if (
        f.annual_holidays is not None
        and f.annual_holidays < 104
        # Every text, the own words too: 「完全週休2日」 in 仕事の魅力 excuses nothing — it is the same claim, read
        # before the conditions, and as misleading beside 年間休日100日 as in 業務内容.
        and _FULL_TWO_DAYS.search(holidays + " ".join(f.texts.values()))
    ):
        yield ctx.finding(
            "inconsistent-conditions",
            f"「完全週休2日制」なら年間休日は少なくとも104日になりますが、年間休日{f.annual_holidays}日と書かれています。",
            item="休日",
            source="holidays_text",
            field="annual_holidays",
            suggestion="休日の実態に合わせて、どちらかの記載を直してください。",
        )
    if f.overtime_exists is False and f.overtime_monthly_hours:
        yield ctx.finding(
            "inconsistent-conditions",
            f"「残業なし」とありますが、月{f.overtime_monthly_hours}時間の残業の記載もあります。",
            item="時間外労働",
            source="overtime_exists",
            field="overtime_exists",
            suggestion="時間外労働の有無と時間を実態に合わせてそろえてください。",
        )
    if f.overtime_exists is False and f.fixed_overtime:
        yield ctx.finding(
            "inconsistent-conditions",
            "「残業なし」とありますが、固定残業代が設定されています。",
            item="時間外労働",
            source="fixed_overtime",
            field="overtime_exists",
            suggestion="時間外労働の見込みを正しく書くか、固定残業代をやめてください。",
        )
    if f.wage_min is not None and f.wage_max is not None and f.wage_max < f.wage_min:
        yield ctx.finding(
            "inconsistent-conditions",
            "賃金の上限が下限より低くなっています。",
            item="賃金",
            field="wage_max",
            source="wage_min",
            suggestion="金額を確認してください。",
        )


# 健康保険・厚生年金 (健康保険法3条, 厚生年金保険法6条・9条): every 法人's workplace, and a 個人事業所 of a covered
# trade with 5 or more staff, is a 適用事業所, and its full-time, long-term staff must be insured. A small 個人事業所
# need not be one, which is why this is a warning and why a posting that says so passes.
_SOCIAL_INSURANCES = ("健康保険", "厚生年金")
_NOT_COVERED_SAID = re.compile(
    r"適用事業所(?:では|で|に)?(?:ない|ありません|該当しません)|任意適用|適用除外|"
    r"個人事業[^\n。]{0,20}?(?:5|五)人未満|(?:5|五)人未満の個人事業"
)


def full_time_long_term(f: PostingFacts) -> bool:
    """A 正社員, or a 契約・派遣 job of a full working day (7 hours or more) that lasts over two months — the people
    a 適用事業所 must insure whatever its size (part-time thresholds are a matter for the employer's own count)."""
    if f.employment_type == "seishain":
        return True
    if f.employment_type not in ("keiyaku", "haken"):
        return False
    work = _work_minutes(f)
    daily = work / 60 if work is not None else f.daily_hours
    if daily is None or daily < 7:
        return False
    if f.fixed_term is False:
        return True
    # Since October 2022 a contract of two months or less is covered from the start when it says it is or may be
    # renewed (健康保険法3条1項2号・厚生年金保険法12条1号): the employment is then expected to last longer.
    if f.renewal in ("possible", "automatic"):
        return True
    return f.contract_months is not None and f.contract_months > 2


def rule_social_insurance(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if f.insurances is None or not full_time_long_term(f):
        return  # an unstated list is a missing disclosure already
    missing = [name for name in _SOCIAL_INSURANCES if name not in f.insurances]
    if not missing or _NOT_COVERED_SAID.search(ctx.scan.text):  # normalised: 「５人未満」 is 「5人未満」
        return
    assert f.employment_type is not None  # full_time_long_term holds only for 正社員・契約・派遣
    kind = _ETYPE_LABEL[f.employment_type]
    listed = "・".join(f.insurances) or "なし"
    yield ctx.finding(
        "social-insurance",
        f"{kind}（フルタイム・長期の雇用）ですが、保険が「{listed}」で、{'・'.join(missing)}がありません。"
        "法人の事業所と常時5人以上を使用する個人事業所（一部の業種を除く）は健康保険・厚生年金の適用事業所で、"
        "フルタイムで働く人を加入させる義務があります（健康保険法3条・厚生年金保険法6条・9条）。"
        "常時5人未満の個人事業所などは適用事業所でない場合があります。",
        item=ITEM_INSURANCE,
        field="insurances",
        suggestion=f"加入させるなら{'・'.join(missing)}を保険に加えてください。適用事業所でない場合は"
        "「常時5人未満の個人事業所のため健康保険・厚生年金の適用事業所ではありません」のようにその旨を記載してください。",
    )


RULES: list[Rule] = [
    rule_missing_disclosure,
    rule_stale,
    *WORDING_RULES,
    rule_fixed_overtime,
    rule_minimum_wage,
    rule_employment_type,
    rule_recruiter_contact,
    rule_hours,
    rule_conditions,
    rule_social_insurance,
]


def check_facts(facts: PostingFacts, *, on: dt.date | None = None) -> list[Finding]:
    """All findings for one posting, errors first (then in rule order)."""
    ctx = Context(facts, on or today_jst())  # the server's date.today() is the UTC date until 09:00 JST
    findings = [finding for rule in RULES for finding in rule(ctx)]
    return sorted(findings, key=lambda x: 0 if x.is_error else 1)


def personal_info_requests(text: str) -> list[str]:
    """The personal-data rule (職業安定法5条の5・指針) alone, for words that are not a posting but reach an applicant
    through BOナビ (an employer's 連絡事項 to an applicant or on a referral): Japanese messages, one per request found; empty = fine."""
    if not text or not text.strip():
        return []
    ctx = Context(PostingFacts(texts={"text": text}), today_jst())
    return [f.message for f in rule_personal_info(ctx)]


# The posting rules on who may apply: 年齢 (労働施策総合推進法9条), 性別 and 間接差別 (男女雇用機会均等法5条・7条).
EQUAL_TREATMENT_RULES = (rule_age, rule_gender_restriction, rule_gendered_title, rule_indirect)


def equal_treatment_problems(text: str) -> list[str]:
    """The posting rules on age and sex alone, for words that are not a posting but present a job to someone
    through BOナビ (an adviser's 提案コメント or 推薦文): 「女性歓迎の職場です」 there is the same preference as in the
    ad. Japanese messages of the errors found (a warning such as a height requirement is left to the ad's own
    check); empty = fine."""
    if not text or not text.strip():
        return []
    ctx = Context(PostingFacts(texts={"text": text}), today_jst())
    return [f.message for rule in EQUAL_TREATMENT_RULES for f in rule(ctx) if f.is_error]


def recruiting_text_problems(text: str) -> list[str]:
    """Both rules above, for words that recruit beside the ad (a company's profile, an event's description): whom
    it may prefer (age, sex) and what it may ask (本籍・家族・思想 …). Japanese messages; empty = fine."""
    return equal_treatment_problems(text) + personal_info_requests(text)


def own_words_problems(text: str, *, key: str = "own_words") -> list[str]:
    """The wording rules a posting's own words are read by (ADR 0128) — every rule over free text: 年齢, 性別, 間接差別,
    本籍・家族 and the like, お祝い金 — for a company's words that go with a posting to one person, such as the
    terms it gives with a 内定 (ADR 0129). `key` stands for the text's field: it is not a title, so the title's
    own rule does not read it. The errors' Japanese messages (a warning such as 「若い方が活躍中」 is the ad's
    preview's to show; these words have no preview); empty = fine."""
    if not text or not text.strip():
        return []
    ctx = Context(PostingFacts(texts={key: text}), today_jst())
    return [f.message for rule in WORDING_RULES for f in rule(ctx) if f.is_error]
