"""Reads for the agent workbench, each behind its permission rule (docs/AGENTS.md §5.11).

- A 非公開求人 taken in by an agency is visible to that agency's staff and to the candidates it was proposed to,
  and through `bonavi.jobs.selectors` to its own employer; to nobody else. `jobs` knows nothing of this app.
- A candidate's data is visible to the advisers assigned to them and to the office's 職業紹介責任者.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, Max, OuterRef, Prefetch, Q, QuerySet

from bonavi.accounts.models import Role, User
from bonavi.careers.selectors import latest_translations_evidence
from bonavi.core.clock import date_jst, today_jst
from bonavi.core.runs import Run, merge_runs
from bonavi.documents.comments import resume_sections
from bonavi.documents.models import DocumentVersion
from bonavi.documents.selectors import version_label, versions_of
from bonavi.jobs.catalog import FAMILIES
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility, live_q
from bonavi.seekers.models import RemotePreference, kana_reading
from bonavi.seekers.selectors import applied_posting_ids, profile_of

from . import due
from .models import (
    Agency,
    AuditAction,
    AuditEvent,
    Candidate,
    CandidateStatus,
    Complaint,
    ComplaintReplyCorrection,
    Invitation,
    JobOrder,
    JobOrderStatus,
    Office,
    Proposal,
    ProposalStatus,
    Referral,
    Staff,
    StaffTraining,
)
from .rules import responsible_required, shortfall_message, training_problem


def staff_of(user: Any) -> Staff | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return Staff.objects.select_related("agency__organization", "office").get(user=user)
    except Staff.DoesNotExist:
        return None


# Said wherever the agency's records are refused to someone else (the records page, the report's CSV, the API).
RESPONSIBLE_ONLY = "職業紹介責任者のみ閲覧できます。"


def responsible_of(user: Any) -> Staff | None:
    """`user` as a 職業紹介責任者 of their agency, else None: the one rule for the agency's records — the records page,
    the yearly report (様式第8号) and its CSV, the API's report. Another agency's 責任者 reads only their own."""
    staff = staff_of(user)
    return staff if staff is not None and staff.is_responsible else None


def agency_by_slug(slug: str) -> Agency | None:
    return Agency.objects.select_related("organization").filter(slug=slug).first()


def agency_private_posting_ids(agency: Agency) -> QuerySet[JobOrder]:
    return JobOrder.objects.filter(agency=agency, status=JobOrderStatus.ACCEPTED, posting__isnull=False)


def orders_in_force(agency: Agency) -> QuerySet[JobOrder]:
    """The agency's accepted, unexpired orders with their posting: the jobs it may recommend (推薦) candidates to
    (職業安定法: an agency introduces candidates to the offers it received; ADR 0111). A public posting without one
    may be shown and proposed as information only."""
    return agency_private_posting_ids(agency).filter(valid_until__gte=today_jst())


def recommendable_proposal_ids(proposals: Collection[Proposal]) -> set[int]:
    """Of `proposals` (each with its candidate read), those whose agency holds an order in force for the job — a
    推薦 she can say 応募する to — in one query; the others are information only, applied to directly (ADR 0111)."""
    if not proposals:
        return set()
    held = set(
        JobOrder.objects.filter(
            status=JobOrderStatus.ACCEPTED,
            valid_until__gte=today_jst(),
            posting_id__in={p.posting_id for p in proposals},
            agency_id__in={p.candidate.agency_id for p in proposals},
        ).values_list("agency_id", "posting_id")
    )
    return {p.pk for p in proposals if (p.candidate.agency_id, p.posting_id) in held}


@dataclass(frozen=True)
class ProposalKind:
    """Which kind of proposal she reads (ADR 0141): a 推薦 she answers on the proposal, or information about a job the
    agency holds no order for, which she applies to herself. The one wording of the list's tag, its line and the
    status it shows — the page (/me/proposals/) and the API's `kind_label`/`status_label` read it here (ADR 0148)."""

    key: str  # "referral" | "information"
    label: str  # 「推薦で応募」 / 「ご案内（直接応募）」
    help: str  # the line after the tag ("" when there is nothing to say)
    status_label: (
        str  # the answer as the list says it: 「ご案内」 for information not answered, else the status
    )


KIND_REFERRAL = "推薦で応募"
KIND_INFORMATION = "ご案内（直接応募）"


def proposal_kinds(proposals: Collection[Proposal]) -> dict[int, ProposalKind]:
    """Each proposal's kind by pk, in one query (`recommendable_proposal_ids`). A proposal already recommended is a
    推薦 whatever became of the order since (it went through one, ADR 0111)."""
    recommendable = recommendable_proposal_ids(proposals)
    kinds: dict[int, ProposalKind] = {}
    for p in proposals:
        pending = p.status == ProposalStatus.PROPOSED
        if p.pk in recommendable or getattr(p, "referral", None) is not None:
            kinds[p.pk] = ProposalKind(
                key="referral",
                label=KIND_REFERRAL,
                # How to answer is said only while the proposal waits for her answer, not on a 推薦 at 面接.
                help="応募するときは、この提案で「応募する」を選ぶと担当者が推薦します。" if pending else "",
                status_label=p.get_status_display(),
            )
        else:
            kinds[p.pk] = ProposalKind(
                key="information",
                label=KIND_INFORMATION,
                help="担当者からの推薦はできない求人です。応募するときは、求人ページからご自身で応募します。",
                status_label="ご案内" if pending else p.get_status_display(),
            )
    return kinds


def orders_of_referrals(referrals: list[Referral], *, agency_id: int) -> dict[int, JobOrder | None]:
    """The order each 推薦 (of one agency's candidate) went through (ADR 0111), by the 推薦's pk: the agency's order
    for its job in force on the day it was sent, the latest taken then; None for a 推薦 made before orders were
    required of public jobs. The one rule for the 入社 form's defaults and the 求人管理簿, which lists each
    introduction under that order only (whichever office took it). One query for a page of cards or a whole book."""
    if not referrals:
        return {}
    # Newest taken first, grouped by job: each 推薦 is tried against its own job's orders only, not every order.
    by_posting: dict[int | None, list[JobOrder]] = defaultdict(list)
    for o in (
        JobOrder.objects.filter(
            agency_id=agency_id, posting_id__in={r.proposal.posting_id for r in referrals}
        )
        .exclude(status=JobOrderStatus.REFUSED)
        .order_by("-received_on", "-pk")
    ):
        by_posting[o.posting_id].append(o)
    found: dict[int, JobOrder | None] = {}
    for r in referrals:
        sent_on = date_jst(r.sent_at)
        found[r.pk] = next(
            (
                o
                for o in by_posting.get(r.proposal.posting_id, [])
                if o.received_on <= sent_on <= o.valid_until
            ),
            None,
        )
    return found


def order_of_referral(referral: Referral) -> JobOrder | None:
    return orders_of_referrals([referral], agency_id=referral.proposal.candidate.agency_id)[referral.pk]


def ordered_posting_ids(agency: Agency) -> set[int]:
    return set(orders_in_force(agency).values_list("posting_id", flat=True))


def employer_reachable(posting: JobPosting) -> bool:
    """Whether the company of `posting` has an active 採用担当 account, the only way its mails reach it
    (notifications.hiring_staff_mail): a page may say it will be told only then (ADR 0111)."""
    return User.objects.filter(
        organization_id=posting.organization_id, is_active=True, role=Role.EMPLOYER
    ).exists()


def postings_for_staff(staff: Staff) -> QuerySet[JobPosting]:
    """Public postings plus this agency's live 非公開求人."""
    own = agency_private_posting_ids(staff.agency).values("posting_id")
    # public_postings() | the live 非公開求人 (past its 掲載期限 is not live, as for public), with live_q() said once:
    # as an OR of the two whole conditions SQLite read every published posting and sorted them for the matching
    # pool; as one status= with the OR inside, it walks job_live_recent in date order and stops (ADR 0162, s22).
    return JobPosting.objects.filter(live_q(), Q(visibility=Visibility.PUBLIC) | Q(pk__in=own))


def private_postings_for_staff(staff: Staff) -> QuerySet[JobPosting]:
    own = agency_private_posting_ids(staff.agency).values("posting_id")
    return JobPosting.objects.filter(pk__in=own)


def posting_for_staff(staff: Staff, pk: int) -> JobPosting | None:
    """A job the staff member may read: one they may propose (postings_for_staff), one already proposed to a
    candidate they may see (closed since, or another agency's posting gone private), or, read-only, one their agency
    took an order for — a 非公開求人 of its intake or a company's public posting (ADR 0111), whatever became of the
    order (in force, expired, closed, refused) or of the posting: the dashboard's 求人受理 list links every order to
    it (ADR 0125). Never another agency's 非公開求人 otherwise. One query, found or not."""
    proposed = Proposal.objects.filter(candidate__in=candidates_of(staff)).values("posting_id")
    taken = JobOrder.objects.filter(agency=staff.agency, posting__isnull=False).values("posting_id")
    qs = postings_for_staff(staff) | JobPosting.objects.filter(Q(pk__in=proposed) | Q(pk__in=taken))
    return (
        qs.select_related("organization")
        # For the page: whether the job is still live, and whether it is this agency's own order (a company may
        # make its own posting private, which makes it no 非公開求人 taken in by the agency).
        .annotate(
            live=ExpressionWrapper(live_q(), output_field=BooleanField()),
            own_order=Exists(agency_private_posting_ids(staff.agency).filter(posting_id=OuterRef("pk"))),
        )
        .filter(pk=pk)
        .first()
    )


def candidates_visible_to(user: Any) -> QuerySet[Candidate]:
    """Assigned advisers see their candidates; the 職業紹介責任者 sees every candidate of their office.

    Nobody sees a candidate who withdrew consent: what the law makes the agency keep lives on only in the books
    (computed in books.py, exported by the 責任者), not in the workbench.
    """
    staff = staff_of(user)
    return Candidate.objects.none() if staff is None else candidates_of(staff)


def candidates_of(staff: Staff) -> QuerySet[Candidate]:
    """`candidates_visible_to` for a staff member already read (a page that has them does not read them again)."""
    q = Q(advisers=staff)
    if staff.is_responsible:
        q |= Q(office=staff.office)
    return (
        Candidate.objects.filter(q, agency=staff.agency)
        .exclude(status=CandidateStatus.WITHDRAWN)
        .distinct()
        # Candidate.name reads her profile's 姓 名: one join here, not a query per name in a list.
        .select_related("user__seeker_profile")
    )


def candidate_for_staff(user: Any, pk: int) -> Candidate | None:
    return candidates_visible_to(user).filter(pk=pk).first()


# What is hers on BOナビ and what the agency may use of it (ADR 0141). Each takes a candidate the caller read
# through a permission-checking selector (candidates_of, applications_waiting), and reads her own data only when
# her registration consent covers it (Candidate.consented_to_*).


def applied_directly(candidate: Candidate, posting_ids: Collection[int]) -> set[int]:
    """Of `posting_ids`, the jobs she applied to directly on BOナビ. For refusing a proposal, her 応募する and a
    推薦 of such a job (a second application through the agency), whatever her consent: the refusal's words then
    say no more than it needs (services.DIRECT_APPLIED_REFUSAL). Never listed for staff: see
    `direct_applications_known`."""
    if candidate.user_id is None or not posting_ids:
        return set()
    return applied_posting_ids(applicant_id=candidate.user_id, posting_ids=posting_ids)


def direct_applications_known(candidate: Candidate, posting_ids: Collection[int]) -> set[int]:
    """What her advisers may see of `applied_directly`: only with purpose 7 of her consent, else nothing."""
    if not candidate.consented_to_direct_applications:
        return set()
    return applied_directly(candidate, posting_ids)


# The profile's 在宅勤務の希望 in the hearing's words; 「出社を希望」 and 「こだわらない」 ask no telework (any).
_TELEWORK_OF_REMOTE: dict[str, str] = {RemotePreference.PARTIAL: "partial", RemotePreference.FULL: "full"}


def hearing_draft(candidate: Candidate) -> dict[str, Any]:
    """The hearing sheet's fields her profile can fill (the field names of HEARING_FIELDS → values), for a hearing
    not yet saved: only what purpose 6 of her consent covers — 希望条件 and 経験, never her name, birth date,
    gender or address — and only what she filled in. {} without that consent or a profile."""
    if not candidate.consented_to_profile_use or candidate.user is None:
        return {}
    profile = profile_of(user=candidate.user)
    if profile is None:
        return {}
    draft: dict[str, Any] = {
        "desired_occupations": "、".join(FAMILIES.get(f, f) for f in profile.desired_families or []),
        "desired_prefectures": list(profile.desired_prefectures or []),
        "employment_types": list(profile.desired_employment_types or []),
        "available_from": profile.available_from,
        "telework": _TELEWORK_OF_REMOTE.get(profile.remote_preference, ""),
        "experience": profile.experience.strip(),
    }
    if profile.desired_pay_min and profile.desired_pay_unit:
        draft["pay_floor"], draft["pay_unit"] = profile.desired_pay_min, profile.desired_pay_unit
    return {key: value for key, value in draft.items() if value not in (None, "", [])}


@dataclass(frozen=True)
class CareerEvidence:
    """Her latest saved 「経験の棚卸し」: when she saved it and the passages of her text it quoted as evidence."""

    saved_at: dt.datetime
    spans: tuple[str, ...]


def career_evidence(candidate: Candidate) -> CareerEvidence | None:
    """The evidence of her latest saved 棚卸し, for matching her (agents.matching): purpose 6 of her consent
    only. Her 棚卸し and the hearing read the same experience differently when the adviser's summary leaves out what
    her own text said (「合宿の予算表の作成」 → 資金管理); matching reads both."""
    return careers_evidence([candidate]).get(candidate.pk)


def careers_evidence(candidates: list[Candidate]) -> dict[int, CareerEvidence]:
    """`career_evidence` for several candidates (a job's candidate list) in one query, by candidate pk."""
    allowed = {c.user_id: c.pk for c in candidates if c.user_id is not None and c.consented_to_profile_use}
    if not allowed:
        return {}
    found = latest_translations_evidence(owner_ids=list(allowed))
    return {
        allowed[owner]: CareerEvidence(saved_at=saved_at, spans=tuple(spans))
        for owner, (saved_at, spans) in found.items()
    }


@dataclass(frozen=True)
class CandidateContact:
    """How the adviser reaches a candidate: her account's e-mail address always; the phone and address of her
    profile only when her consent covers them (`details_consented`); "" for one she has not filled in."""

    email: str
    details_consented: bool
    phone: str = ""
    postal_code: str = ""
    address: str = ""

    @property
    def shown(self) -> str:
        """What the page shows, for the audit trail's line."""
        return "メールアドレス・電話番号・住所" if self.details_consented else "メールアドレス"


def candidate_contact(candidate: Candidate, *, visible: bool) -> CandidateContact | None:
    """The candidate's contact details for her assigned advisers and the office's 職業紹介責任者 only (None for
    anyone else, e.g. a colleague opening an application to do the hearing): the viewer logs each showing.
    `visible`: the viewer read her through `candidates_visible_to`/`candidates_of` (the page knows it already)."""
    if candidate.user is None or not visible:
        return None
    if not candidate.consented_to_contact_details:
        return CandidateContact(email=candidate.user.email, details_consented=False)
    profile = getattr(candidate.user, "seeker_profile", None)
    return CandidateContact(
        email=candidate.user.email,
        details_consented=True,
        phone=getattr(profile, "phone", ""),
        postal_code=getattr(profile, "postal_code", ""),
        address=getattr(profile, "address", ""),
    )


def applications_waiting(user: Any) -> QuerySet[Candidate]:
    """求職申込み not yet heard, for any staff of the office (so someone picks them up)."""
    staff = staff_of(user)
    if staff is None:
        return Candidate.objects.none()
    return Candidate.objects.filter(
        agency=staff.agency, office=staff.office, status=CandidateStatus.APPLIED
    ).select_related("user__seeker_profile")


def invitations_for_staff(user: Any) -> QuerySet[Invitation]:
    """The office's 求職者の招待 (ADR 0104), for its career advisers and 職業紹介責任者 only: names and addresses
    typed for people who are not candidates (yet) stay within the office that invited them."""
    staff = staff_of(user)
    if staff is None or not staff.may_invite:
        return Invitation.objects.none()
    return Invitation.objects.filter(agency=staff.agency, office=staff.office).select_related(
        "invited_by__user", "candidate__user__seeker_profile"
    )


def registrations_of(user: Any) -> QuerySet[Candidate]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Candidate.objects.none()
    return Candidate.objects.filter(user=user).select_related("agency__organization", "office")


def registration_of(user: Any, pk: int) -> Candidate | None:
    """The seeker's own registration with one agency."""
    return registrations_of(user).filter(pk=pk).first()


def job_requests_of(candidate: Candidate) -> QuerySet[Proposal]:
    """The 求職の申出 recorded on her proposals (ADR 0113), newest first, for a candidate the caller read through
    `candidate_for_staff` or `candidates_of` (her advisers and the office's 職業紹介責任者): a proposal carries one
    when it rests on her request, during the 2-year lock or not; the agency's own proposals carry none."""
    return (
        candidate.proposals.exclude(request_channel="")
        .select_related("posting", "adviser__user")
        .order_by("-created_at", "-pk")
    )


def complaints_for_responsible(responsible: Staff | None) -> QuerySet[Complaint]:
    """The complaints a 職業紹介責任者 handles: those routed to her (`services.complaint_routee`), as her records
    page and 今日やること list them — the page's forms and the API act on these only (ADR 0117). Nobody else
    reads the register here: the person who complained, her contact and her words are for the 責任者 only.
    `responsible`: the reader as `responsible_of` returned them — the caller has them already for its own refusal
    and passes them on, not read again; None (not a 責任者) reads nothing. The flag is checked here all the same:
    this is the register's gate, and a caller handing in a plain adviser's Staff must not open it."""
    if responsible is None or not responsible.is_responsible:
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(routed_to=responsible)
        # Candidate.name reads her profile's 姓 名: one join, not 2 queries each.
        .select_related("office", "candidate__user__seeker_profile")
        # The reply's 訂正 history (who, when, the text replaced): one query for the page, not one per complaint.
        .prefetch_related(
            Prefetch(
                "reply_corrections",
                queryset=ComplaintReplyCorrection.objects.select_related("corrected_by__user"),
            )
        )
        .order_by("-received_at", "-pk")
    )


def complaints_of_complainant(user: Any, *, agency_id: int | None = None) -> QuerySet[Complaint]:
    """The complaints `user` filed herself (from_user is her), newest first; to one agency when `agency_id` is
    given. Her own words, their state and the 申出者への回答 are hers to read; the internal 対応結果 is not, and
    nobody else's complaint is, though it name her or concern her registration (ADR 0113, s21)."""
    if not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    qs = Complaint.objects.filter(from_user=user)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    # reply_corrections for `reply_corrected_at`: she is told the reply was corrected, not by whom.
    return (
        qs.select_related("agency", "office")
        .prefetch_related("reply_corrections")
        .order_by("-received_at", "-pk")
    )


def shared_versions(
    user: Any, candidate: Candidate, *, visible: bool | None = None
) -> QuerySet[DocumentVersion]:
    """Document versions the candidate shared for 添削, readable by staff who may see the candidate. `visible`:
    whether they may, when the caller read her through `candidates_visible_to` already (else it is looked up)."""
    if visible is None:
        visible = candidates_visible_to(user).filter(pk=candidate.pk).exists()
    if not visible or candidate.status != CandidateStatus.ACTIVE:
        return DocumentVersion.objects.none()
    return DocumentVersion.objects.filter(agency_shares__candidate=candidate).defer("photo")


def shared_version_for_staff(user: Any, candidate: Candidate, pk: int) -> DocumentVersion | None:
    return shared_versions(user, candidate).filter(pk=pk).first()


@dataclass
class OfficeStaffing:
    office: Office
    staff: list[Staff]
    responsible: int
    required: int
    shortfall: str  # the Japanese warning, "" when the office has enough 職業紹介責任者
    training: list[tuple[Staff, str]]  # 責任者 whose 講習 does not qualify them today
    inactive: list[Staff]  # left (login stopped): kept for the records, not counted
    sessions: list[StaffTraining]  # latest 従業者教育 at the office
    last_trained: dict[int, dt.date]  # staff pk → latest session attended

    @property
    def count(self) -> int:
        return len(self.staff)


def offices_staffing(user: Any) -> list[OfficeStaffing]:
    """Per office of the user's agency: staff, 職業紹介責任者 and the 50:1 check (for the 責任者 only)."""
    me = responsible_of(user)
    if me is None:
        return []
    today = today_jst()
    # Each office's latest five sessions, its staff and their last session, in a fixed number of queries
    # however many offices the agency has (the dashboard shows this on every visit).
    latest = StaffTraining.objects.select_related("given_by__user").prefetch_related("attendees")[:5]
    offices = list(
        me.agency.offices.order_by("pk").prefetch_related(
            Prefetch("trainings", queryset=latest, to_attr="latest")
        )
    )
    staff_of_office: dict[int, list[Staff]] = defaultdict(list)
    for s in Staff.objects.filter(office__in=offices).select_related("user").order_by("pk"):
        staff_of_office[s.office_id].append(s)
    last_trained = {
        row["pk"]: row["last"]
        for row in Staff.objects.filter(office__in=offices)
        .annotate(last=Max("trainings_attended__held_on"))
        .values("pk", "last")
        if row["last"]
    }
    out = []
    for office in offices:
        everyone = staff_of_office[office.pk]
        members = [s for s in everyone if s.user.is_active]
        heads = [s for s in members if s.is_responsible]
        training = [
            (s, msg) for s in heads if (msg := training_problem(s.responsible_training_on, today=today))
        ]
        out.append(
            OfficeStaffing(
                office=office,
                staff=members,
                inactive=[s for s in everyone if not s.user.is_active],
                sessions=office.latest,
                last_trained={s.pk: last_trained[s.pk] for s in everyone if s.pk in last_trained},
                responsible=len(heads),
                required=responsible_required(len(members)),
                shortfall=shortfall_message(office.name, len(members), len(heads)),
                training=training,
            )
        )
    return out


def proposals_for_candidate(user: Any) -> QuerySet[Proposal]:
    """A seeker's own proposals (any agency), newest first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(candidate__user=user)
        .exclude(candidate__status=CandidateStatus.WITHDRAWN)
        # The list shows each one's 選考 stage and the API its changed conditions: join the 推薦 and the
        # posting's organization here rather than one query per proposal.
        .select_related(
            "candidate__agency__organization", "posting__organization", "adviser__user", "referral"
        )
        .order_by("-created_at", "-id")
    )


def proposal_for_candidate(user: Any, pk: int, *, include_withdrawn: bool = False) -> Proposal | None:
    """One of the seeker's own proposals. `include_withdrawn` also finds those of a registration she withdrew,
    so that an answer sent after withdrawing is refused with a message rather than a bare 404."""
    if include_withdrawn and getattr(user, "is_authenticated", False):
        return (
            Proposal.objects.filter(candidate__user=user, pk=pk)
            .select_related("candidate__agency__organization", "posting", "adviser__user")
            .first()
        )
    return proposals_for_candidate(user).filter(pk=pk).first()


def proposals_for_staff(user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(candidate__in=candidates_visible_to(user)).select_related(
        "candidate", "posting", "adviser__user"
    )


def referrals_for_employer(user: Any) -> QuerySet[Referral]:
    """推薦 of candidates to the employer's own postings."""
    if not getattr(user, "is_employer", False):
        return Referral.objects.none()
    return (
        Referral.objects.filter(proposal__posting__organization_id=user.organization_id)
        .select_related(
            "proposal__posting",
            "proposal__candidate__agency__organization",
            "proposal__candidate__user__seeker_profile",
        )
        .order_by("-sent_at")
    )


def referrals_for_staff(user: Any) -> QuerySet[Referral]:
    return Referral.objects.filter(proposal__candidate__in=candidates_visible_to(user)).select_related(
        "proposal__posting", "proposal__candidate__user__seeker_profile"
    )


def audit_of_candidate_user(user: Any) -> QuerySet[AuditEvent]:
    """Everything logged about the seeker, across every agency they registered with."""
    if user is None or not getattr(user, "is_authenticated", False):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(candidate__user=user).select_related("candidate__agency__organization")


# Views: logged every time, with who and when (none is dropped), but read on her page as one line per run.
AUDIT_VIEWS = frozenset(
    {
        AuditAction.PROFILE_VIEW,
        AuditAction.PROPOSAL_VIEW,
        AuditAction.DOCUMENT_VIEW,
        AuditAction.DOCUMENT_REVIEW_VIEW,
    }
)


# Events read for an access log page — hers (/me/proposals/audit/) and her advisers' 記録, which says it is the same
# — merged into fewer lines; older ones are left out (the page says so; her data export keeps every row).
AUDIT_SHOWN = 500


@dataclass
class AuditLine:
    """One line of her access log page: one event, or a run of identical views by the same person, newest first."""

    run: Run[tuple[AuditEvent, str]]  # its span (run.when, run.last) and its count
    who: str
    action: str
    detail: str
    is_view: bool


class AuditLines(list[AuditLine]):
    """An access log's lines, newest first, and whether older events were left out (`cut`: more than `limit`
    were logged)."""

    def __init__(self, lines: list[AuditLine], *, limit: int, cut: bool) -> None:
        super().__init__(lines)
        self.limit = limit
        self.cut = cut


def _audit_who(
    event: AuditEvent,
    *,
    you: int,
    her: int | None,
    assigned: set[tuple[int, int]],
    agency_id: int | None = None,
    name_agency: bool = False,
) -> str:
    """Who, as the reader is told (her access log, ADR 0109; her advisers' 記録, ADR 0125): 「あなた」 for the reader
    (`you`, a user's pk), 「ご本人」 for her when someone else reads (`her`), a member of staff with her name and one
    plain role (担当アドバイザー — `assigned` holds (candidate, staff) pairs —, 職業紹介責任者, アドバイザー) — the
    stored label lists every role in the trade's jargon —, a company's person with the company. `agency_id`: only
    that agency's staff are named as staff (an adviser reads her trail with her own agency); `name_agency`: the
    agency goes with the role (she is registered with more than one). Someone whose account is gone keeps the label
    stored at the time."""
    actor = event.actor
    if actor is None:
        return event.actor_label
    if actor.pk == you:
        return "あなた"
    if actor.pk == her:
        return "ご本人"
    name = actor.display_name or actor.email
    staff = getattr(actor, "agency_staff", None)
    if staff is not None and (agency_id is None or staff.agency_id == agency_id):
        if (event.candidate_id, staff.pk) in assigned:
            role = "担当アドバイザー"
        elif staff.is_responsible:
            role = "職業紹介責任者"
        else:
            role = "アドバイザー"
        return f"{name}（{event.candidate.agency.name}・{role}）" if name_agency else f"{name}（{role}）"
    if actor.is_employer and actor.organization is not None:
        return f"{name}（{actor.organization.name}・求人企業）"
    return event.actor_label


def audit_lines(
    user: Any, *, important_only: bool = False, candidate: Candidate | None = None, limit: int | None = None
) -> AuditLines:
    """Her access log as her pages show it (the export keeps every row as stored): newest first, a run of
    consecutive identical views by the same person as one line with its count and span — an adviser opening her
    page a dozen times buried the offer and the placement. `important_only` leaves the views out; `candidate`
    keeps to one registration of hers (her page with that agency); `limit`: events read (AUDIT_SHOWN)."""
    events = audit_of_candidate_user(user).select_related("actor__agency_staff", "actor__organization")
    if candidate is not None:
        events = events.filter(candidate=candidate)
    if important_only:
        events = events.exclude(action__in=AUDIT_VIEWS)
    limit = AUDIT_SHOWN if limit is None else limit
    rows = list(events[: limit + 1])  # one more: whether older ones are left out
    cut, rows = len(rows) > limit, rows[:limit]
    assigned = set(
        Candidate.advisers.through.objects.filter(candidate__user=user).values_list(
            "candidate_id", "staff_id"
        )
    )
    several = len({e.candidate.agency_id for e in rows}) > 1
    return AuditLines(
        _audit_runs(
            [(e, _audit_who(e, you=user.pk, her=None, assigned=assigned, name_agency=several)) for e in rows]
        ),
        limit=limit,
        cut=cut,
    )


def _audit_runs(said: list[tuple[AuditEvent, str]]) -> list[AuditLine]:
    """Events (newest first, each with who did it as the reader is told) as the lines of an access log: a run of
    consecutive identical views by the same person as one line with its count and span; every other event its own
    line. One rule for her page and her advisers' (ADR 0109, 0125)."""
    runs = merge_runs(
        said,
        key=lambda s: (
            (s[0].candidate_id, s[0].actor_id, s[1], s[0].action, s[0].detail)
            if s[0].action in AUDIT_VIEWS
            else None
        ),  # only views are merged
        at=lambda s: s[0].at,
    )
    return [
        AuditLine(
            run=run,
            who=who,
            action=e.get_action_display(),
            detail=e.detail,
            is_view=e.action in AUDIT_VIEWS,
        )
        for run in runs
        for e, who in [run.row]
    ]


HEARING_DOCUMENT = "hearing"


def document_choices(user: Any) -> list[tuple[str, str]]:
    """What a candidate may choose to send with an accepted proposal: their document versions or a summary
    of the hearing."""
    choices = [(f"v{v.pk}", version_label(v)) for v in versions_of(user)]
    return [*choices, (HEARING_DOCUMENT, "ヒアリング内容から作成した職務経歴の要約")]


def sent_document_sections(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A document sent as a JSON Resume version, as headed sections of labelled text for the employer's page;
    [] when the text is not one (the hearing summary is plain text and is shown as it is)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("basics"), dict):
        return []
    name = str(data["basics"].get("name") or "").strip()
    sections = resume_sections(data)
    if not name:
        return sections
    # The referral names the candidate: 氏名 first, under the 職務経歴書 heading (made for it when empty).
    rest = dict(sections)
    return [("職務経歴書", [("氏名", name), *rest.pop("職務経歴書", [])]), *rest.items()]


def document_for_proposal(user: Any, proposal: Proposal, key: str) -> tuple[str, str]:
    """(label, content as sent) of the candidate's choice; ("", "") when the key is not theirs."""
    if key == HEARING_DOCUMENT:
        sheet = getattr(proposal.candidate, "hearing", None)
        text = (
            "\n".join(x for x in [sheet.experience, sheet.skills, sheet.qualifications] if x) if sheet else ""
        )
        return "ヒアリング内容から作成した職務経歴の要約", text
    if key.startswith("v") and key[1:].isdigit():
        version = versions_of(user).filter(pk=int(key[1:])).first()
        if version is not None:
            label = version_label(version)
            return label, json.dumps(version.data, ensure_ascii=False)
    return "", ""


TODAY_SHOWN = 20  # rows of each 「今日やること」 list; the count says how many there are in all


@dataclass(frozen=True)
class TodayList:
    """One kind of work due on the adviser's 「今日やること」: its heading, how many in all, and the first rows."""

    key: str
    title: str
    count: int
    rows: list[Any]


def _first_rows(qs: QuerySet[Any]) -> tuple[int, list[Any]]:
    """(how many, the first TODAY_SHOWN): one query while they all fit, two when the list is longer."""
    rows = list(qs[:TODAY_SHOWN])
    return (len(rows) if len(rows) < TODAY_SHOWN else qs.count()), rows


def _row_columns(proposal: str, *own: str) -> tuple[str, ...]:
    """The columns a 「今日やること」 row shows, for `only()`: the row's own `own` fields, and of the proposal it is
    reached by (`proposal`, "" for a Proposal row) her name (Candidate.name: the registration's status and
    display_name, the profile's 姓 名, the account's name) and the job's title and company (employer_display).
    Each list joins five tables of up to a hundred columns (the posting's texts, the profile's); Django compiled and
    SQLite copied every one of them for twenty rows, about half of the page's time at 500 candidates (ADR 0162).
    A column left out here that the template reads would cost a query per row: tests/test_today pins the count."""
    p = f"{proposal}__" if proposal else ""
    return (
        *own,
        f"{p}candidate__status",
        f"{p}candidate__display_name",
        f"{p}candidate__anonymised_at",
        f"{p}candidate__user__display_name",
        f"{p}candidate__user__seeker_profile__family_name",
        f"{p}candidate__user__seeker_profile__given_name",
        f"{p}posting__title",
        f"{p}posting__employer_name",
        f"{p}posting__organization__name",
    )


def today_for_staff(staff: Staff, *, now: dt.datetime) -> list[TodayList]:
    """「今日やること」 on /agent/ (ADR 0110): the work due now about the candidates `staff` may see
    (`candidates_of`), each list read with the one definition the daily duties use (agents.due), in a fixed number
    of queries however many rows, with only the columns its rows show (`_row_columns`). Lists with nothing due are
    left out; [] when nothing is due at all."""
    mine = candidates_of(staff).order_by().values("pk")
    proposal_rel = ("candidate__user__seeker_profile", "posting__organization")
    referral_rel = ("proposal__candidate__user__seeker_profile", "proposal__posting__organization")
    proposal_cols = _row_columns("", "candidate", "posting", "responded_at", "created_at")
    referral_cols = _row_columns("proposal", "proposal", "stage", "updated_at")
    today = date_jst(now)
    # 推薦 is possible only to a published posting under an order in force (referral_send): an answer on any other
    # job would sit under 「推薦する」 for ever, so it is listed apart, to be re-accepted (or closed with her).
    referable = (
        orders_in_force(staff.agency).filter(posting__status=PostingStatus.PUBLISHED).values("posting_id")
    )
    to_refer = (
        due.proposals_to_refer().filter(candidate__in=mine).select_related(*proposal_rel).only(*proposal_cols)
    )
    lists = [
        (
            "refer",
            "応募したいと回答があった提案（推薦する）",
            to_refer.filter(posting__in=referable).order_by("responded_at", "pk"),
        ),
        (
            "lapsed",
            "求人受理の期限切れ・掲載終了（受理し直すと推薦できます）",
            to_refer.exclude(posting__in=referable).order_by("responded_at", "pk"),
        ),
        (
            "unanswered",
            f"{due.UNANSWERED_DAYS}日以上回答のない提案",
            due.proposals_unanswered(now)
            .filter(candidate__in=mine)
            .select_related(*proposal_rel)
            .only(*proposal_cols)
            .order_by("created_at", "pk"),
        ),
        (
            "stalled",
            f"{due.STALL_DAYS}日以上動いていない選考",
            due.referrals_stalled(now)
            .filter(proposal__candidate__in=mine)
            .select_related(*referral_rel)
            .only(*referral_cols)
            .order_by("updated_at", "pk"),
        ),
        (
            "interviews",
            f"{due.INTERVIEW_AHEAD_DAYS}日以内の面接",
            due.interviews_between(now, now + dt.timedelta(days=due.INTERVIEW_AHEAD_DAYS))
            .filter(referral__proposal__candidate__in=mine)
            .select_related(*(f"referral__{r}" for r in referral_rel))
            .only(*_row_columns("referral__proposal", "referral__proposal", "starts_at", "ends_at", "stage"))
            .order_by("starts_at", "pk"),
        ),
        (
            "followups",
            "期日が来た6か月定着確認",
            due.follow_ups_due(today)
            .filter(placement__referral__proposal__candidate__in=mine)
            .select_related(*(f"placement__referral__{r}" for r in referral_rel), "placement")
            .only(*_row_columns("placement__referral__proposal", "placement__referral__proposal", "due_on"))
            .order_by("due_on", "pk"),
        ),
        (
            "joining",
            "内定承諾後、入社が未記録",
            due.offers_accepted_not_joined()
            .filter(proposal__candidate__in=mine)
            .select_related(*referral_rel)
            .only(*referral_cols)
            .order_by("updated_at", "pk"),
        ),
    ]
    if staff.is_responsible:
        # Complaints are routed to one 職業紹介責任者 (services.complaint_routee): hers to answer.
        lists.append(
            (
                "complaints",
                "対応していない苦情",
                due.complaints_open().filter(routed_to=staff).order_by("received_at", "pk"),
            )
        )
    out = []
    for key, title, qs in lists:
        count, rows = _first_rows(qs)
        if count:
            out.append(TodayList(key=key, title=title, count=count, rows=rows))
    return out


CANDIDATE_PAGE_SIZE = 30


def candidates_search(staff: Staff, *, text: str = "", status: str = "") -> QuerySet[Candidate]:
    """The dashboard's candidate list: those `staff` may see (`candidates_of`), narrowed by `text` — every word of it
    found in her name (姓・名 of her profile or the name she registered with), its reading (ふりがな: katakana typed is
    read as hiragana) or her e-mail address — and by `status` (a CandidateStatus value, "" for all)."""
    qs = candidates_of(staff)
    if status:
        qs = qs.filter(status=status)
    for word in text.split():
        reading = kana_reading(word)
        qs = qs.filter(
            Q(display_name__icontains=word)
            | Q(user__seeker_profile__family_name__icontains=word)
            | Q(user__seeker_profile__given_name__icontains=word)
            | Q(user__seeker_profile__family_name_kana__icontains=reading)
            | Q(user__seeker_profile__given_name_kana__icontains=reading)
            | Q(user__email__icontains=word)
        )
    return qs.order_by("-applied_on", "-pk")


def orders_of_posting(staff: Staff, posting: JobPosting) -> list[JobOrder]:
    """The agency's orders for one job, newest taken first, refused and closed ones too: the job page's 求人受理の記録
    as the 求人管理簿 lists them (受付年月日, 有効期間, 求人数, 担当者). Only `staff`'s own agency's."""
    return list(
        JobOrder.objects.filter(agency=staff.agency, posting=posting)
        .select_related("created_by")
        .order_by("-received_on", "-pk")
    )


def candidate_audit_lines(
    staff: Staff,
    candidate: Candidate,
    *,
    visible: bool | None = None,
    important_only: bool = False,
    advisers: Collection[int] | None = None,
    limit: int | None = None,
) -> AuditLines | None:
    """Her audit trail with this agency (what she reads on /me/proposals/audit/, merged into the same runs), for
    her assigned advisers and the office's 職業紹介責任者 (`candidates_of`) — None for anyone else, such as a
    colleague who opened her application to do the hearing (ADR 0125). `visible`: the caller read her through
    `candidates_of` already (else it is asked here). `important_only` leaves the views out. `advisers`: the pks of
    her assigned advisers, when the caller read them already (else they are read here). `limit`: events read, as
    many as her own page reads (AUDIT_SHOWN)."""
    if visible is None:
        visible = candidates_of(staff).filter(pk=candidate.pk).exists()
    if not visible or candidate.agency_id != staff.agency_id:
        return None
    events = AuditEvent.objects.filter(candidate=candidate).select_related(
        "actor__agency_staff", "actor__organization"
    )
    if important_only:
        events = events.exclude(action__in=AUDIT_VIEWS)
    if advisers is None:
        advisers = Candidate.advisers.through.objects.filter(candidate=candidate).values_list(
            "staff_id", flat=True
        )
    assigned = {(candidate.pk, pk) for pk in advisers}
    limit = AUDIT_SHOWN if limit is None else limit
    rows = list(events[: limit + 1])  # one more: whether older ones are left out
    cut, rows = len(rows) > limit, rows[:limit]
    said = [
        (
            e,
            _audit_who(
                e, you=staff.user_id, her=candidate.user_id, assigned=assigned, agency_id=staff.agency_id
            ),
        )
        for e in rows
    ]
    return AuditLines(_audit_runs(said), limit=limit, cut=cut)
