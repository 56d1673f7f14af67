"""Qualifications as dated data: who runs them, how they are taken, who may sit, a pass rate with its year.

Figures come from BOナビ's research notes (docs of 2026-11) and the bodies' sites; each row says where its
numbers come from (`source_url`), where to check them (`official_url`) and when they were last checked
(`as_of`). Pages warn when a row is more than a year old. Rows with `verified=False` carry figures the notes
marked as unconfirmed and are shown as 目安.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class PassRate:
    label: str  # which grade or format
    rate: float | None  # percent
    year: str  # the exam year or date the rate belongs to, as published


@dataclass(frozen=True)
class Qualification:
    key: str
    name: str
    body: str
    format: str
    eligibility: str
    pass_rates: tuple[PassRate, ...]
    official_url: str
    source_url: str
    as_of: dt.date
    verified: bool = True
    note: str = ""

    def is_stale(self, today: dt.date) -> bool:
        return (today - self.as_of).days > 366


AS_OF: Final = dt.date(2026, 11, 1)

QUALIFICATIONS: Final[dict[str, Qualification]] = {
    q.key: q
    for q in [
        Qualification(
            "boki3",
            "日商簿記検定3級",
            "日本商工会議所・各地商工会議所",
            "統一試験（紙、6月・11月・2月）とネット試験（CBT、随時。2020年12月から）",
            "制限なし",
            (PassRate("ネット試験", 37.1, "2023年度"),),
            "https://www.kentei.ne.jp/bookkeeping",
            "https://bit-living.com/",
            AS_OF,
            verified=False,
            note="出典の「2・3級 35.2% / 37.1%」を2級・3級の順と読んだ値です。",
        ),
        Qualification(
            "boki2",
            "日商簿記検定2級",
            "日本商工会議所・各地商工会議所",
            "統一試験（紙、6月・11月・2月）とネット試験（CBT、随時）。90分、70点以上で合格",
            "制限なし",
            (PassRate("ネット試験", 35.2, "2023年度"), PassRate("統一試験", 22.9, "2024年6月")),
            "https://www.kentei.ne.jp/bookkeeping",
            "https://bit-living.com/",
            AS_OF,
        ),
        Qualification(
            "boki1",
            "日商簿記検定1級",
            "日本商工会議所・各地商工会議所",
            "統一試験（紙、6月・11月）、180分",
            "制限なし",
            (PassRate("統一試験", None, "約8〜10%（未確認）"),),
            "https://www.kentei.ne.jp/bookkeeping",
            "https://www.kentei.ne.jp/bookkeeping",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "fass",
            "FASS検定（経理・財務スキル検定）",
            "日本CFO協会",
            "CBT。合否ではなくA〜Eのレベルで判定",
            "制限なし",
            (PassRate("全体", None, "合格率の設定なし（レベル判定）"),),
            "https://www.cfo.jp/fass/",
            "https://cbt-s.com/",
            AS_OF,
        ),
        Qualification(
            "kyuyo",
            "給与計算実務能力検定",
            "実務能力開発支援協会",
            "1級は11月、2級は3月・11月。正答率70%程度で合格",
            "制限なし",
            (PassRate("1級", 51.9, "実施年不明"), PassRate("2級", 75.3, "実施年不明")),
            "https://www.kyuyo-kentei.jp/",
            "https://dokugakushikaku.com/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "eisei",
            "衛生管理者（第一種・第二種）",
            "安全衛生技術試験協会（国家資格）",
            "各地の安全衛生技術センターで毎月実施。常時50人以上の事業場は選任が必要（労働安全衛生法12条）",
            "大学卒業後に労働衛生の実務経験1年以上など",
            (PassRate("第一種", 46.0, "2023年度"), PassRate("第二種", 54.9, "2017年度")),
            "https://www.exam.or.jp/",
            "https://virgo11.com/",
            AS_OF,
        ),
        Qualification(
            "sharoushi",
            "社会保険労務士",
            "社会保険労務士試験センター（国家資格）",
            "年1回、8月の第4日曜日",
            "大学等の卒業、実務経験3年以上、または指定の試験の合格など",
            (PassRate("全体", 6.9, "令和6年度"), PassRate("全体", 5.5, "令和7年度")),
            "https://www.sharosi-siken.or.jp/",
            "https://goukakuget.hatenadiary.com/",
            AS_OF,
        ),
        Qualification(
            "bijihou3",
            "ビジネス実務法務検定試験3級",
            "東京商工会議所",
            "CBT、70点以上で合格",
            "制限なし",
            (PassRate("3級", 50.7, "2023年度"),),
            "https://www.kentei.org/houmu/",
            "https://skhyakka.com/",
            AS_OF,
        ),
        Qualification(
            "bijihou2",
            "ビジネス実務法務検定試験2級",
            "東京商工会議所",
            "CBT、70点以上で合格",
            "制限なし",
            (PassRate("2級", 34.4, "2023年度"),),
            "https://www.kentei.org/houmu/",
            "https://skhyakka.com/",
            AS_OF,
        ),
        Qualification(
            "bijihou1",
            "ビジネス実務法務検定試験1級",
            "東京商工会議所",
            "論述式",
            "2級の合格者",
            (PassRate("1級", 10.5, "2023年度"),),
            "https://www.kentei.org/houmu/",
            "https://skhyakka.com/",
            AS_OF,
        ),
        Qualification(
            "hisho",
            "秘書検定",
            "実務技能検定協会",
            "3級・2級は筆記、準1級・1級は筆記と面接",
            "制限なし",
            (
                PassRate("3級・2級", None, "おおむね60〜70%（二次情報）"),
                PassRate("準1級・1級", None, "おおむね20〜30%（二次情報）"),
            ),
            "https://jitsumu-kentei.jp/HS/",
            "https://shikaku-catalog.pages.dev/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "mos",
            "MOS（マイクロソフト オフィス スペシャリスト）",
            "オデッセイコミュニケーションズ",
            "CBT、随時。Excel・Wordなど科目ごと",
            "制限なし",
            (PassRate("全体", None, "合格率は公表されていません"),),
            "https://mos.odyssey-com.co.jp/",
            "https://mos.odyssey-com.co.jp/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "itpass",
            "ITパスポート試験",
            "情報処理推進機構（IPA、国家試験）",
            "CBT、随時。1000点中600点以上など",
            "制限なし",
            (PassRate("全体", None, "約50%（未確認）"),),
            "https://www3.jitec.ipa.go.jp/JitesCbt/",
            "https://inuboki.com/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "fe",
            "基本情報技術者試験",
            "情報処理推進機構（IPA、国家試験）",
            "CBT、2023年4月から通年",
            "制限なし",
            (PassRate("全体", 47.1, "2023年度"),),
            "https://www.ipa.go.jp/shiken/",
            "https://studying.jp/",
            AS_OF,
        ),
        Qualification(
            "ap",
            "応用情報技術者試験",
            "情報処理推進機構（IPA、国家試験）",
            "年2回（春・秋）",
            "制限なし",
            (PassRate("全体", None, "未確認"),),
            "https://www.ipa.go.jp/shiken/",
            "https://www.ipa.go.jp/shiken/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "prplanner",
            "PRプランナー資格認定制度",
            "日本パブリックリレーションズ協会",
            "1次（CBT）→ PRプランナー補 → 2次 → 准PRプランナー → 3次 → PRプランナー",
            "3次試験は広報・PRの実務経験3年以上",
            (PassRate("全体", None, "未確認"),),
            "https://prsj.or.jp/",
            "https://prsj.or.jp/",
            AS_OF,
            verified=False,
        ),
        Qualification(
            "cirp",
            "CIRP（IRプランナー）",
            "日本IRプランナーズ協会",
            "講座の受講と試験",
            "CIRP-Sは実務経験1年以上（3年とする資料もあり）",
            (PassRate("全体", None, "回により異なる"),),
            "https://qacquire.com/",
            "https://qacquire.com/",
            AS_OF,
            verified=False,
        ),
    ]
}

# Which qualifications build the skill or knowledge a gap names (keys are jobtag's).
FOR_SKILL: Final[dict[str, tuple[str, ...]]] = {
    "economics_accounting": ("boki3", "boki2"),
    "financial_resources_management": ("boki2", "fass"),
    "mathematics": ("boki3",),
    "mathematics_kn": ("boki3",),
    "personnel_hr": ("kyuyo", "sharoushi"),
    "public_safety_security": ("eisei",),
    "law_government": ("bijihou3", "bijihou2"),
    "computers_electronics": ("itpass", "fe"),
    "installation": ("itpass",),
    "troubleshooting": ("itpass", "fe"),
    "programming": ("fe",),
    "operations_analysis": ("fe",),
    "technology_design": ("fe", "ap"),
    "clerical": ("mos", "hisho"),
    "customer_personal_service": ("hisho",),
    "communications_media": ("prplanner",),
    "telecommunications": ("itpass", "fe"),
}
