"""Putting a service's refusal onto the form the person filled in, and the tick-to-confirm form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import strip_tags

from .dates import DATE, as_written, parse_date
from .money import PARSE_LIMIT, YenError, parse_yen
from .text import nfkc

# The words of a select's empty first choice on every form of the site. Django's own, 「---------」 on a model
# field's choices, says nothing to a person; choose_prompt puts these in its place.
CHOOSE: Final = "選んでください"


def choose_prompt(form: forms.BaseForm) -> None:
    """Every select of `form` that would open on Django's empty 「---------」 opens on 「選んでください」 instead."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):  # before ChoiceField: its choices are a query
            if field.empty_label == BLANK_CHOICE_DASH[0][1]:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)  # type: ignore[arg-type]  # normalised to pairs by ChoiceField
            if choices and tuple(choices[0]) == BLANK_CHOICE_DASH[0]:
                field.choices = [("", CHOOSE), *choices[1:]]


def required_message(field: forms.Field, label: str) -> str:
    """What an empty required field says, naming it and the act it asks for: 「メールアドレスを入力してください。」,
    「職種を選んでください。」 for a choice or a file, 「「…」にチェックを入れてください。」 for a box (its label is a sentence)."""
    if isinstance(field, forms.BooleanField):
        return f"「{label}」にチェックを入れてください。"
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.FileField)):
        return f"{label}を選んでください。"
    return f"{label}を入力してください。"


def _is_django_required(message: object) -> bool:
    return str(message) == str(forms.Field.default_error_messages["required"])


def name_required_fields(form: forms.BaseForm) -> None:
    """Every required field of `form` still carrying Django's 「このフィールドは必須です。」 — which names no field, and
    beside a box deep in a long form or in the list at the top says nothing of what to do — gets required_message
    instead. A message a form gives itself (「退会するには確認のチェックを入れてください。」) is kept. The fields are the
    form's own copies (Django deep-copies them per form), so a class's fields are never changed."""
    for name, field in form.fields.items():
        if field.required and _is_django_required(field.error_messages.get("required")):
            label = strip_tags(str(field.label if field.label is not None else form[name].label)).strip()
            field.error_messages = {**field.error_messages, "required": required_message(field, label)}


def install_required_messages() -> None:
    """The one rule for every form of the site (core's ready()): name_required_fields runs as a form starts its
    validation, so no form has to remember it — a form, a ModelForm, each form of a formset, the admin's. The
    words are set before validation, not rewritten after it, so the error's code stays "required"."""
    full_clean = forms.BaseForm.full_clean
    if getattr(full_clean, "names_required_fields", False):
        return

    def naming_full_clean(self: forms.BaseForm) -> None:
        name_required_fields(self)
        full_clean(self)

    naming_full_clean.names_required_fields = True  # type: ignore[attr-defined]
    forms.BaseForm.full_clean = naming_full_clean  # type: ignore[method-assign]


def add_errors(form: forms.BaseForm, errors: Mapping[str, Iterable[str]]) -> None:
    """Each message beside the field it names, or above the form when the form has no such field (a service
    judges the whole record; a form shows only part of it)."""
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class FocusingBoundField(BoundField):
    """A field that, on a refused form, is the first one in error gets `autofocus`: every form on the site, not only
    those whose view remembers to ask. Without it a refused signup, posting or event form came
    back with focus at the top of the page, and a keyboard or screen-reader user had to hunt for the message."""

    @property
    def takes_focus(self) -> bool:
        """This field is where a refused form puts the focus. A group of radios or checkboxes (a fieldset widget)
        takes it on its fieldset, which the field templates mark `tabindex="-1" autofocus`: the widget copies its
        attrs to every option, so autofocus on the widget gave a 47-prefecture list 47 focus targets."""
        return (
            bool(self.errors)
            and not self.field.widget.is_hidden
            and not getattr(self.form, "focus_elsewhere", False)
            and self.name == first_field_in_error(self.form)
        )

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.use_fieldset and self.takes_focus:
            attrs["autofocus"] = True
        return attrs


def errors_to_messages(request: Any, errors: Mapping[str, Iterable[str]]) -> None:
    """A refusal said at the top of the next page (a button with no fields of its own to show it beside): every
    message, as an error."""
    from django.contrib import messages

    for msgs in errors.values():
        for msg in msgs:
            messages.error(request, msg)


def offer_steps(field: forms.Field, steps: Iterable[tuple[str, str]]) -> None:
    """A status field that offers only the steps the service allows from the current one, after an empty choice:
    the current status is never pre-selected, so the button pressed as shown asks for a choice instead of a
    refused move. The field still takes any value of its own choices, so a page left open while the status moved
    is answered by the service's own reason (「…には進められません」, 「…で終了しているため」) beside it."""
    field.widget.choices = [("", CHOOSE), *steps]


def field_shown(form: forms.BaseForm, name: str) -> bool:
    """The person sees this field (a hidden id or a field the form does not have is said above the form)."""
    return name in form.fields and not form.fields[name].widget.is_hidden


def first_field_in_error(form: forms.BaseForm) -> str | None:
    """In the order the page shows the fields (not the order the errors were added: a service's refusal comes
    after the form's own). The one rule for where a refused form's focus goes: this field, or, when it is None,
    the summary above the form (summary_takes_focus)."""
    return next((name for name in form.fields if name in form.errors and field_shown(form, name)), None)


def field_anchor(bound: forms.BoundField) -> str:
    """The id a link to this field goes to: its input's, or for a group of radios (no one input) its wrapper's."""
    return bound.id_for_label or f"field-{bound.html_name}"


class ErrorLink(NamedTuple):
    """One reason in a refused form's summary: `href` leads to the field it is about ("" when it is about the
    whole form or a field the person does not see), `label` names that field."""

    href: str
    label: str
    message: str


def error_links(
    form: forms.BaseForm, errors: Mapping[str, Iterable[str]] | None = None, *, page: str = ""
) -> list[ErrorLink]:
    """Every reason of a refused form (or `errors`, a service's refusal, said about `form`'s fields), each with a
    link to its field, in the order the page shows the fields after the reasons about the whole form: a summary
    that only said 「赤字の項目に問題があります」 left a person to scroll a long form looking for red. `page`: the
    URL of the page the form is on, when the summary is shown on another page (a preview)."""
    given = form.errors if errors is None else errors
    whole: list[ErrorLink] = []
    by_field: list[ErrorLink] = []
    for name in [n for n in given if n not in form.fields or not field_shown(form, n)]:
        whole.extend(ErrorLink("", "", str(m)) for m in given[name])
    for name in form.fields:
        if name in given and field_shown(form, name):
            bound = form[name]
            # A label may hold links (sign-up's 「利用規約…に同意します」): a link inside the summary's link is not
            # HTML, so the summary names the field by its words only.
            label = strip_tags(str(bound.label))
            by_field.extend(ErrorLink(f"{page}#{field_anchor(bound)}", label, str(m)) for m in given[name])
    return whole + by_field


def summary_takes_focus(form: forms.BaseForm) -> bool:
    """A form refused only as a whole (or on fields not shown): the reasons above it take the focus."""
    return (
        bool(form.errors)
        and not getattr(form, "focus_elsewhere", False)
        and first_field_in_error(form) is None
    )


def one_focus(*forms: forms.BaseForm) -> None:
    """Forms shown on one page, in page order: only the first refused one puts the focus on its field in error.
    Each form knows only itself, so two refused forms on one page gave it two autofocus attributes."""
    refused = False
    for form in forms:
        form.focus_elsewhere = refused  # type: ignore[attr-defined]
        refused = refused or bool(form.errors)


class FocusingRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: Django's renderer with FocusingBoundField for every form."""

    bound_field_class = FocusingBoundField


class _TickBox(forms.CheckboxInput):
    """Ticked means what a browser sends for a ticked box without a value attribute, and nothing else: Django's
    CheckboxInput would also take "1", "yes" or "off" for a tick, which no page of ours sends."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        return data.get(name) == "on"


class ConfirmField(forms.BooleanField):
    """A tick-to-confirm box inside any form: required, and ticked only by the "on" a browser sends (see
    _TickBox), so a hand-made post with "1", "yes" or "true" is refused with `refusal` like an unticked box."""

    def __init__(self, *, refusal: str, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(
            label=label, required=True, widget=_TickBox, error_messages={"required": refusal}, **kwargs
        )


class ConfirmForm(forms.Form):
    """The ticked box in front of a step that cannot be undone (deleting a résumé, withdrawing an application…).
    A checkbox rather than a JavaScript confirm(): it works with scripts off, and it is checked here again, so a
    browser that ignores `required` is refused with `refusal` said beside the box (includes/confirm_box.html,
    whose paragraph has the id `error_id`). The box is always named "confirm": the pages and tests post that."""

    confirm = ConfirmField(refusal="")

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, label: str, refusal: str, error_id: str
    ) -> None:
        super().__init__(data)
        field = self.fields["confirm"]
        field.label = label
        field.error_messages = {**field.error_messages, "required": refusal}
        self.error_id = error_id

    @property
    def refused(self) -> bool:
        """Posted without the tick (an unbound form, the page as first shown, is not refused)."""
        return self.is_bound and not self.is_valid()

    @classmethod
    def deleting(cls, data: Mapping[str, Any] | None, *, what: str) -> ConfirmForm:
        """The box before deleting one `what` (書類, 回答, 結果…), worded alike on every page."""
        return cls(
            data,
            label=f"この{what}を削除します（元に戻せません）",
            refusal=f"{what}を削除する場合は、「この{what}を削除します」にチェックを入れてください。",
            error_id="delete-error",
        )


class YenField(forms.IntegerField):
    """An amount in yen as people type it, read by core.money.parse_yen like the bulk import reads a cell:
    220,000 / ２２００００ / 220000円 / 22万 are the same number, in a text box with a number keyboard (an
    <input type="number"> would not let 「22万」 or 「220,000」 be typed). Anything else (「abc」, 「5千円」) is refused
    naming the field (`named`) and the ways an amount may be written (`example`), not read as 0."""

    def __init__(
        self, *, named: str, example: str, max_value: int, min_value: int = 0, **kwargs: Any
    ) -> None:
        messages = {
            "required": f"{named}を入力してください。",
            "invalid": f"{named}は円単位の数字で入力してください（例：{example}）。",
            "fraction": f"{named}は1円単位の整数で入力してください。",
            "min_value": f"{named}は{min_value:,}円以上で入力してください。",
            "max_value": f"{named}が大きすぎます（{max_value:,}円まで）。桁を確認してください。",
            **kwargs.pop("error_messages", {}),
        }
        kwargs.setdefault("label", named)
        # What parse_yen reads: up to its own cap, or the field's maximum when that is higher (資本金), so that the
        # field's one limit and its one message hold however the amount is typed. Never lower: a field's maximum
        # may be in another unit than the yen typed (希望年収 in 万円).
        self.yen_limit = max(max_value, PARSE_LIMIT)
        super().__init__(
            min_value=min_value,
            max_value=max_value,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            error_messages=messages,
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        # Shown back with its thousands marked (「230,000」), which to_python reads again: a stored 「1000000」 was
        # hard to check on a phone, where a missing or extra 0 is the usual slip. Typed text comes back as typed.
        return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_yen(str(value), limit=self.yen_limit)
        except YenError as exc:
            # The field's own words: a negative amount is under its minimum, a huge one over its maximum.
            code = {"negative": "min_value", "too_large": "max_value", "fraction": "fraction"}.get(
                exc.reason, "invalid"
            )
            raise forms.ValidationError(self.error_messages[code], code=code) from exc


class DayField(forms.DateField):
    """A calendar day in a date box. A browser's date picker sends 2026-04-01; without one (an older browser, a
    script, the API's form twin) people type what they write on paper — 2026/4/1, 令和8年4月1日, R8.4.1, full-width
    digits — read by core.dates as the bulk import and the compliance checker read them. A day that has the shape of
    a date but does not exist (2026-02-30, 2025-13-01) is refused as that, 「2026年2月30日はありません」, instead of
    Django's 「日付を正しく入力してください。」 or a request for the YYYY-MM-DD form it already has."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    # core.dates reads years 1900–2099 only (it finds dates in running text). A picker's 0026-04-01 or a typed
    # 1899-01-01 is still a day, read here, for the form's own check to refuse by name (「5年以上前です」).
    input_formats = ["%Y-%m-%d", "%Y/%m/%d"]

    def __init__(self, *, named: str = "", **kwargs: Any) -> None:
        # `named`: the field's name at the head of the message, where one form has several dates (入社日, 離職日).
        self.named = named
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if not isinstance(value, str):
            return super().to_python(value)  # None, or a date the form was given as one
        # The era letters are capitals in core.dates (R8.4.1); nfkc makes ｒ８ r8 first.
        text = nfkc(value).strip()
        if not text:
            return None  # a box of spaces (「　」) is an empty box; the required check then says so by name
        m = DATE.fullmatch(text.upper())
        if m is None:
            return super().to_python(text)
        day = parse_date(m)
        if day is None:
            head = f"{self.named}：" if self.named else ""
            raise forms.ValidationError(f"{head}{as_written(m)}はありません。", code="invalid")
        return day


# What the two boxes of a YearMonthWidget send when one is left empty: the field then asks for the missing part by
# name instead of saying the whole 年月 cannot be read.
# A year is a number (2005, 平成17, 令和元); 「去年」 is no year left without its month, and is refused as no year.
YEAR_ONLY: Final = re.compile(r"(?P<year>[^年]*[\d元][^年]*)年")
MONTH_ONLY: Final = re.compile(r"(?P<month>\d{1,2})月")
_SHOWN: Final = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})|(?P<typed>.+)年(?P<typed_month>\d{1,2})月")


class _TypedYearMonth(str):
    """The one text a YearMonthWidget gives its field, still holding the two parts as typed: a refused form shows
    the year box as she filled it (「去年」 joined as 「去年4月」 cannot be split back into what was typed)."""

    parts: tuple[str, str]


class YearMonthWidget(forms.MultiWidget):
    """A 年月 as Japanese paper forms ask it: a year box (西暦 or 和暦: 2005, 平成17, H17) and a 月 select. It
    replaces <input type=month>, which some browsers show as a bare text box asking for "2005-04" and others as a
    picker that scrolls month by month back to 2005. The two parts reach the field as one text, 「2005年4月」, so
    the field reads it by core.eras.year_month as before; a post with the single box (a script, an old page still
    open) is read as it was. A part left empty comes as 「2005年」 or 「4月」 (YEAR_ONLY, MONTH_ONLY)."""

    template_name = "core/widgets/year_month.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, year_placeholder: str = "2005") -> None:
        months = [("", "--"), *((str(m), str(m)) for m in range(1, 13))]
        super().__init__(
            {
                "year": forms.TextInput(
                    attrs={
                        "inputmode": "numeric",
                        "placeholder": year_placeholder,
                        "class": "ym-year",
                        "aria-label": "年",
                    }
                ),
                "month": forms.Select(attrs={"class": "ym-month", "aria-label": "月"}, choices=months),
            },
            attrs,
        )

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, _TypedYearMonth):
            return list(value.parts)
        if isinstance(value, dt.date):
            return [str(value.year), str(value.month)]
        text = "" if value is None else str(value).strip()
        if m := _SHOWN.fullmatch(text):
            if m["year"]:
                return [m["year"], str(int(m["month"]))]
            return [m["typed"], str(int(m["typed_month"]))]
        if m := YEAR_ONLY.fullmatch(text):
            return [m["year"], ""]
        if m := MONTH_ONLY.fullmatch(text):
            return ["", str(int(m["month"]))]
        return [text, ""]  # what she typed that is no 年月 (「2017年春」), back in the year box to correct

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        year_key, month_key = f"{name}_year", f"{name}_month"
        if year_key not in data and month_key not in data:
            return data.get(name)
        year = str(data.get(year_key) or "").strip()
        month = str(data.get(month_key) or "").strip()
        if not year and not month:
            return ""
        # 「2005年」 typed with its 年 (the box is followed by the word) is one year, not 「2005年年」.
        bare = year.removesuffix("年").strip()
        joined = _TypedYearMonth(
            f"{bare}年{month}月" if bare and month else (f"{bare}年" if bare else f"{month}月")
        )
        joined.parts = (year, month)
        return joined

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_year" not in data and f"{name}_month" not in data


def year_month_part_missing(text: str, named: str = "") -> str | None:
    """What to ask for when only one part of a YearMonthWidget came (「月を選んでください。」), or None."""
    head = f"{named}の" if named else ""
    if YEAR_ONLY.fullmatch(text):
        return f"{head}月を選んでください。"
    if MONTH_ONLY.fullmatch(text):
        return f"{head}年を入力してください（例：2005、平成17）。"
    return None
