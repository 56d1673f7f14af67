"""The 適職診断 item bank: BOナビ's own Japanese items, answered 0–4.

Interests: six office or everyday activities per RIASEC type, each something a beginner can judge without
having held the job. Work values: two statements per jobtag work value (the value keys are jobtag's; the
wording is ours — jobtag's and JILPT's test items are not used, their terms forbid redistributing them).
Changing an item's meaning changes results: add new ids rather than rewording old ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Item:
    id: str
    scale: str  # "R" … "C", or "value:<work-value key>"
    text: str

    @property
    def is_interest(self) -> bool:
        return not self.scale.startswith("value:")


INTEREST_CHOICES: Final = [
    (0, "やりたくない"),
    (1, "あまりやりたくない"),
    (2, "どちらともいえない"),
    (3, "少しやりたい"),
    (4, "とてもやりたい"),
]
VALUE_CHOICES: Final = [
    (0, "大切ではない"),
    (1, "あまり大切ではない"),
    (2, "どちらともいえない"),
    (3, "やや大切"),
    (4, "とても大切"),
]

_INTERESTS: Final[dict[str, list[str]]] = {
    "R": [
        "コピー機やプリンターの紙詰まりを直す",
        "家具や棚を説明書を見ながら組み立てる",
        "届いた荷物や備品を運んで倉庫に整理する",
        "工具を使って壊れたものを修理する",
        "パソコンや周辺機器のケーブルをつないで配線する",
        "屋外で体を動かして作業する",
    ],
    "I": [
        "数字やデータを見て、原因や傾向を調べる",
        "知らない制度や仕組みを、資料を読んで理解する",
        "うまくいかない理由を、仮説を立てて確かめる",
        "ニュースや統計の背景を深く調べる",
        "論理パズルや計算問題をじっくり解く",
        "新しいアプリの機能を自分で試して仕組みを理解する",
    ],
    "A": [
        "チラシやポスターのデザインを考える",
        "読む人を思い浮かべながら文章や記事を書く",
        "写真や動画を撮って編集する",
        "イベントや企画のアイデアを自由に出す",
        "絵を描いたり音楽を作ったりする",
        "部屋や売り場の飾りつけを工夫する",
    ],
    "S": [
        "困っている人の話をじっくり聞く",
        "新しく入った人に仕事のやり方を教える",
        "来客やお客様に親切に対応する",
        "友人や同僚の悩みの相談にのる",
        "ボランティアなど人の役に立つ活動をする",
        "チームの仲間が働きやすいように気を配る",
    ],
    "E": [
        "グループのリーダーとして話し合いをまとめる",
        "自分の意見を伝えて、相手に納得してもらう",
        "目標を立てて、周りを巻き込みながら進める",
        "取引先と価格や納期の条件を交渉する",
        "人前で発表やプレゼンテーションをする",
        "新しい企画を提案して、実現に向けて動く",
    ],
    "C": [
        "書類やファイルを決まったルールで整理する",
        "表計算ソフトにデータを正確に入力する",
        "伝票や数字に間違いがないか細かく確認する",
        "予定表やスケジュールをきちんと管理する",
        "決められた手順やマニュアルどおりに作業を進める",
        "お金の出し入れを記録して、残高を合わせる",
    ],
}

# Keys are jobtag's work-value keys (labels/work_values.ja-en.json).
_VALUES: Final[dict[str, list[str]]] = {
    "achievement": ["やり遂げたと実感できること", "自分の力で成果を出せること"],
    "autonomy": ["仕事の進め方を自分で決められること", "細かく指示されずに任されること"],
    "expertise": ["専門的な知識や技能を深められること", "その分野のプロとして頼られる力がつくこと"],
    "self_growth": ["新しいことを学び続けられること", "経験を積んで成長を実感できること"],
    "social_recognition": ["周りから評価され、一目置かれること", "責任ある立場や肩書きにつけること"],
    "service_contribution": ["社会や人の役に立っていると感じられること", "困っている人を支えられること"],
    "good_relationships": ["職場の人と協力しあえること", "人間関係が穏やかで働きやすいこと"],
    "workplace_safety": ["けがや事故の危険が少なく、安全に働けること", "心身の健康を保ちながら働けること"],
    "work_life_balance": [
        "休みが取りやすく、私生活の予定を立てやすいこと",
        "残業が少なく、家族や趣味の時間を持てること",
    ],
    "stability": ["長く安心して働き続けられること", "急な雇い止めや異動の心配が少ないこと"],
    "compensation": ["高い収入を得られること", "成果に応じて給料が上がること"],
}


def _build() -> list[Item]:
    items = [
        Item(f"{scale.lower()}{n}", scale, text)
        for scale, texts in _INTERESTS.items()
        for n, text in enumerate(texts, start=1)
    ]
    items += [
        Item(f"v_{key}_{n}", f"value:{key}", text)
        for key, texts in _VALUES.items()
        for n, text in enumerate(texts, start=1)
    ]
    return items


ITEMS: Final[list[Item]] = _build()
ITEM_BY_ID: Final[dict[str, Item]] = {item.id: item for item in ITEMS}
VALUE_KEYS: Final[tuple[str, ...]] = tuple(_VALUES)
