"""The worker deletes week-old 採用担当 invitations (accounts, ADR 0078)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bonavi.accounts import services
from bonavi.accounts.models import TeamInvitation, User
from bonavi.notifications.worker import duties

pytestmark = pytest.mark.django_db


def test_the_worker_deletes_week_old_invitations_hourly(employer: User) -> None:
    org = employer.organization
    assert org is not None
    for email, age in (
        ("old@test.example", services.TEAM_INVITATION_KEEP_DAYS + 0.01),
        ("recent@test.example", 6.9),
    ):
        TeamInvitation.objects.create(
            organization=org,
            email=email,
            invited_by=employer,
            created_at=timezone.now() - dt.timedelta(days=age),
        )
    duty = {d.name: d for d in duties()}["team_invitations_purge"]
    assert duty.every == 3600 and duty.run is services.team_invitations_purge
    assert duty.run() == 1
    assert list(TeamInvitation.objects.values_list("email", flat=True)) == ["recent@test.example"]
    assert services.team_invitations_purge() == 0


def test_the_retention_command_purges_invitations_for_sites_without_the_worker(employer: User) -> None:
    assert employer.organization is not None
    TeamInvitation.objects.create(
        organization=employer.organization,
        email="old@test.example",
        invited_by=employer,
        created_at=timezone.now() - dt.timedelta(days=services.TEAM_INVITATION_KEEP_DAYS + 1),
    )
    out = io.StringIO()
    call_command("outbox_retention", stdout=out)
    assert not TeamInvitation.objects.exists() and "採用担当の招待 1件を削除しました" in out.getvalue()
