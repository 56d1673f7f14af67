"""Reads for the seeker side, always scoped to who is asking.

A seeker sees only their own profile, favourites and applications. An employer sees applications (and the
profile sent with them) only for their own organisation's postings, and each such read of a profile is logged
by the caller through `services.profile_read_record`. Nobody else sees any of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from bonavi.core import clock
from bonavi.core.runs import Run, merge_runs
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import ended_public_postings, postings_visible_to

from .attachments import Sections, document_source
from .message_files import kind_label, size_label
from .models import (
    RECENT_VIEWS_DAYS,
    RECENT_VIEWS_MAX,
    ActorRole,
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationStatus,
    Favorite,
    HistoryEntry,
    HistoryKind,
    Interview,
    MessageAttachment,
    ProfileAccess,
    RecentView,
    RecentViewsOff,
    SeekerProfile,
)

MAX_COMPARE = 4


def _is_seeker(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_seeker


def profile_of(*, user: Any) -> SeekerProfile | None:
    if not _is_seeker(user):
        return None
    return (
        SeekerProfile.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("history", "qualifications")
        .first()
    )


def favorites_of(*, user: Any) -> QuerySet[Favorite]:
    if not _is_seeker(user):
        return Favorite.objects.none()
    return (
        Favorite.objects.filter(user=user)
        .select_related("posting", "posting__organization")
        .order_by("-created_at")
    )


def favorite_posting_ids(*, user: Any) -> set[int]:
    if not _is_seeker(user):
        return set()
    return set(Favorite.objects.filter(user=user).values_list("posting_id", flat=True))


def visible_favorites(*, user: Any) -> list[tuple[Favorite, bool]]:
    """Each favourite with whether its posting may still be shown (closed or 非公開 ones are not shown)."""
    favorites = list(favorites_of(user=user))
    visible = set(
        postings_visible_to(user)
        .filter(pk__in=[f.posting_id for f in favorites])
        .values_list("pk", flat=True)
    )
    return [(f, f.posting_id in visible) for f in favorites]


@dataclass(frozen=True)
class FavoriteCard:
    """One card of お気に入り: `posting` while she may still see it; else `ended` when it was a public posting that
    has ended (its title and company are named, with 「掲載終了」); else neither (made 非公開, or gone) and the card
    says only 「掲載が終了した求人」."""

    favorite: Favorite
    posting: JobPosting | None
    ended: JobPosting | None = None


def _ended_among(ids: list[int]) -> dict[int, JobPosting]:
    """Which of `ids` are public postings that have ended (jobs.selectors.ended_public_postings), read through that
    selector — never from the favourite's or the history row's own join."""
    if not ids:
        return {}
    return {p.pk: p for p in ended_public_postings().filter(pk__in=ids).select_related("organization")}


def favorite_cards(*, user: Any) -> list[FavoriteCard]:
    """お気に入り's cards, newest first: three queries whatever their number (favourites, those she may see,
    those that have ended)."""
    pairs = visible_favorites(user=user)
    gone = [f.posting_id for f, ok in pairs if not ok]
    ended = _ended_among(gone)
    return [
        FavoriteCard(f, f.posting if ok else None, None if ok else ended.get(f.posting_id)) for f, ok in pairs
    ]


def compare_postings(*, user: Any, ids: list[int]) -> list[JobPosting]:
    """The postings to compare, in the order asked, keeping only those the user may see."""
    wanted = list(dict.fromkeys(ids))[:MAX_COMPARE]
    found = {p.pk: p for p in postings_visible_to(user).filter(pk__in=wanted).select_related("organization")}
    return [found[pk] for pk in wanted if pk in found]


def _listed(qs: QuerySet[Application], *, with_timeline: bool) -> QuerySet[Application]:
    # The interview (ADR 0102) is one row at most: joined, not a query per application of a list — her lists
    # give its date under 「面接」 (Application.interview_line), as the company's gives it beside the step.
    qs = qs.select_related("posting", "posting__organization", "interview")
    if not with_timeline:
        # The lists show the status and `updated_at`; every event (with its note) is only read for a timeline,
        # and the sent document (with its photo) only on one application's page.
        return qs.defer("document_snapshot")
    return qs.prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "id"))
    )


def applications_of_seeker(*, user: Any, with_timeline: bool = False) -> QuerySet[Application]:
    if not _is_seeker(user):
        return Application.objects.none()
    return _listed(Application.objects.filter(applicant=user), with_timeline=with_timeline).order_by(
        "-created_at", "-id"
    )


def applied_posting_ids(*, applicant_id: int, posting_ids: Iterable[int] | None = None) -> set[int]:
    """The postings (of `posting_ids`, or all) the person applied to directly, whatever came of it — only the
    fact, nothing of the application. For a caller that has checked it may know it: an agency's proposal and 推薦
    are refused on it (a second application to the same job, through the agency), and its advisers see it only
    when her registration consent covers it (agents.selectors, ADR 0141)."""
    rows = Application.objects.filter(applicant_id=applicant_id)
    if posting_ids is not None:
        rows = rows.filter(posting_id__in=list(posting_ids))
    return set(rows.values_list("posting_id", flat=True))


def application_of_seeker(*, user: Any, pk: int) -> Application | None:
    return applications_of_seeker(user=user, with_timeline=True).filter(pk=pk).first()


def applications_for_employer(*, user: Any, with_timeline: bool = False) -> QuerySet[Application]:
    if user is None or not user.is_authenticated or not user.is_employer:
        return Application.objects.none()
    return _listed(
        Application.objects.filter(posting__organization_id=user.organization_id), with_timeline=with_timeline
    ).order_by("-created_at", "-id")


def application_for_employer(*, user: Any, pk: int) -> Application | None:
    return applications_for_employer(user=user, with_timeline=True).filter(pk=pk).first()


def interview_visible_to(*, user: Any, application_id: int) -> Interview | None:
    """An interview for its .ics (ADR 0102), through the two sides' own selectors (the applicant's application,
    or one to the employer user's company; each joins the interview and the posting): None for everyone else
    (the view answers the 404 of a file that does not exist)."""
    for applications in (applications_of_seeker(user=user), applications_for_employer(user=user)):
        application = applications.select_related("interview").filter(pk=application_id).first()
        if application is not None:
            return getattr(application, "interview", None)
    return None


@dataclass(frozen=True)
class SentDocument:
    """The 履歴書・職務経歴書 sent with an application, as it was then (ADR 0091); its label and snapshot are the
    application's own (`document_label`, `document_snapshot`)."""

    application: Application
    sections: Sections
    kinds: tuple[tuple[str, str], ...]  # the PDFs it can be downloaded as: (kind, label)


def sent_document_of(application: Application) -> SentDocument | None:
    """The document sent with `application`, which the caller has already read through its permission selector
    (application_of_seeker / application_for_employer: the applicant, or the 採用担当 of the posting's company).
    None when no document was sent (or the applicant has left)."""
    source = document_source()
    if source is None or not application.document_label:
        return None
    return SentDocument(
        application=application,
        sections=source.sections(application.document_snapshot or {}),
        kinds=source.kinds,
    )


def profile_reads_of(*, user: Any) -> QuerySet[ProfileAccess]:
    if user is None or not user.is_authenticated:
        return ProfileAccess.objects.none()
    return ProfileAccess.objects.filter(owner=user).order_by("-created_at", "-id")


@dataclass
class ReadLine:
    """One line of her プロフィールの閲覧記録: one read, or a run of reads by the same person, of the same
    application, the same way — newest first."""

    run: Run[ProfileAccess]  # its span (run.when, run.last) and its count
    viewer_label: str
    purpose: str
    channel: str
    application_id: int | None  # her application the read was for (its page is linked), or None
    application_title: str  # 「経理スタッフ（株式会社〇〇）」, or "" when there is none (or it is gone)


def profile_read_lines(*, user: Any, limit: int = 500) -> list[ReadLine]:
    """Her profile reads as her マイデータ page shows them (the export and the API keep every row as stored): a run
    of consecutive reads by the same viewer of the same application through the same channel is one line with
    its count and span — every load of the employer's page is a read, and 15 identical rows in a few minutes
    buried the rest (as agents' audit_lines does for the agency's views, ADR 0109). Each line names the
    application the read was for, when it is hers."""
    reads = profile_reads_of(user=user).select_related("application__posting__organization")[:limit]
    lines: list[ReadLine] = []
    for run in merge_runs(
        reads,
        key=lambda r: (r.viewer_id, r.viewer_label, r.application_id, r.purpose, r.channel),
        at=lambda r: r.created_at,
    ):
        r, application = run.row, run.row.application
        # Recorded by the reads of her own applications; checked again here, so no other person's is ever named.
        hers = application is not None and application.applicant_id == user.pk
        lines.append(
            ReadLine(
                run=run,
                viewer_label=r.viewer_label,
                purpose=r.purpose,
                channel=r.channel,
                application_id=application.pk if hers and application is not None else None,
                application_title=(
                    f"{application.posting.title}（{application.posting.employer_display}）"
                    if hers and application is not None
                    else ""
                ),
            )
        )
    return lines


# --- 最近見た求人 (ADR 0087) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentItem:
    """One entry of 最近見た求人. `posting` is None when the person may no longer see it (closed, past its
    掲載期限, made 非公開); `ended` is then the posting if it was public and has ended — the page names its title and
    company with 「掲載終了」 — and None otherwise (made 非公開: 「掲載が終了した求人」 and nothing of it)."""

    posting_id: int
    viewed_at: dt.datetime
    posting: JobPosting | None
    ended: JobPosting | None = None


def _recent_rows(user: Any) -> QuerySet[RecentView]:
    # Past the retention the row is as good as gone, even before the duty has deleted it. So is a row written
    # while the history is off: on PostgreSQL a view whose upsert raced the switch can commit after the switch's
    # delete (ADR 0087); it is never shown, and the retention duty deletes it.
    since = clock.now() - dt.timedelta(days=RECENT_VIEWS_DAYS)
    return (
        RecentView.objects.filter(user=user, viewed_at__gte=since)
        .filter(~Exists(RecentViewsOff.objects.filter(user_id=OuterRef("user_id"))))
        .order_by("-viewed_at", "-pk")
    )


def recent_views_of(*, user: Any) -> list[RecentItem]:
    """The whole list, newest first: two queries (the entries, then those of their postings the person may see,
    read through postings_visible_to), and a third when some may not be seen (which of those have ended, read
    through ended_public_postings). A posting's content never comes from the history row's own join."""
    if not _is_seeker(user):
        return []
    rows = list(_recent_rows(user).values_list("posting_id", "viewed_at")[:RECENT_VIEWS_MAX])
    visible = {
        p.pk: p
        for p in postings_visible_to(user)
        .filter(pk__in=[pk for pk, _ in rows])
        .select_related("organization")
    }
    ended = _ended_among([pk for pk, _ in rows if pk not in visible])
    return [RecentItem(pk, at, visible.get(pk), ended.get(pk)) for pk, at in rows]


def recent_postings_of(*, user: Any, limit: int) -> list[RecentItem]:
    """The short list (top page, マイページ): the newest `limit` the person may still see, in one query."""
    if not _is_seeker(user):
        return []
    rows = (
        _recent_rows(user)
        .filter(posting__in=postings_visible_to(user))
        .select_related("posting", "posting__organization")[:limit]
    )
    return [RecentItem(r.posting_id, r.viewed_at, r.posting) for r in rows]


def recent_views_recording(*, user: Any) -> bool:
    return _is_seeker(user) and not RecentViewsOff.objects.filter(user=user).exists()


def experience_of(*, user: Any) -> str:
    """The profile's 経験（アルバイト・サークル・ボランティアなど） text, "" when none (one query, no prefetches)."""
    if not _is_seeker(user):
        return ""
    return SeekerProfile.objects.filter(user=user).values_list("experience", flat=True).first() or ""


def work_history_of(*, user: Any) -> list[str]:
    """The profile's 職歴 rows as on a 履歴書 (「2023年4月 〇〇 入社」), oldest first; [] for anyone but a seeker.
    学歴 rows are left out: they say where someone studied, not what they did."""
    if not _is_seeker(user):
        return []
    rows = HistoryEntry.objects.filter(profile__user=user, kind=HistoryKind.WORK).order_by(
        "year", "month", "id"
    )
    return [str(row) for row in rows]


# --- 応募後のメッセージ (ADR 0090) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInfo:
    """What the thread shows of a message's file (ADR 0097); the bytes are fetched only by `message_attachment`."""

    message_id: int
    name: str
    content_type: str
    size: int
    size_label: str  # 「850 KB」「1.2 MB」
    kind_label: str  # PDF / JPEG / PNG
    sha256: str  # of the stored bytes: the double-click check and マイデータ


@dataclass(frozen=True)
class ThreadMessage:
    side: str  # ActorRole.SEEKER / ActorRole.EMPLOYER
    sender_label: str  # 「応募者」 or 「採用担当（会社名）」: never a staff member's own name
    body: str
    sent_at: dt.datetime
    mine: bool  # written by the side that is reading
    attachment: AttachmentInfo | None = None


@dataclass(frozen=True)
class Thread:
    application: Application
    side: str  # the reader's side
    messages: list[ThreadMessage]
    closed_reason: str  # why nobody may write any more; empty while the thread is open

    @property
    def applicant_left(self) -> bool:
        # 退会 erased the messages with her (mydata.account_delete): an empty thread is not one never written in.
        return self.application.applicant_id is None


def thread_side(*, user: Any, application: Application) -> str | None:
    """Which side of the application's thread the user is on, or None: the applicant, or an active 採用担当 of
    the company that posted the job. Nobody else — another company, an agent, an operator — reads or writes it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_seeker and application.applicant_id is not None and application.applicant_id == user.pk:
        return ActorRole.SEEKER
    if user.is_employer and application.posting.organization_id == user.organization_id:
        return ActorRole.EMPLOYER
    return None


def thread_closed_reason(application: Application) -> str:
    """Empty while both sides may write; else the sentence the thread shows instead of its form (ADR 0090)."""
    if application.applicant_id is None:
        return "この応募者は退会しました。メッセージは送れません。"
    if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        label = application.get_status_display()
        return f"この応募は「{label}」で終了したため、メッセージは送れません。これまでのやりとりは引き続き読めます。"
    return ""


def thread_of(*, user: Any, application: Application) -> Thread | None:
    """The application's messages, oldest first (newest at the bottom), for one of its two sides; None for
    anyone else. One query (the application and its posting are already loaded by the caller's selector)."""
    side = thread_side(user=user, application=application)
    if side is None:
        return None
    rows = (
        ApplicationMessage.objects.filter(application=application)
        # The file's name and size come with their message in the same query; its bytes stay in the database.
        .select_related("attachment")
        .defer("attachment__data")
        .order_by("created_at", "id")
    )
    messages = [as_thread_message(m, application=application, side=side) for m in rows]
    return Thread(application, side, messages, thread_closed_reason(application))


def attachment_info(message: ApplicationMessage) -> AttachmentInfo | None:
    """The message's file as the thread shows it, or None; the caller loaded it with select_related."""
    try:
        file = message.attachment
    except MessageAttachment.DoesNotExist:
        return None
    return AttachmentInfo(
        message_id=message.pk,
        name=file.name,
        content_type=file.content_type,
        size=file.size,
        size_label=size_label(file.size),
        kind_label=kind_label(file.content_type),
        sha256=file.sha256,
    )


def message_attachment(*, user: Any, application_id: int, message_id: int) -> MessageAttachment | None:
    """A message's file, for one of the two sides of its thread only (thread_side: the applicant, or an active
    採用担当 of the posting's company); None — a 404 — for anyone else, as for a file that does not exist."""
    file = (
        MessageAttachment.objects.select_related("message__application__posting")
        .filter(message_id=message_id, message__application_id=application_id)
        .first()
    )
    if file is None or thread_side(user=user, application=file.message.application) is None:
        return None
    return file


def as_thread_message(message: ApplicationMessage, *, application: Application, side: str) -> ThreadMessage:
    """A stored message as `side` reads it: the company by its name, the staff member never by theirs."""
    return ThreadMessage(
        side=message.side,
        sender_label="応募者"
        if message.side == ActorRole.SEEKER
        else f"採用担当（{application.posting.employer_display}）",
        body=message.body,
        sent_at=timezone.localtime(message.created_at),  # JST (TIME_ZONE), on the page and in the API alike
        mine=message.side == side,
        attachment=attachment_info(message),
    )
