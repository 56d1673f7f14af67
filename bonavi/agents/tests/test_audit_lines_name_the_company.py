"""Every line of her audit trail that names a proposed or referred job names its company too (ADR 0131, part 2):
two 「経理事務（未経験歓迎）」 at two companies read alike by title alone. One line of each kind — the conditions changed
and acknowledged, the 選考 move, the 内定 terms changed and their changes confirmed (by her, or relayed by the
adviser), the 面接対策, the interview's date, the document read by the company, the 入社 and the 手数料 — written
through the services, read back from her trail."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews, services
from bonavi.agents.models import AuditAction, AuditEvent, Referral, Stage
from bonavi.agents.tests.factories import backdate, offer_as_posted, private_order, refer, register
from bonavi.core import clock
from bonavi.core.clock import JST

pytestmark = pytest.mark.django_db

TITLE = "経理事務（未経験歓迎）"


def _named(referral: Referral) -> str:
    posting = referral.proposal.posting
    return f"「{TITLE}」（{posting.employer_display}）"


def _line(referral: Referral, action: str, contains: str) -> str:
    lines = AuditEvent.objects.filter(
        candidate=referral.proposal.candidate, action=action, detail__contains=contains
    ).values_list("detail", flat=True)
    assert lines, (action, contains)
    return lines[0]


@pytest.fixture
def titled(setup, seeker: User, employer: User) -> Referral:
    order = private_order(setup, employer.organization)
    order.posting.title = TITLE
    order.posting.save()
    return refer(setup, register(setup, seeker), order.posting_id)


def test_the_move_the_interview_prep_and_the_document_read_name_the_company(
    setup, employer: User, titled: Referral
) -> None:
    company = titled.proposal.posting.employer_display
    assert company  # the line would say nothing more without one
    services.referral_move(user=employer, referral=titled, to_stage=Stage.DOCUMENT)
    assert _line(titled, AuditAction.STAGE_CHANGE, "の選考：").startswith(
        f"{_named(titled)}の選考：推薦 → 書類選考"
    )

    services.referral_interview_prep(user=setup.ca, referral=titled, text="志望動機を一言で言えるように。")
    assert _line(titled, AuditAction.INTERVIEW_PREP, "面接対策") == f"{_named(titled)}の面接対策を更新"

    services.referral_viewed_by_employer(user=employer, referral=titled)
    assert _line(titled, AuditAction.DOCUMENT_VIEW, "を閲覧").endswith(f"（{_named(titled)}への推薦）")


def test_the_interview_date_names_the_company(employer: User, titled: Referral) -> None:
    services.referral_move(user=employer, referral=titled, to_stage=Stage.DOCUMENT)
    services.referral_move(user=employer, referral=titled, to_stage=Stage.INTERVIEW1)
    titled.refresh_from_db()
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=5), dt.time(10), tzinfo=JST)
    interviews.referral_interview_set(
        user=employer,
        referral=titled,
        values={"starts_at": starts, "ends_at": None, "format": "phone", "place": "", "url": "", "notes": ""},
    )
    line = _line(titled, AuditAction.STAGE_CHANGE, "面接の日程を設定")
    assert line.startswith(f"企業が{_named(titled)}の面接の日程を設定しました：")


def _offer_with_other_terms(employer: User, referral: Referral) -> None:
    """The company takes the 推薦 to 内定 with a 雇用形態 other than proposed (a change she must read)."""
    for stage in (Stage.DOCUMENT, Stage.INTERVIEW1):
        services.referral_move(user=employer, referral=referral, to_stage=stage)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, employment_type="keiyaku"),
    )
    referral.refresh_from_db()


def test_the_offer_terms_changed_and_confirmed_by_her_name_the_company(
    employer: User, seeker: User, titled: Referral
) -> None:
    _offer_with_other_terms(employer, titled)
    changed = _line(titled, AuditAction.CONDITIONS_CHANGED, "内定時の労働条件が提案時から変わりました")
    assert changed.startswith(f"{_named(titled)}の内定時の労働条件が提案時から変わりました")
    services.offer_answer(user=seeker, referral=titled, accept=True, changes_read=True)
    confirmed = _line(titled, AuditAction.CONDITIONS_ACK, "内定時の労働条件の変更")
    assert confirmed.startswith(f"{_named(titled)}の内定時の労働条件の変更（") and confirmed.endswith(
        "を確認"
    )


def test_the_changes_relayed_by_the_adviser_name_the_company(setup, employer: User, titled: Referral) -> None:
    _offer_with_other_terms(employer, titled)
    services.referral_move(user=setup.ca, referral=titled, to_stage=Stage.OFFER_ACCEPTED, changes_told=True)
    line = _line(titled, AuditAction.CONDITIONS_ACK, "変更点をご本人に伝えて承諾を記録")
    assert line.startswith(f"{_named(titled)}の内定時の労働条件の変更（")


def test_the_joining_and_the_fee_name_the_company(setup, titled: Referral) -> None:
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(titled) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=titled, to_stage=stage, offer=offer)
    joined = clock.today_jst() - dt.timedelta(days=30)
    backdate(titled, joined)
    placement = services.placement_record(
        user=setup.ca, referral=titled, joined_on=joined, expected_annual_pay=4_000_000, fee=1_200_000
    )
    assert _line(titled, AuditAction.PLACEMENT, "への入社").startswith(f"{_named(titled)}への入社（")
    services.placement_fee_settle(user=setup.ca, placement=placement, collected_on=clock.today_jst())
    fee = _line(titled, AuditAction.PLACEMENT, "紹介手数料")
    assert fee.startswith(f"{_named(titled)}の紹介手数料の徴収（")


def test_the_proposals_conditions_changed_and_acknowledged_name_the_company(
    setup, seeker: User, employer: User
) -> None:
    order = private_order(setup, employer.organization)
    posting = order.posting
    posting.title = TITLE
    posting.save()
    live = services.proposal_create(user=setup.ca, candidate=register(setup, seeker), posting_id=posting.pk)
    named = f"「{TITLE}」（{live.snapshot['employer']}）"
    posting.wage_min = (posting.wage_min or 200_000) + 10_000
    posting.save()
    changed = AuditEvent.objects.get(candidate=live.candidate, action=AuditAction.CONDITIONS_CHANGED)
    assert changed.detail.startswith(f"{named}の労働条件が提案時から変わりました（")
    services.proposal_acknowledge(user=seeker, proposal=live)
    ack = AuditEvent.objects.get(candidate=live.candidate, action=AuditAction.CONDITIONS_ACK)
    assert ack.detail.startswith(f"{named}の変更（") and ack.detail.endswith("を確認")


def test_two_jobs_of_one_title_at_two_companies_read_apart(
    setup, seeker: User, employer: User, other_employer: User
) -> None:
    candidate = register(setup, seeker)
    referrals = []
    for org in (employer.organization, other_employer.organization):
        order = private_order(setup, org, title=TITLE, employer_name=org.name)
        referrals.append(refer(setup, candidate, order.posting_id))
    for referral in referrals:
        services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.DOCUMENT)
    lines = set(
        AuditEvent.objects.filter(candidate=candidate, action=AuditAction.STAGE_CHANGE).values_list(
            "detail", flat=True
        )
    )
    assert lines == {
        f"「{TITLE}」（株式会社テスト商事）の選考：推薦 → 書類選考",
        f"「{TITLE}」（株式会社よそ）の選考：推薦 → 書類選考",
    }
