from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bonavi.core.forms import ConfirmForm, add_errors
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings

from . import selectors, services
from .forms import SavedSearchCreateForm, SavedSearchForm, saved_search_delete_form
from .models import SavedSearch
from .tokens import unsubscribe_target


def _own(request: HttpRequest, pk: int) -> SavedSearch:
    search = selectors.saved_search_get(user=request.user, pk=pk)
    if search is None:
        raise Http404("保存した検索条件が見つかりません")
    return search


def _list_page(
    request: HttpRequest,
    *,
    bound: SavedSearchForm | None = None,
    bound_pk: int | None = None,
    delete_refused: tuple[int, ConfirmForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The list, with one search's refused edit form (`bound`) or refused deletion (its pk and form) shown where
    it happened."""
    items = [
        (
            s,
            # What it searches for, in the search page's own words, whatever she named it.
            services.query_parse(s.query).description,
            bound
            if bound is not None and s.pk == bound_pk
            else SavedSearchForm(initial={"name": s.name, "frequency": s.frequency}, prefix=f"s{s.pk}"),
            delete_refused[1]
            if delete_refused is not None and s.pk == delete_refused[0]
            else saved_search_delete_form(s),
        )
        for s in selectors.saved_searches_of(user=request.user)
    ]
    return render(request, "notifications/saved_search_list.html", {"items": items}, status=status)


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@login_required
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the search the person is looking at (the search page posts here, with its query string)."""
    data = request.POST if request.method == "POST" else None
    raw_query = request.POST.get("query") if data else request.GET.get("q", "")
    parsed = services.query_parse(raw_query or "")
    form = SavedSearchCreateForm(data, initial={"query": raw_query, "name": parsed.description[:100]})
    if data is not None and form.is_valid():
        try:
            services.saved_search_create(
                user=request.user,
                query=form.cleaned_data["query"],
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
            )
        except services.SavedSearchDuplicate as exc:
            # Saved already (often the same search saved twice): open that one, where its name and frequency
            # can be changed, rather than a form that says so and leads nowhere.
            same = exc.existing
            messages.info(
                request,
                f"この検索条件は「{same.name}」として既に保存されています（配信：{same.get_frequency_display()}）。"
                "名前や配信頻度はここで変更できます。",
            )
            return redirect(reverse("notifications:saved_search_list") + f"#ss-{same.pk}")
        except services.SavedSearchInvalid as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(request, "検索条件を保存しました。新着求人をメールでお知らせします。")
            return redirect("notifications:saved_search_list")
    status = 422 if data is not None else 200
    return render(
        request, "notifications/saved_search_form.html", {"form": form, "parsed": parsed}, status=status
    )


@login_required
@require_POST
def saved_search_edit(request: HttpRequest, pk: int) -> HttpResponse:
    search = _own(request, pk)
    form = SavedSearchForm(request.POST, prefix=f"s{search.pk}")
    if form.is_valid():
        try:
            # The saved row, not the one read before the change: the message names the new name.
            search = services.saved_search_update(
                search=search, name=form.cleaned_data["name"], frequency=form.cleaned_data["frequency"]
            )
        except services.SavedSearchInvalid as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(request, f"「{search.name}」の設定を変更しました。")
            return redirect("notifications:saved_search_list")
    return _list_page(request, bound=form, bound_pk=search.pk, status=422)


@login_required
@require_POST
def saved_search_requery(request: HttpRequest, pk: int) -> HttpResponse:
    """「条件を変更」: the search page (opened from the list with ?saved=pk) posts the condition it shows."""
    search = _own(request, pk)
    was = search.name  # the name she knows it by: a summary name follows the new condition
    try:
        search = services.saved_search_requery(search=search, query=request.POST.get("query", ""))
    except services.SavedSearchDuplicate as exc:
        # Her other saved search has this condition already: open that one rather than a refusal to nowhere.
        messages.error(
            request,
            f"この条件は「{exc.existing.name}」として既に保存されているため、「{search.name}」の条件は変更していません。",
        )
        return redirect(reverse("notifications:saved_search_list") + f"#ss-{exc.existing.pk}")
    except services.SavedSearchInvalid as exc:
        errors = [m for messages_ in exc.errors.values() for m in messages_]
        messages.error(request, f"「{search.name}」の条件は変更していません。" + "".join(errors))
        return redirect(reverse("notifications:saved_search_list") + f"#ss-{search.pk}")
    summary = services.query_parse(search.query).description
    messages.success(
        request,
        f"「{was}」の条件を「{summary}」に変更しました。これから掲載される求人をこの条件でお知らせします。",
    )
    return redirect(reverse("notifications:saved_search_list") + f"#ss-{search.pk}")


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = _own(request, pk)
    # A ticked box, as for a résumé (documents): the button alone deleted the search and its mails at one tap.
    # The refusal is shown beside that box (focused), not at the top of a list that may be long.
    form = saved_search_delete_form(search, request.POST)
    if form.refused:
        return _list_page(request, delete_refused=(search.pk, form), status=422)
    services.saved_search_delete(search=search)
    messages.info(request, f"「{search.name}」を削除しました。")
    return redirect("notifications:saved_search_list")


@login_required
def saved_search_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The digest's 「すべて見る」: the search's postings published after the digest window began."""
    search = _own(request, pk)
    after = parse_datetime(request.GET.get("after", "") or "")
    if after is None or after.tzinfo is None:
        after = search.covered_until - dt.timedelta(days=7)
    params = SearchParams.from_querydict(QueryDict(search.query))
    result = search_postings(user=request.user, params=params, posted_after=after)
    return render(
        request,
        "notifications/saved_search_new.html",
        {"search": search, "result": result, "after": after, "params": params},
    )


@csrf_exempt  # the token is the credential; RFC 8058 one-click POSTs come from mail providers without a CSRF token
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    target = unsubscribe_target(token)
    if target is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    search = SavedSearch.objects.filter(pk=target.saved_search_id, user_id=target.user_id).first()
    if request.method == "POST":
        # A GET never unsubscribes: mail scanners follow links, and only a person (or RFC 8058) should stop mail.
        changed = services.unsubscribe(target=target)
        return render(
            request,
            "notifications/unsubscribe.html",
            {"done": True, "changed": changed, "search": search, "target": target},
        )
    return render(request, "notifications/unsubscribe.html", {"search": search, "target": target})
