"""The demo data generator writes lawful postings: the compliance checker finds no error in any of them."""

from __future__ import annotations

import datetime as dt

from bonavi.compliance.checker import check_facts
from bonavi.jobs.facts import posting_facts
from bonavi.jobs.generator import Company, generate_postings
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.services import posting_findings


def test_generated_postings_have_no_error_findings_on_any_date() -> None:
    companies = [Company(i, f"株式会社デモ{i}", "東京都千代田区1-1", "03-0000-0000") for i in range(1, 30)]
    postings = list(generate_postings(count=3000, companies=companies, seed=11))
    for day in (dt.date(2025, 10, 1), dt.date(2026, 11, 15), dt.date(2027, 3, 31)):
        for p in postings[:1000] if day.year != 2026 else postings:
            facts = posting_facts(p)
            facts.updated_on = day  # the stored row's 情報更新日 is the day it was saved
            facts.valid_through = None
            errors = [f for f in check_facts(facts, on=day) if f.is_error]
            assert errors == [], (p.title, p.prefecture, p.wage_unit, p.wage_min, errors)


def test_seeded_postings_have_no_error_findings(db) -> None:
    postings_seed(count=200, seed=5)
    seeded = JobPosting.objects.filter(status=PostingStatus.PUBLISHED)
    assert seeded.count() == 200
    for p in seeded:
        assert [f for f in posting_findings(p) if f.is_error] == [], p.title
