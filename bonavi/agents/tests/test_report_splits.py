"""The 職業紹介事業報告書 (様式第8号) split as the form asks (ADR 0115): 求人延数 and 就職件数 by 区分 — 常用 (open-ended
or 4 months and more), 臨時 (1 month to under 4), 日雇 (under a month, a term in days) — and 国内・国外, with the
紹介予定派遣 orders and placements; the intake and 入社 forms that capture what the split needs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents import books, services
from bonavi.agents.models import JobOrder, JobOrderStatus, Placement, Stage
from bonavi.agents.tests.factories import (
    AgencySetup,
    backdate,
    offer_as_posted,
    place,
    refer,
    register,
)
from bonavi.agents.tests.html import error_beside, field_tag
from bonavi.core import contract_terms as terms
from bonavi.core.clock import today_jst
from bonavi.jobs.tests.factories import posting_data

pytestmark = pytest.mark.django_db

OPEN: dict[str, Any] = {}
# A fixed term with no probation (a 3-month probation in a 1-month contract is not what these tests are about).
_FIXED = {"fixed_term": True, "renewal": "none", "has_probation": False, "probation_months": None}
_FIXED.update(probation_conditions="")
_HOURLY = {"employment_type": "part", "wage_unit": "hour", "wage_min": 1_500, "wage_max": None}


def months(n: int) -> dict[str, Any]:
    return {**_FIXED, "employment_type": "keiyaku", "contract_months": n}


def days(n: int) -> dict[str, Any]:
    return {**_FIXED, **_HOURLY, "contract_days": n}


def take(
    setup: AgencySetup,
    org: Organization,
    term: dict[str, Any],
    *,
    title: str,
    openings: int = 1,
    overseas: bool = False,
    planned_dispatch: bool = False,
    declared: bool = True,
) -> JobOrder:
    """The RA takes in a 非公開求人 with this term (through the compliance gate, as the intake page does)."""
    data = posting_data(title=title, **term)
    data.pop("visibility")
    return services.job_order_intake(
        user=setup.ra,
        employer=org,
        data=data,
        self_declaration=declared,
        openings=openings,
        overseas=overseas,
        planned_dispatch=planned_dispatch,
    )


def seeker_no(n: int) -> User:
    return User.objects.create_user(email=f"s{n}@test.example", password="pw-Long-enough-1", role=Role.SEEKER)


def this_year() -> int:
    return books.fiscal_year_of(today_jst())


def report(setup: AgencySetup, year: int | None = None) -> dict[str, Any]:
    return books.yearly_report(agency=setup.agency, fiscal_year=this_year() if year is None else year)


def split(rep: dict[str, Any], what: str) -> dict[tuple[str, str], int]:
    return {(t, p): rep[f"{what}（{t}・{p}）"] for t in books.TERMS for p in (books.DOMESTIC, books.OVERSEAS)}


# The 区分 at its boundaries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_ended", "m", "d", "term"),
    [
        (True, None, None, "常用"),
        (False, 4, None, "常用"),  # exactly 4 months is 常用
        (False, 3, None, "臨時"),
        (False, 1, None, "臨時"),  # exactly 1 month is 臨時
        (False, None, 29, "日雇"),  # 29 days: under a month
        (False, None, 1, "日雇"),  # 日々雇用
        (False, 60, None, "常用"),
    ],
)
def test_each_term_falls_in_its_class(open_ended, m, d, term):
    assert books.term_class(open_ended=open_ended, months=m, days=d) == term


def test_orders_are_counted_by_class_place_and_people_wanted(setup, employer):
    org = employer.organization
    take(setup, org, OPEN, title="経理（正社員）", openings=2)
    take(setup, org, months(4), title="経理（契約4か月）")
    take(setup, org, months(3), title="経理（契約3か月）")
    take(setup, org, months(1), title="経理（契約1か月）")
    take(setup, org, days(29), title="棚卸の事務（29日間）")
    take(setup, org, OPEN, title="経理（シンガポール駐在）", overseas=True)
    take(setup, org, days(14), title="展示会の受付事務（海外・14日間）", overseas=True)
    take(setup, org, OPEN, title="経理スタッフ（直接雇用予定）", planned_dispatch=True, openings=3)
    refused = take(setup, org, months(3), title="自己申告のない求人", declared=False)
    assert refused.status == JobOrderStatus.REFUSED
    rep = report(setup)
    assert split(rep, "求人延数") == {
        ("常用", "国内"): 2 + 1 + 3,
        ("臨時", "国内"): 1 + 1,  # the refused order was never an order
        ("日雇", "国内"): 1,
        ("常用", "国外"): 1,
        ("臨時", "国外"): 0,
        ("日雇", "国外"): 1,
    }
    assert rep["紹介予定派遣（求人数）"] == 3


def test_an_order_closed_when_taken_again_still_counts_in_its_year(setup, employer):
    """Closing an expired order when the company's 申込み is taken again (ADR 0111) does not take it out of the
    year it was accepted in, nor out of the 有効求人数 of a 3月31日 it was in force on."""
    order = take(setup, employer.organization, months(3), title="経理（契約3か月）", openings=2)
    end = books.fiscal_year_bounds(this_year())[1]
    JobOrder.objects.filter(pk=order.pk).update(status=JobOrderStatus.CLOSED, valid_until=end)
    rep = report(setup)
    assert rep["求人延数（臨時・国内）"] == 2
    assert rep["有効求人数（3月31日）"] == 2  # people wanted, as the 求人管理簿's 求人数


def test_placements_are_counted_by_class_place_and_planned_dispatch(setup, employer):
    org = employer.organization
    orders = [
        take(setup, org, OPEN, title="経理（正社員）"),
        take(setup, org, months(4), title="経理（契約4か月）"),
        take(setup, org, months(1), title="経理（契約1か月）"),
        take(setup, org, days(29), title="棚卸の事務（29日間）"),
        take(setup, org, OPEN, title="経理（シンガポール駐在）", overseas=True),
        take(setup, org, OPEN, title="経理スタッフ（直接雇用予定）", planned_dispatch=True),
    ]
    today = today_jst()
    placed = [
        place(setup, register(setup, seeker_no(i)), o.posting_id, joined_on=today)
        for i, o in enumerate(orders)
    ]
    # each placement took its term from the job and its 国外・紹介予定派遣 from the order it went through
    assert [(p.open_ended, p.contract_months, p.contract_days) for p in placed[:4]] == [
        (True, None, None),
        (False, 4, None),
        (False, 1, None),
        (False, None, 29),
    ]
    assert [p.overseas for p in placed] == [False] * 4 + [True, False]
    assert [p.planned_dispatch for p in placed] == [False] * 5 + [True]
    rep = report(setup)
    assert split(rep, "就職件数") == {
        ("常用", "国内"): 3,  # open-ended, exactly 4 months, and the 紹介予定派遣 hire
        ("臨時", "国内"): 1,  # exactly 1 month
        ("日雇", "国内"): 1,  # 29 days
        ("常用", "国外"): 1,
        ("臨時", "国外"): 0,
        ("日雇", "国外"): 0,
    }
    assert rep["紹介予定派遣（就職件数）"] == 1
    assert rep["無期雇用就職件数"] == 3
    # only open-ended hires get the 6-month check (the 29-day one has none)
    assert Placement.objects.filter(follow_up__isnull=False).count() == 3


def test_a_placement_outside_the_year_is_not_counted(setup, employer, seeker):
    order = take(setup, employer.organization, days(10), title="棚卸の事務（10日間）")
    start = books.fiscal_year_bounds(this_year())[0]
    place(setup, register(setup, seeker), order.posting_id, joined_on=start - dt.timedelta(days=1))
    assert report(setup)["就職件数（日雇・国内）"] == 0
    assert report(setup, this_year() - 1)["就職件数（日雇・国内）"] == 1


# The forms that capture it ---------------------------------------------------------------------------------------


def _intake_form(employer_pk: int, **over: Any) -> dict[str, Any]:
    data = {k: v for k, v in posting_data().items() if v is not None and k != "visibility"}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data.update(
        employer=employer_pk, start_time="09:00", end_time="18:00", self_declaration="on", openings="1"
    )
    data.update(over)
    return data


def test_the_intake_page_records_people_wanted_overseas_and_planned_dispatch(setup, employer, client):
    client.force_login(setup.ra)
    page = client.get("/agent/orders/new/").content.decode()
    for label in ("求人数", "就業場所が国外（海外勤務）", "紹介予定派遣の求人"):
        assert label in page
    refused = client.post("/agent/orders/new/", _intake_form(employer.organization.pk, openings="0"))
    assert refused.status_code == 422
    assert "求人数は1以上で入力してください。" in error_beside(refused.content.decode(), "openings")
    assert not JobOrder.objects.exists()
    done = client.post(
        "/agent/orders/new/",
        _intake_form(employer.organization.pk, openings="3", overseas="on", planned_dispatch="on"),
    )
    assert done.status_code == 302
    order = JobOrder.objects.get()
    assert (order.openings, order.overseas, order.planned_dispatch) == (3, True, True)


def test_the_public_posting_order_records_overseas_and_planned_dispatch(setup, employer, client):
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization, title="経理（公開・海外勤務）")
    client.force_login(setup.ra)
    page = client.get(f"/agent/jobs/{posting.pk}/").content.decode()
    assert "就業場所が国外（海外勤務）" in page and "紹介予定派遣の求人" in page
    resp = client.post(
        f"/agent/jobs/{posting.pk}/order/",
        {"openings": "2", "self_declaration": "on", "overseas": "on"},
    )
    assert resp.status_code == 302
    order = JobOrder.objects.get()
    assert (order.openings, order.overseas, order.planned_dispatch) == (2, True, False)


def _accepted(setup: AgencySetup, seeker: User, posting_id: int) -> Any:
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, posting_id)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=referral, to_stage=stage, offer=offer)
    backdate(referral, today_jst())
    return referral


PLACE = {"action": "place", "expected_annual_pay": "3000000", "fee": "900000"}


def test_the_placement_form_starts_from_the_job_and_its_order(setup, employer, seeker, client):
    order = take(setup, employer.organization, days(14), title="棚卸の事務（海外・14日間）", overseas=True)
    referral = _accepted(setup, seeker, order.posting_id)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{referral.proposal.candidate_id}/").content.decode()
    card = page.split(f'id="p{referral.proposal_id}"', 1)[1]
    fixed = re.search(r'<input[^>]*name="term"[^>]*value="fixed"[^>]*>', card)
    assert fixed and "checked" in fixed.group(0)
    assert 'value="14"' in field_tag(card, "contract_days")
    assert "checked" in field_tag(card, "overseas") and "checked" not in field_tag(card, "planned_dispatch")


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"term": "fixed"}, "contract_months", "期間の定めありの場合は雇用期間（か月）を入力してください"),
        ({"term": "fixed", "contract_months": "2", "contract_days": "20"}, "contract_days", "どちらか一方"),
        ({"term": "fixed", "contract_days": "31"}, "contract_days", "1〜30日で入力してください"),
        ({"term": "fixed", "contract_months": "61"}, "contract_months", "1〜60"),
        (
            {"term": "open", "contract_days": "20"},
            "contract_days",
            "期間の定めなしの場合は、雇用期間を空欄に",
        ),
        ({"term": "weekly"}, "term", "雇用期間の定めを一覧から選んでください。"),
    ],
)
def test_a_bad_placement_term_is_refused_beside_its_field(
    setup, employer, seeker, client, sent, field, message
):
    order = take(setup, employer.organization, months(3), title="経理（契約3か月）")
    referral = _accepted(setup, seeker, order.posting_id)
    client.force_login(setup.ca)
    resp = client.post(
        f"/agent/referrals/{referral.pk}/", {**PLACE, "joined_on": today_jst().isoformat(), **sent}
    )
    assert resp.status_code == 422
    page = resp.content.decode()
    if field == "term":  # the radios' fieldset is described by the message (includes/field.html)
        said = re.search(rf'<ul class="errorlist" id="r{referral.pk}_term_error">(.*?)</ul>', page, re.S)
        assert said and message in said.group(1)
    else:
        assert message in error_beside(page, field)
    assert not Placement.objects.exists()


def test_the_placement_is_recorded_as_the_hire_really_is(setup, employer, seeker, client):
    """The job said 3 months; she was hired for 29 days abroad after a 紹介予定派遣: the form says so and the report
    counts her there."""
    order = take(setup, employer.organization, months(3), title="経理（契約3か月）")
    referral = _accepted(setup, seeker, order.posting_id)
    client.force_login(setup.ca)
    sent = {"term": "fixed", "contract_days": "29", "overseas": "on", "planned_dispatch": "on"}
    resp = client.post(
        f"/agent/referrals/{referral.pk}/", {**PLACE, "joined_on": today_jst().isoformat(), **sent}
    )
    assert resp.status_code == 302
    placement = Placement.objects.get()
    assert (placement.open_ended, placement.contract_months, placement.contract_days) == (False, None, 29)
    assert placement.overseas and placement.planned_dispatch and placement.term_display == "定めあり（29日）"
    rep = report(setup)
    assert rep["就職件数（日雇・国外）"] == 1 and rep["就職件数（臨時・国内）"] == 0
    assert rep["紹介予定派遣（就職件数）"] == 1
    client.force_login(setup.boss)
    records = client.get("/agent/records/").content.decode()
    assert "定めあり（29日）・国外・紹介予定派遣" in records


@pytest.mark.parametrize(
    ("term", "field", "message"),
    [
        ({"contract_days": 31}, "contract_days", terms.days_range("雇用")),
        ({"contract_months": 61}, "contract_months", terms.months_range("雇用")),
    ],
)
def test_the_placement_says_a_terms_bounds_in_the_postings_words_for_a_hire(
    setup, employer, seeker, term, field, message
):
    """The service says a term out of its bounds as the posting does, with 雇用 for 契約 (one template, core.contract_terms)."""
    order = take(setup, employer.organization, months(3), title="経理（契約3か月）")
    referral = _accepted(setup, seeker, order.posting_id)
    with pytest.raises(services.AgentError) as refused:
        services.placement_record(
            user=setup.ca,
            referral=referral,
            joined_on=today_jst(),
            expected_annual_pay=3_000_000,
            fee=300_000,
            open_ended=False,
            **term,
        )
    assert refused.value.errors == {field: [message]}
    assert message.startswith(f"雇用期間（{'日' if field == 'contract_days' else 'か月'}）は1〜")


def test_a_post_from_an_older_page_keeps_the_orders_overseas_and_planned_dispatch(
    setup, employer, seeker, client
):
    """A page drawn before the term and the two flags were on the form sends none of them; its unticked checkboxes
    read as False. The placement is then the order's — 国外 and 紹介予定派遣 — not recorded as 国内."""
    order = take(
        setup,
        employer.organization,
        months(3),
        title="経理スタッフ（海外勤務・直接雇用予定）",
        overseas=True,
        planned_dispatch=True,
    )
    referral = _accepted(setup, seeker, order.posting_id)
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{referral.pk}/", {**PLACE, "joined_on": today_jst().isoformat()})
    assert resp.status_code == 302
    placement = Placement.objects.get()
    assert (
        placement.open_ended,
        placement.contract_months,
        placement.overseas,
        placement.planned_dispatch,
    ) == (
        False,
        3,
        True,
        True,
    )
