"""The side that proposed a new 入社予定日 corrects its 理由 alone while the proposal is pending (ADR 0155, addendum
s20): on the page (a fold in its own 「同意待ち」 box, no JS) and in both APIs, the date kept, one entry of the 経過
with the new words, the other side mailed once — her words never in the company's mail (ADR 0044). Refused in
Japanese, with nothing changed and nobody mailed, when no proposal is pending, it is the other side's, the page
showed another date, or the words are too long, marked up or the same."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.helpers import client_for, in_days, mail_drained, mail_sent, proposal_state

pytestmark = pytest.mark.django_db

HERS = "退職交渉が長引いているため"
HERS_NOW = "退職交渉が長引いているため。\n後任への引き継ぎにあと2週間かかります"
THEIRS = "研修日程の都合で"
THEIRS_NOW = "研修日程の都合で、入社日を月初にそろえたいため"


def _latest_note(application: Application) -> str:
    return ApplicationEvent.objects.filter(application=application).latest("pk").note


def _events(application: Application) -> int:
    return ApplicationEvent.objects.filter(application=application).count()


def _fold(page: str) -> str:
    return page[page.index('id="start-reason-edit"') :].split("</details>", 1)[0]


def _nothing_mailed(smtp_inbox: Inbox) -> None:
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=0.5) == []


def test_she_corrects_her_reason_on_the_page_and_the_company_is_told_without_her_words(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70), reason=HERS
    )
    mail_drained(smtp_inbox)
    seeker, hr = client_for(profiled_seeker), client_for(employer)
    fold = _fold(seeker.get(f"/me/applications/{accepted.pk}/").content.decode())
    assert "理由を修正する" in fold and f"{HERS}</textarea>" in fold
    assert f'value="{in_days(70).isoformat()}"' in fold and 'maxlength="200"' in fold
    # The company answers her proposal: it has no box to reword her reason.
    assert 'id="start-reason-edit"' not in hr.get(f"/applicants/{accepted.pk}/").content.decode()

    done = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/reason/",
        {
            "startreason-proposed": in_days(70).isoformat(),
            "startreason-reason": HERS_NOW.replace("\n", "\r\n"),
        },
    )

    assert done.status_code == 302 and done["Location"].endswith("#start-proposal")
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (in_days(70), "seeker")
    assert accepted.offer_start_proposed_reason == HERS_NOW
    assert _latest_note(accepted) == offers.start_reason_note(in_days(70), HERS_NOW)
    assert "理由を修正しました（提案の日付は変わりません）。理由：退職交渉" in _latest_note(accepted)
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    body = text_of(mails[0])
    assert (
        "の応募者が、入社予定日の変更の提案" in body
        and "の理由を修正しました。提案の日付は変わりません" in body
    )
    assert "退職交渉" not in body and "引き継ぎ" not in body  # her words stay behind the login (ADR 0044)
    theirs = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert "理由：退職交渉が長引いているため。<br>後任への引き継ぎにあと2週間かかります" in theirs
    # The company's answer from its page still lands: the date it showed is the date pending.
    services.application_start_answer_by_employer(
        user=employer, application=accepted, agree=True, proposed=in_days(70)
    )
    accepted.refresh_from_db()
    assert accepted.offer_start_on == in_days(70)


def test_the_company_corrects_and_removes_its_reason_through_the_api_and_she_is_mailed_each_time(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    hr = client_for(employer)
    services.application_start_propose(
        user=employer, application=accepted, start_on=in_days(60), reason=THEIRS
    )
    mail_drained(smtp_inbox)
    url = f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/reason"

    done = hr.post(
        url, {"start_on": in_days(60).isoformat(), "reason": THEIRS_NOW}, content_type="application/json"
    )

    assert done.status_code == 200, done.content
    assert done.json()["offer_start_proposed_reason"] == THEIRS_NOW
    assert done.json()["offer_start_proposed"] == in_days(60).isoformat()
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "入社予定日の変更の提案の理由が修正されました" in mails[0]["Subject"]
    assert f"・理由：{THEIRS_NOW}" in text_of(mails[0])
    hers = client_for(profiled_seeker).get(f"/me/applications/{accepted.pk}/").content.decode()
    assert f"理由：{THEIRS_NOW}" in hers and 'id="start-reason-edit"' not in hers

    removed = hr.post(
        url, {"start_on": in_days(60).isoformat(), "reason": ""}, content_type="application/json"
    )

    assert removed.status_code == 200 and removed.json()["offer_start_proposed_reason"] == ""
    assert _latest_note(accepted) == (
        f"入社予定日の変更の提案（{offers.clock.date_ja(in_days(60))}）の理由を削除しました（提案の日付は変わりません）"
    )
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and "・理由：なし（削除されました）" in text_of(mails[0])


def test_her_api_corrects_her_reason(accepted: Application, profiled_seeker: User, smtp_inbox: Inbox) -> None:
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70), reason=HERS
    )
    mail_drained(smtp_inbox)
    done = client_for(profiled_seeker).post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/reason",
        {"start_on": in_days(70).isoformat(), "reason": HERS_NOW},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["offer_start_proposed_reason"] == HERS_NOW
    assert len(mail_sent(smtp_inbox)) == 1


def test_a_refused_reason_comes_back_beside_the_box_with_nothing_changed(
    accepted: Application, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70), reason=HERS
    )
    mail_drained(smtp_inbox)
    before, events = proposal_state(accepted), _events(accepted)
    seeker = client_for(profiled_seeker)
    for reason, said in [
        ("あ" * 201, "理由は200文字以内で入力してください（入力は201文字）。"),
        ("<b>至急</b>", "理由：HTMLタグやスクリプトは入力できません。"),
        (f"  {HERS} ", offers.REASON_UNCHANGED),
    ]:
        refused = seeker.post(
            f"/me/applications/{accepted.pk}/offer/start-proposal/reason/",
            {"startreason-proposed": in_days(70).isoformat(), "startreason-reason": reason},
        )
        assert refused.status_code == 422
        fold = _fold(refused.content.decode())
        assert 'id="start-reason-edit" open' in refused.content.decode()
        assert said in fold
    assert proposal_state(accepted) == before and _events(accepted) == events
    _nothing_mailed(smtp_inbox)


def test_refused_in_japanese_with_no_proposal_the_other_sides_or_another_date(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    seeker, hr = client_for(profiled_seeker), client_for(employer)
    mine = f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/reason"
    payload = {"start_on": in_days(60).isoformat(), "reason": "別の理由"}

    none = seeker.post(mine, payload, content_type="application/json")
    assert none.status_code == 422
    assert none.json()["errors"]["__all__"] == [
        "理由を修正できる入社予定日の変更の提案はありません（既に回答があったか、取り下げられています）。"
    ]

    services.application_start_propose(
        user=employer, application=accepted, start_on=in_days(60), reason=THEIRS
    )
    mail_drained(smtp_inbox)
    before, events = proposal_state(accepted), _events(accepted)
    not_hers = seeker.post(mine, payload, content_type="application/json")
    assert not_hers.status_code == 422
    assert (
        "企業から出されたものです。理由を修正できるのは、自分が出した提案だけです。"
        in (not_hers.json()["errors"]["__all__"][0])
    )
    # The page: said at the top of her page, which shows the company's proposal as it is.
    page = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/reason/",
        {"startreason-proposed": in_days(60).isoformat(), "startreason-reason": "別の理由"},
        follow=True,
    )
    assert "理由を修正できるのは、自分が出した提案だけです。" in page.content.decode()

    stale = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/reason",
        {"start_on": in_days(61).isoformat(), "reason": "別の理由"},
        content_type="application/json",
    )
    assert stale.status_code == 422
    assert stale.json()["errors"]["__all__"] == [
        "入社予定日の変更の提案が変わりました。いまの提案を確認してから操作してください。"
    ]
    assert proposal_state(accepted) == before and _events(accepted) == events
    _nothing_mailed(smtp_inbox)


def test_a_get_of_the_address_goes_to_the_proposal(accepted: Application, profiled_seeker: User) -> None:
    got = client_for(profiled_seeker).get(f"/me/applications/{accepted.pk}/offer/start-proposal/reason/")
    assert got.status_code == 302 and got["Location"].endswith(
        f"/me/applications/{accepted.pk}/#start-proposal"
    )
