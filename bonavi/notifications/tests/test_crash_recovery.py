"""Kill the digest worker at every step, restart it, and check: no digest lost, no posting sent twice.

The worker is a real `bonavi send_digests` process against the test database and a real SMTP server; it is
killed with SIGKILL (no cleanup at all) at a named crash point, then started again without one. The only
duplicate allowed is the one no design can avoid — the SMTP server accepted the mail and the process died
before recording it — and that copy must carry the same Message-ID.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.jobs.models import Visibility
from bonavi.notifications import crashpoints
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import DigestSection, MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.helpers import due_search, posted
from bonavi.notifications.tests.smtp import Inbox, send_by_smtp, text_of

pytestmark = pytest.mark.django_db(transaction=True)
LEASE_SECONDS = 1


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def run_worker(smtp: Inbox, crash_at: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bonavi.notifications.tests.worker_settings",
        DATABASE_URL=_database_url(),
        EMAIL_PORT=str(smtp.port),
        OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
        BONAVI_CRASH_AT=crash_at,
    )
    return subprocess.run(
        [sys.executable, "-m", "bonavi", "send_digests"], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def scene(employer: User) -> dict[str, Any]:
    """Two seekers; one has two due searches. Three matching public postings and one private one."""
    org = employer.organization
    assert org is not None
    alice = User.objects.create_user(
        email="alice@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    bob = User.objects.create_user(email="bob@test.example", password="pw-Long-enough-1", role=Role.SEEKER)
    due_search(alice, "q=経理", name="経理")
    due_search(alice, "pref=14", name="神奈川")
    due_search(bob, "q=経理&pref=13", name="東京の経理")
    return {
        "alice": alice,
        "bob": bob,
        "tokyo": posted(org, title="経理スタッフ（東京）"),
        "yokohama": posted(org, title="経理スタッフ（横浜）", prefecture="14", municipality="横浜市"),
        "tokyo2": posted(org, title="経理リーダー（東京）", ago=dt.timedelta(minutes=20)),
        "private": posted(org, title="経理部長候補（非公開）", visibility=Visibility.PRIVATE),
    }


def _by_recipient(msgs: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for m in msgs:
        out.setdefault(str(m["To"]), []).append(m)
    return out


def _check_complete(scene: dict[str, Any], msgs: list[Any], *, duplicates_allowed: bool) -> None:
    """Each seeker got their digest with exactly their postings; copies (if allowed) are identical resends."""
    got = _by_recipient(msgs)
    assert set(got) == {"alice@test.example", "bob@test.example"}
    for email, copies in got.items():
        if not duplicates_allowed:
            assert len(copies) == 1, f"{email} received {len(copies)} copies"
        assert len({str(c["Message-ID"]).strip() for c in copies}) == 1  # a resend folds into the original
        body = text_of(copies[0])
        assert scene["private"].title not in body
        if email.startswith("alice"):
            for key in ("tokyo", "yokohama", "tokyo2"):
                assert scene[key].title in body
            assert "■ 経理（新着 3件）" in body and "■ 神奈川（新着 1件）" in body
        else:
            assert scene["tokyo"].title in body and scene["tokyo2"].title in body
            assert scene["yokohama"].title not in body
    # The records agree: one sent message per person, each posting listed once per saved search.
    assert OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == 2
    assert not OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists()
    listed: dict[int | None, list[int]] = {}
    for section in DigestSection.objects.all():
        listed.setdefault(section.saved_search_id, []).extend(section.posting_ids)
    assert all(len(ids) == len(set(ids)) for ids in listed.values())
    assert sum(len(ids) for ids in listed.values()) == 3 + 1 + 2


@pytest.mark.parametrize("point", crashpoints.ALL)
def test_killed_worker_loses_nothing_and_resends_only_the_accepted_window(
    point: str, scene: dict[str, Any], smtp_server: Inbox, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = run_worker(smtp_server, crash_at=point)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    before_restart = len(smtp_server.wait_for(1, timeout=0.3))
    # Where the process died decides what could have reached the server before the crash.
    expected_before = {
        crashpoints.DIGEST_CHOSEN: 0,
        crashpoints.DIGEST_BUILT: 0,
        crashpoints.OUTBOX_RENDERED: 0,
        crashpoints.OUTBOX_ACCEPTED: 1,
        crashpoints.OUTBOX_RECORDED: 1,
    }[point]
    assert before_restart == expected_before

    # Restart (the same code, in this process, so the test stays quick) once the killed worker's lease on its
    # claimed messages has run out.
    send_by_smtp(settings, smtp_server.port)
    settings.OUTBOX_LEASE_SECONDS = LEASE_SECONDS
    after_lease = timezone.now() + dt.timedelta(seconds=LEASE_SECONDS + 1)
    monkeypatch.setattr(clock, "now", lambda: after_lease)
    digests_prepare()
    outbox_drain()
    window = point == crashpoints.OUTBOX_ACCEPTED
    msgs = smtp_server.wait_for(3 if window else 2)
    assert len(msgs) == (3 if window else 2)
    _check_complete(scene, msgs, duplicates_allowed=window)

    # Later passes: nothing already sent goes out again, and a new posting goes out alone.
    org = scene["tokyo"].organization
    fresh = posted(org, title="経理スタッフ（再起動後の新着）", ago=dt.timedelta(seconds=0))
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    digests_prepare(now=later)
    outbox_drain()
    after = smtp_server.wait_for(len(msgs) + 2)
    new = after[len(msgs) :]
    assert sorted(str(m["To"]) for m in new) == ["alice@test.example", "bob@test.example"]
    for m in new:
        body = text_of(m)
        assert fresh.title in body
        for key in ("tokyo", "yokohama", "tokyo2", "private"):
            assert scene[key].title not in body
