"""Next steps name the target family's own qualifications (ADR 0139): the walk's 経理事務 student was told to study
給与計算実務能力検定 (人事・労務's first step, for jobtag's 人事労務管理) and never 日商簿記3級."""

import pytest

from bonavi.careers.translator import translate

STUDENT = (
    "大学2年からカフェ（チェーン店）でホールのアルバイトを3年続けています。レジ締めで売上と現金の差異を毎日確認し、"
    "月末の棚卸しも担当しました。新人アルバイト5人の教育係として、手順書をExcelでまとめ直しました。\n"
    "テニスサークルでは会計係を1年務め、部費の集金と出納帳の管理、合宿の予算表の作成をしました。"
    "100人の名簿をGoogleスプレッドシートで管理し、連絡の行き違いを減らしました。"
)

pytestmark = pytest.mark.django_db


def test_the_accounting_student_is_told_boki_3_first_and_not_payroll(ref):
    result = translate(STUDENT, target=430, ref=ref)
    steps = result["next_steps"]
    assert steps[0].startswith("日商簿記検定3級の学習を始める")
    assert not any("給与計算" in s or "社会保険労務士" in s for s in steps)
    for gap in result["gaps"]:
        assert all(q["key"] not in ("kyuyo", "sharoushi") for q in gap["qualifications"])


def test_payroll_stays_a_step_for_an_hr_target(ref):
    result = translate(STUDENT, target=432, ref=ref)
    assert any("給与計算実務能力検定" in s for s in result["next_steps"])
