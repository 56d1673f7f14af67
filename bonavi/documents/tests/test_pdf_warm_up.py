"""A web process prints one 職務経歴書 in the background as it starts, so a seeker's first save does not wait
3–8 s for WeasyPrint to load (ADR 0119); a failure never stops the server."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time

import pytest

from bonavi.documents import warmup
from bonavi.documents.bench import cv_sample
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.render import weasy
from bonavi.documents.render.base import Kind, default_renderer


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_the_server_entry_points_start_the_warm_up(entry_point: str, monkeypatch, settings) -> None:
    settings.DOCUMENTS_WARM_UP = True  # off in the test settings, on by default
    done = threading.Event()

    def record() -> float:
        done.set()
        return 0.0

    monkeypatch.setattr(warmup, "warm_up", record)
    monkeypatch.delitem(sys.modules, entry_point, raising=False)
    module = importlib.import_module(entry_point)
    assert module.application is not None
    assert done.wait(10), "the documents warm-up did not run"
    sys.modules.pop(entry_point, None)


def test_the_warm_up_leaves_the_renderer_ready_for_the_first_review() -> None:
    """What the first save needed: WeasyPrint imported, the font configuration built, and one 職務経歴書 laid out
    (the sample's page count is known without another layout)."""
    assert warmup.warm_up() >= 0
    renderer = default_renderer()
    assert isinstance(renderer, weasy.WeasyPrintRenderer)
    assert "weasyprint" in sys.modules and renderer._font_config is not None
    source = renderer.html(resume_from_json(cv_sample()), kind=Kind.SHOKUMUKEIREKISHO)
    assert weasy._key(source) in renderer._page_counts


def test_a_failing_warm_up_is_logged_and_start_up_goes_on(monkeypatch, settings, caplog) -> None:
    settings.DOCUMENTS_WARM_UP = True

    def broken() -> float:
        raise OSError("IPAex明朝 not found")

    monkeypatch.setattr(warmup, "warm_up", broken)
    with caplog.at_level(logging.ERROR, logger="bonavi.documents.warmup"):
        thread = warmup.warm_up_in_background()
        assert thread is not None
        thread.join(10)
    assert "書類（PDF）の事前読み込みに失敗しました" in caplog.text

    def no_threads(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_threads)
    assert warmup.warm_up_in_background() is None  # logged, not raised


def test_the_warm_up_can_be_turned_off(settings, monkeypatch) -> None:
    settings.DOCUMENTS_WARM_UP = False
    monkeypatch.setattr(warmup, "warm_up", lambda: pytest.fail("warmed up although turned off"))
    assert warmup.warm_up_in_background() is None


def test_the_warm_up_and_a_first_request_share_one_renderer(monkeypatch) -> None:
    """Both ask for the renderer at the same moment: one is made, so the request uses the warmed one."""
    made: list[object] = []

    class Slow:
        def __init__(self) -> None:
            time.sleep(0.05)  # as if importing: the other thread arrives meanwhile
            made.append(self)

    default_renderer.cache_clear()
    monkeypatch.setattr(weasy, "WeasyPrintRenderer", Slow)
    start = threading.Barrier(4)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(default_renderer())

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    default_renderer.cache_clear()  # the next test gets the real renderer
    assert len(made) == 1 and all(r is made[0] for r in got)
