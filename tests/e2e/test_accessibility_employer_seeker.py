"""axe-core on the employer's and the seeker's pages that tests/e2e/test_accessibility.py leaves out or checks at
one width only, at 390 px and at 1280 px, with the same failing rules (serious, critical, heading-order, a
describedby naming a missing id). On the phone every page must also fit the screen (no sideways scrolling) and is
saved full-page to test-artifacts/a11y-es-<name>.png, so that people can look at what was checked.

The states come from real actions: a posting closed by its company (the list filtered to 募集終了 with
「募集を再開する」, its preview, its public page answering 410), one copied (the edit page with the copy's message),
an applicant, a CSV import's report, two favourites compared, a saved search.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bonavi.jobs import services as jobs
from tests.e2e import test_accessibility as audit
from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import ARTIFACTS, PASSWORD, SMALL_TARGETS_JS, TAP_TARGETS, _violations
from tests.e2e.test_bulk_import_phone import _csv

world = audit.world  # the same people, postings and agency as the first audit (a fixture, found by its name)

WIDTHS = [(390, 844), (1280, 900)]


@pytest.fixture
def more(world, agency_world) -> dict[str, Any]:
    """On top of test_accessibility's world: an ended public posting, an applicant, two favourites, a saved
    search."""
    from bonavi.notifications import services as notifications
    from bonavi.seekers import services as seekers
    from bonavi.seekers.models import Favorite

    employer = world["employer"]
    first, second = agency_world["public"]
    jobs.posting_close(user=employer, posting=second)
    applicant = agency_world["seeker"]
    seekers.profile_update(
        user=applicant,
        data={
            "family_name": "山田",
            "given_name": "花子",
            "family_name_kana": "やまだ",
            "given_name_kana": "はなこ",
            "phone": "090-1234-5678",
        },
    )
    application = seekers.application_create(
        user=applicant, posting_id=first.pk, message="月次決算の補助を2年担当しました。よろしくお願いします。"
    )
    Favorite.objects.create(user=world["seeker"], posting=first)
    notifications.saved_search_create(user=world["seeker"], query="q=経理", name="経理の新着")
    return {"ended": second, "open": first, "application": application}


def _visit(page: Any, url: str, *, name: str, width: int, status: int = 200, expect: str = "") -> list[Any]:
    response = page.goto(url)
    page.wait_for_load_state()
    assert response is not None and response.status == status, (name, url, response and response.status)
    return _check(page, name=name, width=width, expect=expect)


def _check(page: Any, *, name: str, width: int, expect: str = "") -> list[Any]:
    """The page as it is now: the text it must show (so an error page cannot pass for it), axe, and on the phone
    its width and a full-page screenshot."""
    assert expect in page.inner_text("main"), (name, expect)
    found: list[Any] = _violations(page, name=name)
    if width < 600:
        page.screenshot(path=str(ARTIFACTS / f"a11y-es-{name}.png"), full_page=True)
        wider = page.evaluate(OVERFLOW_JS)
        if wider:
            found.append({"page": name, "rule": "wider-than-the-phone", "nodes": wider})
        if small := page.evaluate(SMALL_TARGETS_JS, PHONE_TARGETS):
            found.append({"page": name, "rule": "tap-target-under-44px", "nodes": small})
        if split := page.evaluate(SPLIT_WORDS_JS):
            found.append({"page": name, "rule": "word-split-across-lines", "nodes": split})
        if name in DATES_KEPT_WHOLE and (loose := page.evaluate(LOOSE_DATES_JS)):
            found.append({"page": name, "rule": "date-free-to-break", "nodes": loose})
    if vague := page.evaluate(VAGUE_LINKS_JS):
        found.append({"page": name, "rule": "link-words-say-nothing", "nodes": vague})
    return found


# test_accessibility's controls, and the breadcrumb links (21 px high), the import's template downloads (two
# words in a sentence) and the postings listed under マイページ's 「エージェントからの提案」 (24 px) that these pages added.
PHONE_TARGETS = TAP_TARGETS + ', nav[aria-label="パンくず"] a, .template-downloads a, .card.waiting li a'

# Pages whose dates sit in running text and lists, not only on `.meta` lines (マイデータ's lists, the applicant's
# 応募日時): there every date must be kept whole by a nowrap box, whether or not today's data puts it at a line's end.
DATES_KEPT_WHOLE = {"mydata", "applicant"}
LOOSE_DATES_JS = """() => {
    const loose = [];
    const date = /[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日/;
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!date.test(n.data) || !n.parentElement.getClientRects().length) continue;
        let kept = false;
        for (let e = n.parentElement; e && !kept; e = e.parentElement)
            kept = getComputedStyle(e).whiteSpace === 'nowrap';
        if (!kept) loose.push(n.data.trim().slice(0, 40));
    }
    return loose;
}"""

# A link must say where it goes on its own (a screen reader's list of links reads it without the sentence round it).
VAGUE_LINKS_JS = """() => [...document.querySelectorAll('main a')]
    .map(a => a.textContent.trim()).filter(t => /^(こちら|ここ|JSON|CSV|詳細|詳しく(は)?こちら)$/.test(t))"""

# Words a line break must not cut: a heading broken inside a katakana word (「新着求人メー／ル」) and a date on a
# list's meta line (「情報更新日：2026年11月28／日」). Each character's box is measured; a new line starts where a box drops below the last.
SPLIT_WORDS_JS = """() => {
    const cuts = [];
    const lines = el => {
        const tops = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.length; i++) {
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const box = r.getBoundingClientRect();
                if (box.width) tops.push([n.data[i], box.top]);
            }
        }
        return tops;
    };
    const kana = /[\u30a0-\u30ff]/;
    document.querySelectorAll('main h1, main h2').forEach(h => {
        const t = lines(h);
        for (let i = 1; i < t.length; i++)
            if (t[i][1] > t[i - 1][1] + 2 && kana.test(t[i - 1][0]) && kana.test(t[i][0]))
                cuts.push(h.textContent.trim().slice(0, 30));
    });
    const date = /[0-9年月]/, dateNext = /[0-9月日]/;
    document.querySelectorAll('main .meta').forEach(m => {
        const t = lines(m);
        for (let i = 1; i < t.length; i++)
            if (t[i][1] > t[i - 1][1] + 2 && date.test(t[i - 1][0]) && dateNext.test(t[i][0]))
                cuts.push(m.textContent.trim().slice(0, 40));
    });
    return cuts;
}"""

COLUMNS_TABLE_JS = """() => {
    const box = document.querySelector('#import-columns').closest('.table-scroll');
    const row = [...document.querySelectorAll('#import-columns tbody tr')].find(r => r.cells[3].textContent.trim());
    const rect = c => { const r = c.getBoundingClientRect(); return {right: r.right, top: r.top, bottom: r.bottom}; };
    return {
        scrolls: box.scrollWidth - box.clientWidth,
        values: rect(row.cells[2]),
        example: rect(row.cells[3]),
        aligns: [...document.querySelectorAll('#import-columns thead th')].map(th => getComputedStyle(th).textAlign),
    };
}"""

# The document wider than the screen, and which elements stick out past its right edge (the first few).
OVERFLOW_JS = """() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return null;
    return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 6).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


@pytest.mark.parametrize(("width", "height"), WIDTHS, ids=["phone", "desktop"])
def test_employer_pages(live_server, new_page, world, more, width, height) -> None:
    base = live_server.url
    ARTIFACTS.mkdir(exist_ok=True)
    mobile = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    page = new_page(width, height, **mobile)
    log_in(page, base, world["employer"].email, world["adviser_password"])
    ended = more["ended"]
    found: list[Any] = []
    for name, path, expect in [
        ("postings", "/jobs/manage/", "経理事務（月次決算）"),
        ("postings-ended", "/jobs/manage/?status=closed", "募集を再開する"),
        ("postings-none", "/jobs/manage/?status=expired", "この状況の求人はありません"),
        ("posting-new", "/jobs/manage/new/", ""),
        ("posting-edit", f"/jobs/manage/{more['open'].pk}/edit/", ""),
        ("preview", f"/jobs/manage/{more['open'].pk}/preview/", ""),
        ("preview-ended", f"/jobs/manage/{ended.pk}/preview/", "募集を再開する"),
        ("applicants", "/applicants/", "山田"),
        ("applicant", f"/applicants/{more['application'].pk}/", "月次決算の補助を2年担当しました"),
        ("import", "/jobs/manage/import/", ""),
        ("import-columns", "/jobs/manage/import/columns/", "列の一覧"),
        ("company-profile", "/accounts/", "会社情報"),
        ("team", "/accounts/team/", ""),
    ]:
        found += _visit(page, base + path, name=name, width=width, expect=expect)
    # The import columns' table: on the phone each row's 入力する値 and 例 are read without scrolling sideways, 例 under
    # 入力する値; wider, its column headers start at the left as its cells do.
    page.goto(f"{base}/jobs/manage/import/columns/")
    table = page.evaluate(COLUMNS_TABLE_JS)
    if width < 600:
        fits = table["scrolls"] <= 0 and table["example"]["right"] <= width
        if not fits or table["example"]["top"] < table["values"]["bottom"]:
            found.append({"page": "import-columns", "rule": "example-off-the-screen", "nodes": table})
    elif not set(table["aligns"]) <= {"left", "start"}:
        found.append({"page": "import-columns", "rule": "headers-centred", "nodes": table["aligns"]})
    # 「コピーして作成」 from the list: its result is the copy's edit page with the message saying what was left out.
    page.goto(f"{base}/jobs/manage/")
    page.get_by_role("button", name="「経理事務（月次決算）」をコピーして作成").click()
    page.wait_for_load_state()
    found += _check(page, name="copied", width=width, expect="コピーして下書きを作成しました")
    # An import's report: three rows, one below the minimum wage.
    page.goto(f"{base}/jobs/manage/import/")
    page.get_by_label("ExcelまたはCSVファイル").set_input_files(
        files=[{"name": "求人一覧.csv", "mimeType": "text/csv", "buffer": _csv()}]
    )
    page.get_by_role("button", name="アップロードして確認する").click()
    page.wait_for_url("**/jobs/manage/import/*/")
    found += _check(page, name="import-report", width=width, expect="エラーのある行 1行")
    # The company profile sent with a bad phone number: its error must be read with its field.
    page.goto(f"{base}/accounts/")
    page.locator("main form", has_text="会社情報を保存する").locator("input[name=phone]").fill("でんわ")
    page.get_by_role("button", name="会社情報を保存する").click()
    page.wait_for_load_state()
    found += _check(page, name="company-profile-errors", width=width)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


MY_PAGE_NAV_JS = """() => ({
    current: [...document.querySelectorAll('.me-nav a[aria-current="page"]')].map(a => a.textContent.trim()),
    breadcrumbs: document.querySelectorAll('nav[aria-label="パンくず"]').length,
})"""
MY_PAGE_TABS = {
    "favorites": "お気に入り",
    "saved-searches": "保存した条件",
    "recent": "最近見た求人",
    "mydata": "マイデータ",
}


@pytest.mark.parametrize(("width", "height"), WIDTHS, ids=["phone", "desktop"])
def test_seeker_pages(live_server, new_page, world, more, width, height) -> None:
    base = live_server.url
    ARTIFACTS.mkdir(exist_ok=True)
    mobile = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    page = new_page(width, height, **mobile)
    log_in(page, base, world["seeker"].email, PASSWORD)
    page.goto(f"{base}/jobs/{world['posting'].pk}/")  # so that 最近見た求人 has an entry
    pair = f"{world['posting'].pk},{more['open'].pk}"
    found: list[Any] = []
    for name, path, expect in [
        ("me", "/me/", ""),
        ("favorites", "/me/favorites/", "経理担当者"),
        ("compare", f"/me/compare/?ids={pair}", "経理事務（月次決算）"),
        ("saved-searches", "/me/alerts/", "経理の新着"),
        ("recent", "/me/recent/", "履歴から削除"),
        ("mydata", "/me/privacy/export/", ""),
        ("delete-account", "/me/privacy/delete/", ""),
        ("check", "/check/", ""),
    ]:
        found += _visit(page, base + path, name=name, width=width, expect=expect)
        if name in MY_PAGE_TABS:  # マイページ's pages share its menu, their own tab marked, and no breadcrumb
            tabs = page.evaluate(MY_PAGE_NAV_JS)
            if tabs != {"current": [MY_PAGE_TABS[name]], "breadcrumbs": 0}:
                found.append({"page": name, "rule": "not-in-my-page-menu", "nodes": tabs})
    found += _visit(
        page,
        f"{base}/jobs/{more['ended'].pk}/",
        name="job-ended",
        width=width,
        status=410,
        expect="経理・財務",
    )
    page.goto(f"{base}/search/?q=経理")
    page.evaluate("document.getElementById('filters').open = true")
    found += _check(page, name="search-filters-open", width=width, expect="経理事務")
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
