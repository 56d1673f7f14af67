"""After her 承諾, either side proposes a new 入社予定日 and the other answers; whoever proposed withdraws it before
the answer; an API 承諾 without offer_version is refused once the 内定 was changed (ADR 0135). Before, only the
company proposed (she asked by message), a pending proposal could only be replaced, and an API client that omitted
the version accepted whatever the 内定 had become."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.helpers import (
    OFFER_TERMS,
    client_for,
    in_days,
    mail_drained,
    mail_sent,
    proposal_state,
)

pytestmark = pytest.mark.django_db


def _ja(days: int) -> str:
    return clock.date_ja(in_days(days))


def _her_propose(user: User, application: Application, day: dt.date) -> Any:
    return client_for(user).post(
        f"/me/applications/{application.pk}/offer/start-proposal/propose/",
        {"startprop-start_on": day.isoformat()},
    )


def _page(client: Client, response: Any) -> str:
    return str(client.get(response["Location"]).content.decode())


def _latest_note(application: Application) -> tuple[str, str]:
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    return event.actor_role, event.note


# 1. She proposes; the company agrees or declines ------------------------------------------------------------


def test_her_proposal_waits_for_the_company_and_its_agreement_changes_the_date(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    seeker, hr = client_for(profiled_seeker), client_for(employer)
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    fold = hers[hers.index('id="start-proposal-edit"') :].split("</details>", 1)[0]
    assert "入社予定日の変更を提案する" in fold and 'name="startprop-start_on"' in fold
    assert "回答待ちの提案は1つだけです" in fold  # a new one replaces the pending one: said before pressing
    assert "企業が同意するまで、いまの入社予定日のままです。" in fold

    done = _her_propose(profiled_seeker, accepted, in_days(70))
    assert done.status_code == 302 and done["Location"].endswith("#start-proposal")
    # The same date again (a double click): refused beside the box, nothing more mailed.
    again = _her_propose(profiled_seeker, accepted, in_days(70))
    assert again.status_code == 422
    page = again.content.decode()
    assert 'id="start-proposal-edit" open' in page
    box = page.split('id="field-startprop-start_on"', 1)[1].split("</div>", 3)
    assert f"{_ja(70)}への変更は既に提案しています。企業の回答をお待ちください。" in "".join(box[:3])
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (
        in_days(40),
        in_days(70),
        "seeker",
    )  # the old date stands
    note = f"入社予定日の変更を提案しました：{_ja(40)} → {_ja(70)}（企業の同意で変わります）"
    assert _latest_note(accepted) == ("seeker", note)
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert "応募者から入社予定日の変更の提案がありました" in str(mails[0]["Subject"])
    assert f"提案：{_ja(70)}" in text_of(mails[0]) and "/#start-proposal" in text_of(mails[0])

    # Her card: her proposal waits, and she may withdraw it; no answer buttons for her own proposal.
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    waiting = hers[hers.index('id="start-proposal"') :].split("</div>", 1)[0]
    assert "入社予定日の変更を提案しています（企業の同意待ち）" in waiting
    assert "提案を取り下げる</button>" in waiting and "入社日の変更に同意する" not in waiting
    assert note in hers  # her 経過
    # The company's page: her proposal, with 同意する／同意しない, and the same 経過 line.
    theirs = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    box = theirs[theirs.index('id="start-proposal"') :].split("</form>", 1)[0]
    assert "応募者から入社予定日の変更の提案があります" in box
    assert f'action="/applicants/{accepted.pk}/offer/start-proposal/answer/"' in box
    assert f'name="proposed" value="{in_days(70).isoformat()}"' in box
    assert "入社日の変更に同意する</button>" in box and "同意しない</button>" in box
    assert note in theirs
    # Its own fold says that a new proposal would replace hers.
    assert f"いま回答待ちの提案（{_ja(70)}）があり、新しく提案するとその提案に代わります。" in theirs

    agreed = hr.post(
        f"/applicants/{accepted.pk}/offer/start-proposal/answer/",
        {"answer": "agree", "proposed": in_days(70).isoformat()},
    )
    assert agreed.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (
        in_days(70),
        None,
        "",
    )
    assert offers.latest_was(accepted.offer_history)["start_on"] == in_days(40).isoformat()
    answer_note = f"入社予定日の変更に同意しました：{_ja(40)} → {_ja(70)}"
    assert _latest_note(accepted) == ("employer", answer_note)
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "入社予定日の変更に企業が同意しました" in str(mails[0]["Subject"])
    assert f"変更後の入社予定日：{_ja(70)}" in text_of(mails[0])
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    assert answer_note in hers and 'id="start-proposal"' not in hers
    # Answered: a second press is refused and changes nothing.
    before = proposal_state(accepted)
    twice = hr.post(
        f"/applicants/{accepted.pk}/offer/start-proposal/answer/",
        {"answer": "agree", "proposed": in_days(70).isoformat()},
    )
    assert "回答を待っている入社予定日の変更の提案はありません。" in _page(hr, twice)
    assert proposal_state(accepted) == before


def test_the_company_declines_her_proposal_through_the_api(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    mine = client_for(profiled_seeker).post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/propose",
        {"start_on": in_days(50).isoformat()},
        content_type="application/json",
    )
    assert mine.status_code == 200
    assert (mine.json()["offer_start_proposed"], mine.json()["offer_start_proposed_by"]) == (
        in_days(50).isoformat(),
        "seeker",
    )
    assert len(mail_sent(smtp_inbox)) == 1
    hr = client_for(employer)
    seen = hr.get(f"/api/v1/employer/applications/{accepted.pk}").json()
    assert seen["offer_start_proposed_by"] == "seeker"
    declined = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
        {"agree": False, "start_on": in_days(50).isoformat()},
        content_type="application/json",
    )
    assert declined.status_code == 200
    answer = declined.json()
    assert (answer["offer_start_on"], answer["offer_start_proposed"], answer["offer_start_proposed_by"]) == (
        in_days(40).isoformat(),
        None,
        None,
    )
    assert _latest_note(accepted) == (
        "employer",
        f"入社予定日の変更（{_ja(50)}）に同意しませんでした。入社予定日は{_ja(40)}のままです",
    )
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "入社予定日の変更に企業は同意しませんでした" in str(mails[0]["Subject"])
    assert f"入社予定日は{_ja(40)}のままです" in text_of(mails[0])
    timeline = client_for(profiled_seeker).get(f"/api/v1/me/applications/{accepted.pk}").json()["timeline"]
    assert timeline[-1]["by"] == "採用担当" and timeline[-1]["note"].startswith("入社予定日の変更（")
    exported = next(
        a
        for a in client_for(profiled_seeker).get("/api/v1/me/mydata").json()["applications"]
        if a["id"] == accepted.pk
    )
    assert exported["offer_start_proposed_by"] is None


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "は明日以降の日付で指定してください。"),
        (367, "が1年より先です。"),
        (40, "入社予定日は既に"),
    ],
)
def test_her_date_is_judged_by_the_companys_rule(
    accepted: Application, profiled_seeker: User, days: int, message: str
) -> None:
    before = proposal_state(accepted)
    page = _her_propose(profiled_seeker, accepted, in_days(days))
    assert page.status_code == 422
    box = page.content.decode().split('id="field-startprop-start_on"', 1)[1].split("</div>", 3)
    assert message in "".join(box[:3])
    api = client_for(profiled_seeker).post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/propose",
        {"start_on": in_days(days).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and message in api.json()["errors"]["start_on"][0]
    assert proposal_state(accepted) == before


def test_she_proposes_only_after_her_accept(offered: Application, profiled_seeker: User) -> None:
    hers = client_for(profiled_seeker).get(f"/me/applications/{offered.pk}/").content.decode()
    assert 'id="start-proposal-edit"' not in hers
    before = proposal_state(offered)
    seeker = client_for(profiled_seeker)
    refused = seeker.post(
        f"/me/applications/{offered.pk}/offer/start-proposal/propose/",
        {"startprop-start_on": in_days(60).isoformat()},
    )
    assert refused.status_code == 302  # no fold to come back to: said at the page's top
    assert "入社予定日の変更の提案は、内定を承諾したあと" in _page(seeker, refused)
    api = seeker.post(
        f"/api/v1/me/applications/{offered.pk}/offer/start-proposal/propose",
        {"start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and "承諾したあと" in api.json()["errors"]["__all__"][0]
    assert proposal_state(offered) == before
    # A GET of the form's address (a refused page reloaded) goes back to the fold.
    got = client_for(profiled_seeker).get(f"/me/applications/{offered.pk}/offer/start-proposal/propose/")
    assert got.status_code == 302 and got["Location"] == f"/me/applications/{offered.pk}/#start-proposal-edit"


# One pending proposal per 内定, whoever made it --------------------------------------------------------------


def test_a_new_proposal_from_either_side_replaces_the_pending_one(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(60))
    seeker = client_for(profiled_seeker)
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    assert f"いま回答待ちの提案（{_ja(60)}）があり、新しく提案するとその提案に代わります。" in hers
    mail_drained(smtp_inbox)
    # The company's date, proposed back by her, is an agreement to make, not a proposal.
    same = _her_propose(profiled_seeker, accepted, in_days(60))
    assert (
        same.status_code == 422
        and f"{_ja(60)}への変更は、企業から提案されています。" in same.content.decode()
    )
    assert _her_propose(profiled_seeker, accepted, in_days(75)).status_code == 302
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (in_days(75), "seeker")
    assert _latest_note(accepted) == (
        "seeker",
        f"入社予定日の変更を提案しました：{_ja(40)} → {_ja(75)}（企業の同意で変わります）。"
        f"回答待ちだった企業からの提案（{_ja(60)}）に代わります",
    )
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert f"回答待ちだった企業からの提案（{_ja(60)}）に代わる提案です。" in text_of(mails[0])
    # Her page, drawn before she replaced it, answering the company's date: refused, nothing changed.
    before = proposal_state(accepted)
    stale = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(60).isoformat()},
    )
    assert "いま回答を待っている入社予定日の変更の提案は、あなたが出したものです。" in _page(seeker, stale)
    assert proposal_state(accepted) == before
    # The company replaces hers in turn; its mail to her says so.
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(80))
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (in_days(80), "employer")
    assert _latest_note(accepted)[1].endswith(f"回答待ちだった応募者からの提案（{_ja(75)}）に代わります")
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert f"回答待ちだった応募者からの提案（{_ja(75)}）に代わる提案です。" in text_of(mails[0])
    # The company's page drawn while hers was pending, answering it: the date changed, refused.
    before = proposal_state(accepted)
    hr = client_for(employer)
    stale = hr.post(
        f"/applicants/{accepted.pk}/offer/start-proposal/answer/",
        {"answer": "agree", "proposed": in_days(75).isoformat()},
    )
    assert "いま回答を待っている入社予定日の変更の提案は、貴社が出したものです。" in _page(hr, stale)
    assert proposal_state(accepted) == before


# 2. Withdrawal by whoever proposed it ------------------------------------------------------------------------


def test_she_withdraws_her_proposal_and_the_companys_answer_from_before_is_refused(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70)
    )
    mail_drained(smtp_inbox)
    hr = client_for(employer)
    assert 'id="start-proposal-form"' in hr.get(f"/applicants/{accepted.pk}/").content.decode()
    seeker = client_for(profiled_seeker)
    done = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/withdraw/",
        {"proposed": in_days(70).isoformat()},
    )
    assert done.status_code == 302
    assert "入社予定日の変更の提案を取り下げ、企業にメールでお知らせしました。" in _page(seeker, done)
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed, accepted.offer_start_withdrawn) == (
        in_days(40),
        None,
        in_days(70),
    )
    note = f"入社予定日の変更の提案（{_ja(70)}）を取り下げました。入社予定日は{_ja(40)}のままです"
    assert _latest_note(accepted) == ("seeker", note)
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert "入社予定日の変更の提案が取り下げられました" in str(mails[0]["Subject"])
    assert "回答は不要です" in text_of(mails[0])
    theirs = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert note in theirs and 'id="start-proposal"' not in theirs
    # The company's page drawn before: its answer is refused, by name, and changes nothing.
    before = proposal_state(accepted)
    stale = hr.post(
        f"/applicants/{accepted.pk}/offer/start-proposal/answer/",
        {"answer": "agree", "proposed": in_days(70).isoformat()},
    )
    assert stale.status_code == 302
    assert (
        f"入社予定日の変更の提案（{_ja(70)}）は、応募者が取り下げました。回答は不要です。入社予定日は{_ja(40)}のままです。"
        in _page(hr, stale)
    )
    api = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
        {"agree": True, "start_on": in_days(70).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and "応募者が取り下げました" in api.json()["errors"]["__all__"][0]
    # A second withdrawal (a double click) is refused too.
    again = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/withdraw/",
        {"proposed": in_days(70).isoformat()},
    )
    assert f"入社予定日の変更の提案（{_ja(70)}）は、既に取り下げています。" in _page(seeker, again)
    assert proposal_state(accepted) == before
    assert len(mail_sent(smtp_inbox)) == 0


def test_the_company_withdraws_its_proposal_through_the_api_and_her_answer_is_refused(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(60))
    mail_drained(smtp_inbox)
    hr = client_for(employer)
    page = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert f'action="/applicants/{accepted.pk}/offer/start-proposal/withdraw/"' in page
    withdrawn = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/withdraw",
        {"start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200
    assert (withdrawn.json()["offer_start_proposed"], withdrawn.json()["offer_start_on"]) == (
        None,
        in_days(40).isoformat(),
    )
    assert _latest_note(accepted) == (
        "employer",
        f"入社予定日の変更の提案（{_ja(60)}）を取り下げました。入社予定日は{_ja(40)}のままです",
    )
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "入社予定日の変更の提案が取り下げられました" in str(mails[0]["Subject"])
    before = proposal_state(accepted)
    seeker = client_for(profiled_seeker)
    stale = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(60).isoformat()},
    )
    assert f"入社予定日の変更の提案（{_ja(60)}）は、企業が取り下げました。回答は不要です。" in _page(
        seeker, stale
    )
    api = seeker.post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal",
        {"agree": True, "start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and "企業が取り下げました" in api.json()["errors"]["__all__"][0]
    assert proposal_state(accepted) == before


def test_only_its_maker_withdraws_and_only_the_other_side_answers(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(60))
    before = proposal_state(accepted)
    seeker = client_for(profiled_seeker)
    # She cannot withdraw the company's proposal (she declines it instead)…
    mine = seeker.post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/withdraw",
        {"start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert (
        mine.status_code == 422
        and "取り下げられるのは、自分が出した提案だけです" in mine.json()["errors"]["__all__"][0]
    )
    # …and the company cannot answer its own.
    own = client_for(employer).post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
        {"agree": True, "start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert own.status_code == 422 and "貴社が出したものです" in own.json()["errors"]["__all__"][0]
    assert proposal_state(accepted) == before


# Who may: permission selectors ------------------------------------------------------------------------------


def test_nobody_else_can_propose_answer_or_withdraw(
    accepted: Application, employer: User, other_employer: User, profiled_seeker: User, other_seeker: User
) -> None:
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70)
    )
    before = proposal_state(accepted)
    day = in_days(70).isoformat()
    answer = {"answer": "agree", "proposed": day}
    # Another company: the 404 of an application that does not exist, on the pages and the API.
    other = client_for(other_employer)
    assert other.post(f"/applicants/{accepted.pk}/offer/start-proposal/answer/", answer).status_code == 404
    assert other.post(f"/applicants/{accepted.pk}/offer/start-proposal/withdraw/", answer).status_code == 404
    for path in ("answer", "withdraw"):
        response = other.post(
            f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/{path}",
            {"agree": True, "start_on": day} if path == "answer" else {"start_on": day},
            content_type="application/json",
        )
        assert response.status_code == 404
    for call in (
        lambda: services.application_start_answer_by_employer(
            user=other_employer, application=accepted, agree=True, proposed=in_days(70)
        ),
        lambda: services.application_start_withdraw(
            user=other_employer, application=accepted, proposed=in_days(70)
        ),
        lambda: services.application_start_propose(
            user=other_employer, application=accepted, start_on=in_days(80)
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # Another seeker: her application is a 404 to propose on or withdraw from.
    stranger = client_for(other_seeker)
    assert _her_propose(other_seeker, accepted, in_days(80)).status_code == 404
    assert (
        stranger.post(f"/me/applications/{accepted.pk}/offer/start-proposal/withdraw/", answer).status_code
        == 404
    )
    for path, body in (("propose", {"start_on": in_days(80).isoformat()}), ("withdraw", {"start_on": day})):
        response = stranger.post(
            f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/{path}",
            body,
            content_type="application/json",
        )
        assert response.status_code == 404
    for call in (
        lambda: services.application_start_propose_by_seeker(
            user=other_seeker, application=accepted, start_on=in_days(80)
        ),
        lambda: services.application_start_withdraw(
            user=other_seeker, application=accepted, proposed=in_days(70)
        ),
        lambda: services.application_start_answer_by_employer(
            user=profiled_seeker, application=accepted, agree=True, proposed=in_days(70)
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # The wrong side: a seeker on the company's page and endpoint, a company on hers.
    seeker = client_for(profiled_seeker)
    assert seeker.post(f"/applicants/{accepted.pk}/offer/start-proposal/answer/", answer).status_code == 403
    assert (
        seeker.post(
            f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
            {"agree": True, "start_on": day},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert _her_propose(employer, accepted, in_days(80)).status_code == 403
    assert (
        client_for(employer)
        .post(
            f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/propose",
            {"start_on": in_days(80).isoformat()},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert proposal_state(accepted) == before


# 3. The API 承諾 without offer_version -------------------------------------------------------------------------


def test_an_api_accept_without_a_version_is_taken_only_while_the_offer_is_unchanged(
    offered: Application, employer: User, profiled_seeker: User, application: Application
) -> None:
    seeker = client_for(profiled_seeker)
    services.application_offer_change(
        user=employer, application=offered, start_on=in_days(45), offer_terms=OFFER_TERMS
    )
    before = proposal_state(offered)
    mails_to_company = OutboxMessage.objects.filter(to_email=employer.email).count()
    refused = seeker.post(f"/api/v1/me/applications/{offered.pk}/offer/accept")
    assert refused.status_code == 422
    (message,) = refused.json()["errors"]["__all__"]
    assert "offer_version を付けない承諾は受け付けられません" in message and "読み直して" in message
    assert proposal_state(offered) == before
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == mails_to_company
    # With the version it now has, it is taken.
    done = seeker.post(f"/api/v1/me/applications/{offered.pk}/offer/accept?offer_version=2")
    assert done.status_code == 200 and done.json()["offer_accepted_at"]


def test_an_api_accept_without_a_version_of_an_unchanged_offer_still_works(
    offered: Application, profiled_seeker: User
) -> None:
    """Old clients, which never sent a version, keep working while the 内定 is as it was made."""
    done = client_for(profiled_seeker).post(f"/api/v1/me/applications/{offered.pk}/offer/accept")
    assert done.status_code == 200 and done.json()["offer_accepted_at"]
