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


def test_a_long_title_is_cut_with_an_ellipsis_in_every_subject(
    profiled_seeker: User, posting: JobPosting, employer: User
) -> None:
    posting.title = "経理" * 40 + "末尾"  # 82 characters
    posting.save(update_fields=["title"])
    application = services.application_create(user=profiled_seeker, posting_id=posting.pk)
    services.application_move(user=employer, application=application, to_status=ApplicationStatus.SCREENING)
    subjects = list(OutboxMessage.objects.order_by("id").values_list("subject", flat=True))
    assert len(subjects) >= 3
    for subject in subjects:
        assert "末尾" not in subject
        assert "経理経…）" in subject, subject
