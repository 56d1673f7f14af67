from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField

from bonavi.core.forms import ConfirmForm, DayField, YenField, add_errors, choose_prompt
from bonavi.core.prefectures import PREFECTURE_CHOICES
from bonavi.core.text import strip_control, too_long
from bonavi.core.validators import reject_markup

from .catalog import FAMILY_CHOICES
from .models import REFERENCE_MAX, JobPosting, reference_normal
from .validation import posting_problems

# The form in sections a person can fill on a phone, in the order of Hello Work's 求人票.
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "仕事内容",
        ["title", "subrole", "employment_type", "is_dispatch", "duties", "duties_change_scope", "visibility"],
    ),
    # The company's own words (ADR 0128), after 業務内容 and before the conditions, as the posting page shows them.
    ("仕事の魅力・求める人物像（任意）", ["appeal", "ideal_candidate"]),
    (
        "就業場所",
        ["prefecture", "municipality", "address", "nearest_station", "telework", "work_place_change_scope"],
    ),
    (
        "契約期間・試用期間",
        [
            "fixed_term",
            "contract_months",
            "contract_days",
            "renewal",
            "renewal_criteria",
            "renewal_cap",
            "has_probation",
            "probation_months",
            "probation_conditions",
        ],
    ),
    (
        "労働時間・休日",
        [
            "start_time",
            "end_time",
            "hours_note",
            "break_minutes",
            "overtime_exists",
            "overtime_monthly_hours",
            "holiday_pattern",
            "annual_holidays",
            "holidays_note",
            "scheduled_monthly_hours",
        ],
    ),
    (
        "賃金",
        [
            "wage_unit",
            "wage_min",
            "wage_max",
            "allowances",
            "fixed_overtime",
            "fixed_overtime_amount",
            "fixed_overtime_hours",
            "fixed_overtime_excess_paid",
            "raise_info",
            "bonus_info",
            "wage_note",
        ],
    ),
    (
        "保険・受動喫煙対策",
        [
            "insurance_employment",
            "insurance_accident",
            "insurance_health",
            "insurance_pension",
            "smoking_measure",
            "smoking_note",
        ],
    ),
    (
        "応募資格・選考",
        [
            "required_qualifications",
            "preferred_qualifications",
            "required_experience",
            "inexperienced_welcome",
            "education_not_required",
            "age_limit",
            "age_min",
            "age_max",
            "age_exception",
            "age_reason",
            "selection_process",
        ],
    ),
    ("募集者・掲載", ["employer_name", "employer_address", "employer_contact", "valid_through", "reference"]),
]
FIELDS = [name for _, names in SECTIONS for name in names]
# The fields that apply only once the field before them says so — its box ticked, or (契約更新) a choice other than
# none — each list right after its control in SECTIONS. The page folds them by CSS alone (:has() on the control, no
# JS) and always shows a group with an error, a value or a note (FollowUps.kept): at 390 px the form was about
# 7,000 px tall with every one of them open.
FOLLOW_UPS: dict[str, list[str]] = {
    "fixed_term": ["contract_months", "contract_days", "renewal"],
    "renewal": ["renewal_criteria", "renewal_cap"],
    "has_probation": ["probation_months", "probation_conditions"],
    "overtime_exists": ["overtime_monthly_hours"],
    "fixed_overtime": ["fixed_overtime_amount", "fixed_overtime_hours", "fixed_overtime_excess_paid"],
    "age_limit": ["age_min", "age_max", "age_exception", "age_reason"],
}
# The yen fields and their names in messages; MAX_AMOUNT (10億円) is a typo's size, far above WAGE_CEILING, whose
# per-unit message says more for anything between.
YEN_FIELDS = {"wage_min": "賃金（下限）", "wage_max": "賃金（上限）", "fixed_overtime_amount": "固定残業代"}
MAX_AMOUNT = 1_000_000_000


@dataclass
class FollowUps:
    """A field (`control`) and the fields that follow from it (`details`: fields, or a nested FollowUps)."""

    control: BoundField
    details: list[BoundField | FollowUps]

    @property
    def kept(self) -> bool:
        """Shown whatever the control says: something in it is typed, refused or noted by the checker, and folding
        it would hide that (asked at render time, after the view has put the checker's notes on the fields)."""
        return any(_keeps(detail) for detail in self.details)


def _keeps(item: BoundField | FollowUps) -> bool:
    if isinstance(item, FollowUps):
        return _keeps(item.control) or item.kept
    value = item.value()
    # identity, not ==: a stored 0 (月平均残業時間 0) is a value; an unticked box (False) or an empty box is not
    typed = not (value is None or value is False or value == "" or value == [])
    return typed or bool(item.errors) or bool(getattr(item, "compliance_warnings", None))


class PostingForm(forms.ModelForm):
    class Meta:
        model = JobPosting
        fields = FIELDS
        field_classes = {"valid_through": DayField}
        widgets = {
            "duties": forms.Textarea(attrs={"rows": 6}),
            "appeal": forms.Textarea(attrs={"rows": 5}),
            "ideal_candidate": forms.Textarea(attrs={"rows": 5}),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_prompt(self)  # 「選んでください」 as on the site's other forms, not Django's 「---------」
        # The amounts read as the bulk import and the agents' forms read them (「220,000」「22万」), refused by name.
        # The form takes whole yen only: a 時給 of 1050.5円 is refused here, while compliance.numbers still reads
        # one written in a posting's text for the checker.
        for name, named in YEN_FIELDS.items():
            made = self.fields[name]  # the model's label, help and whether it is required
            self.fields[name] = YenField(
                named=named,
                example="220000、220,000円、22万円",
                max_value=MAX_AMOUNT,
                label=made.label,
                help_text=made.help_text,
                required=made.required,
            )
        self.fields["appeal"].widget.attrs["placeholder"] = (
            "例：経理チームは5名です。月末の締め以外は定時に帰る人がほとんどで、質問しやすい雰囲気です。"
        )
        self.fields["ideal_candidate"].widget.attrs["placeholder"] = (
            "例：数字を最後まで丁寧に確かめられる方。分からないことをそのままにせず相談できる方。"
        )
        for name, field in self.fields.items():
            label = str(field.label)
            # Django's ja words name no field (「このフィールドは必須です。」「正しく選択してください。…」): in the summary at
            # the top they are linked to the field, but beside a select deep in a long form they say nothing of it.
            if field.required and name not in YEN_FIELDS:  # the yen fields have their own words
                verb = "選んで" if isinstance(field, forms.ChoiceField) else "入力して"
                field.error_messages["required"] = f"{label}を{verb}ください。"
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = f"{label}は一覧から選んでください。"
            if isinstance(field, forms.CharField):
                field.validators.append(reject_markup)
                if field.max_length:  # Django's ja text reads 「この値は 120 文字以下でなければなりません」
                    field.error_messages["max_length"] = too_long(
                        str(field.label), field.max_length, given="%(show_value)s"
                    )
                    if isinstance(field.widget, forms.Textarea):
                        # No maxlength on a long text (業務内容, 仕事の魅力…): the browser would cut a pasted text
                        # short without a word; the server refuses it, naming the field and the length given.
                        field.widget.attrs.pop("maxlength", None)
            if isinstance(field, (forms.IntegerField, forms.DecimalField)):
                field.widget.attrs.setdefault("inputmode", "numeric")
            if name in {"wage_min", "wage_max", "fixed_overtime_amount"}:
                field.widget.attrs["placeholder"] = "円"
        reference = self.fields["reference"]
        reference.widget.attrs.update(
            {"placeholder": "例：A-001", "autocomplete": "off", "size": REFERENCE_MAX}
        )
        self.fields["title"].widget.attrs["placeholder"] = "例：経理事務（未経験歓迎・月給22万円〜）"
        self.fields["duties_change_scope"].widget.attrs["placeholder"] = "例：会社の定める業務"
        self.fields["work_place_change_scope"].widget.attrs["placeholder"] = (
            "例：会社の定める場所（テレワークを含む）"
        )

    def clean_reference(self) -> str:
        # 「Ａ－００１」 and 「A-001」 are one number, as the import reads a cell.
        return reference_normal(self.cleaned_data.get("reference") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = strip_control(value).strip()
        # Cross-field checks on a throw-away copy of the instance with the submitted values.
        probe = JobPosting(**{k: v for k, v in data.items() if k in FIELDS})
        probe.organization_id = self.instance.organization_id
        add_errors(self, posting_problems(probe))
        return data

    def sections(self) -> list[tuple[str, list[BoundField | FollowUps]]]:
        """The fields by section, a follow-up inside the group of the field it follows (FOLLOW_UPS)."""
        nested = {name for names in FOLLOW_UPS.values() for name in names}
        return [
            (title, [self._item(name) for name in names if name not in nested]) for title, names in SECTIONS
        ]

    def _item(self, name: str) -> BoundField | FollowUps:
        if name not in FOLLOW_UPS:
            return self[name]
        return FollowUps(self[name], [self._item(detail) for detail in FOLLOW_UPS[name]])


class CodeChoiceField(forms.ChoiceField):
    """A code from a fixed list whose refusal names the value given (cut short: it comes from a URL) and what
    the codes are; Django's own message would print the whole value and not say what is allowed."""

    def __init__(self, *, refusal: str, **kwargs: Any) -> None:
        self.refusal = refusal
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        if value and not self.valid_value(value):
            raise forms.ValidationError(self.refusal.format(value=str(value)[:20]), code="invalid_choice")
        super().validate(value)


def prefecture_filter_field() -> CodeChoiceField:
    """The 都道府県 filter of a public list (jobs here, 企業説明会 in events): a JIS code or nothing; anything else
    is refused by name."""
    return CodeChoiceField(
        label="都道府県",
        required=False,
        choices=[("", "すべて"), *PREFECTURE_CHOICES],
        refusal="都道府県コード「{value}」はありません（01〜47のJISコード、例：東京都は13）。",
    )


class JobFilterForm(forms.Form):
    """The simple list filters of the foundation (full search is the search app's). The list page and
    GET /api/v1/jobs both check their parameters with it, so they accept and refuse the same values alike."""

    prefecture = prefecture_filter_field()
    family = CodeChoiceField(
        label="職種",
        required=False,
        choices=[("", "すべて"), *FAMILY_CHOICES],
        refusal=f"職種カテゴリ「{{value}}」はありません（{'・'.join(code for code, _ in FAMILY_CHOICES)}）。",
    )


def close_confirm_form(data: Any = None, *, listed: JobPosting | None = None) -> ConfirmForm:
    """The tick before 「募集を終了する」 on the preview and the edit page; `listed`: the posting's box on the 求人管理
    list, one of many, so its label names the posting and its refusal has an id of its own."""
    what = f"「{listed.title}」の" if listed is not None else "この求人の"
    return ConfirmForm(
        data,
        label=f"{what}募集を終了します（検索と求人ページから外れます。「募集を再開する」でまた公開できます）",
        refusal=f"募集を終了する場合は、「{what}募集を終了します」にチェックを入れてください。",
        error_id=f"close-{listed.pk}-error" if listed is not None else "close-error",
    )
