"""The candidate page's match and her saved 「経験の棚卸し」 read the same evidence (ADR 0141). The walk's student: her
棚卸し found 資金管理 in 「合宿の予算表の作成」, while the adviser's summary in the hearing (「テニスサークルの会計係1年」)
left that out, and the match said 資金管理 could not be read from her experience. Matching now reads the hearing and
her saved 棚卸し's evidence, when her consent covers it (purpose 6)."""

from __future__ import annotations

import pytest

from bonavi.agents import selectors
from bonavi.agents.matching import candidate_facts, candidates_for_job
from bonavi.agents.models import DIRECT_APPLICATIONS_PURPOSE, PROFILE_PURPOSE, Candidate
from bonavi.agents.tests.factories import make_agency, register
from bonavi.careers.models import SavedTranslation
from bonavi.careers.translator import translate
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching.match import match
from bonavi.matching.services import job_facts, person_profile

pytestmark = pytest.mark.django_db

# Her hearing as the adviser typed it in the walk, and the text she ran through 経験の棚卸し and saved.
HEARING = {
    "reasons": "大学4年。2027年3月卒業見込み。事務職で正社員として働きたい。",
    "desired_occupations": "一般事務",
    "desired_prefectures": ["13"],
    "employment_types": ["seishain"],
    "experience": "カフェのホールのアルバイト3年（レジ締め・売上と現金の照合・新人教育）。テニスサークルの会計係1年。",
    "years_experience": 0,
    "skills": "Excel（基本）、Googleスプレッドシート、タイピング",
}
TANAOROSHI = (
    "大学2年からカフェ（チェーン店）でホールのアルバイトを3年続けています。レジ締めで売上と現金の差異を毎日確認し、"
    "月末の棚卸しも担当しました。新人アルバイト5人の教育係として、手順書をExcelでまとめ直しました。\n"
    "テニスサークルでは会計係を1年務め、部費の集金と出納帳の管理、合宿の予算表の作成をしました。"
    "100人の名簿をGoogleスプレッドシートで管理し、連絡の行き違いを減らしました。"
)
UNREAD = "「資金管理」"


@pytest.fixture
def student(setup, seeker):
    candidate = register(setup, seeker, hearing=HEARING)
    SavedTranslation.objects.create(user=seeker, text=TANAOROSHI, result=translate(TANAOROSHI))
    return candidate


def _grow(candidate, posting) -> str:
    result = match(
        person_profile(candidate_facts(candidate, selectors.career_evidence(candidate))), job_facts(posting)
    )
    return " / ".join(r.detail for r in result.stretch) + " || " + " / ".join(r.detail for r in result.met)


def test_her_tanaoroshi_and_the_match_agree_on_shikin_kanri(student, employer):
    assert "資金管理" in [e["skill_label"] for e in translate(TANAOROSHI)["evidence"]]
    posting = make_posting(employer.organization)  # 経理事務（未経験歓迎）: jobtag's 経理事務 asks 資金管理

    stretch, met = _grow(student, posting).split(" || ")

    assert UNREAD not in stretch
    assert UNREAD in met  # 「…「資金管理」…は、経験に根拠があります」


def test_without_that_consent_only_the_hearing_is_read(student, employer):
    text = student.consent_purposes.replace(PROFILE_PURPOSE + "\n", "").replace(
        DIRECT_APPLICATIONS_PURPOSE + "\n", ""
    )
    Candidate.objects.filter(pk=student.pk).update(consent_purposes=text)
    student.refresh_from_db()

    assert selectors.career_evidence(student) is None
    stretch, _ = _grow(student, make_posting(employer.organization)).split(" || ")
    assert UNREAD in stretch


def test_the_page_says_the_tanaoroshi_is_read_and_another_agency_cannot_open_it(
    client, setup, student, employer
):
    make_posting(employer.organization)
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{student.pk}/").content.decode()
    assert 'id="matches-evidence"' in page and "「合宿の予算表の作成」" in page

    other = make_agency(slug="other-agency", name="株式会社よその紹介")
    client.force_login(other.ca)
    assert client.get(f"/agent/candidates/{student.pk}/").status_code == 404
    assert candidates_for_job(other.ca, make_posting(setup.agency.organization)) == []
