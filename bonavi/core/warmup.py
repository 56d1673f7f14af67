"""One-time loads a web process runs in a background thread as it starts (ADR 0075 matching, ADR 0119 documents).

The server entry points (config/wsgi.py, config/asgi.py) start them; management commands other than runserver
(which serves through config/wsgi.py) and tests never import those modules, so they do not pay for loads they do not use. Starting a thread never raises (the server must start
even if it cannot), and a fork waits for the thread: a server that forks after loading the application (gunicorn
`--preload`) would otherwise fork mid-load, and the child would hold locks of a thread it does not have.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)

FORK_WAIT_SECONDS = 60.0  # at most this long; the loads take seconds


def in_background(target: Callable[[], None], *, name: str, failed_to_start: str) -> threading.Thread | None:
    """Run `target` in a daemon thread named `name`; None (with `failed_to_start` logged) if it cannot start.
    `target` logs its own failures: an exception there only ends the thread."""
    try:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        # The workers then start with the load done and share it copy-on-write.
        os.register_at_fork(before=functools.partial(_finish_before_fork, thread))
    except Exception:
        logger.exception(failed_to_start)
        return None
    return thread


def _finish_before_fork(thread: threading.Thread) -> None:
    if thread is not threading.current_thread():
        thread.join(FORK_WAIT_SECONDS)


def run_logged(load: Callable[[], float], *, log: logging.Logger, failed: str, done: str) -> None:
    """The thread's body: run `load` (it returns its seconds), log `done` with them, or `failed` with the traceback
    (the first request then loads it itself, as without the warm-up). The connections this thread opened are closed:
    they are per thread, and the thread ends here."""
    try:
        seconds = load()
    except Exception:
        log.exception(failed)
        return
    finally:
        connections.close_all()
    log.info(done, seconds)
