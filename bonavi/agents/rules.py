"""What an agency may not collect or say: forbidden hearing fields, forbidden note content, incentive wording.

Notes are checked with the compliance checker's public entry point (rule prohibited-personal-info) and, because
a note records what was heard rather than asks for it, also with the plain list of 指針 第5 topics below, which
the ad-oriented rule only reports when a sentence asks for them.
"""

from __future__ import annotations

import datetime as dt
import re

from bonavi.compliance.checker import check_facts, equal_treatment_problems
from bonavi.compliance.facts import PostingFacts
from bonavi.core.clock import add_years, day_ja, today_jst
from bonavi.core.protected import mask_work_terms

# An offer is accepted months, not years, before the first day: the 入社日 recorded (services.joined_on_problem)
# and the 入社予定日 offered (offer.offer_clean) are refused further ahead.
JOIN_AHEAD_YEARS = 1

# Field names (English API keys and Japanese labels) a hearing sheet must never have, with the reason shown.
FORBIDDEN_FIELDS: dict[str, str] = {}
_GROUPS: list[tuple[tuple[str, ...], str, str]] = [
    (("honseki", "domicile", "registered_domicile", "本籍"), "本籍", "職業安定法5条の5・指針 第5"),
    (
        ("birthplace", "place_of_birth", "出生地", "出身地", "hometown"),
        "出生地",
        "職業安定法5条の5・指針 第5",
    ),
    (
        (
            "family",
            "family_structure",
            "spouse",
            "married",
            "marital_status",
            "children",
            "dependents",
            "家族",
            "家族構成",
            "配偶者",
            "扶養家族",
        ),
        "家族・配偶者",
        "職業安定法5条の5・指針 第5（家族の状況）",
    ),
    (
        ("religion", "belief", "beliefs", "宗教", "信条", "思想"),
        "宗教・思想・信条",
        "職業安定法5条の5・指針 第5",
    ),
    (("political_party", "支持政党"), "支持政党", "職業安定法5条の5・指針 第5"),
    (
        ("union", "labor_union", "union_membership", "労働組合"),
        "労働組合への加入・活動",
        "職業安定法5条の5・指針 第5",
    ),
    (("housing", "home_ownership", "住宅状況"), "住宅状況", "公正な採用選考（厚生労働省）"),
    (("assets", "资产", "資産"), "資産", "職業安定法5条の5・指針 第5"),
    (
        ("appearance", "height", "weight", "photo", "容姿", "身長", "体重"),
        "容姿・身体的特徴",
        "職業安定法5条の5・指針 第5",
    ),
    (
        ("race", "ethnicity", "人種", "民族", "social_status", "社会的身分", "門地"),
        "人種・民族・社会的身分",
        "職業安定法3条・5条の5",
    ),
    (("nationality", "国籍"), "国籍", "職業安定法3条（均等待遇）"),
    (
        ("age", "birth_date", "birthday", "date_of_birth", "年齢", "生年月日"),
        "年齢・生年月日",
        "労働施策総合推進法9条（マッチングに使わないため、ヒアリングシートでは扱いません）",
    ),
    (
        ("sex", "gender", "性別"),
        "性別",
        "男女雇用機会均等法5条（マッチングに使わないため、ヒアリングシートでは扱いません）",
    ),
    (("health", "medical_history", "病歴", "既往歴"), "健康状態・病歴", "公正な採用選考（厚生労働省）"),
]
for keys, label, basis in _GROUPS:
    for key in keys:
        FORBIDDEN_FIELDS[key.lower()] = f"「{label}」はヒアリングシートに記録できない項目です（{basis}）。"

# Topics a note must not record, with or without a question around them.
_NOTE_TOPICS = re.compile(
    r"本籍|出生地|出身地|戸籍|宗教|信仰|信教|支持政党|政党|思想|信条|人生観|尊敬する人物|愛読書|購読新聞|労働組合|組合活動|"
    r"学生運動|社会運動|家族構成|家族の(?:職業|収入|勤務先)|両親の|父親の|母親の|配偶者|既婚|未婚|離婚|独身|子ども|子供|"
    r"持ち家|借家|住宅状況|資産|容姿|スリーサイズ|身長|体重|人種|民族|国籍|部落|同和|門地|病歴|既往歴|"
    # the hearing page promises no age or sex either (matching never uses them: 労働施策総合推進法9条, 均等法5条)
    # 「3代目社長」 is a succession and 「20代のメンバーを指導」 other people's ages: both are work, not the person
    r"\d+\s*(?:歳|才|代)(?!目|の(?:メンバー|部下|スタッフ|社員|従業員|顧客|お客様|利用者|後輩|新人|チーム|会員|ユーザー|学生|方々|層))"
    r"|年齢|生年月日|性別|男性です|女性です"
)

# What a note may not record about the person although an adviser may mention it to them ("ご家族とも相談して"):
# the family and home (生活環境・家庭環境) and health without necessity (MHLW 公正な採用選考).
_PERSON_TOPICS = re.compile(r"家族|家庭環境|持病|健康状態")

_INCENTIVE = re.compile(r"お?祝い?金|キャッシュバック|ギフト券|商品券|入社祝|転職祝|謝礼金")


def hearing_forbidden_keys(keys: list[str]) -> list[str]:
    """Japanese messages for each forbidden key present."""
    return [FORBIDDEN_FIELDS[k.lower()] for k in keys if k.lower() in FORBIDDEN_FIELDS]


def note_problems(text: str) -> list[str]:
    """Japanese messages for forbidden content in a free-text note (empty list = fine)."""
    if not text or not text.strip():
        return []
    problems: list[str] = []
    findings = check_facts(PostingFacts(texts={"notes": text}), on=today_jst())
    for f in findings:
        if f.rule == "prohibited-personal-info":
            problems.append(f.message)
    masked = mask_work_terms(text)  # 固定資産・配偶者控除 … are duties, not the person
    # A word inside a longer one already named (「家族」 in 「家族構成」) is the same passage: one message, not two
    # that read as two problems to fix.
    named: list[tuple[int, int]] = []
    found = sorted(
        [*_NOTE_TOPICS.finditer(masked), *_PERSON_TOPICS.finditer(masked)],
        key=lambda m: (m.start(), -m.end()),
    )
    for m in found:
        if any(start <= m.start() and m.end() <= end for start, end in named):
            continue
        named.append(m.span())
        msg = (
            f"「{m.group(0)}」に関する記載があります。本籍・家族・思想信条・労働組合・住宅・容姿・年齢・性別などは"
            "記録できません（職業安定法5条の5・指針 第5 ほか）。その部分を削除してください。"
        )
        if msg not in problems:
            problems.append(msg)
    return problems


# An adviser may tell the candidate to leave such a topic out, or that an interviewer may not ask about it; the
# cue must be in the same sentence as the topic.
_LEAVE_OUT = re.compile(
    r"書かな|書く必要は|記入しな|記入する必要は|記載しな|記載する必要は|載せな|不要|いりません|要りません|削除|消し|外し|"
    r"省|控え|避け|答えな|答える必要は|回答しな|回答する必要は|聞いてはいけな|尋ねてはいけな|質問してはいけな|"
    r"不適切|違法|法律で禁止|禁止されて|断って"
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")


def adviser_text_problems(text: str, *, what: str) -> list[str]:
    """An adviser's words to the candidate (添削 comment, proposal comment, interview preparation) must not ask
    for or encourage a 指針 第5 topic: a sentence naming one is refused unless it tells the candidate to leave it
    out. Incentive wording is refused as everywhere else, and so is wording a posting may not use about age or
    sex (「女性歓迎」「20代歓迎」): said to the candidate about a job, it is the same preference. `what` names the
    text in the message."""
    problems = incentive_problems(text)
    problems += [f"{what}：{m}" for m in equal_treatment_problems(text)]
    for sentence in _SENTENCE_END.split(text or ""):
        topic = _NOTE_TOPICS.search(mask_work_terms(sentence))
        if topic is None or _LEAVE_OUT.search(sentence):
            continue
        msg = (
            f"{what}に「{topic.group(0)}」に関する記載があります。本籍・家族・思想信条・労働組合・住宅・容姿などを"
            "書くよう勧めたり尋ねたりすることはできません（職業安定法5条の5・指針 第5）。"
            "書かなくてよいと伝える場合は、同じ文にそう明記してください。"
        )
        if msg not in problems:
            problems.append(msg)
    return problems


def incentive_problems(text: str) -> list[str]:
    """求職者への金銭等の提供（お祝い金など）を示す表現。2021-04 から禁止、2025-01 から許可条件。"""
    m = _INCENTIVE.search(text or "")
    if not m:
        return []
    return [
        f"「{m.group(0)}」のような求職者への金銭等の提供は禁止されています（職業安定法・指針、2025年1月から許可条件）。"
    ]


# 職業紹介責任者 (職業安定法32条の14, 則24条の6): one per 50 people doing placement work at an office, counted per
# 事業所 and including the 責任者 themselves; each must have taken the 責任者講習 within the last five years.
STAFF_PER_RESPONSIBLE = 50
TRAINING_VALID_YEARS = 5


def responsible_required(staff_count: int) -> int:
    """How many 職業紹介責任者 an office with `staff_count` placement staff needs (0 for an empty office)."""
    return -(-staff_count // STAFF_PER_RESPONSIBLE) if staff_count > 0 else 0


def training_expires_on(trained_on: dt.date) -> dt.date:
    return add_years(trained_on, TRAINING_VALID_YEARS)


def training_problem(trained_on: dt.date | None, *, today: dt.date) -> str:
    """Why a 職業紹介責任者's 講習 does not qualify them today ("" when it does)."""
    if trained_on is None:
        return "職業紹介責任者講習の受講日が登録されていません。"
    if trained_on > today:
        return "職業紹介責任者講習の受講日が未来の日付です。"
    if training_expires_on(trained_on) <= today:
        return f"職業紹介責任者講習の受講（{day_ja(trained_on)}）から5年を過ぎています。再受講が必要です。"
    return ""


def shortfall_message(office_name: str, staff_count: int, responsible_count: int) -> str:
    """The Japanese refusal when an office would have too few 職業紹介責任者 ("" when it has enough)."""
    need = responsible_required(staff_count)
    if responsible_count >= need:
        return ""
    return (
        f"{office_name}の職業紹介に従事する人は{staff_count}人になり、職業紹介責任者が{need}人必要ですが、"
        f"{responsible_count}人しかいません（職業安定法32条の14：従事者50人ごとに1人以上）。"
        "先に職業紹介責任者を選任してください。"
    )
