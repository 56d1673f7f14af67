from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from bonavi.accounts.models import Organization
from bonavi.core.contract_terms import CONTRACT_MONTHS_MAX, months_range
from bonavi.core.fields import EmailField
from bonavi.core.forms import CHOOSE, ConfirmField, ConfirmForm, DayField, field_shown, offer_steps
from bonavi.core.forms import YenField as CoreYenField
from bonavi.core.interview_form import InterviewAnswerForm
from bonavi.core.prefectures import PREFECTURE_CHOICES, prefecture_code_in, prefecture_name
from bonavi.core.text import nfkc, too_long
from bonavi.core.validators import reject_markup
from bonavi.documents.comments import MAX_COMMENT_CHARS
from bonavi.jobs.models import EmploymentType, WageUnit

from . import books, selectors
from .disclosures import TEXT_ITEMS, named
from .invitations import EMAIL_REQUIRED, NAME_REQUIRED
from .limits import CONTACT_MAX, INVITE_NOTE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX
from .models import (
    CONTACT_CADENCES,
    CONTACT_CHANNELS,
    HEARING_FIELDS,
    REQUEST_CHANNELS,
    REQUEST_NOTE_MAX,
    Candidate,
    CandidateStatus,
    ExitReason,
    FeeSystem,
    FollowUp,
    HearingSheet,
    Office,
    Stage,
)
from .offer import FIELDS as OFFER_FIELDS
from .offer import PLACE_MAX, PROBATION_CONDITIONS_MAX, PROBATION_MONTHS_INVALID, PROBATION_MONTHS_RANGE
from .services import EMPLOYER_STAGES, MAX_YEN, complaint_contact

# Said above a new hearing drafted from her profile (ADR 0141), on the page and in the API's draft (ADR 0148).
FROM_PROFILE_NOTE = (
    "「プロフィールから」の項目は、ご本人がBOナビのプロフィールに登録した内容です（同意した利用目的 6）。"
    "ヒアリングでご本人に確認し、違っていれば直してから保存してください。保存するまで記録されません。"
)


class HearingForm(forms.ModelForm):
    from_profile_note = FROM_PROFILE_NOTE

    desired_prefectures = forms.MultipleChoiceField(
        label="希望勤務地",
        choices=PREFECTURE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    employment_types = forms.MultipleChoiceField(
        label="希望する雇用形態",
        choices=EmploymentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HearingSheet
        fields = list(HEARING_FIELDS)
        field_classes = {"available_from": DayField}
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "qualifications": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, from_profile: Collection[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The fields a new sheet starts from her profile with (ADR 0141): the page marks each 「プロフィールから」.
        self.from_profile = frozenset(from_profile)
        # 「25万」「250,000」 as people type them (like the agents' other yen fields), in a text box with a number
        # keyboard: an <input type="number"> would not let them be typed at all.
        self.fields["pay_floor"] = YenField(
            label="希望給与",
            shown=str(HearingSheet._meta.get_field("pay_floor").verbose_name),
            required=False,
            example="250000、25万円",
        )
        # Django's own wording (「正しく選択してください。 99 は候補にありません。」「日付を正しく入力してください。」)
        # names neither the field nor what to do; these say both, like the other agent forms.
        for field in self.fields.values():
            label = field.label
            if isinstance(field, forms.ChoiceField):
                field.error_messages = {
                    **field.error_messages,
                    "required": f"{label}を選んでください。",
                    "invalid_choice": f"{label}を一覧から選んでください。",
                }
            elif isinstance(field, forms.DateField):
                field.error_messages = {
                    **field.error_messages,
                    "invalid": f"{label}は YYYY-MM-DD の形式の日付で入力してください（例：2026-04-01）。",
                }
            elif isinstance(field, forms.IntegerField) and not isinstance(field, YenField):
                field.error_messages = {
                    **field.error_messages,
                    "invalid": f"{label}は数字で入力してください（例：3）。",
                    "min_value": f"{label}は0以上で入力してください。",
                    "max_value": f"{label}が大きすぎます。",
                }

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("reasons", "desired_occupations", "experience", "skills", "qualifications", "notes"):
            data[key] = data.get(key) or ""
        return data


def hearing_form_for(candidate: Candidate, sheet: HearingSheet | None) -> HearingForm:
    """The hearing sheet to fill in: the saved one, or — none saved yet — a draft from her profile where her consent
    covers it (selectors.hearing_draft, ADR 0141), each such field marked 「プロフィールから」 for the adviser to confirm
    with her. Nothing is stored until the adviser saves the sheet. The page and the API's GET of the hearing read
    this one form (ADR 0148), so both give the same values."""
    if sheet is not None:
        return HearingForm(instance=sheet)
    draft = selectors.hearing_draft(candidate)
    return HearingForm(initial=draft, from_profile=set(draft))


def hearing_values(form: HearingForm) -> dict[str, Any]:
    """What an unbound hearing form shows in each field (HEARING_FIELDS), as the page prefills it."""
    return {name: form.get_initial_for_field(form.fields[name], name) for name in HEARING_FIELDS}


class ApplyForm(forms.Form):
    # The box is checked by the server (the form has novalidate): its refusal says what to do, in Japanese.
    consent = forms.BooleanField(
        label="上記の利用目的に同意して求職を申し込みます",
        required=True,
        error_messages={
            "required": "求職を申し込むには、利用目的への同意が必要です。内容を確認してチェックしてください。"
        },
    )


class ComplaintForm(forms.Form):
    from_name = forms.CharField(label="お名前", max_length=NAME_MAX)
    contact = forms.CharField(
        label="連絡先（メール・電話）",
        max_length=CONTACT_MAX,
        help_text="受付の確認メールは、ログイン中はアカウントのメールアドレスへ、そうでなければここに入力した"
        "メールアドレスへ送ります。電話番号のときはメールは送らず、職業紹介責任者からお電話します。",
    )
    body = forms.CharField(label="苦情の内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX)
    wants_in_person = forms.BooleanField(label="職業紹介責任者との面談での対応を希望する", required=False)
    office = forms.TypedChoiceField(
        label="対象の事業所",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "対象の事業所を一覧から選んでください。"},
    )

    def __init__(self, *args: Any, offices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(o.pk, o.name) for o in offices]
        field = self.fields["office"]
        field.choices = [("", "わからない・全体について"), *choices]  # type: ignore[attr-defined]
        if len(choices) <= 1:
            field.widget = forms.HiddenInput()

    def clean_contact(self) -> str:
        return complaint_contact(self.cleaned_data["contact"])

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        # With one office the choice is a hidden field, and a refused one (a stale page, a hand-made post) had its
        # reason said nowhere: it is shown as the list, the reason beside it.
        office = self.fields["office"]
        if field == "office" and office.widget.is_hidden:
            office.widget = forms.Select(choices=office.choices)  # type: ignore[attr-defined]


def employer_labels(employers: Any) -> dict[int, str]:
    """How each 求人者 is named in the intake list: companies share names (two 株式会社みらい), so the 所在地's
    prefecture follows the name, and where name and prefecture are still the same, the company's number."""
    labels: dict[int, str] = {}
    for org in employers:
        code = prefecture_code_in(org.address or "")
        labels[org.pk] = f"{org.name}（{prefecture_name(code) if code else '所在地未登録'}"
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {pk: f"{label}・No.{pk}）" if seen[label] > 1 else f"{label}）" for pk, label in labels.items()}


def _contact_person_field() -> forms.CharField:
    # An order's 求人者の担当者, the same on both intakes (非公開求人 and a public posting's order, ADR 0111).
    return forms.CharField(
        label="求人者の担当者",
        required=False,
        max_length=NAME_MAX,
        validators=[reject_markup],
        error_messages={"max_length": too_long("求人者の担当者", NAME_MAX)},
    )


def _openings_field() -> forms.IntegerField:
    # 求人数: the 求人管理簿 and the yearly report's 求人延数 count these people, on both intakes.
    return forms.IntegerField(
        label="求人数",
        min_value=1,
        max_value=999,
        initial=1,
        error_messages={
            "required": "求人数を入力してください。",
            "invalid": "求人数は数字で入力してください。",
            "min_value": "求人数は1以上で入力してください。",
            "max_value": "求人数は999以下で入力してください。",
        },
    )


def _overseas_field(
    help_text: str = "日本国外で働く求人です。求人票の就業場所（番地・建物名）に国・都市を書いてください。",
) -> forms.BooleanField:
    # The report's 国外 (ADR 0115): a posting's 勤務地 can only be a prefecture, so the order says it.
    return forms.BooleanField(label="就業場所が国外（海外勤務）", required=False, help_text=help_text)


def _planned_dispatch_field(
    label: str = "紹介予定派遣の求人",
    help_text: str = "派遣先として受け入れた後、直接雇用することを予定した求人（紹介予定派遣）です。",
) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _self_declaration_field() -> forms.BooleanField:
    # Unticked is allowed here: the service records the order as 不受理 with the reason (職業安定法5条の6).
    return forms.BooleanField(
        label="求人者から、労働関係法令違反による処分・公表等がない旨の自己申告を受けた", required=False
    )


class IntakeForm(forms.Form):
    """The order's own fields on the 求人受理 page (the job itself is the jobs app's PostingForm beside it)."""

    employer: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label="求人者（採用企業）",
        queryset=Organization.objects.none(),
        empty_label=CHOOSE,
        error_messages={
            "required": "求人者（採用企業）を選んでください。",
            "invalid_choice": "求人者（採用企業）を選んでください。",
        },
    )
    contact_person = _contact_person_field()
    openings = _openings_field()
    overseas = _overseas_field()
    planned_dispatch = _planned_dispatch_field()
    self_declaration = _self_declaration_field()

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employer"]
        field.queryset = employers  # type: ignore[attr-defined]
        labels = employer_labels(employers)
        field.label_from_instance = lambda org: labels.get(org.pk, org.name)  # type: ignore[attr-defined]


ROLE_FIELDS = ("is_career_adviser", "is_recruiting_adviser", "is_responsible")


def withdraw_form(data: Any = None) -> ConfirmForm:
    """Withdrawing consent: a page of consequences and this one box (includes/confirm_box.html)."""
    return ConfirmForm(
        data,
        label="上記の内容を確認し、この事業者への同意を撤回します",
        refusal="同意を撤回する場合は、確認のチェックを入れてください。",
        error_id="withdraw-error",
    )


HOURS = [("", "指定しない"), *[(str(h), f"{h}時") for h in range(24)]]


class ContactWishesForm(forms.Form):
    contact_channel = forms.ChoiceField(label="希望する連絡方法", choices=CONTACT_CHANNELS)
    contact_cadence = forms.ChoiceField(label="連絡の頻度", choices=CONTACT_CADENCES)
    quiet_from = forms.TypedChoiceField(
        label="連絡しない時間帯（から）", choices=HOURS, coerce=int, empty_value=None, required=False
    )
    quiet_until = forms.TypedChoiceField(
        label="連絡しない時間帯（まで）",
        choices=HOURS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="この時間帯に届くはずのメールは、終わる時刻に送ります。",
    )


# The adviser's, employer's and candidate's forms on a selection. They only parse what was typed and say, beside
# the field, what is wrong with it; the service still decides (the stage may have moved meanwhile) and its refusal
# is put beside the field it names with core.forms.add_errors.


class YenField(CoreYenField):
    """A fee or pay as people type it (core.forms.YenField): 1,260,000 / 126万 / 1260000円 are the same number.
    `label` names it in messages; `shown`, when given, is the label on the page as given (else 「label（円）」)."""

    def __init__(
        self,
        *,
        label: str,
        shown: str | None = None,
        min_value: int = 0,
        example: str = "1260000、126万円",
        **kwargs: Any,
    ) -> None:
        super().__init__(
            label=shown or f"{label}（円）",
            named=label,
            example=example,
            min_value=min_value,
            max_value=MAX_YEN,
            error_messages={"max_value": f"{label}は{MAX_YEN // 100_000_000}億円以下で入力してください。"},
            **kwargs,
        )


def _date_field(
    label: str, *, required: bool = True, named: str | None = None, help_text: str = ""
) -> forms.DateField:
    """`named`: the field's name in its messages when the label says more (「…（任意）」)."""
    named = named or label
    return DayField(
        named=named,
        label=label,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"{named}を入力してください。",
            "invalid": f"{named}は YYYY-MM-DD の形式の日付で入力してください（例：2026-04-01）。",
        },
    )


def _choice_field(label: str, choices: Any, *, pick: bool = False) -> forms.ChoiceField:
    """A required pick from a list, its two refusals naming the field. `pick`: the list starts on 「選んでください」,
    so a record the law counts (a 離職理由, a 定着確認's result) is never its first choice because nobody chose."""
    return forms.ChoiceField(
        label=label,
        choices=[("", CHOOSE), *choices] if pick else choices,
        error_messages={
            "required": f"{label}を選んでください。",
            "invalid_choice": f"{label}を一覧から選んでください。",
        },
    )


def _note_field(label: str = "連絡事項", *, named: str | None = None) -> forms.CharField:
    """`named`: the field's name in its message when the label says more (「…（任意）」)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MAX,
        error_messages={"max_length": too_long(named or label, NOTE_MAX)},
    )


class SelectionForm(forms.Form):
    """A refused form comes back with its first field in error focused (the browser scrolls to it, a screen reader
    reads the message beside it); when only the whole form was refused, its summary takes the focus instead."""

    def summary_errors(self) -> list[str]:
        """What is said above the form: the reasons about the whole form, and those about a field the person does
        not see (a hidden id, the ticks in the job cards)."""
        hidden = [
            str(m)
            for name, msgs in self.errors.items()
            if name != NON_FIELD_ERRORS and not field_shown(self, name)
            for m in msgs
        ]
        return [*(str(m) for m in self.non_field_errors()), *hidden]


class StaffForm(SelectionForm):
    """Add a person (email, name) or change one (office, roles, 講習受講日, 退職). A SelectionForm: the service's
    reasons about no field (no role ticked, too few 職業紹介責任者) are said above the form, the others beside
    their field."""

    email = EmailField(label="メールアドレス", required=False)
    display_name = forms.CharField(label="氏名", max_length=100, required=False)
    office: forms.ModelChoiceField[Office] = forms.ModelChoiceField(
        label="事業所", queryset=Office.objects.none(), empty_label=None
    )
    is_career_adviser = forms.BooleanField(label="キャリアアドバイザー", required=False)
    is_recruiting_adviser = forms.BooleanField(label="リクルーティングアドバイザー", required=False)
    is_responsible = forms.BooleanField(label="職業紹介責任者", required=False)
    responsible_training_on = _date_field(
        "責任者講習の受講日", required=False, help_text="職業紹介責任者は5年以内の受講が必要です。"
    )
    active = forms.BooleanField(label="在籍（外すとログインを停止）", required=False, initial=True)

    def __init__(
        self, *args: Any, offices: Any, office_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]  # Field has no queryset in stubs
        if office_choices is not None:
            # The page shows one form per staff member: render the offices read once, not a query per form.
            self.fields["office"].choices = office_choices  # type: ignore[attr-defined]


class TrainingForm(SelectionForm):
    """従業者教育 held at one office: the day, what it was about, who attended (that office's staff in post).
    Its fields keep their plain names; the page gives each office's form ids of its own (auto_id)."""

    held_on = _date_field("実施日")
    topic = forms.CharField(
        label="内容",
        max_length=200,
        error_messages={
            "required": "教育の内容を入力してください。",
            "max_length": "教育の内容は200文字以内で入力してください。",
        },
        widget=forms.TextInput(attrs={"placeholder": "例：個人情報の取扱いと均等待遇"}),
    )
    # Nobody ticked is the service's refusal (one wording for the page and the API).
    attendees = forms.TypedMultipleChoiceField(
        label="受講者",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "受講者はこの事業所の在籍者から選んでください。"},
    )

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = staff  # type: ignore[attr-defined]


class OfferTermsForm(forms.Form):
    """内定時の労働条件 (ADR 0112), the same boxes wherever 内定 is recorded: the employer's page and the adviser's
    card (a company with no 採用担当 account, or one that phones the adviser). Not required by the form, since they
    belong to 内定 only: the service refuses a 内定 without them, naming each missing one beside its field. They
    come after the step's own fields (shown and focused after them), and only where 内定 is a step."""

    wage_unit = forms.ChoiceField(
        label="賃金の単位",
        required=False,
        choices=[("", CHOOSE), *WageUnit.choices],
        error_messages={"invalid_choice": "賃金の単位を一覧から選んでください。"},
    )
    wage_min = YenField(
        label="賃金（下限）", shown="賃金（下限・円）", required=False, example="250000、25万円"
    )
    wage_max = YenField(
        label="賃金（上限）",
        shown="賃金（上限・円／幅がなければ空欄）",
        required=False,
        example="280000、28万円",
    )
    start_on = _date_field("入社予定日", required=False)
    employment_type = forms.ChoiceField(
        label="雇用形態",
        required=False,
        choices=[("", CHOOSE), *EmploymentType.choices],
        error_messages={"invalid_choice": "雇用形態を一覧から選んでください。"},
    )
    place = forms.CharField(
        label="就業場所",
        required=False,
        max_length=PLACE_MAX,
        error_messages={"max_length": too_long("就業場所", PLACE_MAX, given="%(show_value)s")},
    )
    probation_months = forms.IntegerField(
        label="試用期間（か月／なければ空欄）",
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": PROBATION_MONTHS_INVALID,
            "min_value": PROBATION_MONTHS_RANGE,
            "max_value": PROBATION_MONTHS_RANGE,
        },
    )
    probation_conditions = forms.CharField(
        label="試用期間中の条件",
        required=False,
        max_length=PROBATION_CONDITIONS_MAX,
        error_messages={
            "max_length": too_long("試用期間中の条件", PROBATION_CONDITIONS_MAX, given="%(show_value)s")
        },
    )
    other_changes = forms.CharField(
        label="その他の変更点（任意）",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="労働時間・休日・業務内容など、求人票の条件から変わる点があれば書いてください。",
        error_messages={"max_length": too_long("その他の変更点", NOTE_MAX)},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in OFFER_FIELDS:  # declared on a base class, they would come first
            self.fields[name] = self.fields.pop(name)

    def drop_offer_fields(self) -> None:
        """Where 内定 is not a step from here, the boxes are not offered."""
        for name in OFFER_FIELDS:
            del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("to_stage") != Stage.OFFER:
            # The prefilled 内定 boxes are posted with every step: a bad one does not stop 不採用 or an interview.
            for name in OFFER_FIELDS:
                self.errors.pop(name, None)
        return cleaned

    def stage_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in OFFER_FIELDS]

    def offer_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in OFFER_FIELDS if name in self.fields]

    def offer_refused(self) -> bool:
        """A reason beside one of the boxes: a folded group of them is shown open."""
        return any(name in self.errors for name in OFFER_FIELDS)

    def offer(self) -> dict[str, Any] | None:
        """referral_move's `offer`: the offered terms only with 内定 (the prefilled boxes are sent with every
        step). With 内定 chosen they are always passed, so that boxes left empty are refused by name."""
        d = self.cleaned_data
        if d["to_stage"] != Stage.OFFER:
            return None
        return {name: d.get(name) for name in OFFER_FIELDS}


class StageMoveForm(OfferTermsForm, SelectionForm):
    """選考状況 relayed by the adviser. `moves`: the steps offered (services.staff_next_stages of the stage now),
    after an empty choice, so the button pressed as shown asks for a choice rather than moving to a default; any
    stage is still taken, and one not allowed (a page left open while it moved) is refused by the service.
    With 内定 among them, the 内定時の労働条件 as on the employer's page: a 内定 the agency relays carries its terms
    too (5条の3③, ADR 0112)."""

    to_stage = _choice_field("選考状況", Stage.choices)
    note = _note_field()
    # Shown while the offer's changes are unread by her (ADR 0112): relaying 内定承諾 then needs it; its refusal
    # is the service's (one wording for the page and the API), said beside the box.
    changes_told = forms.BooleanField(
        label="内定承諾の場合：変更点（変更前・変更後）をご本人に伝えました", required=False
    )
    # The real deadline for her answer, given by whoever records the 内定 (ADR 0117): the adviser relaying a
    # company's phone call as well as the employer. Its rule (内定 only, today or later) is the service's.
    answer_by = _date_field(
        "内定の回答期限（内定のとき・任意）",
        required=False,
        named="回答期限",
        help_text="求職者が内定に回答する期限です。求職者のページとメールに「この日までに回答すれば足ります」と示されます。",
    )

    def __init__(
        self, *args: Any, moves: Sequence[str] | None = None, untold: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if moves is not None:
            offer_steps(self.fields["to_stage"], ((s, Stage(s).label) for s in moves))
            if Stage.OFFER not in moves:
                self.drop_offer_fields()
                del self.fields["answer_by"]  # like the offered terms, the deadline belongs to 内定 only
        if not untold:
            del self.fields["changes_told"]

    def offer_refused(self) -> bool:
        """The card folds the deadline with the offered terms: a refused one opens the group too."""
        return super().offer_refused() or "answer_by" in self.errors

    def offer_open(self) -> bool:
        """Whether the folded 内定 part comes back open: a reason in it, 内定 chosen, or a 回答期限 typed. The terms
        are prefilled and posted with every step, so their values cannot say she used them; the chosen step can."""
        if not self.is_bound:
            return False
        return (
            self.offer_refused()
            or self.data.get(self.add_prefix("to_stage")) == Stage.OFFER
            or bool(str(self.data.get(self.add_prefix("answer_by")) or "").strip())
        )

    def folded_stage_fields(self) -> list[forms.BoundField]:
        """The step's own boxes shown before the fold: the 回答期限 belongs to 内定 and goes inside it."""
        return [f for f in self.stage_fields() if f.name != "answer_by"]

    def move(self) -> dict[str, Any]:
        """referral_move's arguments."""
        d = self.cleaned_data
        return {
            "to_stage": d["to_stage"],
            "note": d["note"],
            "changes_told": d.get("changes_told", False),
            "offer": self.offer(),
            "answer_by": d.get("answer_by"),
        }


class EmployerMoveForm(StageMoveForm):
    """The employer's own stages, with 内定 its terms and the real deadline for the candidate's answer."""

    to_stage = _choice_field("次の状況", [(s.value, s.label) for s in EMPLOYER_STAGES])
    # 入社 is the company's step only (the adviser records it with the placement's form): the service asks for
    # the date with it (and refuses it with any other stage), in one wording for the page and API.
    joined_on = _date_field("入社日（入社のとき）", required=False, named="入社日")

    def __init__(self, *args: Any, moves: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, moves=moves, **kwargs)
        if Stage.JOINED not in moves:
            del self.fields["joined_on"]  # the 入社日 is asked only where 入社 is a step

    def move(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {**super().move(), "joined_on": d.get("joined_on")}


# The placement's 雇用期間の定め (ADR 0115): the radio's values, read by services.placement_record.
TERM_OPEN, TERM_FIXED = "open", "fixed"


class PlacementForm(SelectionForm):
    """入社 (就職) as the books and the yearly report record it. The employment's term, place and 紹介予定派遣 start
    from the job and its order (services.placement_defaults) and are kept as the hire really is: the service checks
    them together, in one wording for every caller. `fee_rule`: the agency's limit in one line (fees.FeeRule.summary),
    said under the fee field before it is typed, so the refusal (ADR 0116) is no surprise."""

    joined_on = _date_field("入社日")
    expected_annual_pay = YenField(label="予定年収", min_value=1)
    fee = YenField(label="手数料")
    term = forms.ChoiceField(
        label="雇用期間の定め",
        # Not required here: a post without it (an older page) keeps the job's own term.
        required=False,
        choices=[(TERM_OPEN, "期間の定めなし（無期雇用）"), (TERM_FIXED, "期間の定めあり（有期雇用）")],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "雇用期間の定めを一覧から選んでください。"},
    )
    contract_months = forms.IntegerField(
        label="雇用期間（か月）",
        required=False,
        min_value=1,
        max_value=CONTRACT_MONTHS_MAX,
        error_messages={
            "invalid": "雇用期間（か月）は数字で入力してください。",
            "min_value": months_range("雇用"),
            "max_value": months_range("雇用"),
        },
    )
    contract_days = forms.IntegerField(
        label="雇用期間（日・1か月未満の場合）",
        required=False,
        help_text="1か月未満の雇用（日雇い・短期）だけ日数で入力し、雇用期間（か月）は空欄にします。",
        error_messages={"invalid": "雇用期間（日）は数字で入力してください。"},
    )
    overseas = _overseas_field(help_text="")
    planned_dispatch = _planned_dispatch_field(
        "紹介予定派遣による就職", help_text="紹介予定派遣の派遣期間の後に、派遣先に直接雇用された場合です。"
    )

    def __init__(self, *args: Any, fee_rule: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fee"].help_text = fee_rule

    def placement(self) -> dict[str, Any]:
        """placement_record's arguments. A post without `term` is from a page older than these fields (ADR 0115):
        it sent none of them, and an unticked checkbox reads as False, so the term, 国外 and 紹介予定派遣 are all
        left None — the job's and its order's — rather than recorded as 国内 and not 紹介予定派遣."""
        d = dict(self.cleaned_data)
        term = d.pop("term")
        if term:
            d["open_ended"] = term == TERM_OPEN
        else:
            d.update(open_ended=None, overseas=None, planned_dispatch=None)
        return d


class ReportYearForm(forms.Form):
    """The records page's year switch (GET ?year=2025): the years the report can be shown for, newest first; a year
    typed into the URL outside them, or not a year, is refused by name rather than shown as empty figures."""

    year = forms.ChoiceField(label="年度", required=False)

    def __init__(self, data: Any, *, today: dt.date) -> None:
        self.published = books.published_fiscal_year(today)
        asked = str((data or {}).get("year") or "")
        # No year asked for: the year to report (the last finished one), selected as such in the list.
        super().__init__({"year": asked or str(self.published)})
        counting = books.fiscal_year_of(today)
        field = self.fields["year"]
        field.choices = [  # type: ignore[attr-defined]
            (str(y), f"{y}年度（{y}年4月〜{y + 1}年3月）" + ("・集計中" if y == counting else ""))
            for y in reversed(books.report_years(today))
        ]
        # Django's 「正しく選択してください」 names neither the year asked for nor the years there are.
        field.error_messages["invalid_choice"] = books.report_year_refusal(asked, today)

    def clean_year(self) -> int:
        return int(self.cleaned_data["year"])


class ExitForm(SelectionForm):
    """離職 of a placed person (返戻金 if the fee is partly refunded)."""

    exit_on = _date_field("離職日")
    reason = _choice_field("離職理由", ExitReason.choices, pick=True)
    refund = YenField(label="返戻金", required=False, initial=0)

    def clean_refund(self) -> int:
        return self.cleaned_data.get("refund") or 0


class FollowUpForm(ExitForm):
    """6か月定着確認; with 「離職」 the exit's date and reason (and 返戻金), recorded as the exit form records them —
    the service asks for them, so the fields are optional here."""

    outcome = _choice_field(
        "確認結果", [(o.value, o.label) for o in FollowUp.Outcome if o != FollowUp.Outcome.PENDING], pick=True
    )
    exit_on = _date_field("離職日（離職のとき）", required=False, named="離職日")
    reason = forms.ChoiceField(
        label="離職理由（離職のとき）",
        required=False,
        choices=[("", CHOOSE), *ExitReason.choices],
        error_messages={"invalid_choice": "離職理由を一覧から選んでください。"},
    )
    field_order = ["outcome", "exit_on", "reason", "refund"]


class FeeForm(SelectionForm):
    """手数料の徴収: the day it was paid, or (ticked) the day the agency gave up collecting it."""

    collected_on = _date_field("徴収日")
    written_off = forms.BooleanField(
        label="徴収できず、貸倒れとして処理した（日付は断念した日）",
        required=False,
    )


class PostingIdsField(forms.Field):
    """The jobs ticked on the candidate page (one checkbox per matching job, drawn by the template); anything but
    digits (a tampered form) matches nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        return [int(x) for x in (value or []) if str(x).isdigit()]


class ProposeForm(SelectionForm):
    # The ticks are drawn in the job cards, so a missing one is said above the form (summary_errors).
    posting = PostingIdsField(error_messages={"required": "提案する求人を選んでください。"})
    comment = forms.CharField(
        label="コメント",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long("コメント", TEXT_MAX)},
    )

    # ご本人からの求職の申出 during the 2-year lock (ADR 0113): optional here, required by the service when the box
    # 「ご本人から求職の申出があった」 is ticked while the lock is in force.
    candidate_request = forms.BooleanField(
        label="ご本人から求職の申出があった",
        required=False,
        help_text="本人の希望による提案として記録され、ご本人の提案ページに申出の日付と方法が表示されます。",
    )
    request_channel = forms.ChoiceField(
        label="申出の方法", required=False, choices=[("", CHOOSE), *REQUEST_CHANNELS]
    )
    request_on = _date_field("申出の日付", required=False)
    request_note = forms.CharField(
        label="申出の内容（短く）",
        required=False,
        max_length=REQUEST_NOTE_MAX,
        error_messages={"max_length": too_long("申出の内容", REQUEST_NOTE_MAX)},
    )

    @property
    def ticked(self) -> set[int]:
        """The jobs ticked, ticked again when the form comes back refused."""
        if not self.is_bound:
            return set()
        return set(PostingIdsField().to_python(self["posting"].value()))


class ReferForm(SelectionForm):
    """推薦: the 推薦文 goes to the employer, the 面接対策 to the candidate (both screened by the service)."""

    recommendation = forms.CharField(
        label="推薦文",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long("推薦文", TEXT_MAX)},
    )
    interview_prep = forms.CharField(
        label="この求人の面接対策（求職者に表示）",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long("面接対策", TEXT_MAX)},
    )


class InterviewPrepForm(SelectionForm):
    interview_prep = forms.CharField(
        label="面接対策（求職者に表示・企業には見せません）",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        error_messages={
            "required": "面接対策の内容を入力してください。",
            "max_length": too_long("面接対策", TEXT_MAX),
        },
    )


class OfferAnswerForm(SelectionForm):
    """The candidate's own answer to an offer; the box says which answer it is."""

    note = _note_field("企業・担当者への一言（任意）", named="一言")
    confirm = ConfirmField(refusal="回答する場合は、確認のチェックを入れてください。")

    # Shown with 承諾 when the offered terms differ from the proposal's: its refusal is the service's (one wording
    # for the page and the API), said beside the box.
    changes_read = forms.BooleanField(
        label="上の「変更点」を読み、変更後の条件を確認しました", required=False
    )

    def __init__(self, *args: Any, accept: bool, changed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = (
            "内定を承諾します（企業と担当者に伝わります）"
            if accept
            else "内定を辞退します（企業と担当者に伝わり、取り消せません）"
        )
        if not (accept and changed):
            del self.fields["changes_read"]


class AnswerForm(SelectionForm):
    """The candidate's answer to a proposal: the two buttons send `answer`, the document goes with an 応募."""

    answer = forms.CharField(required=False)
    document_choice = forms.ChoiceField(
        label="送付する書類（応募する場合）",
        required=False,
        # Buttons, not a <select>: a closed select shows one line, and at 390 px it cut 「ヒアリング内容から作成した
        # 職務経歴の要約」 and a version's 「（…保存の版）」 off — what goes to the company must be read whole.
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "選んだ書類が見つかりません。送付する書類を選んでください。"},
    )

    def __init__(self, *args: Any, documents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_choice"].choices = documents  # type: ignore[attr-defined]
        # The first one chosen, as the select chose it: 応募する with nothing ticked would send nothing.
        if documents:
            self.fields["document_choice"].initial = documents[0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") not in ("accept", "decline"):
            raise forms.ValidationError("「この求人に応募する」か「辞退する」のどちらかを押してください。")
        return data


class DeclineSelectionForm(SelectionForm):
    """The candidate withdraws from a selection herself."""

    note = _note_field("企業・担当者への一言（任意）", named="一言")
    confirm = ConfirmField(
        label="選考を辞退します（企業と担当者に伝わり、取り消せません）",
        refusal="選考を辞退する場合は、「選考を辞退します」にチェックを入れてください。",
    )


class CommentForm(SelectionForm):
    """添削: the adviser's comment on one field of a shared document. The page has one per field, each with its own
    ids (`auto_id`), and the textarea is named after the field it is about, so the visible 「コメント」 is not
    ambiguous to a screen reader. The service screens the text and checks that the field is still there."""

    path = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": "コメントする項目を選んでください。"}
    )
    body = forms.CharField(
        label="コメント",
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "コメントを入力してください。",
            "max_length": too_long("コメント", MAX_COMMENT_CHARS),
        },
    )

    def __init__(self, data: Any = None, *, path: str, about: str) -> None:
        # `key`: the field's path made fit for an id (work[0].highlights → work-0-highlights).
        self.key = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
        super().__init__(data, initial={"path": path}, auto_id=f"comment-{self.key}_%s")
        self.fields["body"].widget.attrs["aria-label"] = f"「{about}」へのコメント"


class ShareForm(SelectionForm):
    """添削依頼 (or its stop) of one document; the buttons carry the values, so a refusal is the whole form's."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    share = forms.CharField(required=False, widget=forms.HiddenInput)


class ComplaintProgressForm(SelectionForm):
    """受付 → 対応中, with the 面談日 when the person asked to be heard in person (32条の14)."""

    interview_on = _date_field(
        "面談日", required=False, named="面談日", help_text="面談で対応したとき（予定日も可）"
    )


class ResolveForm(SelectionForm):
    """対応結果 of a complaint routed to the 職業紹介責任者."""

    resolution = forms.CharField(
        label="対応結果",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "対応の内容を入力してください。",
            "max_length": too_long("対応結果", TEXT_MAX),
        },
        help_text="事業所の記録です。申出者には表示されません（担当者や他の方の名前を書いてもかまいません）。",
    )
    reply = forms.CharField(
        label="申出者への回答（任意）",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": too_long("申出者への回答", TEXT_MAX)},
        help_text="申出者のページに表示され、連絡先がメールアドレスのときは1度だけメールで届きます。"
        "空欄で対応済みにすると、申出者には何も送られません。",
    )


class ReplyCorrectionForm(SelectionForm):
    """The 訂正 of a closed complaint's 申出者への回答 (services.complaint_reply_correct checks it again)."""

    reply = forms.CharField(
        label="訂正後の回答",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "訂正後の回答を入力してください。",
            "max_length": too_long("訂正後の回答", TEXT_MAX),
        },
        help_text="申出者のページの回答がこの内容に差し替わり、訂正されたことも表示されます。連絡先がメール"
        "アドレスのときは、訂正後の回答がメールで1通届きます。訂正前の回答は、この記録に履歴として残ります。",
    )
    # The reply the page showed (services.reply_version): a 訂正 from a second tab does not silently win.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


class LateReplyForm(SelectionForm):
    """The 申出者への回答 of a complaint closed without one (services.complaint_reply_late checks it again)."""

    reply = forms.CharField(
        label="申出者への回答",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "申出者への回答を入力してください。",
            "max_length": too_long("申出者への回答", TEXT_MAX),
        },
        help_text="申出者のページに送った日付とともに表示され、連絡先がメールアドレスのときは1度だけメールで届きます。"
        "送った後の変更は「訂正」として履歴に残ります。",
    )
    # The reply the page showed (services.reply_version): a reply sent from another tab meanwhile is not overwritten.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


class InviteForm(SelectionForm):
    """「求職者を招待」 (ADR 0104). The service checks everything again (markup, the note's 指針 第5 topics) for
    the API; the form's own checks give the same words."""

    name = forms.CharField(
        label="お名前（ご本人から伺ったとおり）",
        max_length=NAME_MAX,
        error_messages={
            "required": NAME_REQUIRED,
            "max_length": too_long("お名前", NAME_MAX),
        },
    )
    email = EmailField(
        label="メールアドレス",
        max_length=254,
        error_messages={"required": EMAIL_REQUIRED},
    )
    note = forms.CharField(
        label="メモ（任意）",
        required=False,
        max_length=INVITE_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="ご本人が登録すると、この招待とメモはご本人が読めるアクセス記録にも載ります。"
        "メールには載りません。",
        error_messages={"max_length": too_long("メモ", INVITE_NOTE_MAX)},
    )


class PublicOrderForm(SelectionForm):
    """The employer's 申込み for one of its public postings (ADR 0111): the order's own fields, as on 求人受理."""

    contact_person = _contact_person_field()
    openings = _openings_field()
    overseas = _overseas_field()
    planned_dispatch = _planned_dispatch_field()
    self_declaration = _self_declaration_field()


SEARCH_MAX = 100


class CandidateSearchForm(forms.Form):
    """The dashboard's candidate list (GET): a few words found in her name, ふりがな or e-mail address, and her status."""

    q = forms.CharField(
        label="氏名・ふりがな・メールアドレス",
        required=False,
        max_length=SEARCH_MAX,
        error_messages={"max_length": too_long("検索する言葉", SEARCH_MAX)},
    )
    status = forms.ChoiceField(
        label="状態",
        required=False,
        choices=[
            ("", "すべて"),
            *((s.value, s.label) for s in CandidateStatus if s != CandidateStatus.WITHDRAWN),
        ],
        error_messages={"invalid_choice": "状態を一覧から選んでください。"},
    )


class RateField(forms.DecimalField):
    """A 手数料率 as people type it: 「30」「30%」「３０％」「33.5」 are read alike (the % sign and full-width digits
    dropped), the refusals naming the field."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = nfkc(value).strip().removesuffix("%").strip()
        return super().to_python(value)


class DisclosureForm(SelectionForm):
    """掲示事項 on /agent/agency/ (the 職業紹介責任者's; ADR 0116). The texts and their rules are
    disclosures.TEXT_ITEMS; the service decides again (the rate with the 上限制, lengths, markup). `loaded` carries
    the version the page was drawn from, so a stale tab does not put back what another 責任者 just changed."""

    fee_system = forms.ChoiceField(
        label="手数料の種類",
        choices=FeeSystem.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "手数料の種類を選んでください。",
            "invalid_choice": "手数料の種類を選んでください。",
        },
    )
    fee_rate_percent = RateField(
        label="手数料率（予定年収に対する％・届出制手数料のとき）",
        required=False,
        help_text="手数料表が「理論年収の30%」のように率で定めているときに入力します（例：30）。"
        "就職を記録するとき、予定年収にこの率を掛けた額を超える手数料は記録できません。"
        "定額など率で定めていないときは空欄（照合しません）。上限制手数料では空欄にします。",
        error_messages={
            "invalid": "手数料率は数字で入力してください（例：30、33.5）。",
            "max_digits": "手数料率は100以下の数で、小数第2位までで入力してください。",
            "max_whole_digits": "手数料率は100以下の数で入力してください。",
            "max_decimal_places": "手数料率は小数第2位までで入力してください。",
        },
        max_digits=5,
        decimal_places=2,
    )
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in TEXT_ITEMS:
            rows = 12 if item.limit > TEXT_MAX else 3
            self.fields[item.name] = forms.CharField(
                label=item.label,
                required=item.required,
                help_text=item.help_text,
                widget=forms.TextInput()
                if item.name == "complaint_contact"
                else forms.Textarea(attrs={"rows": rows}),
                error_messages={"required": f"{named(item)}を入力してください。"},
            )

    def groups(self) -> list[tuple[str, str, list[Any]]]:
        """The page's sections: (id, heading, bound fields)."""
        return [
            (
                "fees",
                "手数料",
                [
                    self[n]
                    for n in ("fee_system", "fee_rate_percent", "fee_table", "refund_policy", "penalty_terms")
                ],
            ),
            ("scope", "取扱職種の範囲等", [self["occupations_scope"]]),
            ("rules", "規程", [self["operating_rules"], self["privacy_policy"]]),
            ("contact", "苦情の申出先・特色", [self["complaint_contact"], self["strengths"]]),
        ]


class ReferralInterviewAnswerForm(InterviewAnswerForm):
    """Her answer to the date of her 推薦's interview (ADR 0154): the direct application's form (ADR 0140, the same
    fields, parsing and hidden date, core.interview_form's), but the box says who reads it — her adviser, who
    relays to the company."""

    told = "送ると担当のキャリアアドバイザーにメールでお知らせし、担当者が企業と調整します。"

    def name_readers(self, who: str, short: str) -> None:
        """Say who reads it: her adviser, or her office's 職業紹介責任者 while none is assigned (ADR 0154, s19)."""
        self.say_told(f"送ると{who}にメールでお知らせし、{short}が企業と調整します。")
