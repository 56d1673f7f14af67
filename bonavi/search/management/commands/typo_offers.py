"""typo_offers: how many false 「もしかして」 offers each slip rule of typos.py makes (ADR 0088 addendum).

A false offer is a right word mended into a job word. Three sets of right words are tried:
- the job words themselves (a job word must never be mended into another);
- REAL_WORDS, words people type into a back-office job search that are not job words (the tests' negatives among
  them);
- the dictionary's neighbours: every string made from a job word by putting, at one or two of its kanji, any kanji
  that the rule accepts there, which Sudachi holds as a word (公報 from 広報, 債務 from 財務). The strings that are
  not words are the slips the rule mends; those reached from two job words are ambiguous.
Each rule is counted with the guards for real words (as the search runs) and without them: then a typed part
may be a real word of another sound or cut through a word typed right, as before ADR 0088's addendum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations, product
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.search import typos

# Right words that a search may hold and that no job word is: the tests' negatives, words one kanji (or a ゛) from
# a job word, and common back-office words and compounds.
_REAL_WORDS_TEXT = (
    "経営 経費 業務 税務 決済 債務 経費精算 計理 公報 鑑査 保健 保育 補助 補記 付記 財団 債権 監督 監理 管財 労働 労災 総合 "
    "総額 法人 保守 法律 報道 人材 人材派遣 人事評価 人件費 給料 給付 給与明細 計算 会社 社長 社内 秘密 事業 時給 日給 月給 "
    "賞与 交通費 残業 夜勤 介護 看護 医療 医師 歯科 薬局 調剤 物流 倉庫 貿易 通関 翻訳 通訳 受注 発注 購買 資材 契約 請求 "
    "支払 入金 出納 小口現金 記帳 仕訳 伝票 原価計算 管理会計 連結決算 月次決算 年次決算 税務申告 社会保障 社会保健 保険料 "
    "福利厚生 研修 教育 評価 組合 規程 株主総会 取締役会 登記 特許 商標 監査役 会計士 税理士 司法書士 行政書士 会計事務所 "
    "経理部 総務部 人事部 法務部 情報処理 情報セキュリティ 品質管理 生産管理 在庫管理 営業企画 経営企画 広告 宣伝 事務所 "
    "勤務地 勤務時間 正社員登用 派遣社員 社員 職員 公務員 事務員 受付嬢 秘書検定 英検 年末 調整 決算書 財務諸表 資金繰り 簿価 "
    "帳簿 保存 保管 補完 記録 確保 保持 確保記録 年長者歓迎"
)
REAL_WORDS = tuple(_REAL_WORDS_TEXT.split())

RULES: tuple[tuple[str, int, dict[str, Any]], ...] = (
    ("1字・同音", typos.EXACT, {}),
    ("1字・濁点/半濁点", typos.VOICING, {}),
    ("2字・同音（3字以上の語）", typos.TWO_SLIPS, {}),
    ("2字・同音（2字語も）", typos.TWO_SLIPS, {"two_slips_min_len": 2}),
)


def _offers(typed: str, **rule: Any) -> dict[int, set[str]]:
    """The job words each tier would offer for the right word `typed`."""
    out: dict[int, set[str]] = defaultdict(set)
    for tier, word, _fixed in typos.slips_in(typed, **rule):
        out[tier].add(word)
    return out


def _kanji_universe() -> list[str]:
    """Every CJK character the dictionary holds as a word of its own, with a reading: the IME's choices."""
    chars = (chr(cp) for cp in range(0x4E00, 0xA000))
    return [c for c in chars if typos.kanji_readings(c)]


class Command(BonaviCommand):
    help = "「もしかして」の誤字ルールごとに、正しい語を直してしまう件数（誤った提案）を数える。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", type=int, default=8, help="各ルールで例として表示する誤った提案の数")
        parser.add_argument(
            "--kanji", default="", help="隣の語を作る漢字をこれだけに絞る（既定：辞書の全漢字）"
        )

    def handle(self, *args: Any, **o: Any) -> None:
        words = typos.job_words()
        universe = list(o["kanji"]) if o["kanji"] else _kanji_universe()
        self.stdout.write(f"職種の語 {len(words)}、正しい検索語 {len(REAL_WORDS)}、漢字 {len(universe)}")
        for name, tier, extra in RULES:
            for guard in (True, False):
                rule = {**extra, "real_words": guard}
                label = f"{name}{'' if guard else '（実在語の除外なし）'}"
                self._rule(label, tier, rule, words, universe, o["list"])

    def _rule(
        self,
        label: str,
        tier: int,
        rule: dict[str, Any],
        words: Iterable[str],
        universe: list[str],
        show: int,
    ) -> None:
        def false_offers(typed_words: Iterable[str]) -> list[str]:
            return [f"{t}→{w}" for t in typed_words for w in sorted(_offers(t, **rule).get(tier, ()))]

        on_job_words = false_offers(words)
        on_real_words = false_offers(REAL_WORDS)
        real, slips, targets = self._neighbours(tier, rule, words, universe)
        ambiguous = sum(1 for s in slips if len(targets[s]) > 1)
        self.stdout.write(
            f"{label}: 職種の語 {len(on_job_words)} / 正しい検索語 {len(on_real_words)} / 辞書の隣の実在語 {len(real)}"
            f" ｜ 直す誤字 {len(slips)}（うち2語に当たる {ambiguous}）"
        )
        for kind, found in (("職種の語", on_job_words), ("検索語", on_real_words), ("実在語", sorted(real))):
            if found:
                self.stdout.write(f"    {kind}: {' '.join(found[:show])}{' …' if len(found) > show else ''}")

    def _neighbours(
        self, tier: int, rule: dict[str, Any], words: Iterable[str], universe: list[str]
    ) -> tuple[set[str], set[str], dict[str, set[str]]]:
        """(real words the rule mends, non-words it mends, job words each is mended into) over every string one
        or two kanji from a job word whose kanji the rule would accept at that place."""
        real: set[str] = set()
        targets: dict[str, set[str]] = defaultdict(set)
        for word in words:
            places = [k for k, ch in enumerate(word) if typos._is_kanji(ch)]
            # The kanji the rule's sound test takes at each place (a cheap filter; slip_tier decides).
            voicing = tier == typos.VOICING
            cands = {
                k: [c for c in universe if c != word[k] and typos.sounds_like(c, word, k, voicing=voicing)]
                for k in places
            }
            n_slips = 2 if tier == typos.TWO_SLIPS else 1
            for ks in combinations(places, n_slips):
                for chars in product(*(cands[k] for k in ks)):
                    s = list(word)
                    for k, c in zip(ks, chars, strict=True):
                        s[k] = c
                    typed = "".join(s)
                    if typos.slip_tier(typed, word, **{**rule, "real_words": False}) != tier:
                        continue
                    # Uncached: the cache is the search's, and this walks a million strings once.
                    if not typos.word_readings.__wrapped__(typed):
                        targets[typed].add(word)
                    elif not rule["real_words"] or not typos.is_other_word(typed, word):
                        real.add(typed)  # the guard lets a real word of the job word's sound through
        return real, set(targets), targets
