"""マイデータ: everything we hold about a person, as JSON and as a readable page; and deleting the account.

Completeness does not depend on every app remembering this module: any model with a foreign key to the user
that is neither exported by a section below nor listed in NOT_PERSONAL is exported generically (its rows, all
fields) under "other_data". A later app can register a readable exporter (and an eraser, if CASCADE on the user
is not enough) with `register_export` from its AppConfig.ready().
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse

from bonavi.accounts.models import ApiToken, LoginAttempt
from bonavi.core import clock
from bonavi.core.interviews import interview_export
from bonavi.jobs.selectors import postings_visible_to
from bonavi.notifications.mail import signature
from bonavi.notifications.models import MessageKind
from bonavi.notifications.outbox import sender_identity
from bonavi.notifications.selectors import notifications_export
from bonavi.notifications.services import message_queue, notifications_erase

from . import offers
from .models import (
    FINAL_STATUSES,
    ActorRole,
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationStatus,
    ConsentRecord,
    Favorite,
    Interview,
    ProfileAccess,
    RecentView,
    RecentViewsOff,
    SeekerProfile,
)
from .selectors import attachment_info
from .services import interview_called_off_by_move, profile_snapshot, queue_employer_mail

# Models related to the user that this module exports directly (app_label.ModelName → JSON key).
EXPORTED: dict[str, str] = {
    "seekers.SeekerProfile": "profile",
    "seekers.Favorite": "favorites",
    "seekers.Application": "applications",
    "seekers.ApplicationMessage": "applications",
    "seekers.Interview": "applications",
    "seekers.ConsentRecord": "consents",
    "seekers.ProfileAccess": "profile_reads",
    "seekers.RecentView": "recent_views",
    "seekers.RecentViewsOff": "recent_views",
    "notifications.SavedSearch": "saved_searches",
    "notifications.OutboxMessage": "emails",
    "accounts.ApiToken": "api_tokens",
}
# Related to a user, but not data about that person as a job seeker (with the reason).
NOT_PERSONAL: dict[str, str] = {
    "jobs.JobPosting": "求人の作成者（採用担当）の記録。求職者のデータではありません。",
    "seekers.ApplicationEvent": "応募ごとの経過として applications に含めています。",
    "admin.LogEntry": "運営者の管理画面操作の記録です。",
    # Rows the user made as staff, an employer or an organiser (actor / created_by links, many hidden by
    # related_name="+"): records of their work on other people, not data about them as a job seeker.
    "accounts.TeamInvitation": "採用担当として送った同僚への招待の記録です。",
    "jobs.PostingImportUpload": "採用担当として取り込んだ求人ファイルの記録です。",
    "events.Event": "主催者として作成した企業説明会の記録です。",
    "agents.Staff": "職業紹介事業者のスタッフとしての登録です。",
    "agents.JobOrder": "紹介会社のスタッフとして受け付けた求人の記録です。",
    "agents.ExportLog": "紹介会社のスタッフとして行った帳簿の出力の記録です。",
    "agents.Agency": "職業紹介責任者として掲示事項（手数料表・規程）を最後に更新した人の記録です。",
    "agents.HearingSheet": "スタッフが記入したヒアリングシートの記録者です。本人のヒアリング内容は agency_registrations に含めています。",
    "agents.StageEvent": "選考の経過を記録した人の記録です。本人に関わる経過は agency_registrations の access_log に含めています。",
    "agents.AuditEvent": "アクセス記録の操作者の記録です。本人についての記録は agency_registrations の access_log に含めています。",
}

Exporter = Callable[[Any], Any]


@dataclass(frozen=True)
class Registered:
    """A later app's personal data: its key in the JSON, how to export and (if CASCADE is not enough) erase it, and
    its section of the on-screen マイデータ — the section title and the app's template, which gets the exported
    value as `items` (the JSON keeps the value as it is; the page says it in words)."""

    key: str
    export: Exporter
    erase: Callable[[Any], None] | None
    title: str
    template: str


_REGISTRY: dict[str, Registered] = {}


# What a later app keeps of a person after 退会 and for how long, one sentence each, said on the 退会 page and in its
# mail. Registered as a callable read when the page or mail is written, so the figure is the later app's own
# constant (e.g. support.services.KEEP_YEARS, which this earlier app cannot import), defined once.
_KEPT_AFTER_DELETION: dict[str, Callable[[], str]] = {}


def register_kept_after_deletion(key: str, describe: Callable[[], str]) -> None:
    _KEPT_AFTER_DELETION[key] = describe


def kept_after_deletion() -> list[str]:
    return [describe() for describe in _KEPT_AFTER_DELETION.values()]


def register_export(
    model_label: str,
    *,
    key: str,
    export: Exporter,
    page: tuple[str, str],
    erase: Callable[[Any], None] | None = None,
) -> None:
    """For later apps: add their personal data to マイデータ, with `page` = (section title, template) on the
    on-screen page (which says it shows everything), and, if CASCADE is not enough, its erasure."""
    _REGISTRY[model_label] = Registered(key=key, export=export, erase=erase, title=page[0], template=page[1])


# Other records of who saw or received her data, kept by later apps (an agency's audit trail): the privacy page's
# 閲覧記録 names them with a link, so "not viewed yet" there is never said of data someone did see elsewhere.
_ACCESS_LOGS: list[Callable[[Any], tuple[str, str] | None]] = []


def register_access_log(describe: Callable[[Any], tuple[str, str] | None]) -> None:
    """`describe(user)` → (what the log is, its URL) when the user has one, else None."""
    _ACCESS_LOGS.append(describe)


def access_logs(user: Any) -> list[tuple[str, str]]:
    return [found for describe in _ACCESS_LOGS if (found := describe(user)) is not None]


def page_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The later apps' sections of the on-screen マイデータ, in registration order, each with its exported value."""
    return [{"title": r.title, "template": r.template, "items": data.get(r.key)} for r in _REGISTRY.values()]


def registered_sections() -> list[tuple[str, str]]:
    """(JSON key, section title) of each later app's section, in registration order: the CSV download's files."""
    return [(r.key, r.title) for r in _REGISTRY.values()]


def other_data_for_page(other: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """`other_data` in words (a model no app registered a section for): each model by its Japanese name and each
    field by its label, values as people read them (dates, choices, はい／いいえ). Ids, links to other rows and
    fields without a Japanese label (internal ones) are left out; the JSON keeps every field as stored."""
    from django.apps import apps

    sections = []
    for label, rows in other.items():
        if not rows:
            continue
        model = apps.get_model(label)
        shown = [
            f
            for f in model._meta.concrete_fields
            if not f.is_relation and not f.primary_key and str(f.verbose_name) != f.name.replace("_", " ")
        ]
        sections.append(
            {
                "title": str(model._meta.verbose_name_plural),
                "rows": [
                    [(str(f.verbose_name), _in_words(f, row.get(f.attname))) for f in shown] for row in rows
                ],
            }
        )
    return sections


def _in_words(field: Any, value: Any) -> str:
    from bonavi.core.templatetags.core_dates import date_ja, moment_ja

    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, dict | list):
        return "（JSONでダウンロードして確認できます）"
    if field.get_internal_type() == "DateTimeField":
        return moment_ja(value)
    if field.get_internal_type() == "DateField":
        return date_ja(value)
    return str(value)


def _label(model: Any) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"（バイナリ {len(bytes(value))} バイト）"
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def user_links() -> list[Any]:
    """Every foreign key and one-to-one of another model to the user, hidden ones included (no many-to-many
    tables: groups and permissions are the account's own settings)."""
    return [
        rel
        for rel in get_user_model()._meta.get_fields(include_hidden=True)
        if rel.auto_created
        and not rel.concrete
        and (rel.one_to_many or rel.one_to_one)
        and rel.related_model is not None
        and not rel.related_model._meta.auto_created
    ]


def other_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    """Rows of every other model that points at the user, field by field — also through a link hidden with
    related_name="+" (User._meta.related_objects leaves those out, and a complaint to an agency was missed)."""
    handled = set(EXPORTED) | set(NOT_PERSONAL) | set(_REGISTRY)
    out: dict[str, list[dict[str, Any]]] = {}
    for rel in user_links():
        label = _label(rel.related_model)
        if label in handled:
            continue
        rows = rel.related_model._default_manager.filter(**{rel.field.name: user}).values()
        out.setdefault(label, []).extend(_json_safe(dict(row)) for row in rows)
    return out


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def recent_views_export(user: Any) -> dict[str, Any]:
    """最近見た求人 as stored: every row (also one past the retention that the duty has not deleted yet) and the
    setting. A posting's title only while the person may still see it: a posting since made 非公開 is not shown
    to someone outside it, here or on the list (ADR 0087)."""
    rows = list(
        RecentView.objects.filter(user=user)
        .order_by("-viewed_at", "-pk")
        .values_list("posting_id", "viewed_at")
    )
    titles = dict(postings_visible_to(user).filter(pk__in=[pk for pk, _ in rows]).values_list("pk", "title"))
    off = RecentViewsOff.objects.filter(user=user).first()
    return {
        "recording": off is None,
        "off_since": _iso(off.since) if off else None,
        "postings": [
            {"posting_id": pk, "posting_title": titles.get(pk), "viewed_at": _iso(at)} for pk, at in rows
        ],
    }


def _attachment_export(application_id: int, message: ApplicationMessage) -> dict[str, Any] | None:
    """A message's file (ADR 0097) as the export lists it: what it is, and the signed-in link that returns the very
    bytes stored (the sha256 lets the person check that). The bytes are not inlined: a thread may hold many files
    of up to 5 MB each, which as base64 would make the JSON too large to build in one answer."""
    info = attachment_info(message)
    if info is None:
        return None
    return {
        "name": info.name,
        "type": info.content_type,
        "size": info.size,
        "sha256": info.sha256,
        "download_url": settings.SITE_URL
        + reverse("seekers:message_attachment", args=[application_id, message.pk]),
    }


def mydata_export(*, user: Any) -> dict[str, Any]:
    profile = (
        SeekerProfile.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("history", "qualifications")
        .first()
    )
    applications = []
    for a in (
        Application.objects.filter(applicant=user)
        .select_related("posting", "posting__organization", "interview")
        .prefetch_related(
            "events",
            Prefetch(
                "thread",
                # A file's name, size and hash with its message; its bytes are fetched from its own link.
                queryset=ApplicationMessage.objects.select_related("attachment")
                .defer("attachment__data")
                .order_by("created_at", "id"),
            ),
        )
        .order_by("created_at")
    ):
        employer = a.posting.employer_display
        applications.append(
            {
                "id": a.pk,
                "posting_id": a.posting_id,
                "posting_title": a.posting.title,
                "employer": employer,
                "status": a.get_status_display(),
                "applied_at": _iso(a.created_at),
                "message": a.message,
                "submitted_profile": a.profile_snapshot,
                "offer_accepted_at": _iso(a.offer_accepted_at),
                # What the company gave with the 内定 (ADR 0129).
                "offer_answer_by": _iso(a.offer_answer_by),
                "offer_start_on": _iso(a.offer_start_on),
                "offer_terms": a.offer_terms,
                # Changed by the company before her answer (ADR 0130): when, and each changed item's value before
                # (its last entry of the history: the export keeps the key it has always had, ADR 0130 addendum s21).
                "offer_changed_at": _iso(a.offer_changed_at),
                "offer_previous": offers.latest_was(a.offer_history),
                # Every earlier value with when it changed, oldest first (ADR 0155, addendum s20).
                "offer_history": [
                    {
                        "item": offers.ITEM_LABELS[str(row["item"])],
                        "was": row["was"],
                        "until": _iso(row["until"]),
                    }
                    for row in offers.history_rows(a.offer_before)
                ],
                "offer_start_proposed": _iso(a.offer_start_proposed),
                "offer_start_proposed_by": a.offer_start_proposed_by or None,
                "offer_start_proposed_reason": a.offer_start_proposed_reason,
                "submitted_document": (
                    {"label": a.document_label, "content": a.document_snapshot} if a.document_label else None
                ),
                # 面接の日程 (ADR 0102), as the company set it last.
                "interview": interview_export(getattr(a, "interview", None)),
                "timeline": [
                    {
                        "status": e.get_to_status_display(),
                        "at": _iso(e.created_at),
                        "by": e.get_actor_role_display(),
                        "note": e.note,
                    }
                    for e in a.events.all()
                ],
                # 応募後のメッセージ, both sides' (ADR 0090): the company's by its name, never a staff member's.
                "messages": [
                    {
                        "by": "応募者（あなた）" if m.side == ActorRole.SEEKER else f"採用担当（{employer}）",
                        "at": _iso(m.created_at),
                        "body": m.body,
                        "attachment": _attachment_export(a.pk, m),
                    }
                    for m in a.thread.all()
                ],
            }
        )
    data: dict[str, Any] = {
        "format": "BOナビ マイデータ",
        "format_version": 1,
        "exported_at": _iso(clock.now()),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.get_role_display(),
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": profile_snapshot(profile) if profile else None,
        "favorites": [
            {"posting_id": f.posting_id, "posting_title": f.posting.title, "saved_at": _iso(f.created_at)}
            for f in Favorite.objects.filter(user=user).select_related("posting").order_by("created_at")
        ],
        "applications": applications,
        "recent_views": recent_views_export(user),
        "consents": [
            {"version": c.version, "purposes": c.purposes, "accepted_at": _iso(c.accepted_at)}
            for c in ConsentRecord.objects.filter(user=user)
        ],
        "profile_reads": [
            {"by": r.viewer_label, "purpose": r.purpose, "via": r.channel, "at": _iso(r.created_at)}
            for r in ProfileAccess.objects.filter(owner=user)
        ],
        "api_tokens": [
            {"name": t.name, "created_at": _iso(t.created_at), "last_used_at": _iso(t.last_used_at)}
            for t in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
        "failed_logins": [
            {"ip": a.ip, "at": _iso(a.created_at)}
            for a in LoginAttempt.objects.filter(email=user.email.lower()).order_by("created_at")
        ],
    }
    data.update(notifications_export(user=user))
    for registered in _REGISTRY.values():
        data[registered.key] = registered.export(user)
    data["other_data"] = other_data(user)
    return data


@dataclass(frozen=True)
class Ending:
    """One of her applications that 退会 ends as 辞退 (ADR 0142): what the 退会 page lists and the company's mail
    says. `accepted_start`: her 承諾済みの内定's 入社予定日 (None: no date given); `interview`: the date of an
    interview still to come, called off with it."""

    application: Application
    accepted: bool
    accepted_start: dt.date | None
    interview: str


def what_ends(application: Application, *, now: dt.datetime | None = None) -> Ending:
    booked = interview_called_off_by_move(application, now=now)
    return Ending(
        application=application,
        accepted=application.status == ApplicationStatus.OFFER and application.offer_accepted_at is not None,
        accepted_start=application.offer_start_on,
        interview=booked.when_display if booked is not None else "",
    )


def applications_ending(*, user: Any) -> list[Ending]:
    """Her own applications still open (not 入社・不採用・辞退), newest first, as the 退会 page lists them."""
    now = clock.now()
    rows = (
        Application.objects.filter(applicant=user)
        .exclude(status__in=FINAL_STATUSES)
        .select_related("posting", "posting__organization", "interview")
        .order_by("-created_at", "-id")
    )
    return [what_ends(a, now=now) for a in rows]


def _queue_company_mail(application: Application, ending: Ending) -> None:
    """The 辞退 mail's words (services.application_withdraw: 「応募者により」, never her name — ADR 0044), saying
    that 退会 ended it and what ended with it."""
    what = "への応募は、応募者の退会により辞退として終了しました。"
    if ending.accepted:
        start = (
            f"入社予定日：{clock.date_ja(ending.accepted_start)}"
            if ending.accepted_start
            else "入社予定日の指定なし"
        )
        what += f"承諾済みの内定（{start}）も終了しています。"
    elif application.status == ApplicationStatus.OFFER:
        what += "回答待ちの内定も終了しています。"
    if ending.interview:
        what += f"予定していた面接（{ending.interview}）は取り消しました。"
    what += "応募者の氏名・連絡先・メッセージは削除され、連絡はできません。"
    queue_employer_mail(
        application, "応募者が退会しました（応募は辞退として終了しました）", what, go="応募の記録と経過は"
    )


def account_delete(*, user: Any) -> None:
    """Erase the person: profile, favourites, searches, consents, logs, tokens and mail are deleted;
    applications stay for the employer's counts but lose every trace of who applied; then the account goes.
    A confirmation e-mail is queued, and its address is erased as soon as it has been sent."""
    email = user.email
    now = clock.now()
    with transaction.atomic():
        for application in (
            Application.objects.select_for_update(of=("self",))
            .select_related("posting", "posting__organization", "interview")
            .filter(applicant=user)
        ):
            if application.status not in FINAL_STATUSES:
                # The company learns that the application ended, and what of it (ADR 0142): read before the
                # interview row goes below. Queued in this transaction (the outbox), so it exists only if the
                # 退会 does, and the worker sends it after the commit.
                _queue_company_mail(application, what_ends(application, now=now))
                ApplicationEvent.objects.create(
                    application=application,
                    from_status=application.status,
                    to_status=ApplicationStatus.WITHDRAWN,
                    actor=None,
                    actor_role=ActorRole.SYSTEM,
                    note="応募者の退会により辞退",
                    created_at=now,
                )
                application.status = ApplicationStatus.WITHDRAWN
            application.applicant = None
            application.profile_snapshot = {}
            # The 履歴書・職務経歴書 sent with it (ADR 0091) name and describe the person as the profile does.
            application.document_label = ""
            application.document_snapshot = {}
            application.message = ""
            application.anonymised_at = now
            application.seeker_unread = application.employer_unread = 0
            application.save()
            # 応募後のメッセージ go as the application's own message does: the applicant's words are theirs, and the
            # company's replies address them by name and answer what they wrote (ADR 0090).
            ApplicationMessage.objects.filter(application=application).delete()
            # 面接の日程 was arranged with the person (its notes may name them), and no reminder may follow them.
            Interview.objects.filter(application=application).delete()
            # Notes typed by a person (the company's move notes, her reasons) may name her, so they go. Kept: the
            # lines the system writes for a step within 内定 (承諾, a changed 回答期限 / 入社予定日 / 条件, a 入社日
            # proposal and its answer: offers.*_note, OFFER_ACCEPTED_NOTE) and the company's own interview steps
            # (set / changed / called off: a date and its place) — no free text, and without them the company's
            # 経過 is four bare 「内定」 lines (ADR 0142). Her interview answer (a step by the seeker) has her words.
            application.events.exclude(actor_role=ActorRole.SYSTEM).exclude(
                from_status=ApplicationStatus.OFFER, to_status=ApplicationStatus.OFFER
            ).exclude(
                from_status=ApplicationStatus.INTERVIEW,
                to_status=ApplicationStatus.INTERVIEW,
                actor_role=ActorRole.EMPLOYER,
            ).update(note="")
            application.events.update(actor=None)
        for registered in _REGISTRY.values():
            if registered.erase is not None:
                registered.erase(user)
        notifications_erase(user=user)
        LoginAttempt.objects.filter(email=email.lower()).delete()
        # CASCADE removes the profile and its rows, favourites, 最近見た求人 and its setting, consents,
        # profile-read logs and API tokens.
        get_user_model().objects.filter(pk=user.pk).delete()
        # The account is gone, so the mail itself must say how to reach the operator (OPERATOR_CONTACT, as the digests name it).
        contact = sender_identity()["contact"]
        reach = f"（{contact}）" if contact else ""
        message_queue(
            kind=MessageKind.ACCOUNT,
            to_email=email,
            subject="【BOナビ】退会手続きが完了しました",
            body="\n".join(
                [
                    "BOナビをご利用いただきありがとうございました。",
                    "",
                    "退会の手続きが完了し、プロフィール・お気に入り・最近見た求人・保存した検索条件・応募の記録など、",
                    "あなたを特定できる情報を削除しました。応募先の企業の記録からも、あなたの氏名・連絡先・",
                    "メッセージは削除されています。新着求人メールも今後は届きません。",
                    # What later apps keep, each in its own words and years: an agency's 求職管理簿 (agents,
                    # ADR 0114), the platform's complaint register (support, ADR 0080).
                    *kept_after_deletion(),
                    "",
                    "このメールの送信後、このメールアドレスも削除されます。",
                    f"お心当たりがない場合は、お手数ですが運営{reach}までご連絡ください。",
                    *signature(),
                ]
            ),
            user=None,
            erase_after_send=True,
        )
