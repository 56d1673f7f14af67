"""The worker and the retention command also delete week-old pending sign-ups (accounts, ADR 0071)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bonavi.accounts.models import PendingSignup
from bonavi.accounts.services import pending_signups_purge
from bonavi.notifications.worker import duties

pytestmark = pytest.mark.django_db


def _pending(email: str, days_ago: float) -> None:
    PendingSignup.objects.create(email=email, created_at=timezone.now() - dt.timedelta(days=days_ago))


def test_the_worker_runs_the_purge_hourly() -> None:
    duty = {d.name: d for d in duties()}["pending_signups_purge"]
    assert duty.every == 3600 and duty.run is pending_signups_purge
    _pending("old@example.com", 7.01)
    _pending("recent@example.com", 6.9)
    assert duty.run() == 1
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["recent@example.com"]


def test_the_retention_command_purges_too_for_sites_without_the_worker() -> None:
    _pending("old@example.com", 8)
    out = io.StringIO()
    call_command("outbox_retention", stdout=out)
    assert not PendingSignup.objects.exists() and "仮登録 1件を削除しました" in out.getvalue()
