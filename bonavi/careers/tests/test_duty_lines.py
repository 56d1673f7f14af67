"""Her quoted line in a 職務経歴書's style (体言止め or 「〜を担当」), by rule on the tokens: the walk's
「売上と現金を毎日照合」 (a verb stem left hanging) and 「…原因を探しました」 (a story's polite past) went into a 業務内容."""

from __future__ import annotations

import pytest

from bonavi.careers.translator import duty_line


@pytest.mark.parametrize(
    "line, duty",
    [
        ("売上と現金を毎日照合", "売上と現金の日次照合"),
        ("差額が出たときは伝票を見直して原因を探しました", "差額が出たときは伝票を見直して原因を探す"),
        # Her own verb, never 「…業務を担当」: a training she attended is no duty she held.
        ("新人研修を受けました", "新人研修を受ける"),
        ("毎月400件の受注データを入力しました", "毎月400件の受注データの入力"),
        ("売上データを集計しています", "売上データの集計"),
        ("10人の希望を調整しました", "10人の希望の調整"),
        ("部費20万円を管理", "部費20万円の管理"),
        ("収支報告を行いました", "収支報告"),
        ("伝票を見直しました", "伝票の見直し"),
        ("レジ締めをして", "レジ締め"),
        ("新人5名の教育を担当しました", "新人5名の教育を担当"),
        # already in the style: unchanged
        ("部費の集金と出納帳の記帳", "部費の集金と出納帳の記帳"),
        ("レジ締めと売上日報の作成", "レジ締めと売上日報の作成"),
        ("伝票整理など", "伝票整理など"),
        # no duty in the style: not offered
        ("新人5名の教育も任されました", None),
        ("研修を受けたい", None),
        ("受付もしました", None),
    ],
)  # fmt: skip
def test_a_line_becomes_a_duty_or_is_not_offered(line: str, duty: str | None) -> None:
    assert duty_line(line) == duty


@pytest.mark.parametrize("line", ["売上と現金を毎日照合", "差額が出たときは伝票を見直して原因を探しました"])
def test_a_duty_line_ends_in_a_noun_or_tanto_never_in_the_past(line: str) -> None:
    duty = duty_line(line)
    assert duty is not None and not duty.endswith(("た", "ました", "し", "して"))
