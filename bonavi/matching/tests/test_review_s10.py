"""UX review, session 10: a seeker with 「アパレル販売10年…接客」 who wants 経理 in Tokyo. The explanation says only
what her own text shows, the agent page and her page read the same text the same way, a job's key skills are its
sub-role's, a job in her prefecture ranks above an equal remote one elsewhere, and the candidate page's person
profile is computed once per version of her data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bonavi.agents.matching import person_facts_from_hearing
from bonavi.agents.models import HearingSheet
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching import services
from bonavi.matching.facts import PersonFacts
from bonavi.matching.match import match
from bonavi.matching.services import (
    job_facts,
    person_facts_from_seeker,
    person_profile,
    rank,
    recommended_for_seeker,
)
from bonavi.notifications.models import SavedSearch
from bonavi.seekers.services import profile_get_or_create

APPAREL = "アパレル販売を10年。店頭での接客と売上管理、新人スタッフの教育を担当しました。"


def _reasons(result, kind: str) -> str:
    return " / ".join(f"{r.topic}:{r.detail}" for r in getattr(result, kind))


@pytest.mark.django_db
def test_her_own_words_show_the_skills_a_sales_clerk_job_names(employer) -> None:
    """1a: 「接客」 and 「販売」 are in her text, so 営業事務 does not tell her they cannot be read from it."""
    posting = make_posting(employer.organization, title="営業事務", subrole="sales_assistant")
    result = match(person_profile(PersonFacts(experience_text=APPAREL)), job_facts(posting))
    assert "顧客サービス" in _reasons(result, "met")
    assert "顧客サービス" not in _reasons(result, "stretch")


@pytest.mark.django_db
def test_a_wish_is_not_evidence_on_either_page(employer) -> None:
    """1b/1d: the hearing's 希望職種 and a 「…したい」 sentence are wishes: neither is quoted as her experience
    (「共通する語：経理事務」, 「事務処理」 根拠あり, jobtagの「経理課長」), and the agent page and her page, given the
    same experience, explain the same job the same way."""
    posting = make_posting(
        employer.organization, title="経理事務スタッフ", duties="経理事務全般、伝票の入力。"
    )
    facts = job_facts(posting)
    hearing = person_facts_from_hearing(
        HearingSheet(experience=APPAREL, desired_occupations="経理事務、一般事務", desired_prefectures=["13"])
    )
    agent = match(person_profile(hearing), facts)
    assert "経理事務" not in "".join(r.detail for r in agent.met if r.topic == "スキル・経験")
    assert "「事務処理」は、経験に根拠があります" not in _reasons(agent, "met")

    seeker = match(person_profile(PersonFacts(experience_text=APPAREL, prefectures=("13",))), facts)
    assert [r.detail for r in agent.met if r.topic != "職種"] == [
        r.detail for r in seeker.met if r.topic != "職種"
    ]
    assert agent.stretch == seeker.stretch

    wishful = PersonFacts(experience_text=APPAREL + "今後は経理の仕事に挑戦したいです。")
    said = _reasons(match(person_profile(wishful), facts), "met")
    assert "経理課長" not in said and "「経理」" not in said and "共通する語：経理" not in said


@pytest.mark.django_db
def test_seeker_pc_skills_are_read_by_name_not_code(seeker) -> None:
    """1b: the profile's PC skills reach the matcher as the words the profile page shows, not as codes."""
    profile = profile_get_or_create(user=seeker)
    profile.pc_skills = {"excel_functions": 2, "word": 0}
    profile.save()
    facts = person_facts_from_seeker(profile)
    assert "excel_functions" not in facts.evidence_text()
    assert any(s.startswith("Excel 関数") for s in facts.skills) and not any(
        "Word" in s for s in facts.skills
    )


@pytest.mark.django_db
def test_key_skills_are_the_sub_roles_own_and_only_those_jobtag_rates_as_needed(employer) -> None:
    """1c: 内部監査 shares its MHLW code with 総務事務 and 広報・PR; its skills are 内部監査人's. 1d: 経理事務's
    人事労務管理 (jobtag 1.53 of 5) is not 「特に求められる」."""
    audit = job_facts(make_posting(employer.organization, title="内部監査", subrole="internal_audit"))
    assert audit.key_skills_of == "内部監査人"
    assert audit.occupations[0][0] == services.subrole_occupations("internal_audit", "06-033-01")[0]
    clerk = job_facts(make_posting(employer.organization, title="経理事務"))
    assert clerk.key_skills_of == "経理事務"
    assert "人事労務管理" not in [label for _, label in clerk.key_skills]


@pytest.mark.django_db
def test_her_prefecture_ranks_above_an_equal_remote_job_elsewhere_and_ties_go_to_the_newer(employer) -> None:
    """2: full remote elsewhere is a stretch (workable, not where she asked), and equal scores are ordered by
    recency, not by id."""
    org = employer.organization
    common = {"title": "経理事務（未経験歓迎）", "inexperienced_welcome": True}
    remote = make_posting(org, prefecture="36", municipality="徳島市", telework="full", **common)
    tokyo = make_posting(org, prefecture="13", telework="none", **common)
    old = make_posting(org, prefecture="13", telework="none", **common)
    old.date_posted = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    old.save()
    profile = person_profile(
        PersonFacts(experience_text=APPAREL, prefectures=("13",), desired_families=("accounting",))
    )
    ranked = rank(profile, [job_facts(p) for p in (remote, old, tokyo)], limit=3)
    assert [r.posting_id for r in ranked] == [tokyo.pk, old.pk, remote.pk]
    assert ranked[2].score < ranked[0].score
    assert "フルリモート" in _reasons(ranked[2], "stretch") and "勤務地" not in _reasons(ranked[2], "met")


@pytest.mark.django_db
def test_inexperienced_jobs_that_fit_differently_score_differently(employer) -> None:
    """2: 未経験可 lifts a weak fit instead of flooring it, so ten such jobs are not all scored 52."""
    org = employer.organization
    near = make_posting(
        org, title="経理事務（未経験歓迎）", duties="売上の管理とレジ締めの集計、伝票の入力。"
    )
    far = make_posting(org, title="経理事務（未経験歓迎）", duties="連結決算と開示書類の作成補助。")
    profile = person_profile(PersonFacts(experience_text=APPAREL, desired_families=("accounting",)))
    assert match(profile, job_facts(near)).score > match(profile, job_facts(far)).score


@pytest.mark.django_db
def test_the_pool_is_her_area_so_an_older_tokyo_job_is_not_crowded_out(employer, seeker, monkeypatch) -> None:
    """2: the newest postings of the whole country filled the pool; now it is her prefectures and full remote."""
    monkeypatch.setattr(services, "CANDIDATE_POOL", 2)
    org = employer.organization
    tokyo = make_posting(org, title="経理事務（未経験歓迎）", prefecture="13")
    tokyo.date_posted = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    tokyo.save()
    for _ in range(2):
        make_posting(
            org, title="経理事務（大阪）", prefecture="27", municipality="大阪市北区", telework="none"
        )
    profile = profile_get_or_create(user=seeker)
    profile.experience = APPAREL
    profile.desired_prefectures = ["13"]
    profile.save()
    assert tokyo.pk in [p.pk for p, _ in recommended_for_seeker(seeker).items]


@pytest.mark.django_db
def test_a_saved_search_stands_in_for_missing_wishes_and_the_page_says_so(client, employer, seeker) -> None:
    """2: before 希望条件 are filled in, a saved search's conditions are used, and the page names it."""
    job = make_posting(employer.organization, title="経理事務（東京）", prefecture="13")
    make_posting(
        employer.organization,
        title="経理事務（福岡）",
        prefecture="40",
        municipality="福岡市",
        telework="none",
    )
    profile = profile_get_or_create(user=seeker)
    profile.experience = APPAREL
    profile.save()
    client.force_login(seeker)
    assert 'id="ask-wishes"' in client.get("/me/recommendations/").content.decode()
    SavedSearch.objects.create(user=seeker, name="東京の経理", query="family=accounting&pref=13")
    page = client.get("/me/recommendations/").content.decode()
    assert 'id="ask-wishes"' not in page and 'id="from-saved-search"' in page
    assert "保存した検索条件「東京の経理」の職種・勤務地などから選んでいます。" in page
    assert "経理事務（東京）" in page and "経理事務（福岡）" not in page
    assert job.pk in [p.pk for p, _ in recommended_for_seeker(seeker).items]


@pytest.mark.django_db
def test_the_person_profile_is_computed_once_per_version_of_her_data(monkeypatch) -> None:
    """3: the candidate page profiled the person's text on every view; the profile is now kept per value of her
    facts, so a second view reuses it and a changed text is profiled afresh."""
    calls = []
    real = services._person_profile

    def counting(facts, **kw):
        calls.append(facts)
        return real(facts, **kw)

    monkeypatch.setattr(services, "_person_profile", counting)
    facts = PersonFacts(experience_text=APPAREL + "（キャッシュ確認）")
    first = person_profile(facts)
    assert person_profile(PersonFacts(experience_text=APPAREL + "（キャッシュ確認）")) is first
    changed = person_profile(PersonFacts(experience_text=APPAREL + "（キャッシュ確認）レジ締めも担当。"))
    assert changed is not first and len(calls) == 2


@pytest.mark.django_db
def test_a_saved_searchs_remote_wish_is_the_profiles_own_remote_wish(employer, seeker) -> None:
    """The search's 「在宅勤務あり」 (remote=any) stood in as no telework wish at all: a saved 「経理・在宅勤務あり」
    ranked an office-only job with nothing said, and a search holding only 在宅勤務あり counted as no wish."""
    org = employer.organization
    office = make_posting(org, title="経理事務（出社）", telework="none")
    home = make_posting(org, title="経理事務（在宅あり）", telework="partial")
    profile = profile_get_or_create(user=seeker)
    profile.experience = APPAREL
    profile.save()
    SavedSearch.objects.create(user=seeker, name="在宅", query="remote=any")
    recs = recommended_for_seeker(seeker)
    assert not recs.ask_wishes and recs.from_saved_search == "在宅"

    SavedSearch.objects.create(user=seeker, name="経理・在宅", query="family=accounting&remote=any")
    results = {p.pk: r for p, r in recommended_for_seeker(seeker).items}
    assert ("テレワーク", "この求人はテレワークなし（出社）") in [
        (r.topic, r.detail) for r in results[office.pk].missed
    ]
    assert ("テレワーク", "希望を満たす（一部在宅可）") in [(r.topic, r.detail) for r in results[home.pk].met]
    assert results[home.pk].score > results[office.pk].score


@pytest.mark.django_db
def test_a_new_jobtag_release_is_not_served_a_profile_of_the_old_one(monkeypatch) -> None:
    """The profile cache assumed the careers reference was read once per process, but a newly imported jobtag release
    is reloaded (get_reference): its token is in the key, and a profile made while the reference could not be read
    (no families) is not kept."""
    calls = []
    real = services._person_profile

    def counting(facts, **kw):
        calls.append(kw["ref"])
        return real(facts, **kw)

    monkeypatch.setattr(services, "_person_profile", counting)
    facts = PersonFacts(experience_text=APPAREL)
    ref = services._careers_reference()
    first = person_profile(facts)
    assert person_profile(facts) is first and len(calls) == 1
    newer = dataclasses.replace(ref, token=(ref.token[0] + 1, "new-digest"))
    monkeypatch.setattr(services, "_careers_reference", lambda: newer)
    assert person_profile(facts) is not first and calls[-1] is newer and len(calls) == 2

    monkeypatch.setattr(services, "_careers_reference", lambda: None)  # the careers tables could not be read
    person_profile(facts)
    person_profile(facts)
    assert calls[-2:] == [None, None]
