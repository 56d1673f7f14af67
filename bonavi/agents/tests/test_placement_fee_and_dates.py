"""Session-11 review of placements: the fee's 徴収日, the 入社日's bounds, 離職 at the 6-month check, money and dates
as the pages write them (ADR 0108)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bonavi.agents import books, services
from bonavi.agents.models import AuditAction, AuditEvent, ExitReason, FollowUp, Placement, Referral, Stage
from bonavi.agents.tests.factories import backdate, make_agency, offer_as_posted, place, private_order
from bonavi.agents.tests.html import error_beside
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(setup, candidate, employer) -> Placement:
    return place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=dt.date(2025, 5, 1),
    )


def _fee_cell(office) -> str:
    return books.fee_book_rows(office)[1][3]


# 1. 手数料の徴収日 ----------------------------------------------------------------------------------------------------


def test_the_adviser_records_the_fee_collection_on_the_candidate_page(setup, placed, client):
    """The 就職 form had no 徴収日 and no screen set it later: every fee stayed 「未収」 in the 手数料管理簿."""
    assert _fee_cell(setup.office) == "未収"
    client.force_login(setup.ca)
    url = f"/agent/referrals/{placed.referral_id}/"
    page = client.get(f"/agent/candidates/{placed.referral.proposal.candidate_id}/").content.decode()
    assert 'value="fee"' in page and "手数料の徴収を記録" in page
    resp = client.post(url, {"action": "fee", "collected_on": "2025-06-30"})
    assert resp.status_code == 302
    placed.refresh_from_db()
    assert placed.fee_collected_on == dt.date(2025, 6, 30) and _fee_cell(setup.office) == "2025-06-30"
    audit = AuditEvent.objects.get(action=AuditAction.PLACEMENT, detail__contains="紹介手数料")
    assert "2025年6月30日" in audit.detail
    # recorded once: a second post (another tab) is refused, the first day kept
    again = client.post(url, {"action": "fee", "collected_on": "2025-07-31"})
    assert again.status_code == 422 and "2025年6月30日に徴収を記録済み" in again.content.decode()
    placed.refresh_from_db()
    assert placed.fee_collected_on == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2025-04-30", "徴収日（2025-04-30）が入社日（2025年5月1日）より前です。"),
        (
            (today_jst() + dt.timedelta(days=1)).isoformat(),
            "が未来の日付です。徴収した後に記録してください。",
        ),
        ("", "徴収日を入力してください。"),
    ],
)
def test_a_fee_collection_date_out_of_bounds_is_refused_beside_the_field(
    setup, placed, client, typed, message
):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{placed.referral_id}/", {"action": "fee", "collected_on": typed})
    assert resp.status_code == 422
    form = resp.content.decode().split('value="fee"', 1)[1].split("</form>", 1)[0]
    assert message in error_beside(form, "collected_on")
    placed.refresh_from_db()
    assert placed.fee_collected_on is None and placed.fee_written_off_on is None


def test_only_the_responsible_person_or_the_assigned_adviser_records_the_fee(setup, placed):
    with pytest.raises(PermissionDenied):  # the RA is not this candidate's adviser
        services.placement_fee_settle(user=setup.ra, placement=placed, collected_on=dt.date(2025, 6, 30))
    services.placement_fee_settle(user=setup.boss, placement=placed, collected_on=dt.date(2025, 6, 30))
    assert Placement.objects.get().fee_collected_on == dt.date(2025, 6, 30)


def test_the_books_keep_a_fee_two_years_from_its_collection_or_write_off(setup, placed, candidate):
    """An unpaid fee is never anonymised; a written-off one (貸倒れ) starts the clock as a collection does; a fee
    collected recently keeps the person's name although the registration ended long ago."""
    far = candidate.valid_until + dt.timedelta(days=2 * 366 + 1)
    assert books.books_anonymise(today=far) == 0  # 未収: kept
    # collected a year before `far`: the 手数料管理簿 keeps it two years from then
    Placement.objects.filter(pk=placed.pk).update(fee_collected_on=far - dt.timedelta(days=365))
    assert books.books_anonymise(today=far) == 0
    Placement.objects.filter(pk=placed.pk).update(fee_collected_on=None)
    off_day = dt.date(2025, 9, 30)
    services.placement_fee_settle(user=setup.ca, placement=placed, collected_on=off_day, written_off=True)
    assert _fee_cell(setup.office) == "徴収不能（2025-09-30 貸倒れ処理）"
    # never collected: no fee in the 平均手数料率
    assert books.disclosure_figures(agency=setup.agency, fiscal_year=2025).fee_rates[0][1] == 0.0
    assert books.books_anonymise(today=max(far, dt.date(2027, 10, 1))) == 1


# 2. 入社日 -------------------------------------------------------------------------------------------------------------


@pytest.fixture
def accepted(setup, referral, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED)
    return referral


def test_a_joining_date_before_the_referral_is_refused_naming_the_field(setup, accepted, client):
    client.force_login(setup.ca)
    sent = accepted.sent_at.astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    early = sent - dt.timedelta(days=1)
    resp = client.post(
        f"/agent/referrals/{accepted.pk}/",
        {
            "action": "place",
            "joined_on": early.isoformat(),
            "expected_annual_pay": "4200000",
            "fee": "1260000",
        },
    )
    assert resp.status_code == 422
    form = resp.content.decode().split('value="place"', 1)[1].split("</form>", 1)[0]
    assert (
        f"入社日（{early.isoformat()}）が推薦日（{sent.year}年{sent.month}月{sent.day}日）より前です。"
        in (error_beside(form, "joined_on"))
    )
    assert not Placement.objects.exists()


def test_a_joining_date_before_the_offer_acceptance_or_over_a_year_ahead_is_refused(setup, accepted):
    backdate(accepted, dt.date(2026, 1, 10))  # 推薦 and every event on 2026-01-03
    accepted.events.filter(to_stage=Stage.OFFER_ACCEPTED).update(
        at=dt.datetime(2026, 2, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    )
    problem = services.joined_on_problem(accepted, dt.date(2026, 1, 20))
    assert problem.startswith("入社日（2026-01-20）が内定承諾日（2026年2月1日）より前です。")
    far = today_jst() + dt.timedelta(days=400)
    assert "1年以上先です" in services.joined_on_problem(accepted, far)
    assert services.joined_on_problem(accepted, dt.date(2026, 2, 1)) == ""


def test_the_employer_gives_the_joining_date_with_its_move_to_joined(setup, accepted, employer, client):
    """The employer's 入社 carried no date: it is asked, checked as the adviser's, and the books use it."""
    client.force_login(employer)
    url = f"/agent/employer/referrals/{accepted.pk}/"
    assert 'name="joined_on"' in client.get(url).content.decode()
    resp = client.post(url, {"to_stage": Stage.JOINED, "note": ""})
    assert resp.status_code == 422
    assert "入社日を入力してください" in error_beside(resp.content.decode(), "joined_on")
    assert Referral.objects.get().stage == Stage.OFFER_ACCEPTED
    day = today_jst() + dt.timedelta(days=20)
    assert client.post(url, {"to_stage": Stage.JOINED, "joined_on": day.isoformat()}).status_code == 302
    referral = Referral.objects.get()
    assert (referral.stage, referral.joined_on) == (Stage.JOINED, day)
    assert books.job_book_rows(setup.office)[1][-1] == day.isoformat()  # 採用年月日 before the placement
    # the adviser's 就職 form starts from that day
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{referral.proposal.candidate_id}/").content.decode()
    place_form = page.split('value="place"', 1)[1].split("</form>", 1)[0]
    assert f'value="{day.isoformat()}"' in place_form


def test_the_stage_api_asks_the_joining_date_with_joined(setup, accepted, employer, client):
    client.force_login(employer)
    url = f"/api/v1/agent/referrals/{accepted.pk}/stage"
    resp = client.post(url, {"to_stage": "joined"}, content_type="application/json")
    assert resp.status_code == 422 and "入社日を入力してください" in resp.json()["detail"]
    resp = client.post(
        url,
        {"to_stage": "joined", "joined_on": (today_jst() - dt.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert resp.status_code == 422 and "推薦日" in resp.json()["detail"]
    day = today_jst().isoformat()
    resp = client.post(url, {"to_stage": "joined", "joined_on": day}, content_type="application/json")
    assert resp.status_code == 200 and Referral.objects.get().joined_on.isoformat() == day


# 3. 6か月定着確認で「離職」 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("reason", "counted"), [(ExitReason.RESIGNATION, 1), (ExitReason.DISMISSAL, 0)])
def test_a_six_month_check_answered_left_is_counted_in_the_disclosure(setup, placed, client, reason, counted):
    """離職 at the 6-month check stored no date nor reason: counted neither as 6か月以内の離職 nor as 不明."""
    client.force_login(setup.ca)
    url = f"/agent/referrals/{placed.referral_id}/"
    resp = client.post(url, {"action": "followup", "outcome": "left"})
    assert resp.status_code == 422
    form = resp.content.decode().split('value="followup"', 1)[1].split("</form>", 1)[0]
    assert "離職日を入力してください" in error_beside(form, "exit_on")
    assert "離職理由を選んでください" in error_beside(form, "reason")
    assert FollowUp.objects.get().outcome == FollowUp.Outcome.PENDING
    # left four months after joining (2025-05-01)
    resp = client.post(
        url, {"action": "followup", "outcome": "left", "exit_on": "2025-09-01", "reason": reason}
    )
    assert resp.status_code == 302
    placed.refresh_from_db()
    assert (placed.exit_on, placed.exit_reason, placed.follow_up.outcome) == (
        dt.date(2025, 9, 1),
        reason,
        "left",
    )
    d = books.disclosure_figures(agency=setup.agency, fiscal_year=2025)
    assert (d.left_within_6m, d.unknown) == (counted, 0)


def test_an_employed_answer_with_exit_details_is_refused(setup, placed):
    with pytest.raises(services.AgentError, match="「離職」のときだけ"):
        services.follow_up_complete(
            user=setup.ca, follow_up=placed.follow_up, outcome="employed", exit_on=dt.date(2025, 9, 1)
        )


# 4. 円 and 日付 ---------------------------------------------------------------------------------------------------------


def test_money_on_the_records_page_and_the_candidate_page_is_written_with_commas(setup, placed, client):
    client.force_login(setup.boss)
    records = client.get("/agent/records/").content.decode()
    assert "4,000,000円" in records and "1,200,000円" in records and "4000000円" not in records
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{placed.referral.proposal.candidate_id}/").content.decode()
    assert "手数料 1,200,000円（未収）" in page


def test_the_two_year_lock_message_writes_the_day_as_the_banner_does(setup, candidate, employer):
    joined = today_jst() - dt.timedelta(days=200)
    place(setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=joined)
    lock = services.placement_lock_until(candidate)
    assert lock is not None
    other = private_order(setup, employer.organization, title="総務スタッフ（非公開）")
    with pytest.raises(services.AgentError) as exc:
        services.proposal_create(user=setup.ca, candidate=candidate, posting_id=other.posting_id)
    assert f"{lock.year}年{lock.month}月{lock.day}日まで" in str(exc.value)


def test_the_responsible_records_a_fee_on_the_records_page_even_after_she_withdrew(setup, placed, client):
    """Once she withdrew her consent her candidate page is gone from the workbench; the 職業紹介責任者's records page
    lists the 未収 fee with the same form and rules, so the 手数料管理簿's clock can still start."""
    candidate = placed.referral.proposal.candidate
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    client.force_login(setup.ca)
    assert (
        client.post(f"/agent/placements/{placed.pk}/fee/", {"collected_on": "2025-06-30"}).status_code == 403
    )
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    unpaid = page.split('id="unpaid"', 1)[1]
    assert f'action="/agent/placements/{placed.pk}/fee/"' in unpaid and "1,200,000円" in unpaid
    refused = client.post(f"/agent/placements/{placed.pk}/fee/", {"collected_on": "2025-04-30"})
    assert refused.status_code == 422
    form = refused.content.decode().split(f'action="/agent/placements/{placed.pk}/fee/"', 1)[1]
    assert "入社日（2025年5月1日）より前です" in error_beside(form, "collected_on")
    done = client.post(f"/agent/placements/{placed.pk}/fee/", {"collected_on": "2025-06-30"})
    assert done.status_code == 302
    placed.refresh_from_db()
    assert placed.fee_collected_on == dt.date(2025, 6, 30) and _fee_cell(setup.office) == "2025-06-30"
    assert 'id="unpaid"' not in client.get("/agent/records/").content.decode()
    other = make_agency(slug="other-career", name="株式会社ほかキャリア")
    client.force_login(other.boss)
    assert (
        client.post(f"/agent/placements/{placed.pk}/fee/", {"collected_on": "2025-07-01"}).status_code == 404
    )


def test_a_stale_tab_does_not_overwrite_a_recorded_exit(setup, placed):
    """The check is claimed while pending, like the fee: a 不明 posted from a page opened before the 解雇 was
    recorded is refused, and the disclosure counts the 離職, not 不明."""
    stale = FollowUp.objects.get(placement=placed)
    services.placement_exit(
        user=setup.ca, placement=placed, exit_on=dt.date(2025, 9, 1), reason=ExitReason.DISMISSAL
    )
    for outcome in ("unknown", "employed"):
        with pytest.raises(services.AgentError, match="すでに記録されています（離職）"):
            services.follow_up_complete(user=setup.ca, follow_up=stale, outcome=outcome)
    assert FollowUp.objects.get().outcome == FollowUp.Outcome.LEFT
    d = books.disclosure_figures(agency=setup.agency, fiscal_year=2025)
    assert d.unknown == 0
    # the same answer again is no error
    services.follow_up_complete(user=setup.ca, follow_up=stale, outcome="left")
