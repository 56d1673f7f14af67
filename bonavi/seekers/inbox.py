"""The employer's 「応募者」 page (/applicants/): direct applications and, from the agents app, referrals in one list
with one vocabulary of steps (ADR 0096).

The two kinds keep their own stored values and pipelines (a referral's 推薦 → 書類選考 → 1次/2次/最終面接 → 内定 →
内定承諾 → 入社 is the agency's legal record); only the words shown on this list are shared. The steps are keyed by
the direct application's status values, so the list's old `?status=` links keep working, and a later app maps each
of its stages onto one of them.

seekers must not import agents: the agents app registers an InboxKind from its AppConfig.ready(). Each kind gives
its rows as (kind, ref, at) columns, the rows are combined with UNION ALL and paged in the database, and each kind
then reads the rows of the page in one query — a page costs the same few queries however many applicants there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator

from bonavi.core import clock
from bonavi.core.interviews import InterviewBase
from bonavi.core.text import one_line
from bonavi.jobs.applicant_counts import PostingCount, count_per_posting, register_posting_count

from .models import OFFER_ACCEPTED_NOTE, Application, ApplicationStatus, Interview
from .selectors import applications_for_employer

# The shared words, keyed by ApplicationStatus value: its own labels, so this list, the application's page, the
# seeker's pages and the mails say one thing (ADR 0121; the list's 「未対応」 and 「書類選考」 were its own). 応募済:
# nobody on the employer's side has moved it yet (a direct application, a referral's 推薦).
STEPS: dict[str, str] = {status.value: str(status.label) for status in ApplicationStatus}


def step_label(
    step: str, detail: str = "", interview: InterviewBase | None = None, *, now: dt.datetime | None = None
) -> str:
    """A row's word: STEPS[step], with what only its kind says in brackets (「面接（1次）」) and, at 面接, the
    step's interview unless it was called off. Not yet over (InterviewBase.is_held, the one test every page asks;
    `now` from core.clock when not given), its day and time in Japan time — what the company looks for on the list:
    「面接（12月3日（木）14:00）」, 「面接（1次・12月3日（木）14:00）」. Held, the word says so and gives its day,
    so a date gone by is not read as the next step: 「面接済み（12月3日（木））」, 「面接済み（1次・12月3日（木））」.
    One format for a direct application and a referral."""
    word = STEPS[step]
    if interview is not None and not interview.is_cancelled:
        if interview.is_held(now):
            word, when = f"{word}済み", interview.day_display
        else:
            when = interview.soon_display
        detail = f"{detail}・{when}" if detail else when
    return f"{word}（{detail}）" if detail else word


DIRECT = "direct"
DIRECT_LABEL = "直接応募"


@dataclass(frozen=True)
class InboxRow:
    """One line of the list, whatever its kind."""

    kind_label: str  # 「直接応募」 / 「エージェント推薦（○○エージェント）」
    name: str
    posting_title: str
    date_label: str  # 応募日 / 推薦日
    at: Any  # the datetime the list is ordered by
    step: str  # a STEPS key (for the badge's colour)
    step_label: (
        str  # step_label(): STEPS[step] with the kind's own detail, the interview's date: 「面接（1次）」
    )
    href: str  # the kind's own detail page
    unread: int = 0  # messages the employer has not opened (direct applications have a thread)
    unread_href: str = ""
    # Her answer to the interview's date (ADR 0140): 「参加予定（回答済み）」 or 「日程変更の依頼あり」, and her
    # words (shortened; the page has them whole). Empty before she answers, and once the date is over.
    answer: str = ""
    answer_kind: str = ""
    answer_text: str = ""


@dataclass(frozen=True)
class InboxKind:
    kind: str  # the value of ?kind= (not DIRECT)
    label: str  # the filter's word: 「エージェント推薦」
    # (user, posting id or None, STEPS key or None) → the employer's own rows of this kind as entry_columns()
    entries: Callable[[Any, int | None, str | None], QuerySet[Any]]
    # (user, refs) → {ref: InboxRow} for the refs of one page, read in one query, through the same permission
    rows: Callable[[Any, list[int]], dict[int, InboxRow]]


_KINDS: list[InboxKind] = []


def register_inbox_kind(kind: InboxKind) -> InboxKind:
    if all(k.kind != kind.kind for k in _KINDS):
        _KINDS.append(kind)
    return kind


def kinds() -> list[tuple[str, str]]:
    """The values of ?kind= with their words, direct applications first."""
    return [(DIRECT, DIRECT_LABEL), *((k.kind, k.label) for k in _KINDS)]


def entry_columns(qs: QuerySet[Any], *, kind: str, at: str) -> QuerySet[Any]:
    """`qs` as the three columns every kind gives to the UNION: its kind, its pk and the date it is ordered by.
    Every column is an annotation, in the same order, so the SELECT lists of the kinds line up."""
    return qs.annotate(
        entry_kind=Value(kind, output_field=CharField()), entry_ref=F("pk"), entry_at=F(at)
    ).values_list("entry_kind", "entry_ref", "entry_at")


def _direct_entries(user: Any, posting_id: int | None, step: str | None) -> QuerySet[Any]:
    qs = applications_for_employer(user=user)
    if posting_id is not None:
        qs = qs.filter(posting_id=posting_id)
    if step is not None:
        qs = qs.filter(status=step)
    return entry_columns(qs.order_by(), kind=DIRECT, at="created_at")


def _direct_rows(user: Any, refs: list[int]) -> dict[int, InboxRow]:
    rows: dict[int, InboxRow] = {}
    # The interview joined (one row at most), for beside 「面接」 as a referral's has it: its date while it is to
    # come, 「面接済み」 with its day once held, nothing once called off (step_label decides, for both kinds).
    now = clock.now()
    for a in applications_for_employer(user=user).select_related("interview").filter(pk__in=refs):
        href = reverse("applicants:detail", args=[a.pk])
        interview = getattr(a, "interview", None) if a.status == ApplicationStatus.INTERVIEW else None
        rows[a.pk] = InboxRow(
            kind_label=DIRECT_LABEL,
            name=a.applicant_name,
            posting_title=a.posting.title,
            date_label="応募日",
            at=a.created_at,
            step=a.status,
            # 「内定（承諾済み）」 once she accepted (ADR 0126), as a referral's 内定承諾 reads; while her answer is
            # awaited with a deadline, 「内定（回答待ち・12月4日（金）まで）」 or 「…期限切れ…」 (ADR 0129).
            step_label=step_label(a.status, _offer_detail(a), interview=interview, now=now),
            href=href,
            unread=a.employer_unread,
            unread_href=f"{href}#messages",
            **_answer_of(interview, now),
        )
    return rows


def _answer_of(interview: Interview | None, now: dt.datetime) -> dict[str, str]:
    """Her answer as the row gives it, while the date is ahead (a change or a cancel clears it, ADR 0140)."""
    if interview is None or not interview.answer or interview.is_cancelled or interview.is_held(now):
        return {}
    return {
        "answer": interview.answer_status,
        "answer_kind": interview.answer,
        "answer_text": Truncator(one_line(interview.answer_text)).chars(60),
    }


def _offer_detail(a: Application) -> str:
    if a.offer_accepted:
        return OFFER_ACCEPTED_NOTE
    deadline = a.answer_deadline
    return deadline.short if deadline is not None else ""


_DIRECT_KIND = InboxKind(kind=DIRECT, label=DIRECT_LABEL, entries=_direct_entries, rows=_direct_rows)


def inbox_entries(
    *, user: Any, kind: str | None = None, posting_id: int | None = None, step: str | None = None
) -> QuerySet[Any]:
    """The employer's rows of every kind (or of `kind`), newest first, as (kind, ref, at): page it, then rows_of()."""
    chosen = [k for k in (_DIRECT_KIND, *_KINDS) if kind is None or k.kind == kind]
    first, *rest = [k.entries(user, posting_id, step) for k in chosen]
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-entry_at", "-entry_ref")


def rows_of(*, user: Any, entries: list[tuple[str, int, Any]]) -> list[InboxRow]:
    """The rows of one page of inbox_entries(), in its order: one query per kind on the page."""
    by_kind: dict[str, list[int]] = {}
    for entry_kind, ref, _ in entries:
        by_kind.setdefault(entry_kind, []).append(ref)
    read: dict[tuple[str, int], InboxRow] = {}
    for k in (_DIRECT_KIND, *_KINDS):
        if k.kind in by_kind:
            read.update({(k.kind, ref): row for ref, row in k.rows(user, by_kind[k.kind]).items()})
    # A row that went between the two reads (a referral's posting moved elsewhere) is left out, not shown empty.
    return [read[(entry_kind, ref)] for entry_kind, ref, _ in entries if (entry_kind, ref) in read]


def list_href(**params: Any) -> str:
    return f"{reverse('applicants:list')}?{urlencode(params)}"


def register() -> None:
    """求人管理's counts of direct applications beside each posting, linked to this list narrowed to it."""
    register_posting_count(
        PostingCount(
            name="direct_total",
            label="直接応募",
            expression=lambda: count_per_posting(Application.objects.all()),
            link=lambda pk: list_href(posting=pk, kind=DIRECT),
        )
    )
    register_posting_count(
        PostingCount(
            name="direct_new",
            label="うち応募済のまま",
            expression=lambda: count_per_posting(
                Application.objects.filter(status=ApplicationStatus.APPLIED)
            ),
            link=lambda pk: list_href(posting=pk, kind=DIRECT, status=ApplicationStatus.APPLIED),
            in_total=False,
        )
    )
