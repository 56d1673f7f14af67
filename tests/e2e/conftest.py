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


@pytest.fixture
def employer_account(transactional_db):
    """An employer user of a small accounting firm in Yokohama (password helpers.EMPLOYER_PASSWORD), for the posting form's
    walks. A test module that needs another company defines its own fixture of this name."""
    from bonavi.accounts.models import Organization, Role, User

    from .helpers import EMPLOYER_PASSWORD

    org = Organization.objects.create(
        name="株式会社みなと会計サービス", address="神奈川県横浜市西区1-2-3", phone="045-000-0000"
    )
    return User.objects.create_user(
        email="saiyou@minato.example", password=EMPLOYER_PASSWORD, role=Role.EMPLOYER, organization=org
    )


@pytest.fixture
def agency_world(transactional_db):
    """A licensed agency (CA, RA, 職業紹介責任者), an employer with one 非公開求人 taken in by the agency and two
    public postings (the agency holds the company's order for the first only), and a seeker account
    (bonavi/agents/tests/factories.py)."""
    from bonavi.accounts.models import Organization, Role, User
    from bonavi.agents import services
    from bonavi.agents.tests.factories import PASSWORD, make_agency, private_order
    from bonavi.jobs.tests.factories import make_posting

    setup = make_agency()
    org = Organization.objects.create(
        name="株式会社みなと会計サービス", address="東京都港区2-2", phone="03-1111-2222"
    )
    employer = User.objects.create_user(
        email="saiyou@minato-kaikei.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    named = {"employer_name": org.name, "employer_address": org.address, "employer_contact": org.phone}
    order = private_order(
        setup, org, title="経理リーダー候補（非公開求人）", wage_min=260_000, wage_max=320_000, **named
    )
    public = [
        make_posting(org, title="経理事務（月次決算）", wage_min=240_000, wage_max=280_000, **named),
        make_posting(
            org,
            title="経理・財務スタッフ（横浜）",
            prefecture="14",
            municipality="横浜市西区",
            wage_min=235_000,
            wage_max=270_000,
            **named,
        ),
    ]
    # The company's 申込み for the first public posting, so the agency may recommend to it (ADR 0111); the second
    # has none: proposed as information only, the candidate applies herself.
    services.public_job_order_intake(user=setup.ra, posting_id=public[0].pk, self_declaration=True)
    seeker = User.objects.create_user(
        email="tenshoku@seeker.example", password=PASSWORD, role=Role.SEEKER, display_name="山田 花子"
    )
    return {
        "setup": setup,
        "employer": employer,
        "order": order,
        "public": public,
        "seeker": seeker,
        "password": PASSWORD,
    }
