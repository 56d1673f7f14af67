"""The documents editor's sticky 「保存して添削する」 at 390 px sits on a strip of its own — the width of the screen,
opaque, with a top edge and room around the button — so the fields scrolling under it do not show around the
button (it floated over the text, on a background the colour of the page, as wide as the form only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonavi.accounts.models import Role, User
from bonavi.documents.profile import import_json_resume
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Kyushoku-Sha-2026"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume"

BAR = """(() => {
  const bar = document.querySelector('.sticky-save'), style = getComputedStyle(bar), box = bar.getBoundingClientRect();
  const button = document.getElementById('save').getBoundingClientRect();
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, background: style.backgroundColor,
          edge: parseFloat(style.borderTopWidth) > 0 || style.boxShadow !== 'none',
          above: button.top - box.top, below: box.bottom - button.bottom,
          width: window.innerWidth, height: window.innerHeight};
})()"""


def test_the_save_bar_is_a_strip_across_the_screen(live_server, phone, shot, transactional_db) -> None:
    seeker = User.objects.create_user(email="sticky@example.jp", password=PASSWORD, role=Role.SEEKER)
    import_json_resume(user=seeker, raw=(SHARED / "clean.json").read_bytes())
    base = live_server.url
    log_in(phone, base, seeker.email, PASSWORD)
    phone.goto(f"{base}/documents/")
    phone.locator("#id_title").fill("事務職用")
    phone.get_by_role("button", name="プロフィールから作成").click()
    phone.wait_for_url("**/documents/*/")
    # Every section open and the page in the middle of the form: the bar is stuck at the bottom over fields.
    phone.evaluate("document.querySelectorAll('details.doc-sec').forEach(d => d.open = true)")
    phone.evaluate("document.getElementById('field-edu-0-institution').scrollIntoView()")
    bar = phone.evaluate(BAR)
    assert abs(bar["bottom"] - bar["height"]) <= 1  # stuck at the bottom of the screen
    assert bar["left"] <= 0 and bar["right"] >= bar["width"]  # nothing shows beside it
    assert bar["background"].startswith("rgb(")  # opaque (rgba(…, 0) or a translucent one would show through)
    assert bar["edge"]  # set apart from the white fields under it
    assert bar["above"] >= 8 and bar["below"] >= 8
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone, "documents-save-bar-phone", full_page=False)
