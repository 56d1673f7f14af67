"""The purpose-of-use notices shown at sign-up, and their versions (職業安定法5条の5: purposes stated concretely).

Change the wording → raise NOTICE_VERSION. Consent records keep the version each person agreed to, and
existing users are asked again on their マイページ.

A 採用担当 (employer account: sign-up as an employer, or joining a company's team by invitation) is told its own
purposes (個人情報保護法21条: the purpose of use is made known when the data is collected); the job seeker's —
応募, 新着求人メール — are not what an employer account's data is used for. Its consent record keeps
EMPLOYER_NOTICE_VERSION and the EMPLOYER_PURPOSES shown (`notice_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .models import RECENT_VIEWS_DAYS, RECENT_VIEWS_MAX

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

EMPLOYER_NOTICE_VERSION: Final = "employer-2026-11"
EMPLOYER_PURPOSES: Final[list[str]] = [
    "求人の作成・掲載・管理と、応募の受付・選考の操作など、採用担当の方が使う機能を提供するため",
    "応募の受付や選考の状況など、採用に関するお知らせをメールでお送りするため",
    "同じ会社の採用担当の一覧に、お名前・メールアドレス・最終ログイン日時を表示し、採用担当の招待と停止を"
    "行えるようにするため",
    "掲載内容が法令に沿っているかの確認と、求職者からの問い合わせ・苦情への対応のため",
    "ログインの安全確認と不正利用の防止のため",
]
EMPLOYER_NOT_COLLECTED: Final = (
    "応募者の個人情報は、その応募の選考のためにだけお使いください。採用選考に関係のない事項（本籍・出生地、"
    "家族、思想・信条など）は、求人でも選考でもお尋ねにならないようお願いします。"
)
EMPLOYER_RIGHTS: Final = (
    "お名前・メールアドレス・パスワードは「アカウント」のページからいつでも変更できます。"
    "採用担当から外れるときは、同じ会社の採用担当の方か運営にお申し出ください。"
)


@dataclass(frozen=True)
class Notice:
    audience: str
    version: str
    purposes: list[str]
    not_collected: str
    rights: str

    @property
    def edition(self) -> str:
        """The version as a reader says it (「2026年11月版」); the stored id may carry a prefix (employer-2026-11)."""
        year, month = self.version[-7:].split("-")
        return f"{year}年{int(month)}月版"


def notice_for(role: str) -> Notice:
    """The notice shown to (and recorded for) an account of this role: the employer's for 採用担当, else the
    job seeker's (the only two kinds of account that sign up themselves)."""
    if role == "employer":
        return Notice(
            "採用担当の方",
            EMPLOYER_NOTICE_VERSION,
            EMPLOYER_PURPOSES,
            EMPLOYER_NOT_COLLECTED,
            EMPLOYER_RIGHTS,
        )
    return Notice("求職者の方", NOTICE_VERSION, PURPOSES, NOT_COLLECTED, RIGHTS)


def recent_views_retention() -> str:
    """What 最近見た求人 keeps and for how long, said on its page and on the privacy page (support reads it here,
    so the figures are the ones the code applies: services.recent_view_record and recent_views_expire)."""
    return (
        f"最近見た求人（閲覧履歴）は、ログインした求職者の方について、新しいものから{RECENT_VIEWS_MAX}件まで、"
        f"最後に見た日から{RECENT_VIEWS_DAYS}日間保存し、それを過ぎたものは削除します。いつでも1件ずつ・すべて削除でき、"
        "残さない設定にもできます（設定すると、それまでの履歴も削除します）。ログインしていない方の閲覧は記録しません。"
    )
