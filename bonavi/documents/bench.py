"""The 2-page 職務経歴書 used by the benchmark command and its smoke test."""

from __future__ import annotations

import copy
from typing import Any

CV_SAMPLE: dict[str, Any] = {
    "basics": {
        "name": "佐藤 美咲",
        "furigana": "さとう みさき",
        "birthDate": "1998-06-15",
        "phone": "090-1234-5678",
        "location": {
            "postalCode": "330-0063",
            "region": "埼玉県",
            "city": "さいたま市浦和区",
            "address": "高砂3-15-1",
        },
        "summary": (
            "大学卒業後、食品卸の会社で営業事務として受発注と請求書の発行を担当しました。月平均約400件の受注データを"
            "基幹システムに入力し、締め日には売上と入金の突合を行いました。現在は会計サービス会社で経理アシスタントと"
            "して、仕訳入力、経費精算のチェック、月次決算の資料作成を担当しています。差し戻し理由を分類した一覧を作り、"
            "差し戻し件数を月60件から25件に減らしました。今後は決算業務まで任される経理担当者を目指しています。"
        ),
    },
    "work": [
        {
            "name": f"株式会社サンプル{i}",
            "position": "経理部 経理アシスタント",
            "employmentType": "正社員",
            "employees": 120 + i,
            "description": "業務用食品の卸売",
            "startDate": f"{2012 + i * 3}-04",
            "endDate": f"{2015 + i * 3}-03",
            "endReason": "一身上の都合により退職",
            "summary": "仕訳入力、経費精算のチェック、月次決算資料の作成、売掛金の入金消込、支払業務",
            "highlights": [
                "経費精算の差し戻し理由を分類し、差し戻しを月60件から25件に減らした",
                "月次の試算表作成を締め後5営業日から3営業日に短縮した",
                "未入金一覧を毎月作成し、回収漏れを2年間0件にした",
            ],
        }
        for i in range(4)
    ],
    "certificates": [{"name": "日本商工会議所簿記検定試験2級", "date": "2016-11"}],
    "skills": [{"name": "Excel", "keywords": ["VLOOKUP", "ピボットテーブル", "SUMIFS"]}],
    "x-bonavi": {
        "cvFormat": "reverse",
        "selfPr": [
            "前職では、毎月の締め日に売上と入金を一件ずつ突き合わせ、差異があれば当日中に営業担当へ確認する流れを"
            "自分で作りました。その結果、2年間で回収漏れは0件でした。数字の小さなずれを放置しない姿勢を活かします。"
        ],
        "motivation": "経理の仕事を基礎から積み上げ、決算まで担当できるようになりたいと考え応募しました。",
    },
}


def cv_sample() -> dict[str, Any]:
    return copy.deepcopy(CV_SAMPLE)
