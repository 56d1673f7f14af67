"""The 理由 of her 辞退 (the returning seeker's walk, session 21): the 辞退 form had only the tick, so a reason
could be given only as a message before withdrawing — and the thread closes with the 辞退. It is optional, kept
through a refusal, shown in both sides' 経過, and only mentioned in the company's mail (ADR 0044)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import mydata
from bonavi.seekers.models import Application, ApplicationEvent, ApplicationStatus

from .helpers import client_for, mail_drained, mail_sent

pytestmark = pytest.mark.django_db
REASON = "他社の内定を承諾したため、辞退いたします。"


def _withdraw_form(html: str) -> str:
    return html.split('id="withdraw"', 1)[1].split("</form>", 1)[0]


def test_the_reason_is_kept_through_a_refusal_and_shown_to_both_sides(
    application: Application, profiled_seeker: User, employer: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    mine = client_for(profiled_seeker)
    url = f"/me/applications/{application.pk}/withdraw/"
    form = _withdraw_form(mine.get(f"/me/applications/{application.pk}/").content.decode())
    assert '<label for="id_withdraw_reason">辞退の理由（任意）</label>' in form
    # The tick left off: refused, and what she typed is still in the box.
    refused = mine.post(url, {"reason": REASON})
    assert refused.status_code == 422
    assert f">{REASON}</textarea>" in _withdraw_form(refused.content.decode())
    # Too long: refused beside the box, her words kept, nothing changed.
    long = "あ" * 201
    refused = mine.post(url, {"reason": long, "confirm": "on"})
    form = _withdraw_form(refused.content.decode())
    assert refused.status_code == 422 and f">{long}</textarea>" in form
    assert "理由は200文字以内" in form and 'aria-invalid="true" autofocus' in form
    application.refresh_from_db()
    assert application.status != ApplicationStatus.WITHDRAWN
    mine.post(url, {"reason": REASON, "confirm": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    event = application.events.get(to_status=ApplicationStatus.WITHDRAWN)
    assert event.note == REASON
    assert REASON in mine.get(f"/me/applications/{application.pk}/").content.decode()
    assert REASON in client_for(employer).get(f"/applicants/{application.pk}/").content.decode()
    [told] = mail_sent(smtp_inbox)
    body = text_of(told)
    assert "辞退の理由が添えられています" in body and REASON not in body
    # 退会 erases her words with her other notes.
    mydata.account_delete(user=profiled_seeker)
    assert ApplicationEvent.objects.get(pk=event.pk).note == ""


def test_without_a_reason_the_withdrawal_is_as_before(
    application: Application, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    mail_drained(smtp_inbox)
    client_for(profiled_seeker).post(f"/me/applications/{application.pk}/withdraw/", {"confirm": "on"})
    application.refresh_from_db()
    assert application.events.get(to_status=ApplicationStatus.WITHDRAWN).note == ""
    [told] = mail_sent(smtp_inbox)
    assert "辞退の理由" not in text_of(told)


def test_the_api_takes_the_reason_too(
    application: Application, profiled_seeker: User, employer: User, smtp_inbox: Inbox
) -> None:
    """`POST /api/v1/me/applications/{id}/withdraw` with `{"reason": …}`: the page's rules; a body that breaks
    them, or names a field that is not there, is a 422 in Japanese with nothing changed."""
    mail_drained(smtp_inbox)
    mine = client_for(profiled_seeker)
    url = f"/api/v1/me/applications/{application.pk}/withdraw"
    refused = mine.post(url, {"reason": "あ" * 201}, content_type="application/json")
    assert refused.status_code == 422 and "理由は200文字以内" in refused.json()["errors"]["reason"][0]
    refused = mine.post(url, {"reason": "<b>辞退</b>"}, content_type="application/json")
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    refused = mine.post(url, {"reasn": REASON}, content_type="application/json")
    assert refused.status_code == 422 and "reasn" in refused.json()["errors"]
    application.refresh_from_db()
    assert application.status != ApplicationStatus.WITHDRAWN and not mail_sent(smtp_inbox)
    answer = mine.post(url, {"reason": REASON}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "withdrawn"
    assert application.events.get(to_status=ApplicationStatus.WITHDRAWN).note == REASON
    [told] = mail_sent(smtp_inbox)
    assert "辞退の理由" in text_of(told) and REASON not in text_of(told)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="no body, no Content-Type"),
        pytest.param({"data": b"", "content_type": "application/json"}, id="empty JSON body"),
        pytest.param({"data": b"{}", "content_type": "application/json"}, id="empty object"),
    ],
)
def test_the_api_without_a_reason_withdraws_as_before(
    application: Application, profiled_seeker: User, body: dict[str, object]
) -> None:
    # As clients written before the reason existed call it: with nothing to send.
    url = f"/api/v1/me/applications/{application.pk}/withdraw"
    answer = client_for(profiled_seeker).generic("POST", url, **body)
    assert answer.status_code == 200 and answer.json()["status"] == "withdrawn"
    assert application.events.get(to_status=ApplicationStatus.WITHDRAWN).note == ""
