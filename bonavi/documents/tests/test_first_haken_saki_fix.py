"""The offered fix of a 派遣先's 部署・役職 with unpaired brackets reaches the first 派遣先 too (ADR 0150, s22): its
position is the job's own `position`, printed in 「（派遣先）に派遣（…）」, and the review only looked at the later
ones in `assignments`. With one, two and three 派遣先, every unpaired one is named with its button, each button fixes
its own 派遣先 only, and nothing changes without it."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.models import DocumentVersion
from bonavi.documents.review import review
from bonavi.documents.services import version_create

pytestmark = pytest.mark.django_db

OPEN = "経理部（連結"
FIXED = "経理部（連結）"
LATER = [
    {"name": "株式会社みほん物産", "position": "総務課(庶務", "startDate": "2020-06"},
    {"name": "株式会社みほん銀行", "position": "営業部（事務", "startDate": "2021-04"},
]


def _haken(places: int) -> dict[str, Any]:
    return {
        "name": "株式会社スタッフみほん",
        "employmentType": "派遣社員",
        "dispatchedTo": "株式会社みほん商事",
        "position": OPEN,
        "startDate": "2019-04",
        "endDate": "2022-03",
        "summary": "請求書の発行",
        "assignments": copy.deepcopy(LATER[: places - 1]),
    }


def _version(seeker: User, job: dict[str, Any]) -> DocumentVersion:
    data = {"basics": {"name": "見本 さくら"}, "work": [job]}
    if not job.get("assignments"):
        # today's writes take it: the job's 部署・役職 box holds an open bracket as typed
        return version_create(owner=seeker, title="派遣の職務経歴書", data=data)
    # a later 派遣先's open bracket only from before session 20 (files are refused for it now): straight to the table
    return DocumentVersion.objects.create(owner=seeker, title="派遣の職務経歴書", data=data)


def _offers(version: DocumentVersion) -> list[tuple[str, str]]:
    return [
        (h.path, h.offer_value)
        for h in review(resume_from_json(version.data, stored=True))
        if h.rule == "inconsistent" and h.offer
    ]


@pytest.mark.parametrize(
    "places, expected",
    [
        (1, [("work[0].position", f"0:first:{FIXED}")]),
        (2, [("work[0].position", f"0:first:{FIXED}"), ("work[0].assignments", "0:0:総務課(庶務)")]),
        (
            3,
            [
                ("work[0].position", f"0:first:{FIXED}"),
                ("work[0].assignments", "0:0:総務課(庶務)"),
                ("work[0].assignments", "0:1:営業部（事務）"),
            ],
        ),
    ],
)
def test_every_haken_saki_is_offered_its_fix_the_first_included(
    seeker: User, places: int, expected: list[tuple[str, str]]
) -> None:
    version = _version(seeker, _haken(places))
    assert _offers(version) == expected
    first = next(
        h
        for h in review(resume_from_json(version.data, stored=True))
        if h.path == "work[0].position" and h.offer
    )
    assert first.message == (
        "最初の派遣先「株式会社みほん商事」の部署・役職「経理部（連結」は（　）の数が合っていません。"
        "履歴書には「株式会社みほん商事に派遣（経理部（連結）」と印刷されます。"
    )
    assert first.offer == "株式会社みほん商事に派遣（経理部（連結））"
    assert set(first.as_dict()) == {"rule", "severity", "path", "message", "fix"}  # the API's hint as before


@pytest.mark.parametrize("places", [1, 2, 3])
def test_each_button_fixes_its_own_haken_saki_and_the_first_one_works(
    client: Client, seeker: User, places: int
) -> None:
    version = _version(seeker, _haken(places))
    before = copy.deepcopy(version.data)
    client.force_login(seeker)
    html = client.get(reverse("documents:edit", args=[version.pk])).content.decode()
    # the first 派遣先's button sits beside the 部署・役職 box it fixes
    field = html.split('id="field-work-0-position"', 1)[1].split('<div class="field', 1)[0]
    button = re.search(r'<button[^>]*form="fix-line"[^>]*>この行に直して保存する</button>', field)
    assert button is not None and f'value="0:first:{FIXED}"' in button.group(0)
    assert html.count('form="fix-line"') == places
    version.refresh_from_db()
    assert version.data == before  # showing the offers changed nothing

    resp = client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": f"0:first:{FIXED}"})
    assert resp.status_code == 302 and resp["Location"].endswith("?open=work#row-work-0")
    version.refresh_from_db()
    assert version.data["work"][0]["position"] == FIXED
    assert version.data["work"][0].get("assignments") == before["work"][0].get(
        "assignments"
    )  # the later ones untouched
    page = client.get(resp["Location"]).content.decode()
    assert "最初の派遣先「株式会社みほん商事」の部署・役職を「経理部（連結）」に直して保存しました。" in page
    assert page.count('form="fix-line"') == places - 1
    assert _offers(version) == [o for o in _offers(version) if o[0] != "work[0].position"]

    for k in range(places - 1):  # then each later one, by its own button
        fixed = [("総務課(庶務)"), ("営業部（事務）")][k]
        client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": f"0:{k}:{fixed}"})
    version.refresh_from_db()
    assert [a["position"] for a in version.data["work"][0].get("assignments", [])] == [
        "総務課(庶務)",
        "営業部（事務）",
    ][: places - 1]
    assert _offers(version) == []


@pytest.mark.parametrize(
    "job, fix",
    [
        (_haken(1), f"0:first:{FIXED})"),  # not the fix she was shown
        ({**_haken(1), "position": FIXED}, f"0:first:{FIXED}"),  # fixed meanwhile
        (
            {**_haken(1), "employmentType": "契約社員"},
            f"0:first:{FIXED}",
        ),  # no 派遣: no 「…に派遣（…）」 line
        ({k: v for k, v in _haken(1).items() if k != "dispatchedTo"}, f"0:first:{FIXED}"),  # no 派遣先
        (_haken(1), f"1:first:{FIXED}"),  # no such row
        (_haken(1), "0:firsts:経理部"),
    ],
)
def test_a_stale_or_made_up_first_fix_changes_nothing(
    client: Client, seeker: User, job: dict[str, Any], fix: str
) -> None:
    version = _version(seeker, job)
    before = copy.deepcopy(version.data)
    client.force_login(seeker)
    page = client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": fix}, follow=True)
    text = page.content.decode()
    assert "何も変えていません" in text or "直す行が選ばれていません" in text
    version.refresh_from_db()
    assert version.data == before


def test_a_job_that_is_no_haken_is_offered_nothing_for_its_position(seeker: User) -> None:
    version = _version(seeker, {**_haken(1), "employmentType": "契約社員", "dispatchedTo": ""})
    assert _offers(version) == []
