"""The worker keeps the XML job feed's files up to date (ADR 0081), in a thread so the outbox keeps going."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bonavi.accounts.models import User
from bonavi.jobs import feed_files
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.worker import duties


@pytest.mark.django_db(transaction=True)  # the build runs in a thread of its own, on its own connection
def test_the_worker_rebuilds_the_feed_in_a_thread(settings: Any, tmp_path: Path, employer: User) -> None:
    settings.FEED_DIR = tmp_path / "feeds"
    assert employer.organization is not None
    posting = make_posting(employer.organization)
    duty = {d.name: d for d in duties()}["job_feed"]
    assert duty.every == feed_files.REFRESH_SECONDS <= 15 * 60
    assert duty.run() == "started"
    thread = feed_files._background
    assert thread is not None
    thread.join(30)
    assert not thread.is_alive()
    assert f"bonavi-{posting.pk}]".encode() in (tmp_path / "feeds" / "jobs.xml").read_bytes()
    assert not feed_files.feed_stale()
