from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.fields import EmailField
from bonavi.core.prefectures import PREFECTURE_CHOICES
from bonavi.jobs.models import EmploymentType

from .models import CONTACT_CADENCES, CONTACT_CHANNELS, HEARING_FIELDS, HearingSheet, Office


class HearingForm(forms.ModelForm):
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
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "qualifications": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("reasons", "desired_occupations", "experience", "skills", "qualifications", "notes"):
            data[key] = data.get(key) or ""
        return data


class ApplyForm(forms.Form):
    consent = forms.BooleanField(label="上記の利用目的に同意して求職を申し込みます", required=True)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "応募する"), ("decline", "辞退する")])
    document_choice = forms.CharField(label="送付する書類", required=False, max_length=200)


class ComplaintForm(forms.Form):
    from_name = forms.CharField(label="お名前", max_length=100)
    contact = forms.CharField(label="連絡先（メール・電話）", max_length=200)
    body = forms.CharField(label="苦情の内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    wants_in_person = forms.BooleanField(label="職業紹介責任者との面談での対応を希望する", required=False)
    office = forms.TypedChoiceField(label="対象の事業所", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, offices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(o.pk, o.name) for o in offices]
        field = self.fields["office"]
        field.choices = [("", "わからない・全体について"), *choices]  # type: ignore[attr-defined]
        if len(choices) <= 1:
            field.widget = forms.HiddenInput()


ROLE_FIELDS = ("is_career_adviser", "is_recruiting_adviser", "is_responsible")


class StaffForm(forms.Form):
    """Add a person (email, name) or change one (office, roles, 講習受講日, 退職)."""

    email = EmailField(label="メールアドレス", required=False)
    display_name = forms.CharField(label="氏名", max_length=100, required=False)
    office: forms.ModelChoiceField[Office] = forms.ModelChoiceField(
        label="事業所", queryset=Office.objects.none(), empty_label=None
    )
    is_career_adviser = forms.BooleanField(label="キャリアアドバイザー", required=False)
    is_recruiting_adviser = forms.BooleanField(label="リクルーティングアドバイザー", required=False)
    is_responsible = forms.BooleanField(label="職業紹介責任者", required=False)
    responsible_training_on = forms.DateField(
        label="責任者講習の受講日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="職業紹介責任者は5年以内の受講が必要です。",
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


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label="上記の内容を確認し、この事業者への同意を撤回します",
        required=True,
        error_messages={"required": "同意を撤回する場合は、確認のチェックを入れてください。"},
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
