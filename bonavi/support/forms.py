from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.fields import EmailField
from bonavi.core.text import one_line, too_long
from bonavi.core.validators import reject_markup

from .models import Category
from .services import BODY_MAX


class ComplaintForm(forms.Form):
    """The public complaint / report form. The posting is not a field: the view resolves it from the query or
    the hidden input through the visibility rules, so nothing the form echoes can name a posting one may not see."""

    category = forms.ChoiceField(
        label="種類",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "種類を選んでください。",
            "invalid_choice": "種類を一覧から選んでください。",
        },
    )
    body = forms.CharField(
        label="苦情・お問い合わせの内容",
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": BODY_MAX}),
        max_length=BODY_MAX,
        validators=[reject_markup],
        help_text=f"何が起きたか、いつ・どの画面でかを具体的にお書きください（{BODY_MAX:,}文字まで）。",
        error_messages={
            "required": "内容を入力してください。",
            "max_length": too_long("内容", BODY_MAX, given="%(show_value)s"),
        },
    )
    reply_email = EmailField(
        label="返信先のメールアドレス",
        max_length=254,
        help_text="受付の確認と回答をこのアドレスにお送りします。",
        error_messages={"max_length": "メールアドレスが長すぎます。"},
    )
    name = forms.CharField(
        label="お名前（任意）",
        required=False,
        max_length=100,
        validators=[reject_markup],
        error_messages={"max_length": too_long("お名前", 100)},
    )

    def __init__(self, *args: Any, signed_in: bool = False, reporting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reporting:
            # Opened from a posting's 「この求人について報告する」: the page is a report, and its box says so.
            self.fields["body"].label = "報告の内容"
        field = self.fields["reply_email"]
        field.error_messages["required"] = "返信先のメールアドレスを入力してください。"
        if signed_in:
            # A signed-in person may leave it empty: the answer then goes to their login address.
            field.required = False
            field.help_text = "空欄のときは、ログイン中のアカウントのメールアドレスにお送りします。"

    def clean_name(self) -> str:
        # The name opens the acknowledgement (「〇〇 様」): a line break in it would put the sender's own lines above
        # ours, so it is one line, as every name is.
        return one_line(self.cleaned_data.get("name") or "")
