"""equal_treatment_problems: the posting rules on age and sex, for texts that present a job but are not a posting."""

from __future__ import annotations

import pytest

from bonavi.compliance.checker import equal_treatment_problems


@pytest.mark.parametrize(
    "text", ["女性歓迎の職場です。", "20代歓迎のチームです。", "35歳以下の方が対象です。", "看護婦"]
)
def test_a_preference_by_age_or_sex_is_a_problem(text):
    assert equal_treatment_problems(text)


@pytest.mark.parametrize("text", ["", "女性活躍中の職場です。", "20代〜50代が活躍中", "身長170cm以上"])
def test_facts_and_warnings_are_not(text):
    # a height requirement is only a warning on a posting (it may have a reason): not refused here either
    assert equal_treatment_problems(text) == []
