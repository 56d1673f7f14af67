"""`bonavi bench_pages` (ADR 0162): it makes its data through the services, opens every page it lists with a 200,
and prints the table; a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bonavi.agents.bench_data import Sizes
from bonavi.agents.models import Candidate, Placement, Proposal
from bonavi.jobs.models import JobPosting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def test_scaled_sizes_keep_the_postings_and_at_least_one_of_each():
    tenth = Sizes().scaled(0.1)
    assert (tenth.postings, tenth.employer_applications, tenth.candidates) == (10_000, 200, 50)
    assert Sizes().scaled(0.001).seeker_documents == 1


def test_the_command_measures_every_page_and_makes_its_data_once():
    out = io.StringIO()
    call_command("bench_pages", postings=150, runs=1, scale=0.01, stdout=out)
    text = out.getvalue()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`/" in line]
    urls = [row.split("`")[1] for row in rows]
    assert len(rows) == 21 and urls[0] == "/terms/"
    for expected in ("/search/?q=経理&pref=13", "/me/profile/", "/applicants/", "/agent/?q=", "seeker.csv"):
        assert any(expected in url for url in urls), expected
    assert "求人（うち公開）：150" in text and "紹介会社の求職者・提案・入社：5・3・1" in text
    made = (
        JobPosting.objects.count(),
        Application.objects.count(),
        Candidate.objects.count(),
        Proposal.objects.count(),
        Placement.objects.count(),
    )

    call_command("bench_pages", postings=150, runs=1, scale=0.01, stdout=io.StringIO())

    assert (
        JobPosting.objects.count(),
        Application.objects.count(),
        Candidate.objects.count(),
        Proposal.objects.count(),
        Placement.objects.count(),
    ) == made


def test_a_scale_out_of_range_is_refused_in_japanese():
    with pytest.raises(CommandError, match="--scale は0より大きく1以下"):
        call_command("bench_pages", postings=150, scale=2, stdout=io.StringIO())
