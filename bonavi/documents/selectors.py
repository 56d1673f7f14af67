"""Reads, always scoped to the person asking: documents and practice answers are private to their owner."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet

from bonavi.core.clock import moment_ja

from .models import DocumentComment, DocumentVersion, InterviewAnswer


def versions_of(user: Any) -> QuerySet[DocumentVersion]:
    if user is None or not user.is_authenticated:
        return DocumentVersion.objects.none()
    return DocumentVersion.objects.filter(owner_id=user.pk).defer("photo")


def version_label(version: DocumentVersion) -> str:
    """「事務職用（2026年11月26日（木）14:42 保存の版）」: which version, as the seeker knew it (its name and when it
    was last saved, in Japan time). Stored with an application or a 推薦 and read there by the employer."""
    return f"{version.title}（{moment_ja(version.updated_at)} 保存の版）"


def version_get(*, user: Any, pk: int) -> DocumentVersion | None:
    if user is None or not user.is_authenticated:
        return None
    return DocumentVersion.objects.filter(owner_id=user.pk, pk=pk).first()


def answers_of(user: Any) -> QuerySet[InterviewAnswer]:
    if user is None or not user.is_authenticated:
        return InterviewAnswer.objects.none()
    return InterviewAnswer.objects.filter(owner_id=user.pk)


def practice_posting(*, user: Any, pk: int) -> Any:
    """A posting the user may see (through the jobs app's permission-checked selector)."""
    from bonavi.jobs.selectors import posting_get_visible

    return posting_get_visible(user=user, pk=pk)


def comments_on(*, user: Any, version: DocumentVersion) -> QuerySet[DocumentComment]:
    """Reviewer comments on the user's own version (the owner is the only reader here)."""
    if user is None or not user.is_authenticated or version.owner_id != user.pk:
        return DocumentComment.objects.none()
    return DocumentComment.objects.filter(version=version)


def comment_get(*, user: Any, pk: int) -> DocumentComment | None:
    if user is None or not user.is_authenticated:
        return None
    return DocumentComment.objects.select_related("version").filter(pk=pk, version__owner_id=user.pk).first()


# --- saved experience translations (careers) offered to the editor -------------------------------------------

MAX_TRANSLATIONS_OFFERED = 5


def translation_sentences(saved: Any, *, field: str = "") -> list[tuple[str, str, str]]:
    """What a saved translation offers a document: (key, kind, text), kind "appeal" for its 自己PR sentences (they
    re-word the person's own text and may add 「この経験で培った「…」を、経理の仕事でも活かせます。」 for a jobtag skill, careers/appeal.py)
    and "quote" for her own words, which are the only lines a job's 業務内容 may receive.

    The translator quotes clauses cut at 「、」 (「レジ締めと売上日報の作成、新人5名の教育を担当。」 gives two); each is
    offered as the line `careers.translator.quote_as_line` makes of it — as written where it ends in a noun or a
    finished predicate, without a linking する (「…を管理し」→「…を管理」) — and not at all where it hangs on the next
    clause (「参加者の名簿をExcelで作り」), or where the stored quote is not the slice of her text it names; then in
    a 職務経歴書's style by `careers.translator.duty_line` (「売上と現金を毎日照合」→「売上と現金の日次照合」, 「…原因を
    探しました」→「…原因を探す」). A line with no such form is still hers: kind "own", as she wrote it, for 自己PR and
    活かせる経験 but never a 業務内容 — dropping it left 「手順書をExcelでまとめ直しました」 off the page (ADR 0139).
    Two adjacent duty lines of one sentence that say one duty are offered as one (`careers.translator.
    duty_lines_joined`: 「売上の日次照合」 and 「差異の原因調査」 → 「売上の日次照合（差異の原因調査を含む）」, ADR 0137),
    under the first's key.
    A 自己PR sentence's claim names `field`, the document's field (`careers.appeal.field_for_document`), not the
    family the result named for its evidence; "" leaves it as saved.
    Keys are stable for one stored result (its lists never change after saving)."""
    from bonavi.careers.appeal import claim_for_field

    result = saved.result or {}
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    points = result.get("appeal_points", [])
    for i, item in enumerate(points if isinstance(points, list) else []):
        text = str(item.get("text", "")).strip() if isinstance(item, dict) else ""
        if text and field:
            text = claim_for_field(text, field)
        if text and text not in seen:
            seen.add(text)
            out.append((f"a{i}", "appeal", text))
    for key, text, _members, kind in _quote_lines(saved):
        if text not in seen:
            seen.add(text)
            out.append((key, kind, text))
    return out


# Between two quotes of one sentence: only the 「、」 the translator cut at (ADR 0032), or spaces.
_SAME_SENTENCE_GAP = re.compile(r"[、,，\s]*")


def _quote_lines(saved: Any) -> list[tuple[str, str, list[int], str]]:
    """(key, line, the quote indexes it is made of, kind) for each of a saved translation's quotes that makes a
    line (quote_as_line): kind "quote" where duty_line gives it a 職務経歴書's form — two adjacent such lines of one
    sentence joined where duty_lines_joined says they are one duty (the key is the first's) — and "own", as she
    wrote it and never joined, where it has none."""
    from bonavi.careers.translator import duty_line, duty_lines_joined, quote_as_line

    result = saved.result or {}
    source = saved.text or ""
    quotes = result.get("evidence", [])
    lines: list[tuple[int, int, int, str, str]] = []  # (index, start, end, line, kind)
    for i, item in enumerate(quotes if isinstance(quotes, list) else []):
        if not isinstance(item, dict):
            continue
        start, end = item.get("start"), item.get("end")
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(source)
            and source[start:end] == item.get("span")
        ):
            continue
        line = quote_as_line(source, start, end)
        # …and in a 職務経歴書's style (「…の日次照合」「…を担当」), never a story's 「…を探しました」.
        duty = (duty_line(line) if line else None) or ""
        text = (duty or line or "").strip()
        if text:
            lines.append((i, start, end, text, "quote" if duty.strip() else "own"))
    out: list[tuple[str, str, list[int], str]] = []
    k = 0
    while k < len(lines):
        i, _start, end, text, kind = lines[k]
        if kind == "quote" and k + 1 < len(lines):
            j, start2, _end2, text2, kind2 = lines[k + 1]
            joined = (
                duty_lines_joined(text, text2)
                if kind2 == "quote" and end <= start2 and _SAME_SENTENCE_GAP.fullmatch(source[end:start2])
                else None
            )
            if joined:
                out.append((f"q{i}", joined, [i, j], "quote"))
                k += 2
                continue
        out.append((f"q{i}", text, [i], kind))
        k += 1
    return out


def translation_repeats(saved: Any) -> dict[str, set[str]]:
    """Which of a saved translation's lines say again what a 自己PR sentence already says: quote key → the keys of
    the 自己PR sentences built on that quote (appeal.py writes each sentence from its evidence spans). Ticking both
    pasted the same experience twice into one 自己PR paragraph."""
    result = saved.result or {}
    points = result.get("appeal_points", [])
    quotes = result.get("evidence", [])
    # A joined line (_quote_lines) repeats what either of its quotes' sentences says: under the first's key.
    key_of = {f"q{m}": key for key, _text, members, _kind in _quote_lines(saved) for m in members}
    out: dict[str, set[str]] = {}
    for qi, quote in enumerate(quotes if isinstance(quotes, list) else []):
        span = str(quote.get("span", "")) if isinstance(quote, dict) else ""
        if not span:
            continue
        for ai, point in enumerate(points if isinstance(points, list) else []):
            parts = point.get("evidence", []) if isinstance(point, dict) else []
            if any(isinstance(p, str) and p and (p in span or span in p) for p in parts):
                out.setdefault(key_of.get(f"q{qi}", f"q{qi}"), set()).add(f"a{ai}")
    return out


def translations_to_offer(user: Any, *, field: str = "") -> list[tuple[Any, list[tuple[str, str, str]]]]:
    """The seeker's newest saved translations that have something to insert, each with its sentences, their
    claims naming `field` (careers' own permission-checked read)."""
    from bonavi.careers.selectors import saved_translations

    offered = (
        (s, translation_sentences(s, field=field))
        for s in saved_translations(user=user)[:MAX_TRANSLATIONS_OFFERED]
    )
    return [(saved, sentences) for saved, sentences in offered if sentences]


def translation_get(*, user: Any, pk: int) -> Any:
    from bonavi.careers.selectors import saved_translations

    return saved_translations(user=user).filter(pk=pk).first()
