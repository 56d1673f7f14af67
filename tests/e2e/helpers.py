"""Steps the browser flows share."""

from __future__ import annotations

from typing import Any


def log_in(page: Any, base: str, email: str, password: str) -> None:
    """Sign in through the login form, as a person would (not a session cookie planted by the test)."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
