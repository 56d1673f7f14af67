from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from bonavi.accounts import services as account_services
from bonavi.core import clock, interview_form
from bonavi.core.fields import PhoneField, PostalCodeField
from bonavi.core.forms import (
    ConfirmForm,
    DayField,
    ErrorLink,
    YenField,
    choose_prompt,
    error_links,
    offer_steps,
)
from bonavi.core.interviews import InterviewBase
from bonavi.core.prefectures import PREFECTURE_CHOICES
from bonavi.core.text import one_line
from bonavi.jobs.catalog import FAMILY_CHOICES
from bonavi.jobs.models import EmploymentType

from . import message_files, offers, services
from .attachments import Preview
from .catalog import PC_LEVELS, PC_SKILLS, QUALIFICATION_CHOICES
from .models import MESSAGE_MAX, PROFILE_FIELDS, ApplicationStatus, HistoryKind, SeekerProfile, kana_reading
from .services import REQUIRED_TO_APPLY

MAX_ANNUAL_MAN_YEN = 10_000  # the model's limit: 1億円


class KanaField(forms.CharField):
    """ふりがな: katakana (ヤマダ, ﾔﾏﾀﾞ) is turned into hiragana before the model's check, which would refuse it."""

    def to_python(self, value: Any) -> str:
        return kana_reading(str(super().to_python(value)))


class AnnualIncomeField(YenField):
    """希望年収 in 万円, read as people type it: 「500」 is 500万円, and 「500万」「500万円」「5,000,000」「5000000円」
    (yen, read by core.forms.YenField) are the same 500. A plain number is 万円 up to the field's limit and yen from
    10万 up (nobody asks 10億円 a year); between the two, or not a whole number of 万円, it is refused rather than
    guessed."""

    _EXPECTED = "万円単位の数字で入力してください（例：450、450万円、4,500,000円）"

    def prepare_value(self, value: Any) -> Any:
        # 万円 as stored (「450」): the box's unit is 万円, where a thousands mark (「1,200」) would look like yen.
        return value

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            named="希望年収",
            example="450、450万円、4,500,000円",
            label="希望年収（万円）",
            required=False,
            max_value=MAX_ANNUAL_MAN_YEN,
            help_text="例：450（450万円）",
            error_messages={
                "invalid": f"希望年収は{self._EXPECTED}。",
                "fraction": f"希望年収は{self._EXPECTED}。",
                "min_value": "希望年収にマイナスの金額は入力できません。",
                "max_value": f"希望年収は{MAX_ANNUAL_MAN_YEN:,}万円（1億円）以下で入力してください。",
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> int | None:
        amount = super().to_python(value)  # yen as typed; the 万円 rule below decides what the number means
        if amount is None:
            return None
        text = str(value).strip()
        in_yen = "万" in text or "円" in text or "¥" in text or "￥" in text or amount >= 100_000
        if not in_yen:
            if amount > MAX_ANNUAL_MAN_YEN:  # 「50000」: 5万円 a year, or 5億円? Ask rather than guess.
                raise forms.ValidationError(
                    f"希望年収「{text}」は万円か円か分かりません。{self._EXPECTED}。", code="invalid"
                )
            return amount
        if amount % 10_000:
            raise forms.ValidationError(
                f"希望年収は{self._EXPECTED}（{amount:,}円は万円で割り切れません）。", code="invalid"
            )
        return amount // 10_000


class ProfileForm(forms.ModelForm):
    desired_families = forms.MultipleChoiceField(
        label="希望職種", choices=FAMILY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    desired_prefectures = forms.MultipleChoiceField(
        label="希望勤務地（都道府県）",
        choices=PREFECTURE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    desired_employment_types = forms.MultipleChoiceField(
        label="希望雇用形態",
        choices=EmploymentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    desired_annual_income = AnnualIncomeField()

    class Meta:
        model = SeekerProfile
        fields = [f for f in PROFILE_FIELDS if f != "pc_skills"]  # PC skills are the pc_* fields below
        field_classes = {
            "phone": PhoneField,
            "postal_code": PostalCodeField,
            "birth_date": DayField,
            "available_from": DayField,
            "family_name_kana": KanaField,
            "given_name_kana": KanaField,
        }
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }

    SECTIONS = [
        (
            "基本情報",
            ["family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "gender"],
        ),
        ("連絡先", ["phone", "postal_code", "address"]),
        ("現在の状況", ["situation"]),
        (
            "希望条件",
            [
                "desired_families",
                "desired_prefectures",
                "desired_employment_types",
                "desired_pay_unit",
                "desired_pay_min",
                "desired_annual_income",
                "available_from",
                "remote_preference",
            ],
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_prompt(
            self
        )  # 現在の状況 and the pay's unit open on 「選んでください」, not Django's 「---------」
        # The profile may be saved half-filled, but these must be there to apply: includes/field.html marks them
        # 「応募に必要」 (the form says why above them), where a seeker sent here from 応募 looks for what is missing.
        for name in REQUIRED_TO_APPLY:
            self.fields[name].needed_to_apply = True  # type: ignore[attr-defined]
        skills = (self.instance.pc_skills if self.instance else None) or {}
        for code, label in PC_SKILLS:
            self.fields[f"pc_{code}"] = forms.TypedChoiceField(
                label=label, choices=PC_LEVELS, coerce=int, initial=skills.get(code, 0), required=False
            )
        # The order of the page (生年月日 in 基本情報 is above 電話番号 in 連絡先), which the reasons' summary and
        # the focus of a refused form follow: in the model's order the summary listed 電話番号 first.
        self.order_fields(
            [name for _, names in self.SECTIONS for name in names]
            + [f"pc_{code}" for code, _ in PC_SKILLS]
            + ["experience"]
        )

    def clean_birth_date(self) -> Any:
        # Asked here as well as in profile_update (the guard, and the API's only check): a wrong phone number and
        # a future 生年月日 were said in two rounds, the date only once the phone was fixed (ADR 0121).
        value = self.cleaned_data.get("birth_date")
        problem = services.birth_date_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "desired_pay_min" not in self.errors and "desired_pay_unit" not in self.errors:
            unit, amount = cleaned.get("desired_pay_unit"), cleaned.get("desired_pay_min")
            for field, message in services.desired_pay_problems(unit, amount).items():
                self.add_error(field, message)
        return cleaned

    def pc_skill_fields(self) -> list[forms.BoundField]:
        return [self[f"pc_{code}"] for code, _ in PC_SKILLS]

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["pc_skills"] = {code: self.cleaned_data.get(f"pc_{code}") or 0 for code, _ in PC_SKILLS}
        return data


# The oldest year a 学歴・職歴 or 資格 row may have (the models' own validators say the same).
OLDEST_ROW_YEAR = 1950


def _row_year(label: str, named: str) -> forms.IntegerField:
    """A row's optional year, refused naming the box (Django's 「この値は 1950 以上でなければなりません。」 named
    nothing)."""
    return forms.IntegerField(
        label=label,
        min_value=OLDEST_ROW_YEAR,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": f"{named}は西暦4桁の数字で入力してください（例：2020）。",
            "min_value": f"{named}は{OLDEST_ROW_YEAR}年以降を西暦4桁で入力してください（例：2020）。",
            "max_value": f"{named}を確認してください。西暦4桁で入力します（例：2020）。",
        },
    )


def _row_month(label: str, named: str) -> forms.IntegerField:
    refused = f"{named}は1〜12の数字で入力してください。"
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=12,
        required=False,
        error_messages={"invalid": refused, "min_value": refused, "max_value": refused},
    )


class HistoryRowForm(forms.Form):
    kind = forms.ChoiceField(
        label="区分",
        choices=HistoryKind.choices,
        error_messages={"required": "学歴か職歴かを選んでください。"},
    )
    year = _row_year("年", "学歴・職歴の年")
    month = _row_month("月", "学歴・職歴の月")
    # A box that wraps (a one-line input cut 「株式会社ソラ会計サービス 入社（経理アシ」 at 390 px, so a returning
    # seeker could not read her own rows); still one line of the 履歴書, so a line break typed in it is a space.
    text = forms.CharField(
        label="内容",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 200, "class": "row-text"}),
        error_messages={"max_length": "学歴・職歴の内容は200文字以内で入力してください。"},
    )

    def clean_text(self) -> str:
        return one_line(self.cleaned_data.get("text") or "")

    def clean(self) -> dict[str, Any]:
        # The service's row rules (年と月, a year too far ahead, 内容), asked here too so that they come with the
        # rest of the page's reasons; a field already refused for its own format is not told twice.
        cleaned: dict[str, Any] = super().clean() or {}
        if self._used(cleaned):
            for field, message in services.history_row_problems(cleaned).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned

    @staticmethod
    def _used(d: dict[str, Any]) -> bool:
        """Any box typed in (区分 is a choice with a default, not typed): a row with only 月 was dropped without a
        word; now the row rules say what is missing."""
        return bool(d.get("text") or d.get("year") or d.get("month"))

    def row(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not d or not self._used(d):
            return None
        return {"kind": d["kind"], "year": d.get("year"), "month": d.get("month"), "text": d.get("text", "")}


class QualificationRowForm(forms.Form):
    code = forms.ChoiceField(label="資格（一覧から）", choices=QUALIFICATION_CHOICES, required=False)
    name = forms.CharField(label="資格名（一覧にない場合）", max_length=100, required=False)
    acquired_year = _row_year("取得年", "資格の取得年")
    acquired_month = _row_month("取得月", "資格の取得月")
    score = forms.IntegerField(
        label="スコア（TOEICなど）",
        min_value=0,
        max_value=9999,
        required=False,
        error_messages={
            "invalid": "スコアは数字で入力してください（例：TOEICなら 750）。",
            "min_value": "スコアは0〜9999の数字で入力してください。",
            "max_value": "スコアは0〜9999の数字で入力してください。",
        },
    )

    def clean(self) -> dict[str, Any]:
        # As HistoryRowForm.clean: the service's row rules, said with the rest of the page's reasons.
        cleaned: dict[str, Any] = super().clean() or {}
        if self._used(cleaned):
            for field, message in services.qualification_row_problems(cleaned).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned

    @staticmethod
    def _used(d: dict[str, Any]) -> bool:
        """Any box typed in (a スコア of 0 too): 取得年 or スコア with no 資格 was dropped without a word; now the row
        rules ask for the 資格."""
        return any(
            d.get(f) not in (None, "") for f in ("code", "name", "acquired_year", "acquired_month", "score")
        )

    def row(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not d or not self._used(d):
            return None
        return {k: d.get(k) for k in ("code", "name", "acquired_year", "acquired_month", "score")}


HistoryFormSet = forms.formset_factory(HistoryRowForm, extra=2, can_delete=True, max_num=30, absolute_max=40)
QualificationFormSet = forms.formset_factory(
    QualificationRowForm, extra=2, can_delete=True, max_num=30, absolute_max=40
)


def profile_error_links(
    form: ProfileForm, history: forms.BaseFormSet, quals: forms.BaseFormSet
) -> list[ErrorLink]:
    """Every reason of a refused profile, each linked to its field, in the order of the page: the sections, then
    学歴・職歴 and 資格 row by row (「学歴・職歴 2行目の年」), then PCスキル and 経験, which the page shows last."""
    pc = {name for name in form.fields if name.startswith("pc_")}
    errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}

    def about(names: set[str]) -> dict[str, list[str]]:
        return {name: msgs for name, msgs in errors.items() if name in names}

    links = error_links(form, about(set(errors) - pc - {"experience"}))
    for title, anchor, formset in (("学歴・職歴", "history", history), ("資格", "quals", quals)):
        links += [ErrorLink(f"#{anchor}", title, str(message)) for message in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, 1):
            links += [
                link._replace(label=f"{title} {number}行目の{link.label}") if link.href else link
                for link in error_links(row)
            ]
    for below in (pc, {"experience"}):  # the fields' order puts 経験 before the pc_ fields added in __init__
        links += error_links(form, about(below))
    return links


def unchecked(form: forms.BaseForm, *formsets: forms.BaseFormSet) -> None:
    """Show bound forms as typed with no reasons: a 「住所を検索」 press re-renders the profile without saving it,
    so a field not yet finished is not 「refused」 (no red, no focus moved away from where the person was)."""
    form._errors = forms.utils.ErrorDict()  # type: ignore[attr-defined]
    for formset in formsets:
        for row in formset.forms:
            row._errors = forms.utils.ErrorDict()
        formset._errors = [row.errors for row in formset.forms]  # type: ignore[attr-defined]
        formset._non_form_errors = formset.error_class()  # type: ignore[attr-defined]


class ApplyForm(forms.Form):
    # Radio buttons, not a select filled by script: the 応募 page works without JavaScript.
    document = forms.ChoiceField(
        label="一緒に送る履歴書・職務経歴書（任意）",
        required=False,
        widget=forms.RadioSelect,
        help_text="選んだ書類は応募した時点の内容で企業に届きます。あとで書類を直しても、届いた内容は変わりません。",
        error_messages={"invalid_choice": "選んだ書類が見つかりません。送付する書類を選び直してください。"},
    )
    message = forms.CharField(
        label="企業へのメッセージ（任意）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "メッセージは2000文字以内で入力してください。"},
    )

    def __init__(
        self,
        *args: Any,
        documents: list[tuple[int, str]],
        previews: Mapping[int, list[Preview]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Her own versions' 「PDFで確認」 links (attachments.document_previews), shown beside each choice.
        self.previews = previews or {}
        if documents or self.data.get("document"):
            # A document posted after the last version was deleted (an old tab) is refused by name below,
            # never dropped silently: the seeker thought it went with the application.
            self.fields["document"].choices = [  # type: ignore[attr-defined]
                ("", "送らない（プロフィールだけ）"),
                *((str(pk), label) for pk, label in documents),
            ]
            # Her newest version is chosen to start with: a student who made a 履歴書 for this 応募 and presses
            # 応募する should not send her profile alone by default. 「送らない」 stays one tap away.
            if documents:
                self.fields["document"].initial = str(documents[0][0])
        else:  # nothing to choose: no radio group with a single answer on the page
            del self.fields["document"]

    def document_id(self) -> int | None:
        value = self.cleaned_data.get("document") or ""
        return int(value) if value else None

    def document_rows(self) -> list[tuple[Any, list[Preview]]]:
        """Each choice's radio with the PDFs of that version (none for 「送らない」 or a version gone since)."""
        if "document" not in self.fields:
            return []
        rows = []
        for radio in self["document"]:
            value = str(radio.data["value"])
            rows.append((radio, self.previews.get(int(value), []) if value.isdigit() else []))
        return rows


# A move's choice where its bare word would mislead: the company does not decline, it records her decline (ADR 0126).
MOVE_WORDS = {ApplicationStatus.WITHDRAWN.value: "辞退（応募者から辞退の連絡を受けた）"}


def any_of(words: Sequence[str]) -> str:
    """「「内定」に」, 「「内定」「不採用」のどちらに」, 「「内定」「不採用」「辞退」のどれに」: the word for "whichever"
    follows the number of choices (どちら for two, どれ for three or more), as the form's help says it."""
    quoted = "".join(f"「{w}」" for w in words)
    if len(words) == 1:
        return f"{quoted}に"
    return f"{quoted}の{'どちら' if len(words) == 2 else 'どれ'}に"


def _answer_by_field(label: str, help_text: str) -> DayField:
    """A 回答期限 box (the move to 内定 and its change): optional, one message for a day it cannot read."""
    return DayField(
        named="回答期限",
        label=label,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": "回答期限は YYYY-MM-DD の形式の日付で入力してください（例：2026-12-04）。"
        },
    )


def _start_on_field(label: str, help_text: str, *, required: str = "") -> DayField:
    """An 入社予定日 box (the move to 内定, its change, a proposal after her 承諾): optional unless `required` gives
    the words for an empty one."""
    messages = {"invalid": "入社予定日は YYYY-MM-DD の形式の日付で入力してください（例：2027-04-01）。"}
    if required:
        messages["required"] = required
    return DayField(
        named="入社予定日", label=label, required=bool(required), help_text=help_text, error_messages=messages
    )


def _offer_terms_field(label: str, help_text: str) -> forms.CharField:
    """The 内定の条件 box. No max_length: the browser's maxlength would cut a paste short without a word, and count
    a CR LF twice; the service refuses more in the words every form uses (ADR 0128)."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


def _pick_between(field: forms.Field, days: tuple[dt.date, dt.date]) -> None:
    """The picker offers only the days offers' rules take (the same ranges), so a day the server would refuse is
    greyed out; a typed one outside is still refused in words beside the box."""
    first, last = days
    field.widget.attrs.update({"min": first.isoformat(), "max": last.isoformat()})


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        label="次の状況",
        choices=[(s.value, s.label) for s in ApplicationStatus if s != ApplicationStatus.APPLIED],
        error_messages={
            "required": "次の状況を選んでください。",
            "invalid_choice": "選考状況を選び直してください。",
        },
    )
    note = forms.CharField(
        label="応募者への連絡事項（任意・メールに記載されます）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # What the company gives with a 内定 (ADR 0129), each optional; shown only while 内定 is a step from here. Only
    # parsed here: their rules (dates' bounds, the terms' length and wording) are offers.offer_problems, one for
    # the page and the API, said beside each box.
    answer_by = _answer_by_field(
        "回答期限（任意）",
        f"応募者が内定に回答する期限。今日から{offers.ANSWER_BY_MAX_DAYS}日以内で指定できます。"
        "空欄なら期限なしです。前日に応募者へリマインドメールが届きます。",
    )
    start_on = _start_on_field("入社予定日（任意）", "決まっていれば。明日以降の日付です。")
    offer_terms = _offer_terms_field(
        "内定の条件（任意）",
        f"{offers.OFFER_TERMS_MAX:,}文字まで。提示する月給・年収、配属先、求人票と違う雇用形態など。"
        "求人の文章と同じく、性別・年齢で人を示す言葉や、本籍・家族などを尋ねる言葉は書けません。",
    )

    def __init__(
        self, *args: Any, moves: Sequence[str], calls_off: InterviewBase | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offer_steps(
            self.fields["status"], ((s, MOVE_WORDS.get(s, ApplicationStatus(s).label)) for s in moves)
        )
        if ApplicationStatus.OFFER not in moves:
            for name in offers.OFFER_FIELDS:
                del self.fields[
                    name
                ]  # like the interview part, the 内定's facts belong to a move to 内定 only
        else:
            today = clock.today_jst()
            _pick_between(self.fields["answer_by"], offers.answer_by_range(today))
            _pick_between(self.fields["start_on"], offers.start_on_range(today))
        if calls_off is not None:
            # Said beside the choice, before the button (no script needed): every move from 面接 calls the
            # interview off (services._move), and the applicant's mail says so (ADR 0121).
            self.fields["status"].help_text = (
                f"面接（{calls_off.when_display}）が予定されています。"
                f"{any_of([ApplicationStatus(s).label for s in moves])}進めても、"
                "この面接の日程は取り消され、応募者へのお知らせメールと経過にもそう記録されます。"
            )

    def offer_open(self) -> bool:
        """Whether the 内定 part's fold starts open: a box of it refused, or given (a refused move of another field
        comes back with what was typed there). Closed otherwise: ~550 px at 390 px that a 不採用 does not need."""
        if not self.is_bound:
            return False
        return any(
            name in self.errors or self.data.get(self.add_prefix(name)) for name in offers.OFFER_FIELDS
        )

    def offer_fields(self) -> list[forms.BoundField]:
        """The 内定 part's boxes, for their own fieldset (empty when 内定 is not a step from here)."""
        return [self[name] for name in offers.OFFER_FIELDS if name in self.fields]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("status", "note")]

    def offer_values(self) -> dict[str, Any]:
        """application_move's 内定 arguments, as parsed (absent boxes: nothing given)."""
        d = self.cleaned_data
        return {
            "answer_by": d.get("answer_by"),
            "start_on": d.get("start_on"),
            "offer_terms": d.get("offer_terms") or "",
        }


class AnswerByChangeForm(forms.Form):
    """The company's change of an unanswered 内定's 回答期限 (ADR 0129 addendum): a new day, or — the second button,
    「期限なしにする」, which posts `clear` — none. Only parsed here; the rules (bounds, the 入社予定日, a real change)
    are offers.answer_by_change_problems, the same for the API, said beside the box."""

    answer_by = _answer_by_field("新しい回答期限", f"今日から{offers.ANSWER_BY_MAX_DAYS}日以内の日付です。")
    clear = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "deadline")
        super().__init__(*args, **kwargs)
        _pick_between(self.fields["answer_by"], offers.answer_by_range(clock.today_jst()))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("clear"):
            cleaned["answer_by"] = (
                None  # the button says 期限なし: a day left in the box is not what was asked
            )
        elif cleaned.get("answer_by") is None and "answer_by" not in self.errors:
            self.add_error(
                "answer_by",
                "新しい回答期限の日付を入力してください。期限をなくす場合は「期限なしにする」を押してください。",
            )
        return cleaned


class OfferChangeForm(forms.Form):
    """The company's change of an unanswered 内定's 入社予定日 and 内定の条件 (ADR 0130), both boxes filled with
    what stands now: she changes one or both (an emptied box removes the item). Only parsed here; the rules (the
    move's own checks on a changed item, a real change) are offers.offer_change_problems, the same for the API,
    said beside each box."""

    start_on = _start_on_field(
        "入社予定日", "明日以降・1年以内で、回答期限の日以降です。空欄にすると「指定なし」になります。"
    )
    offer_terms = _offer_terms_field(
        "内定の条件",
        f"{offers.OFFER_TERMS_MAX:,}文字まで。内定のときと同じ表現のチェックがあります。"
        "空欄にすると条件の記載がなくなります。",
    )

    def __init__(self, *args: Any, application: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "offerchange")
        if application is not None:
            kwargs.setdefault(
                "initial", {"start_on": application.offer_start_on, "offer_terms": application.offer_terms}
            )
        super().__init__(*args, **kwargs)
        _pick_between(self.fields["start_on"], offers.start_on_range(clock.today_jst()))


class StartProposalForm(forms.Form):
    """A proposal of a new 入社予定日 after her 承諾: the company's (ADR 0130) or hers (`side="seeker"`, ADR 0135).
    Only parsed here; the rules are offers.start_proposal_problems, the same for the API."""

    start_on = _start_on_field(
        "提案する入社予定日",
        "明日以降・1年以内の日付です。応募者が同意するまで、いまの入社予定日のままです。",
        required="提案する入社予定日を入力してください。",
    )

    # Optional (ADR 0155). No max_length: the service counts after folding CR LF, as for a message.
    reason = forms.CharField(
        label="理由（任意）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": offers.START_REASON_MAX}),
        help_text=(
            f"{offers.START_REASON_MAX}文字まで。例：「研修日程の都合で、入社日を月初にそろえたいため」。"
            "応募者へのメールと経過に載ります。"
        ),
    )

    def __init__(self, *args: Any, side: str = "employer", **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "startprop")
        super().__init__(*args, **kwargs)
        if side == "seeker":
            self.fields[
                "start_on"
            ].help_text = "明日以降・1年以内の日付です。企業が同意するまで、いまの入社予定日のままです。"
            # Her words stay behind the login (ADR 0044): the company's mail only says that there is a reason.
            self.fields["reason"].help_text = (
                f"{offers.START_REASON_MAX}文字まで。例：「退職交渉が長引いているため」。"
                "企業のページと経過に表示されます。"
            )
        _pick_between(self.fields["start_on"], offers.start_on_range(clock.today_jst()))


class StartReasonForm(forms.Form):
    """The 理由 of one's own pending 入社日 proposal, corrected alone (ADR 0155, addendum s20). `proposed`: the date
    the page showed, so a correction never lands on a proposal made after it looked. The rules are
    offers.start_reason_clean, the same for the API; "" removes the reason."""

    proposed = forms.DateField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label="理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": offers.START_REASON_MAX}),
    )

    def __init__(self, *args: Any, side: str = "employer", **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "startreason")
        super().__init__(*args, **kwargs)
        # Where the words go, as the proposal's own box says it (her words stay behind the login, ADR 0044).
        self.fields["reason"].help_text = (
            f"{offers.START_REASON_MAX}文字まで。空にすると理由を削除します。"
            + (
                "企業のページと経過に表示され、企業には修正したことだけをメールで伝えます。"
                if side == "seeker"
                else "応募者へのメールと経過に載ります。"
            )
        )


class MessageForm(forms.Form):
    """A message in an application's thread (both sides); the service judges the text (ADR 0090)."""

    # No max_length here: a browser sends each line break as CR LF, so the form would count it twice; the
    # service counts after folding them (and says so in Japanese), the browser's maxlength counts them once.
    # Not required: a message may be only a file. The service says 「入力するか、添付してください」 when both are empty.
    body = forms.CharField(
        label="新しいメッセージ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX}),
        help_text=f"{MESSAGE_MAX:,}文字まで。送ると相手にメールでお知らせします。",
    )
    # The service judges the file by its content (message_files); `accept` only narrows the phone's picker.
    file = forms.FileField(
        label="添付ファイル（任意）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": message_files.ACCEPT}),
        help_text=f"{message_files.WHAT}のファイルを1つ、{message_files.MAX_LABEL}まで。",
        error_messages={
            "invalid": "ファイルを読み取れませんでした。もう一度選んでください。",
            "empty": message_files.EMPTY,
        },
    )


class InterviewAnswerForm(interview_form.InterviewAnswerForm):
    """Her answer to the interview's date (ADR 0140): core's form, its words going to the company's 採用担当
    (services.interview_answer judges them)."""

    told = "送ると採用担当にメールでお知らせします。"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="パスワード", widget=forms.PasswordInput, strip=False)
    confirm = forms.BooleanField(
        label="退会するとプロフィール・お気に入り・保存した検索条件などが削除され（応募の記録は氏名などを消して残ります）、元に戻せないことを理解しました",
        error_messages={"required": "退会するには確認のチェックを入れてください。"},
    )

    def __init__(self, *args: Any, user: Any, ip: str = "", **kwargs: Any) -> None:
        self.user = user
        self.ip = ip
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        verdict = account_services.password_confirm(user=self.user, password=password, ip=self.ip)
        if verdict == "throttled":
            raise forms.ValidationError(account_services.THROTTLED_MESSAGE)
        if verdict == "wrong":
            raise forms.ValidationError("パスワードが正しくありません。")
        return password


def withdraw_form(data: Any = None, *, offer: bool = False) -> ConfirmForm:
    """The tick before 辞退; `offer`: at 内定, where it is 内定辞退 (ADR 0126)."""
    what = "内定" if offer else "応募"
    return ConfirmForm(
        data,
        label=f"この{what}を辞退します（企業に伝わり、元に戻せません）",
        refusal=f"辞退する場合は、「この{what}を辞退します」にチェックを入れてください。",
        error_id="withdraw-error",
    )


def offer_accept_form(data: Any = None) -> ConfirmForm:
    """The tick before 内定承諾 (ADR 0126): one press tells the company, as 辞退 does."""
    return ConfirmForm(
        data,
        label="上の労働条件を確かめ、この内定を承諾します",
        refusal="承諾する場合は、「上の労働条件を確かめ、この内定を承諾します」にチェックを入れてください。",
        error_id="offer-accept-error",
    )
