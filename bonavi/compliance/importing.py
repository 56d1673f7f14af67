"""The JSON import format for postings (`bonavi-posting/1`) and its conversion to `PostingFacts`.

One posting is a JSON object whose keys are the JobPosting field names (documented in
docs/posting-import-format.md; JSON Schema in docs/schemas/posting-import.schema.json, generated from
`PostingImport`). Every key is optional: a missing key means "the posting does not say", and the checker then
reports the missing disclosure. Unknown keys are refused, so a typo is not silently ignored. Enumerations accept
our codes or their Japanese labels (「正社員」「月給」「屋内禁煙」).

Run `python -m bonavi.compliance.importing` to print the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bonavi.core.contract_terms import CONTRACT_DAYS_MAX, CONTRACT_MONTHS_MAX, contract_term_text
from bonavi.core.prefectures import PREFECTURES, prefecture_code_in
from bonavi.core.text import nfkc

from .facts import OWN_WORDS_MAX, PostingFacts

FORMAT = "bonavi-posting/1"
TEXT_FIELDS = (
    "title", "duties", "duties_change_scope", "appeal", "ideal_candidate", "work_place_change_scope", "hours_note", "holidays_note", "allowances",
    "wage_note", "raise_info", "bonus_info", "renewal_criteria", "renewal_cap", "probation_conditions", "smoking_note",
    "required_qualifications", "preferred_qualifications", "required_experience", "age_reason", "selection_process",
    "application_form_fields", "notes",
)  # fmt: skip


class ImportInvalid(ValueError):
    """The JSON is not a posting in our format; the message lists each problem in Japanese."""


def _choice(mapping: dict[str, str]) -> BeforeValidator:
    def convert(value: Any) -> Any:
        if isinstance(value, str):
            key = value.strip()
            return mapping.get(key, key)
        return value

    return BeforeValidator(convert)


_ETYPES = {"正社員": "seishain", "正職員": "seishain", "契約社員": "keiyaku", "契約職員": "keiyaku", "嘱託社員": "keiyaku",
           "派遣社員": "haken", "派遣": "haken", "パート": "part", "アルバイト": "part", "パート・アルバイト": "part",
           "パートタイマー": "part"}  # fmt: skip
_UNITS = {"時給": "hour", "日給": "day", "月給": "month", "年俸": "year", "年収": "year"}
_RENEWALS = {"更新なし": "none", "なし": "none", "更新する場合あり": "possible", "更新あり": "possible", "あり": "possible",
             "自動更新": "automatic"}  # fmt: skip
_HOLIDAY_PATTERNS = {"土日祝休み": "weekends", "土日休み（祝日出勤あり）": "weekends_only", "土日休み": "weekends_only",
                     "シフト制": "shift", "平日休み": "weekdays", "その他": "other"}  # fmt: skip
HOLIDAY_LABELS = {v: k for k, v in _HOLIDAY_PATTERNS.items() if k != "土日休み"}
SMOKING_LABELS = {"indoor_ban": "屋内禁煙", "indoor_room": "屋内原則禁煙（喫煙専用室あり）", "premises_ban": "敷地内禁煙",
                  "allowed": "喫煙可（受動喫煙対策なし）", "other": "その他"}  # fmt: skip
_AGE_EXCEPTIONS = {"1号": "1", "2号": "2", "3号イ": "3i", "3号ロ": "3ro", "3号ハ": "3ha", "3号ニ": "3ni"}
_INSURANCE = {"employment": "雇用保険", "accident": "労災保険", "health": "健康保険", "pension": "厚生年金",
              "雇用保険": "雇用保険", "労災保険": "労災保険", "健康保険": "健康保険", "厚生年金": "厚生年金",
              "厚生年金保険": "厚生年金", "労災": "労災保険"}  # fmt: skip


def _prefecture(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    v = nfkc(value).strip()
    if v.isdigit() and len(v) <= 2:
        # A code outside 01–47 was accepted by the pattern and then dropped without a word.
        if v.zfill(2) not in PREFECTURES:
            raise PydanticCustomError("prefecture_unknown", "unknown prefecture code")
        return v.zfill(2)
    return prefecture_code_in(v) or v


def _insurances(value: Any) -> Any:
    if isinstance(value, list):
        return [_INSURANCE.get(v.strip(), v) if isinstance(v, str) else v for v in value]
    return value


Text = Annotated[str | None, Field(default=None, max_length=4000)]
Short = Annotated[str | None, Field(default=None, max_length=300)]
OwnWords = Annotated[str | None, Field(default=None, max_length=OWN_WORDS_MAX)]


class PostingImport(BaseModel):
    """One posting in the `bonavi-posting/1` JSON import format."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, title="BOナビ 求人インポート形式 bonavi-posting/1"
    )

    @model_validator(mode="before")
    @classmethod
    def _half_width_numbers(cls, data: Any) -> Any:
        # Numbers copied from Japanese documents are often full-width (「２５００００」); "250000" as a string was
        # read, so its full-width spelling must be too.
        if not isinstance(data, dict):
            return data
        return {k: nfkc(v) if isinstance(v, str) and k in _NUMBER_FIELDS else v for k, v in data.items()}

    format: Literal["bonavi-posting/1"] | None = Field(None, description="形式の名前（省略可）")
    title: Annotated[str | None, Field(max_length=120, description="求人タイトル（職種名）")] = None
    subrole: Short = Field(None, description="職種コード（例：accounting_clerk）。チェックには使いません")
    visibility: Annotated[Literal["public", "private"] | None, Field(description="公開範囲")] = None
    employment_type: Annotated[
        Literal["seishain", "keiyaku", "haken", "part"] | None,
        _choice(_ETYPES),
        Field(
            description="雇用形態：seishain（正社員）・keiyaku（契約社員）・haken（派遣社員）・part（パート・アルバイト）"
        ),
    ] = None
    is_dispatch: bool | None = Field(None, description="派遣労働者として雇用する")
    duties: Text = Field(None, description="業務内容（雇入れ直後）")
    duties_change_scope: Short = Field(None, description="業務内容の変更の範囲")
    # The company's own words (ADR 0128): read by the wording rules like duties; their limit is the posting's.
    appeal: OwnWords = Field(None, description="仕事の魅力・職場の様子（採用企業の言葉）")
    ideal_candidate: OwnWords = Field(None, description="求める人物像")
    prefecture: Annotated[
        str | None,
        BeforeValidator(_prefecture),
        Field(pattern=r"^\d{2}$", description="就業場所の都道府県（JISコード「13」または名称「東京都」）"),
    ] = None
    municipality: Annotated[str | None, Field(max_length=60, description="市区町村")] = None
    address: Short = Field(None, description="番地・建物名")
    nearest_station: Short = Field(None, description="最寄り駅・アクセス")
    telework: Annotated[Literal["none", "partial", "full"] | None, Field(description="テレワーク")] = None
    work_place_change_scope: Short = Field(None, description="就業場所の変更の範囲")
    fixed_term: bool | None = Field(None, description="期間の定めあり（有期契約）。false = 期間の定めなし")
    contract_months: Annotated[
        int | None, Field(ge=1, le=CONTRACT_MONTHS_MAX, description="契約期間（か月）")
    ] = None
    contract_days: Annotated[
        int | None,
        Field(
            ge=1,
            le=CONTRACT_DAYS_MAX,
            description=(
                f"契約期間の日数（1か月未満の契約だけ。1〜{CONTRACT_DAYS_MAX}日、contract_months とはどちらか一方）"
            ),
        ),
    ] = None
    renewal: Annotated[
        Literal["none", "possible", "automatic"] | None,
        _choice(_RENEWALS),
        Field(description="契約更新：none・possible・automatic"),
    ] = None

    @field_validator("contract_days")
    @classmethod
    def _term_in_one_unit(cls, days: int | None, info: ValidationInfo) -> int | None:
        # As on the posting form: a term is in months, or (under a month) in days — both would say two lengths.
        if days is not None and info.data.get("contract_months") is not None:
            raise PydanticCustomError("term_both", "contract_months and contract_days both given")
        return days

    renewal_criteria: Short = Field(None, description="更新の基準")
    renewal_cap: Short = Field(None, description="更新上限（通算期間・回数）")
    has_probation: bool | None = Field(None, description="試用期間あり")
    probation_months: Annotated[int | None, Field(ge=1, le=12, description="試用期間（か月）")] = None
    probation_conditions: Short = Field(None, description="試用期間中の条件")
    start_time: dt.time | None = Field(None, description='始業時刻（"09:00"）')
    end_time: dt.time | None = Field(None, description='終業時刻（"18:00"）')
    hours_note: Short = Field(None, description="勤務時間の補足（シフト制・フレックスなど）")
    break_minutes: Annotated[int | None, Field(ge=0, le=240, description="休憩時間（分）")] = None
    overtime_exists: bool | None = Field(None, description="時間外労働あり")
    overtime_monthly_hours: Annotated[int | None, Field(ge=0, le=100, description="月平均残業時間")] = None
    holiday_pattern: Annotated[
        Literal["weekends", "weekends_only", "shift", "weekdays", "other"] | None,
        _choice(_HOLIDAY_PATTERNS),
        Field(description="休日のパターン"),
    ] = None
    annual_holidays: Annotated[int | None, Field(ge=0, le=365, description="年間休日（日）")] = None
    holidays_note: Short = Field(None, description="休日・休暇の補足")
    scheduled_monthly_hours: Annotated[
        float | None, Field(gt=0, le=250, description="月平均所定労働時間")
    ] = None
    wage_unit: Annotated[
        Literal["hour", "day", "month", "year"] | None,
        _choice(_UNITS),
        Field(description="賃金の形態：hour（時給）・day（日給）・month（月給）・year（年俸）"),
    ] = None
    wage_min: Annotated[
        int | None, Field(ge=0, description="賃金の下限（円）。固定残業代があればそれを除いた額")
    ] = None
    wage_max: Annotated[int | None, Field(ge=0, description="賃金の上限（円）")] = None
    allowances: Short = Field(None, description="手当")
    fixed_overtime: bool | None = Field(None, description="固定残業代あり")
    fixed_overtime_amount: Annotated[int | None, Field(ge=0, description="固定残業代（円）")] = None
    fixed_overtime_hours: Annotated[
        int | None, Field(ge=0, le=100, description="固定残業代に相当する時間数")
    ] = None
    fixed_overtime_excess_paid: bool | None = Field(None, description="超過分は追加で支給する")
    raise_info: Short = Field(None, description="昇給")
    bonus_info: Short = Field(None, description="賞与")
    wage_note: Short = Field(None, description="賃金の補足（試用期間中の賃金など）")
    insurances: Annotated[
        list[Literal["雇用保険", "労災保険", "健康保険", "厚生年金"]] | None,
        BeforeValidator(_insurances),
        Field(description="加入保険の名前の配列（雇用保険・労災保険・健康保険・厚生年金）。[] = 加入なし"),
    ] = None
    smoking_measure: Annotated[
        str | None, Field(max_length=200, description="受動喫煙対策（indoor_ban などのコードか文章）")
    ] = None
    smoking_note: Short = Field(None, description="受動喫煙対策の補足")
    employer_name: Short = Field(None, description="募集者の名称")
    employer_address: Short = Field(None, description="募集者の所在地")
    employer_contact: Short = Field(None, description="募集者の連絡先")
    required_qualifications: Short = Field(None, description="必須の資格")
    preferred_qualifications: Short = Field(None, description="歓迎する資格")
    required_experience: Short = Field(None, description="必要な経験")
    inexperienced_welcome: bool | None = Field(None, description="未経験歓迎")
    education_not_required: bool | None = Field(None, description="学歴不問")
    age_limit: bool | None = Field(None, description="年齢制限あり")
    age_min: Annotated[int | None, Field(ge=15, le=99, description="年齢下限")] = None
    age_max: Annotated[int | None, Field(ge=15, le=99, description="年齢上限")] = None
    age_exception: Annotated[
        Literal["1", "2", "3i", "3ro", "3ha", "3ni"] | None,
        _choice(_AGE_EXCEPTIONS),
        Field(description="年齢制限の例外事由（施行規則1条の3第1項の号）"),
    ] = None
    age_reason: Short = Field(None, description="年齢制限の理由")
    retirement_age: Annotated[int | None, Field(ge=50, le=99, description="定年年齢")] = None
    selection_process: Short = Field(None, description="選考プロセス")
    application_form_fields: Annotated[
        list[Annotated[str, Field(max_length=100)]] | None,
        Field(description="応募フォーム・応募書類で尋ねる項目"),
    ] = None
    notes: Text = Field(None, description="その他の文章（原稿のPR文など）")
    updated_on: dt.date | None = Field(None, description='情報更新日（"2026-11-01"）')
    valid_through: dt.date | None = Field(None, description="掲載期限")


_NUMBER_FIELDS = frozenset(
    name for name, info in PostingImport.model_fields.items() if info.annotation in (int | None, float | None)
)
_FIELD_LABELS = {name: (info.description or name).split("（")[0].split("。")[0]
                 for name, info in PostingImport.model_fields.items()}  # fmt: skip
_ERROR_TEXT = {
    "extra_forbidden": "この項目はインポート形式にありません（綴りを確認してください）",
    "missing": "必須です",
    "int_parsing": "整数で指定してください",
    "int_type": "整数で指定してください",
    "int_from_float": "整数で指定してください",
    "float_parsing": "数値で指定してください",
    "float_type": "数値で指定してください",
    "bool_parsing": "true か false で指定してください",
    "bool_type": "true か false で指定してください",
    "string_type": "文字列で指定してください",
    "string_too_long": "長すぎます",
    "string_pattern_mismatch": "形式が正しくありません",
    "literal_error": "使える値ではありません",
    "time_parsing": '時刻は "09:00" の形式で指定してください',
    "time_type": '時刻は "09:00" の形式で指定してください',
    "date_parsing": '日付は "2026-11-01" の形式で指定してください',
    "date_from_datetime_parsing": '日付は "2026-11-01" の形式で指定してください',
    "date_type": '日付は "2026-11-01" の形式で指定してください',
    "date_from_datetime_inexact": '日付は "2026-11-01" の形式で指定してください（時刻は付けません）',
    "finite_number": "大きすぎます",
    "int_parsing_size": "大きすぎます",
    "term_both": "契約期間は contract_months（か月）か contract_days（日・1か月未満の契約）のどちらか一方で指定してください",
    "prefecture_unknown": "都道府県のJISコード（01〜47）か名称（「東京都」）で指定してください",
    "greater_than_equal": "小さすぎます",
    "greater_than": "小さすぎます",
    "less_than_equal": "大きすぎます",
    "list_type": "配列で指定してください",
    "model_type": "求人はJSONオブジェクト（{...}）で指定してください",
    "dict_type": "求人はJSONオブジェクト（{...}）で指定してください",
}


def import_errors(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        name = loc[0] if loc else ""
        where = f"「{name}」（{_FIELD_LABELS.get(name, name)}）" if name else "求人"
        # Never pydantic's English text: a type not listed here still gets a Japanese sentence.
        text = _ERROR_TEXT.get(err.get("type", ""), "値が正しくありません")
        if err.get("type") == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            text += f"（使える値：{expected}）"
        if len(loc) > 1:
            where += f"の{int(loc[1]) + 1}番目" if loc[1].isdigit() else ""
        out.append(f"{where}：{text}")
    return out


def parse_import(data: Any) -> PostingImport:
    """Validate one posting; raises ImportInvalid naming each problem."""
    if not isinstance(data, dict):
        raise ImportInvalid("求人はJSONオブジェクト（{...}）で指定してください。")
    try:
        return PostingImport.model_validate(data)
    except ValidationError as exc:
        problems = import_errors(exc)
        raise ImportInvalid("インポート形式として正しくありません。" + " ".join(problems)) from exc


def _daily_hours(p: PostingImport) -> float | None:
    if p.start_time is None or p.end_time is None:
        return None
    a = p.start_time.hour * 60 + p.start_time.minute
    b = p.end_time.hour * 60 + p.end_time.minute
    minutes = (b - a if b > a else b + 1440 - a) - (p.break_minutes or 0)
    return round(minutes / 60, 2) if minutes > 0 else None


def facts_from_import(p: PostingImport) -> PostingFacts:
    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = getattr(p, name)
        if isinstance(value, list):
            value = "、".join(value) + "について記入してください" if value else ""
        if value:
            texts[name] = value
    holidays = " ".join(
        x for x in (HOLIDAY_LABELS.get(p.holiday_pattern or "", ""), p.holidays_note or "") if x
    )
    place = "".join(
        x for x in (PREFECTURES.get(p.prefecture or "", ""), p.municipality or "", p.address or "") if x
    )
    smoking = SMOKING_LABELS.get(p.smoking_measure or "", p.smoking_measure)
    if smoking and p.smoking_note:
        smoking = f"{smoking}（{p.smoking_note}）"
    aged = p.age_limit is not False
    return PostingFacts(
        title=p.title,
        employment_type=p.employment_type,
        is_dispatch=p.is_dispatch,
        duties=p.duties,
        duties_change_scope=p.duties_change_scope,
        prefecture_code=p.prefecture,
        address=place or None,
        work_place_change_scope=p.work_place_change_scope,
        fixed_term=p.fixed_term,
        contract_term=contract_term_text(p.contract_months, p.contract_days) or None,
        contract_months=p.contract_months,
        renewal=p.renewal if p.fixed_term else (p.renewal or ("none" if p.fixed_term is False else None)),
        renewal_criteria=p.renewal_criteria,
        renewal_cap=p.renewal_cap,
        has_probation=p.has_probation,
        probation_terms=" ".join(
            x
            for x in (f"{p.probation_months}か月" if p.probation_months else "", p.probation_conditions or "")
            if x
        )
        or None,
        start_time=p.start_time,
        end_time=p.end_time,
        working_hours_text=p.hours_note,
        break_minutes=p.break_minutes,
        overtime_exists=p.overtime_exists,
        overtime_monthly_hours=p.overtime_monthly_hours,
        holidays_text=holidays or None,
        annual_holidays=p.annual_holidays,
        wage_unit=p.wage_unit,
        wage_min=p.wage_min,
        wage_max=p.wage_max,
        scheduled_monthly_hours=p.scheduled_monthly_hours,
        daily_hours=_daily_hours(p),
        fixed_overtime=p.fixed_overtime,
        fixed_overtime_amount=p.fixed_overtime_amount,
        fixed_overtime_hours=p.fixed_overtime_hours,
        fixed_overtime_excess_paid=p.fixed_overtime_excess_paid,
        insurances=list(p.insurances) if p.insurances is not None else None,
        smoking_measure=smoking,
        employer_name=p.employer_name,
        employer_address=p.employer_address,
        employer_contact=p.employer_contact,
        age_min=p.age_min if aged else None,
        age_max=p.age_max if aged else None,
        age_exception=p.age_exception if aged else None,
        age_reason=p.age_reason,
        retirement_age=p.retirement_age,
        experience_required=(bool(p.required_experience) and not p.inexperienced_welcome)
        if p.required_experience is not None or p.inexperienced_welcome is not None
        else None,
        texts=texts,
        updated_on=p.updated_on,
        valid_through=p.valid_through,
    )


def json_schema() -> dict[str, Any]:
    schema = PostingImport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://bonavi.example/schemas/posting-import.schema.json"
    return schema


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
