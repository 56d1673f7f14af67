from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.forms import ConfirmForm

from .models import Frequency, SavedSearch


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label="名前",
        max_length=100,
        required=False,
        help_text="空欄なら検索条件の要約が名前になります。",
        error_messages={"max_length": "名前は100文字以内で入力してください。"},
    )
    frequency = forms.ChoiceField(
        label="新着求人メール",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "配信頻度を選び直してください。",
            "required": "配信頻度を選んでください。",
        },
    )


class SavedSearchCreateForm(SavedSearchForm):
    query = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=4000,
        # A hidden field: its messages are shown at the top of the form (saved_search_form.html).
        error_messages={"max_length": "検索条件が長すぎます。条件を減らしてから保存してください。"},
    )


def saved_search_delete_form(search: SavedSearch, data: Any = None) -> ConfirmForm:
    # Named in the label and the refusal: the list shows several searches, each with its own box.
    return ConfirmForm(
        data,
        label=f"この条件を削除します（「{search.name}」・元に戻せません）",
        refusal=f"「{search.name}」を削除する場合は、「この条件を削除します」にチェックを入れてください。",
        error_id=f"delete-{search.pk}-error",
    )
