"""Print a 職務経歴書 once when a web process starts, before a seeker's first save needs the PDF engine (ADR 0119).

Every save of a document shows its review, and the review counts the 職務経歴書's pages with the renderer's own
layout (ADR 0079). In a new process the first layout imports WeasyPrint and its libraries — most of it — builds
the font configuration and loads IPAex明朝 through Pango and HarfBuzz: 2.7 s on a quiet machine, 6–8 s under load (the
review measured 7.3 s; docs/benchmarks.md), against 0.2–0.3 s for every later save. So the web entry points
(config/wsgi.py, config/asgi.py) start `warm_up_in_background()`, which prints the benchmark's 2-page sample
(bench.py) — writing the PDF too, so a first download does not load the font subsetter either. A request that
comes during the warm-up waits only for what is left of it (the import lock, then the renderer's lock).
Management commands other than runserver (which serves through config/wsgi.py) and tests never import the entry
points, so they do not pay for it; settings.DOCUMENTS_WARM_UP = False turns it off.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

from bonavi.core.warmup import in_background, run_logged

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Render the sample 職務経歴書 with the process's renderer; the seconds it took."""
    from .bench import cv_sample
    from .jsonresume import resume_from_json
    from .render.base import Kind, default_renderer

    started = time.perf_counter()
    default_renderer().render(resume_from_json(cv_sample()), kind=Kind.SHOKUMUKEIREKISHO)
    return time.perf_counter() - started


def _warm_up_logged() -> None:
    run_logged(
        warm_up,
        log=logger,
        failed="書類（PDF）の事前読み込みに失敗しました（最初の保存で読み込みます）。",
        done="書類（PDF）の事前読み込み：%.2f 秒",
    )


def warm_up_in_background() -> threading.Thread | None:
    """Start the warm-up in a daemon thread (settings.DOCUMENTS_WARM_UP = False turns it off). Never raises."""
    if not settings.DOCUMENTS_WARM_UP:
        return None
    return in_background(
        _warm_up_logged,
        name="documents-warm-up",
        failed_to_start="書類（PDF）の事前読み込みを開始できませんでした。",
    )
