"""A placement's fee is checked against the agency's fee rule when it is recorded (ADR 0116): 届出制 with a 手数料率
— at most rate × 予定年収; 上限制 — at most 11.0% of 予定年収 ÷ 12 × min(6, the term's months); 届出制 without a rate — not checked, and the
records page says so. The 上限制's wages are those of the hire's term, up to six months (a 14-day hire is capped on 14
days' wages). The only path that records a fee is services.placement_record (the 就職 form on the
candidate card): the company's 入社 carries a date only, and the API has no placement endpoint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bonavi.agents import services
from bonavi.agents.fees import FeeRule, Term, fee_rule
from bonavi.agents.models import (
    Agency,
    AuditAction,
    AuditEvent,
    FeeSystem,
    FollowUp,
    Placement,
    Referral,
    Stage,
)
from bonavi.agents.tests.factories import offer_as_posted
from bonavi.agents.tests.html import error_beside, focused
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db

PAY = 4_200_000  # 30% → 1,260,000円; 上限制 → 2,100,000円 × 11.0% = 231,000円


@pytest.fixture
def accepted(setup, referral) -> Referral:
    """The selection at 内定承諾: the 就職 form is on its card."""
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=referral, to_stage=stage, offer=offer)
    referral.refresh_from_db()
    return referral


def _set_rule(agency: Agency, system: str, rate: str | None) -> None:
    Agency.objects.filter(pk=agency.pk).update(
        fee_system=system, fee_rate_percent=Decimal(rate) if rate is not None else None
    )


def _record(setup, referral: Referral, fee: int, pay: int = PAY, **term) -> Placement:
    return services.placement_record(
        user=setup.ca,
        referral=referral,
        joined_on=today_jst() + dt.timedelta(days=14),
        expected_annual_pay=pay,
        fee=fee,
        **term,
    )


def _nothing_recorded(referral: Referral) -> None:
    """A refusal changes nothing: no placement, no 入社, no follow-up, no line in her trail."""
    referral.refresh_from_db()
    assert not Placement.objects.exists() and not FollowUp.objects.exists()
    assert referral.stage == Stage.OFFER_ACCEPTED and referral.joined_on is None
    assert not AuditEvent.objects.filter(action=AuditAction.PLACEMENT).exists()


# The limits -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "pay", "limit"),
    [
        (FeeRule(FeeSystem.NOTIFIED, Decimal("30")), 4_200_000, 1_260_000),
        (
            FeeRule(FeeSystem.NOTIFIED, Decimal("30.00")),
            4_200_001,
            1_260_000,
        ),  # 1,260,000.3 → down to the yen
        (FeeRule(FeeSystem.NOTIFIED, Decimal("33.33")), 3_000_000, 999_900),
        (FeeRule(FeeSystem.NOTIFIED, Decimal("35")), 5_555_555, 1_944_444),  # 1,944,444.25
        (FeeRule(FeeSystem.CAPPED, None), 4_200_000, 231_000),
        # six months' wages 2,000,000.5 → 2,000,000円, then 11.0% = 220,000円
        (FeeRule(FeeSystem.CAPPED, None), 4_000_001, 220_000),
        (FeeRule(FeeSystem.CAPPED, None), 3_650_000, 200_750),
        (FeeRule(FeeSystem.NOTIFIED, None), 4_200_000, None),
    ],
)
def test_the_limit_is_the_rate_of_the_pay_rounded_down_to_the_yen(rule, pay, limit):
    assert rule.limit(pay, Term(True)) == limit


CAPPED = FeeRule(FeeSystem.CAPPED, None)


@pytest.mark.parametrize(
    ("term", "limit", "period"),
    [
        # 3,000,000 × 14 ÷ 365 = 115,068.49… → 115,068円 of wages; 11.0% = 12,657.48 → 12,657円
        (
            Term(False, contract_days=14),
            12_657,
            "雇用期間14日分の賃金（予定年収3,000,000円÷365×14＝115,068円）",
        ),
        (
            Term(False, contract_days=30),
            27_123,
            "雇用期間30日分の賃金（予定年収3,000,000円÷365×30＝246,575円）",
        ),
        (
            Term(False, contract_months=1),
            27_500,
            "雇用期間1か月分の賃金（予定年収3,000,000円÷12×1＝250,000円）",
        ),
        (
            Term(False, contract_months=3),
            82_500,
            "雇用期間3か月分の賃金（予定年収3,000,000円÷12×3＝750,000円）",
        ),
        (
            Term(False, contract_months=5),
            137_500,
            "雇用期間5か月分の賃金（予定年収3,000,000円÷12×5＝1,250,000円）",
        ),
        (
            Term(False, contract_months=6),
            165_000,
            "就職後6か月分の賃金（予定年収3,000,000円÷12×6＝1,500,000円）",
        ),
        (
            Term(False, contract_months=12),
            165_000,
            "就職後6か月分の賃金（予定年収3,000,000円÷12×6＝1,500,000円）",
        ),
        (Term(True), 165_000, "就職後6か月分の賃金（予定年収3,000,000円÷12×6＝1,500,000円）"),
    ],
)
def test_the_capped_limit_is_on_the_wages_of_the_term_up_to_six_months(term, limit, period):
    """上限制手数料 is 11.0% of the wages paid for the employment, up to six months' wages: a 14-day hire is not
    charged on six months' wages it will never be paid."""
    assert CAPPED.limit(3_000_000, term) == limit
    assert CAPPED.problem(expected_annual_pay=3_000_000, fee=limit, term=term) == ""
    assert CAPPED.problem(expected_annual_pay=3_000_000, fee=limit + 1, term=term) == (
        f"手数料（{limit + 1:,}円）が上限制手数料の上限を超えています。{period}の11.0%（消費税込み）、"
        f"{limit:,}円までです。"
    )


def test_a_notified_rate_is_of_the_pay_whatever_the_term():
    rule = FeeRule(FeeSystem.NOTIFIED, Decimal("30"))
    assert (
        rule.limit(3_000_000, Term(False, contract_days=14)) == rule.limit(3_000_000, Term(True)) == 900_000
    )


def test_the_capped_rule_ignores_a_rate_and_the_notified_one_reads_the_agencys(setup):
    assert fee_rule(setup.agency) == FeeRule(FeeSystem.NOTIFIED, Decimal("30"))
    _set_rule(setup.agency, FeeSystem.CAPPED, "30")
    setup.agency.refresh_from_db()
    assert fee_rule(setup.agency) == FeeRule(FeeSystem.CAPPED, None)
    assert fee_rule(setup.agency).summary == (
        "上限制手数料：雇用期間の賃金（6か月を超える雇用・期間の定めなしは就職後6か月分。予定年収÷12×月数、"
        "1か月未満は÷365×日数）の11.0%（消費税込み）まで"
    )


# 届出制 with a 手数料率 ------------------------------------------------------------------------------------------------


def test_a_notified_fee_exactly_at_rate_times_pay_is_recorded(setup, accepted):
    placement = _record(setup, accepted, 1_260_000)
    assert placement.fee == 1_260_000


def test_a_notified_fee_one_yen_above_is_refused_naming_the_limit_and_nothing_changes(setup, accepted):
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 1_260_001)
    assert refused.value.errors == {
        "fee": [
            "手数料（1,260,001円）が手数料表の上限を超えています。届出制手数料の手数料率は予定年収の30%のため、"
            "予定年収4,200,000円では1,260,000円までです。"
        ]
    }
    _nothing_recorded(accepted)


def test_a_fractional_rate_is_said_as_the_table_writes_it(setup, accepted):
    _set_rule(setup.agency, FeeSystem.NOTIFIED, "33.50")
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 1_000_000, pay=2_000_000)
    assert (
        "予定年収の33.5%のため、予定年収2,000,000円では670,000円までです。" in refused.value.errors["fee"][0]
    )
    assert _record(setup, accepted, 670_000, pay=2_000_000).fee == 670_000


def test_a_wrong_pay_is_said_beside_the_pay_only(setup, accepted):
    """The limit is computed from the pay: with the pay refused, the fee is not also said to be too high."""
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 1_260_001, pay=0)
    assert set(refused.value.errors) == {"expected_annual_pay"}
    _nothing_recorded(accepted)


# 上限制 --------------------------------------------------------------------------------------------------------------


def test_a_capped_fee_at_eleven_percent_of_six_months_is_recorded_one_yen_more_refused(setup, accepted):
    _set_rule(setup.agency, FeeSystem.CAPPED, None)
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 231_001)
    assert refused.value.errors["fee"] == [
        "手数料（231,001円）が上限制手数料の上限を超えています。就職後6か月分の賃金"
        "（予定年収4,200,000円÷12×6＝2,100,000円）の11.0%（消費税込み）、231,000円までです。"
    ]
    _nothing_recorded(accepted)
    assert _record(setup, accepted, 231_000).fee == 231_000


def test_a_capped_fee_for_a_fourteen_day_hire_is_on_fourteen_days_wages(setup, accepted):
    """The bug this guards: the cap was 11.0% of six months' wages whatever the term, so a 14-day hire at
    3,000,000円 could be charged 165,000円."""
    _set_rule(setup.agency, FeeSystem.CAPPED, None)
    days = {"open_ended": False, "contract_days": 14}
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 165_000, pay=3_000_000, **days)
    assert refused.value.errors == {
        "fee": [
            "手数料（165,000円）が上限制手数料の上限を超えています。雇用期間14日分の賃金"
            "（予定年収3,000,000円÷365×14＝115,068円）の11.0%（消費税込み）、12,657円までです。"
        ]
    }
    _nothing_recorded(accepted)
    assert _record(setup, accepted, 12_657, pay=3_000_000, **days).fee == 12_657


def test_a_wrong_term_is_said_beside_the_term_only(setup, accepted):
    """The 上限制's limit is computed from the term: with the term refused, the fee is not also said to be too high."""
    _set_rule(setup.agency, FeeSystem.CAPPED, None)
    with pytest.raises(services.AgentError) as refused:
        _record(setup, accepted, 1_000_000, open_ended=False, contract_days=31)
    assert set(refused.value.errors) == {"contract_days"}
    _nothing_recorded(accepted)


def test_a_capped_agency_with_a_stray_rate_is_still_held_to_the_legal_cap(setup, accepted):
    """A rate stored for a 上限制 agency (from before the settings page refused it) does not widen the cap."""
    _set_rule(setup.agency, FeeSystem.CAPPED, "30")
    with pytest.raises(services.AgentError):
        _record(setup, accepted, 1_260_000)
    _nothing_recorded(accepted)


# 届出制 without a rate ---------------------------------------------------------------------------------------------


def test_without_a_rate_the_fee_is_not_checked_and_the_pages_say_so(setup, accepted, client):
    _set_rule(setup.agency, FeeSystem.NOTIFIED, None)
    client.force_login(setup.boss)
    records = client.get("/agent/records/").content.decode()
    assert (
        "手数料率が登録されていないため、就職を記録するときに手数料を手数料表と照合していません。" in records
    )
    assert 'href="/agent/agency/#fees"' in records
    client.force_login(setup.ca)
    card = client.get(f"/agent/candidates/{accepted.proposal.candidate_id}/").content.decode()
    place = card.split('value="place"', 1)[1].split("</form>", 1)[0]
    assert "手数料率が登録されていないため、手数料表との照合はしていません" in place
    assert _record(setup, accepted, 2_100_000).fee == 2_100_000  # half the pay: nothing to check it against


def test_the_records_page_states_the_rule_it_checks(setup, client):
    client.force_login(setup.boss)
    records = client.get("/agent/records/").content.decode()
    assert (
        "就職を記録するとき、手数料を手数料表と照合しています（届出制手数料：予定年収の30%まで。" in records
    )
    assert "照合していません" not in records


# The candidate card's 就職 form -------------------------------------------------------------------------------------


def test_the_card_says_the_limit_under_the_fee_and_refuses_one_yen_above_beside_it(setup, accepted, client):
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{accepted.proposal.candidate_id}/").content.decode()
    place = page.split('value="place"', 1)[1].split("</form>", 1)[0]
    assert "届出制手数料：予定年収の30%まで" in place
    joined = (today_jst() + dt.timedelta(days=14)).isoformat()
    typed = {"action": "place", "joined_on": joined, "expected_annual_pay": "420万", "fee": "1,260,001"}
    resp = client.post(f"/agent/referrals/{accepted.pk}/", typed)
    assert resp.status_code == 422
    place = resp.content.decode().split('value="place"', 1)[1].split("</form>", 1)[0]
    assert "予定年収4,200,000円では1,260,000円までです。" in error_beside(place, "fee")
    assert focused(place, "fee") and not error_beside(place, "expected_annual_pay")
    assert 'value="1,260,001"' in place and 'value="420万"' in place  # kept to be fixed, not retyped
    _nothing_recorded(accepted)
    resp = client.post(f"/agent/referrals/{accepted.pk}/", {**typed, "fee": "126万"})
    assert resp.status_code == 302 and Placement.objects.get().fee == 1_260_000


def test_the_companys_joining_move_records_no_fee(setup, accepted, employer):
    """The employer's 入社 gives the date only: the fee (and its check) comes with the adviser's 就職 form."""
    services.referral_move(
        user=employer,
        referral=accepted,
        to_stage=Stage.JOINED,
        joined_on=today_jst() + dt.timedelta(days=14),
    )
    assert not Placement.objects.exists()
    with pytest.raises(services.AgentError, match="手数料（1,260,001円）が手数料表の上限を超えています。"):
        _record(setup, Referral.objects.get(pk=accepted.pk), 1_260_001)
    assert not Placement.objects.exists()
