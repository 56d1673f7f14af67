"""Application mail (to the applicant and to the 採用担当) is signed once, with the operator's name."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.notifications.models import MessageKind, OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_received_employer_and_status_mails_are_signed_once(
    profiled_seeker: User, posting: JobPosting, employer: User, settings
) -> None:
    settings.OPERATOR_NAME = "株式会社テスト運営"
    application = services.application_create(user=profiled_seeker, posting_id=posting.pk)
    services.application_move(user=employer, application=application, to_status=ApplicationStatus.SCREENING)
    mails = list(OutboxMessage.objects.order_by("id"))
    assert {m.to_email for m in mails} == {profiled_seeker.email, employer.email}
    assert len(mails) >= 3  # received (applicant), new application (employer), status (applicant)
    for m in mails:
        assert m.kind == MessageKind.APPLICATION
        assert m.body_text.count("\n--\n") == 1
        assert "\n--\n株式会社テスト運営\n" in m.body_text
