"""Forms of the events app. They only parse; the rules live in services.py so the same refusal reaches every
entry point."""

from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.text import too_long
from bonavi.jobs.forms import prefecture_filter_field
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import employer_postings, public_postings

from .models import CAPACITY_MAX, DESCRIPTION_MAX, TITLE_MAX, EventFormat

_LOCAL = "%Y-%m-%dT%H:%M"


def _when(label: str, help_text: str = "") -> forms.DateTimeField:
    # <input type="datetime-local"> sends 2026-12-03T14:00, read in the site's time zone (Asia/Tokyo).
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        input_formats=[_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL),
        error_messages={
            "required": f"{label}を入力してください。",
            "invalid": f"{label}の形式が正しくありません。",
        },
    )


class EventForm(forms.Form):
    title = forms.CharField(
        label="タイトル",
        max_length=TITLE_MAX,
        error_messages={
            "required": "タイトルを入力してください。",
            # Django's own wording (「この値は…」) names neither the field nor the limit in plain words.
            "max_length": too_long("タイトル", TITLE_MAX, given="%(show_value)s"),
        },
    )
    description = forms.CharField(
        label="説明",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="内容・対象・持ち物など。年齢や性別を限る表現、本籍・家族などを尋ねる表現は使えません。",
        error_messages={
            "required": "説明を入力してください。",
            "max_length": too_long("説明", DESCRIPTION_MAX, given="%(show_value)s"),
        },
    )
    starts_at = _when("開始日時")
    ends_at = _when("終了日時")
    format = forms.ChoiceField(
        label="形式",
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        initial=EventFormat.ONSITE,
        error_messages={
            "required": "形式は「対面」か「オンライン」から選んでください。",
            "invalid_choice": "形式は「対面」か「オンライン」から選んでください。",
        },
    )
    venue = forms.CharField(
        label="会場の住所（対面の場合）", required=False, help_text="都道府県から入力してください。"
    )
    join_url = forms.CharField(
        label="参加URL（オンラインの場合）",
        required=False,
        widget=forms.URLInput(),
        help_text="https:// で始まるURL。お申し込みの方にだけ表示・送信され、公開ページには出ません。",
    )
    capacity = forms.IntegerField(
        label="定員",
        min_value=1,
        max_value=CAPACITY_MAX,
        error_messages={
            "required": "定員を入力してください。",
            "invalid": "定員は数字で入力してください。",
            "min_value": f"定員は1〜{CAPACITY_MAX:,}人の範囲で入力してください。",
            "max_value": f"定員は1〜{CAPACITY_MAX:,}人の範囲で入力してください。",
        },
    )
    deadline = _when("申込締切", "開始日時までの日時。")
    postings: forms.ModelMultipleChoiceField[JobPosting] = forms.ModelMultipleChoiceField(
        label="関連する求人（任意）",
        queryset=JobPosting.objects.none(),  # set per employer in __init__
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="自社の掲載中の求人から選べます。求人のページに説明会が表示されます。",
        error_messages={"invalid_choice": "紐づけられるのは、自社の掲載中（公開）の求人だけです。"},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["postings"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (employer_postings(user=user) & public_postings()).order_by("-date_posted", "-pk")


class EventFilterForm(forms.Form):
    """The /events/ list's filters; the page and GET /api/v1/events both check their parameters with it."""

    prefecture = prefecture_filter_field()  # the jobs list's field: the same codes, the same refusal
    online = forms.BooleanField(label="オンラインのみ", required=False)

    def filters(self) -> dict[str, Any]:
        """The keyword arguments of `selectors.public_events` (none when the input was refused)."""
        if not self.is_valid():
            return {}
        return {"prefecture": self.cleaned_data["prefecture"], "online": self.cleaned_data["online"]}
