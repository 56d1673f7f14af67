"""The employer's side on a 390 px phone (UX review s10): 求人管理 shows each posting's applicant counts, and a count
opens the one 「応募者」 list narrowed to that posting, where a direct application and an agency's referral are
named in the same words of the steps (ADR 0096). An ended posting re-opens from its row; an operator-stopped one
says so (ADR 0146, 0153 addenda)."""

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


def test_a_row_reopens_an_ended_posting_and_a_stopped_one_says_so(
    live_server, phone, shot, employer_account
) -> None:
    """ADR 0146/0153 addenda: on a 390 px phone an ended posting's row has its own 「募集を再開する」 (no JS: a plain
    form), the operator-stopped one reads 「掲載停止（運営）」 with a link to why, and neither row overflows."""
    import datetime as dt

    from django.utils import timezone

    from bonavi.core.clock import today_jst
    from bonavi.jobs import services as job_services
    from bonavi.jobs.models import PostingStatus
    from bonavi.jobs.tests.factories import make_posting

    from .helpers import EMPLOYER_PASSWORD

    org = employer_account.organization
    ended_at = {"closed_at": timezone.now() - dt.timedelta(days=1), "date_posted": timezone.now()}
    closed = make_posting(
        org,
        status=PostingStatus.CLOSED,
        title="経理・財務スタッフ（月次決算・連結決算の補助、英文経理あり）",
        valid_through=today_jst() - dt.timedelta(days=2),
        **ended_at,
    )
    stopped = make_posting(org, status=PostingStatus.PUBLISHED, title="総務スタッフ（受付・備品管理）")
    operator = User.objects.create_superuser(email="ops@bonavi.example", password="Unei-Tantou-2026")
    job_services.posting_stop(
        user=operator, posting=stopped, reason="仕事内容の記載が実際と異なるとの通報のため"
    )

    log_in(phone, live_server.url, employer_account.email, EMPLOYER_PASSWORD)
    phone.goto(f"{live_server.url}/jobs/manage/")
    stopped_row = phone.locator(".cards > .card", has_text=stopped.title)
    assert "掲載停止（運営）" in stopped_row.inner_text()
    assert stopped_row.get_by_role("button", name="募集を再開する").count() == 0
    stopped_row.get_by_role("link", name=f"「{stopped.title}」の掲載停止の理由を見る").wait_for()
    button = phone.get_by_role("button", name=f"「{closed.title}」の募集を再開する")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "employer-manage-reopen-row-phone")

    button.click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/jobs/{closed.pk}/")
    assert "募集を再開しました。" in phone.locator("body").inner_text()
    closed.refresh_from_db()
    assert closed.status == PostingStatus.PUBLISHED
