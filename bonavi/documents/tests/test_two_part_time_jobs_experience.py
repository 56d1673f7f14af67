"""Two アルバイト jobs in her profile each get their own 経験 as 業務内容 (ADR 0150, amending 0145's matching): a shop
named by its brand (「カフェ・ブルームでは」 for the row 「カフェ・ブルーム 新宿東口店」) and rows written as the 履歴書
prints them (「…でアルバイトとして勤務」) carried only one of the two. Asserted on the 職務経歴書 PDF's text."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.render.base import Kind, default_renderer

ON = dt.date(2026, 11, 27)
BOOKS = "みほん書店では品出しと棚卸を2年担当しました。"
CAFE = "カフェ・ブルームではレジ締めと売上集計を担当し、新人3名の教育もしています。"
CLUB = "大学の軽音楽サークルで会計係を2年務めました。"


def _create(client, seeker, *, work, experience):
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら", "experience": experience},
        history=[{"kind": "work", "year": y, "month": m, "text": t} for y, m, t in work],
    )
    client.force_login(seeker)
    assert (
        client.post("/documents/new/", {"title": "一般事務 応募用", "source": "profile"}).status_code == 302
    )
    return seeker.document_versions.get().data


def cv_text(data) -> str:
    out = default_renderer().render(resume_from_json(data), kind=Kind.SHOKUMUKEIREKISHO, on=ON)
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).replace("\n", "")


def _each_under_its_own_heading(body: str) -> None:
    books, cafe = body.index("みほん書店（"), body.index("カフェ・ブルーム 新宿東口店（")
    assert books < body.index("品出しと棚卸") < cafe < body.index("レジ締めと売上集計")


@pytest.mark.django_db
def test_two_part_time_jobs_each_get_the_sentences_that_name_their_own_shop(client, seeker):
    data = _create(
        client,
        seeker,
        work=[
            (2020, 4, "みほん書店 アルバイト"),
            (2022, 3, "みほん書店 退職"),
            (2022, 4, "カフェ・ブルーム 新宿東口店 アルバイト（現在に至る）"),
        ],
        experience=f"{BOOKS}{CAFE}\n{CLUB}",
    )
    assert [w.get("summary") for w in data["work"]] == [BOOKS, CAFE]
    _each_under_its_own_heading(cv_text(data))


@pytest.mark.django_db
def test_rows_written_as_the_rirekisho_prints_them_are_two_jobs(client, seeker):
    """「…でアルバイトとして勤務」 was no job row to the reader: the second became a 昇格・異動 note of the first."""
    data = _create(
        client,
        seeker,
        work=[
            (2020, 4, "みほん書店でアルバイトとして勤務"),
            (2022, 3, "退職"),
            (2022, 4, "カフェ・ブルーム 新宿東口店でアルバイトとして勤務"),
        ],
        experience=f"{CAFE}{BOOKS}",
    )
    work = data["work"]
    assert [(w["name"], w.get("employmentType")) for w in work] == [
        ("みほん書店", "アルバイト"),
        ("カフェ・ブルーム 新宿東口店", "アルバイト"),
    ]
    assert "milestones" not in work[0]
    assert [w.get("summary") for w in work] == [BOOKS, CAFE]
    _each_under_its_own_heading(cv_text(data))


@pytest.mark.django_db
def test_a_sentence_naming_both_shops_or_neither_goes_to_neither(client, seeker):
    data = _create(
        client,
        seeker,
        work=[(2020, 4, "みほん書店 アルバイト"), (2022, 4, "カフェ・ブルーム 新宿東口店 アルバイト")],
        experience="みほん書店からカフェ・ブルームに移りました。飲食店のアルバイトで接客をしました。",
    )
    assert all("summary" not in w for w in data["work"])


@pytest.mark.django_db
def test_dispatch_and_contract_rows_as_printed_come_back_as_their_jobs(client, seeker):
    data = _create(
        client,
        seeker,
        work=[
            (2018, 4, "株式会社スタッフみほんに派遣社員として登録"),
            (2018, 4, "株式会社みほん商事に派遣（経理事務）"),
            (2020, 3, "派遣期間満了により退職"),
            (2020, 4, "みほん企画株式会社と業務委託契約を締結"),
            (2021, 3, "契約満了"),
        ],
        experience="",
    )
    dispatch, contract = data["work"]
    assert dispatch["employmentType"] == "派遣社員" and dispatch["dispatchedTo"] == "株式会社みほん商事"
    assert dispatch["position"] == "経理事務" and dispatch["endDate"] == "2020-03"
    assert contract["employmentType"] == "業務委託" and contract["endReason"] == "契約満了"
