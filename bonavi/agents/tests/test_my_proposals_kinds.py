"""/me/proposals/ says which proposals she answers for a 推薦 (「推薦で応募」) and which are information about a job the
agency holds no order for (「ご案内（直接応募）」) — both read 「回答待ち」 alike — with the adviser's comment, and the
マイページ menu the other /me/ pages have (ADR 0141)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _card(page: str, pk: int) -> str:
    start = page.index(f'href="/me/proposals/{pk}/"')
    return page[start : page.index("</li>", start)]


def test_each_card_says_its_kind_and_the_comment(client, setup, candidate, employer):
    ordered = private_order(setup, employer.organization).posting_id
    assert ordered is not None
    public = make_posting(employer.organization, title="一般事務（求人受理なし）").pk
    (referable,), _ = services.proposals_create(
        user=setup.ca, candidate=candidate, posting_ids=[ordered], comment="レジ締めの経験が活かせます。"
    )
    (info,), _ = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=[public])
    client.force_login(candidate.user)

    page = client.get("/me/proposals/").content.decode()

    first, second = _card(page, referable.pk), _card(page, info.pk)
    assert "推薦で応募" in first and "ご案内（直接応募）" not in first and "回答待ち" in first
    assert "佐藤CAさんのコメント：" in first and "レジ締めの経験が活かせます。" in first
    assert "ご案内（直接応募）" in second and "推薦で応募" not in second and "回答待ち" not in second
    assert 'class="me-nav"' in page and "マイページのメニュー" in page


def test_her_own_direct_application_is_said_on_the_card(client, setup, candidate, employer):
    public = make_posting(employer.organization, title="一般事務（求人受理なし）")
    (info,), _ = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=[public.pk])
    Application.objects.create(posting=public, applicant=candidate.user)
    client.force_login(candidate.user)

    assert "すでに直接応募しています" in _card(client.get("/me/proposals/").content.decode(), info.pk)


def test_someone_else_sees_none_of_her_proposals(client, setup, candidate, employer):
    ordered = private_order(setup, employer.organization).posting_id
    assert ordered is not None
    services.proposals_create(
        user=setup.ca,
        candidate=candidate,
        posting_ids=[ordered],
        comment="レジ締めの経験が活かせます。",
    )
    client.force_login(
        User.objects.create_user(email="else@test.example", password="pw-Long-enough-1", role=Role.SEEKER)
    )

    page = client.get("/me/proposals/").content.decode()

    assert "レジ締めの経験" not in page and "推薦で応募" not in page


def test_how_to_answer_a_recommendation_is_said_only_while_it_waits_for_her(
    client, setup, candidate, employer
):
    """A 推薦 already answered (at 1次面接 on the walk) still said 「応募するときは…「応募する」を選ぶと…」."""
    from bonavi.agents.models import Proposal, ProposalStatus

    ordered = private_order(setup, employer.organization).posting_id
    assert ordered is not None
    (referable,), _ = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=[ordered])
    client.force_login(candidate.user)
    how = "「応募する」を選ぶと担当者が推薦します"

    assert how in _card(client.get("/me/proposals/").content.decode(), referable.pk)
    Proposal.objects.filter(pk=referable.pk).update(status=ProposalStatus.ACCEPTED)
    card = _card(client.get("/me/proposals/").content.decode(), referable.pk)
    assert "推薦で応募" in card and how not in card


def test_the_mypage_menu_has_a_proposals_chip_once_she_is_registered(client, candidate):
    chip = '<a href="/me/proposals/">提案</a>'  # the header's menu has its own 「エージェントからの提案」
    client.force_login(candidate.user)
    assert chip in client.get("/me/").content.decode()
    assert (
        '<a href="/me/proposals/" aria-current="page">提案</a>'
        in client.get("/me/proposals/").content.decode()
    )

    # A seeker registered with no agency has no such chip.
    client.force_login(
        User.objects.create_user(email="alone@test.example", password="pw-Long-enough-1", role=Role.SEEKER)
    )
    assert chip not in client.get("/me/").content.decode()
