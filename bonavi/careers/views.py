"""Career pages: 適職診断, the experience translator, roadmaps, occupation pages and saved results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from bonavi.core.forms import ConfirmForm

from . import assessment, gaps, roadmaps, selectors, services
from .families import FAMILY_MEMBERS, FAMILY_OF, family_name
from .forms import AssessmentForm, TransferForm, TranslateForm, saved_delete_form
from .models import SavedAssessment, SavedTranslation
from .reference import RIASEC, RIASEC_NAMES, get_reference
from .textcheck import TextRejected
from .translator import UnknownOccupation, translate


def _can_save(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and getattr(request.user, "is_seeker", False))


def index(request: HttpRequest) -> HttpResponse:
    ref = get_reference()
    families = [
        {"family": f, "name": family_name(f), "intro": roadmaps.ROADMAPS[f].intro} for f in FAMILY_MEMBERS
    ]
    return render(request, "careers/index.html", {"families": families, "attribution": ref.attribution})


def _interest_bars(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "scale": s,
            "name": RIASEC_NAMES[s],
            "score": result["interests"].get(s, 0.0),
            "pct": round(100 * result["interests"].get(s, 0.0) / 4, 1),
        }
        for s in RIASEC
    ]


def assessment_page(request: HttpRequest) -> HttpResponse:
    ref = get_reference()
    form = AssessmentForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "attribution": ref.attribution, "can_save": _can_save(request)}
    if request.method == "POST":
        if form.is_valid():
            answers = form.answers()
            result = assessment.assess(answers, scope=request.POST.get("scope", "all"))
            context.update(
                result=result,
                answers=answers,
                bars=_interest_bars(result),
                scope=request.POST.get("scope", "all"),
            )
            return render(request, "careers/assessment_result.html", context)
        context["error_count"] = len(form.errors)
    return render(request, "careers/assessment.html", context)


@require_POST
def assessment_save(request: HttpRequest) -> HttpResponse:
    if not _can_save(request):
        raise PermissionDenied("結果を保存するには、求職者のアカウントでログインしてください。")
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "回答が足りないため保存できませんでした。もう一度診断してください。")
        return redirect("careers:assessment")
    answers = form.answers()
    result = assessment.assess(answers, scope=request.POST.get("scope", "all"))
    saved = services.saved_assessment_create(user=request.user, answers=answers, result=result)
    messages.success(request, "診断結果を保存しました。")
    return redirect("careers:saved_detail", kind="assessment", pk=saved.pk)


def highlight(text: str, evidence: list[dict[str, Any]]) -> SafeString:
    """The person's text with each evidence span wrapped in <mark> (escaped; line breaks kept)."""
    out: list[str] = []
    pos = 0
    for n, ev in enumerate(sorted(evidence, key=lambda e: e["start"]), start=1):
        if ev["start"] < pos:
            continue
        out.append(escape(text[pos : ev["start"]]))
        label = f"根拠{n}：{ev['skill_label']}（{ev['family_name']}）"
        out.append(
            f'<mark class="evidence" data-family="{escape(ev["family"])}" title="{escape(label)}">'
            f'{escape(text[ev["start"] : ev["end"]])}<sup aria-label="{escape(label)}">{n}</sup></mark>'
        )
        pos = ev["end"]
    out.append(escape(text[pos:]))
    # Every piece above went through escape(); only our own <mark>, <sup> and <br> are markup.
    return mark_safe("".join(out).replace("\n", "<br>"))


def _translation_context(text: str, result: dict[str, Any]) -> dict[str, Any]:
    target = result.get("target")
    return {
        "result": result,
        "text": text,
        "highlighted": highlight(text, result["evidence"]),
        "target_family": FAMILY_OF.get(target["jobtag_id"]) if target else None,
        "top_family": result["families"][0]["family"] if result["families"] else None,
    }


def translate_page(request: HttpRequest) -> HttpResponse:
    ref = get_reference()
    # A signed-in seeker starts from what their profile already says (GET only: a posted text is theirs as typed).
    prefill = selectors.profile_experience(user=request.user) if request.method != "POST" else ""
    form = TranslateForm(request.POST or None, initial={"text": prefill} if prefill else None)
    context: dict[str, Any] = {
        "form": form,
        "attribution": ref.attribution,
        "can_save": _can_save(request),
        "prefilled": bool(prefill),
    }
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        target = form.cleaned_data.get("target")
        try:
            result = translate(text, target=target)
        except (TextRejected, UnknownOccupation) as exc:
            form.add_error("text", exc.message)
        else:
            context.update(_translation_context(text, result), target_id=target or "")
    return render(request, "careers/translate.html", context)


@require_POST
def translate_save(request: HttpRequest) -> HttpResponse:
    if not _can_save(request):
        raise PermissionDenied("結果を保存するには、求職者のアカウントでログインしてください。")
    form = TranslateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "文章に問題があるため保存できませんでした。")
        return redirect("careers:translate")
    text = form.cleaned_data["text"]
    target = form.cleaned_data.get("target")
    try:
        result = translate(text, target=target)
    except (TextRejected, UnknownOccupation):
        messages.error(request, "文章に問題があるため保存できませんでした。")
        return redirect("careers:translate")
    saved = services.saved_translation_create(
        user=request.user, text=text, target_jobtag_id=target, result=result
    )
    messages.success(request, "経験の棚卸しの結果を保存しました。")
    return redirect("careers:saved_detail", kind="translation", pk=saved.pk)


def roadmap_list(request: HttpRequest) -> HttpResponse:
    ref = get_reference()
    families = [{"family": f, "name": family_name(f), "intro": r.intro} for f, r in roadmaps.ROADMAPS.items()]
    return render(
        request, "careers/roadmap_list.html", {"families": families, "attribution": ref.attribution}
    )


def roadmap_page(request: HttpRequest, family: str) -> HttpResponse:
    if family not in roadmaps.ROADMAPS:
        raise Http404("職種が見つかりません。")
    ref = get_reference()
    context = roadmaps.roadmap_context(family, ref)
    # A signed-in seeker sees next steps from their latest saved translation aimed at this family.
    latest = selectors.latest_translation_for_family(user=request.user, family=family)
    context.update(
        road=context,
        next_steps=latest,
        search_url=assessment.search_url(family, assessment.SEARCH_WORDS[family]),
    )
    return render(request, "careers/roadmap.html", context)


def occupation_page(request: HttpRequest, jobtag_id: int) -> HttpResponse:
    ref = get_reference()
    occ = ref.get(jobtag_id)
    if occ is None:
        raise Http404("職業が見つかりません。")
    family = FAMILY_OF.get(jobtag_id)
    top_skills = sorted(occ.skills, key=lambda k: -ref.z("skills", occ, k))[:6] if occ.skills else []
    context = {
        "occ": occ,
        "family": family,
        "family_name": family_name(family) if family else "",
        "roadmap_family": roadmaps.roadmap_for_occupation(jobtag_id),
        "tasks": sorted(occ.tasks, key=lambda t: -(t.get("importance") or 0))[:6],
        "skills": [
            {
                "label": ref.label(k),
                "level": occ.skills[k],
                "average": round(ref.constants["skills"]["mean"][k], 2),
            }
            for k in top_skills
        ],
        "pay": roadmaps.pay_rows([jobtag_id], ref),
        "search_url": assessment.search_url(family, occ.title) if family else None,
        "attribution": ref.attribution,
    }
    return render(request, "careers/occupation.html", context)


def transfer_page(request: HttpRequest) -> HttpResponse:
    ref = get_reference()
    form = TransferForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "attribution": ref.attribution}
    if request.GET and form.is_valid():
        src = ref.get(form.cleaned_data["source"])
        tgt = ref.get(form.cleaned_data["target"])
        if src is not None and tgt is not None:
            context["transfer"] = gaps.transfer(src, tgt, ref)
    return render(request, "careers/transfer.html", context)


@login_required
def saved_list(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "is_seeker", False):
        raise PermissionDenied("保存した結果は求職者のアカウントで使えます。")
    ref = get_reference()
    return render(
        request,
        "careers/saved.html",
        {
            "assessments": selectors.saved_assessments(user=request.user),
            "translations": selectors.saved_translations(user=request.user),
            "attribution": ref.attribution,
        },
    )


def _own_saved(request: HttpRequest, kind: str, pk: int) -> SavedAssessment | SavedTranslation:
    saved = selectors.saved_result_get(user=request.user, kind=kind, pk=pk)
    if saved is None:
        raise Http404("保存した結果が見つかりません。")
    return saved


def _saved_page(
    request: HttpRequest,
    kind: str,
    saved: SavedAssessment | SavedTranslation,
    *,
    delete_form: ConfirmForm | None = None,
) -> HttpResponse:
    ref = get_reference()
    delete_form = delete_form or saved_delete_form()
    context: dict[str, Any] = {
        "saved": saved,
        "kind": kind,
        "attribution": ref.attribution,
        "delete_form": delete_form,
    }
    if isinstance(saved, SavedTranslation):
        context.update(_translation_context(saved.text, saved.result))
    else:
        context.update(result=saved.result, bars=_interest_bars(saved.result))
    return render(request, "careers/saved_detail.html", context, status=422 if delete_form.refused else 200)


@login_required
def saved_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _saved_page(request, kind, _own_saved(request, kind, pk))


@login_required
@require_POST
def saved_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    saved = _own_saved(request, kind, pk)
    # A ticked box, as for a résumé or a saved search: the button alone deleted the result for good at one tap.
    # The refusal is shown beside that box (focused), below the result, where the person is.
    form = saved_delete_form(request.POST)
    if form.refused:
        return _saved_page(request, kind, saved, delete_form=form)
    services.saved_result_delete(user=request.user, kind=kind, pk=saved.pk)
    messages.success(request, "保存した結果を削除しました。")
    return redirect("careers:saved")
