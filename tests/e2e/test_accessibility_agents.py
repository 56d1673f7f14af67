"""axe-core on the agency side's pages that tests/e2e/test_accessibility.py leaves out, at 390 px and 1280 px, with
its failing rules: the adviser's workbench with a day's work in it (the candidate list searched, the candidate page
with a 推薦 whose interview date she asked to move, her contact on request, the proposals form refused), the job
page, the invitations, the 責任者's records with a placement and a complaint, the candidate's proposal pages, the
agency's public page (and the invited person's), and the operator's complaint desk with its 掲載停止 form.

At 390 px every page is also screenshotted to test-artifacts/ (agents-a11y-*.png, for people to look at) and
checked for sideways scrolling and thumb-sized controls.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bonavi.accounts.models import Role, User
from bonavi.core.clock import JST, today_jst
from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import (
    ARTIFACTS,
    LAYOUT_JS,
    SMALL_TARGETS_JS,
    TAP_TARGETS,
    _violations,
)

pytestmark = pytest.mark.browser

REASON = "その日は前職の出社日です。翌週の午後なら伺えます。"
OPERATOR_PASSWORD = "Unei-Tantou-2026"
# Standalone links on these pages besides test_accessibility's: the workbench's lists of names, job orders and books
# (27 px), its parts row, buttons drawn as links, and the admin's 「この求人の掲載を停止する」 and 「戻る」 (30 px).
MORE_TARGETS = ", #candidates a, #orders a, #registrations a, .interview-row a, .link-list a, .page-parts a, main a.btn, main a.button, .submit-row a"


@pytest.fixture
def bench(agency_world) -> dict[str, Any]:
    """agency_world with a day's work: her 推薦 at 1次面接 with the date she asked to move, a proposal waiting for
    her, another candidate placed last year, a complaint routed to the 責任者, an invitation waiting, and a platform
    complaint about one of the company's postings for the operator."""
    from bonavi.agents import interviews
    from bonavi.agents import services as agents
    from bonavi.agents.invitations import invitation_send, invitation_url
    from bonavi.agents.models import ReferralInterview
    from bonavi.agents.tests.factories import book_first_interview, place, refer, register
    from bonavi.core.interviews import InterviewAnswer
    from bonavi.support import services as support
    from bonavi.support.models import Category

    setup, seeker = agency_world["setup"], agency_world["seeker"]
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, agency_world["order"].posting_id)
    starts = dt.datetime.combine(today_jst() + dt.timedelta(days=5), dt.time(14), tzinfo=JST)
    book_first_interview(referral, agency_world["employer"], starts)
    interview = ReferralInterview.objects.get(referral=referral, stage=referral.stage)
    interviews.referral_interview_answer(
        user=seeker,
        referral=referral,
        answer=InterviewAnswer.RESCHEDULE,
        text=REASON,
        sequence=interview.sequence,
        starts_at=interview.starts_at,
    )
    waiting = agents.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=agency_world["public"][1].pk
    )
    placed_seeker = User.objects.create_user(
        email="nyusha@seeker.example",
        password=agency_world["password"],
        role=Role.SEEKER,
        display_name="佐々木 美咲",
    )
    place(
        setup,
        register(setup, placed_seeker),
        agency_world["public"][0].pk,
        joined_on=today_jst() - dt.timedelta(days=200),
    )
    agents.complaint_file(
        user=None,
        agency_slug=setup.agency.slug,
        from_name="山本",
        contact="yamamoto@example.jp",
        body="面談の日程が何度も直前に変わりました。",
        wants_in_person=True,
    )
    invitation = invitation_send(
        user=setup.ca, name="小林 由美", email="kobayashi@example.jp", note="先日の説明会でお話しした件です。"
    )
    operator = User.objects.create_superuser(email="ops@bonavi.example", password=OPERATOR_PASSWORD)
    complaint, _ = support.complaint_file(
        user=None,
        client="ip127.0.0.1",
        category=Category.DISCRIMINATION,
        posting=agency_world["public"][1],
        body="求人に「30歳くらいまでの方」と書かれていました。",
        reply_email="reporter@example.jp",
        name="佐藤",
    )
    return {
        **agency_world,
        "candidate": candidate,
        "referral": referral,
        "waiting": waiting,
        "invite_url": invitation_url(invitation),
        "operator": operator,
        "complaint": complaint,
    }


def _look(page: Any, url: str, *, name: str, expect: str, width: int, status: int = 200) -> list[Any]:
    """axe's failing findings on the page at `url` (which must answer `status` and show `expect`), and at 390 px its
    screenshot and its layout: no sideways scrolling, one h1, no skipped heading level, 44 px tap targets."""
    response = page.goto(url)
    page.wait_for_load_state()
    assert response is not None and response.status == status, (name, url)
    assert expect in page.inner_text("#content, main" if "/admin/" in url else "main"), (name, expect)
    return _check(page, name=name, width=width)


def _check(page: Any, *, name: str, width: int) -> list[Any]:
    found: list[Any] = list(_violations(page, name=name))
    if width < 600:
        page.screenshot(path=str(ARTIFACTS / f"agents-a11y-{name}.png"), full_page=True)
        layout = page.evaluate(LAYOUT_JS)
        if layout["overflow"] > 0 or layout["h1"] != 1 or layout["skipped"]:
            found.append(f"{name}: {layout}")
        found += [f"{name}: {t}" for t in page.evaluate(SMALL_TARGETS_JS, TAP_TARGETS + MORE_TARGETS)]
    return found


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_agency_pages_have_no_serious_violations(live_server, new_page, bench, width, height) -> None:
    base = live_server.url
    mobile = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    ARTIFACTS.mkdir(exist_ok=True)
    found: list[Any] = []
    candidate, referral = bench["candidate"], bench["referral"]

    adviser = new_page(width, height, **mobile)
    log_in(adviser, base, bench["setup"].ca.email, bench["password"])
    for name, path, expect in [
        ("today", "/agent/", "今日やること"),
        ("candidates", "/agent/?q=山田", "山田 花子"),
        ("candidate", f"/agent/candidates/{candidate.pk}/", REASON),
        ("candidate-contact", f"/agent/candidates/{candidate.pk}/?contact=show", "tenshoku@seeker.example"),
        ("job", f"/agent/jobs/{bench['order'].posting_id}/", "経理リーダー候補"),
        ("invitations", "/agent/invitations/", "小林 由美"),
    ]:
        found += _look(adviser, base + path, name=name, expect=expect, width=width)
    # Every fold of the candidate page open (the 推薦's card with her answer, the hearing, the matches).
    adviser.goto(f"{base}/agent/candidates/{candidate.pk}/")
    adviser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert REASON in adviser.locator(f"#r{referral.pk}-interview-answer").inner_text()
    found += _check(adviser, name="candidate-all-open", width=width)
    # The proposals form sent with no job ticked: the refusal beside it.
    adviser.evaluate("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))")
    with adviser.expect_navigation():
        adviser.locator("form[action$='/propose/'] button[type=submit]").first.click()
    assert adviser.locator("form[action$='/propose/'] .errorlist").count() >= 1
    found += _check(adviser, name="propose-errors", width=width)

    responsible = new_page(width, height, **mobile)
    log_in(responsible, base, bench["setup"].boss.email, bench["password"])
    for name, path, expect in [
        ("intake", "/agent/orders/new/", ""),
        ("records", "/agent/records/", "面談の日程が何度も"),
        ("offices", "/agent/offices/", "本社"),
        ("agency-settings", "/agent/agency/", ""),
        ("today-responsible", "/agent/", "今日やること"),
    ]:
        found += _look(responsible, base + path, name=name, expect=expect, width=width)
    # A year typed into the URL that the report cannot be shown for: refused beside the year switch (400).
    found += _look(
        responsible,
        f"{base}/agent/records/?year=1999",
        name="records-year-refused",
        expect="",
        width=width,
        status=400,
    )

    seeker = new_page(width, height, **mobile)
    log_in(seeker, base, bench["seeker"].email, bench["password"])
    for name, path, expect in [
        ("my-proposals", "/me/proposals/", "経理リーダー候補"),
        ("my-referral", f"/me/proposals/{referral.proposal_id}/", REASON),
        ("my-proposal-waiting", f"/me/proposals/{bench['waiting'].pk}/", ""),
    ]:
        found += _look(seeker, base + path, name=name, expect=expect, width=width)

    anon = new_page(width, height, **mobile)
    for name, path, expect in [
        ("agency-public", "/agent/agencies/minato-career/", "13-ユ-312345"),
        ("agency-invited", bench["invite_url"].split("://", 1)[1].split("/", 1)[1], "13-ユ-312345"),
    ]:
        found += _look(anon, f"{base}/{path.lstrip('/')}", name=name, expect=expect, width=width)

    operator = new_page(width, height, **mobile)
    log_in(operator, base, bench["operator"].email, OPERATOR_PASSWORD)
    complaint = bench["complaint"]
    for name, path, expect in [
        ("ops-complaints", "/admin/support/complaint/", complaint.reference),
        ("ops-complaint", f"/admin/support/complaint/{complaint.pk}/change/", "この求人の掲載を停止する"),
        ("ops-stop", f"/admin/support/complaint/{complaint.pk}/stop-posting/", "掲載を停止すると"),
    ]:
        found += _look(operator, base + path, name=name, expect=expect, width=width)
    operator.get_by_role("button", name="掲載を停止する").click()
    operator.wait_for_load_state()
    assert operator.locator(".errorlist").count() >= 1
    found += _check(operator, name="ops-stop-errors", width=width)

    (ARTIFACTS / f"axe-agents-{width}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
