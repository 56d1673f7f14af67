"""A learned re-ranker over the classifier's candidate occupations (ADR 0066).

The first stage (lexical TF-IDF + e5, ADR 0060) ranks all 556 occupations. Its top RERANK_CANDIDATES are then
scored by a logistic model over a handful of features, trained on jobtag's task statements used as labelled
examples: each statement (and each group of three) is a query whose own rows are left out of the profiles, so the
features look exactly like those of a statement the index has never seen. Measured gains and the features' roles
are in ADR 0066 and 0067; the coefficients live in the index file and are refitted by `build_occupation_index`.

Why these features: the first stage's standardised scores already carry most of the signal; what it gets wrong
is *where* the similarity comes from. A new task statement is far more telling when it is close to another task
statement of the occupation than to its description, and occupations with many rows collect high "best row"
similarities by chance. ADR 0067 adds evidence from the whole profile rather than its best rows: the cosine to the
occupation's e5 centroid and the query likelihood of the text's words and bigrams (which, unlike a cosine, keeps
how large a share of the profile they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FEATURES = (
    "lexical_z",  # Sudachi TF-IDF cosine, standardised over occupations
    "bigram_z",  # character-bigram TF-IDF cosine, standardised
    "semantic_z",  # e5 weighted best three rows, standardised
    "best_task",  # e5: best similarity to one of the occupation's task statements (raw cosine)
    "best_desc",  # e5: best similarity to its title, description or lead sentence (raw cosine)
    "best_task_z",
    "best_desc_z",
    "log_tasks",  # log(1 + number of task statements in the profile), imputed when there are none
    # ADR 0067: evidence from the whole profile rather than its best rows
    "centroid_z",  # e5 cosine to the mean of the occupation's (unit) row vectors, standardised
    "lm_words_z",  # Dirichlet-smoothed query likelihood of the Sudachi words under the profile, standardised
    "lm_bigrams_z",  # the same over character bigrams
)
RERANK_CANDIDATES = 40
L2 = 1.0  # inverse regularisation strength (as scikit-learn's C); chosen on the cross-validated protocol
DESC_KINDS = ("title", "desc", "lead")


def standardise(x: np.ndarray) -> np.ndarray:
    sd = float(x.std())
    return (x - float(x.mean())) / (sd if sd > 1e-9 else 1.0)


def feature_matrix(
    lexical: np.ndarray,
    bigram: np.ndarray,
    semantic: np.ndarray,
    best_task: np.ndarray,
    best_desc: np.ndarray,
    task_count: np.ndarray,
    centroid: np.ndarray,
    lm_words: np.ndarray,
    lm_bigrams: np.ndarray,
) -> np.ndarray:
    """(occupations, FEATURES) for one query; every input is one value per occupation.

    123 jobtag occupations have no task statements at all. Their task features are imputed (best task := best
    description row, task count := the mean of the others) so the model cannot learn "no task rows" as a signal:
    in the training queries such occupations are never the answer, but a person's text can be about any of them.
    """
    none = task_count <= 0
    best_task = np.where(none, best_desc, best_task)
    logs = np.log1p(task_count.astype(np.float64))
    log_tasks = np.where(none, float(logs[~none].mean()) if (~none).any() else 0.0, logs)
    return np.stack(
        [
            standardise(lexical),
            standardise(bigram),
            standardise(semantic),
            best_task,
            best_desc,
            standardise(best_task),
            standardise(best_desc),
            log_tasks,
            standardise(centroid),
            standardise(lm_words),
            standardise(lm_bigrams),
        ],
        axis=1,
    )


def first_stage(features: np.ndarray, lexical_weight: float, semantic_weight: float) -> np.ndarray:
    """The ADR 0060 score, from the same matrix: it chooses the candidates."""
    return lexical_weight * features[:, 0] + semantic_weight * features[:, 2]


@dataclass
class Reranker:
    coef: np.ndarray  # one weight per feature; the intercept does not change a ranking
    candidates: int = RERANK_CANDIDATES

    def scores(self, features: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Re-ranked scores: candidates by the model, everyone else below them in first-stage order."""
        cand = np.argsort(-first, kind="stable")[: self.candidates]
        out = first - first.max() - 1000.0
        out[cand] = features[cand] @ self.coef
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "coef": [round(float(c), 6) for c in self.coef],
            "candidates": self.candidates,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> Reranker | None:
        if not data or list(data.get("features") or []) != list(FEATURES):  # type: ignore[call-overload]
            return None  # an index built by another version: fall back to the first stage
        coef = np.array(data["coef"], dtype=np.float64)
        return cls(coef=coef, candidates=int(data.get("candidates") or RERANK_CANDIDATES))  # type: ignore[call-overload]


@dataclass
class TrainingQuery:
    candidates: np.ndarray  # (k, FEATURES) features of the first stage's top k
    target_position: int  # index of the true occupation among the candidates, -1 when it is not one of them
    first_rank: int  # the true occupation's rank in the first stage (used when it is not a candidate)


def training_query(features: np.ndarray, first: np.ndarray, target: int, k: int) -> TrainingQuery:
    cand = np.argsort(-first, kind="stable")[:k]
    hits = np.where(cand == target)[0]
    return TrainingQuery(
        candidates=features[cand],
        target_position=int(hits[0]) if len(hits) else -1,
        first_rank=pessimistic_rank(first, target),
    )


def fit(queries: Sequence[TrainingQuery], *, c: float = L2, iterations: int = 30) -> Reranker:
    """L2-regularised logistic regression (Newton's method) on candidate rows: true occupation = 1, others = 0."""
    x = np.concatenate([q.candidates for q in queries])
    y = np.concatenate(
        [(np.arange(len(q.candidates)) == q.target_position).astype(np.float64) for q in queries]
    )
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], 1.0 / c)
    penalty[-1] = 0.0  # the intercept is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return Reranker(coef=w[:-1], candidates=len(queries[0].candidates) if queries else RERANK_CANDIDATES)


def rank_of_target(model: Reranker, q: TrainingQuery) -> int:
    """The true occupation's rank after re-ranking (its first-stage rank when it was not a candidate)."""
    if q.target_position < 0:
        return q.first_rank
    return pessimistic_rank(q.candidates @ model.coef, q.target_position)


def pessimistic_rank(scores: np.ndarray, target: int) -> int:
    """0-based rank of `target`, ties counted against it: a query that matches nothing (all scores equal) must
    not count as a hit."""
    t = scores[target]
    return int((scores > t).sum() + (scores == t).sum() - 1)
