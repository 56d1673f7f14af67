"""The web process loads the matching indexes at start, in the background; a failure never stops the server."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time

import numpy as np
import pytest
from django.db import DatabaseError

from bonavi.jobs.models import Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching import services, warmup
from bonavi.matching.classifier import LexicalIndex, SemanticIndex, default_classifier


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_the_server_entry_points_start_the_warm_up(entry_point: str, monkeypatch, settings) -> None:
    settings.MATCHING_WARM_UP = True  # off in the test settings, on by default
    done = threading.Event()

    def record() -> list[tuple[str, float]]:
        done.set()
        return []

    monkeypatch.setattr(warmup, "warm_up", record)
    monkeypatch.delitem(sys.modules, entry_point, raising=False)
    module = importlib.import_module(entry_point)
    assert module.application is not None
    assert done.wait(10), "the warm-up did not run"
    sys.modules.pop(entry_point, None)


def test_a_failing_warm_up_is_logged_and_start_up_goes_on(monkeypatch, settings, caplog) -> None:
    settings.MATCHING_WARM_UP = True

    def broken() -> list[tuple[str, float]]:
        raise OSError("index file missing")

    monkeypatch.setattr(warmup, "warm_up", broken)
    with caplog.at_level(logging.ERROR, logger="bonavi.matching.warmup"):
        thread = warmup.warm_up_in_background()
        assert thread is not None
        thread.join(10)
    assert "マッチングの事前読み込みに失敗しました" in caplog.text

    def no_threads(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_threads)
    assert warmup.warm_up_in_background() is None  # logged, not raised


def test_the_warm_up_can_be_turned_off(settings, monkeypatch) -> None:
    settings.MATCHING_WARM_UP = False
    monkeypatch.setattr(warmup, "warm_up", lambda: pytest.fail("warmed up although turned off"))
    assert warmup.warm_up_in_background() is None


def test_the_test_settings_leave_it_off(monkeypatch) -> None:
    """As DOCUMENTS_WARM_UP: a test importing the entry points (documents' does) starts no thread that outlives it
    and loads the indexes beside the suite; the tests above turn it on for themselves."""
    monkeypatch.setattr(warmup, "warm_up", lambda: pytest.fail("warmed up under the test settings"))
    assert warmup.warm_up_in_background() is None


@pytest.mark.django_db
def test_the_warm_up_builds_what_a_first_request_builds(employer) -> None:
    posting = make_posting(employer.organization)
    private = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    stages = warmup.warm_up()
    assert len(stages) == 6 and all(seconds >= 0 for _, seconds in stages)
    clf = default_classifier()
    assert "bigram" in clf.__dict__ and "_lm" in clf.lexical.__dict__ and "_lm" in clf.bigram.__dict__
    # the 「おすすめ求人」 candidates' features are ready; a private posting is not among them
    assert (posting.pk, posting.updated_at) in services._cache
    assert (private.pk, private.updated_at) not in services._cache


def test_without_a_database_the_indexes_are_still_warmed(monkeypatch, caplog) -> None:
    def not_migrated() -> None:
        raise DatabaseError("no such table: careers_jobtagrelease")

    monkeypatch.setattr(warmup, "_careers_reference", not_migrated)
    with caplog.at_level(logging.WARNING, logger="bonavi.matching.warmup"):
        stages = warmup.warm_up()
    assert len(stages) == 4 and "求人の特徴量は省きました" in caplog.text


def test_the_semantic_index_keeps_one_copy_of_the_embeddings() -> None:
    """The float32 rows are used as loaded, and the unit rows (another 19 MB) are not kept."""
    rng = np.random.default_rng(5)
    emb = rng.normal(size=(6, 4)).astype(np.float32)
    sem = SemanticIndex(emb, np.array([2, 0, 2, 2, 0, 0]), 4)
    assert sem.emb is emb and not hasattr(sem, "unit")
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    assert np.allclose(sem.sums[0], unit[[1, 4, 5]].sum(axis=0))
    assert np.allclose(sem.sums[2], unit[[0, 2, 3]].sum(axis=0))
    assert not sem.sums[1].any() and not sem.sums[3].any()  # occupations without rows
    assert np.allclose(sem.unit_rows([1, 4]), unit[[1, 4]])


def test_profiles_without_tasks_are_built_only_for_the_evaluation() -> None:
    idx = LexicalIndex([["仕訳", "決算"], ["監査"]], np.array([0, 0]), np.array([True, False]), 1)
    assert "docs_notask" not in idx.__dict__
    assert set(idx.docs_notask[0]) == {"監査"}


def test_a_fork_waits_for_the_warm_up(monkeypatch, settings) -> None:
    """gunicorn --preload forks workers after loading the application: a child forked mid-build would inherit
    the build's locks held by a thread it does not have. The fork waits until the warm-up has finished."""
    settings.MATCHING_WARM_UP = True
    finished = threading.Event()

    def slow() -> list[tuple[str, float]]:
        time.sleep(0.5)
        finished.set()
        return []

    monkeypatch.setattr(warmup, "warm_up", slow)
    thread = warmup.warm_up_in_background()
    assert thread is not None and not finished.is_set()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report what it inherited, and leave without running pytest's teardown
        os.write(write, b"1" if finished.is_set() else b"0")
        os._exit(0)
    os.close(write)
    inherited = os.read(read, 1)
    os.close(read)
    os.waitpid(pid, 0)
    assert inherited == b"1"
