"""Steps the browser flows share."""

from __future__ import annotations

import time
from typing import Any, NamedTuple

EMPLOYER_PASSWORD = "Saiyou-Tantou-2026"  # conftest's employer_account


def wait_until(page: Any, predicate: str, *, timeout: float = 30_000) -> None:
    """Wait until `predicate` (a JavaScript expression or function) is true in the page, polling every 50 ms up to
    `timeout` ms. Playwright's wait_for_function compiles its predicate with eval inside the page, which the site's
    Content-Security-Policy (script-src 'self', ADR 0163) refuses; page.evaluate goes through the DevTools protocol,
    which the policy does not govern, so the pages are tested under the policy they are served with."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(predicate):
        if time.monotonic() >= deadline:
            raise TimeoutError(f"not true within {timeout:.0f} ms: {predicate}")
        time.sleep(0.05)


def log_in(page: Any, base: str, email: str, password: str) -> None:
    """Sign in through the login form, as a person would (not a session cookie planted by the test)."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


class DirectApplication(NamedTuple):
    hr: Any
    seeker: Any
    application: Any


def direct_application(password: str, *, message: str = "") -> DirectApplication:
    """A company's 採用担当 and a seeker with a filled profile who has applied to its 経理 posting: the two sides of
    an application thread (messages, files, interviews)."""
    from bonavi.accounts.models import Organization, Role, User
    from bonavi.jobs.tests.factories import make_posting
    from bonavi.seekers import services

    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    posting = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    hr = User.objects.create_user(
        email="hr@sakura.example", password=password, role=Role.EMPLOYER, organization=org
    )
    seeker = User.objects.create_user(email="hanako@seeker.example", password=password, role=Role.SEEKER)
    services.profile_update(
        user=seeker,
        data={
            "family_name": "山田",
            "given_name": "花子",
            "family_name_kana": "やまだ",
            "given_name_kana": "はなこ",
            "phone": "090-1234-5678",
        },
    )
    application = services.application_create(user=seeker, posting_id=posting.pk, message=message)
    return DirectApplication(hr, seeker, application)


def adviser_card_at_offer(page: Any, base: str, world: dict[str, Any]) -> tuple[Any, Any]:
    """The adviser's candidate card with 「内定」 chosen, for a 推薦 the company has moved to 1次面接 (agency_world):
    where she relays a company's 内定 given by phone. Returns the 推薦 and the card's form."""
    from bonavi.agents import services
    from bonavi.agents.models import Stage
    from bonavi.agents.tests.factories import refer, register

    setup = world["setup"]
    referral = refer(setup, register(setup, world["seeker"]), world["order"].posting_id)
    services.referral_move(user=world["employer"], referral=referral, to_stage=Stage.INTERVIEW1)
    log_in(page, base, setup.ca.email, world["password"])
    page.goto(f"{base}/agent/candidates/{referral.proposal.candidate_id}/")
    card = page.locator(f"form:has(#r{referral.pk}-offer-fields)")
    card.locator("select[name=to_stage]").select_option(Stage.OFFER)
    return referral, card
