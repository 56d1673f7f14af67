"""Pages under /documents/: the seeker's document versions, the editor with 添削 beside each field, PDFs, JSON
Resume export/import, and interview practice. Views parse, call services/selectors, and render."""

from __future__ import annotations

import json
import re
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from bonavi.careers.appeal import field_for_document
from bonavi.careers.reference import current_attribution
from bonavi.core.downloads import attachment
from bonavi.core.forms import ConfirmForm
from bonavi.core.uploads import say_too_large, upload_too_large
from bonavi.jobs.catalog import FAMILIES

from . import comments, selectors, services
from .forms import (
    DATALISTS,
    FIELD_SECTIONS,
    IMPORT_TOO_LARGE,
    PHOTO_TOO_LARGE,
    ROW_SECTIONS,
    BasicsForm,
    CreateForm,
    ImportForm,
    InsertForm,
    PhotoForm,
    ProfileImportForm,
    answer_delete_form,
    doc_from_forms,
    field_for_path,
    initial_from_doc,
    section_of_path,
    version_delete_form,
)
from .interview.bank import QUESTION_BY_ID, REVERSE_QUESTIONS, questions_for
from .interview.posting import from_posting, posting_questions
from .jsonresume import resume_to_json
from .model import Resume
from .models import DocumentVersion
from .render.base import Kind, Paper, RenderError, default_renderer
from .review import FIRST_PLACE, RULES, SEVERITY_LABELS, Hint, review


def _seeker(request: HttpRequest) -> None:
    if not getattr(request.user, "is_seeker", False):
        raise PermissionDenied("応募書類と面接練習は求職者のアカウントで使えます。")


def _version(request: HttpRequest, pk: int) -> DocumentVersion:
    version = selectors.version_get(user=request.user, pk=pk)
    if version is None:
        raise Http404("書類が見つかりません")
    return version


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    return _home_page(request)


def _pending_translation(request: HttpRequest, raw: str | None) -> Any:
    """The saved 経験の棚卸し she pressed 「書類に入れる」 on before she had a document (insert_into_newest), carried
    through the documents home's create form; None for a missing, foreign or mangled id."""
    if not raw or not raw.isdigit() or len(raw) >= 10:
        return None
    return selectors.translation_get(user=request.user, pk=int(raw))


def _home_page(
    request: HttpRequest,
    *,
    profile_import_form: ProfileImportForm | None = None,
    import_form: ImportForm | None = None,
    create_form: CreateForm | None = None,
) -> HttpResponse:
    """The documents home. A form passed in is a refused one: its reasons sit beside its fields and what was typed
    is kept (a redirect said them at the top of the page, far from the form, and lost the typed name)."""
    from .profile import profile_available

    refused = profile_import_form or import_form or create_form
    return render(
        request,
        "documents/home.html",
        {
            "versions": selectors.versions_of(request.user),
            "create_form": create_form or CreateForm(),
            "import_form": import_form or ImportForm(auto_id="im_%s"),
            "profile_import_form": profile_import_form or ProfileImportForm(auto_id="pi_%s"),
            "profile_available": profile_available(request.user),
            "pending": _pending_translation(request, request.POST.get("saved") or request.GET.get("saved")),
        },
        status=422 if refused is not None else 200,
    )


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    from .profile import ProfileImportError, resume_json_from_profile

    form = CreateForm(request.POST)
    title = form.data.get("title", "")
    data: dict[str, Any] | None = None
    notes: list[str] = []
    try:
        if request.POST.get("source") == "profile":
            data = resume_json_from_profile(request.user, notes=notes)
        version = services.version_create(owner=request.user, title=title, data=data)
    except (services.DocumentError, ProfileImportError) as exc:
        # Not about the name (the version limit, or a profile the document cannot be made from): said above the
        # create form's buttons, and the typed name is kept.
        form.is_valid()
        form.add_error(None, list(exc.messages[:10]))
        return _home_page(request, create_form=form)
    for note in notes:
        messages.warning(request, note)
    pending = _pending_translation(request, request.POST.get("saved"))
    if pending is not None:
        # She came from 「書類に入れる」 with no document yet: on to choosing its sentences for the new one, the
        # step she had asked for (the editor's own 「…から入れる」 sits in closed sections she had not seen).
        messages.success(request, "書類を作成しました。続けて、経験の棚卸しから入れる文を選んでください。")
        return redirect(f"{reverse('documents:insert', args=[version.pk])}?saved={pending.pk}")
    messages.success(request, "書類を作成しました。内容を確認して保存してください。")
    return redirect("documents:edit", pk=version.pk)


@login_required
@require_POST
def import_json(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    form = ImportForm(request.POST, request.FILES, auto_id="im_%s")
    if upload_too_large(request):  # dropped as it arrived (core.uploads): not 「ファイルを選んでください」
        say_too_large(form, "file", IMPORT_TOO_LARGE)
    elif form.is_valid():
        title, raw = form.title_and_bytes()
        try:
            version = services.version_import(owner=request.user, title=title, raw=raw)
        except services.DocumentError as exc:
            form.add_error("file", ["読み込めませんでした。何も保存していません。", *exc.messages[:10]])
    if form.errors:
        # The typed 書類の名前 stays; a chosen file cannot be put back into the field and is chosen again. The focus
        # is the renderer's (the first field in error): set here too it gave the page two autofocus attributes.
        return _home_page(request, import_form=form)
    messages.success(request, "JSON Resume を読み込みました。")
    return redirect("documents:edit", pk=version.pk)


class _AtPath(Protocol):
    @property
    def path(self) -> str: ...


_T = TypeVar("_T", bound=_AtPath)


def _place_by_path(
    items: list[_T], basics: BasicsForm, sets: dict[str, Any]
) -> tuple[dict[str, list[_T]], list[_T]]:
    """Review hints or reviewer comments (anything with a JSON Resume `.path`) keyed by the HTML name of the
    field they belong to; those that fit no field on the page go to the top."""
    placed: dict[str, list[_T]] = {}
    general: list[_T] = []
    for item in items:
        target = field_for_path(item.path)
        if target is None:
            general.append(item)
            continue
        section, row, name = target
        if section == "basics":
            key = basics[name].html_name
        elif row is not None and row < len(sets[section].forms) and name in sets[section].forms[row].fields:
            # (a 派遣先's own box exists only for the 派遣先 the form was shown with)
            key = sets[section].forms[row][name].html_name
        else:
            general.append(item)
            continue
        placed.setdefault(key, []).append(item)
    return placed, general


def _error_paths_to_fields(errors: list[str], basics: BasicsForm, sets: dict[str, Any]) -> list[str]:
    """Attach reader errors ("work[0].startDate: …") to their fields; return the ones that fit nowhere."""
    rest = []
    for message in errors:
        path, sep, text = message.partition(": ")
        target = field_for_path(path) if sep else None
        if target is None:
            rest.append(message)
            continue
        section, row, name = target
        if section == "basics":
            basics.add_error(name, text)
        elif row is not None and row < len(sets[section].forms) and name in sets[section].forms[row].fields:
            sets[section].forms[row].add_error(name, text)
        else:
            rest.append(message)
    return rest


def _profile_experience(user: Any, resume: Resume) -> str:
    """The profile's 経験 (アルバイト・サークル・ボランティア), offered for 自己PR: a document made from the profile
    carried none of it, so a student's 職務経歴書 had empty cells and their club work nowhere. Not offered once
    the 自己PR holds it."""
    from bonavi.seekers.selectors import experience_of

    text = experience_of(user=user).strip()
    if not text or _squeeze(text) in _squeeze("".join(resume.self_pr)):
        return ""
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def _row_action(post: QueryDict) -> tuple[QueryDict, str, str | None, int | None]:
    """Apply the editor's row buttons to the posted data before it is bound, so that the typed values of every
    other field are kept exactly: 「行を追加」 (name="add", value=section) appends an empty row to the section;
    「この行を削除」 (name="delete", value="section-index") takes that row out and renumbers the rows after it.
    Returns (data, action, section, row index); action is "save" when no row button was pressed or the
    button's value does not fit the posted form (a stale page), which then is a plain save."""
    data = post.copy()
    add = post.get("add", "")
    section, _, index_text = post.get("delete", "").rpartition("-")
    if add in ROW_SECTIONS:
        prefix, formset, _label = ROW_SECTIONS[add]
        total = _int(data.get(f"{prefix}-TOTAL_FORMS"))
        if total is None:  # a broken management form: the formset itself reports it
            return data, "save", None, None
        if total >= formset.max_num:
            return data, "add-full", add, None
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        return data, "add", add, total
    if section in ROW_SECTIONS and index_text.isdigit():
        prefix = ROW_SECTIONS[section][0]
        total = _int(data.get(f"{prefix}-TOTAL_FORMS"))
        initial = _int(data.get(f"{prefix}-INITIAL_FORMS"))
        index = int(index_text)
        if total is None or initial is None or index >= total:
            return data, "save", None, None
        row_key = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
        for key in list(data.keys()):
            m = row_key.match(key)
            if m is None or int(m.group(1)) < index:
                continue
            values = data.getlist(key)
            del data[key]
            if int(m.group(1)) > index:
                data.setlist(f"{prefix}-{int(m.group(1)) - 1}-{m.group(2)}", values)
        data[f"{prefix}-TOTAL_FORMS"] = str(total - 1)
        if index < initial:
            data[f"{prefix}-INITIAL_FORMS"] = str(initial - 1)
        return data, "delete", section, index
    return data, "save", None, None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) < 6 else None


def _insert_button(post: QueryDict) -> tuple[int, str] | None:
    """The editor's 「経験の棚卸しから入れる」 buttons: name="insert", value "<saved translation id>:self_pr|work"."""
    saved, _, to = post.get("insert", "").partition(":")
    return (int(saved), to) if saved.isdigit() and len(saved) < 10 and to in ("self_pr", "work") else None


def _filled_rows(formset: Any) -> int:
    """Rows with anything typed in them (the 区分 default 「卒業」 alone does not count)."""
    return sum(
        1
        for f in formset.forms
        if any(f[name].value() not in (None, "") for name in f.fields if name != "status")
    )


def _sections(
    basics: BasicsForm,
    sets: dict[str, Any],
    placed: dict[str, list[Hint]],
    comments_placed: dict[str, list[Any]],
    editing: str | None,
) -> dict[str, dict[str, Any]]:
    """Per editor section: is its <details> open, and what its summary line says.

    A section opens when it needs the person: a form error, a review finding that must be fixed (要修正), an
    adviser's unresolved comment, or it is the section being edited (a row was just added or deleted). Everything
    else stays closed, which is what makes the editor short on a phone; the summary says what is inside and
    counts the 注意 and ヒント findings, so a closed section still tells that something is worth a look."""

    def field_keys(key: str) -> list[str]:
        if key in ROW_SECTIONS:
            prefix = ROW_SECTIONS[key][0] + "-"
            return [k for k in set(placed) | set(comments_placed) if k.startswith(prefix)]
        return [basics[name].html_name for name in FIELD_SECTIONS[key]]

    def value(name: str) -> str:
        v = basics[name].value()
        return "" if v is None else str(v).strip()

    date_style = dict(basics.fields["date_style"].choices).get(value("date_style"), "")  # type: ignore[attr-defined]
    cv_format = dict(basics.fields["cv_format"].choices).get(value("cv_format"), "")  # type: ignore[attr-defined]
    paragraphs = [p for p in re.split(r"\n\s*\n", value("self_pr")) if p.strip()]
    summaries = {
        "settings": "・".join(x for x in (value("title"), date_style, cv_format) if x),
        "basics": value("name") or "未入力",
        "education": f"{_filled_rows(sets['education'])}件",
        "work": f"{_filled_rows(sets['work'])}件",
        "certificates": f"{_filled_rows(sets['certificates'])}件",
        "cv_text": f"職務要約 {len(value('summary'))}字・自己PR {len(paragraphs)}段落",
        "rirekisho": "志望動機 " + ("記入済み" if value("motivation") else "未記入"),
    }
    out: dict[str, dict[str, Any]] = {}
    for key in list(FIELD_SECTIONS) + list(ROW_SECTIONS):
        keys = field_keys(key)
        hints = [h for k in keys for h in placed.get(k, [])]
        open_comments = sum(1 for k in keys for c in comments_placed.get(k, []) if c.resolved_at is None)
        if key in ROW_SECTIONS:
            fs = sets[key]
            has_errors = bool(fs.non_form_errors()) or any(f.errors for f in fs.forms)
        else:
            has_errors = any(name in basics.errors for name in FIELD_SECTIONS[key])
        counts = {sev: sum(1 for h in hints if h.severity == sev) for sev in SEVERITY_LABELS}
        out[key] = {
            "summary": summaries[key],
            "errors": has_errors,
            "counts": counts,
            "comments": open_comments,
            "open": has_errors or counts["error"] > 0 or open_comments > 0 or key == editing,
        }
    return out


def _saved_forms(version: DocumentVersion, *, add: str = "") -> tuple[BasicsForm, dict[str, Any], int | None]:
    """The editor's forms filled from the stored version, with one empty row after the saved ones in section
    `add` (when it has room); also the index of that new row."""
    initial, edu, work, certs = initial_from_doc(version.data, version.title)
    rows = {"education": edu, "work": work, "certificates": certs}
    sets: dict[str, Any] = {}
    new_row: int | None = None
    for key, (prefix, cls, _label) in ROW_SECTIONS.items():
        if key == add and len(rows[key]) < cls.max_num:
            cls = type(cls.__name__, (cls,), {"extra": 1})  # one empty row after the saved ones
            new_row = len(rows[key])
        sets[key] = cls(initial=rows[key], prefix=prefix)
    return BasicsForm(initial=initial), sets, new_row


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    version = _version(request, pk)
    sets: dict[str, Any]
    editing: str | None = None
    new_row: int | None = None
    if request.method == "POST":
        data, action, editing, row = _row_action(request.POST)
        insert = _insert_button(request.POST) if action == "save" else None
        new_row = row if action == "add" else None
        removed = (editing, row) if action == "delete" and editing is not None and row is not None else None
        basics = BasicsForm(data)
        sets = {key: cls(data, prefix=prefix) for key, (prefix, cls, _label) in ROW_SECTIONS.items()}
        if basics.is_valid() and all(s.is_valid() for s in sets.values()):
            doc = doc_from_forms(
                basics.cleaned_data,
                [f.cleaned_data for f in sets["education"].forms if f.cleaned_data],
                [f.cleaned_data for f in sets["work"].forms if f.cleaned_data],
                [f.cleaned_data for f in sets["certificates"].forms if f.cleaned_data],
            )
            try:
                services.version_update(
                    version=version, data=doc, title=basics.cleaned_data["title"], removed_row=removed
                )
            except services.DocumentError as exc:
                for m in _error_paths_to_fields(exc.messages, basics, sets):
                    basics.add_error(None, m)
            else:
                if action == "add" and editing is not None:
                    prefix, cls, label = ROW_SECTIONS[editing]
                    first = next(iter(cls.form.base_fields))
                    saved = len(doc[editing])
                    messages.success(request, f"保存して、{label}の入力欄を1行追加しました。")
                    # The fragment names the new row's first box: browsers scroll to it and focus it, no JS.
                    return redirect(f"{request.path}?add={editing}#id_{prefix}-{saved}-{first}")
                if action == "add-full" and editing is not None:
                    # The section is full: what was typed is saved all the same, and the person is told.
                    prefix, cls, label = ROW_SECTIONS[editing]
                    messages.warning(
                        request, f"保存しました。{label}は{cls.max_num}件までのため、行は追加していません。"
                    )
                    return redirect(f"{request.path}?open={editing}#sec-{editing}")
                if action == "delete" and editing is not None:
                    label = ROW_SECTIONS[editing][2]
                    messages.success(request, f"{label}の行を削除して保存しました。")
                    return redirect(f"{request.path}?open={editing}#sec-{editing}")
                if insert is not None:
                    # 「…に入れる」 saved what was typed (like the row buttons); the sentences are chosen and
                    # confirmed on a page of their own.
                    return redirect(
                        f"{reverse('documents:insert', args=[version.pk])}?saved={insert[0]}&to={insert[1]}"
                    )
                messages.success(request, "保存しました。")
                return redirect(f"{request.path}#review")
    else:
        add = request.GET.get("add", "")
        opened = request.GET.get("open", "")
        editing = (
            add
            if add in ROW_SECTIONS
            else opened
            if opened in ROW_SECTIONS or opened in FIELD_SECTIONS
            else None
        )
        basics, sets, new_row = _saved_forms(version, add=add)
    return _edit_page(request, version, basics, sets, editing=editing, new_row=new_row)


def _edit_page(
    request: HttpRequest,
    version: DocumentVersion,
    basics: BasicsForm,
    sets: dict[str, Any],
    *,
    editing: str | None = None,
    new_row: int | None = None,
    delete_form: ConfirmForm | None = None,
) -> HttpResponse:
    """The editor with its 添削; `delete_form`: a deletion that came without its ticked box (said beside it)."""
    delete_form = delete_form or version_delete_form()
    # A new row takes the focus only on a page nothing refused: a refused page's focus is its first field in error
    # (the renderer's), and a second autofocus left the browser to pick one.
    refused = bool(basics.errors or delete_form.errors) or any(s.total_error_count() for s in sets.values())
    if not refused and editing in ROW_SECTIONS and new_row is not None and new_row < len(sets[editing].forms):
        form = sets[editing].forms[new_row]
        form.fields[next(iter(form.fields))].widget.attrs["autofocus"] = True
    resume = services.resume_of(version)
    hints = review(resume)
    placed, general = _place_by_path(hints, basics, sets)
    counts = {sev: sum(1 for h in hints if h.severity == sev) for sev in SEVERITY_LABELS}
    notes = list(selectors.comments_on(user=request.user, version=version))
    comments_placed, comments_general = _place_by_path(notes, basics, sets)
    experience = _profile_experience(request.user, resume)
    # Saved experience translations (careers), newest first, offered to 自己PR and the 職歴's 業務内容: their
    # sentences only re-word or quote the person's own text, so inserting them adds no claims.
    translations = [
        {"saved": saved, "sentences": sentences}
        for saved, sentences in selectors.translations_to_offer(request.user, field=_document_field(version))
    ]
    return render(
        request,
        "documents/edit.html",
        {
            "version": version,
            "basics": basics,
            "sets": sets,
            "secs": _sections(basics, sets, placed, comments_placed, editing),
            "hints": hints,
            "placed": placed,
            "general": general,
            "counts": counts,
            "severity_labels": SEVERITY_LABELS,
            "rules": RULES,
            "photo_form": PhotoForm(),
            "datalists": DATALISTS,
            "has_photo": bool(version.photo),
            "profile_experience": experience,
            "translations": translations,
            # a job's 業務内容 takes only her quoted words: a result with none has nothing to offer there
            "work_translations": [
                t for t in translations if any(k == "quote" for _, k, _t in t["sentences"])
            ],
            "has_work_rows": bool(resume.work),
            # The points name jobtag skills and use its figures: its attribution goes wherever they are shown.
            "appeal_attribution": current_attribution() if translations else "",
            "comments": notes,
            "comments_open": sum(1 for c in notes if c.resolved_at is None),
            "comments_placed": comments_placed,
            "comments_general": comments_general,
            "delete_form": delete_form,
        },
        status=422 if refused else 200,  # like every refused form: a script or monitor can tell
    )


def _document_field(version: DocumentVersion) -> str:
    """The field this document is for, as a 自己PR claim names it: from its 希望職種, then its title (ADR 0139)."""
    desired = version.data.get("x-bonavi", {}).get("desiredJob", "") if isinstance(version.data, dict) else ""
    return field_for_document(str(desired or ""), version.title)


def _work_rows(version: DocumentVersion) -> list[str]:
    return [str(w.get("name", "")) for w in version.data.get("work", []) if isinstance(w, dict)]


def _insert_initial(
    *, to_work: bool, sentences: list[tuple[str, str, str]], work_rows: list[str]
) -> dict[str, Any]:
    """What the insert page ticks at first. From 自己PR: the 自己PR sentences and 自己PR. From 職歴: the first job,
    and no sentence — a 自己PR sentence never goes into a 業務内容, and her text usually tells of several
    experiences (a café job and a club's 会計係), so which quoted lines are that job's is hers to tick; with no line
    to quote, nothing at all (the page says why)."""
    if to_work:
        has_quotes = any(k == "quote" for _, k, _t in sentences)
        return {"items": [], "target": "work-0" if work_rows and has_quotes else None}
    return {"items": [key for key, k, _t in sentences if k == "appeal"], "target": "self_pr"}


def _insert_place(version: DocumentVersion, target: str) -> tuple[str, str, str, str]:
    """Where inserted text went: its name for the message, the editor section to open, the anchor, the box's id."""
    if target == "self_pr":
        return "自己PR", "cv_text", "sec-cv_text", "id_self_pr"
    if target == "skills":
        return "活かせる経験・知識・スキル", "cv_text", "sec-cv_text", "id_skills"
    row, _, place = target[5:].partition("-")
    if place == "achievements":  # the job's own 実績 box (s22)
        return f"職歴{int(row) + 1}の実績", "work", f"row-work-{row}", f"id_work-{row}-highlights"
    # a 派遣先's own 業務内容 or 実績 box in the editor (forms.WorkForm: the first, then one per later 派遣先)
    if place:
        place, _, wins = place.partition("-")
        label = services.dispatch_place_labels(version.data).get(int(row), [])[int(place) :][:1]
        kind = ("achievements", "実績") if wins else ("duties", "業務内容")
        box = f"dispatched_{kind[0]}" if place == "0" else f"assignment_{kind[0]}_{int(place) - 1}"
        return (
            f"{label[0] if label else '派遣先'}の{kind[1]}",
            "work",
            f"row-work-{row}",
            f"id_work-{row}-{box}",
        )
    return f"職歴{int(row) + 1}の業務内容", "work", f"row-work-{row}", f"id_{target}-summary"


def _inserted_message(
    version: DocumentVersion, where: str, section: str, box: str, added: int, skipped: int
) -> str:
    """Said after the text is saved (it is in the document and its PDF already): what happened, and a link to the
    box, not 「自分の言葉に直してから保存してください」 — which read as if nothing were saved yet."""
    same = f"（同じ内容の{skipped}件は入れていません）" if skipped else ""
    return format_html(
        "{}の最後に{}件の文を追加しました{}。自分の言葉に直すと伝わりやすくなります。"
        '<a href="{}?open={}#{}">{}を直す</a>',
        where,
        added,
        same,
        reverse("documents:edit", args=[version.pk]),
        section,
        box,
        where,
    )


@login_required
def insert_translation(request: HttpRequest, pk: int) -> HttpResponse:
    """Put sentences of a saved experience translation (careers) into 自己PR or a 職歴's 業務内容, server-side: the
    editor's JavaScript button only works with scripts on. Shown first with the sentences and the place to choose,
    and added only with the box ticked; what the section holds is kept and the sentences go after it."""
    _seeker(request)
    version = _version(request, pk)
    raw_id = request.POST.get("saved") if request.method == "POST" else request.GET.get("saved")
    saved = (
        selectors.translation_get(user=request.user, pk=int(raw_id))
        if raw_id and raw_id.isdigit() and len(raw_id) < 10
        else None
    )
    if saved is None:
        raise Http404("保存した経験の棚卸しが見つかりません")
    sentences = selectors.translation_sentences(saved, field=_document_field(version))
    work_rows = _work_rows(version)
    places = services.dispatch_place_labels(version.data)
    # For a job, her quoted lines are what can go in: they are listed first.
    to = (request.POST.get("target", "") if request.method == "POST" else request.GET.get("to")) or ""
    to_work = to.startswith("work")
    if to_work:
        sentences = sorted(sentences, key=lambda s: s[1] != "quote")
    if request.method == "POST":
        form = InsertForm(request.POST, sentences=sentences, work_rows=work_rows, dispatch_places=places)
        if form.is_valid():
            chosen = set(form.cleaned_data["items"])
            target = form.cleaned_data["target"]
            # A quote and the 自己PR sentence made from it tell one experience twice in one paragraph: the
            # sentence goes in, the quote does not, and the message says so.
            repeats = selectors.translation_repeats(saved) if target == "self_pr" else {}
            dropped = {k for k in chosen if repeats.get(k, set()) & chosen}
            new_job = form.new_job()
            try:
                added = services.version_insert_text(
                    version=version,
                    target=target,
                    texts=[t for k, _kind, t in sentences if k in chosen - dropped],
                    new_job=new_job,
                )
            except services.DocumentError as exc:
                form.add_error(None, list(exc.messages[:10]))
            else:
                if new_job is not None:  # the row went in by its start month: find where
                    version.refresh_from_db()
                    rows = version.data.get("work", [])
                    at = next(
                        i
                        for i in reversed(range(len(rows)))
                        if rows[i].get("name") == new_job["name"]
                        and rows[i].get("startDate") == new_job["startDate"]
                    )
                    target = f"work-{at}"
                where, section, anchor, box = _insert_place(version, target)
                said = _inserted_message(version, where, section, box, len(added), len(chosen) - len(added))
                if new_job is not None:
                    said = format_html(
                        "新しい職歴「{}」（アルバイト）を追加しました。{}", new_job["name"], said
                    )
                messages.success(request, said)
                return redirect(f"{reverse('documents:edit', args=[version.pk])}?open={section}#{anchor}")
    else:
        form = InsertForm(
            sentences=sentences,
            work_rows=work_rows,
            dispatch_places=places,
            initial=_insert_initial(to_work=to_work, sentences=sentences, work_rows=work_rows),
        )
    return render(
        request,
        "documents/insert.html",
        {
            "version": version,
            "saved": saved,
            "form": form,
            "to_work": to_work,
            "has_places": bool(places),
            "has_quotes": any(k == "quote" for _, k, _t in sentences),
            # the 自己PR sentences name jobtag skills: its credit goes with them
            "attribution": current_attribution() if any(k == "appeal" for _, k, _t in sentences) else "",
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def insert_into_newest(request: HttpRequest, saved: int) -> HttpResponse:
    """「書類に入れる」 on a saved 経験の棚卸し (careers links here by URL): the insert page of her most recently
    saved document, or the document list, saying why, when she has none yet (ADR 0139)."""
    _seeker(request)
    if selectors.translation_get(user=request.user, pk=saved) is None:
        raise Http404("保存した経験の棚卸しが見つかりません")
    newest = selectors.versions_of(request.user).order_by("-updated_at", "-pk").first()
    if newest is None:
        messages.info(
            request,
            "まだ書類がありません。履歴書・職務経歴書を作成すると、続けて保存した経験の棚卸しの文を選んで入れられます。",
        )
        return redirect(f"{reverse('documents:home')}?saved={saved}#create")
    return redirect(f"{reverse('documents:insert', args=[newest.pk])}?saved={saved}")


@login_required
@require_POST
def fix_line(request: HttpRequest, pk: int) -> HttpResponse:
    """The review's offered correction of a 派遣先's 部署・役職, applied by her one submit (no JavaScript): the
    button beside the hint posts `fix` = 「row:k:corrected position」, k a later 派遣先's index or 「first」 for the
    first 派遣先 (review.rule_inconsistent, ADR 0150, s21; s22)."""
    _seeker(request)
    version = _version(request, pk)
    row, _, rest = request.POST.get("fix", "").partition(":")
    k, _, fixed = rest.partition(":")
    anchor = f"?open=work#row-work-{row}" if row.isdigit() and len(row) < 4 else "?open=work"
    first = k == FIRST_PLACE
    try:
        if not (row.isdigit() and (first or (k.isdigit() and len(k) < 3)) and len(row) < 4 and fixed):
            raise services.DocumentError(["直す行が選ばれていません。書類を開き直してください。"])
        name = services.version_fix_assignment_position(
            version=version, row=int(row), k=None if first else int(k), fixed=fixed
        )
    except services.DocumentError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            f"最初の派遣先「{name}」の部署・役職を「{fixed}」に直して保存しました。"
            if first
            else f"派遣先「{name}」の部署・役職を「{fixed}」に直して保存しました（2つ目からの派遣先の{int(k) + 1}行目）。",
        )
    return redirect(f"{reverse('documents:edit', args=[version.pk])}{anchor}")


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner marks an adviser's comment resolved (or open again)."""
    _seeker(request)
    comment = selectors.comment_get(user=request.user, pk=pk)
    if comment is None:
        raise Http404("コメントが見つかりません")
    resolved = request.POST.get("resolved", "1") == "1"
    comments.comment_resolve(user=request.user, comment=comment, resolved=resolved)
    messages.success(
        request, "コメントを解決済みにしました。" if resolved else "コメントを未解決に戻しました。"
    )
    section = section_of_path(comment.path)
    opened = f"?open={section}" if section else ""
    return redirect(f"{reverse('documents:edit', args=[comment.version_id])}{opened}#comment-{comment.pk}")


@login_required
@require_POST
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    version = _version(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if upload_too_large(request):  # dropped as it arrived (core.uploads)
        messages.error(request, PHOTO_TOO_LARGE)
        return redirect("documents:edit", pk=pk)
    if not form.is_valid():
        messages.error(request, "写真を選んでください。")
        return redirect("documents:edit", pk=pk)
    try:
        if form.cleaned_data.get("remove"):
            services.version_set_photo(version=version, raw=None)
            messages.success(request, "写真を削除しました。")
        elif form.cleaned_data.get("photo"):
            # its size is checked by the service (photo.process_photo), as for the API
            services.version_set_photo(version=version, raw=form.cleaned_data["photo"].read())
            messages.success(request, "写真を登録しました（縦4：横3に切り抜いています）。")
        else:
            messages.error(request, "写真を選んでください。")
    except services.DocumentError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("documents:edit", pk=pk)


@login_required
@require_GET
def pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    _seeker(request)
    version = _version(request, pk)
    try:
        k = Kind(kind)
        paper = Paper(request.GET.get("paper", "A4").upper())
    except ValueError:
        raise Http404("書類の種類または用紙サイズが正しくありません") from None
    try:
        doc = default_renderer().render(services.resume_of(version), kind=k, paper=paper)
    except RenderError as exc:
        messages.error(request, str(exc))
        return redirect("documents:edit", pk=pk)
    response = attachment(doc.pdf, filename=doc.filename, content_type="application/pdf")
    if request.GET.get("inline") == "1":
        # 「PDFで確認」 on the 応募 form opens it in a tab to read, not a download to find (ADR 0150). Our own
        # renderer's PDF, not an uploaded file (those stay downloads: seekers.message_files); kept by no cache.
        response["Content-Disposition"] = content_disposition_header(False, doc.filename) or "inline"
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    version = _version(request, pk)
    doc = resume_to_json(services.resume_of(version))
    return attachment(
        json.dumps(doc, ensure_ascii=False, indent=2),
        filename=f"resume-{version.pk}.json",
        content_type="application/json; charset=utf-8",
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    version = _version(request, pk)
    # The checkbox is the confirmation: a JavaScript confirm() would not run with scripts off, and this cannot be undone.
    # Refused, the editor is answered at once with the reason beside that box (focused): a redirect to #delete
    # put the message at the top of a long page, out of view.
    form = version_delete_form(request.POST)
    if form.refused:
        basics, sets, _new_row = _saved_forms(version)
        return _edit_page(request, version, basics, sets, delete_form=form)
    services.version_delete(version=version)
    messages.success(request, "書類を削除しました。")
    return redirect("documents:home")


@login_required
@require_POST
def profile_import(request: HttpRequest) -> HttpResponse:
    """Fill the profile from an uploaded JSON Resume (all or nothing)."""
    _seeker(request)
    from .profile import ProfileImportError, import_json_resume

    form = ProfileImportForm(request.POST, request.FILES, auto_id="pi_%s")
    if upload_too_large(request):  # dropped as it arrived (core.uploads)
        say_too_large(form, "file", IMPORT_TOO_LARGE)
    elif form.is_valid():
        _, raw = form.title_and_bytes()
        try:
            import_json_resume(user=request.user, raw=raw)
        except ProfileImportError as exc:
            form.add_error(
                "file", ["プロフィールに取り込めませんでした。何も変更していません。", *exc.messages[:10]]
            )
        else:
            messages.success(request, "JSON Resume をプロフィールに取り込みました。")
            return redirect("documents:home")
    # Refused: answered at once with what was wrong beside the field, which the renderer focuses (a redirect said it
    # at the top of the page, far from the form). A chosen file cannot be put back into the field; it is chosen again.
    return _home_page(request, profile_import_form=form)


@login_required
@require_GET
def profile_export(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    from .profile import ProfileImportError, resume_json_download

    notes: list[str] = []
    try:
        doc = resume_json_download(request.user, notes=notes)
    except ProfileImportError as exc:
        for m in exc.messages[:10]:
            messages.error(request, m)
        return redirect("documents:home")
    for note in notes:  # shown on the next page the person opens; the download itself cannot carry them
        messages.warning(request, note)
    return attachment(
        json.dumps(doc, ensure_ascii=False, indent=2),
        filename="resume.json",
        content_type="application/json; charset=utf-8",
    )


# --- interview practice ------------------------------------------------------------------------------------


@login_required
def interview(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    family = request.GET.get("family") or "general_clerical"
    if family not in FAMILIES:
        family = "general_clerical"
    posting = None
    questions = questions_for(family, inexperienced=request.GET.get("new") == "1")
    posting_id = request.GET.get("posting", "")
    if posting_id.isdigit():
        posting = selectors.practice_posting(user=request.user, pk=int(posting_id))
        if posting is None:
            raise Http404("求人が見つかりません")
        family = posting.family
        questions = posting_questions(from_posting(posting)) + questions_for(family)
    return render(
        request,
        "documents/interview.html",
        {
            "families": FAMILIES,
            "family": family,
            "posting": posting,
            "questions": questions,
            "reverse_questions": REVERSE_QUESTIONS,
            "answers": selectors.answers_of(request.user)[:20],
        },
    )


@login_required
@require_POST
def interview_answer(request: HttpRequest) -> HttpResponse:
    _seeker(request)
    qid = request.POST.get("question_id", "")
    question = QUESTION_BY_ID.get(qid)
    text = question.text if question else request.POST.get("question", "")
    posted_frame = request.POST.get("frame", "")
    frame = question.frame if question else (posted_frame if posted_frame in ("STAR", "PREP") else "STAR")
    family = request.POST.get("family", "")
    posting = None
    posting_id = request.POST.get("posting", "")
    if posting_id.isdigit():
        posting = selectors.practice_posting(user=request.user, pk=int(posting_id))
    try:
        saved = services.interview_answer_save(
            owner=request.user,
            question=text,
            answer=request.POST.get("answer", ""),
            family=family if family in FAMILIES else "",
            question_id=qid,
            frame=frame,
            posting=posting,
        )
    except services.DocumentError as exc:
        for m in exc.messages:
            messages.error(request, m)
        # Back to the practice page it came from (its posting or family in the query), when that is this site's:
        # the Referer is whatever the request says, and followed as sent it redirected to any other site.
        came_from = request.META.get("HTTP_REFERER", "")
        own = url_has_allowed_host_and_scheme(
            came_from, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(came_from if came_from and own else "documents:interview")
    return redirect("documents:interview_result", pk=saved.pk)


def _own_answer(request: HttpRequest, pk: int) -> Any:
    answer = selectors.answers_of(request.user).filter(pk=pk).first()
    if answer is None:
        raise Http404("回答が見つかりません")
    return answer


def _result_page(
    request: HttpRequest, answer: Any, *, delete_form: ConfirmForm | None = None
) -> HttpResponse:
    question = QUESTION_BY_ID.get(answer.question_id)
    delete_form = delete_form or answer_delete_form()
    return render(
        request,
        "documents/interview_result.html",
        {"a": answer, "f": answer.feedback, "q": question, "delete_form": delete_form},
        status=422 if delete_form.refused else 200,
    )


@login_required
def interview_result(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    return _result_page(request, _own_answer(request, pk))


@login_required
@require_POST
def interview_answer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _seeker(request)
    answer = _own_answer(request, pk)
    # A ticked box, as for a résumé: a tap on the button alone deleted the answer and its feedback for good.
    # The refusal is shown beside that box (focused), below the feedback, where the person is.
    form = answer_delete_form(request.POST)
    if form.refused:
        return _result_page(request, answer, delete_form=form)
    services.interview_answer_delete(answer=answer)
    messages.success(request, "回答を削除しました。")
    return redirect("documents:interview")
