"""Synthetic structured postings for the checker's benchmark (compliance cannot use the jobs generator: it is a
later app). Realistic sizes and a mix of lawful postings and postings with the usual mistakes."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from .facts import PostingFacts

_DUTIES = ["伝票の起票と会計ソフトへの入力", "請求書の発行と入金消込", "給与計算と社会保険の手続き", "契約書の審査と管理",
           "来客・電話の対応", "プレスリリースの作成", "PC・アカウントの管理", "データ入力とファイリング", "月次決算の補助"]  # fmt: skip
_ROLES = [
    "経理事務",
    "人事労務スタッフ",
    "総務スタッフ",
    "法務アシスタント",
    "広報担当",
    "社内SE",
    "一般事務",
    "営業事務",
]
_MISTAKES = [
    "20代歓迎",
    "女性限定",
    "営業マン",
    "身長160cm以上の方",
    "本籍地を記入",
    "35歳まで",
    "主婦歓迎",
    "若い方歓迎",
]


def synthetic_facts(count: int, *, seed: int = 1, violation_ratio: float = 0.2) -> Iterator[PostingFacts]:
    rng = random.Random(seed)
    for _ in range(count):
        role = rng.choice(_ROLES)
        duties = "、".join(rng.sample(_DUTIES, 3)) + "などをお任せします。入社後は先輩社員が丁寧に教えます。"
        quals = rng.choice(["未経験歓迎", "日商簿記2級", "実務経験1年以上", "MOS Excel"])
        if rng.random() < violation_ratio:
            quals += "。" + rng.choice(_MISTAKES)
        hourly = rng.random() < 0.3
        fixed_overtime = not hourly and rng.random() < 0.15
        yield PostingFacts(
            title=f"{role}（{'パート' if hourly else '正社員'}）",
            employment_type="part" if hourly else "seishain",
            is_dispatch=False,
            duties=duties,
            duties_change_scope=rng.choice(["会社の定める業務", "変更なし", ""]),
            prefecture_code=f"{rng.randint(1, 47):02d}",
            address="中央区1-2-3",
            work_place_change_scope=rng.choice(["会社の定める場所（テレワークを含む）", "変更なし"]),
            fixed_term=False,
            renewal="none",
            has_probation=True,
            probation_terms="3か月 本採用と同条件",
            start_time=dt.time(9),
            end_time=dt.time(rng.choice([15, 17, 18])),
            break_minutes=60,
            overtime_exists=not hourly,
            overtime_monthly_hours=None if hourly else 10,
            holidays_text="土日祝休み 夏季休暇、年末年始休暇",
            annual_holidays=rng.choice([110, 120, 125]),
            wage_unit="hour" if hourly else "month",
            wage_min=rng.randint(950, 1600) if hourly else rng.randint(170, 320) * 1000,
            wage_max=None,
            daily_hours=7.0,
            fixed_overtime=fixed_overtime,
            fixed_overtime_amount=40_000 if fixed_overtime else None,
            fixed_overtime_hours=20 if fixed_overtime else None,
            fixed_overtime_excess_paid=fixed_overtime and rng.random() < 0.8,
            insurances=["雇用保険", "労災保険", "健康保険", "厚生年金"],
            smoking_measure=rng.choice(["屋内禁煙", "敷地内禁煙", None]),
            employer_name="株式会社ベンチマーク",
            employer_address="東京都千代田区1-1",
            employer_contact="03-0000-0000",
            experience_required=quals.startswith("実務"),
            texts={
                "title": role,
                "duties": duties,
                "required_experience": quals,
                "selection_process": "書類選考 → 面接（1〜2回） → 内定",
                "allowances": "通勤手当（上限3万円／月）",
            },
            updated_on=dt.date(2026, 11, 1),
        )
