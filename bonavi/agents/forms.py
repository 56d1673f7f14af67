from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.prefectures import PREFECTURE_CHOICES
from bonavi.jobs.models import EmploymentType

from .models import HearingSheet


class HearingForm(forms.ModelForm):
    desired_prefectures = forms.MultipleChoiceField(
        label="希望勤務地",
        choices=PREFECTURE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    employment_types = forms.MultipleChoiceField(
        label="希望する雇用形態",
        choices=EmploymentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HearingSheet
        fields = [
            "reasons",
            "desired_occupations",
            "desired_prefectures",
            "pay_floor",
            "pay_unit",
            "employment_types",
            "telework",
            "available_from",
            "experience",
            "years_experience",
            "skills",
            "qualifications",
            "notes",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.Textarea(attrs={"rows": 2}),
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
