"""「おすすめ求人」 as a seeker meets it (UX review item 11): it asks for 希望条件 before ranking, leaves out jobs
she applied to, and its 「共通する語」 quotes whole words as written, not the parts a compound was split into."""

from __future__ import annotations

import pytest

from bonavi.jobs.tests.factories import make_posting
from bonavi.matching.facts import PersonFacts
from bonavi.matching.match import match
from bonavi.matching.services import job_facts, person_profile, recommended_for_seeker
from bonavi.seekers.models import Application
from bonavi.seekers.services import profile_get_or_create

EXPERIENCE = "会計ソフトへの仕訳入力と請求書の発行、書類の管理を2年担当しました。"


@pytest.mark.django_db
def test_without_wishes_the_page_asks_for_them_instead_of_ranking(client, employer, seeker) -> None:
    make_posting(employer.organization, title="受付事務（全国どこでも）")
    profile = profile_get_or_create(user=seeker)
    profile.experience = "コンビニでレジと品出しを担当。"
    profile.save()
    client.force_login(seeker)
    page = client.get("/me/recommendations/").content.decode()
    assert 'id="ask-wishes"' in page and "/me/profile/#wishes" in page
    assert "受付事務（全国どこでも）" not in page and "マッチ度" not in page
    assert client.get("/api/v1/matching/recommendations").json() == []
    # the link lands on the profile's 希望条件
    assert '<fieldset id="wishes"><legend>希望条件</legend>' in client.get("/me/profile/").content.decode()

    profile.desired_families = ["general_clerical"]
    profile.save()
    page = client.get("/me/recommendations/").content.decode()
    assert "受付事務（全国どこでも）" in page and 'id="ask-wishes"' not in page
    # a wish but no place: the list is from the whole country, and the page says so
    assert 'id="place-unknown"' in page
    profile.desired_prefectures = ["13"]
    profile.save()
    assert 'id="place-unknown"' not in client.get("/me/recommendations/").content.decode()


@pytest.mark.django_db
def test_a_job_already_applied_to_is_left_out(client, employer, seeker) -> None:
    applied = make_posting(employer.organization, title="経理事務 応募済み")
    fresh = make_posting(employer.organization, title="経理事務 まだ")
    profile = profile_get_or_create(user=seeker)
    profile.experience = EXPERIENCE
    profile.desired_prefectures = ["13"]
    profile.save()
    client.force_login(seeker)
    # nothing applied to, nothing left out: the page does not say it left applied jobs out
    assert "応募済みの求人は除いています" not in client.get("/me/recommendations/").content.decode()
    Application.objects.create(posting=applied, applicant=seeker, profile_snapshot={})
    ids = [p.pk for p, _ in recommended_for_seeker(seeker).items]
    assert fresh.pk in ids and applied.pk not in ids
    assert 'id="applied-left-out"' in client.get("/me/recommendations/").content.decode()
    api = client.get("/api/v1/matching/recommendations").json()
    assert applied.pk not in [r["posting_id"] for r in api]


def test_the_api_says_that_no_wishes_also_answers_an_empty_list(client) -> None:
    """The answer is a bare list: without 希望条件 it is [] like no match, so the operation's description says so."""
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/matching/recommendations"]["get"]
    assert "希望条件" in operation["description"] and "空のリスト" in operation["description"]


@pytest.mark.django_db
def test_common_words_are_whole_words_as_written(employer) -> None:
    posting = make_posting(
        employer.organization,
        title="経理アシスタント",
        duties="給与ソフトへの勤怠データ入力、会計ソフトでの仕訳、請求書の管理を担当します。",
    )
    person = person_profile(PersonFacts(experience_text=EXPERIENCE), semantic=False)
    j = job_facts(posting)
    # the score still sees the split parts (給与ソフト and 会計ソフト share ソフト) ...
    assert {"ソフト", "会計", "管理", "担当"} <= person.terms & j.terms
    detail = next(r.detail for r in match(person, j).met if r.topic == "スキル・経験")
    words = detail.removeprefix("共通する語：").split("、")
    # ... but the explanation quotes 会計ソフト once, in the spelling written (仕訳, not the normalised 仕分け),
    # and neither a fragment (ソフト, 会計) nor a word every job says (管理, 担当)
    assert words[0] == "会計ソフト" and "仕訳" in words and "請求書" in words
    assert not {"ソフト", "会計", "仕分け", "管理", "担当"} & set(words)


@pytest.mark.django_db
def test_quoted_words_are_read_only_for_a_result_that_is_explained(employer, monkeypatch) -> None:
    """The words as written were read (a second Sudachi pass) for every posting features were cached for and every
    person rank_people profiled, though only the returned results quote them."""
    from bonavi.matching import services

    posting = make_posting(employer.organization, title="経理", duties="会計ソフトでの仕訳と請求書の発行")
    j = job_facts(posting)
    person = person_profile(PersonFacts(experience_text=EXPERIENCE), semantic=False)
    assert "words" not in vars(j) and "words" not in vars(person)
    match(person, j)
    assert vars(j)["words"]["仕分け"] == "仕訳" and vars(person)["words"]["仕分け"] == "仕訳"

    explained = []
    real_match = services.match

    def spy(p, job):
        explained.append(p)
        return real_match(p, job)

    monkeypatch.setattr(services, "match", spy)
    people = [(i, PersonFacts(experience_text=EXPERIENCE if i % 2 else "レジと品出し")) for i in range(6)]
    best = services.rank_people(posting, people, limit=2)
    assert len(explained) == 2
    # the same order as explaining everyone: the ones who wrote 仕訳 and 請求書 first, ties in the order given
    assert [who for who, _ in best] == [1, 3]
    assert best[0][1].score >= best[1][1].score and any(r.topic == "スキル・経験" for r in best[0][1].met)


def test_the_three_readers_of_a_text_agree() -> None:
    from bonavi.matching.terms import content_terms, terms_with_surface, words_as_written

    text = "給与ソフトへの勤怠データ入力、会計ソフトでの仕訳"
    pairs = terms_with_surface(text)
    assert content_terms(text) == [term for term, _ in pairs]
    assert set(words_as_written(text).items()) <= set(pairs) and "会計ソフト" in words_as_written(text)


@pytest.mark.django_db
def test_the_api_says_when_a_saved_search_stood_in_for_the_wishes(client, employer, seeker) -> None:
    """Saved-search results came back like the profile's own, with nothing saying so: each item now names the saved
    search (null when the profile's 希望条件 were used), and the description says so."""
    from bonavi.notifications.models import SavedSearch

    make_posting(employer.organization, title="経理事務（東京）", prefecture="13")
    profile = profile_get_or_create(user=seeker)
    profile.experience = EXPERIENCE
    profile.save()
    SavedSearch.objects.create(user=seeker, name="東京の経理", query="family=accounting&pref=13")
    client.force_login(seeker)
    api = client.get("/api/v1/matching/recommendations").json()
    assert api and {item["from_saved_search"] for item in api} == {"東京の経理"}
    profile.desired_prefectures = ["13"]
    profile.save()
    api = client.get("/api/v1/matching/recommendations").json()
    assert api and {item["from_saved_search"] for item in api} == {None}
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/matching/recommendations"]["get"]
    assert "from_saved_search" in operation["description"] and "保存した検索条件" in operation["description"]
