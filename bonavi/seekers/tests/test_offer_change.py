"""The company changes the 入社予定日 or 内定の条件 of a direct 内定 before her answer (ADR 0130). Before, only the
回答期限 could change: a start date moved by her notice period (退職交渉), or a term corrected, could only be written
in a message, and she accepted what the card still said. Now the applicant page has a fold and the API an
endpoint; a bad change is refused by name with nothing changed and nothing mailed; a good one is an entry of the
経過, one mail to her with old → new, her card shows each changed item's 「変更前」, and her 承諾 from a page shown
before the change is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.helpers import OFFER_TERMS, client_for, in_days

pytestmark = pytest.mark.django_db

STALE = "内定の内容が変更されました。変更後の内容を確認してから承諾してください。"


def _change(user: User, application: Application, **data: str) -> Any:
    form = {"offerchange-start_on": in_days(40).isoformat(), "offerchange-offer_terms": OFFER_TERMS}
    form.update({f"offerchange-{k}": v for k, v in data.items()})
    return client_for(user).post(f"/applicants/{application.pk}/offer/change/", form)


def _snapshot(application: Application) -> tuple[Any, ...]:
    """Everything a change may touch: the row's items and version, the 経過, the outbox."""
    row = Application.objects.get(pk=application.pk)
    return (
        row.status,
        row.offer_start_on,
        row.offer_terms,
        row.offer_version,
        row.offer_changed_at,
        row.offer_history,
        row.offer_accepted_at,
        ApplicationEvent.objects.filter(application=application).count(),
        OutboxMessage.objects.count(),
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start_on": "today"}, "start_on", "は明日以降の日付で指定してください。"),
        ({"start_on": "far"}, "start_on", "が1年より先です。日付を確かめてください。"),
        ({"start_on": "before-deadline"}, "start_on", "入社予定日は回答期限の日以降にしてください。"),
        ({"start_on": "2026-02-30"}, "start_on", "入社予定日：2026年2月30日はありません。"),
        (
            {"offer_terms": "あ" * 1001},
            "offer_terms",
            "内定の条件は1,000文字以内で入力してください（入力は1,001文字）。",
        ),
        (
            {"offer_terms": "提示月給25万円。30歳以下の方に限ります。"},
            "offer_terms",
            "内定の条件：「30歳以下」は年齢制限です。",
        ),
        (
            {"offer_terms": "入社時にご家族の職業を教えてください。"},
            "offer_terms",
            "内定の条件：「ご家族の職業」は応募者から原則として集めてはいけない個人情報です",
        ),
        ({}, "__all__", "入社予定日も内定の条件も、いまと同じです。"),
    ],
)
def test_each_bad_change_is_refused_by_name_and_nothing_changes(
    offered: Application, employer: User, data: dict[str, str], field: str, message: str
) -> None:
    words = {"today": in_days(0), "far": in_days(367), "before-deadline": in_days(2)}
    sent = {k: (words[v].isoformat() if v in words else v) for k, v in data.items()}
    before = _snapshot(offered)
    response = _change(employer, offered, **sent)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="offer-change" open' in page  # the fold comes back open with its reason
    if field == "__all__":
        form = page[page.index('id="offer-change-form"') :].split("</form>", 1)[0]
        assert message in form
    else:
        box = page.split(f'id="field-offerchange-{field}"', 1)[1].split("</div>", 3)
        assert message in "".join(box[:3])
    assert _snapshot(offered) == before
    # The API says the same, under the same field.
    api = client_for(employer).post(
        f"/api/v1/employer/applications/{offered.pk}/offer/change",
        sent if field != "__all__" else {},
        content_type="application/json",
    )
    if data.get("start_on") == "2026-02-30":
        assert api.status_code == 422  # the API's own date parsing
    else:
        assert api.status_code == 422 and message in " ".join(api.json()["errors"][field])
    assert _snapshot(offered) == before


def _drained(smtp_inbox: Inbox) -> None:
    queued = OutboxMessage.objects.count()
    outbox_drain()
    smtp_inbox.wait_for(queued)
    smtp_inbox.clear()


def test_a_change_is_recorded_mailed_once_and_shown_as_a_difference(
    offered: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    _drained(smtp_inbox)
    new_terms = "提示月給：260,000円\n配属先：本社 経理課"
    response = _change(employer, offered, start_on=in_days(50).isoformat(), offer_terms=new_terms)
    assert response.status_code == 302 and response["Location"].endswith("#offer-facts")
    # The same form again (a double click) changes nothing now: refused, nothing mailed twice.
    assert (
        _change(employer, offered, start_on=in_days(50).isoformat(), offer_terms=new_terms).status_code == 422
    )
    offered.refresh_from_db()
    assert (offered.offer_start_on, offered.offer_terms, offered.offer_version) == (in_days(50), new_terms, 2)
    assert offers.latest_was(offered.offer_history) == {
        "start_on": in_days(40).isoformat(),
        "offer_terms": OFFER_TERMS,
    }
    notes = list(
        ApplicationEvent.objects.filter(application=offered, from_status="offer", to_status="offer")
        .order_by("pk")
        .values_list("note", "actor_id")
    )
    start_note = (
        f"入社予定日を{clock.month_day_ja(in_days(40))}から{clock.month_day_ja(in_days(50))}に変更しました"
        if in_days(40).year == in_days(50).year == clock.today_jst().year
        else offers.start_on_change_note(in_days(40), in_days(50))
    )
    assert notes[-2:] == [
        (start_note, employer.pk),
        ("内定の条件を変更しました（変更前と変更後は内定のお知らせに表示しています）", employer.pk),
    ]

    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "内定の内容が変更されました" in str(mails[0]["Subject"])
    text = text_of(mails[0]).replace("\r\n", "\n")
    assert f"入社予定日：{clock.date_ja(in_days(40))} → {clock.date_ja(in_days(50))}" in text
    assert f"内定の条件（変更前）：\n{OFFER_TERMS}" in text and f"内定の条件（変更後）：\n{new_terms}" in text

    today = clock.today_jst()
    hers = client_for(profiled_seeker).get(f"/me/applications/{offered.pk}/").content.decode()
    card = hers[hers.index('id="offer"') : hers.index("労働条件（求人票の内容）")]
    assert f'内定の内容が変更されました<span class="when">（{today.month}月{today.day}日）</span>' in card
    given = card[card.index('id="offer-given"') :]
    assert '<span class="was-label">変更前</span><del>' in given
    assert clock.date_ja(in_days(40)) in given and clock.date_ja(in_days(50)) in given
    assert given.index(clock.date_ja(in_days(50))) < given.index(
        clock.date_ja(in_days(40))
    )  # new first, then 変更前
    assert 'name="offer_version" value="2"' in hers
    assert start_note in hers[hers.index("<h2>経過</h2>") :]
    theirs = client_for(employer).get(f"/applicants/{offered.pk}/").content.decode()
    facts = theirs[theirs.index('id="offer-facts"') : theirs.index('class="page-parts"')]
    assert "内定の内容を変更しました" in facts and "変更前" in facts
    assert start_note in theirs[theirs.index('id="history"') :]


def test_only_a_changed_item_is_judged_and_an_item_can_be_removed(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    """A 入社予定日 left as it is is not refused for the days that passed since (tomorrow's date, today); an emptied
    box removes the item, and her card says 指定なし / 記載なし beside what it was."""
    Application.objects.filter(pk=offered.pk).update(offer_start_on=in_days(0))
    assert (
        _change(employer, offered, start_on=in_days(0).isoformat(), offer_terms="配属先：本社").status_code
        == 302
    )
    assert _change(employer, offered, start_on="", offer_terms="配属先：本社").status_code == 302
    offered.refresh_from_db()
    assert offered.offer_start_on is None and offered.offer_version == 3
    assert offers.latest_was(offered.offer_history) == {
        "start_on": in_days(0).isoformat(),
        "offer_terms": OFFER_TERMS,
    }
    assert ApplicationEvent.objects.filter(
        application=offered, note__startswith="入社予定日を指定なしにしました（これまでは"
    ).exists()
    hers = client_for(profiled_seeker).get(f"/me/applications/{offered.pk}/").content.decode()
    given = hers[hers.index('id="offer-given"') :].split("</dl>", 1)[0]
    assert '<dd>指定なし<ol class="offer-history"' in given  # the date now, then what it was


def test_a_stale_accept_is_refused_and_nothing_changes(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    seeker = client_for(profiled_seeker)
    shown = seeker.get(f"/me/applications/{offered.pk}/").content.decode()
    assert 'name="offer_version" value="1"' in shown
    # The company changes the date while her page is open.
    services.application_offer_change(
        user=employer, application=offered, start_on=in_days(45), offer_terms=OFFER_TERMS
    )
    before = _snapshot(offered)
    mails_to_company = OutboxMessage.objects.filter(to_email=employer.email).count()
    refused = seeker.post(
        f"/me/applications/{offered.pk}/offer/accept/", {"confirm": "on", "offer_version": "1"}
    )
    assert refused.status_code == 302
    page = seeker.get(refused["Location"]).content.decode()
    assert STALE in page and 'id="offer-changed"' in page
    # A form with no version (a page from before versions) is refused alike.
    seeker.post(f"/me/applications/{offered.pk}/offer/accept/", {"confirm": "on"})
    api = seeker.post(f"/api/v1/me/applications/{offered.pk}/offer/accept?offer_version=1")
    assert api.status_code == 422 and api.json()["errors"] == {"__all__": [STALE]}
    assert _snapshot(offered) == before
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == mails_to_company
    # With the version she now sees, the 承諾 is recorded.
    done = seeker.post(
        f"/me/applications/{offered.pk}/offer/accept/", {"confirm": "on", "offer_version": "2"}
    )
    assert done.status_code == 302
    offered.refresh_from_db()
    assert offered.offer_accepted_at is not None


def test_after_her_accept_the_terms_are_agreed(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    hr = client_for(employer)
    assert 'id="offer-change"' in hr.get(f"/applicants/{offered.pk}/").content.decode()
    services.application_offer_accept(user=profiled_seeker, application=offered, version=1)
    before = _snapshot(offered)
    page = hr.get(f"/applicants/{offered.pk}/").content.decode()
    assert 'id="offer-change"' not in page
    assert "応募者は既に内定を承諾しているため、入社予定日・内定の条件はこの画面から変更できません。" in page
    # A page left open while she accepted: told at the top of the page it comes back to.
    response = _change(employer, offered, start_on=in_days(50).isoformat())
    assert response.status_code == 302
    assert (
        "入社予定日・内定の条件はこの画面から変更できません" in hr.get(response["Location"]).content.decode()
    )
    api = hr.post(
        f"/api/v1/employer/applications/{offered.pk}/offer/change",
        {"start_on": in_days(50).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and "承諾しているため" in api.json()["errors"]["__all__"][0]
    assert _snapshot(offered) == before


def test_not_at_offer_is_refused(employer: User, application: Application) -> None:
    before = _snapshot(application)
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_offer_change(
            user=employer, application=application, start_on=in_days(9), offer_terms=""
        )
    assert (
        "この応募は「応募済」のため、入社予定日・内定の条件は変更できません"
        in refused.value.errors["__all__"][0]
    )
    assert _snapshot(application) == before
    assert (
        'id="offer-change"' not in client_for(employer).get(f"/applicants/{application.pk}/").content.decode()
    )


def test_nobody_else_can_change_or_read_it(
    offered: Application, employer: User, other_employer: User, profiled_seeker: User, other_seeker: User
) -> None:
    services.application_offer_change(
        user=employer, application=offered, start_on=in_days(45), offer_terms=OFFER_TERMS
    )
    before = _snapshot(offered)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/change"
    body = {"start_on": in_days(50).isoformat()}
    # Another company: the 404 of an application that does not exist, to change or to read.
    assert _change(other_employer, offered, start_on=body["start_on"]).status_code == 404
    other = client_for(other_employer)
    assert other.post(url, body, content_type="application/json").status_code == 404
    assert other.get(f"/api/v1/employer/applications/{offered.pk}").status_code == 404
    assert other.get(f"/applicants/{offered.pk}/").status_code == 404
    # Seekers: not an employer's page or endpoint; another seeker cannot read her application either.
    for user in (profiled_seeker, other_seeker):
        assert _change(user, offered, start_on=body["start_on"]).status_code == 403
        assert client_for(user).post(url, body, content_type="application/json").status_code == 403
        with pytest.raises(PermissionDenied):
            services.application_offer_change(
                user=user, application=offered, start_on=in_days(50), offer_terms=""
            )
    assert client_for(other_seeker).get(f"/api/v1/me/applications/{offered.pk}").status_code == 404
    assert client_for(other_seeker).get(f"/me/applications/{offered.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.application_offer_change(
            user=other_employer, application=offered, start_on=in_days(50), offer_terms=""
        )
    assert _snapshot(offered) == before


def test_the_api_changes_what_it_is_given_and_both_sides_read_the_difference(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    hr = client_for(employer)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/change"
    assert hr.post(url, {}, content_type="application/json").status_code == 422  # nothing to change
    done = hr.post(url, {"start_on": in_days(55).isoformat()}, content_type="application/json")
    assert done.status_code == 200
    answer = done.json()
    assert (
        answer["offer_start_on"] == in_days(55).isoformat() and answer["offer_terms"] == OFFER_TERMS
    )  # kept
    assert answer["offer_version"] == 2 and answer["offer_changed_at"]
    assert answer["offer_previous"] == {"start_on": in_days(40).isoformat()}
    mine = client_for(profiled_seeker).get(f"/api/v1/me/applications/{offered.pk}").json()
    assert (mine["offer_version"], mine["offer_previous"]) == (2, {"start_on": in_days(40).isoformat()})
    assert any(e["note"].startswith("入社予定日を") for e in mine["timeline"])
    # null removes the date; the terms' key alone changes the terms.
    assert hr.post(url, {"start_on": None}, content_type="application/json").json()["offer_start_on"] is None
    changed = hr.post(url, {"offer_terms": "配属先：大阪支社"}, content_type="application/json").json()
    assert changed["offer_previous"] == {"start_on": in_days(55).isoformat(), "offer_terms": OFFER_TERMS}
    assert changed["offer_version"] == 4
    assert (
        hr.post(url, {"answer_by": in_days(5).isoformat()}, content_type="application/json").status_code
        == 422
    )
    mydata = client_for(profiled_seeker).get("/api/v1/me/mydata").json()
    exported = next(a for a in mydata["applications"] if a["id"] == offered.pk)
    assert exported["offer_previous"] == changed["offer_previous"]
    # Her 承諾 through the API with the version she read.
    accepted = client_for(profiled_seeker).post(
        f"/api/v1/me/applications/{offered.pk}/offer/accept?offer_version=4"
    )
    assert accepted.status_code == 200 and accepted.json()["offer_accepted_at"]


def test_a_get_of_the_form_address_goes_back_to_the_page(offered: Application, employer: User) -> None:
    response = client_for(employer).get(f"/applicants/{offered.pk}/offer/change/")
    assert response.status_code == 302
    assert response["Location"] == f"/applicants/{offered.pk}/#offer-change"


# After her 承諾: the company proposes a new 入社予定日, and it stands only once she agrees ----------------------


@pytest.fixture
def accepted(offered: Application, profiled_seeker: User) -> Application:
    services.application_offer_accept(user=profiled_seeker, application=offered, version=1)
    offered.refresh_from_db()
    return offered


def _propose(user: User, application: Application, day: str) -> Any:
    return client_for(user).post(
        f"/applicants/{application.pk}/offer/start-proposal/", {"startprop-start_on": day}
    )


def test_a_proposal_waits_for_her_and_her_agreement_changes_the_date(
    accepted: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    _drained(smtp_inbox)
    hr = client_for(employer)
    assert 'id="start-proposal-edit"' in hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert _propose(employer, accepted, in_days(60).isoformat()).status_code == 302
    # The same date again (a double click): refused, one mail only.
    again = _propose(employer, accepted, in_days(60).isoformat())
    assert again.status_code == 422 and "への変更は既に提案しています" in again.content.decode()
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed) == (
        in_days(40),
        in_days(60),
    )  # the old date stands
    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(mails) == 1 and mails[0]["To"] == profiled_seeker.email
    assert "入社予定日の変更の提案" in str(mails[0]["Subject"])
    assert f"提案された入社予定日：{clock.date_ja(in_days(60))}" in text_of(mails[0])
    smtp_inbox.clear()

    seeker = client_for(profiled_seeker)
    hers = seeker.get(f"/me/applications/{accepted.pk}/").content.decode()
    box = hers[hers.index('id="start-proposal"') :].split("</form>", 1)[0]
    assert "企業から入社予定日の変更の提案があります" in box and "入社日の変更に同意する</button>" in box
    assert f"同意するまでは、いまの入社予定日（{clock.date_ja(in_days(40))}）のままです。" in box
    # The company proposes another date while her page is open: her answer to the first is refused.
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(65))
    stale = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(60).isoformat()},
    )
    assert "入社予定日の変更の提案が変わりました。" in seeker.get(stale["Location"]).content.decode()
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed) == (in_days(40), in_days(65))
    outbox_drain()
    smtp_inbox.wait_for(1)
    smtp_inbox.clear()

    done = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(65).isoformat()},
    )
    assert done.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.offer_start_on, accepted.offer_start_proposed) == (in_days(65), None)
    assert offers.latest_was(accepted.offer_history)["start_on"] == in_days(40).isoformat()
    event = ApplicationEvent.objects.filter(application=accepted).latest("pk")
    assert (event.actor_id, event.note) == (
        profiled_seeker.pk,
        f"入社予定日の変更に同意しました：{clock.date_ja(in_days(40))} → {clock.date_ja(in_days(65))}",
    )
    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(mails) == 1 and mails[0]["To"] == employer.email
    assert "入社予定日の変更に同意がありました" in str(mails[0]["Subject"])
    theirs = hr.get(f"/applicants/{accepted.pk}/").content.decode()
    assert event.note in theirs and 'id="start-proposal"' not in theirs
    # Answered: nothing pending, a second press is refused and changes nothing.
    assert (
        "回答を待っている入社予定日の変更の提案はありません。"
        in seeker.get(
            seeker.post(
                f"/me/applications/{accepted.pk}/offer/start-proposal/",
                {"answer": "agree", "proposed": in_days(65).isoformat()},
            )["Location"]
        ).content.decode()
    )


def test_she_may_decline_and_the_date_stands(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    services.application_start_propose(user=employer, application=accepted, start_on=in_days(60))
    api = client_for(profiled_seeker).post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal",
        {"agree": False, "start_on": in_days(60).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 200
    assert (api.json()["offer_start_on"], api.json()["offer_start_proposed"]) == (
        in_days(40).isoformat(),
        None,
    )
    mail = OutboxMessage.objects.filter(to_email=employer.email).latest("pk")
    assert "同意がありませんでした" in mail.subject and "のままです" in mail.body_text


def test_proposal_refusals_and_permissions(
    offered: Application, employer: User, other_employer: User, profiled_seeker: User, other_seeker: User
) -> None:
    # Before her 承諾 there is no proposal: the date is changed outright.
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_start_propose(user=employer, application=offered, start_on=in_days(60))
    assert "承諾したあと" in refused.value.errors["__all__"][0]
    services.application_offer_accept(user=profiled_seeker, application=offered, version=1)
    before = _snapshot(offered)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/start-proposal"
    hr = client_for(employer)
    for day, message in (
        (in_days(0), "は明日以降の日付で指定してください。"),
        (in_days(367), "が1年より先です。"),
        (in_days(40), "入社予定日は既に"),
    ):
        page = _propose(employer, offered, day.isoformat())
        assert page.status_code == 422 and message in page.content.decode()
        api = hr.post(url, {"start_on": day.isoformat()}, content_type="application/json")
        assert api.status_code == 422 and message in api.json()["errors"]["start_on"][0]
    assert _propose(other_employer, offered, in_days(60).isoformat()).status_code == 404
    assert (
        client_for(other_employer)
        .post(url, {"start_on": in_days(60).isoformat()}, content_type="application/json")
        .status_code
        == 404
    )
    for user in (profiled_seeker, other_seeker):
        assert _propose(user, offered, in_days(60).isoformat()).status_code == 403
    assert _snapshot(offered) == before
    # Another seeker cannot answer her proposal.
    services.application_start_propose(user=employer, application=offered, start_on=in_days(60))
    other = client_for(other_seeker).post(
        f"/me/applications/{offered.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(60).isoformat()},
    )
    assert other.status_code == 404
    with pytest.raises(PermissionDenied):
        services.application_start_answer(
            user=other_seeker, application=offered, agree=True, proposed=in_days(60)
        )
    offered.refresh_from_db()
    assert (offered.offer_start_on, offered.offer_start_proposed) == (in_days(40), in_days(60))
