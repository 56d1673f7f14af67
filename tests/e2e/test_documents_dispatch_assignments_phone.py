"""On a 390 px phone she adds the 派遣先 she was sent to next under the same 派遣元, one line in the 職歴 row
(「2020-06 株式会社□□（一般事務）」), without JavaScript's help; the document keeps it as that job's second 派遣先
and a line she cannot mean is refused in Japanese, naming the line, with nothing saved (ADR 0150, s19)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"
FIELD = "#id_work-0-assignments"


@pytest.fixture
def haken_seeker(transactional_db) -> User:
    user = User.objects.create_user(email="haken@example.jp", password=PASSWORD, role=Role.SEEKER)
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
                    "endReason": "契約期間満了により退職",
                }
            ],
        },
    )
    return user


def test_she_adds_her_next_haken_saki_on_a_phone(live_server, phone, shot, haken_seeker) -> None:
    page = phone
    log_in(page, live_server.url, haken_seeker.email, PASSWORD)
    version = DocumentVersion.objects.get(owner=haken_seeker)
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    box = page.locator(FIELD)
    assert page.get_by_label("2つ目からの派遣先（1行に1つ：開始年月 会社名（部署・役職））").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    field = page.locator("#field-work-0-assignments").bounding_box()
    assert field is not None and field["x"] >= 0 and field["x"] + field["width"] <= 390

    box.fill("株式会社みほん物産")  # no 年月: refused, naming the line
    page.locator("#save").click()
    page.wait_for_load_state()
    assert "1行目" in page.locator("#field-work-0-assignments .errorlist").inner_text()
    version.refresh_from_db()
    assert "assignments" not in version.data["work"][0]
    shot(page, "documents-dispatch-assignments-refused-390", full_page=False)

    page.locator(FIELD).fill("2020-06 株式会社みほん物産（一般事務）")
    page.locator("#save").click()
    page.wait_for_load_state()
    saved = DocumentVersion.objects.filter(owner=haken_seeker).order_by("-pk").first()
    assert saved is not None
    job = saved.data["work"][0]
    assert job["dispatchedTo"] == "株式会社みほん商事"
    assert job["assignments"] == [
        {"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}
    ]
    page.goto(f"{live_server.url}/documents/{saved.pk}/?open=work#sec-work")
    page.locator("#field-work-0-assignments").scroll_into_view_if_needed()
    assert page.locator(FIELD).input_value() == "2020-06 株式会社みほん物産（一般事務）"
    shot(page, "documents-dispatch-assignments-390", full_page=False)
