"""The editor: forms over one JSON Resume document, and the mapping between form fields and JSON paths.

The mapping runs both ways: review hints (`work[0].highlights[1]`) are shown beside the field that holds that
path, and reader errors on a path become that field's error.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from django import forms
from django.forms import formset_factory

from bonavi.core.eras import NoSuchEraMonth, year_month
from bonavi.core.fields import EmailField
from bonavi.core.forms import ConfirmField, ConfirmForm, DayField, YearMonthWidget, year_month_part_missing
from bonavi.core.text import nfkc
from bonavi.core.validators import reject_markup
from bonavi.seekers.catalog import PC_LEVEL_NAMES

from .jsonresume import (
    CLOSERS,
    MAX_ASSIGNMENTS,
    MAX_BYTES,
    MAX_HIGHLIGHTS,
    MAX_ROWS,
    assignment_line,
    last_bracket_group,
)
from .layout import NO_SPECIAL_REQUESTS, haken_saki_periods
from .model import (
    CV_FORMAT_LABELS,
    DATE_STYLE_LABELS,
    EDUCATION_STATUSES,
    EMPLOYMENT_TYPES,
    END_REASONS,
)
from .photo import too_large_message as photo_too_large

# A 年 box and a 月 select (core.forms.YearMonthWidget), not <input type=month>: a bare text box asking for
# "2021-04" in some browsers, a picker scrolling month by month back to a 2003 入学 in others.
MONTH = YearMonthWidget(year_placeholder="2021")


def month_iso(text: str) -> str:
    """The typed 年月 as YYYY-MM (core.eras.year_month: 2021/4, 2021年4月, 令和3年4月, R3.4, full-width digits too;
    each was refused as 「読めません」 where the browser has no month picker), or the text unchanged when it is no
    month (the reader then says what it expects). A 和暦 month the era never had (平成32年, 令和元年4月) is refused
    here, with the era's span, a 和暦 month 13 as 「令和6年13月はありません。」 (ADR 0137) and a western month 13 or 0
    as 「2026年13月はありません。」."""
    typed = nfkc(text).strip()
    if missing := year_month_part_missing(typed):
        raise forms.ValidationError(missing, code="invalid")
    try:
        ym = year_month(typed)
    except NoSuchEraMonth as exc:
        raise forms.ValidationError(str(exc)) from exc
    if ym is None:
        return typed
    if not 1 <= ym[1] <= 12:
        # Shaped as a month but none (2026年13月): said as that, like DayField's 「2026年2月30日はありません」,
        # not the reader's request for "2021-04", which asks for a form she already used.
        raise forms.ValidationError(f"{ym[0]}年{ym[1]}月はありません。", code="invalid")
    return f"{ym[0]:04d}-{ym[1]:02d}"


class MonthField(forms.CharField):
    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return month_iso(text) if text else ""


def _month_field(label: str) -> forms.CharField:
    return MonthField(
        label=label,
        required=False,
        max_length=12,  # 「２０２１年１０月」 as typed; what is kept is YYYY-MM
        widget=MONTH,
        help_text="年は西暦か和暦で（例：2021、令和3）。",
    )


def _text(label: str, max_length: int = 200, required: bool = False, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[reject_markup], **kw
    )


def _area(label: str, rows: int = 4, max_length: int = 2000, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        validators=[reject_markup],
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


class BasicsForm(forms.Form):
    title = _text("書類の名前", 100, required=True, help_text="例：株式会社〇〇 応募用")
    name = _text("氏名", 60, help_text="姓と名の間に空白を1つ")
    furigana = _text("ふりがな", 120)
    birth_date = DayField(label="生年月日", required=False)
    gender = _text("性別（任意）", 30, help_text="記入は任意です。空欄のままでもかまいません。")
    phone = _text("電話番号", 30)
    email = EmailField(
        label="メールアドレス",
        required=False,
        help_text="職務経歴書・書き出しに使います（履歴書には印刷しません）。",
    )
    postal_code = _text(
        "郵便番号", 10, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"})
    )
    region = _text("都道府県", 10)
    city = _text("市区町村", 60)
    address = _text("番地・建物名", 200)
    address_furigana = _text("住所のふりがな", 300)
    date_style = forms.ChoiceField(
        label="日付の書き方", choices=[(k.value, v) for k, v in DATE_STYLE_LABELS.items()]
    )
    cv_format = forms.ChoiceField(
        label="職務経歴書の形式", choices=[(k.value, v) for k, v in CV_FORMAT_LABELS.items()]
    )
    summary = _area("職務要約（200〜300字）", rows=6)
    skills = _area(
        "活かせる経験・知識・スキル",
        rows=4,
        help_text="1行に1つ。「Excel：VLOOKUP、ピボットテーブル：実務で使える」のように書くと、キーワードとレベル（最後の「：」のあと）に分けます。",
    )
    self_pr = _area(
        "自己PR",
        rows=6,
        max_length=6000,
        help_text="段落は空行で区切ります（1段落300字まで）。職務経歴書の「自己PR」と、履歴書の「志望の動機…」欄の"
        "志望動機のあと（「【自己PR】」の下）に入るだけ印刷します。",
    )
    motivation = _area("志望の動機・特技・アピールポイント", rows=5)
    desired_job = _text("希望職種（任意）", 100)
    requests = _area(
        "本人希望記入欄",
        rows=3,
        help_text=f"空欄のときは「{NO_SPECIAL_REQUESTS}」と印刷します（特に希望がないときの一般的な書き方です）。"
        "勤務地・勤務時間など譲れない条件があるときだけ書いてください。",
    )


class EducationForm(forms.Form):
    institution = _text("学校名", 100, help_text="正式名称（例：〇〇県立〇〇高等学校）")
    area = _text("学部・学科", 100)
    study_type = _text("課程・学科区分", 50, help_text="例：普通科、学士")
    start = _month_field("入学年月")
    end = _month_field("卒業年月")
    status = _text(
        "区分",
        20,
        initial="卒業",
        widget=forms.TextInput(attrs={"list": "dl-status"}),
        help_text="卒業・卒業見込み・修了・中途退学など",
    )


class WorkForm(forms.Form):
    name = _text("会社名", 100, help_text="正式名称（例：株式会社〇〇）")
    position = _text("部署・役職", 100)
    function = _text(
        "職務の分類（キャリア式）", 60, help_text="キャリア式で職務ごとにまとめるときの見出し（例：経理業務）"
    )
    employment_type = _text("雇用形態", 30, widget=forms.TextInput(attrs={"list": "dl-employment"}))
    dispatched_to = _text(
        "派遣先（派遣社員のとき）",
        100,
        help_text="派遣のときは、会社名に派遣元（登録した派遣会社）、ここに実際に働いた会社を書きます。"
        "履歴書には「派遣元に派遣社員として登録」「派遣先に派遣（部署・役職）」と印刷します。",
    )
    # work[].assignments: a textarea of dated lines like 昇格・異動 — a few 派遣先 need no JavaScript nor a nested
    # formset, and it reads well on a phone (ADR 0150, s19).
    assignments = _area(
        "2つ目からの派遣先（1行に1つ：開始年月 会社名（部署・役職））",
        rows=2,
        max_length=MAX_ASSIGNMENTS * 220,
        help_text="同じ派遣元のまま別の会社に派遣されたときに書きます。例：2020-06 株式会社□□（一般事務）。"
        "最初の派遣先は「派遣先」欄に書きます。履歴書には派遣先ごとに年月の行を印刷します。",
    )
    # 業務内容 per 派遣先 (work[].dispatchedDuties, work[].assignments[].duties): one textarea for each, one duty a
    # line like 実績 — no JavaScript; a later 派遣先's box appears once its line is saved (ADR 0150, s19).
    dispatched_duties = _area(
        "最初の派遣先での業務内容（1行に1つ）",
        rows=3,
        max_length=MAX_HIGHLIGHTS * 310,
        help_text="派遣先が2つ以上あるときに書きます。職務経歴書では派遣先ごとに期間・会社名・業務内容をまとめて"
        "印刷します。全部の派遣先に共通することは下の「業務内容」に書きます。",
    )
    dispatched_achievements = _area(
        "最初の派遣先での実績（1行に1つ・数字を入れて）",
        rows=2,
        max_length=MAX_HIGHLIGHTS * 310,
        help_text="その派遣先での成果を書くと、職務経歴書のその派遣先のまとまりに【実績】として印刷します。"
        "全部の派遣先を通しての実績は下の「実績」に書きます。",
    )
    # The later 派遣先 the duty boxes below were shown for (JSON, `_boxes_for`): the boxes are matched back by
    # name and 年月, so a line inserted above another never moves its duties to the wrong company.
    duty_for = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=(MAX_ASSIGNMENTS + 1) * 310
    )
    employees = forms.IntegerField(label="従業員数", required=False, min_value=1, max_value=9_999_999)
    description = _text("事業内容", 200)
    start = _month_field("入社年月")
    end = _month_field("退職年月")
    end_reason = _text(
        "退職理由",
        60,
        widget=forms.TextInput(attrs={"list": "dl-end-reason"}),
        help_text="在職中は空欄。例：一身上の都合により退職",
    )
    summary = _area("業務内容", rows=3)
    highlights = _area("実績（1行に1つ・数字を入れて）", rows=3, max_length=6000)
    # work[].milestones: the profile's 昇格・異動 rows with their own 年月. Shown (not hidden) so that what a
    # profile import will write back is what the person sees; without it one save here deleted them.
    milestones = _area(
        "昇格・異動など（1行に1つ：年月と内容）",
        rows=2,
        max_length=MAX_HIGHLIGHTS * 210,
        help_text="例：2019-04 経理課長に昇格。履歴書・職務経歴書にはこの年月の行として印刷します"
        "（「…を担当」のような業務の行は、職務経歴書だけに印刷します）。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.get(self.add_prefix("duty_for")) if self.is_bound else self.initial.get("duty_for")
        first, later = _boxes_for(raw)
        self.duty_names = [name for name, _start, _period in later]
        self.duty_starts = [start for _name, start, _period in later]
        if first[2]:
            # the same client twice: 「最初の派遣先」 alone does not say which spell (ADR 0150, s21)
            for key, word in (("dispatched_duties", "業務内容"), ("dispatched_achievements", "実績")):
                self.fields[key].label = str(self.fields[key].label).replace(
                    f"最初の派遣先での{word}", f"最初の派遣先（{first[0]}・{first[2]}）での{word}"
                )
        order = list(self.fields)
        after = order.index("dispatched_achievements") + 1
        boxes = []
        # each later 派遣先: its 業務内容 box, then its 実績 box (ADR 0150, s19 assignment duties; s20), named with
        # its period when the job names that 派遣先 twice (s21)
        for k, (name, _start, period) in enumerate(later):
            whose = f"{name}・{period}" if period else name
            for kind, (label, rows) in PER_ASSIGNMENT.items():
                key = f"assignment_{kind}_{k}"
                self.fields[key] = _area(
                    f"{k + 2}つ目の派遣先（{whose}）での{label}", rows=rows, max_length=MAX_HIGHLIGHTS * 310
                )
                boxes.append(key)
        self.order_fields(order[:after] + boxes + order[after:])

    def clean_dispatched_duties(self) -> list[str]:
        return self._duty_lines(self.cleaned_data.get("dispatched_duties", ""), "最初の派遣先")

    def clean_dispatched_achievements(self) -> list[str]:
        return self._duty_lines(self.cleaned_data.get("dispatched_achievements", ""), "最初の派遣先", "実績")

    def _duty_lines(self, text: str, whose: str, what: str = "業務内容") -> list[str]:
        lines = _lines(text)
        if len(lines) > MAX_HIGHLIGHTS:
            raise forms.ValidationError(f"{whose}での{what}は{MAX_HIGHLIGHTS}行までにしてください。")
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(f"{whose}での{what}は1行300文字以内にしてください。")
        return lines

    def clean_milestones(self) -> list[dict[str, str]]:
        rows = []
        lines = _lines(self.cleaned_data.get("milestones", ""))
        if len(lines) > MAX_HIGHLIGHTS:
            raise forms.ValidationError(f"昇格・異動などは{MAX_HIGHLIGHTS}行までにしてください。")
        for n, line in enumerate(lines, start=1):
            m = _MILESTONE.match(nfkc(line))
            if m is None or not 1 <= int(m.group(2)) <= 12 or len(m.group(3).strip()) > 200:
                raise forms.ValidationError(
                    f"昇格・異動などの{n}行目は「2019-04 経理課長に昇格」のように、年月と200文字以内の内容を"
                    "書いてください。"
                )
            rows.append({"date": f"{m.group(1)}-{int(m.group(2)):02d}", "text": m.group(3).strip()})
        return rows

    def clean_assignments(self) -> list[dict[str, str]]:
        rows = []
        lines = _lines(self.cleaned_data.get("assignments", ""))
        if len(lines) > MAX_ASSIGNMENTS:
            raise forms.ValidationError(f"2つ目からの派遣先は{MAX_ASSIGNMENTS}行までにしてください。")
        for n, line in enumerate(lines, start=1):
            try:
                start, name, job = read_assignment_line(line)
            except ValueError as e:
                raise forms.ValidationError(
                    f"2つ目からの派遣先の{n}行目「{line}」は読めません。{e}"
                ) from None
            if len(name) > 100 or len(job) > 100:
                raise forms.ValidationError(
                    f"2つ目からの派遣先の{n}行目「{line}」が長すぎます。会社名と部署・役職は、それぞれ100文字以内に"
                    "してください。"
                )
            rows.append({"name": name, "startDate": start} | ({"position": job} if job else {}))
        return rows

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("assignments") and not (data.get("dispatched_to") or "").strip():
            self.add_error(
                "dispatched_to",
                "2つ目からの派遣先を書いたときは、最初に派遣された会社をここに書いてください。",
            )
        data.pop("duty_for", None)
        self._attach_duties(data)
        return data

    def _attach_duties(self, data: dict[str, Any]) -> None:
        """Each later 派遣先's duties and 実績 onto its row of `assignments`: by the name its boxes were shown for,
        else (the same number of 派遣先, one renamed) by its place. Lines whose 派遣先 is gone are named, not
        dropped."""
        keys = [f"assignment_{kind}_{k}" for k in range(len(self.duty_names)) for kind in PER_ASSIGNMENT]
        if not isinstance(data.get("assignments"), list):
            # the 派遣先 lines have their own error; the boxes keep what she typed until they are fixed
            for key in keys:
                data.pop(key, None)
            return
        rows: list[dict[str, Any]] = data["assignments"]
        for k, name in enumerate(self.duty_names):
            for kind, (label, _rows) in PER_ASSIGNMENT.items():
                key = f"assignment_{kind}_{k}"
                if key not in data:
                    continue  # that box failed its own checks
                text = data.pop(key)
                what = label.split("（")[0]
                try:
                    lines = self._duty_lines(text, f"派遣先「{name}」", what)
                except forms.ValidationError as e:
                    self.add_error(key, e)
                    continue
                if not lines:
                    continue
                row = self._row_for(rows, k, kind)
                if row is None:
                    self.add_error(
                        key,
                        f"派遣先「{name}」が「2つ目からの派遣先」にないため、この{what}を保存できません。"
                        "その派遣先の行を戻すか、この欄を空にしてください。",
                    )
                    continue
                row[kind] = lines

    def _row_for(self, rows: list[dict[str, Any]], k: int, kind: str) -> dict[str, Any] | None:
        """The saved 派遣先 row the k-th box was shown for: the one of its name and 年月; else the only one of its
        name; else (one renamed, none added or removed) the row in its place. A name given twice — the same client
        in two spells — is told apart by its 年月, so neither spell takes the other's lines."""
        key = "".join(self.duty_names[k].split())
        same = [r for r in rows if "".join(r["name"].split()) == key and not r.get(kind)]
        exact = [r for r in same if self.duty_starts[k] and r["startDate"] == self.duty_starts[k]]
        if exact:
            return exact[0]
        if len(same) == 1 and sum("".join(r["name"].split()) == key for r in rows) == 1:
            return same[0]
        if len(rows) == len(self.duty_names) and not rows[k].get(kind):
            return rows[k]
        return None


# The boxes each later 派遣先 has in the editor: JSON key of `assignments[]` → (label, rows).
PER_ASSIGNMENT: Final[dict[str, tuple[str, int]]] = {
    "duties": ("業務内容（1行に1つ）", 3),
    "achievements": ("実績（1行に1つ・数字を入れて）", 2),
}


_Box = tuple[
    str, str, str
]  # (派遣先, its 年月 YYYY-MM or "", its period when its name is given twice, else "")


def _boxes_for(raw: Any) -> tuple[_Box, list[_Box]]:
    """The hidden `duty_for`: the first 派遣先 and each later one the boxes were shown for. Written as
    {"first": {...}, "later": [{"name", "start", "period"}]} (s21: the same client twice needs its 年月 to be
    matched back and its period to be named); a page from before posts a list of names, still read. Anything
    else (a hand-made POST) is no box."""
    value: Any = raw
    if not isinstance(raw, dict | list):
        try:
            value = json.loads(raw or "[]")
        except ValueError:
            value = []
    if isinstance(value, list):
        value = {"later": value}
    if not isinstance(value, dict):
        return ("", "", ""), []

    def box(entry: Any) -> _Box | None:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            return None
        start = str(entry.get("start") or "")
        return (
            entry["name"][:100],
            start if re.fullmatch(r"\d{4}-\d{2}", start) else "",
            str(entry.get("period") or "")[:40],
        )

    later = value.get("later")
    boxes = [b for e in (later if isinstance(later, list) else [])[:MAX_ASSIGNMENTS] if (b := box(e))]
    return box(value.get("first")) or ("", "", ""), boxes


# 「2020-06 株式会社□□（一般事務）」: 開始年月 (full-width digits too), then the 派遣先 and its job. Only the date is
# read through NFKC: the rest is kept as she typed it, so a full-width 「（東京）」 in a name stays full-width.
_ASSIGNMENT_DATE: Final = re.compile(
    r"^\s*([0-9０-９]{4})\s*[-/.年－／．]\s*([0-9０-９]{1,2})\s*月?\s+(?=\S)"
)
ASSIGNMENT_LINE_HELP: Final = (
    "「2020-06 株式会社□□（一般事務）」のように、開始年月・会社名・最後の（　）に部署・役職を書いてください。"
)


def read_assignment_line(line: str) -> tuple[str, str, str]:
    """(YYYY-MM, 派遣先, 部署・役職) of one editor line 「2020-06 株式会社□□（一般事務）」. The position is the LAST
    balanced bracket group at the end of the line (「株式会社みほん（東京）（経理部（連結チーム））」 is 株式会社みほん（東京）
    and 経理部（連結チーム）); an empty 「（）」 there says there is none, so a name that itself ends in brackets
    keeps them. Raises ValueError with what to fix (Japanese) when the line cannot be read as one."""
    m = _ASSIGNMENT_DATE.match(line)
    if m is None:
        raise ValueError(
            "最初に開始年月（例：2020-06）を書き、空白を空けて会社名を続けてください。" + ASSIGNMENT_LINE_HELP
        )
    year, month = int(nfkc(m.group(1))), int(nfkc(m.group(2)))
    if not 1 <= month <= 12:
        raise ValueError(f"{year}年{month}月はありません。")
    rest = line[m.end() :].strip()
    opens = last_bracket_group(rest)
    if rest and rest[-1] in CLOSERS and opens is None:
        raise ValueError(
            "行の最後の「）」と対になる「（」がありません。部署・役職を囲む（　）の数を確かめてください。"
        )
    name, job = (rest[:opens].strip(), rest[opens + 1 : -1].strip()) if opens is not None else (rest, "")
    if not name:
        raise ValueError("会社名がありません。" + ASSIGNMENT_LINE_HELP)
    return f"{year:04d}-{month:02d}", name, job


# 「2019-04 経理課長に昇格」, also 2019/4 and 2019年4月 (typed after NFKC).
_MILESTONE: Final = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s+(.+)$")


class CertificateForm(forms.Form):
    name = _text("免許・資格の正式名称", 100)
    date = _month_field("取得年月")
    issuer = _text("発行・認定団体", 100)


# No blank row is shown by default: a row is added on purpose with the section's 「行を追加」 button (ADR 0054).
EducationFormSet = formset_factory(EducationForm, extra=0, max_num=MAX_ROWS["education"], validate_max=True)
WorkFormSet = formset_factory(WorkForm, extra=0, max_num=MAX_ROWS["work"], validate_max=True)
CertificateFormSet = formset_factory(
    CertificateForm, extra=0, max_num=MAX_ROWS["certificates"], validate_max=True
)

# The repeatable sections of the editor: section key → (formset prefix, formset class, label of one row).
ROW_SECTIONS: Final[dict[str, tuple[str, Any, str]]] = {
    "education": ("edu", EducationFormSet, "学歴"),
    "work": ("work", WorkFormSet, "職歴"),
    "certificates": ("cert", CertificateFormSet, "資格"),
}
# The editor's other sections and the BasicsForm fields each one holds (their <details> ids are "sec-<key>").
FIELD_SECTIONS: Final[dict[str, tuple[str, ...]]] = {
    "settings": ("title", "date_style", "cv_format"),
    "basics": (
        "name",
        "furigana",
        "birth_date",
        "gender",
        "phone",
        "email",
        "postal_code",
        "region",
        "city",
        "address",
        "address_furigana",
    ),
    "cv_text": ("summary", "skills", "self_pr"),
    "rirekisho": ("motivation", "desired_job", "requests"),
}


DATALISTS: Final = {
    "dl-status": EDUCATION_STATUSES,
    "dl-employment": EMPLOYMENT_TYPES,
    "dl-end-reason": END_REASONS,
}


PHOTO_TOO_LARGE = photo_too_large()


class PhotoForm(forms.Form):
    photo = forms.FileField(label="写真（JPEG・PNG・WebP、2 MBまで）", required=False)
    remove = forms.BooleanField(label="写真を削除する", required=False)


IMPORT_TOO_LARGE = f"ファイルが大きすぎます。{MAX_BYTES // 1024 // 1024} MB までにしてください。"


class ImportForm(forms.Form):
    title = _text("書類の名前", 100, required=False)
    file = forms.FileField(
        label="JSON Resume ファイル",
        error_messages={
            "required": "JSON Resume ファイルを選んでください。",
            "invalid": "JSON Resume ファイルを選んでください。",
            "empty": "ファイルが空です。JSON Resume ファイルを選んでください。",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # refused before reading it into memory
            raise forms.ValidationError(IMPORT_TOO_LARGE)
        return upload

    def title_and_bytes(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        return self.cleaned_data.get("title") or upload.name[:100], upload.read()


class ProfileImportForm(ImportForm):
    """The profile import shows only the file: a 書類の名前 posted to it would be refused where nobody sees it."""

    title = None  # type: ignore[assignment]


class CreateForm(forms.Form):
    title = _text("書類の名前", 100, required=False, help_text="例：株式会社〇〇 応募用")


# --- JSON paths ⇄ fields ------------------------------------------------------------------------------------

BASICS_PATHS: Final[dict[str, str]] = {
    "name": "basics.name",
    "furigana": "basics.furigana",
    "birth_date": "basics.birthDate",
    "gender": "basics.gender",
    "phone": "basics.phone",
    "email": "basics.email",
    "postal_code": "basics.location.postalCode",
    "region": "basics.location.region",
    "city": "basics.location.city",
    "address": "basics.location.address",
    "address_furigana": "basics.location.furigana",
    "date_style": "x-bonavi.dateStyle",
    "cv_format": "x-bonavi.cvFormat",
    "summary": "basics.summary",
    "skills": "skills",
    "self_pr": "x-bonavi.selfPr",
    "motivation": "x-bonavi.motivation",
    "desired_job": "x-bonavi.desiredJob",
    "requests": "x-bonavi.requests",
}
ROW_PATHS: Final[dict[str, dict[str, str]]] = {
    "education": {
        "institution": "institution",
        "area": "area",
        "study_type": "studyType",
        "start": "startDate",
        "end": "endDate",
        "status": "status",
    },
    "work": {
        "name": "name",
        "position": "position",
        "function": "function",
        "employment_type": "employmentType",
        "dispatched_to": "dispatchedTo",
        "dispatched_duties": "dispatchedDuties",
        "dispatched_achievements": "dispatchedAchievements",
        "assignments": "assignments",
        "employees": "employees",
        "description": "description",
        "start": "startDate",
        "end": "endDate",
        "end_reason": "endReason",
        "summary": "summary",
        "highlights": "highlights",
        "milestones": "milestones",
    },
    "certificates": {"name": "name", "date": "date", "issuer": "issuer"},
}
_ROW_PATH = re.compile(r"^(education|work|certificates)\[(\d+)\]\.(\w+)")
_DUTY_PATH = re.compile(r"^work\[(\d+)\]\.assignments\[(\d+)\]\.(duties|achievements)")


def field_for_path(path: str) -> tuple[str, int | None, str] | None:
    """(section, row, field name) for a JSON path; section is "basics" for the main form."""
    if duty := _DUTY_PATH.match(path):  # a later 派遣先's duties or 実績: its own box (WorkForm.__init__)
        return "work", int(duty.group(1)), f"assignment_{duty.group(3)}_{duty.group(2)}"
    m = _ROW_PATH.match(path)
    if m:
        section, row, key = m.group(1), int(m.group(2)), m.group(3)
        for name, json_key in ROW_PATHS[section].items():
            if json_key == key:
                return section, row, name
        return None
    best = None
    for name, p in BASICS_PATHS.items():
        if (path == p or path.startswith(p + "[") or path.startswith(p + ".")) and (
            best is None or len(p) > len(best[1])
        ):
            best = (name, p)
    if best is None:
        m2 = re.match(r"^skills\[\d+\]", path)
        return ("basics", None, "skills") if m2 else None
    return "basics", None, best[0]


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


# A level the profile's PCスキル gives (「基本操作ができる」) or one written as people write levels. The editor's line
# is 「名前：キーワード、キーワード：レベル」; a single word after one 「：」 is the level only when it reads as one, so
# 「Excel：VLOOKUP」 stays a keyword (ADR 0139).
_LEVEL_WORDS: Final = re.compile(r"(できる|使える|られる|初級|中級|上級|ネイティブ|レベル)$")


def _is_level(word: str) -> bool:
    return word in PC_LEVEL_NAMES.values() or bool(_LEVEL_WORDS.search(word))


def _skills_from_text(text: str) -> list[dict[str, Any]]:
    out = []
    for line in _lines(text):
        m = re.match(r"^(.*?)[：:](.*)$", line)
        name, rest = (m.group(1), m.group(2)) if m else (line, "")
        level = ""
        if m2 := re.match(r"^(.*?)[：:](.*)$", rest):  # 「名前：キーワード：レベル」 (or 「名前：：レベル」)
            rest, level = m2.group(1), m2.group(2).strip()
        elif rest.strip() and not re.search(r"[、,，/／]", rest) and _is_level(rest.strip()):
            rest, level = "", rest.strip()
        keywords = [k.strip() for k in re.split(r"[、,，/／]", rest) if k.strip()]
        out.append({"name": name.strip(), "keywords": keywords, **({"level": level} if level else {})})
    return out


def _skills_to_text(skills: list[dict[str, Any]]) -> str:
    """The box's lines. The level was left out, so one save of the editor dropped the level the profile gave
    (「Excel 関数（…）」 printed without 「基本操作ができる」): it is written last, after its own 「：」."""

    def line(s: dict[str, Any]) -> str:
        keywords, level = "、".join(s.get("keywords", [])), str(s.get("level", "") or "")
        out = str(s.get("name", "")) + ("：" + keywords if keywords else "")
        if level:
            out += "：" + level if keywords or _is_level(level) else "：：" + level
        return out

    return "\n".join(line(s) for s in skills)


def doc_from_forms(
    basics: dict[str, Any],
    education: list[dict[str, Any]],
    work: list[dict[str, Any]],
    certificates: list[dict[str, Any]],
) -> dict[str, Any]:
    """Cleaned form data → a JSON Resume document (rows left completely empty are dropped)."""

    def filled(row: dict[str, Any]) -> bool:
        return any(v not in (None, "", []) for k, v in row.items() if k not in ("status", "DELETE"))

    birth = basics.get("birth_date")
    return {
        "basics": {
            "name": basics.get("name", ""),
            "furigana": basics.get("furigana", ""),
            "birthDate": birth.isoformat() if birth else "",
            "gender": basics.get("gender", ""),
            "email": basics.get("email", ""),
            "phone": basics.get("phone", ""),
            "location": {
                "postalCode": basics.get("postal_code", ""),
                "region": basics.get("region", ""),
                "city": basics.get("city", ""),
                "address": basics.get("address", ""),
                "furigana": basics.get("address_furigana", ""),
            },
            "summary": basics.get("summary", ""),
        },
        "education": [
            {
                "institution": e["institution"],
                "area": e["area"],
                "studyType": e["study_type"],
                "startDate": e["start"],
                "endDate": e["end"],
                "status": e["status"] or "卒業",
            }
            for e in education
            if filled(e) and not e.get("DELETE")
        ],
        "work": [
            {
                "name": w["name"],
                "position": w["position"],
                "function": w["function"],
                "employmentType": w["employment_type"],
                "dispatchedTo": w["dispatched_to"],
                "employees": w["employees"],
                "description": w["description"],
                "startDate": w["start"],
                "endDate": w["end"],
                "endReason": w["end_reason"],
                "summary": w["summary"],
                "highlights": _lines(w["highlights"]),
                **({"milestones": w["milestones"]} if w.get("milestones") else {}),
                **({"assignments": w["assignments"]} if w.get("assignments") else {}),
                **({"dispatchedDuties": w["dispatched_duties"]} if w.get("dispatched_duties") else {}),
                **(
                    {"dispatchedAchievements": w["dispatched_achievements"]}
                    if w.get("dispatched_achievements")
                    else {}
                ),
            }
            for w in work
            if filled(w) and not w.get("DELETE")
        ],
        "certificates": [
            {"name": c["name"], "date": c["date"], "issuer": c["issuer"]}
            for c in certificates
            if filled(c) and not c.get("DELETE")
        ],
        "skills": _skills_from_text(basics.get("skills", "")),
        "x-bonavi": {
            "dateStyle": basics.get("date_style") or "western",
            "cvFormat": basics.get("cv_format") or "chronological",
            "selfPr": [p.strip() for p in re.split(r"\n\s*\n", basics.get("self_pr", "")) if p.strip()],
            "motivation": basics.get("motivation", ""),
            "desiredJob": basics.get("desired_job", ""),
            "requests": basics.get("requests", ""),
        },
    }


def initial_from_doc(
    doc: dict[str, Any], title: str
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    b = doc.get("basics", {})
    loc = b.get("location", {})
    ext = doc.get("x-bonavi", {})
    basics = {
        "title": title,
        "name": b.get("name", ""),
        "furigana": b.get("furigana", ""),
        "birth_date": b.get("birthDate", ""),
        "gender": b.get("gender", ""),
        "phone": b.get("phone", ""),
        "email": b.get("email", ""),
        "postal_code": loc.get("postalCode", ""),
        "region": loc.get("region", ""),
        "city": loc.get("city", ""),
        "address": loc.get("address", ""),
        "address_furigana": loc.get("furigana", ""),
        "date_style": ext.get("dateStyle", "western"),
        "cv_format": ext.get("cvFormat", "chronological"),
        "summary": b.get("summary", ""),
        "skills": _skills_to_text(doc.get("skills", [])),
        "self_pr": "\n\n".join(ext.get("selfPr", [])),
        "motivation": ext.get("motivation", ""),
        "desired_job": ext.get("desiredJob", ""),
        "requests": ext.get("requests", ""),
    }
    education = [
        {
            "institution": e.get("institution", ""),
            "area": e.get("area", ""),
            "study_type": e.get("studyType", ""),
            "start": e.get("startDate", "")[:7],
            "end": e.get("endDate", "")[:7],
            "status": e.get("status", "卒業"),
        }
        for e in doc.get("education", [])
    ]
    work = [
        {
            "name": w.get("name", ""),
            "position": w.get("position", ""),
            "function": w.get("function", ""),
            "employment_type": w.get("employmentType", ""),
            "dispatched_to": w.get("dispatchedTo", ""),
            "assignments": "\n".join(
                assignment_line(
                    str(a.get("startDate", ""))[:7], str(a.get("name", "")), str(a.get("position", ""))
                )
                for a in w.get("assignments", [])
                if isinstance(a, dict)
            ),
            "dispatched_duties": "\n".join(w.get("dispatchedDuties", [])),
            "dispatched_achievements": "\n".join(w.get("dispatchedAchievements", [])),
            **_duty_initial(w),
            "employees": w.get("employees"),
            "description": w.get("description", ""),
            "start": w.get("startDate", "")[:7],
            "end": w.get("endDate", "")[:7],
            "end_reason": w.get("endReason", ""),
            "summary": w.get("summary", ""),
            "highlights": "\n".join(w.get("highlights", [])),
            "milestones": "\n".join(
                f"{m.get('date', '')} {m.get('text', '')}"
                for m in w.get("milestones", [])
                if isinstance(m, dict)
            ),
        }
        for w in doc.get("work", [])
    ]
    certificates = [
        {"name": c.get("name", ""), "date": c.get("date", "")[:7], "issuer": c.get("issuer", "")}
        for c in doc.get("certificates", [])
    ]
    return basics, education, work, certificates


def _duty_initial(job: dict[str, Any]) -> dict[str, str]:
    """The editor's duty and 実績 boxes of each later 派遣先 and the hidden list naming them (WorkForm.duty_for),
    each with its 年月 and, for a 派遣先 named twice, its period (layout.haken_saki_periods)."""
    listed = [a for a in job.get("assignments", []) if isinstance(a, dict)]
    periods = haken_saki_periods(job)
    rows = [(a, periods[k + 1]) for k, a in enumerate(listed) if a.get("name")]
    if not rows:
        return {}
    boxes = {
        "first": {"name": str(job.get("dispatchedTo") or ""), "period": periods[0]},
        "later": [
            {"name": str(a["name"]), "start": str(a.get("startDate", ""))[:7], "period": period}
            for a, period in rows
        ],
    }
    rows_only = [a for a, _period in rows]
    return {
        "duty_for": json.dumps(boxes, ensure_ascii=False),
        **{
            f"assignment_{kind}_{k}": "\n".join(a.get(kind, []))
            for k, a in enumerate(rows_only)
            for kind in PER_ASSIGNMENT
        },
    }


def section_of_field(name: str) -> str | None:
    """The editor section that shows a BasicsForm field."""
    for key, names in FIELD_SECTIONS.items():
        if name in names:
            return key
    return None


def section_of_path(path: str) -> str | None:
    """The editor section that shows the field holding a JSON path (None if no field holds it)."""
    target = field_for_path(path)
    if target is None:
        return None
    section, _row, name = target
    return section if section in ROW_SECTIONS else section_of_field(name)


def version_delete_form(data: Any = None) -> ConfirmForm:
    return ConfirmForm.deleting(data, what="書類")


def answer_delete_form(data: Any = None) -> ConfirmForm:
    return ConfirmForm.deleting(data, what="回答")


class InsertForm(forms.Form):
    """Which sentences of a saved experience translation go where (the no-JavaScript path: a page of its own,
    with a ticked box, because the text is added to the stored document at once)."""

    items = forms.MultipleChoiceField(
        label="入れる文",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "入れる文を1つ以上選んでください。",
            "invalid_choice": "選んだ文が見つかりません。ページを開き直してください。",
        },
    )
    target = forms.ChoiceField(
        label="入れる場所",
        widget=forms.RadioSelect,
        help_text="いま書いてある文章は消えません。選んだ文をその欄の最後に足します。",
        error_messages={
            "required": "入れる場所を選んでください。",
            "invalid_choice": "入れる場所の職歴が見つかりません。ページを開き直してください。",
        },
    )
    # 「新しい職歴（アルバイト）として追加」: a café job is no line of an unrelated employer's 業務内容.
    new_name = _text("勤務先（店名・会社名）", 100, help_text="例：カフェ・ド・ミドリ 渋谷店")
    new_start = _month_field("働き始めた年月")
    new_end = _month_field("やめた年月（いまも続けているときは空欄）")
    confirm = ConfirmField(
        label="選んだ文を、選んだ欄の最後に追加します",
        refusal="追加する場合は、「選んだ文を、選んだ欄の最後に追加します」にチェックを入れてください。",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        sentences: list[tuple[str, str, str]],
        work_rows: list[str],
        dispatch_places: dict[int, list[str]] | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        """`dispatch_places`: per 職歴 row, how each of its 派遣先 is named (services.dispatch_place_labels)."""
        super().__init__(data, initial=initial)
        places = dispatch_places or {}
        self.kinds = {key: kind for key, kind, _text in sentences}
        self.fields["items"].choices = [  # type: ignore[attr-defined]
            (key, f"{KIND_LABELS[kind]}：{text}") for key, kind, text in sentences
        ]
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            ("self_pr", "自己PR（新しい段落として最後に追加）"),
            ("skills", "活かせる経験・知識・スキル（サークル・ボランティアの経験に。1行ずつ最後に追加）"),
            ("new_work", "新しい職歴（アルバイト）として追加（勤務先と期間を下に書きます）"),
            *(
                choice
                for i, name in enumerate(work_rows)
                for choice in (
                    (f"work-{i}", f"職歴{i + 1}「{name or '会社名なし'}」の業務内容（最後の行の後に追加）"),
                    # the job's own 実績 right after its 業務内容, before any 派遣先's (s22): what she achieved
                    # there is hers to file as such, as at a 派遣先
                    (
                        f"work-{i}-achievements",
                        f"職歴{i + 1}「{name or '会社名なし'}」の実績（1行ずつ最後に追加）",
                    ),
                    # a 派遣's 派遣先, right under its job: the 職務経歴書 prints each as its own block, its 業務内容
                    # then its 実績 (ADR 0150, s20; s21). `places` name them as she can tell them apart.
                    *(
                        (
                            f"work-{i}-{k}{suffix}",
                            f"{place}の{word}（職歴{i + 1}「{name or '会社名なし'}」の派遣先。1行ずつ最後に追加）",
                        )
                        for k, place in enumerate(places.get(i, []))
                        for suffix, word in (("", "業務内容"), ("-achievements", "実績"))
                    ),
                )
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target") or ""
        # A job's 業務内容 reaches the employer as what she did there: only her own words go in, never a 自己PR
        # sentence (a re-wording, with 「この経験で培った「…」を、経理の仕事でも活かせます。」).
        # The same for a new part-time job's 業務内容 and for the 活かせる経験 list, which holds lines, not prose.
        chosen = [self.kinds.get(k) for k in data.get("items", [])]
        if target == "skills" and "appeal" in chosen:
            self.add_error("items", SKILLS_TAKE_LINES_ONLY)
        elif target and target != "self_pr" and "appeal" in chosen:
            self.add_error("items", WORK_TAKES_QUOTES_ONLY)
        # A line the 職務経歴書's style has no form for (ADR 0133) is hers as written: not a 業務内容 line.
        if (target == "new_work" or target.startswith("work-")) and "own" in chosen:
            self.add_error("items", WORK_TAKES_NO_OWN_LINES)
        if target == "new_work":
            if not data.get("new_name"):
                self.add_error("new_name", "新しい職歴の勤務先（店名・会社名）を入力してください。")
            if not self.errors.get("new_start") and not data.get("new_start"):
                self.add_error(
                    "new_start", "新しい職歴の、働き始めた年月を入力してください（例：2019年4月）。"
                )
            start, end = data.get("new_start") or "", data.get("new_end") or ""
            if start and end and end < start:
                self.add_error("new_end", "やめた年月が、働き始めた年月より前になっています。")
        return data

    def new_job(self) -> dict[str, str] | None:
        """The new part-time job as a JSON Resume work entry (without its lines), when that is the target."""
        data = self.cleaned_data
        if data.get("target") != "new_work":
            return None
        job = {"name": data["new_name"], "employmentType": "アルバイト", "startDate": data["new_start"]}
        return {**job, "endDate": data["new_end"]} if data.get("new_end") else job


# How the insert page names what it offers (selectors.translation_sentences' kinds).
KIND_LABELS: Final = {
    "appeal": "自己PRの文",
    "quote": "あなたの文章から",
    "own": "あなたの文章（書いたまま）",
}
# Each refusal names the place she chose: 「…職歴の業務内容には入れられません」 was said when she had chosen
# 「活かせる経験・知識・スキル」.
SKILLS_TAKE_LINES_ONLY: Final = (
    "自己PRの文は「活かせる経験・知識・スキル」には入れられません。この欄には1行ずつの経験（「あなたの文章から」の行）を入れます。"
    "自己PRの文のチェックを外すか、入れる場所を自己PRにしてください。"
)
WORK_TAKES_NO_OWN_LINES: Final = (
    "「あなたの文章（書いたまま）」の行は、職務経歴書の業務内容の書き方（「…の作成」「…を担当」）に直せなかった文のため、"
    "職歴の業務内容には入れられません。その行のチェックを外すか、入れる場所を自己PRか「活かせる経験・知識・スキル」にしてください。"
)
WORK_TAKES_QUOTES_ONLY: Final = (
    "自己PRの文は職歴の業務内容には入れられません。業務内容に入れられるのは「あなたの文章から」の行（あなたの書いた業務を、職務経歴書の書き方に直したもの）だけです。"
    "自己PRの文のチェックを外すか、入れる場所を自己PRにしてください。"
)
