"""The hidden attribute hides on every page, whatever display a class gives the element: .btn's display used to
show a hidden button, which documents.css patched for its own two buttons only (site.css now says it once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonavi.accounts.models import Role, User
from bonavi.documents.profile import import_json_resume
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume"

_DISPLAYS = """() => {
  const made = ['<button type="button" class="btn" hidden>A</button>',
                '<a class="btn secondary" href="#" hidden>B</a>'].map(html => {
    const box = document.createElement('div'); box.innerHTML = html;
    return document.querySelector('main').appendChild(box.firstChild);
  });
  const hidden = made.map(e => getComputedStyle(e).display);
  made.forEach(e => { e.hidden = false; });
  return [hidden, made.map(e => getComputedStyle(e).display)];
}"""


def test_a_hidden_button_is_hidden_on_a_page_without_documents_css(live_server, phone) -> None:
    phone.goto(f"{live_server.url}/careers/")
    hidden, shown = phone.evaluate(_DISPLAYS)
    assert hidden == ["none", "none"]
    assert "none" not in shown  # and shown again when a script takes the attribute away


@pytest.fixture
def seeker_with_points(transactional_db) -> User:
    from bonavi.careers.services import saved_translation_create

    user = User.objects.create_user(email="hidden@example.jp", password=PASSWORD, role=Role.SEEKER)
    import_json_resume(user=user, raw=(SHARED / "mistakes.json").read_bytes())
    saved_translation_create(
        user=user,
        text="レジ締めで売上を集計しました。",
        target_jobtag_id=430,
        result={"appeal_points": [{"text": "毎日の売上を集計し、差異の原因を確かめた経験があります。"}]},
    )
    return user


@pytest.mark.parametrize("scripts", [False, True], ids=["no-js", "js"])
def test_the_editors_script_buttons_show_only_with_javascript(
    live_server, new_page, shot, seeker_with_points, scripts: bool
) -> None:
    """Without JavaScript the 〒 lookup and 「自己PRに追加」 would be buttons that do nothing: they stay hidden."""
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=scripts)
    log_in(page, live_server.url, seeker_with_points.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("表示の確認")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")
    editor = page.url.split("#")[0]
    tag = "js" if scripts else "no-js"

    page.goto(f"{editor}?open=basics#sec-basics")
    assert page.locator("#id_postal_code").is_visible()
    assert page.locator("#postal-lookup").is_visible() is scripts
    page.locator("#id_city").scroll_into_view_if_needed()  # the 〒 row above it, clear of the sticky save bar
    shot(page, f"hidden-attr-postal-{tag}-390", full_page=False)

    page.goto(f"{editor}?open=cv_text#sec-cv_text")
    card = page.locator("#appeal-points")
    card.scroll_into_view_if_needed()
    assert "差異の原因" in card.inner_text()
    assert page.get_by_role("button", name="自己PRに追加").is_visible() is scripts
    assert page.locator("#appeal-points .with-js").is_visible() is scripts
    shot(page, f"hidden-attr-appeal-{tag}-390", full_page=False)
