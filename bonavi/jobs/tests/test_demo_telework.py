"""The demo generator's テレワーク agrees with the words it writes: a 「フルリモート」 job does not say it is worked at
the head office, a job without telework does not offer 在宅勤務 in its title, and a dispatch is never full remote."""

from __future__ import annotations

from collections import Counter

from bonavi.jobs.generator import Company, generate_postings
from bonavi.jobs.models import Telework

COMPANIES = [Company(1, "株式会社テスト商事", "宮城県仙台市青葉区1-1", "022-000-0000")]


def test_the_remote_setting_matches_the_generated_text() -> None:
    # The demo's own seed (bonavi demo → postings_seed(seed=2026)) and another.
    postings = [
        *generate_postings(count=1500, companies=COMPANIES, seed=2026),
        *generate_postings(count=1500, companies=COMPANIES, seed=3),
    ]
    assert set(Counter(p.telework for p in postings)) == set(Telework.values)
    for p in postings:
        said = p.title + p.duties
        if p.telework == Telework.FULL:
            assert "フルリモート" in p.duties and "での勤務です" not in p.duties, (p.telework, p.duties)
            assert not p.is_dispatch  # the work is at the client's premises
        elif p.telework == Telework.PARTIAL:
            assert "在宅" in p.duties and "フルリモート" not in said, (p.telework, p.duties)
        else:
            assert "在宅" not in said and "リモート" not in said, (p.telework, p.title, p.duties)
