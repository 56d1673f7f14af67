"""Pages of 企業説明会: the public list and detail, registering and cancelling, the .ics, the seeker's list and
the employer's management. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bonavi.core import clock
from bonavi.core.downloads import attachment
from bonavi.core.forms import ConfirmForm, add_errors, errors_to_messages
from bonavi.jobs.selectors import public_postings
from bonavi.seekers.views import employer_required, seeker_required

from . import selectors, services
from .forms import EventFilterForm, EventForm
from .ics import event_ics
from .models import Event

PAGE_SIZE = 20
CONSENT = (
    "申し込みます（主催企業に、氏名とメールアドレスが伝わります。"
    f"開催から{services.KEEP_YEARS}年を過ぎると、主催企業の画面からも削除します）"
)


def _register_box(data: Any = None) -> ConfirmForm:
    return ConfirmForm(
        data,
        label=CONSENT,
        refusal="お申し込みには、主催企業に氏名とメールアドレスが伝わることへの同意（チェック）が必要です。",
        error_id="register-error",
    )


def posting_events_section(posting: Any, user: Any) -> tuple[str, dict[str, Any]] | None:
    """The job page's 「この求人の企業説明会」 (registered with jobs.sections)."""
    events = list(selectors.events_for_posting(posting=posting)[:5])
    if not events:
        return None
    return "events/_posting_events.html", {"events": events}


def company_events_section(organization: Any, user: Any) -> tuple[str, dict[str, Any]] | None:
    """The company page's upcoming 企業説明会 (registered with jobs.sections; ADR 0089): one query."""
    events = list(selectors.public_events().filter(organization_id=organization.pk)[:5])
    if not events:
        return None
    return "events/_company_events.html", {"events": events}


# Public -------------------------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    qs = selectors.public_events(**form.filters())  # a refused filter is named above the unfiltered list
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.seats = selectors.seats_left(event)  # type: ignore[attr-defined]
    return render(request, "events/list.html", {"form": form, "page": page})


def _public_event(pk: int) -> Event:
    event = selectors.event_get_public(pk=pk)
    if event is None:
        raise Http404("説明会が見つかりません")
    return event


def _detail(
    request: HttpRequest, event: Event, *, box: ConfirmForm | None = None, status: int = 200
) -> HttpResponse:
    registration, waiting = selectors.standing_of(user=request.user, event=event)
    now = clock.now()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "seats": selectors.seats_left(event),
            "registration": registration,
            "waiting": waiting,
            "waiting_position": (
                selectors.waiting_position(registration=waiting)
                if waiting is not None and selectors.is_in_line(waiting)
                else None
            ),
            "join_url": selectors.join_url_for(event=event, registration=registration),
            "started": event.starts_at <= now,
            "closed": event.deadline < now,
            "box": box or _register_box(),
            "postings": event.postings.filter(pk__in=public_postings().values("pk")),
        },
        status=status,
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _public_event(pk))


@require_POST
@seeker_required
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    box = _register_box(request.POST)
    if not box.is_valid():
        return _detail(request, event, box=box, status=422)
    try:
        services.registration_create(user=request.user, event_id=event.pk)
    except services.RegistrationRefused as exc:
        messages.error(request, str(exc))
        return _detail(request, _public_event(pk), status=409)
    messages.success(request, "お申し込みを受け付けました。確認のメールをお送りします。")
    return redirect("events:detail", pk=pk)


@require_POST
@seeker_required
def event_wait(request: HttpRequest, pk: int) -> HttpResponse:
    """キャンセル待ち: the same consent as registering; a seat free by now is simply given (ADR 0084)."""
    event = _public_event(pk)
    box = _register_box(request.POST)
    if not box.is_valid():
        return _detail(request, event, box=box, status=422)
    try:
        entry = services.registration_create(user=request.user, event_id=event.pk, waitlist=True)
    except services.RegistrationRefused as exc:
        messages.error(request, str(exc))
        return _detail(request, _public_event(pk), status=409)
    if selectors.is_in_line(entry):
        position = selectors.waiting_position(registration=entry)
        messages.success(
            request,
            f"キャンセル待ちに登録しました（{position}番目）。席が空くと自動で参加登録になり、メールでお知らせします。",
        )
    else:
        messages.success(
            request, "席が空いていたため、お申し込みとして受け付けました。確認のメールをお送りします。"
        )
    return redirect("events:detail", pk=pk)


@require_POST
@seeker_required
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the registration, or withdraw from the waiting list: whichever the person has."""
    event = _public_event(pk)
    registration, waiting = selectors.standing_of(user=request.user, event=event)
    entry = registration or waiting
    try:
        if entry is None:
            raise services.RegistrationRefused("お申し込みが見つかりません。")
        waited = selectors.is_in_line(entry)
        services.registration_cancel(user=request.user, registration_id=entry.pk)
    except services.RegistrationRefused as exc:
        messages.error(request, str(exc))
        return _detail(request, event, status=409)
    messages.success(
        request, "キャンセル待ちを取り消しました。" if waited else "お申し込みをキャンセルしました。"
    )
    return redirect("events:detail", pk=pk)


def event_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar file: with the join URL only as `selectors.join_url_for` allows."""
    event = _public_event(pk)
    registration = selectors.registration_of(user=request.user, event=event)
    join_url = selectors.join_url_for(event=event, registration=registration)
    response = attachment(
        event_ics(event, join_url=join_url),
        filename=f"event-{event.pk}.ics",
        content_type="text/calendar; charset=utf-8",
    )
    if join_url:  # a personal copy: no shared cache may keep it
        response["Cache-Control"] = "private, no-store"
    return response


# Seeker: マイページ ------------------------------------------------------------------------------------------


@seeker_required
def my_events(request: HttpRequest) -> HttpResponse:
    # Each row carries the person's own place in its waiting list (`position`), read in the same query.
    registrations = selectors.registrations_of_seeker(user=request.user)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/my_events.html", {"page": page, "now": clock.now()})


# Employer ---------------------------------------------------------------------------------------------------


@employer_required
def employer_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.employer_events(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "events/employer_list.html", {"page": page, "now": clock.now()})


def _employer_event(request: HttpRequest, pk: int) -> Event:
    event = selectors.employer_event_get(user=request.user, pk=pk)
    if event is None:
        raise Http404("説明会が見つかりません")
    return event


@employer_required
def employer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    event = _employer_event(request, pk) if pk else None
    initial: dict[str, Any] = {}
    if event is not None:
        initial = {
            f: getattr(event, f)
            for f in (
                "title",
                "description",
                "starts_at",
                "ends_at",
                "format",
                "venue",
                "join_url",
                "capacity",
                "deadline",
            )
        }
        initial["postings"] = list(event.postings.values_list("pk", flat=True))
    form = EventForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields if name != "postings"}
        data["posting_ids"] = [p.pk for p in form.cleaned_data["postings"]]
        try:
            if event is None:
                event = services.event_create(user=request.user, **data)
                messages.success(request, "説明会を作成しました。")
            else:
                event = services.event_update(user=request.user, event=event, **data)
                messages.success(request, "説明会を更新しました。")
        except services.EventInvalid as exc:
            add_errors(form, exc.errors)
        else:
            return redirect("events:employer_registrants", pk=event.pk)
    return render(
        request,
        "events/employer_form.html",
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )


def _registrants_page(
    request: HttpRequest, event: Event, *, box: ConfirmForm, status: int = 200
) -> HttpResponse:
    """The organiser's page of one event: the list of registrants and the cancel box (fresh, or refused)."""
    waiters, waiters_ended = selectors.waiters_of(user=request.user, event=event)
    return render(
        request,
        "events/employer_registrants.html",
        {
            "event": event,
            "seats": selectors.seats_left(event),
            "registrants": selectors.registrants_of(user=request.user, event=event),
            "waiters": waiters,
            "waiters_ended": waiters_ended,
            "anonymised": selectors.anonymised_count(user=request.user, event=event),
            "keep_years": services.KEEP_YEARS,
            "box": box,
            "now": clock.now(),
        },
        status=status,
    )


@employer_required
def employer_registrants(request: HttpRequest, pk: int) -> HttpResponse:
    return _registrants_page(request, _employer_event(request, pk), box=_cancel_box())


def _cancel_box(data: Any = None) -> ConfirmForm:
    return ConfirmForm(
        data,
        label="この説明会を中止します（申込者とキャンセル待ちの方全員に中止のメールが届きます）",
        refusal="中止する場合は、「この説明会を中止します」にチェックを入れてください。",
        error_id="cancel-error",
    )


@require_POST
@employer_required
def employer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _employer_event(request, pk)
    box = _cancel_box(request.POST)
    if box.is_valid():
        try:
            told = services.event_cancel(user=request.user, event=event)
        except services.EventInvalid as exc:
            errors_to_messages(request, exc.errors)
        else:
            messages.success(
                request, f"説明会を中止しました。申込者とキャンセル待ちの方{told}人に中止のメールを送ります。"
            )
            return redirect("events:employer_registrants", pk=pk)
    return _registrants_page(request, event, box=box, status=422 if box.refused else 409)
