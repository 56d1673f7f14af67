"""「プロフィールから作成」 carries the profile's 経験 into the 業務内容 of the job it tells of, and the 職務経歴書
prints no empty 業務内容 table (ADR 0145)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.render.base import Kind, default_renderer

ON = dt.date(2026, 11, 27)
EXPERIENCE = "飲食店のアルバイトで売上集計とレジ締めを4年、時間帯責任者として新人6名の教育を担当。"
CLUB = "大学の軽音楽サークルで会計係を2年務めました。"
DINING = "株式会社みほんダイニング アルバイト（現在に至る）"


def _profile(seeker, *, experience, work):
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら", "experience": experience},
        history=[{"kind": "work", "year": y, "month": m, "text": t} for y, m, t in work],
    )


def _create(client, seeker):
    client.force_login(seeker)
    response = client.post("/documents/new/", {"title": "職務経歴書", "source": "profile"})
    assert response.status_code == 302
    return seeker.document_versions.get().data


def cv_text(data) -> str:
    out = default_renderer().render(resume_from_json(data), kind=Kind.SHOKUMUKEIREKISHO, on=ON)
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).replace("\n", "")


@pytest.mark.django_db
def test_the_profile_experience_becomes_the_jobs_gyomu_naiyo(client, seeker):
    _profile(seeker, experience=EXPERIENCE, work=[(2022, 4, DINING)])
    data = _create(client, seeker)
    assert data["work"][0]["summary"] == EXPERIENCE
    body = cv_text(data)
    assert body.index("業務内容") < body.index("飲食店のアルバイトで売上集計とレジ締めを4年")


@pytest.mark.django_db
def test_only_the_sentences_about_a_job_go_into_it(client, seeker):
    """A club's 会計係 is no job's 業務内容; a sentence naming the company goes to that company, and a 雇用形態 two
    jobs share names neither."""
    _profile(
        seeker,
        experience=f"{CLUB}\nみほん書店では品出しと棚卸を担当しました。{EXPERIENCE}",
        work=[(2020, 4, "みほん書店 アルバイト"), (2021, 12, "みほん書店 退職"), (2022, 4, DINING)],
    )
    work = _create(client, seeker)["work"]
    assert work[0]["summary"] == "みほん書店では品出しと棚卸を担当しました。"
    assert (
        "summary" not in work[1]
    )  # both are アルバイト: the 飲食店 sentence is not told apart, so it stays out
    assert all(CLUB not in w.get("summary", "") for w in work)


@pytest.mark.django_db
def test_a_gyomu_naiyo_she_wrote_is_kept(client, seeker):
    from bonavi.documents.models import ProfileResume

    _profile(seeker, experience=EXPERIENCE, work=[(2022, 4, DINING)])
    ProfileResume.objects.create(
        owner=seeker,
        data={
            "work": [{"name": "株式会社みほんダイニング", "startDate": "2022-04", "summary": "発注と棚卸"}]
        },
    )
    assert _create(client, seeker)["work"][0]["summary"] == "発注と棚卸"


def test_an_entry_with_no_gyomu_naiyo_prints_no_empty_table():
    bare = {
        "basics": {"name": "見本 さくら"},
        "work": [
            {"name": "株式会社みほんダイニング", "startDate": "2022-04", "employmentType": "アルバイト"}
        ],
    }
    body = cv_text(bare)
    assert "株式会社みほんダイニング" in body and "雇用形態：アルバイト" in body
    assert "業務内容" not in body and "期間" not in body
    filled = cv_text({**bare, "work": [{**bare["work"][0], "summary": "レジ締め"}]})
    assert filled.index("期間") < filled.index("業務内容") < filled.index("レジ締め")
