"""The employer's side on a 390 px phone (UX review s10): 求人管理 shows each posting's applicant counts, and a count
opens the one 「応募者」 list narrowed to that posting, where a direct application and an agency's referral are
named in the same words of the steps (ADR 0096)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services as agent_services
from bonavi.agents.models import Stage
from bonavi.agents.tests.factories import refer, register
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application, ApplicationStatus

from .helpers import log_in

pytestmark = pytest.mark.browser


def test_counts_lead_to_one_list_of_both_kinds(live_server, phone, shot, agency_world) -> None:
    world = agency_world
    setup, order, employer = world["setup"], world["order"], world["employer"]
    seeker_services.profile_update(
        user=world["seeker"],
        data={
            "family_name": "山田",
            "given_name": "花子",
            "family_name_kana": "やまだ",
            "given_name_kana": "はなこ",
        },
    )
    referral = refer(setup, register(setup, world["seeker"]), order.posting_id)
    agent_services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.DOCUMENT)
    agent_services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.INTERVIEW1)
    for i, status in enumerate((ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEW)):
        applicant = User.objects.create(email=f"direct{i}@seeker.example", role=Role.SEEKER)
        Application.objects.create(
            posting_id=order.posting_id,
            applicant=applicant,
            status=status,
            profile_snapshot={"family_name": "佐々木", "given_name": f"{'一二'[i]}郎"},
        )

    log_in(phone, live_server.url, employer.email, world["password"])
    phone.goto(f"{live_server.url}/jobs/manage/?sort=applicants")
    first = phone.locator(".cards > .card").first
    assert "経理リーダー候補（非公開求人）" in first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "employer-manage-counts-phone")

    first.get_by_role("link", name="直接応募 2件").wait_for()
    first.get_by_role("link", name="エージェント推薦 1件").wait_for()
    first.get_by_role("link", name="うち応募済のまま 1件").wait_for()
    # The whole list of the posting: both kinds.
    phone.goto(f"{live_server.url}/applicants/?posting={order.posting_id}")
    cards = phone.locator(".cards > .card")
    assert cards.count() == 3
    text = phone.locator(".cards").inner_text()
    assert f"エージェント推薦（{setup.agency.name}）" in text and "直接応募" in text
    assert "面接（1次）" in text and "応募済" in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "employer-applicants-combined-phone")

    phone.get_by_role("link", name="山田 花子").click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/agent/employer/referrals/{referral.pk}/")
