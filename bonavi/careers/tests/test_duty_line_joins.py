"""Two short duty lines that say one duty become one 業務内容 line (ADR 0137): 「売上の日次照合」 and 「差異の原因調査」
were offered as two lines of a 職務経歴書, the second reading like a separate job. Joined only when the second
clearly elaborates the first — a follow-up (調査・確認・修正) of what a check finds, or the same object — and never
for two duties that only sit side by side."""

from __future__ import annotations

import pytest

from bonavi.careers.translator import duty_lines_joined


@pytest.mark.parametrize(
    "first, second, joined",
    [
        ("売上の日次照合", "差異の原因調査", "売上の日次照合（差異の原因調査を含む）"),
        ("売上と現金の日次照合", "差異の原因の調査", "売上と現金の日次照合（差異の原因の調査を含む）"),
        ("在庫の確認", "数量の差の修正", "在庫の確認（数量の差の修正を含む）"),
        ("請求書の発行", "請求書の発送", "請求書の発行（発送を含む）"),
    ],
)  # fmt: skip
def test_a_line_that_elaborates_the_one_before_is_joined_to_it(first: str, second: str, joined: str) -> None:
    assert duty_lines_joined(first, second) == joined


@pytest.mark.parametrize(
    "first, second",
    [
        ("売上の集計", "新人の教育"),  # two duties
        ("売上の照合", "現金の照合"),  # the same work on two things: two lines as she wrote them
        ("売上データの集計", "差異の原因調査"),  # a 差異 found by no check of the first
        ("売上の日次照合", "請求書の発送"),
        ("新人5名の教育を担当", "差異の原因調査"),  # 「…を担当」 is not a 「XのN」 line
        ("差額が出たときは伝票を見直して原因を探す", "差異の原因調査"),
        ("売上の日次照合", "差異の原因を探す"),  # a verb, not a follow-up noun
        ("売上の日次照合", "売上の日次照合"),
        ("取引先ごとの売上と入金と返品伝票の日次照合", "差異の原因調査"),  # too long to be one short line
    ],
)  # fmt: skip
def test_unrelated_lines_are_never_joined(first: str, second: str) -> None:
    assert duty_lines_joined(first, second) is None
