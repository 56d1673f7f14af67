"""The employer's one 「応募者」 list (UX review s10): direct applications and agencies' referrals together, in one
vocabulary of steps (ADR 0096), each row linking to its own detail page; 求人管理 counts the referrals per posting.
Only the employer's own organisation: a 非公開求人's referrals reach no other employer."""

from __future__ import annotations

import itertools
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Referral, Stage
from bonavi.agents.tests.factories import AgencySetup, make_agency, private_order, refer, register
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application, ApplicationStatus
from bonavi.seekers.services import profile_get_or_create

_seq = itertools.count()


def _seeker(family: str) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email=f"cand{n}@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    profile = profile_get_or_create(user=user)
    profile.family_name, profile.given_name = family, f"{n}"
    profile.save()
    return user


def _direct(posting_id: int, family: str, status: str = ApplicationStatus.APPLIED) -> Application:
    n = next(_seq)
    applicant = User.objects.create(email=f"direct{n}@test.example", role=Role.SEEKER)
    return Application.objects.create(
        posting_id=posting_id, applicant=applicant, status=status, profile_snapshot={"family_name": family}
    )


def _cards(page: str) -> list[str]:
    return re.findall(r'<li class="card">(.*?)</li>', page, flags=re.S)


def test_one_list_of_both_kinds_in_shared_words(
    client: Client, setup: AgencySetup, referral: Referral, employer: User
) -> None:
    posting_id = referral.proposal.posting_id
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.DOCUMENT)
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.INTERVIEW1)
    direct = _direct(posting_id, "直子", ApplicationStatus.INTERVIEW)
    client.force_login(employer)

    page = client.get("/applicants/").content.decode()
    cards = _cards(page)
    assert len(cards) == 2
    agent_card = next(c for c in cards if f'href="/agent/employer/referrals/{referral.pk}/"' in c)
    direct_card = next(c for c in cards if f'href="/applicants/{direct.pk}/"' in c)
    assert f"エージェント推薦（{setup.agency.name}）" in agent_card and "推薦日" in agent_card
    assert "直接応募" in direct_card and "応募日" in direct_card
    # One word for the step both have; the referral keeps which interview in brackets.
    assert '<span class="status-badge s-interview">面接（1次）</span>' in agent_card
    assert '<span class="status-badge s-interview">面接</span>' in direct_card
    assert "1次面接" not in page

    # 面接 narrows both kinds alike; 種類 one kind.
    assert len(_cards(client.get("/applicants/", {"status": "interview"}).content.decode())) == 2
    screening = client.get("/applicants/", {"status": "screening"}).content.decode()
    assert (
        "この条件の応募者はいません。" in screening
        and "推薦日" not in screening
        and "応募日" not in screening
    )
    agents_only = _cards(client.get("/applicants/", {"kind": "agent"}).content.decode())
    assert len(agents_only) == 1 and "エージェント推薦" in agents_only[0]
    # The stored stage is untouched: the legal pipeline goes on as before.
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1


def test_the_list_does_not_read_the_texts_it_does_not_show(
    client: Client, referral: Referral, employer: User
) -> None:
    """Each row of a page loaded the referral's document text and its proposal's text and stored conditions."""
    client.force_login(employer)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/applicants/").status_code == 200
    sql = "\n".join(q["sql"] for q in ctx.captured_queries)
    assert '"agents_referral"."sent_at"' in sql  # the rows were read
    for column in (
        '"agents_referral"."document_text"',
        '"agents_proposal"."document_text"',
        '"agents_proposal"."snapshot"',
    ):
        assert column not in sql


def test_every_stage_has_a_shared_word(
    client: Client, setup: AgencySetup, referral: Referral, employer: User
) -> None:
    client.force_login(employer)
    expected = {
        Stage.RECOMMENDED: "応募済（推薦）",
        Stage.DOCUMENT: "書類選考",
        Stage.INTERVIEW2: "面接（2次）",
        Stage.FINAL: "面接（最終）",
        Stage.OFFER: "内定",
        Stage.OFFER_ACCEPTED: "内定（承諾済み）",
        Stage.JOINED: "入社",
        Stage.REJECTED: "不採用",
        Stage.DECLINED: "辞退",
    }
    for stage, word in expected.items():
        Referral.objects.filter(pk=referral.pk).update(stage=stage)
        card = _cards(client.get("/applicants/", {"kind": "agent"}).content.decode())[0]
        assert f">{word}</span>" in card, stage
    assert set(expected) | {Stage.INTERVIEW1} == set(Stage.values)


def test_manage_counts_referrals_per_posting(
    client: Client, setup: AgencySetup, referral: Referral, employer: User
) -> None:
    posting_id = referral.proposal.posting_id
    _direct(posting_id, "直子")
    client.force_login(employer)
    page = client.get("/jobs/manage/").content.decode()
    link = f'<a href="/applicants/?posting={posting_id}&amp;kind=agent">エージェント推薦 <strong>1</strong>件</a>'
    assert link in page
    assert (
        f'<a href="/applicants/?posting={posting_id}&amp;kind=direct">直接応募 <strong>1</strong>件</a>'
        in page
    )
    listed = _cards(client.get("/applicants/", {"posting": posting_id, "kind": "agent"}).content.decode())
    assert len(listed) == 1 and f"/agent/employer/referrals/{referral.pk}/" in listed[0]


def test_another_employer_sees_no_referral_nor_its_count(
    client: Client, setup: AgencySetup, referral: Referral, employer: User, other_employer: User
) -> None:
    """The referral is to a 非公開求人 of the employer: no other employer sees it in any view of the list."""
    posting_id = referral.proposal.posting_id
    profile = profile_get_or_create(user=referral.proposal.candidate.user)
    profile.family_name, profile.given_name = "南", "秘子"
    profile.save()
    name = "南 秘子"
    client.force_login(employer)
    assert name in client.get("/applicants/").content.decode()  # the name the other employer must not see
    # The other employer has a 非公開求人 of its own, with a referral by another agency.
    other_setup = make_agency(slug="kita-agent", name="株式会社きたエージェント")
    theirs = refer(
        other_setup,
        register(other_setup, _seeker("北野")),
        private_order(other_setup, other_employer.organization, title="よその非公開求人").posting_id,
    )
    client.force_login(other_employer)
    for query in ({}, {"kind": "agent"}, {"posting": posting_id}, {"posting": posting_id, "kind": "agent"}):
        page = client.get("/applicants/", query).content.decode()
        assert name not in page and f"/agent/employer/referrals/{referral.pk}/" not in page, query
    own = client.get("/applicants/").content.decode()
    assert f"/agent/employer/referrals/{theirs.pk}/" in own
    manage = client.get("/jobs/manage/").content.decode()
    assert f"posting={posting_id}" not in manage and "よその非公開求人" in manage
    # …and the employer does not see the other's.
    client.force_login(employer)
    page = client.get("/applicants/").content.decode()
    assert "北野" not in page and f"/agent/employer/referrals/{theirs.pk}/" not in page
    assert client.get(f"/agent/employer/referrals/{theirs.pk}/").status_code == 404


def test_list_and_counts_cost_no_query_per_row(
    client: Client, setup: AgencySetup, referral: Referral, employer: User
) -> None:
    _direct(referral.proposal.posting_id, "直子")  # both kinds from the start: one query per kind on the page

    def grow() -> None:
        for _ in range(3):
            order = private_order(setup, employer.organization)
            refer(setup, register(setup, _seeker("増田")), order.posting_id)
            _direct(order.posting_id, "直子")
            _direct(make_posting(employer.organization).pk, "直美")

    client.force_login(employer)
    for url in ("/applicants/", "/jobs/manage/", "/jobs/manage/?sort=applicants"):
        assert_flat(client, url, grow)
