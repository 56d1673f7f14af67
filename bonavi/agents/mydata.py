"""Agency registrations in the seeker's マイデータ export, and what account deletion does to them.

Deletion withdraws every registration (as the candidate could from /me/agency/) and unlinks it from the account;
the 求職管理簿 keeps the name, 住所, 生年月日 and 希望職種 two more years, as 職業安定法32条の15 requires, then `books_anonymise`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bonavi.core.clock import date_ja
from bonavi.core.interviews import interview_export
from bonavi.core.prefectures import prefecture_name
from bonavi.jobs.models import EmploymentType

from . import selectors
from .books import kept_until
from .models import HEARING_FIELDS, Candidate, HearingSheet


def registrations_export(user: Any) -> list[dict[str, Any]]:
    out = []
    for c in (
        Candidate.objects.filter(user=user)
        .select_related("agency__organization", "office", "hearing")
        .prefetch_related("proposals__posting", "proposals__referral__interviews", "audit")
        .order_by("pk")
    ):
        hearing = getattr(c, "hearing", None)
        out.append(
            {
                "agency": c.agency.name,
                "office": c.office.name,
                "status": c.get_status_display(),
                "consented_at": c.consented_at.isoformat(),
                "consent_version": c.consent_version,
                "consent_purposes": c.consent_purposes,
                "consent_withdrawn_at": c.consent_withdrawn_at.isoformat()
                if c.consent_withdrawn_at
                else None,
                # Her wishes for being contacted, as she set them on her page with this agency.
                "contact": {
                    "channel": c.get_contact_channel_display(),
                    "cadence": c.get_contact_cadence_display(),
                    "quiet_from": c.quiet_from,
                    "quiet_until": c.quiet_until,
                },
                # Her own 「求人の紹介を希望する」 during the 2-year lock, not yet relied on (ADR 0113).
                "job_request_at": c.job_request_at.isoformat() if c.job_request_at else None,
                # What the agency's 求職管理簿 keeps of her (ADR 0114): she sees the 住所 and 生年月日 it copied from
                # her profile, and that it keeps them after a withdrawal until they are anonymised.
                "book": _book_entry(c, hearing),
                "hearing": {
                    "reasons": hearing.reasons,
                    "desired_occupations": hearing.desired_occupations,
                    "desired_prefectures": hearing.desired_prefectures,
                    "pay_floor": hearing.pay_floor,
                    "pay_unit": hearing.pay_unit,
                    "employment_types": hearing.employment_types,
                    "experience": hearing.experience,
                    "skills": hearing.skills,
                    "qualifications": hearing.qualifications,
                    "notes": hearing.notes,
                    # Every item as the hearing form names and shows it (codes and units in words), for people.
                    "in_words": _hearing_in_words(hearing),
                }
                if hearing
                else None,
                "proposals": [
                    {
                        "posting_title": p.posting.title,
                        "status": p.get_status_display(),
                        "proposed_at": p.created_at.isoformat(),
                        "conditions_as_proposed": p.snapshot,
                        # The 求職の申出 the proposal rests on, as the adviser recorded it (ADR 0113).
                        "request_on": p.request_on.isoformat() if p.request_on else None,
                        "request_channel": p.get_request_channel_display(),
                        "request_note": p.request_note,
                        # 面接の日程 of its 推薦, stage by stage (ADR 0102).
                        "interviews": [
                            {"stage": i.get_stage_display(), **(interview_export(i) or {})}
                            for i in _referral_interviews(p)
                        ],
                    }
                    for p in c.proposals.all()
                ],
                "access_log": [
                    {
                        "at": e.at.isoformat(),
                        "who": e.actor_label,
                        "what": e.get_action_display(),
                        "detail": e.detail,
                    }
                    for e in c.audit.all()
                ],
            }
        )
    return out


def _book_entry(c: Candidate, hearing: HearingSheet | None) -> dict[str, Any]:
    return {
        "name": c.display_name,
        "address": c.book_address,
        "birth_date": c.book_birth_date.isoformat() if c.book_birth_date else None,
        "desired_occupations": hearing.desired_occupations if hearing else "",
        "applied_on": c.applied_on.isoformat(),
        "valid_until": c.valid_until.isoformat(),
        "kept_until": kept_until(c).isoformat(),
        "in_words": [
            ["氏名", c.display_name],
            ["住所", c.book_address],
            ["生年月日", date_ja(c.book_birth_date) if c.book_birth_date else ""],
            ["希望職種", hearing.desired_occupations if hearing else ""],
            ["受付年月日", date_ja(c.applied_on)],
            ["有効期間", f"{date_ja(c.valid_until)}まで"],
            ["紹介の経過", "紹介した求人ごとの紹介日・紹介先・採否"],
            ["保存期間", f"{date_ja(kept_until(c))}まで（その後、氏名・住所・生年月日は匿名化）"],
        ],
    }


def _hearing_in_words(hearing: HearingSheet) -> list[list[str]]:
    """Every item under the label the hearing form gives it, codes and units in words (the pay with its unit)."""
    from bonavi.core.templatetags.core_money import yen

    from .forms import HearingForm

    labels = {name: str(field.label) for name, field in HearingForm().fields.items()}
    rows = []
    for name in HEARING_FIELDS:
        if name == "pay_unit":
            continue  # said with the amount
        value = getattr(hearing, name)
        if name == "desired_prefectures":
            text = "、".join(prefecture_name(code) for code in value)
        elif name == "employment_types":
            text = "、".join(_employment_label(code) for code in value)
        elif name == "pay_floor":
            text = f"{hearing.get_pay_unit_display()} {yen(value)}以上" if value else ""
        elif getattr(HearingSheet._meta.get_field(name), "choices", None):
            text = str(getattr(hearing, f"get_{name}_display")())
        elif isinstance(value, dt.date):
            text = date_ja(value)
        else:
            text = "" if value is None else str(value)
        rows.append([labels.get(name, name), text])
    return rows


def _employment_label(code: str) -> str:
    try:
        return str(EmploymentType(code).label)
    except ValueError:  # a type retired since the hearing: shown as stored
        return code


def _referral_interviews(proposal: Any) -> list[Any]:
    referral = getattr(proposal, "referral", None)
    return list(referral.interviews.all()) if referral is not None else []


def registrations_erase(user: Any) -> None:
    from .services import registrations_erase as erase

    erase(user=user)


def access_log(user: Any) -> tuple[str, str] | None:
    """Her agencies' records of every view of her data and every document sent (/me/proposals/audit/)."""
    from django.urls import reverse

    names = list(
        Candidate.objects.filter(user=user).values_list("agency__organization__name", flat=True).distinct()
    )
    if not names:
        return None
    return f"紹介会社（{'、'.join(names)}）による閲覧・書類の送付などの記録", reverse("agents:my_audit")


def complaints_export(user: Any) -> list[dict[str, Any]]:
    """Her complaints to agencies (32条の14), as each agency's register holds them while she has an account."""
    return [
        {
            "agency": c.agency.name,
            "office": c.office.name,
            "received_at": c.received_at.isoformat(),
            "from_name": c.from_name,
            "contact": c.contact,
            "body": c.body,
            "wants_in_person": c.wants_in_person,
            "status": c.state_for_complainant,
            "interview_on": c.interview_on.isoformat() if c.interview_on else None,
            "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
            "reply": c.reply,
            # When it was given: at closing, or later for one closed without a reply (ADR 0113, s22).
            "replied_at": c.replied_at.isoformat() if c.replied_at else None,
            # The reply above is the one in force; when it was last corrected (ADR 0113, s22), not the text it
            # replaced: that may be the very mistake corrected, another person's name.
            "reply_corrected_at": c.reply_corrected_at.isoformat() if c.reply_corrected_at else None,
        }
        # Hers only, her words and the reply: the internal 対応結果 may name staff or other people (ADR 0113, s21).
        for c in selectors.complaints_of_complainant(user).order_by("received_at", "pk")
    ]


def kept_after_deletion() -> str:
    """What an agency's books keep of her after 退会 (said on the 退会 page and in its mail): the 求職管理簿's items
    (ADR 0114) for KEEP_YEARS after her registration ended, then anonymised."""
    from .books import KEEP_YEARS

    return (
        "職業紹介事業者（エージェント）に登録していた場合、その事業者の求職管理簿には、法令で保存が義務づけられた項目"
        "（氏名・住所・生年月日・希望職種・受付日・紹介の経過）が登録の終了から"
        f"{KEEP_YEARS}年間残り、その後匿名化されます。連絡や求人の提案には使われません。"
        f"事業者に苦情を申し出ていた場合、その苦情処理の記録は対応が終わってから{KEEP_YEARS}年間残り、"
        "その後、氏名・連絡先・内容・対応結果が消去されます。"
    )


def register() -> None:
    from bonavi.seekers.mydata import register_access_log, register_export, register_kept_after_deletion

    register_access_log(access_log)
    register_kept_after_deletion("agents.books", kept_after_deletion)

    register_export(
        "agents.Candidate",
        key="agency_registrations",
        export=registrations_export,
        erase=registrations_erase,
        page=("紹介会社への登録", "agents/mydata_section.html"),
    )
    register_export(
        "agents.Complaint",
        key="agency_complaints",
        export=complaints_export,
        page=("紹介会社への苦情の申出", "agents/mydata_complaints.html"),
    )
