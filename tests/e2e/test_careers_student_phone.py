"""A student with no office experience, on a phone (390 px), opens 経験の棚卸し: the text box starts from their
profile's 経験 and 職歴 (marked as such), they add a line, choose 一般事務 and read the result. The 自己PR speaks
of 事務 only, and the gap section names the skills to build and MOS / 秘書検定 instead of 「大きな差は見つかりません
でした」. Screenshots: test-artifacts/careers-student-*.png."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.seekers.models import HistoryEntry, HistoryKind, SeekerProfile
from tests.e2e.helpers import log_in

PASSWORD = "Keiken-Tanaoroshi-2026"
EXPERIENCE = (
    "サークルの新歓イベントで、参加者の名簿をExcelで作り、当日の受付をしました。"
    "ボランティアでは地域の子ども会の会計を手伝い、領収書を整理しました。"
)
ADDED = "飲食店のアルバイトでは、新人にレジの使い方を教えることもあります。"


@pytest.fixture
def student(transactional_db) -> User:
    user = User.objects.create_user(email="gakusei@example.jp", password=PASSWORD, role=Role.SEEKER)
    profile, _ = SeekerProfile.objects.get_or_create(user=user)
    profile.experience = EXPERIENCE
    profile.save()
    HistoryEntry.objects.create(
        profile=profile, kind=HistoryKind.WORK, year=2024, month=4, text="カフェ青葉 アルバイト"
    )
    return user


def test_student_translates_profile_experience_toward_general_clerical(live_server, phone, shot, student):
    page = phone
    log_in(page, live_server.url, student.email, PASSWORD)
    page.goto(f"{live_server.url}/careers/translate/")
    note = page.locator("#prefill-note")
    assert note.is_visible() and "プロフィール" in note.inner_text()
    box = page.get_by_label("経験の文章")
    assert EXPERIENCE in box.input_value() and "2024年4月 カフェ青葉 アルバイト" in box.input_value()
    shot(page, "careers-student-1-prefilled", full_page=False)

    box.fill(box.input_value() + "\n" + ADDED)  # the seeker edits before reading
    page.get_by_label("目標の職業（任意）").select_option(label="一般事務｜一般事務")
    page.get_by_role("button", name="読み取る").click()
    page.wait_for_load_state()
    # the result is where the page opens, not below the form she has just read (ADR 0139)
    assert page.url.endswith("#translation")
    assert page.evaluate("document.getElementById('translation').getBoundingClientRect().top") < 100

    appeal = page.locator("#appeal-points").inner_text()
    assert (
        "事務の仕事でも活かせます" in appeal
        and "経理の仕事" not in appeal
        and "人事・労務の仕事" not in appeal
    )
    build = page.locator("#skills-to-build")
    assert build.is_visible() and "傾聴力" in build.inner_text()
    assert "大きな差は見つかりませんでした" not in page.content()
    steps = page.locator("#next-steps").inner_text()
    assert "MOS" in steps and "秘書検定" in steps
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "careers-student-2-result")
