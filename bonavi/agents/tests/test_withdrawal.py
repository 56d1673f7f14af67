"""Consent withdrawal from the candidate's own space: what it closes, who loses access (by URL and API), what the
books keep; account deletion does the same instead of failing on the registration."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import books, services
from bonavi.agents.models import (
    AuditAction,
    Candidate,
    CandidateStatus,
    DocumentShare,
    ProposalStatus,
    Stage,
)
from bonavi.documents.services import version_create
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(setup, candidate, referral, seeker, employer):
    pending = services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=make_posting(employer.organization, title="経理B").pk
    )
    version = version_create(owner=seeker, title="職務経歴書", data={"basics": {"summary": "経理3年"}})
    services.document_share(user=seeker, candidate=candidate, version_id=version.pk, share=True)
    return {"candidate": candidate, "referral": referral, "pending": pending, "version": version}


def test_withdrawal_page_explains_then_closes_everything_and_staff_lose_access(
    setup, world, client, employer
):
    c = world["candidate"]
    staff_urls = [
        f"/agent/candidates/{c.pk}/",
        f"/agent/candidates/{c.pk}/documents/{world['version'].pk}/",
    ]
    api_gets = [f"/api/v1/agent/candidates/{c.pk}/matches"]
    for boss_or_ca in (setup.ca, setup.boss):
        client.force_login(boss_or_ca)
        assert all(client.get(u).status_code == 200 for u in staff_urls + api_gets)

    client.force_login(c.user)
    assert f"/me/agency/{c.pk}/" in client.get("/me/proposals/").content.decode()
    page = client.get(f"/me/agency/{c.pk}/withdraw/").content.decode()
    for promise in (
        "回答待ちの提案は終了します",
        "選考中の求人は辞退として企業に伝えます",
        "見られなくなります",
        "求職管理簿",
    ):
        assert promise in page
    assert world["referral"].proposal.posting.title in page
    # without the confirmation box nothing happens
    resp = client.post(f"/me/agency/{c.pk}/withdraw/", {})
    assert resp.status_code == 422
    # said once, beside the focused box
    assert resp.content.decode().count("確認のチェックを入れてください") == 1
    box = resp.content.decode().split('id="withdraw-form"', 1)[1].split("</form>", 1)[0]
    assert "同意を撤回する場合は、確認のチェックを入れてください。" in box and "autofocus" in box
    c.refresh_from_db()
    assert c.status == CandidateStatus.ACTIVE
    posting = world["referral"].proposal.posting
    posting.title = "経理" * 40 + "末尾"  # a subject cuts it, and says so with 「…」
    posting.save(update_fields=["title"])
    client.post(f"/me/agency/{c.pk}/withdraw/", {"confirm": "on"})
    c.refresh_from_db()
    assert c.status == CandidateStatus.WITHDRAWN and c.consent_withdrawn_at is not None
    declined = OutboxMessage.objects.get(to_email=employer.email, subject__contains="選考辞退").subject
    assert declined.endswith("経理経…）") and "末尾" not in declined

    world["pending"].refresh_from_db()
    world["referral"].refresh_from_db()
    assert world["pending"].status == ProposalStatus.WITHDRAWN
    assert world["referral"].stage == Stage.DECLINED
    assert not DocumentShare.objects.exists()
    hearing = c.hearing
    assert hearing.desired_occupations == "経理事務" and hearing.experience == "" and hearing.notes == ""
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="選考辞退").exists()
    assert OutboxMessage.objects.filter(to_email=setup.ca.email, subject__contains="同意を撤回").exists()
    assert c.audit.filter(action=AuditAction.CONSENT_WITHDRAWN).exists()

    # advisers and the 責任者 are refused by URL and API
    for boss_or_ca in (setup.ca, setup.boss):
        client.force_login(boss_or_ca)
        assert all(client.get(u).status_code == 404 for u in staff_urls + api_gets)
        assert f"/agent/candidates/{c.pk}/" not in client.get("/agent/").content.decode()
        resp = client.put(
            f"/api/v1/agent/candidates/{c.pk}/hearing", {"notes": "再開"}, content_type="application/json"
        )
        assert resp.status_code == 404
        resp = client.post(
            f"/api/v1/agent/proposals/{world['pending'].pk}/referral", {}, content_type="application/json"
        )
        assert resp.status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.proposal_create(user=setup.ca, candidate=c, posting_id=world["referral"].proposal.posting_id)
    # the books still have the row the law requires
    rows = books.seeker_book_rows(setup.office)
    assert rows[1][0] == c.display_name and rows[1][rows[0].index("希望職種")] == "経理事務"


def test_withdrawal_by_api_needs_confirmation_and_only_the_person(setup, world, client, other_employer):
    c = world["candidate"]
    url = f"/api/v1/agent/registrations/{c.pk}/withdraw"
    client.force_login(setup.ca)
    assert client.post(url, {"confirm": True}, content_type="application/json").status_code == 404
    client.force_login(c.user)
    resp = client.post(url, {}, content_type="application/json")
    assert resp.status_code == 422 and "confirm" in resp.json()["detail"]
    resp = client.post(url, {"confirm": True}, content_type="application/json")
    assert resp.status_code == 200 and resp.json()["status"] == "withdrawn"
    client.force_login(setup.ca)
    assert client.get(f"/api/v1/agent/candidates/{c.pk}/matches").status_code == 404


def test_account_deletion_withdraws_and_keeps_only_the_book_row(setup, world, client):
    c = world["candidate"]
    user = c.user
    from bonavi.seekers.mydata import account_delete, mydata_export

    exported = mydata_export(user=user)
    assert exported["agency_registrations"][0]["agency"] == setup.agency.name
    account_delete(user=user)  # used to fail: the registration PROTECTed the user
    c = Candidate.objects.get(pk=c.pk)
    assert c.user_id is None and c.status == CandidateStatus.WITHDRAWN
    assert books.seeker_book_rows(setup.office)[1][0] == c.display_name
    client.force_login(setup.ca)
    assert client.get(f"/agent/candidates/{c.pk}/").status_code == 404


def test_contact_wishes_are_shown_to_advisers_and_quiet_hours_hold_mail_back(setup, world, client, employer):
    import datetime as dt

    from django.utils import timezone

    from bonavi.agents.models import Stage
    from bonavi.core.clock import JST

    c = world["candidate"]
    client.force_login(c.user)
    bad = client.post(
        f"/me/agency/{c.pk}/",
        {"action": "contact", "contact_channel": "phone", "contact_cadence": "weekly", "quiet_from": "21"},
    )
    # answered at once with the choices as made and the reason beside the focused field (a redirect put the
    # saved choices back and said why at the top of the page)
    assert bad.status_code == 422
    page = bad.content.decode()
    contact = page.split('id="contact"', 1)[1].split("</form>", 1)[0]
    assert page.count("開始と終了を0〜23時の違う時刻で") == 1 and "開始と終了を0〜23時の違う時刻で" in contact
    assert '<option value="phone" selected>' in contact and '<option value="weekly" selected>' in contact
    assert '<option value="21" selected>' in contact
    tag = re.search(r'<[^>]*name="quiet_from"[^>]*>', contact)
    assert tag and "autofocus" in tag[0] and 'aria-invalid="true"' in tag[0]
    c.refresh_from_db()
    assert (c.contact_channel, c.quiet_from) != ("phone", 21)
    now_hour = timezone.now().astimezone(JST).hour
    quiet_from, quiet_until = now_hour, (now_hour + 2) % 24  # quiet right now
    client.post(
        f"/me/agency/{c.pk}/",
        {
            "action": "contact",
            "contact_channel": "phone",
            "contact_cadence": "few_days",
            "quiet_from": str(quiet_from),
            "quiet_until": str(quiet_until),
        },
    )
    c.refresh_from_db()
    assert (c.contact_channel, c.quiet_from, c.quiet_until) == ("phone", quiet_from, quiet_until)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{c.pk}/").content.decode()
    assert f"電話・数日おきに状況を知りたい・{quiet_from}時〜{quiet_until}時は連絡しない" in page
    # a stage change now is mailed to the candidate when the quiet hours end; the employer's copy is not held
    OutboxMessage.objects.all().delete()
    services.referral_move(user=employer, referral=world["referral"], to_stage=Stage.DOCUMENT)
    held = OutboxMessage.objects.get(to_email=c.user.email)
    local = held.next_attempt_at.astimezone(JST)
    assert local.hour == quiet_until and local.minute == 0 and held.next_attempt_at > timezone.now()
    assert held.next_attempt_at - timezone.now() <= dt.timedelta(hours=2)
    for m in OutboxMessage.objects.exclude(to_email=c.user.email):
        assert m.next_attempt_at <= timezone.now()


def test_quiet_hours_across_midnight():
    import datetime as dt

    from bonavi.agents.models import Candidate
    from bonavi.agents.services import quiet_end
    from bonavi.core.clock import JST

    c = Candidate(quiet_from=21, quiet_until=8)
    at = dt.datetime(2026, 11, 25, 23, 30, tzinfo=JST)
    assert quiet_end(c, at) == dt.datetime(2026, 11, 26, 8, 0, tzinfo=JST)
    assert quiet_end(c, at.replace(hour=7)) == dt.datetime(2026, 11, 25, 8, 0, tzinfo=JST)
    assert quiet_end(c, at.replace(hour=12)) is None
    assert quiet_end(Candidate(), at) is None
