"""Every standalone link on the agency's and the employer's pages is a 44 px target at 390 px. A standalone link is
one not inside a sentence: alone on its line or with a few words beside it (a row's name, 「一覧へ戻る」, 「編集」),
as opposed to 「詳しくは<a>こちら</a>をご覧ください。」, which may keep the line's height (WCAG 2.5.8's inline
exception). Session 20 fixed the pages its walk saw with `.link-list`; this sweeps every page of the two sides that
answers a GET, each with its folds open. Screenshots: test-artifacts/links-<side>-<name>.png."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.helpers import direct_application, log_in
from tests.e2e.test_accessibility import ARTIFACTS
from tests.e2e.test_accessibility_agents import bench  # noqa: F401  (the fixture: a day's agency work)

pytestmark = pytest.mark.browser

# A link is in a sentence when the text on its lines outside links (the text whose nearest block is the link's own)
# ends a sentence (。) or runs to 20 characters or more once spaces and punctuation are taken out.
STANDALONE_SMALL_JS = """() => {
    const isInline = el => getComputedStyle(el).display.startsWith('inline') || getComputedStyle(el).display === 'contents';
    const blockOf = el => { let p = el.parentElement; while (p && isInline(p)) p = p.parentElement; return p; };
    const outsideLinks = block => {
        let text = '';
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, parent = node.parentElement;
            if (!parent || parent.closest('a, button, summary, select, script, style, .visually-hidden')) continue;
            if ((isInline(parent) ? blockOf(parent) : parent) !== block) continue;  // another line's text
            if (!parent.checkVisibility()) continue;
            text += node.textContent;
        }
        return text;
    };
    return [...document.querySelectorAll('main a[href]')].filter(a => a.checkVisibility()).filter(a => {
        const rest = outsideLinks(blockOf(a) || document.body);
        const words = rest.replace(/[\\s、。，．,.:：;；()（）「」『』\\[\\]【】|｜/→←▸▾…・\\-－―*＊]/g, '');
        return !rest.includes('。') && words.length < 20;
    }).map(a => [a, a.getBoundingClientRect()]).filter(([a, r]) => r.height < 43.5 || r.width < 43.5)
      .map(([a, r]) => `${a.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30)} ${Math.round(r.width)}×${Math.round(r.height)}`
                       + ` (${a.className || a.parentElement.tagName.toLowerCase() + (a.parentElement.className ? '.' + a.parentElement.className.split(' ')[0] : '')})`);
}"""


def _sweep(page: Any, base: str, side: str, pages: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(small links as 「page: text w×h (class)」, pages that answered a GET)."""
    small: list[str] = []
    seen: list[str] = []
    for name, path in pages:
        response = page.goto(base + path)
        page.wait_for_load_state()
        assert response is not None
        if response.status == 405:  # a POST-only address (a form's target)
            continue
        assert response.status == 200, (name, path, response.status)
        seen.append(name)
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        page.screenshot(path=str(ARTIFACTS / f"links-{side}-{name}.png"), full_page=True)
        small += [f"{side}-{name}: {found}" for found in page.evaluate(STANDALONE_SMALL_JS)]
    return small, seen


def test_every_standalone_link_of_the_agency_and_employer_pages_is_44px(
    live_server,
    new_page,
    bench,  # noqa: F811
) -> None:
    from bonavi.agents.models import Placement
    from bonavi.events.tests.factories import make_event
    from bonavi.jobs.tests.factories import make_posting

    base = live_server.url
    ARTIFACTS.mkdir(exist_ok=True)
    candidate, referral, setup = bench["candidate"], bench["referral"], bench["setup"]
    order_posting, public = bench["order"].posting_id, bench["public"]
    placement = Placement.objects.first()
    assert placement is not None
    employer = bench["employer"]
    draft = make_posting(employer.organization, title="総務スタッフ（下書き）", status="draft")
    event = make_event(employer)
    direct = direct_application(bench["password"], message="月次決算の経験を活かしたいと考えています。")

    small: list[str] = []
    seen: list[str] = []

    def sweep(user_email: str, side: str, pages: list[tuple[str, str]]) -> None:
        page = new_page(390, 844, is_mobile=True, has_touch=True)
        page.set_default_navigation_timeout(
            60_000
        )  # forty pages, some heavy (the candidate page), on a busy runner
        log_in(page, base, user_email, bench["password"])
        found, answered = _sweep(page, base, side, pages)
        small.extend(found)
        seen.extend(f"{side}-{n}" for n in answered)

    sweep(
        setup.ca.email,
        "ca",
        [
            ("today", "/agent/"),
            ("candidates", "/agent/?q=山田"),
            ("candidate", f"/agent/candidates/{candidate.pk}/"),
            ("candidate-contact", f"/agent/candidates/{candidate.pk}/?contact=show"),
            ("propose", f"/agent/candidates/{candidate.pk}/propose/"),
            ("job", f"/agent/jobs/{order_posting}/"),
            ("public-job", f"/agent/jobs/{public[1].pk}/"),
            ("public-order", f"/agent/jobs/{public[1].pk}/order/"),
            ("referral", f"/agent/referrals/{referral.pk}/"),
            ("interview", f"/agent/referrals/{referral.pk}/interview/"),
            ("invitations", "/agent/invitations/"),
            ("agency-public", f"/agent/agencies/{setup.agency.slug}/"),
            ("agency-complaint", f"/agent/agencies/{setup.agency.slug}/complaint/"),
            ("check", "/check/"),
            ("account", "/accounts/"),
        ],
    )
    sweep(
        setup.boss.email,
        "boss",
        [
            ("today", "/agent/"),
            ("intake", "/agent/orders/new/"),
            ("records", "/agent/records/"),
            ("fee", f"/agent/placements/{placement.pk}/fee/"),
            ("offices", "/agent/offices/"),
            ("agency-settings", "/agent/agency/"),
            ("account", "/accounts/"),
        ],
    )
    employer_pages = [
        ("postings", "/jobs/manage/"),
        ("posting-new", "/jobs/manage/new/"),
        ("posting-edit", f"/jobs/manage/{draft.pk}/edit/"),
        ("posting-preview", f"/jobs/manage/{draft.pk}/preview/"),
        ("posting-preview-public", f"/jobs/manage/{public[0].pk}/preview/"),
        ("import", "/jobs/manage/import/"),
        ("import-columns", "/jobs/manage/import/columns/"),
        ("referrals", "/agent/employer/referrals/"),
        ("referral", f"/agent/employer/referrals/{referral.pk}/"),
        ("referral-interview", f"/agent/employer/referrals/{referral.pk}/interview/"),
        ("applicants", "/applicants/"),
        ("events", "/employer/events/"),
        ("event-new", "/employer/events/new/"),
        ("event", f"/employer/events/{event.pk}/"),
        ("event-edit", f"/employer/events/{event.pk}/edit/"),
        ("check", "/check/"),
        ("account", "/accounts/"),
        ("team", "/accounts/team/"),
        ("company", f"/companies/{employer.organization_id}/"),
    ]
    sweep(employer.email, "employer", employer_pages)
    sweep(
        direct.hr.email,
        "employer2",
        [
            ("applicants", "/applicants/"),
            ("applicant", f"/applicants/{direct.application.pk}/"),
            ("postings", "/jobs/manage/"),
        ],
    )

    (ARTIFACTS / "links-standalone-390.json").write_text(json.dumps(small, ensure_ascii=False, indent=1))
    assert len(seen) >= 35, seen  # the sweep reached the pages, not a login page each time
    assert not small, json.dumps(small, ensure_ascii=False, indent=1)
