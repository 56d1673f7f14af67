"""A 職歴 row of hers that reads as a duty (「売掛金の管理を担当」「受発注業務に従事」) under a job (ADR 0150, s21): the
履歴書's 職歴 column holds 入社・退職 and personnel events (異動・配属・昇格), so such a row is left to the 職務経歴書,
which prints it with its 年月; the review says so, and her row itself is not moved — her profile keeps it and a
document made from it reads it the same. Asserted on the text of the rendered PDFs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bonavi.accounts.models import User
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.layout import history_rows, is_duty_row
from bonavi.documents.render.base import Kind
from bonavi.documents.review import review
from bonavi.seekers import services as seekers
from bonavi.seekers.models import SeekerProfile

from .test_dispatch_and_contract_rows import pdf_lines

JOB: dict[str, Any] = {
    "name": "株式会社みほん商事",
    "position": "経理部",
    "startDate": "2018-04",
    "endDate": "2023-03",
    "endReason": "一身上の都合により退職",
    "milestones": [
        {"date": "2019-04", "text": "売掛金の管理を担当"},
        {"date": "2020-04", "text": "経理課 主任に昇格"},
        {"date": "2021-04", "text": "受発注業務に従事"},
        {"date": "2022-04", "text": "大阪支社管理部へ異動し、月次決算を担当"},
    ],
}


def _doc(*work: dict[str, Any]) -> dict[str, Any]:
    return {"basics": {"name": "見本 さくら"}, "work": list(work)}


@pytest.mark.parametrize(
    "text, duty",
    [
        ("売掛金の管理を担当", True),
        ("売掛金の管理を担当しました。", True),
        ("受発注業務に従事", True),
        ("新会計システムの導入に携わる", True),
        ("入社手続きを担当", True),  # an HR duty, not her 入社
        ("経理課 主任に昇格", False),
        ("大阪支社管理部へ異動し、月次決算を担当", False),  # a 異動 that also says what she did there
        ("経理部に配属（売掛金の管理を担当）", False),
        ("経理担当に着任", False),
        ("東京本社 財務部へ異動", False),
    ],
)
def test_which_rows_read_as_duties(text: str, duty: bool) -> None:
    assert is_duty_row(text) is duty


def test_the_rirekisho_prints_events_and_the_cv_prints_the_duties_with_their_dates() -> None:
    rirekisho = "\n".join(pdf_lines(_doc(JOB), Kind.RIREKISHO))
    for event in (
        "株式会社みほん商事 入社",
        "経理課 主任に昇格",
        "大阪支社管理部へ異動し、月次決算を担当",
        "一身上の都合により退職",
    ):
        assert event in rirekisho
    assert "売掛金の管理を担当" not in rirekisho and "受発注業務に従事" not in rirekisho
    cv = pdf_lines(_doc(JOB), Kind.SHOKUMUKEIREKISHO)
    assert any(line.startswith("2019年4月") and "売掛金の管理を担当" in line for line in cv), cv
    assert any(line.startswith("2021年4月") and "受発注業務に従事" in line for line in cv), cv
    # the 履歴書's rows between 入社 and 退職 are the events only, in date order
    rows = [r.text for r in history_rows(resume_from_json(_doc(JOB))) if r.year]
    assert rows == [
        "株式会社みほん商事 入社",
        "経理課 主任に昇格",
        "大阪支社管理部へ異動し、月次決算を担当",
        "一身上の都合により退職",
    ]


def test_the_review_names_each_duty_row_and_where_it_is_printed() -> None:
    hints = [h for h in review(resume_from_json(_doc(JOB))) if h.rule == "history-row"]
    assert [h.path for h in hints] == ["work[0].milestones", "work[0].milestones"]
    assert hints[0].message == (
        "株式会社みほん商事の「2019-04 売掛金の管理を担当」は担当した業務の書き方のため、履歴書の職歴欄には印刷して"
        "いません。職務経歴書には、この職歴の業務内容の欄に年月とともに印刷しています。"
    )
    assert "「業務内容」欄に移す" in hints[0].fix and "2021-04 受発注業務に従事" in hints[1].message
    # events only: nothing said, as before
    events = {**JOB, "milestones": JOB["milestones"][1:2] + JOB["milestones"][3:]}
    assert not [h for h in review(resume_from_json(_doc(events))) if h.rule == "history-row"]


@pytest.mark.django_db
def test_her_profile_keeps_the_row_and_reads_it_the_same(client: Client, seeker: User) -> None:
    """Her own 職歴 rows go out and come back unchanged: the row is printed elsewhere, never dropped from her data."""
    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら"},
        history=[
            {"kind": "work", "year": 2018, "month": 4, "text": "株式会社みほん商事 入社"},
            {"kind": "work", "year": 2019, "month": 4, "text": "売掛金の管理を担当"},
            {"kind": "work", "year": 2020, "month": 4, "text": "経理課 主任に昇格"},
            {"kind": "work", "year": 2023, "month": 3, "text": "一身上の都合により退職"},
        ],
    )
    before = sorted((h.year, h.month, h.text) for h in SeekerProfile.objects.get(user=seeker).history.all())
    client.force_login(seeker)
    response = client.get("/documents/profile/export.json")
    exported = json.loads(response.content)
    assert [m["text"] for m in exported["work"][0]["milestones"]] == [
        "売掛金の管理を担当",
        "経理課 主任に昇格",
    ]
    assert "売掛金の管理を担当" not in "\n".join(pdf_lines(exported, Kind.RIREKISHO))
    upload = SimpleUploadedFile("me.json", response.content, "application/json")
    assert client.post("/documents/profile/import/", {"file": upload}).status_code == 302
    after = sorted((h.year, h.month, h.text) for h in SeekerProfile.objects.get(user=seeker).history.all())
    assert after == before
