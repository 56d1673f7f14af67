"""The operator's desk (Django admin) on a 390 px phone and at 1280 px: the change lists and change pages of the
models an operator opens every day — 申出 (complaints), 求人, 組織 (companies and agencies' organisations), ユーザー,
職業紹介事業者 and 仮登録 ("the mail never came") — plus the menu.

Each page is checked with axe (test_accessibility's failing rules). On the phone it must also fit the screen (no
sideways scrolling of the page, and no change list scrolling inside its box), keep its key columns readable, and
make every control a thumb uses 44 px: filter links, pagination, the action select and its button, object tools,
the rows' links, the header's links. Each page is saved to test-artifacts/admin-<name>-<width>.png.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bonavi.accounts.models import PendingSignup, User
from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import ARTIFACTS, LAYOUT_JS, SMALL_TARGETS_JS, _violations

pytestmark = pytest.mark.browser

OPERATOR_PASSWORD = "Unei-Tantou-2026"

# What a thumb taps on the admin's pages. Checkboxes are left out, as on the site's pages (a row's box is drawn at
# 22 px in a 44 px cell; the ticked lists of the user page are 44 px labels).
ADMIN_TARGETS = ", ".join(
    [
        "#user-tools a",
        "#user-tools button",
        "div.breadcrumbs a",
        "#content .object-tools a",
        "#changelist-filter a",
        "#changelist-filter summary",
        "#changelist-search input:not([type=hidden])",
        "#changelist-search a",
        "#changelist .paginator a",
        "#changelist .paginator input",
        "#changelist .actions select",
        "#changelist .actions button",
        "#changelist .actions a",
        "#result_list a",
        ".xfull a",
        "#content .submit-row a",
        "#content .submit-row input",
        "#content a.button",
        "#content input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
        "#content select",
        "#content textarea",
        "#content button",
        "#content .related-widget-wrapper-link",
        "#content .related-lookup",
        "#content .datetimeshortcuts a",
        "#content .add-row a",
        "#content .inline-deletelink",
        "#content .module th a",
        "#content .module td a",
    ]
)

# The change list as the phone shows it: the box must not scroll, the first column (the row's link) and the
# columns shown must have room to be read (no column narrower than 56 px, about three Japanese characters).
LIST_JS = """() => {
    const box = document.querySelector('#changelist .results');
    const table = document.querySelector('#result_list');
    if (!box || !table) return null;
    const heads = [...table.querySelectorAll('thead th')].filter(th => th.getBoundingClientRect().width > 0);
    return {
        scroll: box.scrollWidth - box.clientWidth,
        shown: heads.map(th => th.textContent.trim()),
        narrow: heads.filter(th => !th.classList.contains('action-checkbox-column'))
            .filter(th => th.getBoundingClientRect().width < 56).map(th => th.textContent.trim()),
    };
}"""

# Where a change list's cells and headers break their lines: each break must fall between words as the browser's
# own Japanese word segmenter (Intl.Segmenter) cuts them — 「株式会社みなと／会計サービス」, never 「株式会社みな／と」
# or 「職業紹介事／業者」. Long latin (a mail address) may break anywhere.
WORD_BREAKS_JS = """() => {
    const words = new Intl.Segmenter('ja', {granularity: 'word'});
    const bad = [];
    for (const cell of document.querySelectorAll('#result_list :is(th, td)')) {
        if (!cell.checkVisibility()) continue;
        const chars = [];
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
        }
        const text = chars.map(([n, i]) => n.data[i]).join('');
        const bounds = new Set([...words.segment(text)].map(s => s.index));
        let lastTop = null;
        chars.forEach(([node, i], k) => {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect || !text[k].trim()) return;
            const latin = /[\x21-\x7e]/.test(text[k]) && /[\x21-\x7e]/.test(text[k - 1] || '');
            if (lastTop !== null && rect.top > lastTop + 2 && !bounds.has(k) && !latin) {
                bad.push(`${text.trim()}: ${text.slice(0, k).trim()}／${text.slice(k).trim()}`);
            }
            lastTop = rect.top;
        });
    }
    return bad;
}"""


@pytest.fixture
def desk(agency_world) -> dict[str, Any]:
    """agency_world (an agency with its office and staff, a company with three postings, a seeker) with the
    operator's day: a complaint about a posting, one past its answer date, and two sign-ups waiting for mail."""
    import datetime as dt

    from django.utils import timezone

    from bonavi.support import services as support
    from bonavi.support.models import Category, Complaint

    operator = User.objects.create_superuser(
        email="ops@bonavi.example", password=OPERATOR_PASSWORD, display_name="運営 太郎"
    )
    complaint, _ = support.complaint_file(
        user=None,
        client="ip127.0.0.1",
        category=Category.DISCRIMINATION,
        posting=agency_world["public"][1],
        body="求人に「30歳くらいまでの方」と書かれていました。",
        reply_email="reporter@example.jp",
        name="佐藤",
    )
    old, _ = support.complaint_file(
        user=None,
        client="ip127.0.0.2",
        category=Category.POSTING_FACTS,
        posting=agency_world["public"][0],
        body="記載の給与と面接で言われた額が違いました。",
        reply_email="other@example.jp",
        name="",
    )
    Complaint.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=20))
    PendingSignup.objects.create(email="mada@seeker.example", password_hash="x", role="seeker", agreed=True)
    PendingSignup.objects.create(
        email="kaisha@example.jp",
        password_hash="x",
        role="employer",
        organization_name="株式会社さくら",
        agreed=True,
    )
    return {**agency_world, "operator": operator, "complaint": complaint}


def _pages(desk: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, path, text the page must show). The lists filtered or searched as an operator does."""
    complaint, posting = desk["complaint"], desk["public"][1]
    employer, agency = desk["employer"], desk["setup"].agency
    signup = PendingSignup.objects.get(email="kaisha@example.jp")
    return [
        ("index", "/admin/", "運営の管理メニュー"),
        ("complaints", "/admin/support/complaint/?status__exact=received", complaint.reference),
        ("complaint", f"/admin/support/complaint/{complaint.pk}/change/", "この求人の掲載を停止する"),
        ("postings", "/admin/jobs/jobposting/", posting.title),
        ("posting", f"/admin/jobs/jobposting/{posting.pk}/change/", posting.title),
        ("organizations", "/admin/accounts/organization/", employer.organization.name),
        ("organization", f"/admin/accounts/organization/{employer.organization_id}/change/", ""),
        ("users", "/admin/accounts/user/", ""),
        ("users-search", "/admin/accounts/user/?q=saiyou", employer.email),
        ("user", f"/admin/accounts/user/{employer.pk}/change/", employer.email),
        ("agencies", "/admin/agents/agency/", "13-ユ-312345"),
        ("agency", f"/admin/agents/agency/{agency.pk}/change/", "本社"),
        ("signups", "/admin/accounts/pendingsignup/", signup.email),
        ("signup", f"/admin/accounts/pendingsignup/{signup.pk}/change/", signup.email),
    ]


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_operator_desk_on_phone_and_desktop(live_server, new_page, desk, monkeypatch, width, height) -> None:
    from bonavi.accounts.admin import UserAdmin

    # Three users a page, so that the user list has the pagination links an operator meets on the real lists.
    monkeypatch.setattr(UserAdmin, "list_per_page", 3)
    base = live_server.url
    phone = width < 600
    page = new_page(width, height, **({"is_mobile": True, "has_touch": True} if phone else {}))
    log_in(page, base, desk["operator"].email, OPERATOR_PASSWORD)
    ARTIFACTS.mkdir(exist_ok=True)
    found: list[Any] = []
    lists: dict[str, Any] = {}
    for name, path, expect in _pages(desk):
        response = page.goto(base + path)
        page.wait_for_load_state()
        assert response is not None and response.status == 200, (name, path)
        assert expect in page.inner_text("#content"), (name, expect)
        # The Japanese titles of the operators' site (core's AppConfig) stay on every page.
        assert page.title().endswith("BOナビ 運営管理"), (name, page.title())
        assert page.inner_text("#site-name").strip() == "BOナビ 運営管理", name
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.screenshot(path=str(ARTIFACTS / f"admin-{name}-{width}.png"), full_page=True)
        found += _violations(page, name=name)
        layout = page.evaluate(LAYOUT_JS)
        if layout["overflow"] > 0:
            found.append(f"{name}: the page scrolls sideways by {layout['overflow']} px")
        listed = page.evaluate(LIST_JS)
        if listed is not None:
            lists[name] = listed["shown"]
            if listed["scroll"] > 0:
                found.append(f"{name}: the list scrolls inside its box by {listed['scroll']} px")
            if listed["narrow"]:
                found.append(f"{name}: columns too narrow to read: {listed['narrow']}")
        if phone:
            found += [f"{name}: {t}" for t in page.evaluate(SMALL_TARGETS_JS, ADMIN_TARGETS)]
        found += [f"{name}: broken inside a word: {t}" for t in page.evaluate(WORD_BREAKS_JS)]
        # No 「:」 after a Japanese label (core.admin_labels): 「名称:」「操作:」 as Django writes them.
        colons = page.evaluate(
            "[...document.querySelectorAll('#content label')].map(l => l.textContent.trim())"
            ".filter(t => /[:：]$/.test(t))"
        )
        found += [f"{name}: a label ends with a colon: {t}" for t in colons]
    (ARTIFACTS / f"admin-desk-{width}.json").write_text(
        json.dumps({"found": found, "lists": lists}, ensure_ascii=False, indent=1)
    )
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
