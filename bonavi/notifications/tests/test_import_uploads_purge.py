"""The worker deletes expired bulk-import uploads of every organisation, not only of one that uploads again: an
upload keeps every cell of the employer's spreadsheet (jobs, ADR 0082)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs import bulk_import
from bonavi.jobs.models import PostingImportUpload
from bonavi.notifications.worker import duties

pytestmark = pytest.mark.django_db
TTL = bulk_import.UPLOAD_TTL.total_seconds() / 60  # minutes


def _upload(user: User, *, age_minutes: float, used: bool = False) -> PostingImportUpload:
    created = clock.now() - dt.timedelta(minutes=age_minutes)
    assert user.organization is not None
    return PostingImportUpload.objects.create(
        organization=user.organization,
        created_by=user,
        filename="求人.csv",
        table={"headers": ["担当者"], "rows": [[2, ["山田花子 090-1234-5678"]]]},
        report={},
        created_at=created,
        used_at=created if used else None,
    )


def test_the_worker_deletes_expired_uploads_hourly(employer: User, other_employer: User) -> None:
    expired = _upload(employer, age_minutes=TTL + 1)
    imported = _upload(other_employer, age_minutes=TTL + 60, used=True)
    fresh = _upload(employer, age_minutes=TTL - 1)
    duty = {d.name: d for d in duties()}["import_uploads_purge"]
    assert duty.every == 3600 and duty.run is bulk_import.import_uploads_purge
    assert duty.run() == 2
    assert list(PostingImportUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not PostingImportUpload.objects.filter(pk__in=[expired.pk, imported.pk]).exists()
    assert bulk_import.import_uploads_purge() == 0


def test_the_retention_command_deletes_them_for_sites_without_the_worker(employer: User) -> None:
    _upload(employer, age_minutes=TTL + 60)
    out = io.StringIO()
    call_command("outbox_retention", stdout=out)
    assert not PostingImportUpload.objects.exists()
    assert "求人一括登録のアップロード 1件を削除しました" in out.getvalue()
