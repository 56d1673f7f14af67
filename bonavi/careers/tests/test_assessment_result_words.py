"""The 適職診断 result a seeker reads names how near each job is in words only: 「遠い（-0.36）」 showed a signed
correlation that means nothing to her (and a minus reads as a mark against her). The API keeps the figure."""

from __future__ import annotations

import re

import pytest

from bonavi.careers.tests.test_pages import answers

pytestmark = pytest.mark.django_db


def test_the_result_page_shows_labels_without_their_scores(client, ref) -> None:
    body = client.post("/careers/assessment/", answers()).content.decode()
    fits = re.findall(r'<span class="fit">([^<]*)</span>', body)
    assert len(fits) >= 6 + 10  # six families, ten occupations
    assert set(fits) <= {"とても近い", "近い", "やや近い", "遠い"}
    assert not re.search(r"（-?[01]\.\d\d）", body)


def test_a_saved_result_reads_the_same(client, seeker, ref) -> None:
    from bonavi.careers.models import SavedAssessment

    client.force_login(seeker)
    client.post("/careers/assessment/save/", {**answers(), "scope": "all"})
    saved = SavedAssessment.objects.get(user=seeker)
    body = client.get(f"/careers/saved/assessment/{saved.pk}/").content.decode()
    assert '<span class="fit">' in body and not re.search(r"（-?[01]\.\d\d）", body)
