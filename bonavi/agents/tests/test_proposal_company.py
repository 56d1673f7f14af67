"""Proposals say their company (ADR 0125, session 15 addendum): two jobs titled 「経理事務（未経験歓迎）」 from two
companies read alike on the adviser's 提案と選考 cards, in her 記録 and in her own access log. The card's meta line
names the company, and the trail's proposal and answer lines name the company she was shown with the job — a
非公開求人's too, which she reads on the proposal's page. Lines written before keep their words (records)."""

from __future__ import annotations

import re

import pytest

from bonavi.accounts.models import Organization
from bonavi.agents import services
from bonavi.agents.models import AuditAction, audit_record
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

TITLE = "経理事務（未経験歓迎）"
OTHER = "株式会社こだまシステムズ"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@pytest.fixture
def two_alike(setup, candidate, employer):
    """The same title from another company's public posting and from the employer's 非公開求人 (the agency's)."""
    org = Organization.objects.create(name=OTHER, address="東京都港区1-1", phone="03-1111-2222")
    public = make_posting(org, title=TITLE, employer_name="")
    hidden = JobPosting.objects.get(job_orders=private_order(setup, employer.organization, title=TITLE))
    made = [
        services.proposal_create(user=setup.ca, candidate=candidate, posting_id=p.pk)
        for p in (public, hidden)
    ]
    return public, hidden, made


def test_the_adviser_card_names_each_proposals_company(setup, candidate, two_alike, client) -> None:
    public, hidden, (p_public, p_hidden) = two_alike
    assert public.employer_display == OTHER and hidden.employer_display != OTHER
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    for proposal, posting in ((p_public, public), (p_hidden, hidden)):
        card = page.split(f'id="p{proposal.pk}"', 1)[1].split("</li>", 1)[0]
        meta = _text(re.search(r'<p class="meta">(.*?)</p>', card, re.S).group(1))
        assert meta.startswith(f"{posting.employer_display}｜回答："), meta


def test_her_trail_names_the_company_of_each_proposal_and_answer(
    setup, candidate, seeker, two_alike, client
) -> None:
    _public, hidden, (p_public, p_hidden) = two_alike
    services.proposal_answer(user=seeker, proposal=p_public, accept=False)
    client.force_login(seeker)
    mine = _text(client.get("/me/proposals/audit/").content.decode())
    assert f"求人の提案：求人「{TITLE}」（{OTHER}）を提案" in mine
    assert f"求人の提案：求人「{TITLE}」（{hidden.employer_display}）を提案" in mine
    assert f"「{TITLE}」（{OTHER}）に辞退" in mine
    # The 非公開求人's company is no news to her: her proposal page names it (behind her login, as this log is).
    assert hidden.employer_display in _text(client.get(f"/me/proposals/{p_hidden.pk}/").content.decode())
    # Her adviser's 記録 is the same trail.
    client.force_login(setup.ca)
    record = _text(
        client.get(f"/agent/candidates/{candidate.pk}/").content.decode().split('id="record"', 1)[1]
    )
    assert f"求人「{TITLE}」（{OTHER}）を提案" in record
    assert f"求人「{TITLE}」（{hidden.employer_display}）を提案" in record


def test_a_mail_still_says_only_hikoukai_for_a_private_jobs_company(setup, two_alike) -> None:
    """The rule the trail leans on: only a mail, read anywhere, leaves a 非公開求人's company out."""
    public, hidden, _ = two_alike
    assert services.proposal_mail_line(hidden).endswith("（非公開求人）")
    assert services.proposal_mail_line(public).endswith(f"（{OTHER}）")


def test_lines_written_before_keep_their_words(setup, candidate, seeker, client) -> None:
    audit_record(
        [candidate], actor=setup.ca, action=AuditAction.PROPOSAL_CREATED, detail=f"求人「{TITLE}」を提案"
    )
    client.force_login(seeker)
    assert f"求人の提案：求人「{TITLE}」を提案" in _text(client.get("/me/proposals/audit/").content.decode())
