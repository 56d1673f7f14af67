"""「求職者を招待」 (ADR 0104): an adviser brings in a person who phoned or walked in.

The adviser types her name (as she told it), her address and an optional note; she is mailed once a signed,
single-use link that works VALID_DAYS. It leads to the agency's own registration page with its consent: nothing
here registers anybody, she does, after signing up or logging in. Registering through it assigns the adviser who
invited her and writes the invitation into her audit trail.

The adviser learns nothing about the address: the page, the list and the mail are the same whether or not it has
a BOナビ account (the mail tells her both ways in). Writes here follow services.py: keyword-only arguments, one
transaction each, the mail queued in the outbox inside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bonavi.core.clock import JST, date_ja
from bonavi.core.fields import EmailField
from bonavi.core.ratelimit import typed_address_mail_allowed
from bonavi.core.signed import sign_row, signed_row
from bonavi.core.text import one_line
from bonavi.core.validators import reject_markup
from bonavi.notifications.models import MessageKind, OutboxMessage
from bonavi.notifications.outbox import outbox_cancel
from bonavi.notifications.services import message_queue

from . import selectors
from .limits import INVITE_NOTE_MAX, NAME_MAX, length_problems
from .models import (
    Agency,
    AuditAction,
    Candidate,
    Invitation,
    InvitationStatus,
    Staff,
    audit_actor_label,
    audit_record,
)
from .rules import note_problems
from .services import AgentError, _body, _url, candidate_application

# Invitations one member of staff may send per day (JST), cancelled ones included: enough for a busy day of calls,
# and a stolen or careless account cannot turn the agency into a mailer.
DAILY_LIMIT = 30
_SALT = "bonavi.agents.invitation"
# The refusals the web form words too (forms.InviteForm), so both say the same.
NAME_REQUIRED = "お名前を入力してください（ご本人から伺ったとおりで構いません）。"
EMAIL_REQUIRED = "メールアドレスを入力してください。"
_EMAIL = EmailField(error_messages={"required": EMAIL_REQUIRED})


def require_inviter(user: Any) -> Staff:
    """The member of staff who may invite (Staff.may_invite), or PermissionDenied."""
    staff = selectors.staff_of(user)
    if staff is None:
        raise PermissionDenied("職業紹介事業者のスタッフとしてログインしてください。")
    if not staff.may_invite:
        raise PermissionDenied("求職者の招待は、キャリアアドバイザーと職業紹介責任者が行います。")
    return staff


def invitation_problems(*, name: str, email: str, note: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The Japanese reasons an invitation is refused (by field), and the values as they would be stored."""
    errors: dict[str, list[str]] = {}
    clean = {"name": one_line(name or ""), "email": "", "note": (note or "").strip()}
    if not clean["name"]:
        errors["name"] = [NAME_REQUIRED]
    else:
        problems = length_problems(clean["name"], label="お名前", limit=NAME_MAX)
        try:
            reject_markup(clean["name"])
        except ValidationError as exc:
            problems += exc.messages
        if problems:
            errors["name"] = problems
    try:
        clean["email"] = str(_EMAIL.clean((email or "").strip())).lower()
    except ValidationError as exc:
        errors["email"] = exc.messages
    problems = length_problems(clean["note"], label="メモ", limit=INVITE_NOTE_MAX)
    try:
        reject_markup(clean["note"])
    except ValidationError as exc:
        problems += exc.messages
    problems += note_problems(clean["note"])
    if problems:
        errors["note"] = problems
    return errors, clean


def invitation_url(invitation: Invitation) -> str:
    """The mailed link: the agency's registration page, the token as ?invite= (kept through sign-up and login).
    The token names the row (its id and creation time, core.signed.sign_row), which says if it still works."""
    return f"{_url('agents:agency_public', invitation.agency.slug)}?invite={sign_row(_SALT, invitation)}"


def _day_start(now: dt.datetime) -> dt.datetime:
    return now.astimezone(JST).replace(hour=0, minute=0, second=0, microsecond=0)


def invitation_send(*, user: Any, name: str, email: str, note: str = "") -> Invitation:
    """Store the invitation and queue its one mail. Refused (AgentError, nothing stored) for a bad name, address
    or note, an address this agency invited and is still waiting for, past the staff's DAILY_LIMIT, and past the
    address's typed-address mail allowance (shared by every form that mails a typed address)."""
    staff = require_inviter(user)
    errors, clean = invitation_problems(name=name, email=email, note=note)
    if errors:
        raise AgentError(errors)
    now = timezone.now()
    with transaction.atomic():
        # One invitation at a time per agency: the one-waiting-invitation rule is agency-wide (two offices must
        # not both invite the address), and two tabs of one adviser cannot both pass the daily cap.
        Agency.objects.select_for_update().filter(pk=staff.agency_id).first()
        pending_office = (
            Invitation.objects.waiting(now)
            .filter(agency=staff.agency, email=clean["email"])
            .values_list("office_id", flat=True)
            .first()
        )
        if pending_office == staff.office_id:
            raise AgentError(
                {
                    "email": [
                        "このメールアドレスには招待中です。送り直す場合は、一覧で取り消してから招待してください。"
                    ]
                }
            )
        if pending_office is not None:  # listed to the other office only: he cannot cancel it from here
            raise AgentError({"email": ["このメールアドレスには、同じ事業者の別の事業所から招待中です。"]})
        if (
            Invitation.objects.filter(invited_by=staff, created_at__gte=_day_start(now)).count()
            >= DAILY_LIMIT
        ):
            raise AgentError(f"招待は1人1日{DAILY_LIMIT}件までです。明日またお試しください。")
        # Counted last, so a refused form does not use up the address's allowance.
        if not typed_address_mail_allowed(clean["email"]):
            raise AgentError(
                {
                    "email": [
                        "このメールアドレスへの送信が短時間に続いています。1時間ほどおいてから、もう一度お試しください。"
                    ]
                }
            )
        invitation = Invitation.objects.create(
            agency=staff.agency,
            office=staff.office,
            invited_by=staff,
            name=clean["name"],
            email=clean["email"],
            note=clean["note"],
            created_at=now,
            expires_at=now + dt.timedelta(days=Invitation.VALID_DAYS),
        )
        invitation.message = _mail(invitation, staff)
        invitation.save(update_fields=["message"])
    return invitation


def _mail(invitation: Invitation, staff: Staff) -> OutboxMessage:
    agency, office = staff.agency, staff.office
    until = invitation.expires_at.astimezone(JST).date()
    purge_on = until + dt.timedelta(days=Invitation.KEEP_DAYS)
    adviser = one_line(staff.user.display_name or "")
    lines = [
        f"{invitation.name} 様",
        "",
        f"{agency.name}（有料職業紹介事業 許可番号：{agency.license_number}）"
        + (f"の{adviser}から" if adviser else "から")
        + "、BOナビでの求職登録のご案内です。お電話やご来社の際にお伝えしたとおり、ご案内をお送りします。",
        "",
        "■ 登録すると",
        f"・{agency.name}のキャリアアドバイザーがご希望を伺い（ヒアリング）、合う求人を提案します。",
        "・応募（企業への推薦）は、あなたが求人ごとに同意したものだけです。",
        "・個人情報の利用目的は登録ページに書いてあります。読んで同意したうえでお申し込みください。"
        "同意はいつでも撤回でき、撤回しても不利益はありません。",
        "",
        "■ 登録するかどうかは、あなたが決めてください",
        "登録しなくても不利益はありません。登録しない場合は、このメールを無視してください"
        "（こちらから改めてご案内することはありません）。",
        "",
        f"■ 登録ページ（{date_ja(until)}まで・1回限り有効）",
        invitation_url(invitation),
        "BOナビのアカウントをお持ちでない方は、ページの案内からアカウントを作成（無料）し、"
        "お持ちの方はログインしてから、お申し込みください。",
        "",
        f"心当たりがない場合も、このメールを無視してください。リンクは期限を過ぎると使えなくなり、"
        f"お名前とメールアドレスは{date_ja(purge_on)}までに削除します。",
        f"お問い合わせ：{agency.name} {office.name}（{office.phone}）",
    ]
    return message_queue(
        kind=MessageKind.APPLICATION,
        to_email=invitation.email,
        subject=f"【BOナビ】{one_line(agency.name)}から求職登録のご案内",
        body=_body(lines, to_seeker=True),
        # The link and her name need not outlive the sending (the row keeps what the list shows).
        erase_after_send=True,
    )


def invitation_cancel(*, user: Any, invitation_id: int) -> Invitation:
    """Cancel an invitation still waiting: its link stops working at once. The inviter or the office's 職業紹介責任者
    may; anyone else of the agency, or another agency, finds no such invitation (404 to the caller)."""
    staff = require_inviter(user)
    invitation = selectors.invitations_for_staff(user).filter(pk=invitation_id).first()
    if invitation is None:
        raise Invitation.DoesNotExist("招待が見つかりません。")
    if not may_cancel(staff, invitation):
        raise PermissionDenied("招待を取り消せるのは、招待した人と職業紹介責任者です。")
    now = timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.waiting(now).filter(pk=invitation.pk).update(cancelled_at=now)
        if claimed and invitation.message_id is not None:
            # Not sent yet (the worker was behind, or SMTP down): it never goes, and her address, name and the link
            # go too. One a worker is sending already cannot be called back.
            outbox_cancel(pk=invitation.message_id, reason="招待を取り消したため送信せず")
    if not claimed:
        invitation.refresh_from_db()
        raise AgentError(CANCEL_REFUSED.get(invitation.status, CANCEL_REFUSED[InvitationStatus.CANCELLED]))
    invitation.refresh_from_db()
    return invitation


# Why an invitation no longer waiting cannot be cancelled, one sentence per state.
CANCEL_REFUSED: dict[str, str] = {
    InvitationStatus.CANCELLED: "この招待はすでに取り消されています。",
    InvitationStatus.REGISTERED: "この招待のリンクから、すでに登録されています。取り消せません。",
    InvitationStatus.EXPIRED: "この招待は有効期限を過ぎているため、取り消す必要はありません。",
}


def may_cancel(staff: Staff, invitation: Invitation) -> bool:
    """The inviter, or the 職業紹介責任者 of the office it was sent from."""
    return invitation.invited_by_id == staff.pk or (
        staff.is_responsible and invitation.office_id == staff.office_id
    )


INVALID = (
    "invalid"  # a link's state besides the invitation's own (InvitationStatus): altered, foreign, deleted
)

LINK_MESSAGES: dict[str, str] = {
    INVALID: "この招待リンクは正しくありません。メールのリンクが途中で切れていないか確かめてください。",
    InvitationStatus.REGISTERED: "この招待リンクは使用済みです。",
    InvitationStatus.EXPIRED: "この招待リンクは有効期限を過ぎています。",
    InvitationStatus.CANCELLED: "この招待は取り消されました。",
}


@dataclass(frozen=True)
class InvitationLink:
    state: str  # an InvitationStatus, or INVALID
    invitation: Invitation | None = None

    @property
    def usable(self) -> bool:
        return self.state == InvitationStatus.SENT

    @property
    def message(self) -> str:
        return LINK_MESSAGES.get(self.state, "")


def invitation_link(token: str, *, slug: str) -> InvitationLink:
    """What an invitation link is worth now; `slug` the agency page it was opened on (a token of another agency's
    invitation is not valid on this one's page)."""
    invitation = signed_row(
        _SALT, token, Invitation.objects.select_related("agency__organization", "invited_by__user")
    )
    if invitation is None or invitation.agency.slug != slug:
        return InvitationLink(INVALID)
    return InvitationLink(invitation.status_at(timezone.now()), invitation)


def invitation_register(*, user: Any, slug: str, token: str, consent: bool) -> Candidate:
    """Her 求職申込み through the invitation: the agency's own registration (candidate_apply, with her consent),
    the inviter assigned as her adviser, the invitation claimed (single use) and both written into her audit trail,
    in one transaction. A used, expired or cancelled link is refused (AgentError with the link's message).

    Someone registered with the agency already who opens the link keeps her registration: the link is used up,
    her trail says she used it (not a 求職申込み), and the inviter joins her advisers (he spoke with her)."""
    link = invitation_link(token, slug=slug)
    if not link.usable or link.invitation is None:
        raise AgentError({"invite": [link.message or LINK_MESSAGES[INVALID]]})
    invitation = link.invitation
    now = timezone.now()
    with transaction.atomic():
        # Locked and checked again before anything is written: a double press (or a cancellation) at the same
        # moment waits here for the other to commit and then finds the link used, instead of both registering.
        live = (
            Invitation.objects.select_for_update()
            .waiting(now)
            .filter(pk=invitation.pk)
            .values_list("pk", flat=True)
            .first()
        )
        if live is None:
            fresh = invitation_link(token, slug=slug)
            raise AgentError({"invite": [fresh.message or LINK_MESSAGES[INVALID]]})
        inviter = invitation.invited_by
        inviter_user = inviter.user if inviter is not None else None
        # A forwarded link: whoever registers with it reads her trail, so what the adviser typed for the person
        # he spoke with (her address, his note) stays out of it.
        own = (getattr(user, "email", "") or "").lower() == invitation.email
        assign = inviter is not None and inviter_user is not None and inviter_user.is_active
        assigned = f"担当：{audit_actor_label(inviter_user)}" if assign else ""
        came = "招待メールのリンクから" if own else "別のメールアドレスあての招待メールのリンクから"
        candidate, applied = candidate_application(
            user=user,
            agency_slug=slug,
            office_id=invitation.office_id,
            consent=consent,
            via=f"。{came}" + (f"、{assigned}" if assigned else ""),
        )
        Invitation.objects.filter(pk=invitation.pk).update(
            used_at=now,
            candidate=candidate,
            # Her account says who she is from now on: what the adviser typed is no longer needed.
            name="",
            email="",
            note="",
        )
        if own:
            detail = f"{invitation.email}あてに求職登録の案内（招待メール）を送信"
            if invitation.note:
                detail += f"。メモ：{invitation.note}"
        else:
            detail = "別のメールアドレスあてに求職登録の案内（招待メール）を送信"
        audit_record(
            [candidate],
            actor=inviter_user,
            action=AuditAction.INVITATION,
            detail=detail,
            at=invitation.created_at,
        )
        if assign and inviter is not None:
            candidate.advisers.add(inviter)
        if not applied:
            audit_record(
                [candidate],
                actor=user,
                action=AuditAction.INVITATION,
                detail="招待リンクを使用（登録済み）" + (f"。{assigned}" if assigned else ""),
            )
    return candidate


def invitations_purge(*, now: dt.datetime | None = None) -> int:
    """Delete invitations KEEP_DAYS after their link expired, whatever became of them (the candidate's trail keeps
    what happened). Run by agents_daily; idempotent."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=Invitation.KEEP_DAYS)
    deleted, _ = Invitation.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


def signup_note(kwargs: Mapping[str, object], query: Mapping[str, list[str]]) -> str:
    """What the sign-up page says when it leads back to an agency's page (accounts.next_url.register_signup_note):
    the agency by name, and that an invitation's registration follows — she signs up for that, not for BOナビ's
    job board alone."""
    agency = selectors.agency_by_slug(str(kwargs.get("slug", "")))
    if agency is None:
        return ""
    tokens = query.get("invite") or [""]
    link = invitation_link(tokens[0], slug=agency.slug) if tokens[0] else None
    if link is not None and link.usable:
        lead = (
            f"{agency.name}（有料職業紹介事業 許可番号：{agency.license_number}）からの招待による登録です。"
        )
    else:
        lead = f"{agency.name}（有料職業紹介事業 許可番号：{agency.license_number}）への求職の申込みのための登録です。"
    return (
        lead
        + "アカウントを作ると申込みの画面に戻ります。申し込むかどうかは、そこで内容を読んでから決められます。"
    )
