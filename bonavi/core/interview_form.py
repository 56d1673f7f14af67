"""The interview form (ADR 0102), one for a direct application and a 推薦. It only parses: the rules are in
core.interviews.interview_clean, so a page and the API refuse the same things in the same words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .forms import add_errors, errors_to_messages
from .interviews import (
    ANSWER_TEXT_MAX,
    INTERVIEW_FIELDS,
    NOTES_MAX,
    PLACE_MAX,
    URL_MAX,
    InterviewAnswer,
    InterviewBase,
    InterviewFormat,
)

_LOCAL = "%Y-%m-%dT%H:%M"


def _when(name: str, *, label: str | None = None, required: bool) -> forms.DateTimeField:
    """`name` is what the messages say (「終了日時」), `label` what the field shows (「終了日時（任意）」)."""
    # <input type="datetime-local"> sends 2026-12-03T14:00, read in the site's time zone (Asia/Tokyo).
    return forms.DateTimeField(
        label=label or name,
        required=required,
        input_formats=[_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL),
        error_messages={
            "required": f"面接の{name}を入力してください。",
            "invalid": f"{name}の形式が正しくありません（例：2026-12-03 14:00）。",
        },
    )


class InterviewForm(forms.Form):
    """`seen_by`: who sees the URL besides the company — the applicant of a direct application, or the candidate
    and her agency's advisers for a 推薦 (the help text says so)."""

    starts_at = _when("開始日時", required=True)
    ends_at = _when("終了日時", label="終了日時（任意）", required=False)
    format = forms.ChoiceField(
        label="形式",
        choices=InterviewFormat.choices,
        widget=forms.RadioSelect,
        initial=InterviewFormat.IN_PERSON,
        error_messages={
            "required": "面接の形式（対面・オンライン・電話）を選んでください。",
            "invalid_choice": "面接の形式（対面・オンライン・電話）を選んでください。",
        },
    )
    place = forms.CharField(
        label="場所",
        required=False,
        max_length=PLACE_MAX * 2,  # the service says the limit in its own words; this only bounds the input
        help_text="対面は住所・建物・階・受付など。電話は、どちらから掛けるかなど。",
    )
    url = forms.CharField(
        label="URL（オンラインの場合）",
        required=False,
        max_length=URL_MAX * 2,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )
    notes = forms.CharField(
        label="持ち物・備考（任意）",
        required=False,
        max_length=NOTES_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        interview: InterviewBase | None = None,
        seen_by: str = "応募者と貴社の採用担当",
        **kwargs: Any,
    ) -> None:
        if interview is not None and not interview.is_cancelled and "initial" not in kwargs:
            # Held (over): the form sets the next interview, not this one, so it starts from where it was — the
            # next round is usually at the same office — without its time, URL or 持ち物 (each interview's own).
            held = interview.is_held()
            kept = ("format", "place") if held else INTERVIEW_FIELDS
            kwargs["initial"] = {f: getattr(interview, f) for f in kept}
        super().__init__(*args, **kwargs)
        self.fields["url"].help_text = f"{seen_by}だけに表示されます。"

    def typed(self) -> dict[str, str]:
        """What was typed, unparsed: for a service that refuses an interview whatever it says (a move that is not
        to 面接, ADR 0121), so its fields' own rules are not asked first."""
        return {
            f: value for f in self.fields if (value := str(self.data.get(self.add_prefix(f)) or "").strip())
        }

    def unjudged(self) -> None:
        """Shown as typed with no reasons of its own fields (a refusal of the whole is added after)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

    def has_any(self) -> bool:
        """Whether anything of an interview was typed (the format's default alone is not): a move to 面接 with
        an empty interview part stores none, with a half-filled one it is refused for what is missing."""
        return any(
            (self.data.get(self.add_prefix(f)) or "").strip()
            for f in ("starts_at", "ends_at", "place", "url", "notes")
        )


def optional_interview_form(data: Any = None, **kwargs: Any) -> InterviewForm:
    """The interview part of a status form (「面接の日程（任意）」), which may be left empty: nothing in it is marked
    required — neither the ＊ of includes/field.html nor the `required` attribute a screen reader announces. It is
    bound only when something of it was typed (has_any), and then 開始日時 is needed, as its help says."""
    form = InterviewForm(data, use_required_attribute=False, **kwargs)
    if data is not None and not form.has_any():
        # Nothing typed: unbound, so it is never judged. Bound, a move refused for another reason (no next status,
        # a long 連絡事項, the service's 「…からは…に進められます」) showed 「面接の開始日時を入力してください」 beside
        # an empty part. The format's radio is a default, not something typed; it is shown as chosen.
        chosen = str(data.get(form.add_prefix("format")) or "")
        initial = {"format": chosen} if chosen in InterviewFormat.values else {}
        form = InterviewForm(use_required_attribute=False, initial=initial, **kwargs)
    form.fields["starts_at"].help_text = "日程を入力する場合は必須です。"
    return form


class InterviewAnswerForm(forms.Form):
    """Her answer to the interview's date (ADR 0140, 0154), of a direct application or a 推薦. It only parses: which
    answer, her words and the date her page showed (hidden `sequence` and `starts_at`, written by the template from
    the interview itself, so a refused form shown again carries the date as it is now) go to the kind's service,
    which judges them. `told`: who her words reach, the end of the box's help (each kind says its own)."""

    prefix = "ans"
    told = ""

    answer = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="変更をお願いする理由と、ご都合のよい日時",
        required=False,
        # No max_length: the service counts after folding CR LF, as for a message.
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": ANSWER_TEXT_MAX}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.say_told(self.told)

    def say_told(self, told: str) -> None:
        """The box's help, ending with who her words reach (a 推薦's readers depend on her agency's staff)."""
        self.fields["text"].help_text = (
            f"{ANSWER_TEXT_MAX}文字まで。例：「12月4日は前職の最終出社日のため伺えません。12月7日（月）・8日（火）の"
            f"午後でしたら伺えます。」{told}"
        )

    def seen(self) -> tuple[int | None, dt.datetime | None]:
        """The interview's `sequence` and `starts_at` as her page showed them; None for what is missing or not
        understood (then the service refuses the answer as given to another date)."""
        try:
            sequence: int | None = int(self.data.get(self.add_prefix("sequence"), ""))
        except ValueError:
            sequence = None
        try:
            starts_at: dt.datetime | None = dt.datetime.fromisoformat(
                str(self.data.get(self.add_prefix("starts_at"), ""))
            )
        except ValueError:
            starts_at = None
        if starts_at is not None and starts_at.tzinfo is None:
            starts_at = None
        return sequence, starts_at


AnswerFormT = TypeVar("AnswerFormT", bound=InterviewAnswerForm)


class AnswerService(Protocol):
    """A kind's answer service with its user and candidacy bound (functools.partial): it judges and stores."""

    def __call__(
        self, *, answer: str, text: str, sequence: int | None, starts_at: dt.datetime | None
    ) -> object: ...


def answer_post(
    request: HttpRequest,
    form_class: type[AnswerFormT],
    *,
    page: str,
    answer: AnswerService,
    refused: type[Exception],
    closed: Callable[[], str],
    told: tuple[str, str],
) -> HttpResponse | AnswerFormT:
    """Her answer's post, the same on her application's page and her 推薦's (ADR 0140, 0154): a GET goes to the
    interview's card; the answer goes to the kind's service (`answer`, its user and candidacy bound), and
    its success to the card with `told` (attend, reschedule). Refused (`refused`, with its `errors`): said at the
    top of her page when nothing is left to answer (`closed()`, read afresh: called off, held, moved on), else
    beside the box, her text kept. Returns the response, or the form for the caller to draw its page again with."""
    if request.method != "POST":
        return redirect(page + "#interview")
    form = form_class(request.POST)
    if form.is_valid():
        sequence, starts_at = form.seen()
        try:
            answer(
                answer=form.cleaned_data["answer"],
                text=form.cleaned_data["text"],
                sequence=sequence,
                starts_at=starts_at,
            )
        except refused as exc:
            errors: dict[str, list[str]] = getattr(exc, "errors", {})
            if closed():
                errors_to_messages(request, errors)
                return redirect(page)
            add_errors(form, errors)
        else:
            attend = form.cleaned_data["answer"] == InterviewAnswer.ATTEND
            messages.success(request, told[0] if attend else told[1])
            return redirect(page + "#interview")
    return form
