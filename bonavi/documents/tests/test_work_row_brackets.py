"""A profile row 「株式会社〇〇 入社（…）」: the bracket is the 雇用形態 only when it names one (正社員・契約社員・
アルバイト…); a job title in it (「入社（営業事務）」, as the demo's 見本 はるか wrote) is the position, never 雇用形態."""

import pytest

from bonavi.documents.profile import resume_json_from_profile
from bonavi.seekers import services as seekers

pytestmark = pytest.mark.django_db


def _work(seeker, text):
    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "はるか"},
        history=[{"kind": "work", "year": 2015, "month": 4, "text": text}],
    )
    return resume_json_from_profile(seeker)["work"][0]


def test_a_job_title_in_the_bracket_is_the_position_not_the_employment_type(seeker):
    job = _work(seeker, "株式会社みほん運輸 入社（営業事務）")
    assert job["name"] == "株式会社みほん運輸"
    assert job.get("position") == "営業事務"
    assert "employmentType" not in job


@pytest.mark.parametrize(
    ("bracket", "etype"),
    [("契約社員", "契約社員"), ("アルバイト", "アルバイト"), ("パート・アルバイト", "パート・アルバイト"),
     ("業務委託", "業務委託"), ("嘱託社員", "嘱託社員"), ("派遣社員", "派遣社員")],
)  # fmt: skip
def test_an_employment_word_in_the_bracket_stays_the_employment_type(seeker, bracket, etype):
    job = _work(seeker, f"株式会社みほん運輸 入社（{bracket}）")
    assert job.get("employmentType") == etype and "position" not in job


def test_the_editor_shows_the_title_under_position(client, seeker):
    """The editor made from the profile showed 営業事務 in the 雇用形態 box, and the 職務経歴書 printed
    「雇用形態：営業事務」."""
    _work(seeker, "株式会社みほん運輸 入社（営業事務）")
    client.force_login(seeker)
    client.post("/documents/new/", {"title": "A社用", "source": "profile"})
    work = seeker.document_versions.get().data["work"][0]
    assert work.get("position") == "営業事務" and not work.get("employmentType")
