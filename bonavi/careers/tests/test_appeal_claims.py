"""A 自己PR sentence is her claim, never a remark about the field: the walk's 「「経済学・会計学」の知識は経理の仕事
でも大切にされます。」 read as a comment pasted into her 自己PR."""

from __future__ import annotations

import re

import pytest

from bonavi.careers.translator import translate

pytestmark = pytest.mark.django_db

WALK = (
    "大学時代、カフェで3年間アルバイトをしました。レジ締めでは売上と現金を毎日照合し、差額が出たときは伝票を見直して"
    "原因を探しました。シフト表をExcelで作り、10人の希望を調整しました。\n"
    "また、テニスサークルで会計係を2年務め、部費の集金と出納帳の記帳、年度末の会計報告を担当しました。"
)


@pytest.mark.parametrize("target", [None, 430, 428])
def test_no_appeal_sentence_is_a_remark_about_the_field(ref, target):
    points = translate(WALK, target=target, ref=ref)["appeal_points"]
    assert points
    for point in points:
        assert "大切にされ" not in point["text"] and "の知識は" not in point["text"], point["text"]


def test_a_valued_ability_is_said_as_her_claim(ref, dev_cases):
    claims = [
        p["text"]
        for case in dev_cases[:40]
        for p in translate(case["text"], target=430, ref=ref)["appeal_points"]
        if "培った" in p["text"]
    ]
    assert claims and all(
        re.search(r"(この|これらの)経験で培った「[^」]+」(「[^」]+」)*を、経理の仕事でも活かせます。", c)
        for c in claims
    )
