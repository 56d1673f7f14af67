"""On a 390 px phone she writes a 派遣先 whose 部署・役職 has brackets of its own and the 実績 she had at each
派遣先, in the 職歴 row, without JavaScript; a line whose brackets cannot be read is refused in Japanese, naming
the line, with nothing saved (ADR 0150, s20)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Kyushoku-Sha-2026"
LINES = "#id_work-0-assignments"


@pytest.fixture
def haken_seeker(transactional_db) -> User:
    user = User.objects.create_user(email="haken-wins@example.jp", password=PASSWORD, role=Role.SEEKER)
    version_create(
        owner=user,
        title="一般事務 応募用",
        data={
            "basics": {"name": "見本 さくら"},
            "work": [
                {
                    "name": "株式会社スタッフみほん",
                    "dispatchedTo": "株式会社みほん商事",
                    "position": "経理事務",
                    "employmentType": "派遣社員",
                    "startDate": "2019-04",
                    "endDate": "2021-03",
                    "dispatchedDuties": ["請求書の発行（月200件）"],
                    "assignments": [
                        {
                            "name": "株式会社みほん物産（東京本社）",
                            "position": "経理部（連結チーム）",
                            "startDate": "2020-06",
                            "duties": ["連結パッケージの入力"],
                        }
                    ],
                }
            ],
        },
    )
    return user


def _inside(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, selector


def test_she_writes_achievements_per_haken_saki_on_a_phone(live_server, phone, shot, haken_seeker) -> None:
    page = phone
    log_in(page, live_server.url, haken_seeker.email, PASSWORD)
    version = DocumentVersion.objects.get(owner=haken_seeker)
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    # the line shows the name's and the position's brackets as they are
    assert (
        page.locator(LINES).input_value() == "2020-06 株式会社みほん物産（東京本社）（経理部（連結チーム））"
    )
    first = page.get_by_label("最初の派遣先での実績（1行に1つ・数字を入れて）")
    later = page.get_by_label(
        "2つ目の派遣先（株式会社みほん物産（東京本社））での実績（1行に1つ・数字を入れて）"
    )
    assert first.count() == 1 and later.count() == 1
    for selector in (
        "#field-work-0-assignments",
        "#field-work-0-dispatched_achievements",
        "#field-work-0-assignment_achievements_0",
    ):
        _inside(page, selector)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    first.fill("締め日の遅れを月3件から0件にした")
    later.fill("連結決算の資料作成を5日短縮")
    page.locator(LINES).fill("2020-06 株式会社みほん物産（東京本社）経理部（連結チーム））")  # one （ too few
    page.locator("#save").click()
    page.wait_for_load_state()
    error = page.locator("#field-work-0-assignments .errorlist").inner_text()
    assert "1行目「2020-06 株式会社みほん物産（東京本社）経理部（連結チーム））」は読めません" in error
    version.refresh_from_db()
    assert "dispatchedAchievements" not in version.data["work"][0]
    page.locator("#field-work-0-assignments").scroll_into_view_if_needed()
    shot(page, "documents-dispatch-brackets-refused-390", full_page=False)

    page.locator(LINES).fill("2020-06 株式会社みほん物産（東京本社）（経理部（連結チーム））")
    page.locator("#save").click()
    page.wait_for_load_state()
    saved = DocumentVersion.objects.filter(owner=haken_seeker).order_by("-pk").first()
    assert saved is not None
    job = saved.data["work"][0]
    assert job["dispatchedAchievements"] == ["締め日の遅れを月3件から0件にした"]
    assert job["assignments"] == [
        {
            "name": "株式会社みほん物産（東京本社）",
            "position": "経理部（連結チーム）",
            "startDate": "2020-06",
            "duties": ["連結パッケージの入力"],
            "achievements": ["連結決算の資料作成を5日短縮"],
        }
    ]
    page.goto(f"{live_server.url}/documents/{saved.pk}/?open=work#sec-work")
    page.locator("#field-work-0-assignment_achievements_0").scroll_into_view_if_needed()
    assert page.locator("#id_work-0-assignment_achievements_0").input_value() == "連結決算の資料作成を5日短縮"
    shot(page, "documents-dispatch-achievements-390", full_page=False)
