"""Plain ad text → `PostingFacts`: find what an ad says, so the checker can report what it leaves out.

Agents paste ads in every style: 【仕事内容】…, ■給与 on its own line, 勤務地：…, 「（変更の範囲）…」 under the item
it belongs to, 全角 and 半角 digits, 25万円 and 250,000円, ranges. The parser works in two layers:

1. **Sections.** Lines that look like headings (brackets, bullets, `label:`, a known label alone on its line)
   are mapped to canonical keys through a synonym table; a heading's section runs to the next heading.
   A bare 「変更の範囲」 heading belongs to the item above it (業務 or 就業場所).
2. **Items.** Each fact is read from its section when there is one, else from patterns over the whole text,
   because many ads mention 休憩 or 残業 inside another item.

Everything runs on the NFKC-normalised text; spans are mapped back to the original for highlighting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bonavi.core.prefectures import PREFECTURES, prefecture_code_in

from .facts import EmploymentType, PostingFacts
from .normalize import NormText, normalize
from .numbers import WageMention, dates, minutes_in, time_ranges, wage_mentions, yen

TEXT_KEY = "text"  # the texts key (and Finding.field) for a pasted ad

# Canonical section keys and the heading labels that name them (normalised; compared without spaces).
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("募集職種", "職種", "職種名", "求人タイトル", "タイトル", "募集ポジション", "ポジション", "求人名", "職名",
              "募集する職種", "募集職", "仕事名", "お仕事名", "募集の職種", "採用職種", "求人職種"),
    "company": ("会社名", "企業名", "社名", "法人名", "募集者", "募集者名", "募集者の名称", "募集者の氏名又は名称", "募集企業",
                "事業者名", "事業所名", "雇用主", "求人者", "募集主", "会社", "企業", "事業所", "募集元", "採用企業", "求人企業"),
    "company_address": ("所在地", "本社所在地", "会社所在地", "住所", "本社", "連絡先", "問い合わせ", "お問い合わせ", "問い合わせ先",
                        "お問い合わせ先", "問合せ先", "お問合せ", "お問合せ先", "担当者", "採用担当", "電話番号", "TEL", "電話",
                        "応募先", "本社住所", "所在地・連絡先", "会社所在地・連絡先", "募集者の所在地", "募集者の連絡先", "会社情報",
                        "事業所所在地"),
    "duties": ("仕事内容", "業務内容", "職務内容", "仕事の内容", "お仕事内容", "業務", "具体的な仕事内容", "担当業務", "職務",
               "主な業務", "主な仕事内容", "仕事", "お仕事", "業務の内容", "募集内容", "従事すべき業務の内容", "従事する業務",
               "具体的な業務内容", "担当していただく業務", "お任せする業務", "お任せしたい仕事"),
    "employment": ("雇用形態", "雇用区分", "契約形態", "雇用の形態", "勤務形態", "就業形態", "採用形態", "雇用種別", "雇用条件"),
    "contract": ("契約期間", "雇用期間", "雇用契約期間", "期間の定め", "労働契約の期間", "雇用契約の期間", "契約の期間"),
    "renewal": ("契約更新", "更新", "更新の有無", "契約の更新", "更新の基準", "更新基準", "契約更新の基準", "更新上限", "更新の上限",
                "契約更新の有無", "更新回数の上限", "契約更新の上限", "通算契約期間の上限", "更新の可能性"),
    "probation": ("試用期間", "試用", "研修期間", "試用・研修期間", "見習い期間", "試用期間の有無"),
    "place": ("勤務地", "就業場所", "勤務場所", "勤務先", "就業先", "勤務地住所", "就業地", "働く場所", "配属先", "勤務地域",
              "就業の場所", "勤務拠点", "勤務する場所"),
    "access": ("アクセス", "最寄り駅", "交通", "交通アクセス", "最寄駅"),
    "hours": ("勤務時間", "就業時間", "労働時間", "勤務時間帯", "就労時間", "勤務体制", "始業・終業時刻", "始業終業時刻", "就業時間帯",
              "勤務日時", "勤務日・時間", "勤務曜日・時間", "時間", "始業及び終業の時刻", "所定労働時間", "シフト"),
    "break": ("休憩", "休憩時間"),
    "overtime": ("時間外労働", "残業", "残業時間", "時間外", "時間外労働の有無", "残業の有無", "所定外労働", "所定時間外労働",
                 "時間外労働時間"),
    "holidays": ("休日", "休暇", "休日・休暇", "休日休暇", "休日等", "年間休日", "休み", "休日・休暇制度", "休暇制度", "定休日"),
    "wage": ("給与", "賃金", "給料", "月給", "時給", "日給", "年収", "想定年収", "年俸", "報酬", "基本給", "給与例", "賃金形態",
             "賃金等", "給与・待遇", "給与条件", "賃金・給与", "給与詳細", "月収", "収入", "給与額", "賃金額", "基本賃金"),
    "bonus": ("賞与", "昇給", "昇給・賞与", "賞与・昇給", "ボーナス"),
    "allowances": ("手当", "諸手当", "交通費", "通勤手当", "各種手当", "手当等"),
    "insurance": ("社会保険", "保険", "加入保険", "加入保険等", "各種保険", "社会保険等", "社会保険の加入", "社保",
                  "加入する保険", "労働保険・社会保険"),
    "benefits": ("待遇", "福利厚生", "待遇・福利厚生", "福利厚生・待遇", "待遇・福利厚生・社内制度"),
    "smoking": ("受動喫煙対策", "受動喫煙防止措置", "受動喫煙防止対策", "受動喫煙", "喫煙", "喫煙環境", "屋内喫煙", "喫煙対策",
                "受動喫煙防止", "受動喫煙の防止", "受動喫煙防止のための措置", "喫煙場所", "禁煙・喫煙"),
    "qualification": ("応募資格", "資格", "必須要件", "歓迎要件", "対象となる方", "求める経験", "応募条件", "必要な経験",
                      "必要資格", "歓迎スキル", "必須スキル", "対象", "応募要件", "応募資格・条件", "必要な資格",
                      "歓迎する経験", "必須条件", "歓迎条件", "資格・経験", "経験・資格", "求めるスキル", "学歴",
                      "年齢", "年齢制限", "年齢制限の理由", "年齢制限理由", "例外事由", "年齢制限の有無"),
    # The employer's wish in its own words, not a requirement (ADR 0152): the wording rules read it as the posting
    # form's 求める人物像 (`PostingFacts.ideal_candidate_spans`), and 「経験のある方」 there is not 経験必須.
    # 「こんな方歓迎」「求める人材」 head the same wish (ADR 0152 addendum; the bulk import already files a 求める人材
    # column as 求める人物像); 「歓迎要件」「歓迎スキル」 name preferred qualifications and stay above.
    "ideal_candidate": ("求める人物像", "人物像", "求める人物", "歓迎する人物像", "理想の人物像", "求める人材", "求める人材像",
                        "こんな方歓迎", "こんな方を歓迎", "こんな方大歓迎", "こんな方におすすめ", "こんな方にオススメ",
                        "こんな人におすすめ", "こんな人歓迎"),
    "application": ("応募方法", "選考プロセス", "選考方法", "応募書類", "選考", "応募", "提出書類", "選考フロー", "面接", "選考の流れ",
                    "応募の流れ", "応募・選考"),
    "updated": ("情報更新日", "更新日", "掲載日", "掲載開始日", "最終更新日", "作成日", "情報掲載日", "公開日", "登録日", "掲載開始",
                "更新日時", "情報の時点", "掲載開始日時", "求人情報更新日", "受付日", "受付年月日"),
    "valid": ("掲載期間", "掲載期限", "募集期間", "応募締切", "募集締切", "応募期限", "掲載終了日", "締切", "応募締め切り",
              "掲載予定期間", "募集締め切り", "紹介期限日", "有効期限", "締め切り", "応募締切日"),
    "other": ("備考", "その他", "会社概要", "事業内容", "PR", "メッセージ", "特徴", "職場の雰囲気", "会社紹介", "企業情報",
              "アピールポイント", "教育制度", "研修制度", "キャリアパス", "配属部署", "部署", "組織構成", "従業員数", "設立",
              "資本金", "代表者", "代表", "URL", "ホームページ"),
    "dispatch": ("派遣先", "派遣元", "就業先企業", "派遣会社"),
}  # fmt: skip
_LABEL_KEY: dict[str, str] = {lab.replace(" ", ""): key for key, labs in LABELS.items() for lab in labs}

# The wish is headed in many natural ways beyond the labels above (「こんな方が向いています」「向いている方」
# 「こんな人を求めています」「一緒に働きたい方」), too many to list: read as a family (ADR 0152, s19 addendum), a person
# noun pointed at (こんな方) with what is said of them, or a person noun qualified by the wish (向いている方). A
# person noun is required, so 「歓迎要件」「歓迎スキル」「歓迎する経験」 (preferred qualifications) never match; the whole
# label must match, so a sentence that merely contains the words (「未経験の方にも向いています」) is no heading.
_WISH_PERSON = r"(?:方|人|方々|かた|人材|人物)"
_WISH_LABEL = re.compile(
    rf"(?:(?:こんな|こういう|このような|そんな|次のような|以下のような){_WISH_PERSON}"
    r"(?:が|に|を|は|には|にも|も|と|なら|こそ)?"
    r"(?:向いています|向いてます|向いている|ぴったり|ピッタリ|おすすめ|オススメ|お勧め|大歓迎|歓迎|求めています|求む|"
    r"探しています|募集しています|募集中|求めます|お待ちしています|お待ちしております|待っています|活躍できます|活躍できる|一緒に働きたい|働きたい|来てほしい)?"
    r"(?:です|します|いたします|しています|のお仕事です|のお仕事|の仕事です|の仕事)?"
    r"|(?:向いている|向いてる|求める|求めている|歓迎する|理想の|一緒に働きたい|活躍できる|ぴったりの|おすすめの)"
    rf"{_WISH_PERSON}(?:像)?)"
    r"[!♪?]*"
)
_MAX_LABEL = 24
MAIN_KEYS = ("duties", "place")

_BRACKETS = {
    "【": "】",
    "[": "]",
    "〔": "〕",
    "<": ">",
    "《": "》",
    "〈": "〉",
    "『": "』",
    "「": "」",
    "(": ")",
    "<<": ">>",
}
_BULLET = re.compile(r"^[■□◆◇●○◎▼▽▲△★☆◼◻▪▫▶►▷♦♢◉◯・*#>\-=※+〇]+\s*")
_DECORATION = re.compile(r"^[\s|｜]+|[\s|｜]+$")


def label_keys(label: str) -> frozenset[str] | None:
    """The canonical keys a heading label names, or None when it is not a heading we know."""
    lab = re.sub(r"\s+", "", label).strip(":・*.。")
    if not lab or len(lab) > _MAX_LABEL:
        return None
    if "変更" in lab and "範囲" in lab:
        if re.search(r"業務|仕事|職務", lab):
            return frozenset({"duties_change"})
        if re.search(r"場所|勤務地|就業地|勤務先", lab):
            return frozenset({"place_change"})
        return frozenset({"change"})
    for candidate in (lab, re.sub(r"\(.*?\)|（.*?）", "", lab), re.sub(r"[0-9.]+$", "", lab)):
        if candidate in _LABEL_KEY:
            return frozenset({_LABEL_KEY[candidate]})
    if _WISH_LABEL.fullmatch(lab):
        return frozenset({"ideal_candidate"})
    parts = [p for p in re.split(r"[・/&、,及びおよび]", re.sub(r"\(.*?\)", "", lab)) if p]
    keys = {_LABEL_KEY[p] for p in parts if p in _LABEL_KEY}
    if keys and len(parts) <= 4:
        return frozenset(keys)
    return None


_COLON_LABEL = re.compile(rf"^([^:\s|｜]{{1,{_MAX_LABEL}}}?)\s*(?::|\||｜)\s*")
_KNOWN_PREFIX = re.compile(
    "^(?:" + "|".join(re.escape(lab) for lab in sorted(_LABEL_KEY, key=len, reverse=True)) + r")(?=\s|\(|$)"
)


@dataclass
class Section:
    keys: frozenset[str]
    label: str
    line_start: int  # start of the heading line (normalised offsets)
    body_start: int  # where the content begins (after the label on the same line, or the next line)
    body_end: int = -1
    owner: str | None = None  # for a bare 変更の範囲 section: the item above it

    def has(self, key: str) -> bool:
        return key in self.keys


def _heading(line: str) -> tuple[str, int] | None:
    """(label, offset of the content within the line) when the line is a heading, else None."""
    stripped = _DECORATION.sub("", line)
    if not stripped:
        return None
    lead = len(line) - len(line.lstrip(" \t|｜"))
    s = stripped
    # 【label】rest, [label] rest, (変更の範囲) rest …
    opener = s[:2] if s[:2] == "<<" else s[:1]
    if opener in _BRACKETS:
        close = s.find(_BRACKETS[opener], len(opener))
        if 0 < close <= _MAX_LABEL + len(opener):
            label = s[len(opener) : close]
            rest = close + len(_BRACKETS[opener])
            keys = label_keys(label)
            after = s[rest:]
            skip = len(after) - len(after.lstrip(" :\t"))
            if keys is not None:
                return label, lead + rest + skip
            if opener == "【" and not after.strip():
                return label, lead + rest + skip
        return None
    # ■label / ◆label：rest / ## label / ・label：rest
    bullet = _BULLET.match(s)
    offset = 0
    if bullet:
        offset = bullet.end()
        s = s[offset:]
        # 「●仕事内容●」「★給与★…」: the same mark closes the label like a bracket
        mark = bullet.group(0).strip()[:1]
        close = s.find(mark) if mark else -1
        if 0 < close <= _MAX_LABEL and label_keys(s[:close]) is not None:
            after = s[close + 1 :]
            skip = len(after) - len(after.lstrip(" :\t" + mark))
            return s[:close], lead + offset + close + 1 + skip
    # label：rest (a table row 「label | rest」 reads the same)
    colon = _COLON_LABEL.match(s)
    if colon and label_keys(colon.group(1)) is not None:
        return colon.group(1), lead + offset + colon.end()
    # a known label alone, or followed by spaces and the content
    known = _KNOWN_PREFIX.match(s)
    if known:
        tail = s[known.end() :]
        paren = re.match(r"^\s*\([^)]{0,20}\)", tail)
        end = known.end() + (paren.end() if paren else 0)
        remainder = s[end:]
        if not remainder.strip() or remainder[:1].isspace():
            skip = len(remainder) - len(remainder.lstrip(" :\t"))
            label = s[:end]
            if label_keys(label) is not None:
                return label, lead + offset + end + skip
    # 「■こんな方が向いています」「向いている方」 alone on its line, or followed by spaces and the content: the wish's
    # family is no fixed list, so _KNOWN_PREFIX cannot hold it; a line going on without a space is a sentence.
    wish = _WISH_LABEL.match(s)
    if wish and (not s[wish.end() :].strip() or s[wish.end() :][:1].isspace()):
        remainder = s[wish.end() :]
        return wish.group(0), lead + offset + wish.end() + len(remainder) - len(remainder.lstrip(" :\t"))
    if bullet and not colon:
        # 「■ 給与について」: a bulleted line of a few words naming a known label followed by について etc.
        m = re.match(r"^(\S{1,12}?)(?:について|に関して|の詳細)\s*$", s)
        if m and label_keys(m.group(1)) is not None:
            return m.group(1), lead + len(line.strip())
    return None


def split_sections(text: str) -> list[Section]:
    sections: list[Section] = []
    pos = 0
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        head = _heading(raw)
        if head is None:
            continue
        label, body_offset = head
        keys = label_keys(label) or frozenset({"other"})
        sec = Section(keys=keys, label=label, line_start=line_start, body_start=line_start + body_offset)
        if keys == {"change"}:
            owner = next(
                (k for s in reversed(sections) for k in MAIN_KEYS if s.has(k) and s.owner is None), None
            )
            prev_main = next((s for s in reversed(sections) if not s.keys <= {"change"}), None)
            # It belongs to the item right above it, when that is 業務 or 就業場所.
            sec.owner = next((k for k in MAIN_KEYS if prev_main is not None and prev_main.has(k)), owner)
        if sections:
            sections[-1].body_end = line_start
        sections.append(sec)
    if sections:
        sections[-1].body_end = len(text)
    return sections


# ---------------------------------------------------------------------------------------------------------
# Patterns for items that are often written without a heading of their own

_CHANGE = re.compile(r"変更(?:の)?範囲|変更範囲")
_DUTIES_CHANGE = re.compile(r"(?:業務|仕事|職務)(?:内容)?(?:の)?(?:変更(?:の)?範囲|変更範囲)")
_PLACE_CHANGE = re.compile(
    r"(?:就業(?:の)?場所|勤務地|勤務場所|就業地|勤務先)(?:の)?(?:変更(?:の)?範囲|変更範囲)"
)
_NO_TERM = re.compile(r"期間の定め(?:は)?(?:なし|無し|無|がない|のない|はありません|ありません)|無期(?:雇用|契約|労働契約)?(?!転換)|"
                      r"期間に定めなし|期間の定めのない")  # fmt: skip
_FIXED_TERM = re.compile(
    r"期間の定め(?:は)?(?:あり|有り|有|がある|のある)|有期(?:雇用|契約|労働契約)?|"
    r"(?:契約期間|雇用期間|契約の期間)[^\n。]{0,6}?\d+\s*(?:か月|ヶ月|ヵ月|カ月|ケ月|箇月|年|日|週間)|"
    r"\d+\s*(?:か月|ヶ月|ヵ月|カ月|ケ月|年)(?:ごと|毎)?(?:の)?(?:契約|更新)|"
    r"(?:契約期間|雇用期間)[^\n。]{0,6}?(?:20\d{2}|令和)"
)
_DATE = r"(?:20\d{2}|令和\d+)年\d{1,2}月\d{1,2}日"
# A term is an end date (「2026年12月31日まで」「2026年4月1日〜2027年3月31日」) or a length (「6か月」「1年」); no
# part of a date is a length, so the 「2026年」 of a date is not a term of 2,026 years nor its 「31日」 one of 31 days.
_TERM = re.compile(
    rf"{_DATE}\s*(?:まで|(?:から|より|[〜~])\s*{_DATE}(?:まで)?)|"
    r"(?<![\d月])(?P<n>\d+)\s*(?P<unit>か月|ヶ月|ヵ月|カ月|ケ月|箇月|年|日|週間)(?!\s*\d{1,2}\s*月)"
)


def _term_months(term: re.Match[str]) -> int | None:
    """A contract term's length in months; an end date is left unread (its length depends on the start). Days
    and weeks round up to months of 31 days, so a term counts as over two months only when it surely is."""
    if term.group("n") is None:
        return None
    n, unit = int(term.group("n")), term.group("unit")
    if unit == "年":
        return n * 12
    if unit in ("日", "週間"):
        return -(-n * (7 if unit == "週間" else 1) // 31)
    return n


_RENEWAL_NONE = re.compile(
    r"(?:契約)?更新(?:は)?(?:なし|無し|しない|しません|ありません|の予定はありません)|更新の有無\s*:?\s*(?:なし|無)"
)
# 「【契約更新】なし」: the heading says what is not done, so the body is a bare no.
_BARE_NO = re.compile(r"\s*(?:なし|無し|無|しない|しません|ありません)\s*(?:$|\n|[。(])")
_RENEWAL_AUTO = re.compile(r"自動更新")
_RENEWAL_YES = re.compile(
    r"(?:契約)?更新(?:の有無)?\s*:?\s*(?:あり|有り|有|する場合(?:が)?あり|の可能性あり|することがある|の可能性が?あり)|原則更新|更新あり"
)
_RENEWAL_CRITERIA = re.compile(
    r"判断|基準|勤務成績|業務量|能力|態度|経営状況|業績|評価|自動更新|健康状態|勤怠"
)
_RENEWAL_CAP = re.compile(
    r"更新上限|上限|通算[^\n。]{0,12}?(?:年|回|か月|ヶ月)|更新回数|最長\s*\d+\s*(?:年|回)|無期転換|上限なし"
)
_PROBATION_NO = re.compile(r"試用期間[^\n。]{0,3}?(?:なし|無し|無|はありません|ありません)")
_PROBATION_YES = re.compile(
    r"(?:試用期間|試用|研修期間)[^\n。]{0,12}?(?:\d+\s*(?:か月|ヶ月|ヵ月|カ月|ケ月|日|週間|年)|あり|有り|有)"
)
_BREAK_NONE = re.compile(r"休憩(?:時間)?\s*:?\s*(?:なし|無し)")
_BREAK = re.compile(r"休憩(?:時間)?[^\n。]{0,8}?(?:\d+(?:\.\d+)?\s*時間(?:\s*\d{1,2}\s*分)?|\d{1,3}\s*分)")
_BREAK_RANGE = re.compile(r"休憩(?:時間)?\s*:?\s*\(?(\d{1,2}:\d{2}\s*[~\-]\s*\d{1,2}:\d{2})")
_BREAK_ANY = re.compile(r"休憩")
_DAILY = re.compile(
    r"(?:実働|所定労働時間|1日の所定労働時間|所定)\s*:?\s*(?:1日)?\s*(\d+(?:\.\d+)?)\s*時間(?:\s*(\d{1,2})\s*分)?"
)
_MONTHLY = re.compile(r"月(?:平均)?(?:の)?所定労働時間\s*:?\s*(?:約)?\s*(\d+(?:\.\d+)?)\s*時間")
_OVERTIME = re.compile(
    r"(?<!固定)(?<!みなし)(?<!定額)(?<!見込み)(?:時間外労働|時間外勤務|残業|時間外)(?!代|手当|割増|代金|相当|込|分の)"
    r"[^\n。]{0,14}?(?P<v>なし|無し|ありません|ゼロ|0時間|あり|有り|有|月\s*(?:平均)?\s*(?:約)?\s*\d+|\d+\s*時間|少なめ|ほぼなし|"
    r"ほとんどなし|ほぼありません|少ない|多少)"
)
_OVERTIME_HOURS = re.compile(r"(\d+)\s*時間")
_HOLIDAY = re.compile(
    r"休日|週休|年間休日|土日祝?(?:休み|休)|[月火水木金土日]曜(?:日)?(?:休み|定休|休)|定休日|シフト制|休暇"
)
_ANNUAL = re.compile(r"年間休日\s*:?\s*(?:数)?\s*(\d{2,3})\s*日")
_INSURANCE_ALL = re.compile(
    r"社会保険完備|社保完備|各種(?:社会)?保険完備|保険完備|各種保険(?:加入|あり|有)|社会保険(?:加入|あり|有)"
)
_INSURANCE_NONE = re.compile(r"(?:社会保険|保険|加入保険)[^\n。]{0,4}?(?:なし|無し|加入なし|未加入)")
_INSURANCE_NAMES = {
    "雇用保険": r"雇用保険|雇保",
    "労災保険": r"労災",
    "健康保険": r"健康保険|健保",
    "厚生年金": r"厚生年金",
}
_SMOKING = re.compile(
    r"受動喫煙|屋内(?:原則)?禁煙|敷地内(?:全面)?禁煙|喫煙専用室|喫煙室|分煙|喫煙可|喫煙所|禁煙|加熱式たばこ"
)
_COMPANY = re.compile(
    r"(?:株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|社会福祉法人|医療法人(?:社団|財団)?|"
    r"学校法人|税理士法人|弁護士法人|社会保険労務士法人|司法書士法人|監査法人|特定非営利活動法人|NPO法人|独立行政法人|\(株\)|\(有\)|\(同\))"
    r"\s*[^\s、。,()]{1,30}|[^\s、。,()【】:]{1,30}(?:株式会社|有限会社|合同会社|\(株\)|\(有\)|法律事務所|会計事務所|税理士事務所|"
    r"社労士事務所|社会保険労務士事務所|特許事務所|クリニック|病院|商店)"
)
_CONTACT = re.compile(
    r"TEL|Tel|tel|電話|☎|\d{2,4}-\d{2,4}-\d{3,4}|[\w.+-]+@[\w-]+\.[\w.]+|https?://|問い合わせ|問合せ|応募フォーム|LINE"
)
_ADDRESS_HINT = re.compile(r"所在地|住所|本社")
_DISPATCH_SAID = re.compile(
    r"派遣社員|派遣スタッフ|派遣労働者|登録型派遣|常用型派遣|無期雇用派遣|紹介予定派遣|派遣として|派遣での|派遣契約"
)
_DISPATCH_CONTEXT = re.compile(r"派遣先|派遣元|派遣会社|就業先企業|派遣就業")
_DISCRETIONARY = re.compile(r"裁量労働|専門業務型|企画業務型|事業場外みなし|みなし労働時間制")
_DEEMED = re.compile(
    r"\d+(?:\.\d+)?\s*時間(?:\s*\d{1,2}\s*分)?(?:働いた|労働した)?(?:もの)?とみな|みなし(?:労働)?時間\s*:?\s*(?:1日)?\s*\d"
)
_RETIREMENT = re.compile(r"定年(?:制)?[^\d\n。]{0,8}?(\d{2})\s*歳")
_EXPERIENCE_REQUIRED = re.compile(
    r"経験者(?!優遇|歓迎|尚可|優先)|経験\s*\d+\s*年以上|(?:実務)?経験(?:が|の)?(?:ある方|必須|が必要|をお持ちの方|を有する方|のある方)|"
    r"経験必須"
)
# The unmistakable forms of _EXPERIENCE_REQUIRED: a number of years, 必須, 必要 — not 「経験のある方だと心強い」.
_EXPERIENCE_FIRM = re.compile(
    r"経験\s*\d+\s*(?:年|か月|ヶ月|カ月)以上|経験(?:が|は)?(?:必須|必要)|経験者(?:のみ|に限)|経験必須"
)
_EXPERIENCE_FREE = re.compile(
    r"(?:職務|実務)?経験(?:は)?(?:不問|不要|問いません|を問わ|なしでも|がなくても|のない方)|未経験(?:者)?(?:可|歓迎|OK|大歓迎|でも)"
)
_UPDATED = re.compile(
    r"(?:情報)?更新日|掲載日|掲載開始日?|最終更新|作成日|情報掲載日|公開日|受付(?:年月)?日|時点"
)
_VALID = re.compile(
    r"掲載期間|掲載期限|募集期間|応募締切|募集締切|応募期限|掲載終了|締め?切り?|有効期限|紹介期限"
)

# Employment-type words. 「正社員登用あり」「正社員と同じ待遇」 describe prospects, not this job.
_ETYPE = re.compile(
    r"(?P<seishain>正社員|正職員)(?!登用|への登用|に登用|転換|への転換|を目指|と同|並み|同様|雇用を前提|前提|化|採用を前提|になれ|への道|を前提)|"
    r"(?P<keiyaku>契約社員|契約職員|嘱託社員|嘱託職員|嘱託|期間社員|期間従業員|準社員)|"
    r"(?P<haken>派遣社員|派遣スタッフ|紹介予定派遣|無期雇用派遣|常用型派遣|登録型派遣|派遣)(?!先|元|会社|期間|法|労働者の受入|事業|業)|"
    r"(?P<part>パートタイマー|パートタイム|パート|アルバイト|バイト)(?!ナー|ナ|リー)"
)

# Cities and Tokyo wards that name their prefecture when an ad omits it.
_CITY_PREF = {
    "札幌市": "01", "仙台市": "04", "さいたま市": "11", "千葉市": "12", "横浜市": "14", "川崎市": "14", "相模原市": "14",
    "新潟市": "15", "静岡市": "22", "浜松市": "22", "名古屋市": "23", "京都市": "26", "大阪市": "27", "堺市": "27",
    "神戸市": "28", "岡山市": "33", "広島市": "34", "北九州市": "40", "福岡市": "40", "熊本市": "43", "那覇市": "47",
    "千代田区": "13", "新宿区": "13", "渋谷区": "13", "品川区": "13", "目黒区": "13", "世田谷区": "13", "豊島区": "13",
    "文京区": "13", "台東区": "13", "墨田区": "13", "江東区": "13", "大田区": "13", "杉並区": "13", "練馬区": "13",
    "板橋区": "13", "足立区": "13", "葛飾区": "13", "江戸川区": "13", "荒川区": "13", "中野区": "13", "八王子市": "13",
    "立川市": "13", "武蔵野市": "13",
}  # fmt: skip
_PREF_FULL = re.compile("|".join(PREFECTURES.values()))
_CITY = re.compile("|".join(_CITY_PREF))
_PREF_CODE = {name: code for code, name in PREFECTURES.items()}


def prefectures_in(text: str) -> list[str]:
    """JIS codes of the prefectures named in an address text, in order, without repeats."""
    codes: list[str] = []
    for m in _PREF_FULL.finditer(text):
        code = _PREF_CODE[m.group(0)]
        if code not in codes:
            codes.append(code)
    if not codes:
        city = _CITY.search(text)
        if city:
            codes.append(_CITY_PREF[city.group(0)])
        else:
            short = prefecture_code_in(text)
            if short:
                codes.append(short)
    return codes


def employment_types(text: str) -> list[tuple[EmploymentType, int, int]]:
    out: list[tuple[EmploymentType, int, int]] = []
    for m in _ETYPE.finditer(text):
        kind = m.lastgroup
        if kind:
            out.append((kind, m.start(), m.end()))  # type: ignore[arg-type]
    return out


# ---------------------------------------------------------------------------------------------------------


@dataclass
class ParsedAd:
    norm: NormText
    sections: list[Section]
    facts: PostingFacts
    wages: list[WageMention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.original


class _Reader:
    """Reads items from the normalised text and its sections, recording where each fact came from."""

    def __init__(self, norm: NormText, sections: list[Section]) -> None:
        self.norm = norm
        self.t = norm.text
        self.sections = sections
        self.sources: dict[str, tuple[str, int, int]] = {}

    def bodies(self, key: str) -> list[tuple[int, int]]:
        """(start, end) of each section with this key, leading blanks skipped."""
        out = []
        for s in self.sections:
            if s.has(key) and s.body_end > s.body_start:
                a = s.body_start
                while a < s.body_end and self.t[a] in " \t\n":
                    a += 1
                if a < s.body_end:
                    out.append((a, s.body_end))
        return out

    def body_text(self, key: str) -> str | None:
        parts = [self.t[a:b].strip() for a, b in self.bodies(key)]
        text = "\n".join(p for p in parts if p)
        return text or None

    def first_body(self, key: str) -> tuple[int, int] | None:
        for a, b in self.bodies(key):
            if self.t[a:b].strip():
                return a, b
        return None

    def note(self, name: str, start: int, end: int) -> None:
        if name not in self.sources and end > start:
            a, b = self.norm.span(start, end)
            self.sources[name] = (TEXT_KEY, a, b)

    def note_line(self, name: str, pos: int) -> None:
        a = self.t.rfind("\n", 0, pos) + 1
        b = self.t.find("\n", pos)
        self.note(name, a, len(self.t) if b < 0 else b)

    def search(self, pattern: re.Pattern[str], keys: Iterable[str] = ()) -> re.Match[str] | None:
        """The first match inside the sections with these keys, else anywhere in the text."""
        for key in keys:
            for a, b in self.bodies(key):
                m = pattern.search(self.t, a, b)
                if m:
                    return m
        return pattern.search(self.t)

    def scope_statements(self) -> dict[str, tuple[int, int] | None]:
        """Where the ad states the 変更の範囲 of the duties and of the work place."""
        found: dict[str, tuple[int, int] | None] = {"duties": None, "place": None}
        for sec in self.sections:
            a, b = sec.body_start, sec.body_end
            body = self.t[a:b]
            targets: set[str] = set()
            if sec.has("duties_change"):
                targets.add("duties")
            elif sec.has("place_change"):
                targets.add("place")
            elif sec.keys == {"change"}:
                if re.search(r"(?:業務|仕事|職務)(?:内容)?\s*[:=＝]", body):
                    targets.add("duties")
                if re.search(r"(?:就業場所|勤務地|勤務場所|場所)\s*[:=＝]", body):
                    targets.add("place")
                if not targets:
                    targets = {sec.owner} if sec.owner else {"duties", "place"}
            else:
                for key in MAIN_KEYS:
                    if sec.has(key) and _CHANGE.search(body):
                        targets.add(key)
            if not body.strip() and not (sec.keys & {"duties_change", "place_change", "change"}):
                continue
            for target in targets:
                if found[target] is None and (body.strip() or sec.keys == {"change"}):
                    found[target] = (sec.line_start, b)
        for key, pattern in (("duties", _DUTIES_CHANGE), ("place", _PLACE_CHANGE)):
            if found[key] is None:
                m = pattern.search(self.t)
                if m:
                    found[key] = (m.start(), m.end())
        return found


def parse_ad(text: str) -> ParsedAd:
    norm = normalize(text)
    t = norm.text
    sections = split_sections(t)
    r = _Reader(norm, sections)
    f = PostingFacts(texts={TEXT_KEY: text})

    # 職種・募集者 ----------------------------------------------------------------------------------------
    title_span = r.first_body("title")
    if title_span is None:
        first = re.search(r"\S[^\n]*", t)
        if first and (not sections or first.start() < sections[0].line_start or sections[0].has("other")):
            title_span = (first.start(), first.end())
    if title_span:
        a, b = title_span
        line_end = t.find("\n", a, b)
        b = b if line_end < 0 else line_end
        f.title = norm.original_slice(a, b).strip() or None
        r.note("title", a, b)
    company = r.body_text("company")
    if company:
        span = r.first_body("company")
        f.employer_name = company.split("\n")[0].strip()
        if span:
            r.note("employer_name", *span)
    else:
        m = _COMPANY.search(t)
        if m:
            f.employer_name = m.group(0).strip()
            r.note("employer_name", m.start(), m.end())
    address = r.body_text("company_address")
    if address:
        f.employer_address = address if prefectures_in(address) else None
        f.employer_contact = address if _CONTACT.search(address) else None
    if f.employer_address is None:
        m = re.search(r"(?:所在地|住所|本社)[^\n]{0,6}?((?:" + _PREF_FULL.pattern + r")[^\n]*)", t)
        if m:
            f.employer_address = m.group(1)
    if f.employer_contact is None:
        m = _CONTACT.search(t)
        if m:
            f.employer_contact = t[m.start() : t.find("\n", m.start()) if "\n" in t[m.start() :] else len(t)]

    # 業務内容と変更の範囲 --------------------------------------------------------------------------------
    duties = r.body_text("duties")
    if duties is None:
        m = re.search(r"(?:仕事内容|業務内容|職務内容)\s*(?:は|:)\s*([^\n]+)", t)
        duties = m.group(1) if m else None
    f.duties = duties
    scopes = r.scope_statements()
    if scopes["duties"]:
        f.duties_change_scope = t[scopes["duties"][0] : scopes["duties"][1]].strip()
    if scopes["place"]:
        f.work_place_change_scope = t[scopes["place"][0] : scopes["place"][1]].strip()

    # 雇用形態・契約期間 ----------------------------------------------------------------------------------
    etype_span = r.first_body("employment")
    types = employment_types(t[etype_span[0] : etype_span[1]]) if etype_span else []
    if types:
        f.employment_type = types[0][0]
        assert etype_span is not None
        r.note("employment_type", etype_span[0] + types[0][1], etype_span[0] + types[0][2])
    else:
        scope = [title_span] if title_span else []
        for a, b in [*scope, (0, len(t))]:
            found = employment_types(t[a:b])
            if found:
                f.employment_type = found[0][0]
                r.note("employment_type", a + found[0][1], a + found[0][2])
                break
    fixed = r.search(_FIXED_TERM, ("contract", "employment"))
    open_ended = r.search(_NO_TERM, ("contract", "employment"))
    if fixed:
        f.fixed_term = True
        r.note_line("fixed_term", fixed.start())
    elif open_ended:
        f.fixed_term = False
        r.note_line("fixed_term", open_ended.start())
    # 「正社員」 alone is not enough: the law asks the contract term to be shown (「期間の定めなし」), as Hello Work's
    # form does. 契約社員 are fixed-term by definition; the term itself must still be shown.
    elif f.employment_type == "keiyaku":
        f.fixed_term = True  # 契約社員 are fixed-term by definition; the term itself must still be shown
    if f.fixed_term:
        term_src = r.body_text("contract") or (t[fixed.start() : fixed.end() + 30] if fixed else "")
        term = _TERM.search(term_src)
        f.contract_term = term.group(0) if term else None
        f.contract_months = _term_months(term) if term else None
    renewal_text = r.body_text("renewal") or ""
    if (
        _RENEWAL_NONE.search(renewal_text)
        or _BARE_NO.match(renewal_text)
        or (not renewal_text and _RENEWAL_NONE.search(t))
    ):
        f.renewal = "none"
    elif _RENEWAL_AUTO.search(renewal_text or t):
        f.renewal = "automatic"
    elif renewal_text or _RENEWAL_YES.search(t):
        f.renewal = "possible"
    if f.renewal and f.renewal != "none":
        lines = [ln for ln in t.split("\n") if "更新" in ln]
        pool = "\n".join([renewal_text, *lines])
        crit = _RENEWAL_CRITERIA.search(pool)
        f.renewal_criteria = pool.strip() if crit else None
        cap = _RENEWAL_CAP.search(pool)
        f.renewal_cap = cap.group(0) if cap else None
    prob = r.body_text("probation")
    if prob is not None:
        no = re.match(r"^\s*(?:なし|無し|無|ありません|試用期間なし)", prob)
        f.has_probation = not no
        f.probation_terms = prob
        span = r.first_body("probation")
        if span:  # where a finding about its terms points (ADR 0138)
            a, b = span
            body = t[a:b]
            a += len(body) - len(body.lstrip())
            r.note("probation_terms", a, a + len(body.strip()))
    elif _PROBATION_NO.search(t):
        f.has_probation = False
    else:
        m = _PROBATION_YES.search(t)
        if m:
            f.has_probation = True
            r.note_line("probation_terms", m.start())
            f.probation_terms = (
                t[m.start() : t.find("\n", m.start())] if "\n" in t[m.start() :] else t[m.start() :]
            )

    # 就業場所 ----------------------------------------------------------------------------------------------
    place = r.body_text("place")
    if place is None:
        m = re.search(r"(?:勤務地|就業場所|勤務先|勤務場所)\s*(?:は|:)\s*([^\n]+)", t)
        place = m.group(1) if m else None
    f.address = place
    if place:
        f.work_prefecture_codes = prefectures_in(place)
        span = r.first_body("place")
        if span:
            r.note("address", *span)
    if not f.work_prefecture_codes and f.employer_address:
        f.work_prefecture_codes = prefectures_in(f.employer_address)
        f.prefecture_guessed = bool(f.work_prefecture_codes)
    if not f.work_prefecture_codes:
        codes = prefectures_in(t)
        f.work_prefecture_codes = codes[:1]
        f.prefecture_guessed = bool(codes)
    f.prefecture_code = f.work_prefecture_codes[0] if f.work_prefecture_codes else None

    # 労働時間・休憩・時間外 --------------------------------------------------------------------------------
    hours_text = r.body_text("hours")
    ranges = []
    hours_spans = r.bodies("hours") or [(0, len(t))]
    for a, b in [*hours_spans, (0, len(t))]:
        ranges = [
            rg for rg in time_ranges(t[a:b]) if "休憩" not in t[max(a, a + rg.span[0] - 8) : a + rg.span[0]]
        ]
        if ranges:
            f.start_time, f.end_time = ranges[0].start, ranges[0].end
            r.note_line("start_time", a + ranges[0].span[0])
            break
    # Without clock times, the hours count as shown only when they are explained (shifts, flextime, deemed hours).
    flexible = re.search(
        r"[^\n]*(?:シフト|フレックス|変形労働時間|交替制|交代制|裁量労働|みなし労働)[^\n]*", t
    )
    if hours_text and (ranges or flexible):
        f.working_hours_text = hours_text
    elif flexible:
        f.working_hours_text = flexible.group(0)
    if _BREAK_NONE.search(t):
        f.break_minutes = 0
    else:
        m = _BREAK_RANGE.search(t)
        if m:
            rg = time_ranges(m.group(1))
            f.break_minutes = rg[0].minutes if rg else None
        if f.break_minutes is None:
            m2 = _BREAK.search(t)
            if m2:
                f.break_minutes = minutes_in(m2.group(0))
                r.note_line("break_minutes", m2.start())
        if f.break_minutes is None:
            m3 = _BREAK_ANY.search(t)
            if m3:
                f.break_text = t[m3.start() : m3.start() + 40].split("\n")[0]
    daily = _DAILY.search(t)
    if daily:
        f.daily_hours = float(daily.group(1)) + (int(daily.group(2)) / 60 if daily.group(2) else 0)
    elif ranges and f.break_minutes is not None and len(ranges) == 1:
        f.daily_hours = round((ranges[0].minutes - f.break_minutes) / 60, 2)
    monthly = _MONTHLY.search(t)
    if monthly:
        f.scheduled_monthly_hours = float(monthly.group(1))
    _read_overtime(r, f)
    if _DISCRETIONARY.search(t):
        f.discretionary_work = True
        f.deemed_hours_stated = bool(_DEEMED.search(t))

    # 休日 ------------------------------------------------------------------------------------------------
    holidays = r.body_text("holidays")
    if holidays is None:
        m = _HOLIDAY.search(t)
        if m:
            holidays = t[m.start() : t.find("\n", m.start())] if "\n" in t[m.start() :] else t[m.start() :]
    f.holidays_text = holidays
    annual = _ANNUAL.search(t)
    if annual:
        f.annual_holidays = int(annual.group(1))

    # 賃金 ------------------------------------------------------------------------------------------------
    wages = _read_wages(r, f)

    # 保険・受動喫煙 ----------------------------------------------------------------------------------------
    ins_text = r.body_text("insurance") or ""
    pool = ins_text + "\n" + (r.body_text("benefits") or "") + "\n" + t
    if _INSURANCE_ALL.search(pool):
        f.insurances = list(_INSURANCE_NAMES)
    else:
        names = [name for name, pat in _INSURANCE_NAMES.items() if re.search(pat, pool)]
        if names:
            f.insurances = names
        elif (ins_text and re.search(r"なし|無し|未加入", ins_text)) or _INSURANCE_NONE.search(t):
            f.insurances = []
    smoking = r.body_text("smoking")
    if smoking is None:
        m = _SMOKING.search(t)
        smoking = (
            t[m.start() : t.find("\n", m.start())]
            if m and "\n" in t[m.start() :]
            else (t[m.start() :] if m else None)
        )
    f.smoking_measure = smoking

    # 派遣・年齢・経験・日付 --------------------------------------------------------------------------------
    if f.employment_type == "haken" or _DISPATCH_SAID.search(t):
        f.is_dispatch = bool(_DISPATCH_SAID.search(t)) or None
    f.dispatch_context = bool(_DISPATCH_CONTEXT.search(t)) or None
    m = _RETIREMENT.search(t)
    if m:
        f.retirement_age = int(m.group(1))
    ideal = r.bodies("ideal_candidate")
    for a, b in ideal:
        f.ideal_candidate_spans.append((TEXT_KEY, *norm.span(a, b)))
    # 求める人物像 says whom the employer would like, not what an applicant must have (ADR 0152): its 「経験のある方」
    # is not 経験必須 (which would, say, refuse 3号イ). Without a 応募資格 section the rest of the ad is read.
    quals = r.body_text("qualification") or _blanked(t, ideal)
    # A requirement stated firmly is one under any heading (ADR 0152 addendum): ads put 「経理経験3年以上必須」 under
    # 【求める人材】 as often as under 応募資格, and reading it as a wish would let 3号イ (経験不問 only) pass.
    if _EXPERIENCE_REQUIRED.search(quals) or any(_EXPERIENCE_FIRM.search(t[a:b]) for a, b in ideal):
        f.experience_required = True
    elif _EXPERIENCE_FREE.search(t):
        f.experience_required = False
    f.updated_on = _dated(r, "updated", _UPDATED, last=False)
    f.valid_through = _dated(r, "valid", _VALID, last=True)
    f.sources = r.sources
    return ParsedAd(norm=norm, sections=sections, facts=f, wages=wages)


def _blanked(t: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans replaced by spaces (offsets elsewhere unchanged)."""
    for a, b in spans:
        t = t[:a] + " " * (b - a) + t[b:]
    return t


def _read_overtime(r: _Reader, f: PostingFacts) -> None:
    t = r.t
    says_none = False
    hours: int | None = None
    says_some = False
    spans = [*r.bodies("overtime")]
    for a, b in spans:
        body = t[a:b]
        if re.match(r"^\s*(?:なし|無し|無|ありません|原則なし|ゼロ)", body):
            says_none = True
            r.note_line("overtime_exists", a)
        elif body.strip():
            says_some = True
            r.note_line("overtime_exists", a)
            h = _OVERTIME_HOURS.search(body)
            if h and hours is None:
                hours = int(h.group(1))
    for m in _OVERTIME.finditer(t):
        v = m.group("v")
        if v in ("なし", "無し", "ありません", "ゼロ", "0時間"):
            says_none = True
        else:
            says_some = True
            h = _OVERTIME_HOURS.search(m.group(0))
            if h and hours is None:
                hours = int(h.group(1))
        r.note_line("overtime_exists", m.start())
    if says_none:
        f.overtime_exists = False
        f.overtime_monthly_hours = hours if says_some else None
    elif says_some:
        f.overtime_exists = True
        f.overtime_monthly_hours = hours


_FO = re.compile(r"固定残業|みなし残業|定額残業|固定時間外|みなし時間外|固定割増|残業代込|残業手当込|時間外手当込|"
                 r"(?:残業代|残業手当|時間外手当|時間外労働手当)(?:を)?(?:含む|含み|込み)|\d+\s*時間分の(?:残業|時間外)")  # fmt: skip
_FO_HOURS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:時間分|時間相当|時間までの|H分|h分)|月\s*(\d+)\s*時間(?:分)?の(?:固定|みなし)?(?:残業|時間外)"
)
_FO_EXCESS = re.compile(
    r"(?:超過|超え(?:た|る)?|超過した)(?:分|部分|時間|場合)?[^\n。]{0,24}?(?:別途|追加|全額)?(?:で)?(?:支給|支払|精算|払い)|"
    r"超過分(?:は)?別途|別途(?:支給|支払)"
)
_FO_INCLUDED = re.compile(r"(?:含む|含み|込み|込)")


def _read_wages(r: _Reader, f: PostingFacts) -> list[WageMention]:
    t = r.t
    wage_spans = r.bodies("wage")
    found: list[WageMention] = []
    for a, b in wage_spans:
        for w in wage_mentions(t[a:b]):
            found.append(WageMention(w.unit, w.label, w.low, w.high, a + w.start, a + w.end))
    every = wage_mentions(t)
    if not found:
        found = every
    if not found and wage_spans:
        # 【給与】250,000円〜: no unit word; guess the unit from the size of the figure.
        a, b = wage_spans[0]
        m = re.search(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(万)?\s*円", t[a:b])
        if m:
            value = yen(m.group(0))
            if value:
                unit = (
                    "hour"
                    if value < 5_000
                    else "day"
                    if value < 40_000
                    else "month"
                    if value < 1_500_000
                    else "year"
                )
                found = [WageMention(unit, "", value, None, a + m.start(), a + m.end())]  # type: ignore[arg-type]
    main = next((w for w in found if w.label != "基本給"), found[0] if found else None)
    if main:
        f.wage_unit = main.unit
        f.wage_min = main.low
        f.wage_max = main.high
        r.note("wage_min", main.start, main.end)
        base = next((w for w in every if w.label == "基本給" and w is not main), None)
        if main.label == "基本給":
            base = None
        if base:
            f.base_pay = base.low
    fo = r.search(_FO, ("wage", "allowances", "benefits"))
    if fo:
        f.fixed_overtime = True
        line_start = t.rfind("\n", 0, fo.start()) + 1
        line_end = t.find("\n", fo.start())
        line_end = len(t) if line_end < 0 else line_end
        r.note("fixed_overtime", fo.start(), line_end)
        window = t[fo.start() : min(line_end, fo.start() + 80)]
        hours = _FO_HOURS.search(t[line_start:line_end])
        if hours:
            f.fixed_overtime_hours = round(float(hours.group(1) or hours.group(2)))
        amount = None
        for m in re.finditer(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(万)?\s*(?:\d{1,4})?\s*円", window):
            after = window[m.end() : m.end() + 2]
            if not after.startswith("時間"):
                amount = yen(m.group(0))
                break
        f.fixed_overtime_amount = amount
        pool = t[line_start : min(len(t), line_end + 200)]
        f.fixed_overtime_excess_paid = bool(_FO_EXCESS.search(pool)) or None
        states_base = f.base_pay is not None or bool(
            re.search(r"基本給|を除(?:く|いた)|除く", t[line_start:line_end])
        )
        included = bool(_FO_INCLUDED.search(window)) or (
            main is not None and main.label != "基本給" and main.start < fo.start() and main.end >= line_start
        )
        f.wage_includes_fixed_overtime = included and not states_base
        if main is not None and main.label == "基本給":
            f.wage_includes_fixed_overtime = False
    return every


def _dated(r: _Reader, key: str, label: re.Pattern[str], *, last: bool) -> dt.date | None:
    t = r.t
    for a, b in r.bodies(key):
        found = dates(t[a:b])
        if found:
            d, s, e = found[-1] if last else found[0]
            r.note("valid_through" if last else "updated_on", a + s, a + e)
            return d
    for m in label.finditer(t):
        line_end = t.find("\n", m.end())
        line_end = len(t) if line_end < 0 else line_end
        found = dates(t[m.end() : line_end])
        if found:
            d, s, e = found[-1] if last else found[0]
            r.note("valid_through" if last else "updated_on", m.end() + s, m.end() + e)
            return d
    return None
