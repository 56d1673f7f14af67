"""Her matches, opened again, are not scored again (ADR 0162, addendum s22): the page and the API show the same
list from the remembered choice, and a posting changed in between is ranked afresh; the pool is read from an index."""

from __future__ import annotations

import pytest
from django.db import connection

from bonavi.agents import selectors
from bonavi.agents.matching import POOL
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching import services as matching


def test_the_matches_api_opened_again_scores_nothing_and_sees_a_changed_posting(
    client, setup, candidate, employer, monkeypatch
):
    for n in range(4):
        make_posting(
            employer.organization, title=f"経理事務スタッフ{n}", prefecture="13", subrole="accounting_clerk"
        )
    osaka = make_posting(
        employer.organization, title="経理事務（大阪）", prefecture="27", subrole="accounting_clerk"
    )
    scored: list[int] = []
    real = matching.quick_score

    def counting(profile, j):
        scored.append(j.posting_id)
        return real(profile, j)

    monkeypatch.setattr(matching, "quick_score", counting)
    client.force_login(setup.ca)
    url = f"/api/v1/agent/candidates/{candidate.pk}/matches"

    first = client.get(url).json()
    assert len(scored) == 5 and len(first) == 5
    assert any(r["topic"] == "勤務地" for r in {m["posting_id"]: m for m in first}[osaka.pk]["missed"])
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    again = client.get(url).json()

    assert len(scored) == 5  # neither the page nor the API scored the pool again
    assert again == first
    assert all(m["title"] in page for m in first)
    # The Osaka job moves to Tokyo (saved: a new updated_at): the pool is ranked afresh and it says so.
    posting = JobPosting.objects.get(pk=osaka.pk)
    posting.prefecture, posting.municipality = "13", "千代田区"
    posting.save()
    moved = {m["posting_id"]: m for m in client.get(url).json()}
    assert len(scored) == 10
    assert any(r["topic"] == "勤務地" for r in moved[osaka.pk]["met"])
    assert not any(r["topic"] == "勤務地" for r in moved[osaka.pk]["missed"])


def test_the_matching_pool_is_read_in_date_order_from_an_index(setup, employer):
    """The pool query (the newest live postings, public or the agency's own) walks job_live_recent and stops at the
    pool's size: with the OR of the two kinds SQLite read every published posting and sorted them (ADR 0162)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan: PostgreSQL's is in docs/benchmarks.md")
    private_order(setup, employer.organization)
    make_posting(employer.organization)
    staff = selectors.staff_of(setup.ca)
    pool = selectors.postings_for_staff(staff).order_by("-date_posted", "-id").values_list("pk", "updated_at")
    sql, params = pool[:POOL].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
    assert "INDEX job_live_recent" in plan and "TEMP B-TREE" not in plan, plan
