"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Fixtures: `browser` (one Chromium per session), `phone` (a 390×844 page), `desktop` (1280×900),
`new_page(width, height)` for more contexts, and `shot(page, name)` which saves a full-page screenshot to
test-artifacts/ so that people can look at what the tests saw.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    contexts = []

    def make(width: int = 390, height: int = 844, **kw: object):
        ctx = browser.new_context(
            viewport={"width": width, "height": height}, locale="ja-JP", timezone_id="Asia/Tokyo", **kw
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def phone(new_page):
    return new_page(390, 844, is_mobile=True, has_touch=True)


@pytest.fixture
def desktop(new_page):
    return new_page(1280, 900)


@pytest.fixture
def shot() -> Callable[..., Path]:
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
