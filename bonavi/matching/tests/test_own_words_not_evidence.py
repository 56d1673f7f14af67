"""Matching reads a posting's title, 業務内容 and 必要な経験 — not its own words (仕事の魅力・職場の様子, 求める人物像;
ADR 0128): they describe the workplace and the person wished for, not the work, so the occupation classifier,
the content terms and the match's evidence are those of the posting without them."""

from __future__ import annotations

import pytest

from bonavi.jobs.tests.factories import make_posting
from bonavi.matching import services
from bonavi.matching.models import PostingFeatures

# Words that would be evidence if read: another trade's duties, and personality words.
APPEAL = "人事チームとは給与計算や年末調整でも連携しています。社員の採用面接にも同席できます。"
IDEAL = "・明るく前向きな方\n・コミュニケーション力のある方\n・社会保険労務士の勉強中の方"


@pytest.mark.django_db
def test_the_own_words_change_no_feature_and_no_match(employer) -> None:
    org = employer.organization
    plain = make_posting(org, title="経理事務", duties="伝票の起票と仕訳入力、月次決算の補助")
    worded = make_posting(
        org,
        title="経理事務",
        duties="伝票の起票と仕訳入力、月次決算の補助",
        appeal=APPEAL,
        ideal_candidate=IDEAL,
    )
    assert services.derived_features(worded) == services.derived_features(plain)
    a, b = services.job_facts(plain), services.job_facts(worded)
    assert (a.occupations, a.terms, a.text) == (b.occupations, b.terms, b.text)
    assert "給与" not in b.terms and "コミュニケーション" not in b.terms
    assert set(PostingFeatures.objects.get(posting=worded).terms) == set(a.terms)
    # and saving new words leaves the stored features as they were
    worded.appeal = "給与計算の経験を生かせます。"
    worded.save(update_fields=["appeal"])
    assert set(PostingFeatures.objects.get(posting=worded).terms) == set(a.terms)
