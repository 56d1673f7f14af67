"""A 入社日 proposal carries its maker's optional 理由 (ADR 0155): stored with the pending proposal, shown to the side
that answers (and to its maker), in the 経過, in the company's mail to her — and, for her reason, only said to be
there in the company's mail (ADR 0044) — refused when too long or with markup with nothing stored, and cleared
with the proposal when it is answered, withdrawn, replaced or closed by a move."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.helpers import (
    client_for,
    in_days,
    mail_drained,
    mail_sent,
    proposal_state,
)

pytestmark = pytest.mark.django_db

THEIRS = "研修日程の都合で、入社日を月初にそろえたいため"
HERS = "退職交渉が長引いているため。\r\n後任への引き継ぎに2週間かかります"
HERS_STORED = "退職交渉が長引いているため。\n後任への引き継ぎに2週間かかります"


def _box(page: str, anchor: str = 'id="start-proposal"') -> str:
    return page[page.index(anchor) :].split("</div>", 1)[0]


def _latest_note(application: Application) -> str:
    return ApplicationEvent.objects.filter(application=application).latest("pk").note


def test_the_companys_reason_is_kept_shown_to_her_mailed_once_and_cleared_by_her_answer(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    hr, seeker = client_for(employer), client_for(profiled_seeker)
    fold = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    fold = fold[fold.index('id="start-proposal-edit"') :].split("</details>", 1)[0]
    assert 'name="startprop-reason"' in fold and "理由（任意）" in fold
    assert 'maxlength="200"' in fold and "応募者へのメールと経過に載ります。" in fold

    done = hr.post(
        f"/applicants/{accepted.pk}/offer/start-proposal/",
        {"startprop-start_on": in_days(60).isoformat(), "startprop-reason": f"  {THEIRS}  "},
    )
    assert done.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_reason) == (in_days(60), THEIRS)
    note = offers.start_proposal_note(in_days(40), in_days(60), role="employer", reason=THEIRS)
    assert note.endswith(f"。理由：{THEIRS}") and _latest_note(accepted) == note
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert f"・理由：{THEIRS}" in text_of(mails[0])

    # Her answer fold says why, under the dates; the company's own waiting box says it too. Both 経過 carry it.
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    assert f"理由：{THEIRS}" in _box(hers) and "入社日の変更に同意する" in _box(hers)
    assert note in hers
    theirs = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert f"理由：{THEIRS}" in _box(theirs) and "提案を取り下げる" in _box(theirs)

    seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "decline", "proposed": in_days(60).isoformat()},
    )
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_reason) == (None, "")
    assert len(mail_sent(smtp_inbox)) == 1


def test_her_reason_is_shown_to_the_company_but_stays_out_of_its_mail_and_withdrawal_clears_it(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    seeker, hr = client_for(profiled_seeker), client_for(employer)
    fold = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    fold = fold[fold.index('id="start-proposal-edit"') :].split("</details>", 1)[0]
    assert 'name="startprop-reason"' in fold and "企業のページと経過に表示されます。" in fold

    done = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/propose/",
        {"startprop-start_on": in_days(70).isoformat(), "startprop-reason": HERS},
    )
    assert done.status_code == 302
    accepted.refresh_from_db()
    # CR LF folded as a message's: 200 counts what the reader sees.
    assert accepted.offer_start_proposed_reason == HERS_STORED
    assert _latest_note(accepted).endswith(f"。理由：{HERS_STORED}")
    mails = mail_sent(smtp_inbox)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    body = text_of(mails[0])
    assert "提案には応募者の理由が添えられています（応募者のページに表示しています）。" in body
    assert "退職交渉" not in body  # her words stay behind the login (ADR 0044)

    theirs = _box(hr.get(f"/applicants/{accepted.pk}/").content.decode())
    assert "応募者から入社予定日の変更の提案があります" in theirs
    assert "理由：退職交渉が長引いているため。<br>後任への引き継ぎに2週間かかります" in theirs
    assert "理由：退職交渉が長引いているため。" in _box(
        seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    )

    seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/withdraw/",
        {"proposed": in_days(70).isoformat()},
    )
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_reason) == (None, "")
    # The proposal is gone from the company's page; its reason stays only in the 経過 entry of the proposal.
    theirs_now = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert 'class="start-proposal-reason"' not in theirs_now and f"理由：{HERS_STORED}" not in theirs_now
    assert "理由：退職交渉が長引いているため。<br>" in theirs_now  # the 経過 (linebreaksbr)


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("あ" * 201, "理由は200文字以内で入力してください（入力は201文字）。"),
        ("<b>至急</b>", "理由：HTMLタグやスクリプトは入力できません。文章だけを入力してください。"),
    ],
)
def test_a_refused_reason_is_said_beside_its_box_and_nothing_is_stored_or_mailed(
    accepted: Application, profiled_seeker: User, smtp_inbox: Inbox, reason: str, said: str
) -> None:
    mail_drained(smtp_inbox)
    before = proposal_state(accepted)
    refused = client_for(profiled_seeker).post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/propose/",
        {"startprop-start_on": in_days(70).isoformat(), "startprop-reason": reason},
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert 'id="start-proposal-edit" open' in page
    box = page.split('id="field-startprop-reason"', 1)[1].split("</div>", 3)
    assert said in "".join(box[:3])
    assert proposal_state(accepted) == before
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=0.5) == []


def test_a_bad_date_and_a_long_reason_are_refused_together(accepted: Application, employer: User) -> None:
    before = proposal_state(accepted)
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_start_propose(
            user=employer, application=accepted, start_on=in_days(40), reason="い" * 201
        )
    assert set(refused.value.errors) == {"start_on", "reason"}
    assert proposal_state(accepted) == before


def test_a_new_proposal_replaces_the_reason_and_a_move_out_of_offer_clears_it(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    services.application_start_propose(
        user=employer, application=accepted, start_on=in_days(60), reason=THEIRS
    )
    # Hers replaces the company's pending proposal: its reason goes with it, hers (none) stands.
    services.application_start_propose_by_seeker(
        user=profiled_seeker, application=accepted, start_on=in_days(70)
    )
    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed_by, accepted.offer_start_proposed_reason) == ("seeker", "")
    services.application_start_propose(
        user=employer, application=accepted, start_on=in_days(80), reason=THEIRS
    )
    accepted.refresh_from_db()
    services.application_withdraw(user=profiled_seeker, application=accepted)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.offer_start_proposed, accepted.offer_start_proposed_reason) == (
        "withdrawn",
        None,
        "",
    )


def test_the_api_takes_the_reason_from_either_side_and_both_read_it(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    hr, seeker = client_for(employer), client_for(profiled_seeker)
    proposed = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal",
        {"start_on": in_days(60).isoformat(), "reason": THEIRS},
        content_type="application/json",
    )
    assert proposed.status_code == 200 and proposed.json()["offer_start_proposed_reason"] == THEIRS
    mine = seeker.get(f"/api/v1/me/applications/{accepted.pk}").json()
    assert (mine["offer_start_proposed_by"], mine["offer_start_proposed_reason"]) == ("employer", THEIRS)
    assert seeker.get("/api/v1/me/mydata").json()["applications"][0]["offer_start_proposed_reason"] == THEIRS

    before = proposal_state(accepted)
    refused = seeker.post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/propose",
        {"start_on": in_days(70).isoformat(), "reason": "う" * 201},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"]["reason"] == ["理由は200文字以内で入力してください（入力は201文字）。"]
    assert proposal_state(accepted) == before

    hers = seeker.post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal/propose",
        {"start_on": in_days(70).isoformat(), "reason": HERS},
        content_type="application/json",
    )
    assert hers.status_code == 200 and hers.json()["offer_start_proposed_reason"] == HERS_STORED
    seen = hr.get(f"/api/v1/employer/applications/{accepted.pk}").json()
    assert seen["offer_start_proposed_reason"] == HERS_STORED
    agreed = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
        {"agree": True, "start_on": in_days(70).isoformat()},
        content_type="application/json",
    )
    assert agreed.status_code == 200 and agreed.json()["offer_start_proposed_reason"] == ""
