"""A version saved before session 20 whose later 派遣先 position has unpaired brackets (ADR 0150, s21): the review
names the editor's line and offers the corrected one; her one submit (no JavaScript) applies it, and nothing changes
without it — nor when the line changed since she saw the offer."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.documents.forms import read_assignment_line
from bonavi.documents.jsonresume import assignment_line, balanced, resume_from_json
from bonavi.documents.models import DocumentVersion
from bonavi.documents.review import review

from .test_dispatch_brackets_and_achievements import HAKEN

pytestmark = pytest.mark.django_db

OLD_LINE = "2020-06 株式会社みほん物産（経理部（連結）"
FIXED_LINE = "2020-06 株式会社みほん物産（経理部（連結））"


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("経理部（連結", "経理部（連結）"),
        ("総務課(庶務", "総務課(庶務)"),
        ("経理部）連結", "経理部連結"),
        ("経理部（連結(第2", "経理部（連結(第2)）"),
        ("経理部（連結チーム）", "経理部（連結チーム）"),
    ],
)
def test_balanced_pairs_every_bracket(text: str, fixed: str) -> None:
    assert balanced(text) == fixed
    # the corrected line reads back to the same 派遣先 and position
    assert read_assignment_line(assignment_line("2020-06", "株式会社みほん物産", fixed)) == (
        "2020-06",
        "株式会社みほん物産",
        fixed,
    )


def _stored(seeker: User) -> DocumentVersion:
    """As saved before files were refused for it: written straight to the table, past today's reader."""
    job: dict[str, Any] = copy.deepcopy(HAKEN)
    job["assignments"][0]["position"] = "経理部（連結"
    data = {"basics": {"name": "見本 さくら"}, "work": [job]}
    return DocumentVersion.objects.create(owner=seeker, title="派遣の職務経歴書", data=data)


def test_the_review_names_the_line_and_offers_the_corrected_one(seeker: User) -> None:
    hints = [
        h
        for h in review(resume_from_json(_stored(seeker).data, stored=True))
        if h.path == "work[0].assignments" and h.rule == "inconsistent"
    ]
    assert len(hints) == 1
    assert f"2つ目からの派遣先の1行目「{OLD_LINE}」" in hints[0].message
    assert f"「{FIXED_LINE}」に直せます" in hints[0].fix
    assert hints[0].offer == FIXED_LINE and hints[0].offer_value == "0:0:経理部（連結）"
    assert set(hints[0].as_dict()) == {
        "rule",
        "severity",
        "path",
        "message",
        "fix",
    }  # the API's hint as before


def test_one_submit_applies_the_fix_and_nothing_changes_before(client: Client, seeker: User) -> None:
    version = _stored(seeker)
    before = copy.deepcopy(version.data)
    client.force_login(seeker)
    url = reverse("documents:edit", args=[version.pk])
    html = client.get(url).content.decode()
    button = re.search(r'<button[^>]*form="fix-line"[^>]*>この行に直して保存する</button>', html)
    assert button is not None and 'value="0:0:経理部（連結）"' in button.group(0)
    assert f'action="{reverse("documents:fix_line", args=[version.pk])}"' in html
    assert "<script" not in html.split('id="review"', 1)[1].split("</form>", 1)[0]
    version.refresh_from_db()
    assert version.data == before  # showing the offer changed nothing

    resp = client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": "0:0:経理部（連結）"})
    assert resp.status_code == 302 and resp["Location"].endswith("?open=work#row-work-0")
    version.refresh_from_db()
    expected = copy.deepcopy(before)
    expected["work"][0]["assignments"][0]["position"] = "経理部（連結）"
    assert version.data["work"][0]["assignments"] == expected["work"][0]["assignments"]
    assert version.data["work"][0]["dispatchedDuties"] == before["work"][0]["dispatchedDuties"]
    page = client.get(resp["Location"]).content.decode()
    assert "派遣先「株式会社みほん物産」の部署・役職を「経理部（連結）」に直して保存しました" in page
    assert "この行に直して保存する" not in page and "（　）の数が合っていません" not in page
    assert FIXED_LINE in page  # the editor's line now reads back the same


@pytest.mark.parametrize(
    "fix",
    [
        "0:0:経理部（連結））",  # not the fix she was shown
        "0:1:経理部（連結）",  # no such 派遣先
        "1:0:経理部（連結）",  # no such row
        "0:0:",
        "",
    ],
)
def test_a_stale_or_made_up_fix_changes_nothing(client: Client, seeker: User, fix: str) -> None:
    version = _stored(seeker)
    before = copy.deepcopy(version.data)
    client.force_login(seeker)
    resp = client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": fix}, follow=True)
    assert (
        "何も変えていません" in resp.content.decode() or "直す行が選ばれていません" in resp.content.decode()
    )
    version.refresh_from_db()
    assert version.data == before


def test_a_line_she_fixed_herself_meanwhile_is_kept(client: Client, seeker: User) -> None:
    version = _stored(seeker)
    version.data["work"][0]["assignments"][0]["position"] = "経理部"
    version.save()
    client.force_login(seeker)
    client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": "0:0:経理部（連結）"})
    version.refresh_from_db()
    assert version.data["work"][0]["assignments"][0]["position"] == "経理部"


def test_another_seekers_document_is_not_found(client: Client, seeker: User) -> None:
    other_seeker = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    version = _stored(seeker)
    before = copy.deepcopy(version.data)
    client.force_login(other_seeker)
    resp = client.post(reverse("documents:fix_line", args=[version.pk]), {"fix": "0:0:経理部（連結）"})
    assert resp.status_code == 404
    version.refresh_from_db()
    assert version.data == before
