"""Two whole tasks done with the keyboard alone (ADR 0160): a seeker, from the top page, skips to the content,
searches 「経理」, opens a posting, saves it with ☆ (logging in on the way, once with a wrong password), applies with
her 職務経歴書 and reads the application from マイページ; the company's 採用担当 opens her from 応募者一覧, sends the
status form empty once, moves her to 書類選考 and writes to her. After the first page of each, only page.keyboard
(Tab, Shift+Tab, Enter, arrows, typing): no click, fill or goto.

Every Tab stop is checked: its accessible name, a focus ring drawn (outline ≥ 2 px or a box-shadow), inside the
viewport, not under something else (the open account menu, the phone's apply bar), not inside a hidden element, and
not above the stop before it in the same column (reading order). Run at 1280×900 with JavaScript and at 390×844
without; the presses each task needs are written to test-artifacts/keyboard-walk-<variant>.json with the stops,
and the focused states to keyboard-<variant>-*.png."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.documents import services as documents
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services
from tests.e2e.helpers import wait_until
from tests.e2e.test_accessibility import _contrast

pytestmark = pytest.mark.browser

PASSWORD = "Keyboard-Dake-2026"
POSTING = "経理スタッフ（月次決算の補助から）"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
RESUME = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume" / "clean.json"

# The focused element as a person meets it. The name is a plain approximation of the accessible name (aria-labelledby,
# aria-label, <label>, a fieldset's legend, the text) — enough to say which control it is. "covered": what is drawn
# at the element's centre (its first 40 px for a tall one) is neither it nor inside it.
STOP_JS = """() => {
  const e = document.activeElement;
  const txt = n => (n ? (n.innerText || n.textContent || '') : '').replace(/\\s+/g, ' ').trim();
  let name = '';
  if (e.getAttribute('aria-labelledby')) name = e.getAttribute('aria-labelledby').split(' ').map(i => txt(document.getElementById(i))).join(' ');
  else if (e.getAttribute('aria-label')) name = e.getAttribute('aria-label');
  else if (e.labels && e.labels.length) name = [...e.labels].map(txt).join(' ');
  else if (e.tagName === 'FIELDSET') name = txt(e.querySelector('legend'));
  else if (e.tagName === 'INPUT' && ['submit', 'button'].includes(e.type)) name = e.value;
  else name = txt(e);
  if (!name) name = e.getAttribute('title') || e.getAttribute('placeholder') || '';
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), cy = Math.min(Math.max(r.top + Math.min(r.height, 40) / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(cx, cy);
  // What the ring is drawn on: just outside the box (inside it for a negative offset), the nearest opaque background.
  const off = parseFloat(s.outlineOffset) || 0, px = r.left - off - (parseFloat(s.outlineWidth) || 0) / 2;
  let on = 'rgb(255, 255, 255)';
  for (let p = off < 0 ? e : px >= 0 ? document.elementFromPoint(px, cy) : null; p; p = p.parentElement) {
    const b = getComputedStyle(p).backgroundColor;
    if (b !== 'transparent' && !b.startsWith('rgba(0, 0, 0, 0)')) { on = b; break; }
  }
  let hidden = null;
  for (let p = e; p; p = p.parentElement) {
    const ps = getComputedStyle(p);
    if (p.getAttribute('aria-hidden') === 'true' || p.hidden || ps.visibility === 'hidden' || ps.display === 'none' || +ps.opacity === 0) { hidden = p.tagName; break; }
  }
  return {
    name, tag: e.tagName.toLowerCase(), id: e.id,
    x: r.left, y: r.top + scrollY, w: r.width, h: r.height,
    inView: r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.top < innerHeight && (r.bottom <= innerHeight + 1 || r.height > innerHeight * 0.5),
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
    outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, shadow: s.boxShadow,
    ringColor: s.outlineColor, ringOn: on,
    covered: !!top && !(e === top || e.contains(top) || top.contains(e) || (e.labels && [...e.labels].some(l => l.contains(top)))),
    coveredBy: top ? top.tagName.toLowerCase() + '「' + txt(top).slice(0, 12) + '」 in ' + (top.closest('[class], [id]') || top).className : null,
    hidden, url: location.pathname + location.search + location.hash,
  };
}"""


class Walk:
    """One person's keyboard: every Tab stop is checked (named, ringed, on screen, not covered, not hidden, below
    or beside the one before) and the presses are counted per task."""

    def __init__(self, page: Any, shot: Any, label: str, *, js: bool) -> None:
        self.page, self.shot, self.label, self.js = page, shot, label, js
        self.found: list[str] = []
        self.counts: dict[str, int] = {}
        self.task = ""
        self.prev: dict[str, Any] | None = None
        self.trail: list[str] = []
        self.trails: dict[str, list[str]] = {}

    def start(self, task: str) -> None:
        self.task = task
        self.counts[task] = 0
        self.trails[task] = []

    def stop(self) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate(STOP_JS)
        return result

    def check(self, s: dict[str, Any], back: bool = False) -> None:
        where = f"{self.task} [{s['url']}] {s['tag']}「{s['name'][:30]}」"
        if s["tag"] in ("body", "main"):  # nothing focused, or the skip link's target (no control, no ring)
            return
        if s["hidden"]:
            self.found.append(f"{where}: focus on a hidden element ({s['hidden']})")
        if not s["inView"]:
            self.found.append(f"{where}: off screen {s['x']:.0f},{s['y']:.0f} {s['w']:.0f}×{s['h']:.0f}")
        if not s["ring"]:
            self.found.append(f"{where}: no focus ring ({s['outline']}; {s['shadow']})")
        elif s["shadow"] == "none" and _contrast(s["ringColor"], s["ringOn"]) < 3:
            self.found.append(f"{where}: ring {s['ringColor']} on {s['ringOn']} (under 3:1)")
        if s["covered"]:
            self.found.append(f"{where}: covered by {s['coveredBy']}")
        p = self.prev
        if p and p["url"] == s["url"] and not back:
            overlap = min(p["x"] + p["w"], s["x"] + s["w"]) - max(p["x"], s["x"]) > 0
            if overlap and s["y"] + s["h"] <= p["y"] + 1:
                self.found.append(f"{where}: above 「{p['name'][:20]}」 though after it in Tab order")

    def tab_to(
        self, name: str, *, back: bool = False, limit: int = 80, exact: bool = False
    ) -> dict[str, Any]:
        """Tab (or Shift+Tab) until the focused element's accessible name contains (is) `name`."""
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            self.counts[self.task] += 1
            s = self.stop()
            self.trail.append(s["name"][:40])
            self.trails[self.task].append(s["name"][:40])
            self.check(s, back)
            self.prev = s
            if s["tag"] != "body" and ((name == s["name"]) if exact else (name in s["name"])):
                return s
        raise AssertionError(
            f"{self.label} {self.task}: 「{name}」 not reached in {limit} presses: {self.trail[-limit:]}"
        )

    def sweep(self, what: str) -> None:
        """Tab through the whole page (every stop checked) until the focus leaves it; the next Tab starts again
        at the top. Not counted in the task: it looks for stops that are hidden, covered or unringed."""
        task = self.task
        self.task = f"{task}（{what}：全体）"
        self.counts[self.task], self.trails[self.task] = 0, []
        for _ in range(400):
            self.page.keyboard.press("Tab")
            s = self.stop()
            if s["tag"] == "body":
                break
            self.check(s)
            self.prev = s
        else:
            raise AssertionError(f"{self.label} {self.task}: the focus never left the page (a trap?)")
        del self.counts[self.task], self.trails[self.task]
        self.task, self.prev = task, None

    def key(self, key: str, *, nav: bool = False) -> dict[str, Any]:
        if nav:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
            self.page.wait_for_load_state()
            self.prev = None
        else:
            self.page.keyboard.press(key)
        return self.stop()

    def focused(self) -> str:
        return str(self.stop()["name"])

    def snap(self, name: str) -> None:
        self.shot(self.page, f"keyboard-{self.label}-{name}", full_page=False)


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    """A company with two postings and its 採用担当; a seeker with the profile a 応募 needs and one 職務経歴書."""
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    hr = User.objects.create_user(
        email="hr@sakura.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    posting = make_posting(org, title=POSTING, employer_name=org.name)
    make_posting(
        org, title="人事アシスタント", subrole="hr_clerk", duties="入退社の手続き。", employer_name=org.name
    )
    seeker = User.objects.create_user(email="hanako@seeker.example", password=PASSWORD, role=Role.SEEKER)
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
    documents.version_create(
        owner=seeker, title="事務職用の職務経歴書", data=json.loads(RESUME.read_text(encoding="utf-8"))
    )
    return {"hr": hr, "seeker": seeker, "posting": posting}


def seeker_walk(w: Walk, base: str) -> None:
    page = w.page
    page.goto(base + "/")  # the only goto: from here on, keys alone
    w.start("トップ→本文へ移動→「経理」で検索")
    w.tab_to("本文へ移動")
    assert w.counts[w.task] == 1  # the skip link is the first stop
    w.snap("skip-link")
    s = w.key("Enter")
    assert s["tag"] == "main", s  # the skip link moves the focus itself, not only the scroll position
    w.tab_to("キーワード")
    page.keyboard.type("経理")
    w.key("Enter", nav=True)
    assert "/search/" in page.url
    w.start("検索結果→求人を開く")
    w.tab_to(POSTING)
    w.snap("search-result")
    w.key("Enter", nav=True)
    w.sweep("求人のページ")
    w.start("☆お気に入り→ログイン（1回間違える）→戻る")
    w.tab_to("お気に入りに追加")
    w.snap("favorite-logged-out")
    w.key("Enter", nav=True)
    assert "/accounts/login/" in page.url
    # the page starts in its address box (autofocus, at the browser's next rendering step): no press needed
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    assert w.focused() == "メールアドレス", w.stop()
    w.check(w.stop())
    page.keyboard.type("hanako@seeker.example")
    w.tab_to("パスワード")
    page.keyboard.type("wrong-password")
    w.key("Enter", nav=True)
    # autofocus runs at the browser's next rendering step, not at load: wait for it (briefly)
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    s = w.stop()
    assert "メールアドレスまたはパスワードが正しくありません" in s["name"], s
    w.check(s)
    w.snap("login-refused")
    w.tab_to("パスワード")
    page.keyboard.type(PASSWORD)
    w.key("Enter", nav=True)
    assert "/jobs/" in page.url, page.url
    assert "お気に入りに追加しました" in page.inner_text("main")
    w.start("★を外して付け直す")
    w.tab_to("お気に入りから外す")
    if w.js:  # favorite.js: sent in place, the focus stays on the button it changed
        w.key("Enter")
        wait_until(page, "document.activeElement.getAttribute('aria-pressed') === 'false'")
        assert w.focused().startswith("お気に入りに追加："), w.stop()
        w.check(w.stop())
        w.key("Enter")
        wait_until(page, "document.activeElement.getAttribute('aria-pressed') === 'true'")
    else:  # the page comes back at the block the button was in: the next Tab is that button again
        w.key("Enter", nav=True)
        assert "お気に入りから外しました" in page.inner_text("main")
        assert w.tab_to("お気に入りに追加")["name"].startswith("お気に入りに追加：")
        w.key("Enter", nav=True)
        assert w.tab_to("お気に入りから外す")["name"].startswith("お気に入りから外す：")
    assert w.counts[w.task] <= 12, w.trails[w.task]
    w.start("求人→応募する")
    w.page.keyboard.press("Shift+Tab")  # (not counted) back to the top of the page
    for _ in range(60):
        if w.stop()["tag"] == "body":
            break
        w.page.keyboard.press("Shift+Tab")
    w.prev = None
    s = w.tab_to("この求人に応募する")
    w.snap("apply-link")
    w.key("Enter", nav=True)
    w.start("応募：書類を選ぶ→応募する")
    s = w.tab_to("事務職用の職務経歴書")
    assert s["tag"] == "input"  # the checked radio (her newest version) is the group's one stop
    w.key("ArrowUp")
    assert "送らない" in w.focused()
    w.key("ArrowDown")
    assert "事務職用の職務経歴書" in w.focused()
    assert page.evaluate("document.activeElement.checked")
    w.tab_to("企業へのメッセージ")
    page.keyboard.type("経理の実務経験を活かしたく、応募いたします。")
    w.tab_to("応募する")
    w.snap("apply-submit")
    w.key("Enter", nav=True)
    assert "送った応募書類" in page.inner_text("main"), page.url
    w.start("メニュー→マイページ→応募を読む")
    w.tab_to("メニュー")
    w.key("Enter")
    assert page.evaluate("document.querySelector('header details.menu').open")
    w.tab_to("マイページ")
    w.snap("menu-open")
    w.key("Enter", nav=True)
    assert page.url.endswith("/me/"), page.url
    w.tab_to(POSTING)
    w.snap("mypage-application")
    w.key("Enter", nav=True)
    assert "/me/applications/" in page.url
    assert "応募済" in page.inner_text("main")
    w.start("（メニューを開いたまま本文へ進む）")
    w.tab_to("メニュー")
    w.key("Enter")
    w.tab_to("ログアウト")
    for _ in range(6):  # on past the open menu into the page: the seeker's tabs at 390 px were under it
        w.tab_to("")
    w.snap("past-open-menu")
    w.tab_to("メニュー", back=True, exact=True)  # back out of the page: the hidden menu is skipped
    menu_shown = "document.querySelector('header details.menu nav').getBoundingClientRect().height > 0"
    assert page.evaluate(menu_shown)  # and shown again, still open
    w.tab_to("マイページ")
    assert page.evaluate("!!document.activeElement.closest('details.menu')")
    if w.js:  # menu.js: Escape closes it and gives the focus back to 「メニュー」
        w.key("Escape")
        assert w.focused() == "メニュー", w.stop()
    else:
        w.tab_to("メニュー", back=True, exact=True)
        w.key("Enter")  # a summary is a button: Enter closes it again
    assert not page.evaluate("document.querySelector('header details.menu').open")


def employer_walk(w: Walk, base: str) -> None:
    page = w.page
    page.goto(base + "/applicants/")  # the only goto: not logged in, so the login page, then the list
    w.start("ログイン→応募者一覧")
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    assert w.focused() == "メールアドレス", w.stop()  # autofocus: no press needed
    page.keyboard.type("hr@sakura.example")
    w.tab_to("パスワード")
    page.keyboard.type(PASSWORD)
    w.key("Enter", nav=True)
    assert page.url.endswith("/applicants/"), page.url
    w.start("応募者一覧→応募者を開く")
    w.tab_to("山田 花子")
    w.snap("applicants")
    w.key("Enter", nav=True)
    w.start("選考状況を変える（まず選ばずに送る）")
    w.tab_to("更新する")
    assert w.counts[w.task] <= 18, w.trails[w.task]
    w.key("Enter", nav=True)
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    s = w.stop()
    assert s["tag"] == "select" and s["name"] == "次の状況", s  # the first field in error, not the page's top
    w.check(s)
    w.snap("move-refused")
    w.key("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "screening"
    w.start("次の状況↓（書類選考）→更新する")
    w.tab_to("更新する")
    # 連絡事項, the folded 面接の日程 and 内定 parts, 更新する: the interview part's boxes were 18 more (ADR 0160)
    assert w.counts[w.task] == 4, w.trails[w.task]
    w.key("Enter", nav=True)
    assert "選考状況を更新し" in page.inner_text("main")
    assert "現在の状況：書類選考" in page.inner_text("main")
    w.sweep("応募者のページ")
    w.start("このページの内容→メッセージを送る")
    w.tab_to("メッセージ", exact=True)  # 「このページの内容」: the in-page link to the thread
    w.key("Enter")
    before = w.counts[w.task]
    w.tab_to("新しいメッセージ")
    assert w.counts[w.task] == before + 1, w.trails[w.task]  # on from the thread, not from the link
    page.keyboard.type("書類を拝見しました。面接の日程をご相談させてください。")
    w.tab_to("送信する")
    w.snap("message-submit")
    w.key("Enter", nav=True)
    assert "書類を拝見しました" in page.inner_text("#messages")


@pytest.mark.parametrize(
    ("width", "height", "js"), [(1280, 900, True), (390, 844, False)], ids=["desktop", "phone-nojs"]
)
def test_a_seeker_applies_and_the_employer_answers_with_the_keyboard_only(
    live_server, new_page, world, shot, width: int, height: int, js: bool
) -> None:
    label = "desktop" if js else "phone-nojs"
    phone = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    seeker = Walk(new_page(width, height, java_script_enabled=js, **phone), shot, label, js=js)
    seeker_walk(seeker, live_server.url)
    employer = Walk(
        new_page(width, height, java_script_enabled=js, **phone), shot, f"{label}-employer", js=js
    )
    employer_walk(employer, live_server.url)
    counts = {"seeker": seeker.counts, "employer": employer.counts}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"keyboard-walk-{label}.json").write_text(
        json.dumps(
            {"counts": counts, "trails": {**seeker.trails, **employer.trails}}, ensure_ascii=False, indent=1
        )
    )
    found = seeker.found + employer.found
    assert not found, "\n".join(found)
