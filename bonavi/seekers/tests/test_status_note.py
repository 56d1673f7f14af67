"""The employer's 連絡事項 rides on the status e-mail BOナビ sends to the applicant: it must not ask the applicant
for what an employer may not collect (本籍, the family's jobs, 思想信条 …; 職業安定法5条の5 and its 指針), by the
page or by the API. A note that tells the applicant such things are not needed is fine."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers.models import Application, ApplicationEvent

pytestmark = pytest.mark.django_db

ASKS = [
    "面接の際に本籍地と家族構成をお伺いしますので、ご準備ください。",
    "ご両親の職業を面接でお聞きします。",
    "当日は支持政党についても質問します。",
]


def _employer_client(employer: User) -> Client:
    client = Client()
    client.force_login(employer)
    return client


@pytest.mark.parametrize("note", ASKS)
def test_a_note_asking_for_prohibited_personal_data_is_refused_on_the_page(
    employer: User, application: Application, note: str
) -> None:
    mails_before = OutboxMessage.objects.count()
    response = _employer_client(employer).post(
        f"/applicants/{application.pk}/", {"status": "screening", "note": note}
    )
    assert response.status_code == 422
    assert "集めてはいけない個人情報" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "applied"
    assert not ApplicationEvent.objects.filter(application=application, to_status="screening").exists()
    assert OutboxMessage.objects.count() == mails_before


def test_a_note_asking_for_prohibited_personal_data_is_refused_by_the_api(
    employer: User, application: Application
) -> None:
    response = _employer_client(employer).post(
        f"/api/v1/employer/applications/{application.pk}/status",
        {"status": "interview", "note": ASKS[0]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "集めてはいけない個人情報" in response.json()["errors"]["note"][0]
    application.refresh_from_db()
    assert application.status == "applied"


def test_a_note_saying_such_data_is_not_needed_goes_through(employer: User, application: Application) -> None:
    note = "履歴書に本籍の記入は不要です。面接日程は追ってご連絡します。"
    response = _employer_client(employer).post(
        f"/applicants/{application.pk}/", {"status": "screening", "note": note}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "screening"
