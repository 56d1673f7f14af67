from __future__ import annotations

from django import forms

from bonavi.core.forms import DayField

from .inputs import MAX_TEXT_CHARS


class CheckForm(forms.Form):
    text = forms.CharField(
        label="求人原稿",
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(
            attrs={
                "rows": 14,
                "placeholder": "【仕事内容】…　■給与 … のように、原稿をそのまま貼り付けてください。",
            }
        ),
        error_messages={
            "required": "求人原稿を貼り付けてください。",
            "max_length": f"原稿が長すぎます。{MAX_TEXT_CHARS:,}文字までにしてください（%(show_value)d文字あります）。",
        },
        strip=False,
    )
    date = DayField(
        label="チェック日（最低賃金・掲載期間の判定に使います）",
        required=False,
        error_messages={"invalid": "日付は「2026-11-15」の形式で入力してください。"},
        help_text="空欄なら今日の日付でチェックします。",
    )
