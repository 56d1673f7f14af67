"""Offline feedback on a typed interview answer: length, answer structure, job terms, repeated and vague words.

Nothing is sent anywhere and nothing is scored by a model: every remark points at words the person wrote.
Speaking rate is taken as about 300 字 per minute (a common guide for Japanese speech; CAREERS.md marks it
unverified), so 1 minute ≈ 300 字.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Final

from bonavi.core import sudachi
from bonavi.core.text import nfkc

CHARS_PER_MINUTE: Final = 300
MAX_ANSWER_CHARS: Final = 3000

STAR_PARTS: Final[dict[str, tuple[str, re.Pattern[str]]]] = {
    "S": (
        "状況",
        re.compile(r"当時|の頃|のころ|時に|ときに|担当して|配属|在籍|前職|現職|職場|店舗|部署|状況|背景"),
    ),
    "T": (
        "課題",
        re.compile(
            r"課題|問題|目標|任され|求められ|必要があ|困って|遅れ|ミスが|多く発生|増えて|減らす|ために"
        ),
    ),
    "A": (
        "行動",
        re.compile(
            r"そこで|私は|工夫|提案|実施|作成し|取り組|見直|改善し|導入|確認し|共有し|行いました|行った|始めました"
        ),
    ),
    "R": (
        "結果",
        re.compile(
            r"結果|その後|削減|短縮|改善され|達成|減りました|増えました|減らし|なりました|できました|[0-9０-９]+\s*(?:件|%|％|割|時間|日|人|名|円|倍)"
        ),
    ),
}
PREP_PARTS: Final[dict[str, tuple[str, re.Pattern[str]]]] = {
    "P1": (
        "結論",
        re.compile(r"^.{0,60}?(?:です|と考えています|と考えます|からです|したいです|思います|ます)[。．]"),
    ),
    "R": ("理由", re.compile(r"理由は|なぜなら|ためです|からです|から[、,]|ので[、,]|ため[、,]")),
    "E": (
        "具体例",
        re.compile(
            r"例えば|たとえば|具体的に|実際に|前職で|現職で|経験|[0-9０-９]+\s*(?:件|%|％|年|か月|ヶ月)"
        ),
    ),
    "P2": (
        "結論（まとめ）",
        re.compile(r"だからこそ|そのため|以上|このように|貴社で|御社で|入社後|活かし|貢献"),
    ),
}
VAGUE: Final[dict[str, str]] = {
    "色々": "何をしたかを1つ選び、具体的に言う",
    "いろいろ": "何をしたかを1つ選び、具体的に言う",
    "様々": "代表的なものを2〜3個挙げる",
    "さまざま": "代表的なものを2〜3個挙げる",
    "頑張": "何をどれだけしたかを数字で言う",
    "がんば": "何をどれだけしたかを数字で言う",
    "一生懸命": "行動と結果で示す",
    "精一杯": "行動と結果で示す",
    "とても": "程度を数字や比較で示す",
    "すごく": "程度を数字や比較で示す",
    "たくさん": "件数・人数で言う",
    "なんとなく": "きっかけとなった出来事を言う",
    "コミュニケーション能力": "誰と・何のために・どうやり取りしたかを言う",
    "えー": "言いよどみを減らす（書いた答えを声に出して練習する）",
    "あのー": "言いよどみを減らす（書いた答えを声に出して練習する）",
}
FAMILY_TERMS: Final[dict[str, tuple[str, ...]]] = {
    "accounting": (
        "仕訳",
        "月次決算",
        "年次決算",
        "決算",
        "試算表",
        "売掛金",
        "買掛金",
        "入金消込",
        "請求書",
        "経費精算",
        "支払",
        "消費税",
        "インボイス",
        "固定資産",
        "減価償却",
        "会計ソフト",
        "勘定奉行",
        "freee",
        "弥生",
        "簿記",
        "監査",
        "税理士",
        "予算",
        "原価",
    ),
    "hr_labor": (
        "給与計算",
        "社会保険",
        "雇用保険",
        "年末調整",
        "勤怠",
        "36協定",
        "残業",
        "就業規則",
        "採用",
        "面接",
        "入社手続",
        "退職手続",
        "労務",
        "人事評価",
        "研修",
        "ハラスメント",
        "マイナンバー",
        "育児休業",
        "社労士",
        "労働基準法",
    ),
    "legal_general_affairs": (
        "契約書",
        "契約",
        "法務",
        "リーガルチェック",
        "株主総会",
        "取締役会",
        "議事録",
        "規程",
        "コンプライアンス",
        "備品",
        "設備",
        "オフィス",
        "BCP",
        "防災",
        "印章",
        "文書管理",
        "来客",
        "総務",
        "稟議",
        "法改正",
    ),
    "pr_ir": (
        "プレスリリース",
        "メディア",
        "取材",
        "記者",
        "広報",
        "SNS",
        "社内報",
        "ブランディング",
        "危機管理",
        "IR",
        "決算説明",
        "投資家",
        "アナリスト",
        "適時開示",
        "統合報告書",
        "掲載",
        "イベント",
    ),
    "it_support": (
        "ヘルプデスク",
        "問い合わせ",
        "チケット",
        "キッティング",
        "アカウント",
        "権限",
        "ネットワーク",
        "障害",
        "切り分け",
        "ベンダー",
        "セキュリティ",
        "ウイルス",
        "資産管理",
        "ライセンス",
        "Microsoft 365",
        "Google Workspace",
        "クラウド",
        "自動化",
        "手順書",
        "FAQ",
    ),
    "general_clerical": (
        "データ入力",
        "Excel",
        "Word",
        "PowerPoint",
        "VLOOKUP",
        "XLOOKUP",
        "ピボットテーブル",
        "関数",
        "電話応対",
        "来客対応",
        "請求書",
        "見積書",
        "受発注",
        "ファイリング",
        "備品",
        "発注",
        "スケジュール",
        "営業事務",
        "書類",
        "ダブルチェック",
    ),
}
_STOP_WORDS: Final = frozenset(
    [
        "こと",
        "もの",
        "ため",
        "よう",
        "私",
        "自分",
        "それ",
        "これ",
        "そこ",
        "ここ",
        "時",
        "とき",
        "中",
        "今",
        "前",
        "後",
        "方",
        "際",
        "点",
        "上",
        "下",
        "等",
        "など",
        "的",
        "者",
        "人",
        "さん",
        "方々",
    ]
)


@dataclass
class Feedback:
    chars: int
    seconds: int
    length_verdict: str
    frame: str
    parts_present: list[str] = field(default_factory=list)
    parts_missing: list[str] = field(default_factory=list)
    terms_used: list[str] = field(default_factory=list)
    terms_suggested: list[str] = field(default_factory=list)
    top_words: list[tuple[str, int]] = field(default_factory=list)
    vague: list[tuple[str, str]] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _tokenizer() -> Any:
    # Per thread: requests run in threads and one SudachiPy tokenizer refuses concurrent use (core/sudachi.py).
    return sudachi.tokenizer("C")


def top_words(text: str, n: int = 5) -> list[tuple[str, int]]:
    """Most-used content words (nouns and verbs, dictionary form), at least twice."""
    counts: Counter[str] = Counter()
    for m in _tokenizer().tokenize(nfkc(text)[:MAX_ANSWER_CHARS]):
        pos = m.part_of_speech()
        if pos[0] not in ("名詞", "動詞") or pos[1] in ("数詞", "非自立可能", "代名詞"):
            continue
        word = m.dictionary_form() if pos[0] == "動詞" else m.surface()
        if len(word) < 2 or word in _STOP_WORDS or word in ("する", "なる", "いる", "ある", "できる", "思う"):
            continue
        counts[word] += 1
    return [(w, c) for w, c in counts.most_common(n) if c >= 2]


def analyse(answer: str, *, frame: str = "STAR", family: str = "") -> Feedback:
    text = nfkc(answer).strip()
    chars = len(re.sub(r"\s", "", text))
    seconds = round(chars / CHARS_PER_MINUTE * 60)
    if chars < 150:
        verdict = "短め"
    elif chars <= 450:
        verdict = "ちょうどよい"
    else:
        verdict = "長め"
    fb = Feedback(chars=chars, seconds=seconds, length_verdict=verdict, frame=frame)
    parts = STAR_PARTS if frame == "STAR" else PREP_PARTS
    for key, (label, pattern) in parts.items():
        (fb.parts_present if pattern.search(text) else fb.parts_missing).append(f"{label}（{key[0]}）")
    terms = FAMILY_TERMS.get(family, ())
    folded = text.lower()
    fb.terms_used = [t for t in terms if t.lower() in folded]
    fb.terms_suggested = [t for t in terms if t not in fb.terms_used][:5]
    fb.top_words = top_words(text)
    fb.vague = [(w, tip) for w, tip in VAGUE.items() if w in text]
    if verdict == "短め":
        fb.advice.append(f"約{seconds}秒です。1分（約300字）を目安に、具体例か数字を足しましょう。")
    elif verdict == "長め":
        fb.advice.append(f"約{seconds}秒かかります。結論を先に言い、1分半（約450字）以内にまとめましょう。")
    if fb.parts_missing:
        fb.advice.append(
            f"{frame}の「{'」「'.join(p.split('（')[0] for p in fb.parts_missing)}」が見当たりません。"
        )
    if terms and not fb.terms_used:
        fb.advice.append(
            "この職種でよく使う言葉（"
            + "、".join(fb.terms_suggested[:3])
            + "など）を入れると、経験が伝わりやすくなります。"
        )
    repeated = [w for w, c in fb.top_words if c >= 4]
    if repeated:
        fb.advice.append(f"「{'」「'.join(repeated)}」を何度も使っています。言い換えや省略を考えましょう。")
    if fb.vague:
        fb.advice.append(
            "あいまいな言葉を具体的にしましょう：" + "、".join(f"「{w}」→{tip}" for w, tip in fb.vague[:3])
        )
    return fb
