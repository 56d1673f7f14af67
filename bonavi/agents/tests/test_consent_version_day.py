"""The registration consent's version names the day its text took effect (ADR 0125): in November 2026 it said
「版 2027-01」, a month to come, on her pages and the adviser's. Stored versions are renamed by migration 0021."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps

from bonavi.agents import services
from bonavi.agents.models import AuditAction, AuditEvent, Candidate
from bonavi.agents.tests.factories import register
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


def test_the_version_is_the_day_its_text_took_effect_and_that_day_has_come() -> None:
    version = services.CONSENT_VERSION
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(-\d+)?", version), version  # a day, a second text of it 「-2」
    assert dt.date.fromisoformat(version[:10]) == services.CONSENT_EFFECTIVE_ON <= today_jst()


def test_her_pages_and_the_advisers_say_the_version_by_its_day(setup, seeker, client) -> None:
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    assert f"利用目的（版 {services.CONSENT_VERSION}・2026年11月27日から）" in page
    candidate = register(setup, seeker)
    assert candidate.consent_version == services.CONSENT_VERSION
    assert AuditEvent.objects.filter(
        candidate=candidate,
        action=AuditAction.REGISTERED,
        detail__contains=f"利用目的に同意：版 {services.CONSENT_VERSION}）",
    ).exists()
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert f"同意した利用目的（版 {services.CONSENT_VERSION}・" in page
    assert "2027-01" not in page
    client.force_login(seeker)
    assert f"版 {services.CONSENT_VERSION}・" in client.get(f"/me/agency/{candidate.pk}/").content.decode()


def test_the_migration_renames_the_month_labels_stored_and_keeps_the_texts(setup, seeker) -> None:
    migration = importlib.import_module(
        "bonavi.agents.migrations.0021_hearing_wage_units_consent_version_days"
    )
    candidate = register(setup, seeker)
    others = []
    for old in ("2026-11", "2026-12", "2027-01"):
        Candidate.objects.filter(pk=candidate.pk).update(consent_version=old, consent_purposes=f"文面 {old}")
        migration.rename_versions(apps, None)
        others.append(
            Candidate.objects.values_list("consent_version", "consent_purposes").get(pk=candidate.pk)
        )
    assert others == [
        ("2026-11-25", "文面 2026-11"),
        ("2026-11-26", "文面 2026-12"),
        ("2026-11-26-2", "文面 2027-01"),
    ]
    migration.restore_versions(apps, None)
    assert Candidate.objects.get(pk=candidate.pk).consent_version == "2027-01"


def test_the_migration_renames_the_versions_in_stored_audit_lines_too(setup, seeker) -> None:
    """Her 記録 and the adviser's read the version in AuditEvent.detail: the same mapping, whole names only
    (「版 2026-11」 is a prefix of 「版 2026-11-25」), and back."""
    migration = importlib.import_module(
        "bonavi.agents.migrations.0021_hearing_wage_units_consent_version_days"
    )
    candidate = register(setup, seeker)
    stored = [
        "みなとへ求職申込み（利用目的に同意：版 2027-01）",
        "利用目的への同意を更新（版 2026-11 → 版 2026-12）",
        "利用目的への同意を更新（版 2026-12 → 版 2027-01）",
        "版 2026-11を読んだ",
        "メモ：2026-11 の面談",  # no 「版 」: not a version, left alone
    ]
    events = [
        AuditEvent.objects.create(
            candidate=candidate, actor_label="x", action=AuditAction.REGISTERED, detail=d
        )
        for d in stored
    ]

    def details() -> list[str]:
        return [AuditEvent.objects.get(pk=e.pk).detail for e in events]

    migration.rename_versions(apps, None)
    assert details() == [
        "みなとへ求職申込み（利用目的に同意：版 2026-11-26-2）",
        "利用目的への同意を更新（版 2026-11-25 → 版 2026-11-26）",
        "利用目的への同意を更新（版 2026-11-26 → 版 2026-11-26-2）",
        "版 2026-11-25を読んだ",
        "メモ：2026-11 の面談",
    ]
    migration.rename_versions(apps, None)  # run twice (a re-applied step): nothing renamed again
    assert details()[1] == "利用目的への同意を更新（版 2026-11-25 → 版 2026-11-26）"
    migration.restore_versions(apps, None)
    assert details() == stored
