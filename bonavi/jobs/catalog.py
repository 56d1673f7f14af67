"""Back-office job families and sub-roles, with their 厚生労働省編職業分類 (2022) codes.

Codes follow jobtag's per-occupation `classifications.mhlw_main` (大分類-中分類-小分類). Management tracks
(経理課長 etc.) sit in 大分類 01 管理的職業; IT support sits in 02 (情報処理), not in 事務.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class SubRole:
    code: str
    family: str
    name: str
    mhlw_code: str


FAMILIES: Final[dict[str, str]] = {
    "accounting": "経理・財務",
    "hr_labor": "人事・労務",
    "legal_general_affairs": "法務・総務",
    "pr_ir": "広報・IR",
    "it_support": "情報システム",
    "general_clerical": "一般事務",
}
FAMILY_CHOICES: Final = list(FAMILIES.items())
# What each family's work is, in one plain line for someone who has never done it: the top page's 職種 cards and
# /search/ with one family chosen (ADR 0134). Each links to its ロードマップ (careers:roadmap, by URL name).
FAMILY_LINES: Final[dict[str, str]] = {
    "accounting": "会社のお金の出入りを記録し、請求・支払い・決算で数字をまとめる仕事です。",
    "hr_labor": "採用や入社の手続き、給与計算や社会保険など、働く人に関わる手続きを担う仕事です。",
    "legal_general_affairs": "契約書の確認や備品・社内の手続きなど、会社の運営を整える仕事です。",
    "pr_ir": "会社の取り組みを報道機関や投資家に伝え、発表文や資料を作る仕事です。",
    "it_support": "社内のパソコン・アカウント・ネットワークを管理し、社員の困りごとを解決する仕事です。",
    "general_clerical": "データ入力や書類作成、電話・来客の対応など、部署の仕事を幅広く支える仕事です。",
}

SUBROLES: Final[list[SubRole]] = [
    SubRole("accounting_clerk", "accounting", "経理事務", "06-038-03"),
    SubRole("finance", "accounting", "財務・資金管理", "06-038-03"),
    SubRole("internal_audit", "accounting", "内部監査", "06-033-01"),
    SubRole("accounting_manager", "accounting", "経理課長（管理職）", "01-002-01"),
    SubRole("hr_clerk", "hr_labor", "人事事務", "06-033-02"),
    SubRole("payroll", "hr_labor", "労務・給与計算", "06-033-02"),
    SubRole("recruiting", "hr_labor", "採用担当", "06-033-02"),
    SubRole("hr_manager", "hr_labor", "人事課長（管理職）", "01-002-01"),
    SubRole("general_affairs", "legal_general_affairs", "総務事務", "06-033-01"),
    SubRole("legal", "legal_general_affairs", "企業法務", "06-035-01"),
    SubRole("secretary", "legal_general_affairs", "秘書", "06-034-02"),
    SubRole("reception", "legal_general_affairs", "受付事務", "06-034-03"),
    SubRole("ga_manager", "legal_general_affairs", "総務課長（管理職）", "01-002-01"),
    SubRole("pr", "pr_ir", "広報・PR", "06-033-01"),
    SubRole("ir", "pr_ir", "IR広報", "06-035-01"),
    SubRole("corporate_it", "it_support", "社内SE・情報システム", "02-010-02"),
    SubRole("helpdesk", "it_support", "ヘルプデスク", "02-010-05"),
    SubRole("office_clerk", "general_clerical", "一般事務", "06-034-01"),
    SubRole("sales_assistant", "general_clerical", "営業事務", "06-040-01"),
    SubRole("trade_clerk", "general_clerical", "貿易事務", "06-040-02"),
    SubRole("data_entry", "general_clerical", "データ入力", "06-043-02"),
    SubRole("medical_clerk", "general_clerical", "医療事務", "06-037-01"),
]
SUBROLE_BY_CODE: Final[dict[str, SubRole]] = {s.code: s for s in SUBROLES}
SUBROLE_CHOICES: Final = [(s.code, f"{FAMILIES[s.family]}｜{s.name}") for s in SUBROLES]
