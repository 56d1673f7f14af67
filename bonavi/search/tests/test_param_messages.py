"""A bad value of an enumerated search parameter is explained with the choices the search form shows, never with
the codes the URL holds (「any か full で指定してください」 told a seeker nothing)."""

from __future__ import annotations

import pytest

from bonavi.core.prefectures import PREFECTURES
from bonavi.jobs.catalog import FAMILIES
from bonavi.search.params import ETYPES, REMOTE, SORTS, SearchParams
from bonavi.search.terms import WAGE_UNIT_LABEL

# parameter → (a bad value, the choices as the form labels them, the codes the URL uses for them)
ENUMERATED = {
    "remote": ("partial", list(REMOTE.values()), list(REMOTE)),
    "sort": ("popular", list(SORTS.values()), list(SORTS)),
    "family": ("sales", list(FAMILIES.values()), list(FAMILIES)),
    "emp": ("freelance", list(ETYPES.values()), list(ETYPES)),
    "salary_unit": ("week", list(WAGE_UNIT_LABEL.values()), list(WAGE_UNIT_LABEL)),
    # Too many to list: the message names the first and the last as the form's list does.
    "pref": ("99", ["北海道", "沖縄県"], list(PREFECTURES)),
    # Dozens: the message names the form's select.
    "subrole": ("cashier", ["詳しい職種"], ["accounting_clerk", "office_clerk"]),
}


@pytest.mark.parametrize("name", ENUMERATED)
def test_a_bad_choice_names_the_choices_as_the_form_shows_them(name):
    bad, labels, codes = ENUMERATED[name]
    (message,) = SearchParams.from_querydict({name: bad}).errors
    assert f"「{bad}」はありません。" in message
    assert message.endswith("から選んでください。")
    for label in labels:
        assert f"『{label}』" in message
    for code in codes:
        assert code not in message, code


def test_the_remote_message_reads_as_the_form_does():
    (message,) = SearchParams.from_querydict({"remote": "partial"}).errors
    assert (
        message
        == "在宅勤務の指定「partial」はありません。『在宅勤務あり』か『フルリモート』から選んでください。"
    )


@pytest.mark.django_db
def test_the_search_page_shows_it_and_searches_without_the_bad_condition(client):
    r = client.get("/search/", {"q": "経理", "remote": "partial"})
    assert r.status_code == 200
    assert (
        "在宅勤務の指定「partial」はありません。『在宅勤務あり』か『フルリモート』から選んでください。"
        in r.content.decode()
    )


def test_three_or_more_choices_are_separated_by_a_comma():
    """Three labels ran together (『関連度順』『新着順』『給与の高い順』から); they are listed with 「、」."""
    (message,) = SearchParams.from_querydict({"sort": "popular"}).errors
    assert (
        message
        == "並び順「popular」はありません。『関連度順』、『新着順』、『給与の高い順』から選んでください。"
    )
