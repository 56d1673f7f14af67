"""The index follows Django's flush (which ends every transactional/live-server test), so ids reused after it
never meet stale index rows."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bonavi.jobs.tests.factories import make_posting
from bonavi.search.backends import get_backend


@pytest.mark.django_db(transaction=True)
def test_flush_clears_the_index(employer):
    make_posting(employer.organization, title="経理")
    assert get_backend().indexed_count() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert get_backend().indexed_count() == 0
