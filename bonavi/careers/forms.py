"""Forms of the career pages: the 適職診断 answer sheet and the experience text."""

from __future__ import annotations

from typing import Any

from django import forms

from bonavi.core.forms import ConfirmForm
from bonavi.core.text import widen_kana

from .families import FAMILY_MEMBERS, family_name
from .items import INTEREST_CHOICES, ITEMS, VALUE_CHOICES
from .reference import get_reference
from .textcheck import MAX_CHARS, TextRejected, check_text


class AssessmentForm(forms.Form):
    """One radio group per item. Interest items are required; work-value items may be skipped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.id] = forms.TypedChoiceField(
                label=item.text,
                choices=INTEREST_CHOICES if item.is_interest else VALUE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                required=item.is_interest,
                error_messages={
                    "required": "この項目に答えてください。",
                    "invalid_choice": "0〜4から選んでください。",
                },
            )

    def interest_fields(self) -> list[forms.BoundField]:
        return [self[item.id] for item in ITEMS if item.is_interest]

    def value_fields(self) -> list[forms.BoundField]:
        return [self[item.id] for item in ITEMS if not item.is_interest]

    def answers(self) -> dict[str, int]:
        return {k: v for k, v in self.cleaned_data.items() if v is not None and v != ""}


def target_choices() -> list[tuple[str, str]]:
    ref = get_reference()
    choices: list[tuple[str, str]] = [("", "自動（いちばん近い職種の代表的な職業）")]
    for family, members in FAMILY_MEMBERS.items():
        for oid in (*members.core, *members.related):
            occ = ref.get(oid)
            if occ is not None and occ.skills:
                choices.append((str(oid), f"{family_name(family)}｜{occ.title}"))
    return choices


class TranslateForm(forms.Form):
    text = forms.CharField(
        label="経験の文章",
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_CHARS}),
        strip=False,
        required=False,
        help_text="アルバイト、サークル、前職、ボランティアなどで、何を・どのように進めたかを書いてください"
        f"（{MAX_CHARS:,}文字まで）。",
    )
    target = forms.TypedChoiceField(label="目標の職業（任意）", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = target_choices()
        # check_text says what is wrong with binary input in its own words; Django's NUL check would not.
        self.fields["text"].validators = []

    def clean_text(self) -> str:
        text = self.cleaned_data.get("text")
        try:
            checked = check_text(text)
        except TextRejected as exc:
            raise forms.ValidationError(exc.message) from exc
        # The lexicon is full width and the translator folds one character at a time (to keep offsets), so the
        # 「ﾞ」 of 「ﾚｼﾞ」 never joins its kana there: widen here, and the page, the marks and the saved text all use
        # the one widened text.
        return widen_kana(checked)


# A link to a comparison may outlive an occupation (a new jobtag release) or arrive mangled: say what to do, and
# never echo the raw value (Django's message put it, NUL bytes and all, into the page).
_PICK_AGAIN = {
    "required": "職業を一覧から選んでください。",
    "invalid_choice": "この職業は見つかりません。一覧から選んでください。",
}


class TransferForm(forms.Form):
    source = forms.TypedChoiceField(label="これまでの仕事", coerce=int, error_messages=_PICK_AGAIN)
    target = forms.TypedChoiceField(label="目指す仕事", coerce=int, error_messages=_PICK_AGAIN)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ref = get_reference()
        occupations = sorted((o for o in ref.occupations.values() if o.skills), key=lambda o: o.title)
        choices = [(str(o.jobtag_id), o.title) for o in occupations]
        self._choices("source", choices)
        self._choices("target", [c for c in target_choices() if c[0]])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


def saved_delete_form(data: Any = None) -> ConfirmForm:
    return ConfirmForm.deleting(data, what="結果")
