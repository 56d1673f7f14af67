"""Agent workbench rules: consent before 推薦, 非公開求人 isolation, hearing allowlist, 2-year lock, disclosures."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from bonavi.accounts.models import Role, User
from bonavi.agents import books, services
from bonavi.agents.models import (
    AuditAction,
    AuditEvent,
    ExitReason,
    ExportLog,
    JobOrderStatus,
    Placement,
    ProposalStatus,
    Referral,
    Stage,
)
from bonavi.agents.tests.factories import (
    HEARING,
    backdate,
    make_agency,
    offer_form,
    place,
    private_order,
    register,
)
from bonavi.agents.tests.html import error_beside, focused
from bonavi.core.clock import today_jst
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(setup, employer):
    return private_order(setup, employer.organization)


def _answer(candidate, proposal, accept=True):
    return services.proposal_answer(
        user=candidate.user,
        proposal=proposal,
        accept=accept,
        document_choice="職務経歴書（2026-11 版）",
        document_text="経理3年",
    )


def test_unanswered_and_declined_proposals_cannot_be_referred_by_service_api_or_page(
    setup, candidate, order, client
):
    unanswered = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    declined_posting = make_posting(order.employer, title="経理（公開）")
    declined = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=declined_posting.pk)
    _answer(candidate, declined, accept=False)
    for proposal in (unanswered, declined):
        with pytest.raises(services.AgentError, match="同意していない提案は推薦できません"):
            services.referral_send(user=setup.ca, proposal=proposal)
    client.force_login(setup.ca)
    for proposal in (unanswered, declined):
        resp = client.post(
            f"/api/v1/agent/proposals/{proposal.pk}/referral", {}, content_type="application/json"
        )
        assert resp.status_code == 422 and "同意していない" in resp.json()["detail"]
        page = client.post(f"/agent/proposals/{proposal.pk}/refer/", follow=True)
        assert "同意していない提案は推薦できません" in page.content.decode()
    assert not Referral.objects.exists()
    # accepted → allowed, with the chosen document
    _answer(candidate, unanswered, accept=True)
    resp = client.post(
        f"/api/v1/agent/proposals/{unanswered.pk}/referral", {}, content_type="application/json"
    )
    assert resp.status_code == 201
    assert Referral.objects.get().document_choice == "職務経歴書（2026-11 版）"


def test_private_posting_reaches_nobody_else(setup, candidate, order, client, other_employer):
    posting = order.posting
    assert order.status == JobOrderStatus.ACCEPTED and posting.visibility == "private"
    other_seeker = User.objects.create_user(
        email="other@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    rival = make_agency(slug="rival", name="株式会社ライバル")
    rival_candidate = register(rival, other_seeker)
    public_twin = make_posting(order.employer, title="経理スタッフ（公開・月次決算）")
    viewers = [None, other_seeker, other_employer, rival.ca, candidate.user]
    for viewer in viewers:
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        assert client.get(f"/jobs/{posting.pk}/").status_code == 404
        assert client.get(f"/api/v1/jobs/{posting.pk}").status_code == 404
        listing = client.get("/api/v1/jobs?page_size=100").json()
        assert posting.pk not in [r["id"] for r in listing["results"]]
        found = [
            r["id"]
            for r in client.get("/api/v1/jobs/search", {"q": "経理スタッフ 月次決算"}).json()["results"]
        ]
        assert public_twin.pk in found and posting.pk not in found
        assert posting.title not in client.get("/jobs/").content.decode()
    client.logout()
    sitemap = client.get("/sitemap-jobs.xml").content.decode()
    assert f"/jobs/{public_twin.pk}/" in sitemap and f"/jobs/{posting.pk}/" not in sitemap
    # the agency's public page (fees, 返戻金, disclosure) is listed; nothing else of the agency is
    agencies = client.get("/sitemap-agencies.xml").content.decode()
    locs = [line.split("</loc>")[0] for line in agencies.split("<loc>")[1:]]
    assert len(locs) == 2 and all(
        loc.split("/agent/agencies/")[1].count("/") == 1 for loc in locs
    )  # 2 agencies
    assert f"/agent/agencies/{setup.agency.slug}/</loc>" in agencies
    assert "/careers/</loc>" in client.get("/sitemap-pages.xml").content.decode()
    # rival agency cannot propose or match it
    with pytest.raises(services.AgentError, match="提案できる求人が見つかりません"):
        services.proposal_create(user=rival.ca, candidate=rival_candidate, posting_id=posting.pk)
    client.force_login(rival.ca)
    matches = client.get(f"/api/v1/agent/candidates/{rival_candidate.pk}/matches").json()
    assert posting.pk not in [m["posting_id"] for m in matches]
    # own staff sees it among the matches, and the candidate it was proposed to sees it in their space
    client.force_login(setup.ca)
    assert posting.pk in [
        m["posting_id"] for m in client.get(f"/api/v1/agent/candidates/{candidate.pk}/matches").json()
    ]
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting.pk)
    client.force_login(candidate.user)
    assert posting.title in client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    client.force_login(other_seeker)
    assert client.get(f"/me/proposals/{proposal.pk}/").status_code == 404
    # no e-mail (queued in the outbox or sent) to anyone else mentions it
    from bonavi.notifications.models import OutboxMessage

    _answer(candidate, proposal)
    services.referral_send(user=setup.ca, proposal=proposal)
    allowed = {candidate.user.email, *order.employer.members.values_list("email", flat=True), setup.ca.email}
    mentions = [m for m in OutboxMessage.objects.all() if posting.title[:20] in m.subject + m.body_text]
    assert mentions and {m.to_email for m in mentions} <= allowed
    assert all(posting.title not in m.body for m in mail.outbox if m.to[0] not in allowed)


def test_unassigned_adviser_cannot_open_a_candidate(setup, candidate, client):
    other_ca = User.objects.create_user(email="ca2@x.example", password="pw-Long-enough-1", role=Role.AGENT)
    from bonavi.agents.models import Staff

    Staff.objects.create(user=other_ca, agency=setup.agency, office=setup.office)
    client.force_login(other_ca)
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 404
    client.force_login(setup.boss)  # the 職業紹介責任者 may
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 200
    assert AuditEvent.objects.filter(candidate=candidate, action=AuditAction.PROFILE_VIEW).exists()


def test_forbidden_hearing_field_is_refused_in_japanese(setup, seeker, client):
    candidate = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ca)
    resp = client.put(
        f"/api/v1/agent/candidates/{candidate.pk}/hearing",
        {**HEARING, "honseki": "大阪府"},
        content_type="application/json",
    )
    assert resp.status_code == 422
    assert "「本籍」はヒアリングシートに記録できない項目です" in resp.json()["detail"]
    resp = client.put(
        f"/api/v1/agent/candidates/{candidate.pk}/hearing",
        {**HEARING, "notes": "本籍は大阪。既婚で子供あり。"},
        content_type="application/json",
    )
    assert resp.status_code == 422 and "notes" in resp.json()["errors"]
    page = client.post(f"/agent/candidates/{candidate.pk}/", {**HEARING, "notes": "支持政党を聞いた"})
    assert "記録できません" in page.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == "applied" and not hasattr(candidate, "hearing")


def test_job_intake_refusal_is_recorded_with_reasons(setup, employer):
    order = private_order(setup, employer.organization, duties_change_scope="", smoking_measure="")
    assert order.status == JobOrderStatus.REFUSED and order.posting is None
    text = " ".join(order.refusal_reasons)
    assert "業務の変更の範囲" in text and "受動喫煙" in text


def test_the_employer_hears_of_an_order_taken_in_its_name(setup, employer):
    """An agency may name any registered employer as the 求人者: that company's 採用担当 are told, once."""
    from bonavi.notifications.models import OutboxMessage

    private_order(setup, employer.organization, smoking_measure="")  # refused: nothing is published, no mail
    assert not OutboxMessage.objects.filter(to_email=employer.email).exists()
    order = private_order(setup, employer.organization)
    assert order.status == JobOrderStatus.ACCEPTED
    [notice] = OutboxMessage.objects.filter(to_email=employer.email)
    assert setup.agency.license_number in notice.body_text and order.posting.title in notice.body_text
    assert "紹介会社が貴社の求人を受理しました" in notice.subject


def test_condition_change_must_be_acknowledged_before_referral(setup, candidate, order):
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    posting = order.posting
    posting.wage_min = 210_000
    posting.save()
    with pytest.raises(services.AgentError, match="労働条件が変わっています"):
        _answer(candidate, proposal)
    assert services.proposal_changes(proposal)[0]["label"] == "賃金"
    services.proposal_acknowledge(user=candidate.user, proposal=proposal)
    _answer(candidate, proposal)
    posting.overtime_monthly_hours = 30
    posting.save()
    with pytest.raises(services.AgentError, match="変更点を確認するまで推薦できません"):
        services.referral_send(user=setup.ca, proposal=proposal)


def test_a_refused_answer_to_a_proposal_keeps_the_document_chosen(setup, candidate, order, client):
    """A refused 応募/辞退 was lost to a redirect (the document choice reset, the reason at the top of the page)."""
    from bonavi.agents.models import ProposalStatus
    from bonavi.documents.services import version_create

    version = version_create(owner=candidate.user, title="職務経歴書（経理）", data=None)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    order.posting.wage_min = 210_000
    order.posting.save()
    client.force_login(candidate.user)
    url = f"/me/proposals/{proposal.pk}/"
    resp = client.post(url, {"answer": "accept", "document_choice": f"v{version.pk}"})
    page = resp.content.decode()
    form = page.split('id="answer"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and page.count("提案後に労働条件が変わっています") == 1
    assert (
        '<div role="alert"><ul class="errorlist" id="answer-errors" tabindex="-1" autofocus><li>提案後に労働条件が変わっています'
        in form
    )
    assert re.search(rf'<input type="radio" name="document_choice" value="v{version.pk}"[^>]* checked>', form)
    # a document that is not theirs (a stale page): said beside the select, which is focused
    resp = client.post(url, {"answer": "accept", "document_choice": "v999999"})
    form = resp.content.decode().split('id="answer"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and "送付する書類を選んでください。" in form
    # the buttons' group is focused and points at the reason (the boxes of a group carry no aria-describedby)
    group = re.search(r'<fieldset tabindex="-1" autofocus aria-describedby="([^"]*)"', form)
    assert focused(form, "document_choice") and group and "answer_document_choice_error" in group.group(1)
    assert (
        "送付する書類を選んでください"
        in form.split('id="answer_document_choice_error"', 1)[1].split("</ul>", 1)[0]
    )
    resp = client.post(url, {"document_choice": f"v{version.pk}"})  # neither button (a script)
    assert resp.status_code == 422 and "「この求人に応募する」か「辞退する」" in resp.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    # already referred meanwhile: the answer form is gone, the reason is said above the selection's state
    services.proposal_acknowledge(user=candidate.user, proposal=proposal)
    _answer(candidate, proposal)
    services.referral_send(user=setup.ca, proposal=proposal)
    resp = client.post(url, {"answer": "decline"})
    page = resp.content.decode()
    assert resp.status_code == 422 and 'id="answer-errors" tabindex="-1" autofocus><li>すでに推薦済み' in page


def _placed(setup, candidate, order, *, joined_on):
    return place(setup, candidate, order.posting_id, joined_on=joined_on)


def test_four_month_leaver_counts_in_disclosure_but_dismissal_does_not(setup, candidate, order, employer):
    placement = _placed(setup, candidate, order, joined_on=dt.date(2025, 5, 1))
    assert placement.open_ended and placement.follow_up.due_on == dt.date(2025, 11, 1)
    services.placement_exit(
        user=setup.ca,
        placement=placement,
        exit_on=dt.date(2025, 9, 1),
        reason=ExitReason.RESIGNATION,
        refund=600_000,
    )
    d = books.disclosure_figures(agency=setup.agency, fiscal_year=2025)
    assert (d.placements, d.open_ended, d.left_within_6m) == (1, 1, 1)
    assert d.fee_rates_exempt
    Placement.objects.filter(pk=placement.pk).update(exit_reason=ExitReason.DISMISSAL)
    assert books.disclosure_figures(agency=setup.agency, fiscal_year=2025).left_within_6m == 0
    rows = books.fee_book_rows(setup.office)
    assert rows[-1][1] == "返戻金" and rows[-1][2] == "-600000"


def test_two_year_lock_blocks_agency_proposals_after_open_ended_placement(setup, candidate, order, employer):
    _placed(setup, candidate, order, joined_on=dt.date.today() - dt.timedelta(days=100))
    another = make_posting(employer.organization, title="経理（別の求人）")
    with pytest.raises(services.AgentError, match="2年を経過していない"):
        services.proposal_create(user=setup.ca, candidate=candidate, posting_id=another.pk)
    # a candidate-initiated request is still served, on her recorded 申出 (ADR 0113)
    services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=another.pk,
        initiated_by="candidate",
        request=services.JobRequest(on=today_jst(), channel="phone", note="経理の求人を紹介してほしい"),
    )


def test_employer_moves_stage_and_candidate_is_mailed_and_audited(setup, candidate, order, employer, client):
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    _answer(candidate, proposal)
    referral = services.referral_send(user=setup.ca, proposal=proposal)
    mail.outbox.clear()
    client.force_login(employer)
    assert client.get("/agent/employer/referrals/").status_code == 200
    assert "経理3年" in client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    resp = client.post(
        f"/agent/employer/referrals/{referral.pk}/", {"to_stage": Stage.INTERVIEW1, "note": "来週面接"}
    )
    assert resp.status_code == 302
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1
    actions = list(AuditEvent.objects.filter(candidate=candidate).values_list("action", flat=True))
    for action in (
        AuditAction.PROPOSAL_CREATED,
        AuditAction.PROPOSAL_ANSWER,
        AuditAction.DOCUMENT_SENT,
        AuditAction.DOCUMENT_VIEW,
        AuditAction.STAGE_CHANGE,
    ):
        assert action in actions
    from bonavi.notifications.models import OutboxMessage

    assert OutboxMessage.objects.filter(to_email=candidate.user.email, subject__contains="1次面接").exists()
    # the employer cannot record the candidate's own answers
    resp = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": "declined"},
        content_type="application/json",
    )
    assert resp.status_code == 422


def test_books_export_is_logged_and_shown_to_candidates(setup, candidate, client):
    client.force_login(setup.ca)
    assert client.get(f"/agent/books/{setup.office.pk}/seeker.csv").status_code == 403
    client.force_login(setup.boss)
    resp = client.get(f"/agent/books/{setup.office.pk}/seeker.csv")
    assert resp.status_code == 200 and candidate.display_name in resp.content.decode("utf-8-sig")
    assert ExportLog.objects.filter(kind="seeker", actor=setup.boss).exists()
    client.force_login(candidate.user)
    assert "求職管理簿" in client.get("/me/proposals/audit/").content.decode()


def test_incentive_wording_is_refused_in_proposals(setup, candidate, order):
    with pytest.raises(services.AgentError, match="禁止されています"):
        services.proposal_create(
            user=setup.ca,
            candidate=candidate,
            posting_id=order.posting_id,
            comment="入社祝い金3万円を差し上げます",
        )
    assert not candidate.proposals.filter(status=ProposalStatus.PROPOSED).exists()


def test_unanswered_follow_up_becomes_unknown_and_old_records_are_anonymised(setup, candidate, order):
    placement = _placed(setup, candidate, order, joined_on=dt.date(2024, 5, 1))
    assert services.follow_ups_expire(today=dt.date(2025, 1, 15)) == 1
    d = books.disclosure_figures(agency=setup.agency, fiscal_year=2024)
    assert (d.open_ended, d.left_within_6m, d.unknown) == (1, 0, 1)
    report = books.yearly_report(agency=setup.agency, fiscal_year=2024)
    assert report["無期雇用就職件数"] == 1 and report["手数料（紹介手数料）"] == 1_200_000
    # fee still uncollected → kept; collected → anonymised once two years past the registration's end
    far = candidate.valid_until + dt.timedelta(days=2 * 366 + 1)
    assert books.books_anonymise(today=far) == 0
    Placement.objects.filter(pk=placement.pk).update(fee_collected_on=dt.date(2024, 6, 30))
    assert books.books_anonymise(today=far) == 1
    candidate.refresh_from_db()
    assert candidate.display_name == books.ANONYMISED and not hasattr(candidate, "hearing")


def test_intake_page_records_a_refusal_and_accepts_a_complete_order(setup, employer, client):
    from bonavi.agents.models import JobOrder
    from bonavi.jobs.tests.factories import posting_data

    client.force_login(setup.ra)
    data = {k: v for k, v in posting_data().items() if v is not None and k != "visibility"}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data.update(employer=employer.organization.pk, start_time="09:00", end_time="18:00", openings="1")
    tampered = client.post("/agent/orders/new/", {**data, "employer": "abc", "self_declaration": "on"})
    assert tampered.status_code == 422 and "求人者（採用企業）を選んでください" in tampered.content.decode()
    page = client.post("/agent/orders/new/", data)  # no 自己申告
    assert (
        page.status_code == 422
        and "自己申告" in page.content.decode()
        and "受理できませんでした" in page.content.decode()
    )
    assert JobOrder.objects.get().status == JobOrderStatus.REFUSED
    resp = client.post("/agent/orders/new/", {**data, "self_declaration": "on"})
    assert resp.status_code == 302
    accepted = JobOrder.objects.get(status=JobOrderStatus.ACCEPTED)
    assert accepted.posting.visibility == "private" and accepted.posting.organization == employer.organization


def test_candidates_for_a_job_and_records_page(setup, candidate, order, client, employer):
    from bonavi.agents.models import Complaint

    client.force_login(setup.ca)
    ranked = client.get(f"/api/v1/agent/postings/{order.posting_id}/candidates").json()
    assert ranked[0]["candidate_id"] == candidate.pk and ranked[0]["met"]
    placement = _placed(setup, candidate, order, joined_on=dt.date.today())
    services.complaint_file(
        user=None,
        agency_slug=setup.agency.slug,
        from_name="匿名希望",
        contact="a@b.example",
        body="連絡が遅い",
        wants_in_person=True,
    )
    assert Complaint.objects.get().routed_to.user == setup.boss
    assert client.get("/agent/records/").status_code == 403
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    assert placement.occupation_code in page and "連絡が遅い" in page and "面談希望" in page
    complaint = Complaint.objects.get()
    resp = client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": " "})
    assert resp.status_code == 422 and "対応の内容を入力してください。" in resp.content.decode()
    # a refused 対応結果 comes back in this complaint's form, as typed, the reason beside it (it was lost to a
    # redirect with the reason at the top of the page)
    typed = "面談で謝罪し、<b>担当変更</b>を提案"
    resp = client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": typed})
    page = resp.content.decode()
    form = page.split(f'action="/agent/complaints/{complaint.pk}/resolve/"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and page.count("HTMLタグやスクリプトは入力できません") == 1
    assert "HTMLタグやスクリプトは入力できません" in error_beside(form, "resolution")
    assert (
        focused(form, "resolution")
        and ">\n面談で謝罪し、&lt;b&gt;担当変更&lt;/b&gt;を提案</textarea>" in form
    )
    complaint.refresh_from_db()
    assert complaint.resolved_at is None and complaint.resolution == ""
    # asked in person: the 面談日 first (ADR 0113)
    client.post(f"/agent/complaints/{complaint.pk}/progress/", {"interview_on": today_jst().isoformat()})
    client.post(
        f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": "責任者が面談し、連絡頻度を週2回に改善"}
    )
    complaint.refresh_from_db()
    assert complaint.resolved_at is not None and "週2回" in complaint.resolution
    client.force_login(setup.ca)
    assert client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": "x"}).status_code == 403


def test_interview_preparation_reaches_the_candidate(setup, candidate, order, client):
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    _answer(candidate, proposal)
    client.force_login(setup.ca)
    client.post(
        f"/agent/proposals/{proposal.pk}/refer/",
        {"recommendation": "月次決算の経験が豊富です", "interview_prep": "決算早期化の工夫を話せるように"},
    )
    client.force_login(candidate.user)
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    # The 推薦文 too: it went to the company in her name, so she reads it (ADR 0109).
    assert "決算早期化の工夫を話せるように" in page and "月次決算の経験が豊富です" in page


def test_adviser_records_offer_acceptance_placement_exit_through_pages(setup, candidate, order, client):
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    _answer(candidate, proposal)
    referral = services.referral_send(user=setup.ca, proposal=proposal)
    client.force_login(setup.ca)
    url = f"/agent/referrals/{referral.pk}/"
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        terms = offer_form(referral) if stage == Stage.OFFER else {}
        client.post(url, {"action": "move", "to_stage": stage, **terms})
    backdate(referral, dt.date(2026, 4, 1))
    page = client.post(
        url,
        {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "4200000", "fee": "abc"},
        follow=True,
    )
    assert (
        "手数料は円単位の数字で入力してください" in page.content.decode() and not Placement.objects.exists()
    )
    client.post(
        url,
        {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "4200000", "fee": "1260000"},
    )
    placement = Placement.objects.get()
    assert placement.follow_up.due_on == dt.date(2026, 10, 1)
    client.post(
        url, {"action": "exit", "exit_on": "2026-08-01", "reason": ExitReason.OTHER, "refund": "630000"}
    )
    placement.refresh_from_db()
    assert placement.refund == 630_000 and placement.follow_up.outcome == "left"
    assert books.disclosure_figures(agency=setup.agency, fiscal_year=2026).left_within_6m == 1


def test_private_posting_never_reaches_a_saved_search_digest(setup, order, employer):
    """Another seeker's saved search that matches the 非公開求人's words mails the public twin only."""
    from django.utils import timezone

    from bonavi.notifications.digests import digests_prepare
    from bonavi.notifications.models import OutboxMessage, SavedSearch
    from bonavi.notifications.outbox import render_message
    from bonavi.notifications.services import saved_search_create

    reader = User.objects.create_user(
        email="reader@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    saved_search_create(user=reader, query="q=経理スタッフ")
    past = timezone.now() - dt.timedelta(days=2)
    SavedSearch.objects.update(covered_until=past, next_due_at=past, created_at=past)
    twin = make_posting(employer.organization, title="経理スタッフ（公開・月次決算）")
    from bonavi.jobs.models import JobPosting

    JobPosting.objects.filter(pk__in=[twin.pk, order.posting_id]).update(
        date_posted=timezone.now() - dt.timedelta(days=1)
    )
    digests_prepare(now=timezone.now())
    bodies = [render_message(m).body for m in OutboxMessage.objects.filter(to_email=reader.email)]
    assert bodies and any(twin.title in b for b in bodies)
    assert all(order.posting.title not in b for b in bodies)


@pytest.mark.parametrize(
    "bad",
    [
        {"pay_floor": "abc"},
        {"available_from": "2026-13-40"},
        {"desired_prefectures": "13"},
        {"employment_types": ["boss"]},
        {"notes": 123},
        {"skills": "<script>x</script>"},
        {"telework": "moon"},
    ],
)
def test_bad_hearing_input_is_a_japanese_422_not_a_500(setup, seeker, client, bad):
    candidate = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ca)
    resp = client.put(
        f"/api/v1/agent/candidates/{candidate.pk}/hearing",
        {**HEARING, **bad},
        content_type="application/json",
    )
    assert resp.status_code == 422, resp.content
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in resp.json()["detail"])


@pytest.mark.parametrize(
    "note, refused",
    [
        ("固定資産台帳の管理と減価償却を担当", False),
        ("年末調整（配偶者控除）と住宅手当の計算を担当", False),
        ("労働組合との団体交渉の資料作成", False),
        ("宗教法人の経理を3年", False),
        ("持ち家で通勤は30分", True),
        ("配偶者の転勤で退職", True),
        ("30代、女性です", True),
    ],
)
def test_hearing_notes_refuse_the_person_not_the_duties(note: str, refused: bool) -> None:
    from bonavi.agents.rules import note_problems

    assert bool(note_problems(note)) is refused


def test_match_explanations_credit_jobtag_wherever_they_are_shown(setup, candidate, order, client):
    """The matches, a job's candidates and a proposal's 「この求人が合う理由」 are built from jobtag occupation data;
    its terms (Art. 9) want the credit beside them. None of these pages or answers carried it."""
    credit = "出典：独立行政法人労働政策研究・研修機構（JILPT）作成『職業情報データベース 簡易版数値系ダウンロードデータ "
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert "マッチ度" in page and credit in page and "2026年5月4日にダウンロード" in page
    matches = client.get(f"/api/v1/agent/candidates/{candidate.pk}/matches").json()
    assert matches and all(m["attribution"].startswith(credit) for m in matches)
    ranked = client.get(f"/api/v1/agent/postings/{order.posting_id}/candidates").json()
    assert ranked and all(r["attribution"].startswith(credit) for r in ranked)
    client.post(f"/agent/candidates/{candidate.pk}/propose/", {"posting": [order.posting_id], "comment": ""})
    proposal = candidate.proposals.get(posting_id=order.posting_id)
    assert proposal.match
    client.force_login(candidate.user)
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    assert "この求人が合う理由" in page and credit in page


def test_the_records_page_shows_the_published_year_and_this_year_so_far(setup, candidate, order, client):
    """The 責任者 sees the figures the public page publishes (the last finished 年度) and, apart, the current year
    counting; a placement inside its first six months makes the 6か月以内離職 figure provisional, and both say so."""
    today = today_jst()  # the pages' day, not the machine's
    fiscal = books.fiscal_year_of(today)
    assert books.published_fiscal_year(today) == fiscal - 1
    assert (
        books.fiscal_year_of(dt.date(2027, 3, 31)) == 2026
        and books.fiscal_year_of(dt.date(2027, 4, 1)) == 2027
    )
    _placed(setup, candidate, order, joined_on=today - dt.timedelta(days=30))
    current = books.disclosure_figures(agency=setup.agency, fiscal_year=fiscal, as_of=today)
    assert (current.placements, current.within_6m_pending) == (1, 1)
    later = books.disclosure_figures(
        agency=setup.agency, fiscal_year=fiscal, as_of=today + dt.timedelta(days=200)
    )
    assert later.within_6m_pending == 0  # six months passed without a recorded exit
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    assert f"公開すべき実績（{fiscal - 1}年度）" in page and f"今年度の途中経過（{fiscal}年度）" in page
    assert "1人は入社から6か月を経過していないため" in page.split("今年度の途中経過")[1]
    public = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert f"紹介実績（{fiscal - 1}年度）" in public and "時点の集計です" in public
    assert "6か月を経過していない" not in public  # last year's placement-free figures are settled
    api = client.get(f"/api/v1/agent/disclosure?fiscal_year={fiscal}").json()
    assert api["within_6_months_pending"] == 1 and api["as_of"] == today.isoformat()
