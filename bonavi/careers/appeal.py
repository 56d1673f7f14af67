"""自己PR sentences that only re-word the quoted evidence.

An appeal point is built from evidence spans and fixed wording: the span's last verb is put in the past
tense and followed by 経験 (「台本をもとに進行し」→「台本をもとに進行した経験」), or a noun phrase gets の経験.
Nothing else enters a sentence except a jobtag skill name and occupation title, so it cannot gain a number,
a name or a qualification the person did not write (tests check this on every evaluation case).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final

from bonavi.jobs.catalog import FAMILIES, SUBROLES

from .families import FAMILY_MEMBERS, FAMILY_OF
from .gaps import key_skills
from .reference import Reference
from .sudachi import tokens

MAX_POINTS: Final = 3
# How an appeal point names the field (plain Japanese: no abbreviation the person did not write).
FIELD_WORDS: Final = {
    "accounting": "経理",
    "hr_labor": "人事・労務",
    "legal_general_affairs": "総務・法務",
    "pr_ir": "広報",
    "it_support": "社内の情報システム",
    "general_clerical": "事務",
}
PER_POINT: Final = 2
# The field a claim names where the document it goes into says none (「事務の仕事でも活かせます」): every family here
# is office work, so it is true of any of them (ADR 0139).
NEUTRAL_FIELD: Final = "事務"

# 五段 verbs: dictionary-form ending → past-tense ending.
_GODAN_PAST: Final = {
    "く": "いた",
    "ぐ": "いだ",
    "す": "した",
    "つ": "った",
    "る": "った",
    "う": "った",
    "ぬ": "んだ",
    "ぶ": "んだ",
    "む": "んだ",
}
# Trailing pieces that carry tense, politeness or aspect rather than content.
_AUXILIARY_VERBS: Final = {"いる", "おる", "しまう", "くる", "いく", "ある", "おく", "みる"}
# Trailing 助動詞 that carry meaning and must survive: voice (任された is not 任した), negation (出さなかった is
# not 出した) and wishes (受け付けたい is no experience at all).
_VOICE: Final = {"れる", "られる", "せる", "させる"}
_NEGATION: Final = {"ない", "ぬ"}
_WISH: Final = {"たい"}
# 五段 verbs: dictionary-form ending → 未然形 ending (休む → 休ま, before なかった).
_GODAN_NAI: Final = {
    "く": "か",
    "ぐ": "が",
    "す": "さ",
    "つ": "た",
    "る": "ら",
    "う": "わ",
    "ぬ": "な",
    "ぶ": "ば",
    "む": "ま",
}


def _past(dictionary_form: str, conjugation: str) -> str | None:
    if conjugation.startswith("サ行変格"):
        return dictionary_form[:-2] + "した" if dictionary_form.endswith("する") else None
    if conjugation.startswith("カ行変格"):
        return dictionary_form[:-2] + "来た" if dictionary_form.endswith("来る") else None
    if conjugation.startswith(("上一段", "下一段")):
        return dictionary_form[:-1] + "た" if dictionary_form.endswith("る") else None
    if conjugation.startswith("五段"):
        if dictionary_form.endswith(("行く", "いく")):
            return dictionary_form[:-1] + "った"
        ending = _GODAN_PAST.get(dictionary_form[-1:])
        return dictionary_form[:-1] + ending if ending else None
    return None


def _nai_stem(dictionary_form: str, conjugation: str) -> str | None:
    """The form before ない: する → し, 任せる → 任せ, 休む → 休ま."""
    if conjugation.startswith("サ行変格"):
        return dictionary_form[:-2] + "し" if dictionary_form.endswith("する") else None
    if conjugation.startswith(("上一段", "下一段")):
        return dictionary_form[:-1] if dictionary_form.endswith("る") else None
    if conjugation.startswith("五段"):
        ending = _GODAN_NAI.get(dictionary_form[-1:])
        return dictionary_form[:-1] + ending if ending else None
    return None


def _kept_auxiliary(toks: list[Any], span: str) -> str | None:
    """The phrase when the span ends in a voice, negation or wish 助動詞 (toks[-1]); None otherwise."""
    last = toks[-1]
    form = last.dictionary_form()
    head = "".join(t.surface() for t in toks[:-1])
    if form in _WISH:
        return f"「{span}」という思い"
    if form in _VOICE:
        return f"{head}{last.surface()[:-1] if last.surface().endswith('る') else last.surface()}た経験"
    if form not in _NEGATION:
        return None
    if len(toks) >= 3 and toks[-2].dictionary_form() == "ます" and toks[-3].part_of_speech()[0] == "動詞":
        # 休みませんでした: the polite negation; rebuild the plain one from the verb (休まなかった).
        verb = toks[-3]
        stem = _nai_stem(verb.dictionary_form(), verb.part_of_speech()[4])
        if stem is None:
            return f"「{span}」という経験"
        return "".join(t.surface() for t in toks[:-3]) + stem + "なかった経験"
    return f"{head}なかった経験"


def _ichidan_stem(surface: str) -> bool:
    """Whether a noun is the stem of a 一段 verb (まとめ, 調べ, 受け付け), which Sudachi tags as a noun."""
    verb = tokens(surface + "る")
    return (
        len(verb) == 1
        and verb[0].part_of_speech()[4].startswith(("上一段", "下一段"))
        and verb[0].dictionary_form() == surface + "る"
    )


def _is_symbol(surface: str) -> bool:
    return all(unicodedata.category(ch) in ("So", "Sk", "Sm", "Mn", "Cf") for ch in surface)


def experience_phrase(span: str) -> str:
    """「…した経験」 or 「…の経験」, keeping the span's own words up to its last content word."""
    toks = tokens(span)
    popped = ""
    while toks:
        pos = toks[-1].part_of_speech()
        if toks[-1].surface() in (")", "）"):
            # A trailing aside such as (笑) goes whole: cutting at its last word left 「帳簿付け(笑の経験」.
            opening = next(
                (i for i in range(len(toks) - 1, -1, -1) if toks[i].surface() in ("(", "（")), None
            )
            del toks[opening if opening is not None else len(toks) - 1 :]
            continue
        if _is_symbol(toks[-1].surface()):
            toks.pop()  # emoji and marks (✨ is tagged as a noun) do not belong in a 自己PR sentence
            continue
        if pos[0] == "助動詞" and toks[-1].dictionary_form() in _VOICE | _NEGATION | _WISH and len(toks) > 1:
            return _kept_auxiliary(toks, span) or f"「{span}」という経験"
        if toks[-1].surface() == "でし" and popped == "て" and len(toks) > 1:
            # 自分でしています is read as で+し(する), not as です: 自分でした経験, not 自分の経験.
            return "".join(t.surface() for t in toks[:-1]) + "でした経験"
        if pos[0] in ("助動詞", "補助記号", "空白") or pos[0] == "助詞":
            popped = toks.pop().surface()
            continue
        if pos[0] == "動詞" and (
            pos[1] == "非自立可能" and toks[-1].dictionary_form() in _AUXILIARY_VERBS and len(toks) > 1
        ):
            toks.pop()
            continue
        break
    if not toks:
        return f"「{span}」という経験"
    last = toks[-1]
    head = "".join(t.surface() for t in toks[:-1])
    pos = last.part_of_speech()
    if pos[0] == "動詞":
        past = _past(last.dictionary_form(), pos[4])
        if past is not None:
            # する after a サ変 noun: keep the noun and put する in the past (進行し → 進行した).
            return f"{head}{past}経験"
    if pos[0] == "名詞":
        after_particle = bool(toks[-2:-1]) and toks[-2].surface() in ("を", "に", "で", "と", "へ", "から")
        if after_particle and _ichidan_stem(last.surface()):
            return f"{head}{last.surface()}た経験"  # 一覧にまとめ → 一覧にまとめた (not 一覧にまとめの経験)
        if pos[2] == "サ変可能" and toks[-2:-1] and toks[-2].surface() == "を":
            return f"{head}{last.surface()}した経験"  # 様子を発信 → 様子を発信した (not 様子を発信の経験)
        return f"{head}{last.surface()}の経験"
    return f"「{span}」という経験"


def _joined(items: list[dict[str, Any]], text_gap: int = 1) -> list[dict[str, Any]]:
    """Evidence cut from one clause list (領収書の日付や金額 / 勘定科目が正しいかを確認) reads as one experience:
    join neighbours of the same family that only a 、 separates."""
    out: list[dict[str, Any]] = []
    for ev in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["family"] == ev["family"]
            and 0 <= ev["start"] - prev["end"] <= text_gap
            and prev.get("_sep", "、") in ("、", "，", ",")
        ):
            out[-1] = {
                **prev,
                "span": prev["span"] + prev.get("_sep", "、") + ev["span"],
                "end": ev["end"],
                "_sep": ev.get("_sep", ""),
                "parts": [*prev.get("parts", [prev["span"]]), ev["span"]],
                "skills": [*prev.get("skills", [prev["skill"]]), ev["skill"]],
            }
        else:
            out.append(dict(ev))
    return out


def appeal_points(
    evidence: list[dict[str, Any]],
    ref: Reference,
    text: str | None = None,
    family_order: list[str] | None = None,
    *,
    target: Any = None,
) -> list[dict[str, Any]]:
    """Up to three sentences, one per family the evidence points to (best family first), each quoting at most
    two experiences.

    With a chosen `target` occupation the 自己PR is written toward it alone: its family's experiences come first,
    every 「…を、〇〇の仕事でも活かせます」 names the target's field and is judged on the target's jobtag
    profile, and experiences the target does not value go into one closing line that names no other field (with
    目標 一般事務, a 部費の集金 was praised as 経理 work and a 新人教育 as 人事・労務 work)."""
    by_family: dict[str, list[dict[str, Any]]] = {}
    order = list(family_order or [])
    target_family = FAMILY_OF.get(target.jobtag_id) if target is not None else None
    if target_family is not None:
        order = [target_family, *(f for f in order if f != target_family)]
    for ev in sorted(evidence, key=lambda e: order.index(e["family"]) if e["family"] in order else 99):
        by_family.setdefault(ev["family"], []).append(ev)
    for items in by_family.values():
        items.sort(key=lambda e: e["start"])
    groups = []
    for family, items in by_family.items():
        if text is not None:
            for ev in items:
                ev["_sep"] = text[ev["end"] : ev["end"] + 1]
        chosen = _joined(items)[:PER_POINT]
        skills = list(dict.fromkeys(k for ev in chosen for k in ev.get("skills", [ev["skill"]])))
        groups.append((family, chosen, skills))
    for ev in evidence:
        ev.pop("_sep", None)
    if target is None:
        return [
            _point(
                family,
                chosen,
                skills,
                ref,
                ref.get(FAMILY_MEMBERS[family].representative),
                FIELD_WORDS[family],
            )
            for family, chosen, skills in groups[:MAX_POINTS]
        ]
    field = FIELD_WORDS.get(target_family or "", target.title)
    judge = _valued_for(target)
    toward = [g for g in groups if g[0] == target_family or any(judge(ref, target, k) for k in g[2])]
    aside = [g for g in groups if g not in toward]
    if not toward and aside:
        toward, aside = aside[:1], aside[1:]
    points = [
        _point(family, chosen, skills, ref, target, field, judge=judge) for family, chosen, skills in toward
    ]
    points = points[: MAX_POINTS - 1] if aside and len(points) >= MAX_POINTS else points[:MAX_POINTS]
    if aside:
        chosen = [ev for _, items, _ in aside for ev in items][:PER_POINT]
        phrases = [experience_phrase(ev["span"]) for ev in chosen]
        points.append(
            {
                "text": "ほかに、" + "や、".join(phrases) + "もあります。",
                "family": "",
                "evidence": [part for ev in chosen for part in ev.get("parts", [ev["span"]])],
                "skills": list(dict.fromkeys(k for ev in chosen for k in ev.get("skills", [ev["skill"]]))),
                "secondary": True,
            }
        )
    return points


def _point(
    family: str,
    chosen: list[dict[str, Any]],
    skills: list[str],
    ref: Reference,
    occupation: Any,
    field: str,
    judge: Callable[[Reference, Any, str], bool] | None = None,
) -> dict[str, Any]:
    """「…した経験があります。」 and, for the abilities the occupation values, her claim that she will use them there:
    「この経験で培った「傾聴力」を、経理の仕事でも活かせます。」. Not a remark about the field (「…は経理の仕事でも大切に
    される力です」 read as a comment in her 自己PR). For a knowledge field alone the experience is claimed, not the
    knowledge: 「「経済学・会計学」の知識は経理の仕事でも大切にされます」 was a remark, and 「経済学・会計学の知識を…」
    would give a club's 部費の集金 a schooling in economics she never wrote (ADR 0133)."""
    phrases = [experience_phrase(ev["span"]) for ev in chosen]
    text_out = ("や、".join(phrases) if len(phrases) > 1 else phrases[0]) + "があります。"
    if occupation is not None:
        valued = [k for k in skills if (judge or _valued)(ref, occupation, k)]
        abilities = [k for k in valued if k in occupation.skills]
        these = "これらの経験" if len(phrases) > 1 else "この経験"
        if abilities:
            names = "」「".join(ref.label(k) for k in abilities)
            text_out += f"{these}で培った「{names}」を、{field}の仕事でも活かせます。"
        elif valued:  # a knowledge field alone: the experience is hers to use, the schooling is not claimed
            text_out += f"{these}を、{field}の仕事でも活かせます。"
    return {
        "text": text_out,
        "family": family,
        "evidence": [part for ev in chosen for part in ev.get("parts", [ev["span"]])],
        "skills": skills,
    }


def _valued(ref: Reference, occupation: Any, key: str) -> bool:
    """jobtag rates the skill above the all-occupation average for this occupation."""
    block = "skills" if key in occupation.skills else "knowledge" if key in occupation.knowledge else None
    return block is not None and ref.z(block, occupation, key) > 0


def _valued_for(target: Any) -> Callable[[Reference, Any, str], bool]:
    """For a chosen target, also a skill jobtag rates among the target's highest even if other jobs rate it
    higher still: 一般事務 is below the all-occupation average on everything but 事務処理, yet 傾聴力 is what it
    uses most. The target's key skills are sorted out once, not again for every skill of every group."""
    keys = {k for _, k in key_skills(target)}

    def judge(ref: Reference, occupation: Any, key: str) -> bool:
        return _valued(ref, occupation, key) or key in keys

    return judge


# The claim _point writes: 「この経験で培った「…」を、経理の仕事でも活かせます。」 or 「この経験を、経理の仕事でも活かせます。」.
_CLAIM: Final = re.compile(r"を、[^、。「」]{1,30}の仕事でも活かせます。")


def field_for_document(*texts: str) -> str:
    """The field a document is for, as the claim names it, from what it says (its 希望職種, then its title
    「一般事務 応募用」): the family's word (経理, 人事・労務…), or for the 事務 family the sub-role it names
    (一般事務, 営業事務 — 「事務」 alone says less than the title does). NEUTRAL_FIELD when none is named: a saved
    result's 「経理の仕事でも」, chosen for the evidence, put 経理 in a document for 一般事務."""
    for text in texts:
        if not text:
            continue
        for role in sorted(SUBROLES, key=lambda r: -len(r.name)):
            if role.name in text:
                return role.name if role.family == "general_clerical" else FIELD_WORDS[role.family]
        for family, name in FAMILIES.items():
            if any(part and part in text for part in (name, *name.split("・"))):
                return FIELD_WORDS[family]
    return NEUTRAL_FIELD


def claim_for_field(sentence: str, field: str) -> str:
    """A 自己PR sentence with its claim naming `field`: the saved 「…を、経理の仕事でも活かせます。」 offered to a
    document for 一般事務 says 「…を、一般事務の仕事でも活かせます。」. The rest of the sentence is unchanged."""
    return _CLAIM.sub(f"を、{field}の仕事でも活かせます。", sentence)
