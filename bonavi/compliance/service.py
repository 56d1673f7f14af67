"""One checker, several inputs: the entry points the CLI, the API and the page call.

- `check_text(text, on=)`: pasted ad text (after `inputs.clean_text`).
- `check_posting_data(obj, on=)`: one posting in the JSON import format (`importing.py`).
- `check_file(path, on=)`: a `.txt` ad or a `.json` import file, with every odd-input case handled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bonavi.core.prefectures import prefecture_name

from .checker import check_facts
from .facts import PostingFacts
from .findings import Finding
from .importing import ImportInvalid, facts_from_import, parse_import
from .inputs import MAX_FILE_BYTES, Decoded, InputRejected, clean_text, decode_bytes
from .minimum_wage import minimum_wage_row
from .textparse import parse_ad
from .wages import UNIT_LABEL, compared_pay, stale_table_notice_for, to_hourly


@dataclass
class CheckResult:
    label: str  # what was checked: a file name, "貼り付けた原稿", "x.json#2"
    findings: list[Finding]
    facts: PostingFacts | None = None
    text: str = ""  # the checked ad text (text mode), for highlighting
    notices: list[str] = field(default_factory=list)
    error: str = ""  # set when the input could not be read or parsed; findings are then empty

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def check_text(text: str, *, on: dt.date, label: str = "貼り付けた原稿", clean: bool = True) -> CheckResult:
    notices: list[str] = []
    if clean:
        decoded = clean_text(text)
        text, notices = decoded.text, decoded.notices
    parsed = parse_ad(text)
    return CheckResult(
        label=label, findings=check_facts(parsed.facts, on=on), facts=parsed.facts, text=text, notices=notices
    )


def check_posting_data(data: Any, *, on: dt.date, label: str = "JSON") -> CheckResult:
    posting = parse_import(data)
    facts = facts_from_import(posting)
    return CheckResult(label=label, findings=check_facts(facts, on=on), facts=facts)


def check_file(path: str | Path, *, on: dt.date) -> list[CheckResult]:
    """Results for one file: one per posting (a JSON file may hold a list). Never raises for bad content."""
    p = Path(path)
    label = str(path)
    try:
        if p.is_dir():
            raise InputRejected("ディレクトリです。ファイルを指定してください。")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputRejected(
                f"ファイルが大きすぎます（{size:,}バイト）。求人原稿1件は{MAX_FILE_BYTES // 1024}KBまでにしてください。"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        return [CheckResult(label=label, findings=[], error="ファイルが見つかりません。")]
    except PermissionError:
        return [CheckResult(label=label, findings=[], error="ファイルを読む権限がありません。")]
    except InputRejected as exc:
        return [CheckResult(label=label, findings=[], error=str(exc))]
    except OSError as exc:
        return [
            CheckResult(label=label, findings=[], error=f"ファイルを読めません（{exc.strerror or exc}）。")
        ]
    is_json = p.suffix.lower() == ".json"
    try:
        decoded = decode_bytes(data, as_json=is_json)
    except InputRejected as exc:
        return [CheckResult(label=label, findings=[], error=str(exc))]
    if is_json:
        return _check_json(decoded, label=label, on=on)
    result = check_text(decoded.text, on=on, label=label, clean=False)  # decode_bytes has cleaned it
    result.notices = decoded.notices
    return [result]


def _check_json(decoded: Decoded, *, label: str, on: dt.date) -> list[CheckResult]:
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return [
            CheckResult(
                label=label,
                findings=[],
                error=f"JSONの形式が正しくありません（{exc.lineno}行目{exc.colno}文字目：{_json_reason(exc.msg)}）。",
            )
        ]
    except RecursionError:  # thousands of nested [ or {: json.loads gives up
        return [CheckResult(label=label, findings=[], error=JSON_TOO_DEEP)]
    items = data.get("postings") if isinstance(data, dict) and "postings" in data else data
    if isinstance(items, list):
        if not items:
            return [CheckResult(label=label, findings=[], error="求人が1件も入っていません。")]
        many = True
    else:
        items, many = [items], False
    results = []
    for i, item in enumerate(items, start=1):
        name = f"{label}#{i}" if many else label
        try:
            result = check_posting_data(item, on=on, label=name)
        except ImportInvalid as exc:
            result = CheckResult(label=name, findings=[], error=str(exc))
        result.notices = list(decoded.notices)
        results.append(result)
    return results


JSON_TOO_DEEP = (
    "JSONの入れ子が深すぎます。インポート形式の求人（docs/posting-import-format.md）を指定してください。"
)


def _json_reason(msg: str) -> str:
    known = {
        "Expecting value": "値がありません",
        "Expecting property name enclosed in double quotes": "項目名はダブルクォートで囲んでください",
        "Expecting ',' delimiter": "カンマが足りません",
        "Expecting ':' delimiter": "コロンが足りません",
        "Extra data": "余分なデータがあります",
        "Unterminated string starting at": "文字列が閉じていません",
        "Invalid control character at": "文字列の中に改行などの制御文字があります",
    }
    return known.get(msg, msg)


def summary_rows(facts: PostingFacts, *, on: dt.date) -> list[tuple[str, str]]:
    """What the checker read from the posting, for people to verify (the page and the API show it)."""
    rows: list[tuple[str, str]] = []
    etype = {"seishain": "正社員", "keiyaku": "契約社員", "haken": "派遣社員", "part": "パート・アルバイト"}

    def add(label: str, value: str | None) -> None:
        rows.append((label, value if value else "（見つかりません）"))

    add("職種", facts.title)
    add("募集者", facts.employer_name)
    add("雇用形態", etype.get(facts.employment_type or ""))
    add(
        "契約期間",
        None
        if facts.fixed_term is None
        else (
            "期間の定めあり" + (f"（{facts.contract_term}）" if facts.contract_term else "")
            if facts.fixed_term
            else "期間の定めなし"
        ),
    )
    prefs = "・".join(prefecture_name(c) for c in facts.prefectures())
    add(
        "勤務地の都道府県",
        prefs + ("（募集者の所在地から推定）" if facts.prefecture_guessed and prefs else ""),
    )
    if facts.start_time and facts.end_time:
        add(
            "勤務時間",
            f"{facts.start_time:%-H:%M}〜{facts.end_time:%-H:%M}"
            + (f"（休憩{facts.break_minutes}分）" if facts.break_minutes is not None else ""),
        )
    else:
        add("勤務時間", facts.working_hours_text)
    if facts.wage_unit and facts.wage_min:
        wage = f"{UNIT_LABEL[facts.wage_unit]}{facts.wage_min:,}円" + (
            f"〜{facts.wage_max:,}円" if facts.wage_max else ""
        )
        add("賃金", wage)
        # The sum the minimum-wage check makes, its result last (「月給…円 ÷ 月160時間（…）＝1,375円」): the hours'
        # source already ends in brackets, and the amount is the one compared (基本給, less 固定残業代).
        amount, note = compared_pay(facts)
        if facts.wage_unit == "hour":
            add("時給換算", f"{facts.wage_min:,}円")  # nothing to convert
        elif amount:
            hourly = to_hourly(facts.wage_unit, amount, facts, note=note)
            add("時給換算", f"{hourly.how}＝{int(hourly.value):,}円")
    else:
        add("賃金", None)
    # Each figure with its fiscal year and 発効日, not "as of the check date": the table may be behind that date.
    # The caution that it is behind only where it can matter — a pay less than 10 % above the rate or none read —
    # by the preview's rule (wages.near_minimum, ADR 0134/0137): 時給1,600円 cannot have fallen under a new rate.
    rates = [(prefecture_name(c), row) for c in facts.prefectures() if (row := minimum_wage_row(c, on))]
    add(
        "最低賃金",
        "、".join(row.words(name) for name, row in rates)
        + (f"※{notice}" if (notice := stale_table_notice_for(facts, on)) else "")
        if rates
        else None,
    )
    add("年間休日", f"{facts.annual_holidays}日" if facts.annual_holidays is not None else None)
    add("情報更新日", f"{facts.updated_on:%Y年%-m月%-d日}" if facts.updated_on else None)
    return rows
