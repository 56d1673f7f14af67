"""The purpose-of-use notice shown at sign-up, and its version (職業安定法5条の5: purposes stated concretely).

Change the wording → raise NOTICE_VERSION. Consent records keep the version each person agreed to, and
existing users are asked again on their マイページ.
"""

from __future__ import annotations

from typing import Final

NOTICE_VERSION: Final = "2026-11"
NOTICE_DATE: Final = "2026年11月"

PURPOSES: Final[list[str]] = [
    "求人の検索・お気に入り・比較・応募など、あなたが使う機能を提供するため",
    "あなたが保存した検索条件に合う新着求人を、選んだ頻度でメールでお知らせするため（いつでも停止できます）",
    "あなたが応募した企業に、応募時点のプロフィールとメッセージを届け、選考状況をお知らせするため",
    "ログインの安全確認と不正利用の防止のため",
]
NOT_COLLECTED: Final = (
    "本籍・出生地、家族の職業や収入、思想・信条、宗教、支持政党、労働組合への加入状況、住宅状況など、"
    "採用選考に関係のない情報はお聞きしません。"
)
RIGHTS: Final = (
    "登録した情報はマイページの「マイデータ」からいつでもダウンロード・削除（退会）できます。"
    "あなたのプロフィールを企業が閲覧した記録も、同じ画面で確認できます。"
)
