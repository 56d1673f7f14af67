"""A 推薦 only for a job the agency holds an accepted, unexpired order for (ADR 0111): a public posting without
one is information for the candidate, who applies herself; with one it works and the 求人管理簿 lists the order;
several agencies may order the same public posting; nobody is told the company was notified when it was not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents import selectors, services
from bonavi.agents.books import job_book_rows
from bonavi.agents.models import JobOrder, JobOrderStatus, Office, Proposal, ProposalStatus, Referral
from bonavi.agents.tests.factories import PASSWORD, make_agency, private_order, refer, register
from bonavi.core.clock import date_ja, day_ja
from bonavi.jobs.tests.factories import make_posting, posting_data
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _accepted_without_order(setup, candidate, posting) -> Proposal:
    """A proposal of a public job the candidate accepted before 推薦 needed an order (data from before ADR 0111)."""
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting.pk)
    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.ACCEPTED, document_choice="要約", document_text="経理3年"
    )
    proposal.refresh_from_db()
    return proposal


def test_referral_of_a_public_posting_without_order_is_refused(setup, candidate, employer, client) -> None:
    posting = make_posting(employer.organization)
    proposal = _accepted_without_order(setup, candidate, posting)
    with pytest.raises(services.AgentError) as exc:
        services.referral_send(user=setup.ca, proposal=proposal)
    assert "求人受理なし：推薦できません" in str(exc.value.errors)

    client.force_login(setup.ca)
    page = client.get(reverse("agents:candidate", args=[candidate.pk])).content.decode()
    card = page[page.index('id="proposals"') :]
    assert services.NO_ORDER_LABEL in card and "推薦する</button>" not in card
    response = client.post(reverse("agents:refer", args=[proposal.pk]))
    assert response.status_code == 422
    assert "求人受理なし：推薦できません" in response.content.decode()
    api = client.post(f"/api/v1/agent/proposals/{proposal.pk}/referral", {}, content_type="application/json")
    assert api.status_code == 422 and "求人受理なし" in api.json()["detail"]
    assert not Referral.objects.exists()
    assert not OutboxMessage.objects.filter(to_email=employer.email).exists()


def test_candidate_is_led_to_direct_application(setup, candidate, employer, client) -> None:
    posting = make_posting(employer.organization)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting.pk)
    with pytest.raises(services.AgentError, match="直接応募"):
        services.proposal_answer(
            user=candidate.user, proposal=proposal, accept=True, document_choice="要約", document_text="x"
        )
    client.force_login(candidate.user)
    page = client.get(reverse("agents:my_proposal", args=[proposal.pk])).content.decode()
    assert reverse("seekers:apply", args=[posting.pk]) in page
    assert "この求人に応募する" not in page
    # The matches still show the job, labelled (page and API).
    client.force_login(setup.ca)
    page = client.get(reverse("agents:candidate", args=[candidate.pk])).content.decode()
    item = page[page.index(f'value="{posting.pk}"') :]
    assert services.NO_ORDER_LABEL in item[: item.index("</li>")]
    matches = client.get(f"/api/v1/agent/candidates/{candidate.pk}/matches").json()
    assert [m["recommendable"] for m in matches if m["posting_id"] == posting.pk] == [False]


def test_with_an_order_the_referral_works_and_the_job_book_lists_it(
    setup, candidate, employer, client, smtp_inbox
) -> None:
    posting = make_posting(employer.organization)
    # The RA records the company's 申込み on the job's page; its 採用担当 is mailed.
    client.force_login(setup.ra)
    response = client.post(
        reverse("agents:public_order", args=[posting.pk]),
        {"contact_person": "人事部 田中", "openings": "2", "self_declaration": "on"},
    )
    assert response.status_code == 302
    order = JobOrder.objects.get(agency=setup.agency, posting=posting)
    assert order.status == JobOrderStatus.ACCEPTED and order.openings == 2
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="申込みを受理").exists()

    referral = refer(setup, candidate, posting.pk)
    assert referral.employer_mailed == 1
    rows = job_book_rows(setup.office)
    listed = [r for r in rows[1:] if r[0] == employer.organization.name]
    assert len(listed) == 1
    assert listed[0][12] == candidate.display_name and "受理（公開求人への申込み）" in listed[0][10]


def test_without_self_declaration_the_public_order_is_refused_and_recorded(setup, employer) -> None:
    posting = make_posting(employer.organization)
    order = services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=False)
    assert order.status == JobOrderStatus.REFUSED and "自己申告" in order.refusal_reasons[0]
    with pytest.raises(PermissionDenied, match="リクルーティングアドバイザー"):
        services.public_job_order_intake(user=setup.ca, posting_id=posting.pk, self_declaration=True)


def test_a_company_without_account_cannot_place_a_public_order(setup) -> None:
    org = Organization.objects.create(name="株式会社ミナトフーズ", address="東京都港区3-3")
    posting = make_posting(org)
    with pytest.raises(services.AgentError, match="採用担当アカウントがない"):
        services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    assert not JobOrder.objects.exists()


def test_two_agencies_can_order_the_same_public_posting(setup, candidate, employer) -> None:
    other = make_agency(slug="yokohama-career", name="株式会社よこはまキャリア")
    posting = make_posting(employer.organization)
    for s in (setup, other):
        services.public_job_order_intake(user=s.ra, posting_id=posting.pk, self_declaration=True)
    assert JobOrder.objects.filter(posting=posting, status=JobOrderStatus.ACCEPTED).count() == 2
    with pytest.raises(services.AgentError, match="すでに受理"):
        services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)

    other_seeker = User.objects.create_user(
        email="yokohama@seeker.example", password=PASSWORD, role=Role.SEEKER, display_name="横浜 次郎"
    )
    theirs = register(other, other_seeker)
    refer(setup, candidate, posting.pk)
    refer(other, theirs, posting.pk)
    # Each agency's 求人管理簿 lists its own order with its own introduction only.
    mine = [r for r in job_book_rows(setup.office)[1:] if r[0] == employer.organization.name]
    their = [r for r in job_book_rows(other.office)[1:] if r[0] == employer.organization.name]
    assert [r[12] for r in mine] == [candidate.display_name]
    assert [r[12] for r in their] == [theirs.display_name]


def test_an_expired_order_is_closed_when_taken_again(setup, employer) -> None:
    posting = make_posting(employer.organization)
    first = services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    JobOrder.objects.filter(pk=first.pk).update(valid_until=dt.date.today() - dt.timedelta(days=1))
    second = services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    first.refresh_from_db()
    assert first.status == JobOrderStatus.CLOSED and second.status == JobOrderStatus.ACCEPTED


def test_no_false_notified_when_the_company_has_no_hiring_staff(setup, candidate, client) -> None:
    org = Organization.objects.create(
        name="株式会社ミナトフーズ", address="東京都港区3-3", phone="03-3333-3333"
    )
    order = private_order(setup, org)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    services.proposal_answer(
        user=candidate.user, proposal=proposal, accept=True, document_choice="要約", document_text="経理3年"
    )
    client.force_login(setup.ca)
    response = client.post(reverse("agents:refer", args=[proposal.pk]), follow=True)
    page = response.content.decode()
    assert Referral.objects.filter(proposal=proposal).exists()
    assert "求人企業に通知しました" not in page
    assert "企業には通知されていません。企業の担当者に直接ご連絡ください。" in page


def test_an_order_for_no_opening_is_refused_not_read_as_one(setup, employer) -> None:
    """Both intakes refuse a 求人数 of 0 (the 求人管理簿 and the yearly report count it), storing nothing."""
    posting = make_posting(employer.organization)
    with pytest.raises(services.AgentError) as exc:
        services.public_job_order_intake(
            user=setup.ra, posting_id=posting.pk, self_declaration=True, openings=0
        )
    assert exc.value.errors == {"openings": ["求人数は1以上で入力してください。"]}
    data = posting_data(title="経理スタッフ（非公開）")
    data.pop("visibility", None)
    with pytest.raises(services.AgentError) as exc:
        services.job_order_intake(
            user=setup.ra, employer=employer.organization, data=data, self_declaration=True, openings=0
        )
    assert exc.value.errors == {"openings": ["求人数は1以上で入力してください。"]}
    assert not JobOrder.objects.exists() and not OutboxMessage.objects.exists()


def test_both_intakes_tell_the_company_the_days_as_the_pages_write_them(setup, employer) -> None:
    """受理日 as a day, 有効期限 as a deadline with its day of the week (core.clock.day_ja / date_ja)."""
    posting = make_posting(employer.organization)
    public = services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    private = private_order(setup, employer.organization)
    for order in (public, private):
        mail = OutboxMessage.objects.get(to_email=employer.email, subject__contains=order.title).body_text
        assert f"（受理日 {day_ja(order.received_on)}、有効期限 {date_ja(order.valid_until)}）" in mail
    assert date_ja(public.valid_until) in services.public_order_problems(agency=setup.agency, posting=posting)


def test_the_job_book_lists_an_introduction_under_the_one_order_it_went_through(
    setup, candidate, employer
) -> None:
    """Two of the agency's orders for the job cover the day of the 推薦 (the first closed in the admin and a new one
    taken before its 有効期間 ended): the 求人管理簿 lists the introduction once, under the latest taken — the order
    the 入社 form reads (selectors.orders_of_referrals), not under both."""
    posting = make_posting(employer.organization)
    services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    first = JobOrder.objects.get(posting=posting)
    JobOrder.objects.filter(pk=first.pk).update(
        received_on=first.received_on - dt.timedelta(days=10), status=JobOrderStatus.CLOSED
    )
    # 2 openings, not the first order's 1: the row's 求人数 says which order lists her.
    second = _order_like(first, office=setup.office, openings=2)
    referral = refer(setup, candidate, posting.pk)
    listed = [r for r in job_book_rows(setup.office)[1:] if r[12] == candidate.display_name]
    assert len(listed) == 1 and listed[0][5] == "2"  # the second order's 求人数
    assert selectors.order_of_referral(referral) == second


def test_only_the_book_of_the_office_whose_order_it_went_through_lists_an_introduction(
    setup, candidate, employer
) -> None:
    """本社 took an order for the job and closed it; 大阪支店 took a new one for the same job, both covering the day
    of the 推薦. The introduction went through 大阪's (the latest taken, as the 入社 form reads it): 大阪's 求人管理簿
    lists it, 本社's lists its order without her — not one introduction in two offices' books."""
    osaka = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    posting = make_posting(employer.organization)
    services.public_job_order_intake(user=setup.ra, posting_id=posting.pk, self_declaration=True)
    first = JobOrder.objects.get(posting=posting)
    JobOrder.objects.filter(pk=first.pk).update(
        received_on=first.received_on - dt.timedelta(days=10), status=JobOrderStatus.CLOSED
    )
    theirs = _order_like(first, office=osaka, openings=2)
    referral = refer(setup, candidate, posting.pk)
    assert selectors.order_of_referral(referral) == theirs

    def names(office: Office) -> list[str]:
        return [r[12] for r in job_book_rows(office)[1:] if r[0] == employer.organization.name]

    assert names(osaka) == [candidate.display_name]
    assert names(setup.office) == [""]  # 本社's order is still in its book, with no introduction


def _order_like(order: JobOrder, *, office: Office, openings: int) -> JobOrder:
    """Another accepted order of `order`'s agency for its job, taken on its day, at `office`."""
    return JobOrder.objects.create(
        agency_id=order.agency_id,
        office=office,
        employer_id=order.employer_id,
        posting_id=order.posting_id,
        status=JobOrderStatus.ACCEPTED,
        received_on=order.received_on,
        valid_until=order.valid_until,
        openings=openings,
    )
