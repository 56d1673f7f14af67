"""適職診断: the item bank, the matching maths, undifferentiated answers, the API."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bonavi.careers.assessment import assess, validate_answers
from bonavi.careers.families import BACK_OFFICE_IDS
from bonavi.careers.items import ITEMS
from bonavi.careers.reference import RIASEC

pytestmark = pytest.mark.django_db


def pattern(levels: dict[str, int], default: int = 1, values: int = 1) -> dict[str, int]:
    return {i.id: (levels.get(i.scale, default) if i.is_interest else values) for i in ITEMS}


def test_item_bank_is_large_enough_and_uses_jobtag_value_keys(ref):
    scales = Counter(i.scale for i in ITEMS)
    assert all(scales[s] >= 6 for s in RIASEC)
    values = {k for k in scales if k.startswith("value:")}
    assert {f"value:{k}" for k in ref.value_keys} == values
    assert all(scales[v] >= 2 for v in values)
    assert len({i.id for i in ITEMS}) == len(ITEMS)


def test_conventional_enterprising_pattern_ranks_back_office_first(ref):
    result = assess(pattern({"C": 4, "E": 3}))
    assert result["status"] == "ok"
    top = [o["jobtag_id"] for o in result["occupations"]]
    assert len(top) == 10
    assert sum(i in BACK_OFFICE_IDS for i in top) >= 5
    assert result["families"][0]["family"] in {"accounting", "legal_general_affairs"}
    assert all(o["why"] and f["why"] for o in result["occupations"] for f in result["families"])
    assert "慣習的" in result["occupations"][0]["why"]


def test_social_artistic_pattern_does_not(ref):
    for levels in ({"S": 4, "A": 4}, {"S": 4, "A": 3}, {"A": 4, "S": 3, "R": 2}):
        top = [o["jobtag_id"] for o in assess(pattern(levels))["occupations"]]
        assert sum(i in BACK_OFFICE_IDS for i in top) <= 2, levels


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_all_equal_answers_are_undifferentiated(ref, level):
    result = assess(pattern({}, default=level, values=level))
    assert result["status"] == "undifferentiated"
    assert result["occupations"] == [] and result["families"] == []
    assert "分化していない" in result["message"] and result["next_steps"]


def test_a_small_spread_is_undifferentiated_too(ref):
    answers = pattern({}, default=2)
    for n, item in enumerate(i for i in ITEMS if i.scale == "C"):
        answers[item.id] = 3 if n < 3 else 2  # C averages 2.5, the rest 2.0
    assert assess(answers)["status"] == "undifferentiated"


def test_only_the_shape_counts_not_the_level(ref):
    """Answering every item one step higher (same shape) gives the same ranking."""
    low = assess(pattern({"C": 3, "E": 2, "I": 1}, default=0))
    high = assess(pattern({"C": 4, "E": 3, "I": 2}, default=1))
    assert [o["jobtag_id"] for o in low["occupations"]] == [o["jobtag_id"] for o in high["occupations"]]


def test_work_values_change_the_order_only_when_answered_with_a_spread(ref):
    flat = assess(pattern({"C": 4, "E": 3}, values=2))
    assert flat["values_used"] is False
    varied = pattern({"C": 4, "E": 3})
    for item in ITEMS:
        if item.scale in ("value:work_life_balance", "value:stability"):
            varied[item.id] = 4
        elif not item.is_interest:
            varied[item.id] = 0
    used = assess(varied)
    assert used["values_used"] is True
    assert "私生活との両立" in " ".join(
        o["why"] for o in used["occupations"]
    ) or "雇用や生活の安定性" in " ".join(o["why"] for o in used["occupations"])


def test_back_office_scope_lists_only_office_occupations(ref):
    result = assess(pattern({"S": 4, "A": 4}), scope="back_office")
    assert result["occupations"] and all(o["back_office"] for o in result["occupations"])


def test_validation_names_the_field():
    from bonavi.careers.assessment import AnswerError

    with pytest.raises(AnswerError) as exc:
        validate_answers({"c1": 5, "nope": 1, "r1": "3", "i1": True})
    assert set(exc.value.errors) == {"answers.c1", "answers.nope", "answers.r1", "answers.i1"}
    with pytest.raises(AnswerError) as exc:
        validate_answers({"c1": 2})
    assert "answers" in exc.value.errors


def test_api_items_have_the_documented_shape(client):
    body = client.get("/api/v1/careers/assessment").json()
    assert set(body) == {"items"}
    assert all(set(i) == {"id", "scale", "text"} for i in body["items"])
    assert {i["scale"] for i in body["items"]} >= set(RIASEC) | {"value:achievement"}


def test_api_result_shape_and_attribution(client, ref):
    resp = client.post(
        "/api/v1/careers/assessment",
        json.dumps({"answers": pattern({"C": 4, "E": 3})}),
        content_type="application/json",
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert set(body["interests"]) == set(RIASEC)
    assert set(body["occupations"][0]) >= {"jobtag_id", "title", "fit", "why"}
    assert {f["family"] for f in body["families"]} == {
        "accounting",
        "hr_labor",
        "legal_general_affairs",
        "pr_ir",
        "it_support",
        "general_clerical",
    }
    assert all(f["search_url"].startswith("/search/?family=") for f in body["families"])
    assert body["attribution"] == ref.attribution


def test_api_undifferentiated(client, ref):
    resp = client.post(
        "/api/v1/careers/assessment",
        json.dumps({"answers": pattern({}, default=3)}),
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["status"] == "undifferentiated"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"c99": 1}, "answers.c99"),
        ({"c1": 5}, "answers.c1"),
        ({"c1": -1}, "answers.c1"),
        ({"c1": 2.5}, "answers.c1"),
        ({"c1": "4"}, "answers.c1"),
    ],
)
def test_api_rejects_unknown_items_and_answers_outside_0_to_4(client, answers, field):
    full = pattern({"C": 4, "E": 3})
    full.update(answers)
    resp = client.post(
        "/api/v1/careers/assessment", json.dumps({"answers": full}), content_type="application/json"
    )
    assert resp.status_code == 422
    assert field in resp.json()["errors"]
    assert "0〜4" in resp.json()["errors"][field][0] or "項目はありません" in resp.json()["errors"][field][0]


def test_api_rejects_a_body_without_answers(client):
    resp = client.post("/api/v1/careers/assessment", json.dumps({}), content_type="application/json")
    assert resp.status_code == 422 and "answers" in resp.json()["errors"]
