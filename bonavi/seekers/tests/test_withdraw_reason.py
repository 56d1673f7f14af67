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
