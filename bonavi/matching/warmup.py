"""Load the matching indexes before the first request needs them.

A new process otherwise spends its first 「おすすめ求人」 (≈ 2 s, docs/benchmarks.md) building the occupation
indexes, the re-ranker's bigram index and likelihood tables, loading Sudachi's dictionary and the e5 model, and
reading posting features. 「おすすめ求人」 ranks the newest CANDIDATE_POOL postings of the seeker's own area (her
prefectures and full remote), so no one set of postings is every request's pool: the warm-up reads the newest
CANDIDATE_POOL of the whole country — the pool of a seeker with no 希望勤務地, and the newest part of every area's.
Since ADR 0106 a posting's classified features are stored (matching.PostingFeatures, written when a published
posting is saved or bulk loaded, and by the worker's backfill), so neither the warm-up nor an area's first request
classifies postings: they read the stored rows (≈ 0.15 ms a posting instead of 1–3 ms) into the in-memory cache
(services.job_facts, up to 50,000). On 10,000 demo postings a Tokyo seeker's first request, 827 of whose 1,000
postings the warm-up had not read, took 0.7–1.4 s classifying them; it now reads their rows in ≈ 0.1 s. After new
classifier data the rows of the older data are read the same way (the worker recomputes them); only postings
without a current row (saved while the database could not be written) are classified on request, at most
services.INLINE_CLASSIFY of them, and stored for every process (ADR 0106, addendum).
The web entry points (config/wsgi.py, config/asgi.py) call `warm_up_in_background()`; management commands and
tests never import them, so they do not pay for it. `bonavi bench_matching_startup [--area 13]` prints the same
stages (and an area's first 「おすすめ求人」).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError

from bonavi.core.warmup import in_background, run_logged

from .classifier import default_classifier
from .services import CANDIDATE_POOL, _careers_reference, candidate_postings, pool_facts

logger = logging.getLogger(__name__)

# A short experience text: classifying it loads everything a person profile uses.
SAMPLE_TEXT = "経理事務として請求書の発行、入金消込、会計ソフトへの仕訳入力を担当しました。"


def warm_up(*, database: bool = True) -> list[tuple[str, float]]:
    """Build what the first matching request would build, in order; (stage, seconds) for each. With
    `database`, also the careers reference and the features of the newest postings (see the module's note); a
    database error there (not migrated yet) is logged and the index stages still count."""
    timings: list[tuple[str, float]] = []

    def stage(label: str, step: Callable[[], object]) -> None:
        started = time.perf_counter()
        step()
        timings.append((label, time.perf_counter() - started))

    stage("職業インデックス（ファイル読込・語の索引・埋め込みの索引）", default_classifier)
    clf = default_classifier()
    stage("再ランキング用の文字bigram索引", lambda: clf.bigram)
    stage("クエリ尤度の表（語・bigram）", lambda: (clf.lexical._lm, clf.bigram._lm))
    stage("最初の分類（Sudachi辞書・e5モデルの読込）", lambda: clf.classify(SAMPLE_TEXT))
    if database:
        try:
            stage("careersの参照表", _careers_reference)
            stage(f"求人の特徴量（全国の最新{CANDIDATE_POOL:,}件）", _candidate_features)
        except DatabaseError:
            logger.warning("マッチングの事前読み込み：データベースを読めないため求人の特徴量は省きました。")
    return timings


def _candidate_features() -> None:
    # Read from the stored rows where fresh (computed and stored where not), then cached per (id, updated_at)
    # for the requests that follow.
    pool_facts(candidate_postings(), pool=CANDIDATE_POOL)


def _warm_up_logged() -> None:
    run_logged(
        lambda: sum(seconds for _, seconds in warm_up()),
        log=logger,
        failed="マッチングの事前読み込みに失敗しました（最初のリクエストで読み込みます）。",
        done="マッチングの事前読み込み：%.2f 秒",
    )


def warm_up_in_background() -> threading.Thread | None:
    """Start the warm-up in a daemon thread (settings.MATCHING_WARM_UP = False turns it off). Never raises:
    the server must start even if the thread cannot; a fork waits for it (core.warmup)."""
    if not settings.MATCHING_WARM_UP:
        return None
    return in_background(
        _warm_up_logged,
        name="matching-warm-up",
        failed_to_start="マッチングの事前読み込みを開始できませんでした。",
    )
