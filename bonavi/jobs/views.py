from __future__ import annotations

import datetime as dt
import gzip
import os
import re
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, OrderBy, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_POST, require_safe

from bonavi.compliance.findings import Finding
from bonavi.compliance.wages import stale_table_notice_for
from bonavi.core import clock
from bonavi.core.downloads import attachment
from bonavi.core.forms import ConfirmForm, add_errors, error_links, field_anchor, field_shown
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.uploads import say_too_large, upload_too_large

from . import bulk_import, feed, feed_files, selectors, services, signals
from .applicant_counts import TOTAL, shown_counts
from .catalog import FAMILIES, FAMILY_LINES
from .facts import form_field_for, posting_facts
from .forms import JobFilterForm, PostingForm, close_confirm_form
from .jsonld import posting_jsonld_script
from .models import JobPosting, PostingStatus
from .sections import company_sections, detail_sections

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    latest = selectors.public_postings().select_related("organization").order_by("-date_posted")[:6]
    families = [(key, name, FAMILY_LINES[key]) for key, name in FAMILIES.items()]
    return render(
        request, "home.html", {"latest": latest, "families": families, "prefectures": PREFECTURES.items()}
    )


# Pages behind a login or of one person only: crawlers gain nothing there and should not try. /agent/agencies/ is
# an agency's public page (its 許可番号 and disclosure figures) and stays open.
_ROBOTS_DISALLOW = ("/me/", "/accounts/", "/applicants/", "/documents/", "/admin/", "/api/", "/agent/")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /agent/agencies/"]
    lines += [f"Disallow: {path}" for path in _ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_index(request: HttpRequest, sitemaps: dict[str, Any], sitemap_url_name: str) -> HttpResponse:
    """/sitemap.xml: Django's index, with each section's URL on SITE_URL like the sections' own URLs. Django takes
    the host from the request, so a request by another name the server answers to (an IP, an old domain) would
    give search engines an index pointing there."""
    response = sitemap_views.index(request, sitemaps=sitemaps, sitemap_url_name=sitemap_url_name)
    assert response.context_data is not None  # a TemplateResponse, rendered after this returns
    origin = urlsplit(settings.SITE_URL)
    for item in response.context_data["sitemaps"]:
        url = urlsplit(item.location)
        item.location = urlunsplit((origin.scheme, origin.netloc, url.path, url.query, ""))
    return response


# Clients that take gzip get the .gz file as it is (Content-Encoding: gzip); others get the plain whole feed, or
# a prefecture's or family's feed decompressed while it is sent (only the whole feed is kept uncompressed on disk,
# ADR 0081). The same holds for a filtered copy made while postings are withdrawn (ADR 0081 addendum s19).
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# How long a client should wait while the first build runs (a fresh install): seconds at 10,000 postings, a few
# minutes at a million; a client retrying sooner costs a stat and a 503.
FEED_RETRY_AFTER = 60


def _gunzip_chunks(file: BinaryIO) -> Iterator[bytes]:
    with file, gzip.GzipFile(fileobj=file, mode="rb") as f:
        while chunk := f.read(1 << 16):
            yield chunk


@require_safe
def job_feed(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """/feeds/jobs.xml: every public posting in Indeed's XML format, sent from the file the worker builds (ADR 0081).
    Nothing is rendered here: a request costs a file read whatever the number of postings."""
    form = JobFilterForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(feed.refusal_xml(message), status=400, content_type=feed.CONTENT_TYPE)
    prefecture, family = form.cleaned_data["prefecture"], form.cleaned_data["family"]
    name = feed_files.variant_name(prefecture=prefecture, family=family)
    gzip_ok = bool(_ACCEPTS_GZIP.search(request.headers.get("accept-encoding", "")))
    if name == feed_files.FULL and gzip_ok:
        name += ".gz"
    path = feed_files.feed_dir() / name
    if not path.exists():
        # No build yet (a fresh install, or a new kind of file after an upgrade): one starts in the background and
        # this request is answered at once. Built inside the request it outlasted any timeout on a big site.
        feed_files.feed_refresh_in_background()
        return HttpResponse(
            feed.refusal_xml(
                "求人フィードを作成しています。作成には数分かかることがあります。しばらくしてから再度お試しください。"
            ),
            status=503,
            content_type=feed.CONTENT_TYPE,
            headers={"Retry-After": str(FEED_RETRY_AFTER)},
        )
    # Opened before reading its date: a rebuild replacing the file meanwhile leaves this open file (and its date)
    # as they were, so the headers always describe the body sent.
    file: BinaryIO = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    stat = os.fstat(file.fileno())
    last_modified = int(stat.st_mtime)
    # Postings that left the public set since this file's build leave the feed now, not at the next build: a
    # 非公開求人 never reaches a feed (ADR 0081, amendment 4), nor a posting of a company whose last 採用担当 left
    # (ADR 0146). Two indexed queries; none left out, the file as built.
    built = dt.datetime.fromtimestamp(stat.st_mtime_ns // 1000 / 1_000_000, tz=dt.UTC)
    withdrawn = feed_files.withdrawn_since(built)
    if withdrawn and (held := feed_files.posting_ids_in(file, name)) is not None:
        # Only the jobs this file holds need leaving out: a prefecture's copy is not filtered for a posting of
        # another, nor any file for a change the build already saw (withdrawn_since looks back LATE_COMMIT).
        withdrawn &= held
    if withdrawn:
        # The body differs from the file: dated by the newest change (at least today's start in JST), so a client
        # holding the file's version is not told 304 and keeps the withdrawn posting.
        last_modified = max(last_modified, int(feed.feed_last_modified().timestamp()))
    headers = {
        "Last-Modified": http_date(last_modified),
        # Caches may keep it but must ask again each time (a 304 is cheap): a posting closed or made 非公開 must
        # not live on in a cached copy.
        "Cache-Control": "no-cache",
        "Vary": "Accept-Encoding",
    }
    not_modified = get_conditional_response(request, last_modified=last_modified)
    if not_modified is not None or request.method == "HEAD":
        file.close()
        response = not_modified or HttpResponse(content_type=feed.CONTENT_TYPE)
        for key, value in headers.items():
            response[key] = value
        return response
    if withdrawn:
        # The file less the withdrawn jobs, made by the first request after the withdrawal and kept beside the build:
        # later requests send it as they send a built file (compressed for a client that takes gzip). A prefecture
        # or family copy is kept gzipped only, as its built file is.
        gzipped = gzip_ok or name.endswith(".gz")
        source = file
        try:
            file = feed_files.filtered_copy(source, name=name, posting_ids=withdrawn, gzipped=gzipped)
        except feed_files.CopyNotKept:
            # Nowhere to keep the copy (a read-only volume, a full disk): the same body made while it is sent, in
            # the client's form — a withdrawn posting is left out whatever the disk says.
            if gzip_ok:
                headers["Content-Encoding"] = "gzip"
            chunks = feed_files.filtered_chunks(source, name=name, posting_ids=withdrawn, gzipped=gzip_ok)
            return StreamingHttpResponse(chunks, content_type=feed.CONTENT_TYPE, headers=headers)
        except BaseException:
            source.close()
            raise
        source.close()
    else:
        gzipped = name.endswith(".gz")
    if gzipped and not gzip_ok:
        return StreamingHttpResponse(_gunzip_chunks(file), content_type=feed.CONTENT_TYPE, headers=headers)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    return FileResponse(file, content_type=feed.CONTENT_TYPE, headers=headers, filename="jobs.xml")


# 20 a page: 50 made a page of 20,000 px on a phone, and the postings an employer works on are the recent ones.
MANAGE_PAGE_SIZE = 20
# 公開中 and 下書き (what the employer still works on) before 募集終了 and 掲載期限切れ: expiring a posting touches its
# 更新日, so by that date alone the list opened on the postings that had just ended.
_ENDED_LAST = Case(
    When(status__in=[PostingStatus.CLOSED, PostingStatus.EXPIRED], then=Value(1)), default=Value(0)
).asc()
# 求人管理's 並び順: key in the address → (label, ordering). The id breaks ties so paging never repeats a row.
MANAGE_SORTS: dict[str, tuple[str, tuple[str | OrderBy, ...]]] = {
    "": ("更新日の新しい順（終了した求人は後）", (_ENDED_LAST, "-updated_at", "-id")),
    "applicants": ("応募数の多い順", (f"-{TOTAL}", "-updated_at", "-id")),
}


def job_list(request: HttpRequest) -> HttpResponse:
    form = JobFilterForm(request.GET or None)
    qs = selectors.postings_visible_to(request.user).filter(status=PostingStatus.PUBLISHED)
    if form.is_valid():
        if form.cleaned_data.get("prefecture"):
            qs = qs.filter(prefecture=form.cleaned_data["prefecture"])
        if form.cleaned_data.get("family"):
            qs = qs.filter(family=form.cleaned_data["family"])
    qs = qs.select_related("organization").order_by("-date_posted", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobs/list.html", {"form": form, "page": page})


def _job_ended(request: HttpRequest, posting: JobPosting) -> HttpResponse:
    """/jobs/<id>/ of a public posting that has ended (selectors.ended_public_postings, ADR 0132): its title and
    company, that it has ended, and open postings like it — not a bare 404 for a link she saved or was sent.

    410 Gone with noindex (header and meta): a search engine drops the page instead of keeping a job that cannot be
    applied for, and nothing of the posting beyond its title, company, place and kind of work is shown."""
    others = selectors.organization_other_postings(posting)
    similar = selectors.similar_postings(posting, exclude_ids=[p.pk for p in others])
    response = render(
        request,
        "jobs/ended.html",
        {
            "posting": posting,
            "other_postings": others,
            "similar_postings": similar,
            "company_page": any(p.has_company_page for p in others),
        },
        status=410,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = selectors.posting_get_visible(user=request.user, pk=pk)
    if posting is None:
        ended = selectors.ended_posting_get(pk=pk)
        if ended is None:  # never public, 非公開, a 下書き, or no such posting: the same 404 for all of them
            raise Http404("求人が見つかりません")
        return _job_ended(request, ended)
    # No JSON-LD for a posting nobody can apply to through BOナビ (ADR 0146): Google for Jobs would list it with an
    # 応募 button (directApply) leading to a page that offers none. The page itself stays, saying so (ADR 0143).
    jsonld = posting_jsonld_script(posting) if posting.is_public_now and posting.takes_applications else None
    if request.method == "GET":  # a HEAD (a link checker, a crawler's probe) is nobody looking at the posting
        signals.posting_viewed.send_robust(sender=JobPosting, posting=posting, user=request.user)
    others = selectors.organization_other_postings(posting)
    similar = selectors.similar_postings(posting, exclude_ids=[p.pk for p in others])
    return render(
        request,
        "jobs/detail.html",
        {
            "posting": posting,
            "jsonld": jsonld,
            "sections": detail_sections(posting, request.user),
            "other_postings": others,
            "similar_postings": similar,
            # The company page answers only while the company has a public posting: this one, or one listed.
            "company_page": any(p.has_company_page for p in [posting, *others]),
        },
    )


COMPANY_PAGE_SIZE = 20


def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """/companies/<id>/: an employer with at least one public posting — its name, 所在地 and public postings, and
    what later apps add (upcoming 企業説明会). Never its e-mail or phone: no public page shows them (ADR 0089)."""
    organization = selectors.employer_organization_get(pk=pk)
    if organization is None:  # no such employer (an agency has its own public page)
        raise Http404("企業が見つかりません")
    page = Paginator(selectors.organization_public_postings(pk), COMPANY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # No public posting (an agency's client with only 非公開求人, a company whose postings all closed): no page.
    if page.paginator.count == 0:
        raise Http404("企業が見つかりません")
    for posting in page:
        posting.organization = organization  # the cards name the company; no join, no query per card
    return render(
        request,
        "jobs/company.html",
        {
            "organization": organization,
            "page": page,
            "sections": company_sections(organization, request.user),
        },
    )


def _employer_posting(request: HttpRequest, pk: int) -> JobPosting:
    posting = selectors.employer_posting_get(user=request.user, pk=pk)
    if posting is None:
        raise Http404("求人が見つかりません")
    return posting


def _require_employer(request: HttpRequest) -> None:
    if not getattr(request.user, "is_employer", False):
        raise PermissionDenied("採用担当のアカウントでログインしてください。")


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    _require_employer(request)
    return _employer_list_page(request)


def _employer_list_page(
    request: HttpRequest, *, close_refused: tuple[int, ConfirmForm] | None = None, status: int = 200
) -> HttpResponse:
    """求人管理 with the filters of request.GET; `close_refused`: 「募集を終了する」 refused without its tick (the
    posting's pk and its form), said beside that posting's box."""
    # An unknown 状況 or 並び順 (an old or edited link) lists as if none was chosen rather than refusing the page.
    status_filter = request.GET.get("status", "")
    if status_filter not in dict(selectors.MANAGE_STATUSES):
        status_filter = ""
    sort = request.GET.get("sort", "")
    if sort not in MANAGE_SORTS:
        sort = ""
    keyword = request.GET.get("q", "").strip()[: selectors.MANAGE_KEYWORD_MAX]
    postings = selectors.employer_postings_with_counts(
        user=request.user, status=status_filter or None, keyword=keyword, total=sort == "applicants"
    )
    postings = postings.order_by(*MANAGE_SORTS[sort][1])
    # Paged like the public list: an employer with thousands of postings got one page of several hundred KB.
    page = Paginator(postings, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))

    if close_refused is not None and all(p.pk != close_refused[0] for p in page.object_list):
        # The list's filters or page no longer show that posting, so no box can say why: said above the list.
        messages.error(request, " ".join(str(m) for m in close_refused[1].errors["confirm"]))
        return redirect(_listing_url(request))

    def close_form(p: JobPosting) -> ConfirmForm | None:
        if p.status != PostingStatus.PUBLISHED:
            return None
        if close_refused is not None and close_refused[0] == p.pk:
            return close_refused[1]
        return close_confirm_form(listed=p)

    # The close forms post to a URL that carries this list's filters, so a refusal, or the list after closing,
    # is the list the person was looking at.
    filters = _list_filters(request)
    return render(
        request,
        "jobs/employer_list.html",
        {
            "page": page,
            # 「募集を再開する」 on the row as on the preview (same POST, same gate; ADR 0146 addendum), never for a
            # posting the operator stopped: only the operator publishes that again (ADR 0153).
            "postings": [
                (p, shown_counts(p), close_form(p), p.status in services.ENDED and p.stopped_at is None)
                for p in page.object_list
            ],
            "status": status_filter,
            "keyword": keyword,
            "statuses": selectors.MANAGE_STATUSES,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in MANAGE_SORTS.items()],
            "close_query": "from=list" + (f"&{filters}" if filters else ""),
        },
        status=status,
    )


def _attach_warnings(
    form: PostingForm, posting: JobPosting | None, findings: list[Finding] | None = None
) -> list[str]:
    """Put the checker's warnings beside the fields they concern; returns those that belong to no field.
    `findings`: the posting's, when the caller already has them."""
    if posting is None:
        return []
    general: list[str] = []
    for finding in services.posting_findings(posting) if findings is None else findings:
        if finding.is_error:
            continue
        name = form_field_for(finding.field)
        text = finding.advice
        if name in form.fields:
            bound = form[name]
            bound.compliance_warnings = [*getattr(bound, "compliance_warnings", []), text]  # type: ignore[attr-defined]
        else:
            general.append(text)
    return general


def _stored_form(posting: JobPosting) -> PostingForm:
    """The form bound to the posting as stored, so that problems can be put beside its fields as on a refused
    form (an unbound form cannot carry errors)."""
    unbound = PostingForm(instance=posting)
    form = PostingForm({name: unbound[name].value() for name in unbound.fields}, instance=posting)
    form.is_valid()
    return form


@login_required
def employer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_employer(request)
    posting = _employer_posting(request, pk) if pk else None
    if request.method != "POST" and posting is not None:
        return _stored_posting_page(request, posting)
    # A new posting's 募集者 boxes show the company's own details, which fill them on save when left empty: shown
    # empty, a new company could not tell whether the posting would name it, and typed it all again on a phone.
    org = getattr(request.user, "organization", None)
    initial = services.employer_defaults(org) if posting is None and org is not None else None
    form = PostingForm(request.POST or None, instance=posting, initial=initial)
    # A form refused by its own checks shows no checker warnings: its instance then holds the typed values of the
    # fields that passed and the stored values of the others, so the warnings described neither version (the last
    # saved hours' warning beside new errors; the wage's order said twice). They are back on the preview.
    general_warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if posting is None:
                posting = services.posting_create(user=request.user, data=data)
            else:
                posting = services.posting_update(user=request.user, posting=posting, data=data)
        except services.PostingInvalid as exc:
            add_errors(form, exc.errors)
            # refused by the publish gate: every typed value passed the form, so these are the typed posting's
            general_warnings = _attach_warnings(form, posting, exc.findings)
        else:
            messages.success(request, "求人を保存しました。内容を確認して公開してください。")
            return redirect("jobs:employer_preview", pk=posting.pk)
    return render(
        request,
        "jobs/employer_form.html",
        {"form": form, "posting": posting, "general_warnings": general_warnings},
        # A POST that reaches here was refused: 422, as every refused form answers (a monitor or script can tell).
        status=422 if request.method == "POST" else 200,
    )


def _field_href(form: PostingForm, finding: Finding, page: str) -> str:
    """Where on the edit page `finding` is shown beside its field ("" for one about no field the page shows), by
    the anchor core.forms.error_links uses for a refusal."""
    name = form_field_for(finding.field)
    if not finding.field or not field_shown(form, name):
        return ""
    return f"{page}#{field_anchor(form[name])}"


def _field_place(form: PostingForm, finding: Finding) -> str:
    """The field whose words `finding` quotes, by its label on the edit page (「求める人物像」); "" for a finding
    about a condition. The preview's list of warnings names the item (性別, 年齢…), and wording can stand in any of
    the free texts — 業務内容, 仕事の魅力・職場の様子, 求める人物像 (ADR 0128) — so it says which."""
    if finding.start < 0 or not finding.field:
        return ""
    field = form.fields.get(form_field_for(finding.field))
    return str(field.label) if field is not None else ""


def _stored_posting_page(
    request: HttpRequest,
    posting: JobPosting,
    *,
    refusal: dict[str, list[str]] | None = None,
    findings: list[Finding] | None = None,
    close_form: ConfirmForm | None = None,
) -> HttpResponse:
    """The edit page of a stored posting with every current finding beside its field: what publishing (or, for a
    published posting, saving it) would be refused for as errors, the checker's warnings as notes — the same
    findings as the preview, whose links lead here, so each link lands on a field that says what is wrong.
    `refusal`: 公開する was refused for these (422, the focus on the first field in error); without it the page was
    opened and the live gate is asked. `findings`: the checker's, when the caller has them."""
    if findings is None:
        findings = services.publish_findings(posting)
    refused = refusal is not None
    if refusal is None:
        refusal = services.posting_refusal(posting, findings=findings)
    if refusal:
        form = _stored_form(posting)
        add_errors(form, refusal)
        # Opened, not refused: no field takes the focus, so the preview's link (#id_…) decides where the page is.
        form.focus_elsewhere = not refused  # type: ignore[attr-defined]
    else:
        form = PostingForm(instance=posting)
    return render(
        request,
        "jobs/employer_form.html",
        {
            "form": form,
            "posting": posting,
            "general_warnings": _attach_warnings(form, posting, findings),
            "stored_problems": bool(refusal),
            "refused": refused,
            "close_form": close_form or close_confirm_form(),
        },
        status=422 if refused or close_form is not None else 200,
    )


@login_required
def employer_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_employer(request)
    return _preview_page(request, _employer_posting(request, pk))


def _preview_page(
    request: HttpRequest, posting: JobPosting, *, close_form: ConfirmForm | None = None, status: int = 200
) -> HttpResponse:
    """The preview; `close_form`: 「募集を終了する」 refused without its tick, said beside the box."""
    findings = services.publish_findings(posting)
    # What 公開する would be refused for (the publish gate itself, not only the checker's errors): each reason
    # linked to its field in the edit form, and no 公開する button while there is one.
    refusal = services.publish_refusal(posting, findings=findings)
    edit_url = reverse("jobs:employer_edit", args=[posting.pk])
    form = PostingForm(instance=posting)
    return render(
        request,
        "jobs/employer_preview.html",
        {
            "posting": posting,
            "refusal": error_links(form, refusal, page=edit_url) if refusal else [],
            # Each warning linked to its field too (the edit page shows it there as a note), and a quote's field named.
            "warnings": [
                (_field_href(form, f, edit_url), _field_place(form, f), f) for f in findings if not f.is_error
            ],
            # The wage verdict above is only as current as our table: say so when a newer revision is in force
            # and the pay is near enough the rate checked for it to matter (ADR 0134).
            "minimum_wage_notice": stale_table_notice_for(posting_facts(posting), clock.today_jst()),
            "close_form": close_form or close_confirm_form(),
            # 募集を再開する instead of 公開する for a posting that ended, saying the 掲載期限 it will get.
            "reopen_until": (
                services.reopen_valid_through(posting) if posting.status in services.ENDED else None
            ),
        },
        status=status,
    )


@login_required
@require_POST
def employer_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """公開する (a 下書き) and 募集を再開する (募集終了, 掲載期限切れ): one service, one gate (ADR 0146)."""
    _require_employer(request)
    posting = _employer_posting(request, pk)
    reopening = posting.status in services.ENDED
    try:
        services.posting_publish(user=request.user, posting=posting)
    except services.PostingInvalid as exc:
        if reopening:
            messages.error(
                request, "募集を再開できませんでした。下の項目を直してから、もう一度お試しください。"
            )
        return _stored_posting_page(request, posting, refusal=exc.errors, findings=exc.findings)
    if reopening:
        until = f"掲載期限は{clock.day_ja(posting.valid_through)}です。" if posting.valid_through else ""
        messages.success(request, f"募集を再開しました。{until}")
    else:
        messages.success(request, "求人を公開しました。")
    return redirect("jobs:detail", pk=posting.pk)


@login_required
@require_POST
def employer_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """「コピーして作成」 (ADR 0146): a new 下書き from one of the company's own postings, opened in the edit form."""
    _require_employer(request)
    posting = _employer_posting(request, pk)  # another company's posting: 404, as for every page of 求人管理
    try:
        copied = services.posting_copy(user=request.user, posting=posting)
    except services.PostingInvalid as exc:
        problems = " ".join(m for msgs in exc.errors.values() for m in msgs)
        messages.error(request, f"この求人はコピーできませんでした。{problems}")
        return redirect("jobs:employer_edit", pk=posting.pk)
    messages.success(
        request,
        f"「{posting.title}」をコピーして下書きを作成しました。内容を確かめて保存し、公開してください"
        "（社内管理番号と掲載期限はコピーしていません）。",
    )
    return redirect("jobs:employer_edit", pk=copied.pk)


def _list_filters(request: HttpRequest) -> str:
    """The request's query without its ?from= (which says where a close came from, not what 求人管理 shows): the
    list's filters, carried by its close forms and restored by the redirect after a close."""
    query = request.GET.copy()
    query.pop("from", None)
    return query.urlencode()


def _listing_url(request: HttpRequest) -> str:
    """求人管理 with the filters the request came with: where a close from the list returns."""
    filters = _list_filters(request)
    listing = reverse("jobs:employer_list")
    return f"{listing}?{filters}" if filters else listing


@login_required
@require_POST
def employer_close(request: HttpRequest, pk: int) -> HttpResponse:
    _require_employer(request)
    posting = _employer_posting(request, pk)
    # A ticked box first, as before the other steps that take something away at one tap: closing takes the
    # posting off search and its page at once (「公開する」 brings it back, but applicants meanwhile see it gone).
    # Refused, the reason is said beside the box on the page the box was on: the preview, the edit page
    # (?from=edit) or 求人管理 (?from=list, with the list's filters).
    origin = request.GET.get("from", "")
    listing = _listing_url(request) if origin == "list" else reverse("jobs:employer_list")
    back = {"edit": reverse("jobs:employer_edit", args=[posting.pk]), "list": listing}.get(
        origin, reverse("jobs:employer_preview", args=[posting.pk])
    )
    # Not 公開中 (a page left open while it ended, or a 下書き): those pages show no box, so the reason is said
    # above the page the person came from, whether the box was ticked or not.
    refusal = services.close_refusal(posting)
    if refusal:
        messages.error(request, refusal)
        return redirect(back)
    form = close_confirm_form(request.POST, listed=posting if origin == "list" else None)
    if form.refused:
        if origin == "edit":
            return _stored_posting_page(request, posting, close_form=form)
        if origin == "list":
            return _employer_list_page(request, close_refused=(posting.pk, form), status=422)
        return _preview_page(request, posting, close_form=form, status=422)
    try:
        services.posting_close(user=request.user, posting=posting)
    except services.PostingInvalid as exc:  # it ended between the check above and the lock
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(back)
    # Said on 求人管理, where the ended posting's own row now carries 「募集を再開する」 (ADR 0146 addendum): sending
    # her to the preview for it was a detour the list no longer needs.
    messages.info(
        request,
        f"「{posting.title}」の募集を終了しました。再開するときは、この一覧の「募集を再開する」を押してください。",
    )
    return redirect(listing)


# Bulk import (ADR 0082): upload → report → 登録. The work is in bulk_import; these only carry it to the pages.


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="ExcelまたはCSVファイル",
        help_text=f"Excel（.xlsx）またはCSV（UTF-8・Shift_JIS）。{bulk_import.LIMITS_TEXT}。",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    sheet = forms.CharField(
        label="読み込むシート名（任意）",
        required=False,
        max_length=31,  # Excel's own limit for a sheet name
        help_text="Excelファイルに複数のシートがある場合だけ。空欄なら、見出しのある最初のシートを読み込みます。",
        error_messages={"max_length": "シート名は31文字以内です（Excelのシート名の上限）。"},
    )


@login_required
def employer_import(request: HttpRequest) -> HttpResponse:
    _require_employer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_too_large(request):  # dropped as it arrived (core.uploads)
        form = ImportUploadForm(request.POST, request.FILES)  # bound, though the dropped file left both empty
        say_too_large(form, "file", bulk_import.TOO_LARGE)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One byte past the limit is enough to know the file is too big; a bigger one is never read whole.
        data = upload.read(bulk_import.MAX_BYTES + 1)
        try:
            stored = bulk_import.import_prepare(
                user=request.user, filename=upload.name or "", data=data, sheet=form.cleaned_data["sheet"]
            )
        except bulk_import.ImportFileInvalid as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("jobs:employer_import_report", pk=stored.pk)
    status = 422 if form.errors else 200
    return render(request, "jobs/employer_import.html", {"form": form}, status=status)


def _upload(request: HttpRequest, pk: Any) -> Any:
    upload = bulk_import.upload_for(user=request.user, upload_id=pk)
    if upload is None:
        raise Http404("アップロードが見つかりません")
    return upload


@login_required
def employer_import_report(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_employer(request)
    upload = _upload(request, pk)
    listed = bulk_import.report_rows(upload.report, request.GET.get("show"))
    return render(
        request,
        "jobs/employer_import_report.html",
        {"upload": upload, "report": upload.report, "listed": listed},
    )


@login_required
@require_POST
def employer_import_commit(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_employer(request)
    upload = _upload(request, pk)
    publish = request.POST.get("action") == "publish"
    try:
        outcome = bulk_import.import_commit(user=request.user, upload_id=upload.pk, publish=publish)
    except LookupError as exc:
        raise Http404("アップロードが見つかりません") from exc
    except (bulk_import.ImportFileInvalid, bulk_import.ImportSaveFailed) as exc:
        messages.error(request, str(exc))
        return redirect("jobs:employer_import_report", pk=upload.pk)
    messages.success(request, _import_done_message(outcome))
    return redirect("jobs:employer_list")


def _import_done_message(outcome: bulk_import.ImportOutcome) -> str:
    # An update leaves the posting's status as it was (ADR 0085): said, so nobody looks for a new draft.
    updated = (
        f"{outcome.updated}件の求人を更新しました（公開状態は変わりません）。" if outcome.updated else ""
    )
    if not outcome.created:
        return updated or "登録・更新する行はありませんでした。"
    if outcome.published and outcome.published == outcome.created:
        return f"{outcome.created}件を登録して公開しました。" + updated
    if outcome.published:
        return (
            f"{outcome.created}件を登録し、そのうち{outcome.published}件を公開しました。"
            "公開しなかった求人は下書きです。" + updated
        )
    return f"{outcome.created}件を下書きとして登録しました。内容を確認して公開してください。" + updated


@login_required
def employer_import_columns(request: HttpRequest) -> HttpResponse:
    _require_employer(request)
    columns = [(c, bulk_import.allowed_values(c)) for c in bulk_import.COLUMNS]
    return render(
        request,
        "jobs/employer_import_columns.html",
        {"columns": columns, "limits": bulk_import.LIMITS_TEXT},
    )


@login_required
def employer_import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_employer(request)
    if fmt not in {"csv", "xlsx"}:
        raise Http404("テンプレートは .csv と .xlsx です")
    if fmt == "xlsx":
        body = bulk_import.template_xlsx()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = bulk_import.template_csv()
        content_type = "text/csv; charset=utf-8"
    return attachment(body, filename=f"bonavi-postings-template.{fmt}", content_type=content_type)
