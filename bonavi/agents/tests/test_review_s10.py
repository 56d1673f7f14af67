"""The session-10 UX review of the workbench at 390 px: the adviser's candidate page (contact details, each 推薦's
history, links to the jobs, 推薦する only where it can be done), the seeker's answered proposal, one mail per batch of
proposals, the agency page's complaint form and the 添削 page's dates."""

from __future__ import annotations

import pytest

from bonavi.documents.services import version_create

pytestmark = pytest.mark.django_db


# 6. 添削: the work history's dates as the document prints them ------------------------------------------------


def _shared(client, candidate, data):
    version = version_create(owner=candidate.user, title="職務経歴書", data=data)
    client.force_login(candidate.user)
    client.post(f"/me/agency/{candidate.pk}/", {"version": version.pk, "share": "1"})
    return version


def test_the_review_page_says_a_jobs_period_in_japanese(setup, candidate, client):
    work = [
        {"name": "株式会社みなと商事", "startDate": "2022-04", "summary": "仕訳入力"},
        {"name": "株式会社かもめ", "startDate": "2019-04", "endDate": "2022-03", "summary": "請求書発行"},
    ]
    version = _shared(client, candidate, {"work": work})
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/documents/{version.pk}/").content.decode()
    assert "職歴 1：株式会社みなと商事（2022年4月～現在）" in page
    assert "職歴 2：株式会社かもめ（2019年4月～2022年3月）" in page
    assert "2022-04" not in page


def test_a_wareki_document_is_reviewed_in_wareki(setup, candidate, client):
    data = {
        "work": [{"name": "株式会社みなと商事", "startDate": "2019-05"}],
        "x-bonavi": {"dateStyle": "japanese"},
    }
    version = _shared(client, candidate, data)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/documents/{version.pk}/").content.decode()
    assert "（令和元年5月～現在）" in page


# 5. The agency's public page: the complaint form knows a signed-in seeker; 手数料 said once -------------------


def _profile(user, **fields):
    from bonavi.seekers.models import SeekerProfile

    SeekerProfile.objects.update_or_create(user=user, defaults=fields)


def test_the_complaint_form_is_filled_in_for_a_signed_in_seeker(setup, seeker, client):
    _profile(seeker, family_name="山田", given_name="花子")
    client.force_login(seeker)
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    complaint = page[page.index('id="complaint"') :]
    assert 'value="山田 花子"' in complaint and f'value="{seeker.email}"' in complaint
    client.logout()
    anonymous = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert 'value="山田 花子"' not in anonymous and seeker.email not in anonymous
    # The adviser of another company complains as themselves: nothing of theirs is put in for them.
    client.force_login(setup.ca)
    staff_page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert f'value="{setup.ca.email}"' not in staff_page


def test_the_demo_agency_page_says_once_that_seekers_pay_no_fee(db, client):
    from io import StringIO

    from django.core.management import call_command

    call_command("agents_demo", stdout=StringIO())
    page = client.get("/agent/agencies/bonavi-career/").content.decode()
    fees = page[page.index("<h2>手数料") : page.index("<h2>返戻金制度")]
    assert fees.count("求職者の方から") == 1


# 4. Proposing several jobs at once: one mail, naming each job ------------------------------------------------


def test_two_jobs_proposed_at_once_are_one_mail_naming_both(
    setup, candidate, seeker, employer, other_employer, client, smtp_inbox
):
    from django.test import override_settings

    from bonavi.agents.tests.factories import private_order
    from bonavi.jobs.tests.factories import make_posting
    from bonavi.notifications.models import OutboxMessage
    from bonavi.notifications.outbox import outbox_drain
    from bonavi.notifications.tests.smtp import text_of

    # The 非公開求人 is another company's, so its name cannot be in the mail by way of the public job's.
    private = private_order(setup, other_employer.organization, title="経理スタッフ（非公開）").posting
    public = make_posting(employer.organization, title="経理事務（公開）")
    OutboxMessage.objects.all().delete()
    client.force_login(setup.ca)
    with override_settings(SITE_URL="https://bonavi.example.jp"):
        resp = client.post(
            f"/agent/candidates/{candidate.pk}/propose/", {"posting": [private.pk, public.pk], "comment": ""}
        )
    assert resp.status_code == 302
    assert OutboxMessage.objects.filter(to_email=seeker.email).count() == 1
    outbox_drain()
    mails = [m for m in smtp_inbox.wait_for(1) if str(m["To"]) == seeker.email]
    assert len(mails) == 1
    assert (
        str(mails[0]["Subject"]).strip() == "【BOナビ】株式会社みなとキャリアから求人の提案があります（2件）"
    )
    lines = text_of(mails[0]).replace("\r\n", "\n").splitlines()
    # The 非公開求人's company is not named in a mail; the public one's is, as on its page.
    assert "・経理スタッフ（非公開）（非公開求人）" in lines
    assert f"・経理事務（公開）（{public.employer_display}）" in lines
    assert other_employer.organization.name not in text_of(mails[0])
    assert "https://bonavi.example.jp/me/proposals/" in lines


def test_a_job_already_proposed_is_named_and_the_rest_are_mailed_once(
    setup, candidate, seeker, employer, client
):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import private_order
    from bonavi.notifications.models import OutboxMessage

    first = private_order(setup, employer.organization, title="経理A").posting
    second = private_order(setup, employer.organization, title="経理B").posting
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=first.pk)
    OutboxMessage.objects.all().delete()
    made, refused = services.proposals_create(
        user=setup.ca, candidate=candidate, posting_ids=[first.pk, second.pk]
    )
    assert [p.posting_id for p in made] == [second.pk]
    assert refused == ["この求人はすでにこの方に提案しています。"]
    mail = OutboxMessage.objects.get(to_email=seeker.email)
    assert "・経理B（非公開求人）" in mail.body_text and "経理A" not in mail.body_text
    assert mail.subject == "【BOナビ】株式会社みなとキャリアから求人の提案があります（経理B）"


# 3. The seeker's proposal page: one answer, then what happens next; the hearing summary read before consent ---


@pytest.fixture
def proposal(setup, candidate, employer):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import private_order

    posting_id = private_order(setup, employer.organization).posting_id
    return services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)


def test_the_hearing_summary_is_shown_before_she_consents(proposal, seeker, client):
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    summary = page[page.index('id="hearing-summary"') :]
    summary = summary[: summary.index("</details>")]
    assert "請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。" in summary
    assert "日商簿記2級" in summary
    assert "平日夜に連絡可" not in summary  # the adviser's メモ is not sent, and not shown as if it were


def test_after_her_answer_the_page_says_what_happens_next_and_a_second_answer_is_refused(
    setup, proposal, seeker, client
):
    from bonavi.agents.models import AuditEvent, Proposal, ProposalStatus
    from bonavi.notifications.models import OutboxMessage

    client.force_login(seeker)
    url = f"/me/proposals/{proposal.pk}/"
    resp = client.post(url, {"answer": "accept", "document_choice": "hearing"})
    assert resp.status_code == 302
    page = client.get(url).content.decode()
    assert "この求人に応募する" not in page and "辞退する</button>" not in page
    assert 'id="hearing-summary"' not in page
    assert "回答：応募に同意" in page
    assert "送る書類：ヒアリング内容から作成した職務経歴の要約" in page
    assert "次は、担当者がこの書類を添えて企業へ推薦します。" in page
    mails, trail = OutboxMessage.objects.count(), AuditEvent.objects.count()
    again = client.post(url, {"answer": "decline", "document_choice": ""})
    assert again.status_code == 422
    body = again.content.decode()
    assert "この提案にはすでに回答しています（応募に同意・" in body and "担当者にご連絡ください" in body
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED
    assert OutboxMessage.objects.count() == mails and AuditEvent.objects.count() == trail


def test_a_declined_proposal_says_so_without_buttons(proposal, seeker, client):
    client.force_login(seeker)
    url = f"/me/proposals/{proposal.pk}/"
    client.post(url, {"answer": "decline"})
    page = client.get(url).content.decode()
    assert "回答：辞退" in page and "応募（推薦）されることはありません。" in page
    assert "この求人に応募する" not in page


# 2. The adviser's candidate page: each 推薦's history, links to the jobs, 推薦する only where it can be done ----


def test_the_adviser_reads_each_referrals_history_with_its_notes(
    setup, candidate, referral, employer, client
):
    from bonavi.agents import services
    from bonavi.agents.models import Stage

    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.INTERVIEW1, note="12/3 14:00 1次面接（本社5階）"
    )
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    history = page[page.index('aria-label="選考の経過"') :]
    history = history[: history.index("</ol>")]
    assert "推薦（佐藤CA）" in history
    assert "推薦 → 1次面接（求人企業）<br>12/3 14:00 1次面接（本社5階）" in history


def test_match_and_proposal_cards_link_to_the_job_the_adviser_may_read(setup, candidate, employer, client):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import make_agency, private_order
    from bonavi.jobs.tests.factories import make_posting

    private = private_order(setup, employer.organization, title="経理（非公開）").posting
    public = make_posting(employer.organization, title="経理事務（公開）", subrole=private.subrole)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert f'href="/agent/jobs/{private.pk}/"' in page and f'href="/jobs/{public.pk}/"' in page
    job = client.get(f"/agent/jobs/{private.pk}/").content.decode()
    assert "経理（非公開）" in job and "非公開求人" in job and "労働条件" in job
    # Another agency's staff cannot read this agency's 非公開求人, nor can a seeker.
    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    client.force_login(other.ca)
    assert client.get(f"/agent/jobs/{private.pk}/").status_code == 404
    client.force_login(candidate.user)
    assert client.get(f"/agent/jobs/{private.pk}/").status_code == 403
    # A proposed job closed since stays readable from the proposal's card.
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=public.pk)
    public.status = "closed"
    public.save(update_fields=["status"])
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert f'<h3><a href="/agent/jobs/{public.pk}/">経理事務（公開）</a></h3>' in page
    assert client.get(f"/agent/jobs/{public.pk}/").status_code == 200
    # Only through a candidate they may see: a colleague who is neither her adviser nor the 責任者 cannot read it,
    # and nor can her adviser once she has withdrawn.
    client.force_login(setup.ra)
    assert client.get(f"/agent/jobs/{public.pk}/").status_code == 404
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    client.force_login(setup.ca)
    assert client.get(f"/agent/jobs/{public.pk}/").status_code == 404


def test_refer_is_offered_only_on_an_accepted_proposal(setup, candidate, employer, client):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import private_order

    waiting = services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=private_order(setup, employer.organization).posting_id
    )
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert f'action="/agent/proposals/{waiting.pk}/refer/"' not in page
    assert "ご本人の回答を待っています" in page
    # A 推薦 posted from a stale page is refused on the candidate page itself, in that card.
    resp = client.post(f"/agent/proposals/{waiting.pk}/refer/", {})
    assert resp.status_code == 422
    assert "求職者が応募に同意していない提案は推薦できません（現在：回答待ち）。" in resp.content.decode()
    services.proposal_answer(
        user=candidate.user, proposal=waiting, accept=True, document_choice="要約", document_text="経理3年"
    )
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert f'action="/agent/proposals/{waiting.pk}/refer/"' in page and "送る書類：要約" in page


# 1. The adviser can reach the candidate: her e-mail, and her phone and address where her consent covers them ---


def test_the_assigned_adviser_and_the_responsible_see_the_contact_details_each_view_logged(
    setup, candidate, seeker, client
):
    from bonavi.agents.models import AuditAction, AuditEvent
    from bonavi.agents.tests.factories import make_agency

    _profile(seeker, phone="090-1234-5678", postal_code="105-0011", address="東京都港区芝公園4-2-8")
    for staff in (setup.ca, setup.boss):
        client.force_login(staff)
        before = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.PROFILE_VIEW).count()
        # On request (ADR 0125: 「連絡先を表示」), not on every visit.
        page = client.get(f"/agent/candidates/{candidate.pk}/?contact=show").content.decode()
        contact = page[page.index('id="contact"') :]
        contact = contact[: contact.index("</section>")]
        assert f'<a class="tap" href="mailto:{seeker.email}">{seeker.email}</a>' in contact
        assert '<a href="tel:090-1234-5678">090-1234-5678</a>' in contact
        assert "〒105-0011 東京都港区芝公園4-2-8" in contact
        logged = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.PROFILE_VIEW)
        assert logged.count() == before + 1
        assert "連絡先（メールアドレス・電話番号・住所）を閲覧" in logged.first().detail
    # She reads who looked, on her own page.
    client.force_login(seeker)
    assert (
        "連絡先（メールアドレス・電話番号・住所）を閲覧"
        in client.get("/me/proposals/audit/").content.decode()
    )
    # A refused hearing shows the page again without them (ADR 0125): nothing of hers is shown, nothing logged.
    client.force_login(setup.ca)
    before = AuditEvent.objects.filter(candidate=candidate).count()
    resp = client.post(f"/agent/candidates/{candidate.pk}/", {"pay_floor": "abc"})
    assert resp.status_code == 422 and "090-1234-5678" not in resp.content.decode()
    assert AuditEvent.objects.filter(candidate=candidate).count() == before
    # Another agency's staff never reaches the page at all.
    other = make_agency(slug="other-agency", name="株式会社ほかキャリア")
    client.force_login(other.boss)
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 404


def test_a_colleague_not_assigned_sees_no_contact_details(setup, client):
    from bonavi.accounts.models import Role, User
    from bonavi.agents import services
    from bonavi.agents.models import AuditEvent

    # Any staff of the office may open an application waiting for its hearing; the RA is neither its adviser nor
    # the 職業紹介責任者, so the page opens without her contact details.
    other = User.objects.create_user(email="s2@test.example", password="pw-Long-enough-1", role=Role.SEEKER)
    _profile(other, phone="080-0000-0000")
    waiting = services.candidate_apply(user=other, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ra)
    page = client.get(f"/agent/candidates/{waiting.pk}/?contact=show").content.decode()
    assert "080-0000-0000" not in page and other.email not in page and "連絡先を表示" not in page
    assert "連絡先は、担当のアドバイザーと事業所の職業紹介責任者だけが見られます。" in page
    assert "連絡先" not in AuditEvent.objects.filter(candidate=waiting).first().detail
    # The 職業紹介責任者 sees it, to arrange the hearing.
    client.force_login(setup.boss)
    assert "080-0000-0000" in client.get(f"/agent/candidates/{waiting.pk}/?contact=show").content.decode()


def test_an_earlier_consent_shows_the_email_only(setup, candidate, seeker, client):
    from bonavi.agents.models import CONTACT_PURPOSE, AuditEvent

    _profile(seeker, phone="090-1234-5678", address="東京都港区芝公園4-2-8")
    candidate.consent_purposes = candidate.consent_purposes.replace(CONTACT_PURPOSE + "\n", "")
    candidate.consent_version = "2026-11-25"
    candidate.save(update_fields=["consent_purposes", "consent_version"])
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/?contact=show").content.decode()
    assert seeker.email in page and "090-1234-5678" not in page and "芝公園" not in page
    assert "利用目的（版 2026-11-25）に含まれていないため表示しません" in page
    assert "連絡先（メールアドレス）を閲覧" in AuditEvent.objects.filter(candidate=candidate).first().detail


def test_a_head_request_for_the_candidate_page_logs_no_view(setup, candidate, seeker, client):
    # A HEAD (a link checker, a browser's prefetch) shows nothing to anyone: her trail must not say it did.
    from bonavi.agents.models import AuditEvent

    _profile(seeker, phone="090-1234-5678")
    client.force_login(setup.ca)
    before = AuditEvent.objects.filter(candidate=candidate).count()
    assert client.head(f"/agent/candidates/{candidate.pk}/").status_code == 200
    assert AuditEvent.objects.filter(candidate=candidate).count() == before


def test_two_answers_posted_at_once_store_one_and_mail_once(proposal, seeker):
    # Two requests each loaded the proposal while it still waited for her answer (two tabs, a double click).
    from bonavi.agents import services
    from bonavi.agents.models import Proposal, ProposalStatus
    from bonavi.notifications.models import OutboxMessage

    first, second = Proposal.objects.get(pk=proposal.pk), Proposal.objects.get(pk=proposal.pk)
    mails = OutboxMessage.objects.count()
    services.proposal_answer(user=seeker, proposal=first, accept=True, document_choice="要約")
    with pytest.raises(services.AgentError) as refused:
        services.proposal_answer(user=seeker, proposal=second, accept=False)
    assert "この提案にはすでに回答しています（応募に同意・" in str(refused.value.errors)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED
    assert OutboxMessage.objects.count() == mails + 1


def test_applying_again_records_the_new_consent_and_says_so(setup, candidate, seeker, client):
    from bonavi.agents import services
    from bonavi.agents.models import CONTACT_PURPOSE, AuditAction, AuditEvent, Candidate

    _profile(seeker, phone="090-1234-5678")
    candidate.consent_purposes = candidate.consent_purposes.replace(CONTACT_PURPOSE + "\n", "")
    candidate.consent_version = "2026-11-25"
    candidate.save(update_fields=["consent_purposes", "consent_version"])
    client.force_login(seeker)
    page = client.post(f"/agent/agencies/{setup.agency.slug}/", {"consent": "on"}, follow=True)
    now = services.CONSENT_VERSION  # the text shown today (purpose 5 since 2026-11-26; later ones keep it)
    assert f"利用目的への同意を、いま表示した内容（版 {now}）に更新しました。" in page.content.decode()
    stored = Candidate.objects.get(pk=candidate.pk)
    assert stored.consent_version == now and stored.consented_to_contact_details
    logged = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.REGISTERED).first()
    assert logged.detail == f"利用目的への同意を更新（版 2026-11-25 → 版 {now}）"
    client.force_login(setup.ca)
    assert "090-1234-5678" in client.get(f"/agent/candidates/{candidate.pk}/?contact=show").content.decode()


def test_the_two_year_lock_is_said_once_for_three_jobs_ticked(setup, candidate, employer, client):
    from bonavi.agents.tests.factories import place, private_order
    from bonavi.core.clock import today_jst
    from bonavi.jobs.tests.factories import make_posting

    place(setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=today_jst())
    jobs = [make_posting(employer.organization, title=f"経理{i}").pk for i in range(3)]
    client.force_login(setup.ca)
    resp = client.post(f"/agent/candidates/{candidate.pk}/propose/", {"posting": jobs, "comment": ""})
    assert resp.status_code == 422
    assert resp.content.decode().count("2年を経過していないため") == 1


def test_the_same_reason_for_two_jobs_is_said_once(setup, candidate, employer):
    from bonavi.agents import services
    from bonavi.jobs.tests.factories import make_posting

    jobs = [make_posting(employer.organization, title=f"経理{i}").pk for i in range(2)]
    services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=jobs)
    made, refused = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=jobs)
    assert made == [] and refused == ["この求人はすでにこの方に提案しています。"]


def test_the_job_page_says_own_order_and_closed_as_they_are(setup, candidate, employer, client):
    from bonavi.agents import services
    from bonavi.agents.tests.factories import private_order
    from bonavi.jobs.tests.factories import make_posting

    OWN = "自社で受理した非公開求人です。"
    # The company made its own posting private after it was proposed: no order of this agency's.
    theirs = make_posting(employer.organization, title="経理事務（企業が非公開に）")
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=theirs.pk)
    theirs.visibility = "private"
    theirs.save(update_fields=["visibility"])
    client.force_login(setup.ca)
    page = client.get(f"/agent/jobs/{theirs.pk}/").content.decode()
    assert "非公開求人" in page and OWN not in page
    # The agency's own 非公開求人, proposed and closed since: said to be its own, and 掲載終了.
    own = private_order(setup, employer.organization, title="経理（自社受理）").posting
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=own.pk)
    page = client.get(f"/agent/jobs/{own.pk}/").content.decode()
    assert OWN in page and "掲載終了" not in page
    own.status = "closed"
    own.save(update_fields=["status"])
    page = client.get(f"/agent/jobs/{own.pk}/").content.decode()
    assert OWN in page and '<span class="tag">掲載終了</span>' in page


def test_a_withdrawn_proposal_is_no_answer_of_hers(proposal, candidate, seeker, client):
    # Her consent withdrawn ends the proposal (the only way one is withdrawn); she applies again and reads it: it
    # was not her answer, and there is no answer to change.
    from bonavi.agents import services

    services.candidate_withdraw(user=seeker, candidate=candidate)
    services.candidate_apply(user=seeker, agency_slug=candidate.agency.slug, consent=True)
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    assert "<h2>この提案は取り下げられました</h2>" in page and "応募（推薦）されることはありません。" in page
    assert "回答：" not in page and "回答を変えたいときは" not in page
    assert "この求人に応募する" not in page
