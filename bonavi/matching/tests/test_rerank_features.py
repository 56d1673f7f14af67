"""The re-ranker's whole-profile features (ADR 0067): the e5 centroid cosine and the query-likelihood scores,
their leave-out paths used by the evaluation, and the shipped classifier using them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bonavi.matching import reranker as R
from bonavi.matching.classifier import LexicalIndex, SemanticIndex, default_classifier
from bonavi.matching.evaluation import evaluate
from bonavi.matching.terms import content_terms
from bonavi.matching.tests.test_reranker import _HashEmbedder, tiny_jobtag  # noqa: F401 (fixture)


def _index(rows: list[list[str]], tasks: list[bool] | None = None) -> LexicalIndex:
    n = len(rows)
    return LexicalIndex(rows, np.arange(n), np.array(tasks or [False] * n), n)


def test_query_likelihood_prefers_the_profile_a_word_is_a_larger_share_of() -> None:
    idx = _index(
        [["仕訳", "仕訳", "決算"], ["仕訳", "採用", "面接", "研修", "給与", "勤怠"], ["野菜", "煮込む"]]
    )
    s = idx.lm_scores(["仕訳"], mu=3.0)  # profiles of a few words: a prior of their size
    assert s[0] > s[1] > s[2]
    assert np.allclose(idx.lm_scores(["未知語"]), 0.0)  # a word no profile has says nothing


def test_query_likelihood_counts_repeated_words() -> None:
    idx = _index([["仕訳", "決算"], ["採用", "仕訳", "面接", "研修"]])
    once, twice = idx.lm_scores(["仕訳"], mu=3.0), idx.lm_scores(["仕訳", "仕訳"], mu=3.0)
    assert (twice[0] - twice[1]) > (once[0] - once[1]) > 0


def test_query_likelihood_leave_out_path_matches_the_plain_one() -> None:
    idx = _index([["仕訳", "決算"], ["採用", "面接"], ["仕訳", "採用"]], tasks=[True, False, False])
    q = ["仕訳", "採用", "仕訳"]
    plain = idx.lm_scores(q)
    assert np.allclose(idx.lm_scores(q, replace=(2, idx.counts[2])), plain)
    without = idx.lm_scores(q, replace=(0, idx.counts[0] - Counter(["仕訳"])))
    assert without[0] < plain[0] and np.allclose(without[1:], plain[1:])
    # own-tasks-out: occupation 0 loses its task row (the one with 仕訳) and keeps its description row
    two = LexicalIndex(
        [["仕訳", "決算"], ["決算", "監査"], ["採用", "面接"], ["仕訳", "採用"]],
        np.array([0, 0, 1, 2]),
        np.array([True, False, False, False]),
        3,
    )
    assert two.counts_notask[0] == Counter(["決算", "監査"])
    assert (
        two.lm_scores(["仕訳"], mu=3.0, replace=(0, two.counts_notask[0]))[0]
        < two.lm_scores(["仕訳"], mu=3.0)[0]
    )


def test_centroid_cosine_and_its_leave_out_path() -> None:
    rng = np.random.default_rng(2)
    emb = rng.normal(size=(5, 8)).astype(np.float32)
    sem = SemanticIndex(emb, np.array([0, 0, 1, 1, 1]), 3)
    q = rng.normal(size=(1, 8)).astype(np.float32)
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    qn = q[0] / np.linalg.norm(q[0])
    c0 = unit[:2].sum(axis=0)
    s = sem.centroid_scores(q)
    assert s[0] == pytest.approx(float(qn @ c0 / np.linalg.norm(c0)), abs=1e-5)
    assert s[2] == 0.0  # an occupation without rows
    # leaving row 1 out: the centroid is row 0 alone
    alone = sem.centroid_scores(q, replace=(0, sem.sums[0] - unit[1]))
    assert alone[0] == pytest.approx(float(qn @ unit[0]), abs=1e-5)
    assert np.allclose(alone[1:], s[1:])


def test_evaluation_leaves_the_queried_statements_out_of_the_likelihood(
    tiny_jobtag: Path,  # noqa: F811 (the imported fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The target's counts handed to lm_scores follow the protocol: without the queried statement's words
    (held-out-sim) or without its task statements (own-tasks-out) — never the full profile."""
    seen = {"held-out": 0, "own-tasks": 0, "centroid": 0}
    real = LexicalIndex.lm_scores
    real_centroid = SemanticIndex.centroid_scores

    def spy(self: LexicalIndex, terms: list[str], **kw: Any) -> np.ndarray:
        if kw.get("replace") is not None:
            occ, counts = kw["replace"]
            if counts == self.counts[occ] - Counter(terms):
                seen["held-out"] += 1
            else:
                assert counts == self.counts_notask[occ]
                seen["own-tasks"] += 1
            assert counts != self.counts[occ]
        return real(self, terms, **kw)

    def spy_centroid(self: SemanticIndex, queries: np.ndarray, **kw: Any) -> np.ndarray:
        if kw.get("replace") is not None:
            occ, row_sum = kw["replace"]
            assert not np.allclose(row_sum, self.sums[occ])  # some of the target's rows were taken out
            seen["centroid"] += 1
        return real_centroid(self, queries, **kw)

    monkeypatch.setattr(LexicalIndex, "lm_scores", spy)
    monkeypatch.setattr(SemanticIndex, "centroid_scores", spy_centroid)
    evaluate(tiny_jobtag, embedder=_HashEmbedder())
    assert seen["held-out"] > 0 and seen["own-tasks"] > 0 and seen["centroid"] > 0


def test_shipped_reranker_uses_the_whole_profile_features() -> None:
    clf = default_classifier()
    assert clf.reranker is not None
    coef = dict(zip(R.FEATURES, clf.reranker.coef, strict=True))
    assert abs(coef["centroid_z"]) > 0.05 and abs(coef["lm_bigrams_z"]) > 0.05 and coef["lm_words_z"] != 0.0
    text = ["会計ソフトへの仕訳入力と月次決算の補助を担当した。", "経費精算をチェックした。"]
    words = clf.lexical.lm_scores([t for s in text for t in content_terms(s)])
    assert "経理事務" in [clf.occupations[int(i)].title for i in np.argsort(-words)[:10]]
    # the features reach the re-ranked scores: without their weights the scores change
    with_lm, _ = clf.combined(text)
    saved = clf.reranker.coef.copy()
    try:
        clf.reranker.coef[[R.FEATURES.index(f) for f in ("centroid_z", "lm_words_z", "lm_bigrams_z")]] = 0.0
        without_lm, _ = clf.combined(text)
    finally:
        clf.reranker.coef = saved
    assert not np.allclose(with_lm, without_lm)
