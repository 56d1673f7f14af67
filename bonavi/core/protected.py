"""Work words that contain a protected-topic word.

Two checks look for 指針 第5 topics (本籍, 家族, 資産, 国籍 …) and for attributes matching must not use (年齢,
性別, 配偶者 …): the hearing / adviser-text screening (agents) and the sentence scrub before matching (matching).
Back-office work is full of words that contain those words and say nothing about the person: 固定資産, 配偶者控除,
住宅手当, 障害対応, 外国籍社員の手続き, 労働組合との交渉, 宗教法人の経理 — and 工夫 contains 夫. Both checks mask these
terms first, so a 経理 or 人事 history is neither refused nor dropped from matching, while 「持ち家です」 still is.
"""

from __future__ import annotations

import re
from typing import Final

# Longest first, so 有形固定資産 is masked whole. Each is a duty, an account, a payroll item or a place of work.
WORK_TERMS: Final = (
    # 経理: accounts and assets of the company
    "有形固定資産",
    "無形固定資産",
    "減価償却資産",
    "固定資産",
    "流動資産",
    "繰延資産",
    "無形資産",
    "資産除去",
    "資産計上",
    "資産管理",
    "資産運用",
    "資産負債",
    "総資産",
    "純資産",
    "資産税",
    "資産形成",  # 財形貯蓄など、従業員の福利厚生の事務
    # 給与・労務: payroll items, allowances and procedures
    "配偶者特別控除",
    "配偶者控除",
    "配偶者手当",
    "扶養家族",
    "家族手当",
    "住宅手当",
    "住宅ローン",
    "住宅借入金",
    "住宅取得",
    "子ども・子育て拠出金",
    "子ども子育て拠出金",
    "子育て支援",
    "障害者雇用",
    "外国籍社員",
    "外国籍従業員",
    "外国籍人材",
    "外国籍の社員",
    "外国籍の従業員",
    "外国籍の方の",  # 在留資格・雇用の手続き（人事の業務）
    "多国籍",
    "労働組合との",
    "労働組合対応",
    "労働組合窓口",
    "労使",
    # 法務・総務
    "戸籍謄本",
    "戸籍抄本",
    "宗教法人",
    "独身寮",
    "家族経営",
    # 情報システム
    "システム障害",
    "障害対応",
    "通信障害",
    "障害発生",
    "障害切り分け",
    "設計思想",
    # places and goods of part-time work
    "障害者支援",
    "障害福祉",
    "結婚式場",
    "結婚式",
    "子ども向け",
    "子供向け",
    "子ども服",
    "子供服",
    "子ども食堂",
    # ordinary words
    "大丈夫",
    "丈夫",
    "工夫",
)
_WORK = re.compile("|".join(re.escape(t) for t in sorted(WORK_TERMS, key=len, reverse=True)))
MASK: Final = "〓"


def mask_work_terms(text: str) -> str:
    """`text` with each work term replaced by as many 〓 (same length, so positions still line up)."""
    return _WORK.sub(lambda m: MASK * len(m.group(0)), text or "")
