"""Her audit trail on the adviser's candidate page (記録, ADR 0125): what she reads on /me/proposals/audit/, runs of
views merged the same way, for her assigned advisers and the office's 職業紹介責任者 only — read through
`selectors.candidate_audit_lines`, which gives a colleague not assigned to her (or another agency) nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.agents import selectors, services
from bonavi.agents.models import AuditAction, AuditEvent, Staff
from bonavi.agents.tests.factories import PASSWORD, make_agency, private_order

pytestmark = pytest.mark.django_db


def _record(page: str) -> str:
    assert 'id="record"' in page, "no 記録 section"
    part = page[page.index('id="record"') :]
    return part[: part.index("</section>")]


def _colleague(setup) -> User:
    """A career adviser of the same office, not assigned to her."""
    user = User.objects.create_user(
        email="ca2@minato-career.example",
        password=PASSWORD,
        role=Role.AGENT,
        organization=setup.agency.organization,
        display_name="伊藤CA",
    )
    Staff.objects.create(user=user, agency=setup.agency, office=setup.office, is_career_adviser=True)
    return user


def test_her_adviser_and_the_responsible_read_her_trail_with_views_merged(
    setup, candidate, employer, client
) -> None:
    posting = private_order(setup, employer.organization).posting_id
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting)
    services.proposal_answer(user=candidate.user, proposal=proposal, accept=False)
    client.force_login(setup.boss)
    for _ in range(3):
        client.get(f"/agent/candidates/{candidate.pk}/")
    client.force_login(setup.ca)
    record = _record(client.get(f"/agent/candidates/{candidate.pk}/").content.decode())
    lines = re.findall(r"<li[^>]*>(.*?)</li>", record, re.S)
    text = [re.sub(r"<[^>]+>|\s+", " ", line).strip() for line in lines]
    assert "あなた" in text[0] and "プロフィール・ヒアリングシートを閲覧" in text[0]  # this visit
    assert "高橋責任者（職業紹介責任者）" in text[1] and "3回" in text[1]  # three views, one line
    assert "ご本人" in text[2] and "辞退" in text[2]
    assert any("あなた" in t and "を提案" in t for t in text[3:])
    # 閲覧を除く, as on her page.
    important = _record(client.get(f"/agent/candidates/{candidate.pk}/?record=important").content.decode())
    assert "を閲覧" not in important and "辞退" in important and "<details open>" in important
    # The 職業紹介責任者 reads it too, her adviser named as such.
    client.force_login(setup.boss)
    record = _record(client.get(f"/agent/candidates/{candidate.pk}/").content.decode())
    assert "佐藤CA（担当アドバイザー）" in record and "を提案" in record


def test_a_colleague_not_assigned_to_her_cannot_read_it(setup, candidate, client) -> None:
    colleague = _colleague(setup)
    staff = selectors.staff_of(colleague)
    assert staff is not None and selectors.candidate_audit_lines(staff, candidate) is None
    # …nor from another agency, told she is visible.
    other = selectors.staff_of(make_agency(slug="other-agency", name="株式会社ほかキャリア").boss)
    assert other is not None and selectors.candidate_audit_lines(other, candidate, visible=True) is None
    client.force_login(colleague)
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 404
    # Her adviser does (the selector asks when not told).
    ca = selectors.staff_of(setup.ca)
    assert ca is not None and selectors.candidate_audit_lines(ca, candidate)


def test_a_colleague_doing_the_hearing_sees_no_record(setup, client) -> None:
    seeker = User.objects.create_user(email="s2@test.example", password=PASSWORD, role=Role.SEEKER)
    waiting = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    client.force_login(setup.ra)  # any staff of the office may open an application to hear her
    page = client.get(f"/agent/candidates/{waiting.pk}/").content.decode()
    assert 'id="record"' not in page and "へ求職申込み（利用目的に同意" not in page
    client.force_login(setup.boss)
    assert "へ求職申込み（利用目的に同意" in _record(
        client.get(f"/agent/candidates/{waiting.pk}/").content.decode()
    )


def test_her_page_and_her_advisers_read_as_many_events_and_say_when_older_ones_are_left_out(
    setup, candidate, client, monkeypatch
) -> None:
    """The adviser's help says 「ご本人がマイページで読む記録と同じです」: it read 200 events, hers 500. One limit
    (selectors.AUDIT_SHOWN) for both, and a line under the list when older events were left out."""
    assert not hasattr(selectors, "AUDIT_SHOWN_TO_STAFF")
    monkeypatch.setattr(selectors, "AUDIT_SHOWN", 5)
    AuditEvent.objects.filter(candidate=candidate).delete()
    start = timezone.now() - dt.timedelta(days=1)
    for i in range(6):  # 操作0 (the oldest) … 操作5
        AuditEvent.objects.create(
            candidate=candidate,
            actor=setup.ca,
            actor_label="佐藤CA",
            action=AuditAction.HEARING_EDIT,
            detail=f"操作{i}",
            at=start + dt.timedelta(minutes=i),
        )
    client.force_login(candidate.user)
    mine = client.get("/me/proposals/audit/").content.decode()
    assert "操作1" in mine and "操作0" not in mine
    assert 'id="audit-cut"' in mine and "新しい5件" in mine and "マイデータのダウンロード" in mine
    client.force_login(setup.ca)
    record = _record(
        client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    )  # this visit is logged: a 7th
    assert "操作2" in record and "操作1" not in record
    assert 'id="record-lines-cut"' in record and "新しい5件" in record
    # No more than the limit: nothing left out, and nothing said.
    AuditEvent.objects.filter(candidate=candidate, detail__in=["操作0", "操作1"]).delete()
    client.force_login(candidate.user)
    mine = client.get("/me/proposals/audit/").content.decode()
    assert "操作2" in mine and 'id="audit-cut"' not in mine
