"""Reviewer comments (添削) on a document's fields: which fields a reviewer sees and may comment on, and the writes.

A reviewer (a career adviser the owner asked for a review) sees only the fields that make the 職務経歴書 and the
履歴書's free-text parts: 職務要約, each job's 業務内容 and 実績 (and each 派遣先's), skills, qualifications, 自己PR, 志望動機 and the
本人希望記入欄. Never the birth date, sex, address, phone or photo: a review of the writing does not need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bonavi.core.validators import reject_markup

from .layout import DISPATCH, fmt_ym, haken_saki_periods, period_span
from .model import DateStyle, YearMonth
from .models import DocumentComment, DocumentVersion
from .services import DocumentError

MAX_COMMENT_CHARS: Final = 2000
MAX_COMMENTS_PER_VERSION: Final = 200
MAX_LABEL_CHARS: Final = DocumentComment._meta.get_field("field_label").max_length or 60


@dataclass(frozen=True)
class ReviewField:
    path: str  # JSON Resume path, as review hints use
    label: str
    value: str
    group: str  # a heading for the reviewer's page ("職務経歴書", "職歴 1：株式会社…")
    # How a comment on it names it away from that heading (DocumentComment.field_label: the mail, マイデータ): ""
    # is `label`, which says it alone outside the 職歴.
    named: str = ""

    @property
    def stored_label(self) -> str:
        return (self.named or self.label)[:MAX_LABEL_CHARS]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        # A skill as the 職務経歴書 prints it, 「Excel（VLOOKUP、ピボットテーブル）：実務で使える」: its level was
        # left out here, so the company's copy of a sent document read 「Excel ピボットテーブル」 with no 「基本操作ができる」.
        keywords = "、".join(str(k) for k in value.get("keywords") or [] if k)
        level = str(value.get("level") or "").strip()
        name = str(value.get("name") or "").strip()
        return name + (f"（{keywords}）" if keywords else "") + (f"：{level}" if level else "")
    return str(value or "").strip()


def _month(value: Any, style: DateStyle) -> str:
    """A JSON Resume date as the document itself prints it (「2022年4月」, or 「令和4年4月」 for a 和暦 document);
    a value that is no date is shown as written rather than dropped."""
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return fmt_ym(YearMonth.parse(text), style)
    except ValueError:
        return text


def _period(job: dict[str, Any], style: DateStyle) -> str:
    """A job's 在籍期間 as the 職務経歴書 says it (layout.period_span); none for a job with no dates at all."""
    start, end = _month(job.get("startDate"), style), _month(job.get("endDate"), style)
    return period_span(start, end) if start or end else ""


def _fit(template: str, name: str) -> str:
    """`template` with {name} filled, the name shortened with 「…」 so the whole fits a stored comment's 項目名
    (MAX_LABEL_CHARS): the period and the field, which tell two spells apart, are never the part cut."""
    room = MAX_LABEL_CHARS - len(template.replace("{name}", ""))
    if len(name) > room:
        name = name[: max(room - 1, 1)] + "…"
    return template.replace("{name}", name)


def _per_assignment(i: int, job: dict[str, Any], style: DateStyle) -> list[tuple[str, str, str]]:
    """(path, label, value) of each 派遣先's 業務内容 and 実績, in the order the 職務経歴書 prints them (ADR 0150,
    s19 assignment duties; s20): a reviewer comments on them and a company reading a sent document sees them. Only
    for a 派遣 the 職務経歴書 prints per 派遣先 (several, or one with lines of its own). The same client twice is
    named with each spell's period, as the 職務経歴書 prints it (s22): 「派遣先「株式会社□□」での実績」 twice left a
    comment's target, and the mail telling her of it, ambiguous."""
    first = str(job.get("dispatchedTo") or "")
    later = [a for a in job.get("assignments") or [] if isinstance(a, dict) and a.get("name")]
    own = job.get("dispatchedDuties") or job.get("dispatchedAchievements")
    if str(job.get("employmentType") or "").strip() not in DISPATCH or not first or not (later or own):
        return []
    periods = haken_saki_periods({**job, "assignments": later}, style)
    places = [(first, f"work[{i}].dispatchedDuties", f"work[{i}].dispatchedAchievements", job)]
    places += [
        (str(a["name"]), f"work[{i}].assignments[{k}].duties", f"work[{i}].assignments[{k}].achievements", a)
        for k, a in enumerate(later)
    ]
    out = []
    for (name, duties, wins, src), period in zip(places, periods, strict=True):
        first_keys = src is job
        when = f"（{period}）" if period else ""
        out.append(
            (
                duties,
                _fit(f"派遣先「{{name}}」{when}での業務内容", name),
                _text(src.get("dispatchedDuties" if first_keys else "duties")),
            )
        )
        out.append(
            (
                wins,
                _fit(f"派遣先「{{name}}」{when}での実績", name),
                _text(src.get("dispatchedAchievements" if first_keys else "achievements")),
            )
        )
    return out


def review_fields(data: dict[str, Any]) -> list[ReviewField]:
    """The fields a reviewer sees, in document order (empty ones included, so a reviewer can say 'write this')."""
    basics = data.get("basics") or {}
    ext = data.get("x-bonavi") or {}
    style = DateStyle.JAPANESE if ext.get("dateStyle") == DateStyle.JAPANESE else DateStyle.WESTERN
    out = [ReviewField("basics.summary", "職務要約", _text(basics.get("summary")), "職務経歴書")]
    jobs = [job for job in data.get("work") or [] if isinstance(job, dict)]
    names = ["".join(str(job.get("name") or "").split()) for job in jobs]
    for i, job in enumerate(jobs):
        period = _period(job, style)
        company = str(job.get("name") or "") or "（会社名なし）"
        head = f"職歴 {i + 1}：{company}" + (f"（{period}）" if period else "")
        # Its 雇用形態 beside the role (an アルバイト read as a full-time job without it); 正社員 goes without saying.
        etype = str(job.get("employmentType") or "").strip()
        role = "・".join(p for p in (etype if etype != "正社員" else "", job.get("position") or "") if p)
        if role:
            head += f" {role}"
        # Under its heading a job's field is 「業務内容」; told back to her alone (the mail, マイデータ) it names the
        # job, and the spell when she worked for that company twice (s22).
        when = f"（{period}）" if period and names.count(names[i]) > 1 else ""
        out.append(
            ReviewField(
                f"work[{i}].summary",
                "業務内容",
                _text(job.get("summary")),
                head,
                _fit(f"職歴{i + 1} {{name}}{when}の業務内容", company),
            )
        )
        out.extend(
            ReviewField(path, label, value, head, label)
            for path, label, value in _per_assignment(i, job, style)
        )
        out.append(
            ReviewField(
                f"work[{i}].highlights",
                "実績",
                _text(job.get("highlights")),
                head,
                _fit(f"職歴{i + 1} {{name}}{when}の実績", company),
            )
        )
    out.append(ReviewField("skills", "活かせる経験・知識・スキル", _text(data.get("skills")), "職務経歴書"))
    certs = [c.get("name", "") for c in data.get("certificates") or [] if c.get("name")]
    out.append(ReviewField("certificates", "免許・資格", "\n".join(certs), "職務経歴書"))
    out.append(ReviewField("x-bonavi.selfPr", "自己PR", _text(ext.get("selfPr")), "職務経歴書"))
    out.append(
        ReviewField(
            "x-bonavi.motivation", "志望の動機・アピールポイント", _text(ext.get("motivation")), "履歴書"
        )
    )
    out.append(ReviewField("x-bonavi.requests", "本人希望記入欄", _text(ext.get("requests")), "履歴書"))
    return out


def resume_sections(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The written parts of a JSON Resume (職務要約, each job, skills, 自己PR, 志望動機 …) as headed rows, for a
    reader of a sent document (the employer, the applicant): review_fields' groups, each heading once, empty
    fields and empty groups left out. The groups keep review_fields' order even when their first field is empty
    (職務経歴書 first, without a 職務要約 too)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for f in review_fields(data):
        rows = grouped.setdefault(f.group, [])
        if f.value:
            rows.append((f.label, f.value))
    return [(group, rows) for group, rows in grouped.items() if rows]


def comment_add(
    *, version: DocumentVersion, author: Any, author_label: str, path: str, body: str
) -> DocumentComment:
    """Store a reviewer's comment on one field. The caller has already decided that `author` may comment."""
    fields = {f.path: f for f in review_fields(version.data)}
    body = (body or "").strip()
    errors: list[str] = []
    if path not in fields:
        errors.append(
            "コメントする項目が見つかりません。書類が更新された可能性があります。画面を開き直してください。"
        )
    if not body:
        errors.append("コメントを入力してください。")
    elif len(body) > MAX_COMMENT_CHARS:
        errors.append(f"コメントは{MAX_COMMENT_CHARS:,}文字以内にしてください（いま{len(body):,}文字）。")
    try:
        reject_markup(body)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if errors:
        raise DocumentError(errors)
    field = fields[path]
    with transaction.atomic():
        if DocumentComment.objects.filter(version=version).count() >= MAX_COMMENTS_PER_VERSION:
            raise DocumentError([f"1つの書類へのコメントは{MAX_COMMENTS_PER_VERSION}件までです。"])
        return DocumentComment.objects.create(
            version=version,
            path=path,
            field_label=field.stored_label,
            quoted=field.value[:300],
            body=body,
            author=author if getattr(author, "pk", None) else None,
            author_label=author_label[:200],
        )


def comment_resolve(*, user: Any, comment: DocumentComment, resolved: bool = True) -> DocumentComment:
    """Only the document's owner marks a comment resolved (or open again)."""
    if comment.version.owner_id != getattr(user, "pk", None):
        raise DocumentError(["ご自身の書類へのコメントだけ操作できます。"])
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved_at"])
    return comment


def comments_export(user: Any) -> list[dict[str, Any]]:
    """Comments on the person's own documents, for マイデータ (CASCADE with the versions erases them)."""
    return [
        {
            "document": c.version.title,
            "field": c.field_label,
            "by": c.author_label,
            "at": c.created_at.isoformat(),
            "comment": c.body,
            "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
        }
        for c in DocumentComment.objects.filter(version__owner_id=user.pk).select_related("version")
    ]
