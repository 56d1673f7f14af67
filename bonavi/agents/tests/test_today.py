"""The workbench home /agent/ (ADR 0110): 「今日やること」 from the definitions the daily duties use, the candidate
list's search, filter and pages, and the job orders' 有効期間."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import (
    Candidate,
    CandidateStatus,
    Complaint,
    FollowUp,
    JobOrder,
    Proposal,
    ProposalStatus,
    Referral,
    ReferralInterview,
    Stage,
)
from bonavi.agents.snapshot import conditions_snapshot
from bonavi.agents.tests.factories import (
    AgencySetup,
    offer_as_posted,
    place,
    private_order,
    refer,
    take_order,
)
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.services import profile_get_or_create

pytestmark = pytest.mark.django_db

_seq = itertools.count()
DAY = dt.timedelta(days=1)


def _candidate(setup: AgencySetup, *, family: str = "増田", kana: str = "ますだ", adviser=None) -> Candidate:
    n = next(_seq)
    user = User.objects.create(email=f"today{n}@test.example", role=Role.SEEKER)
    profile = profile_get_or_create(user=user)
    profile.family_name, profile.given_name = family, f"花子{n}"
    profile.family_name_kana, profile.given_name_kana = kana, "はなこ"
    profile.save()
    today = timezone.localdate()
    candidate = Candidate.objects.create(
        agency=setup.agency,
        office=setup.office,
        user=user,
        status=CandidateStatus.ACTIVE,
        display_name=f"{family} {n}",
        consent_purposes="職業紹介のため",
        consent_version="test",
        consented_at=timezone.now(),
        applied_on=today,
        valid_until=today + dt.timedelta(days=90),
        registered_at=timezone.now(),
    )
    candidate.advisers.add((adviser or setup.ca).agency_staff)
    return candidate


def _proposal(candidate: Candidate, posting: JobPosting, setup: AgencySetup, **over) -> Proposal:
    return Proposal.objects.create(
        candidate=candidate,
        posting=posting,
        adviser=setup.ca.agency_staff,
        snapshot=conditions_snapshot(posting),
        snapshot_at=timezone.now(),
        **over,
    )


def _one_of_each(setup: AgencySetup, employer) -> dict[str, object]:
    """A candidate of the CA with one item of every kind due, and what each row should link to."""
    now = timezone.now()
    c = _candidate(setup)
    org = employer.organization
    ordered = make_posting(org)
    take_order(setup, ordered.pk)  # 推薦する: only under an order in force (the others are listed apart)
    to_refer = _proposal(
        c, ordered, setup, status=ProposalStatus.ACCEPTED, responded_at=now, document_choice="要約"
    )
    unanswered = _proposal(c, make_posting(org), setup)
    Proposal.objects.filter(pk=unanswered.pk).update(created_at=now - 8 * DAY)
    fresh = _proposal(c, make_posting(org), setup)  # proposed today: not due
    stalled = refer(setup, c, make_posting(org).pk)
    Referral.objects.filter(pk=stalled.pk).update(updated_at=now - 8 * DAY)
    moving = refer(setup, c, make_posting(org).pk)  # moved just now: not stalled
    interviewed = refer(setup, c, make_posting(org).pk)
    services.referral_move(user=setup.ca, referral=interviewed, to_stage=Stage.INTERVIEW1)
    ReferralInterview.objects.create(
        referral=interviewed, stage=Stage.INTERVIEW1, starts_at=now + 3 * DAY, format="online"
    )
    far = refer(setup, c, make_posting(org).pk)
    services.referral_move(user=setup.ca, referral=far, to_stage=Stage.INTERVIEW1)
    ReferralInterview.objects.create(  # a fortnight away: not yet
        referral=far, stage=Stage.INTERVIEW1, starts_at=now + 14 * DAY, format="online"
    )
    accepted = refer(setup, c, make_posting(org).pk)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(accepted) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=accepted, to_stage=stage, offer=offer)
    placed = place(setup, c, make_posting(org).pk, joined_on=timezone.localdate() - dt.timedelta(days=200))
    FollowUp.objects.filter(placement=placed).update(due_on=timezone.localdate() - 3 * DAY)
    return {
        "candidate": c,
        "refer": to_refer.pk,
        "unanswered": unanswered.pk,
        "fresh": fresh.pk,
        "stalled": stalled.proposal_id,
        "moving": moving.proposal_id,
        "interviews": interviewed.proposal_id,
        "interview_card": interviewed.pk,
        "far": far.proposal_id,
        "joining": accepted.proposal_id,
        "followups": placed.referral.proposal_id,
    }


def _section(html: str, key: str) -> str:
    start = html.index(f'id="today-{key}"')
    return html[start : html.index("</section>", start)]


def test_today_lists_each_kind_with_a_link_to_where_it_is_done(client, setup, employer):
    made = _one_of_each(setup, employer)
    c = made["candidate"]
    client.force_login(setup.ca)

    html = client.get("/agent/").content.decode()

    assert (
        html.index('id="today"') < html.index("担当の求職者")
        and "{#" not in html
        and "comment %}" not in html
    )
    for key in ("refer", "unanswered", "stalled", "interviews", "followups", "joining"):
        section = _section(html, key)
        assert "（1件）" in section, key
        # An interview opens its card's 日程 part, as the reminder mail's link does.
        anchor = f"r{made['interview_card']}-interview" if key == "interviews" else f"p{made[key]}"
        assert f'href="/agent/candidates/{c.pk}/#{anchor}"' in section, key
    # What is not due is not listed: a proposal of today, a selection moved today, an interview in 14 days.
    for key in ("fresh", "moving", "far"):
        assert f'#p{made[key]}"' not in html[html.index('id="today"') : html.index("担当の求職者")], key
    assert "期日超過" in _section(html, "followups")
    assert employer.organization.name in _section(html, "interviews")
    assert "today-complaints" not in html  # the CA has no complaints list: the 職業紹介責任者 answers them
    assert "今日やることはありません" not in html


def test_today_uses_the_stall_rule_of_the_daily_reminder(setup, employer):
    """The page and the reminder agree: what the page lists as stalled is exactly what the reminder mails about."""
    from bonavi.agents.selectors import today_for_staff

    made = _one_of_each(setup, employer)
    now = timezone.now()
    listed = next(t for t in today_for_staff(setup.ca.agency_staff, now=now) if t.key == "stalled")
    assert [r.proposal_id for r in listed.rows] == [made["stalled"]]
    assert services.referrals_stalled_remind(now=now) == 1


def test_today_shows_only_candidates_she_may_see(client, setup, employer):
    other = User.objects.create_user(
        email="ca2@minato-career.example",
        password="pw-Long-enough-1",
        role=Role.AGENT,
        organization=setup.agency.organization,
    )
    from bonavi.agents.models import Staff

    Staff.objects.create(user=other, agency=setup.agency, office=setup.office)
    theirs = _candidate(setup, adviser=other)
    posting = make_posting(employer.organization)
    take_order(setup, posting.pk)
    _proposal(theirs, posting, setup, status=ProposalStatus.ACCEPTED)
    client.force_login(setup.ca)

    html = client.get("/agent/").content.decode()

    assert theirs.name not in html
    assert "今日やることはありません" in html
    # The office's 職業紹介責任者 sees every candidate of the office, so she has it.
    client.force_login(setup.boss)
    assert theirs.name in _section(client.get("/agent/").content.decode(), "refer")


def test_new_complaints_for_the_responsible_only(client, setup):
    complaint = Complaint.objects.create(
        agency=setup.agency,
        office=setup.office,
        routed_to=setup.boss.agency_staff,
        from_name="申出 太郎",
        contact="03-1111-2222",
        body="連絡が遅い",
    )
    client.force_login(setup.boss)
    section = _section(client.get("/agent/").content.decode(), "complaints")
    assert "申出 太郎" in section and f'href="/agent/records/#c{complaint.pk}"' in section
    Complaint.objects.filter(pk=complaint.pk).update(resolved_at=timezone.now(), resolution="電話で説明")
    assert 'id="today-complaints"' not in client.get("/agent/").content.decode()


def test_today_empty_state(client, setup):
    client.force_login(setup.ca)
    assert "今日やることはありません" in client.get("/agent/").content.decode()


def test_dashboard_queries_do_not_grow(client, setup, employer):
    _one_of_each(setup, employer)
    Complaint.objects.create(
        agency=setup.agency,
        office=setup.office,
        routed_to=setup.boss.agency_staff,
        from_name="申出 太郎",
        contact="03-1111-2222",
        body="連絡が遅い",
    )

    def grow() -> None:
        for _ in range(3):
            _one_of_each(setup, employer)
            Complaint.objects.create(
                agency=setup.agency,
                office=setup.office,
                routed_to=setup.boss.agency_staff,
                from_name="申出 次郎",
                contact="03-1111-3333",
                body="説明が足りない",
            )

    client.force_login(setup.boss)
    assert_flat(client, "/agent/", grow)


def test_candidate_search_by_name_kana_and_email_and_status(client, setup):
    yamada = _candidate(setup, family="山田", kana="やまだ")
    masuda = _candidate(setup, family="増田", kana="ますだ")
    Candidate.objects.filter(pk=masuda.pk).update(status=CandidateStatus.APPLIED)
    client.force_login(setup.ca)

    def listed(query: str) -> set[int]:
        response = client.get(f"/agent/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        block = html[html.index('id="candidates"') : html.index("</ul>", html.index('id="candidates"'))]
        return {c.pk for c in (yamada, masuda) if f"/agent/candidates/{c.pk}/" in block}

    assert listed("") == {yamada.pk, masuda.pk}
    assert listed("q=山田") == {yamada.pk}
    assert listed("q=ヤマダ") == {yamada.pk}  # katakana typed finds the hiragana reading
    assert listed(f"q={masuda.user.email.upper()}") == {masuda.pk}
    assert listed("status=applied") == {masuda.pk}
    assert listed("q=山田&status=applied") == set()


def test_candidate_search_refuses_bad_input_with_a_message(client, setup):
    _candidate(setup)
    client.force_login(setup.ca)
    response = client.get("/agent/?status=nope&q=" + "あ" * 101)
    assert response.status_code == 200
    html = response.content.decode()
    assert "状態を一覧から選んでください。" in html
    assert "100文字" in html


def test_candidate_list_is_paged(client, setup):
    for _ in range(31):
        _candidate(setup)
    client.force_login(setup.ca)
    first = client.get("/agent/").content.decode()
    assert "31人" in first and "1 / 2" in first and 'rel="next"' in first
    second = client.get("/agent/?page=2").content.decode()
    assert second.count("/agent/candidates/") == 1
    assert client.get("/agent/?page=abc").status_code == 200


def test_job_orders_link_to_their_page_and_say_when_expired(client, setup, employer):
    order = private_order(setup, employer.organization)
    JobOrder.objects.filter(pk=order.pk).update(valid_until=timezone.localdate() - DAY)
    client.force_login(setup.ca)
    html = client.get("/agent/").content.decode()
    orders = html[html.index('id="orders"') :]
    assert f'href="/agent/jobs/{order.posting_id}/"' in orders
    assert "有効期間" in orders and "期限切れ" in orders


# The page's queries with a row in every list (ADR 0162): the lists read only the columns their rows show
# (selectors._row_columns), so a column the template reads and the list leaves out would cost one query per row.
DASHBOARD_QUERIES = 17


def test_dashboard_lists_show_names_titles_and_companies_in_a_pinned_number_of_queries(
    client, setup, employer, django_assert_max_num_queries
):
    for _ in range(2):
        _one_of_each(setup, employer)
    client.force_login(setup.ca)
    client.get("/agent/")  # the first request warms per-process caches

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        html = client.get("/agent/").content.decode()

    company = employer.organization.name
    for key in ("refer", "unanswered", "stalled", "interviews", "followups", "joining"):
        section = _section(html, key)
        assert "（2件）" in section and "増田 花子" in section, key
        if key in ("refer", "unanswered", "stalled", "joining"):
            assert "経理事務（未経験歓迎）" in section, key
        if key in ("stalled", "interviews", "followups", "joining"):
            assert company in section, key
