"""Review of the 日程調整・今日やること change (ADR 0105, 0110, 0111): who is said to have been told, a form opened
at one stage and saved at the next, a refusal that said nothing, the candidate list's pages, proposals that can no
longer be sent, 入社 only with the placement, and one 経過 on the three pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.agents import interviews, services
from bonavi.agents.models import (
    AuditEvent,
    JobOrder,
    Proposal,
    Referral,
    ReferralInterview,
    Stage,
    StageEvent,
)
from bonavi.agents.tests.factories import offer_as_posted, private_order
from bonavi.agents.tests.test_today import _candidate
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

CA_WHO = "株式会社みなとキャリアの担当者（佐藤CA）"
F_STAGE = Stage.INTERVIEW1


def _at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(hour), tzinfo=JST)


def _values(days: int = 6) -> dict[str, Any]:
    return {
        "starts_at": _at(days),
        "ends_at": None,
        "format": "online",
        "place": "",
        "url": "https://meet.example.com/ca",
        "notes": "",
    }


def _form(stage: str = "interview1", days: int = 6) -> dict[str, str]:
    return {
        "stage": stage,
        "sched-starts_at": f"{_at(days):%Y-%m-%dT%H:%M}",
        "sched-format": "online",
        "sched-url": "https://meet.example.com/ca",
    }


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# 1. The company is said to be told only when a 採用担当 was mailed -------------------------------------------------


def test_the_adviser_is_told_the_company_was_mailed_only_when_it_was(at_first, employer, setup) -> None:
    ca = _client(setup.ca)
    card = f"/agent/candidates/{at_first.proposal.candidate_id}/"
    url = f"/agent/referrals/{at_first.pk}/interview/"
    assert "ご本人と企業の採用担当にメールでお知らせし" in ca.get(card).content.decode()
    done = ca.post(url, _form())
    assert _said(done) == ["面接の日程を保存し、求職者と企業にお知らせしました。"]
    # The company's only 採用担当 leaves: nobody there gets the next change, and nobody says it was told.
    User.objects.filter(pk=employer.pk).update(is_active=False)
    page = ca.get(card).content.decode()
    assert "ご本人と企業の採用担当にメールで" not in page
    assert "この企業にはBOナビの採用担当アカウントがないため、企業には通知されません" in page
    before = OutboxMessage.objects.filter(to_email=employer.email).count()
    changed = ca.post(url, _form(days=7))
    said = _said(changed)[-1]
    assert said.startswith("面接の日程を保存し、求職者にお知らせしました。")
    assert "企業には通知されていません" in said and "求職者と企業に" not in said
    interview = ReferralInterview.objects.get()
    assert interview.starts_at == _at(7)
    cancelled = ca.post(f"{url}cancel/", {"stage": "interview1"})
    said = _said(cancelled)[-1]
    assert (
        said.startswith("面接の日程を取り消し、求職者にお知らせしました。")
        and "企業には通知されていません" in said
    )
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == before
    # The count itself, as the service returns it.
    User.objects.filter(pk=employer.pk).update(is_active=True)
    again = interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values(8))
    assert (again.news, again.employer_mailed) == ("set", 1)
    same = interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values(8))
    assert (same.news, same.employer_mailed) == ("", 0)


# 2. A form opened at 1次面接 and saved after the company moved to 2次面接 ------------------------------------------


def test_a_date_typed_for_one_stage_is_not_stored_as_the_next_ones(at_first, employer, setup) -> None:
    ca = _client(setup.ca)
    card = ca.get(f"/agent/candidates/{at_first.proposal.candidate_id}/").content.decode()
    assert (
        card.count('<input type="hidden" name="stage" value="interview1">') == 1
    )  # the set form (no cancel yet)
    company = _client(employer)
    page = company.get(f"/agent/employer/referrals/{at_first.pk}/").content.decode()
    assert page.count('<input type="hidden" name="stage" value="interview1">') == 1
    services.referral_move(user=employer, referral=at_first, to_stage="interview2")
    before = OutboxMessage.objects.count()
    for client, url in (
        (ca, f"/agent/referrals/{at_first.pk}/interview/"),
        (company, f"/agent/employer/referrals/{at_first.pk}/interview/"),
    ):
        refused = client.post(url, _form("interview1"))
        assert refused.status_code == 422
        assert "選考状況がすでに変わっています（いまは「2次面接」）" in refused.content.decode()
    assert not ReferralInterview.objects.exists() and OutboxMessage.objects.count() == before
    # The API: the stage given is checked; left out, it is not (clients written before it keep working).
    api = f"/api/v1/agent/referrals/{at_first.pk}/interview"
    body = {"starts_at": _at(6).isoformat(), "format": "online", "url": "https://meet.example.com/ca"}
    moved = ca.put(api, {**body, "stage": "interview1"}, content_type="application/json")
    assert moved.status_code == 422 and "選考状況がすでに変わっています" in moved.json()["detail"]
    assert not ReferralInterview.objects.exists()
    assert ca.put(api, {**body, "stage": "interview2"}, content_type="application/json").status_code == 200
    refused = ca.post(f"{api}/cancel?stage=interview1")  # a POST without a body: the stage in the query
    assert refused.status_code == 422 and "選考状況がすでに変わっています" in refused.json()["detail"]
    assert not ReferralInterview.objects.get().is_cancelled
    assert ca.post(f"{api}/cancel").json()["cancelled"] is True  # no body, as before


# 3. A refused form after the referral left the interview stages says why ----------------------------------------


def test_a_form_posted_after_the_interview_stages_says_why(at_first, employer, setup) -> None:
    services.referral_move(user=employer, referral=at_first, to_stage="rejected")
    ca = _client(setup.ca)
    refused = ca.post(f"/agent/referrals/{at_first.pk}/interview/", _form(), follow=True)
    card = f"/agent/candidates/{at_first.proposal.candidate_id}/#p{at_first.proposal_id}"
    assert refused.redirect_chain == [(card, 302)]
    assert "この選考は「不採用」のため、面接の日程は変更できません" in refused.content.decode()
    company = _client(employer)
    refused = company.post(f"/agent/employer/referrals/{at_first.pk}/interview/", _form(), follow=True)
    assert refused.redirect_chain == [(f"/agent/employer/referrals/{at_first.pk}/", 302)]
    assert "この選考は「不採用」のため、面接の日程は変更できません" in refused.content.decode()
    # Even a form with a bad date: its field reasons have no field to stand beside any more.
    bad = ca.post(f"/agent/referrals/{at_first.pk}/interview/", {"stage": "interview1"}, follow=True)
    assert "この選考は「不採用」のため" in bad.content.decode()
    assert not ReferralInterview.objects.exists()


# 4. The candidate list's pages ---------------------------------------------------------------------------------


def test_any_page_number_answers_a_page(client, setup) -> None:
    for _ in range(31):
        _candidate(setup)
    client.force_login(setup.ca)
    for asked in ("²", "-1", "0", "abc"):
        response = client.get("/agent/", {"page": asked})
        assert response.status_code == 200, asked
        assert " / 2" in response.content.decode(), asked
    past = client.get("/agent/?page=9").content.decode()
    listed = past[past.index('id="candidates"') : past.index("</ul>", past.index('id="candidates"'))]
    assert "31人" in past and "まだいません" not in listed and listed.count("/agent/candidates/") == 1
    assert "2 / 2" in past


# 5. 推薦する lists only what can be sent ---------------------------------------------------------------------------


def test_answers_on_a_lapsed_order_are_listed_apart(client, setup, candidate, employer) -> None:
    live = private_order(setup, employer.organization, title="経理（受理中）")
    lapsed = private_order(setup, employer.organization, title="経理（期限切れ）")
    for order in (live, lapsed):
        proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
        services.proposal_answer(
            user=candidate.user,
            proposal=proposal,
            accept=True,
            document_choice="要約",
            document_text="経理3年",
        )
    JobOrder.objects.filter(pk=lapsed.pk).update(valid_until=clock.today_jst() - dt.timedelta(days=1))
    client.force_login(setup.ca)
    html = client.get("/agent/").content.decode()

    def section(key: str) -> str:
        start = html.index(f'id="today-{key}"')
        return html[start : html.index("</section>", start)]

    assert "経理（受理中）" in section("refer") and "経理（期限切れ）" not in section("refer")
    apart = section("lapsed")
    assert "求人受理の期限切れ・掲載終了（受理し直すと推薦できます）（1件）" in apart
    assert f'href="/agent/jobs/{lapsed.posting_id}/"' in apart and "経理（期限切れ）" in apart
    # The card says she answered 応募したい, not only that there is no order.
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    mine = Proposal.objects.get(posting_id=lapsed.posting_id)
    card = page[page.index(f'id="p{mine.pk}"') :].split("</li>", 1)[0]
    assert "ご本人が応募したいと回答しました" in card and "推薦する</button>" not in card


# 6. 入社 is the company's step, or the adviser's with the placement form ---------------------------------------


@pytest.fixture
def accepted(referral, employer, setup):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED)
    referral.refresh_from_db()
    return referral


def test_the_agency_cannot_move_to_joined_without_the_placement(accepted, employer, setup) -> None:
    day = clock.today_jst().isoformat()
    with pytest.raises(services.AgentError) as refused:
        services.referral_move(
            user=setup.ca, referral=accepted, to_stage=Stage.JOINED, joined_on=clock.today_jst()
        )
    assert "就職を記録" in refused.value.errors["to_stage"][0]
    ca = _client(setup.ca)
    page = ca.post(
        f"/agent/referrals/{accepted.pk}/", {"action": "move", "to_stage": "joined", "joined_on": day}
    )
    assert page.status_code == 422 and "就職を記録" in page.content.decode()
    api = ca.post(
        f"/api/v1/agent/referrals/{accepted.pk}/stage",
        {"to_stage": "joined", "joined_on": day},
        content_type="application/json",
    )
    assert api.status_code == 422 and "就職を記録" in api.json()["detail"]
    assert Referral.objects.get(pk=accepted.pk).stage == Stage.OFFER_ACCEPTED
    # The company still moves it to 入社 with the date.
    services.referral_move(
        user=employer, referral=accepted, to_stage=Stage.JOINED, joined_on=clock.today_jst()
    )
    assert Referral.objects.get(pk=accepted.pk).stage == Stage.JOINED


def test_the_staff_move_form_has_no_joining_date() -> None:
    from bonavi.agents.forms import EmployerMoveForm, StageMoveForm

    assert "joined_on" not in StageMoveForm().fields
    assert "joined_on" in EmployerMoveForm(moves=[Stage.JOINED]).fields


# 8, 9. Who first in the audit trail; the 経過 named by its kind on all three pages ------------------------------


def test_the_trail_says_who_first_and_the_three_pages_name_the_steps_alike(
    at_first, employer, seeker, setup
) -> None:
    interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values())
    interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values(7))
    interviews.referral_interview_cancel(user=setup.ca, referral=at_first)
    title = at_first.proposal.posting.title
    assert AuditEvent.objects.filter(
        detail__startswith=f"{CA_WHO}が「{title}」（{at_first.proposal.posting.employer_display}）の面接の日程を設定しました"
    ).exists()
    assert not AuditEvent.objects.filter(detail__startswith=f"「{title}」の{CA_WHO}").exists()
    kinds = list(
        StageEvent.objects.filter(from_stage=F_STAGE, to_stage=F_STAGE)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["interview_set", "interview_changed", "interview_cancelled"]
    # The label comes from the kind, not from the note's words.
    StageEvent.objects.filter(kind="interview_set").update(note="企業から連絡あり")
    pages = [
        _client(setup.ca).get(f"/agent/candidates/{at_first.proposal.candidate_id}/"),
        _client(seeker).get(f"/me/proposals/{at_first.proposal_id}/"),
        _client(employer).get(f"/agent/employer/referrals/{at_first.pk}/"),
    ]
    for response in pages:
        html = response.content.decode()
        assert "面接日程を設定" in html and "面接日程を変更" in html and "面接日程を取り消し" in html
        assert "書類選考 → 1次面接" in html
        assert "1次面接 → 1次面接" not in html


# 10. The employer's move says the interview it called off ------------------------------------------------------


def test_the_move_returns_the_interview_it_called_off(at_first, employer) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    moved = services.referral_move(user=employer, referral=at_first, to_stage=Stage.INTERVIEW2)
    assert moved.called_off is not None and moved.called_off.is_cancelled
    assert moved.called_off.pk == ReferralInterview.objects.get().pk
    again = Referral.objects.get(pk=at_first.pk)
    assert services.referral_move(user=employer, referral=again, to_stage=Stage.REJECTED).called_off is None


def test_the_page_says_the_interview_the_move_called_off(at_first, employer) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    done = _client(employer).post(
        f"/agent/employer/referrals/{at_first.pk}/", {"to_stage": "rejected", "note": ""}
    )
    assert any(m.startswith("予定していた1次面接（") and "は取り消しました" in m for m in _said(done))


def test_old_entries_are_classified_once_by_their_note(at_first, employer) -> None:
    import importlib

    from django.apps import apps

    classify = importlib.import_module("bonavi.agents.migrations.0016_stageevent_kind").classify
    for note in (
        "企業が面接の日程を設定しました：…",
        "企業が面接の日程を変更しました：…",
        "企業が面接の日程を取り消しました",
    ):
        StageEvent.objects.create(referral=at_first, from_stage=F_STAGE, to_stage=F_STAGE, note=note)
    classify(apps, None)
    within = StageEvent.objects.filter(from_stage=F_STAGE, to_stage=F_STAGE).order_by("pk")
    assert list(within.values_list("kind", flat=True)) == [
        "interview_set",
        "interview_changed",
        "interview_cancelled",
    ]
    assert set(
        StageEvent.objects.exclude(from_stage=F_STAGE, to_stage=F_STAGE).values_list("kind", flat=True)
    ) == {""}


# 11, 12. One clock for the dashboard; its interview rows open the card's 日程 ----------------------------------


def test_the_dashboard_reads_one_clock(client, at_first, employer, setup, monkeypatch) -> None:
    real = timezone.now()
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values(3))
    client.force_login(setup.ca)
    html = client.get("/agent/").content.decode()
    assert f'#r{at_first.pk}-interview"' in html  # the card's 日程, as the reminder mail links it
    # Ten days on by the clock the duties read (core.clock): the interview is past, so not listed any more.
    monkeypatch.setattr(clock, "now", lambda: real + dt.timedelta(days=10))
    assert 'id="today-interviews"' not in client.get("/agent/").content.decode()


def test_a_long_interview_list_says_soonest_first(client, setup, candidate, employer) -> None:
    from bonavi.agents import selectors
    from bonavi.agents.tests.factories import refer

    shown = selectors.TODAY_SHOWN
    for i in range(shown + 1):
        referral = refer(
            setup, candidate, private_order(setup, employer.organization, title=f"経理{i}").posting_id
        )
        services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
        ReferralInterview.objects.create(
            referral=referral,
            stage=Stage.INTERVIEW1,
            starts_at=_at(2),
            format="online",
            url="https://x.example",
        )
    client.force_login(setup.ca)
    html = client.get("/agent/").content.decode()
    start = html.index('id="today-interviews"')
    section = html[start : html.index("</section>", start)]
    assert f"日付の近いものから{shown}件" in section and "古いもの" not in section
