"""適職診断: interests and work values matched to jobtag occupations by profile correlation.

jobtag's interest means are incumbents' 1–5 ratings and are flat (most occupations sit near 3), so raw means
are never compared with a person. Each dimension is standardised across occupations (constants stored with
the release), and the person's six scale scores are compared with an occupation's z-profile by Pearson
correlation: both centred, so only the *shape* counts, not how generously someone answers. Work values are
matched the same way and blended in with a smaller weight. A flat answer sheet has no shape; it is reported
as undifferentiated instead of ranking noise. ADR 0031 records the choices and the threshold.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

from .families import BACK_OFFICE_IDS, FAMILY_MEMBERS, FAMILY_OF, family_name
from .items import ITEM_BY_ID, ITEMS, VALUE_KEYS
from .reference import RIASEC, RIASEC_SHORT, Reference, get_reference

# Differentiation = highest minus lowest scale mean (0–4 answers). Below one answer step between the most
# and the least liked areas the shape is mostly answering noise (calibration in ADR 0031).
MIN_DIFFERENTIATION: Final = 1.0
MIN_VALUE_SPREAD: Final = 1.0
VALUE_WEIGHT: Final = 0.25
MIN_ITEMS_PER_SCALE: Final = 3
TOP_OCCUPATIONS: Final = 10
SEARCH_WORDS: Final = {
    "accounting": "経理",
    "hr_labor": "人事",
    "legal_general_affairs": "総務",
    "pr_ir": "広報",
    "it_support": "社内SE",
    "general_clerical": "事務",
}
EXPLORATION_NOTE: Final = (
    "この結果は、向いていそうな仕事を探すための探索用の目安です。採用の選考や、能力の判定には使えません。"
)


class AnswerError(ValueError):
    """Answers that cannot be scored; `errors` maps the field (e.g. `answers.c9`) to a Japanese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def validate_answers(raw: Any) -> dict[str, int]:
    if not isinstance(raw, Mapping) or not raw:
        raise AnswerError({"answers": '回答がありません。{"項目ID": 0〜4} の形で送ってください。'})
    errors: dict[str, str] = {}
    answers: dict[str, int] = {}
    for key, value in raw.items():
        field = f"answers.{key}"
        if key not in ITEM_BY_ID:
            errors[field] = f"「{key}」という項目はありません。"
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            errors[field] = "0〜4の整数で答えてください。"
        else:
            answers[key] = value
    if errors:
        raise AnswerError(errors)
    for scale in RIASEC:
        answered = sum(1 for item in ITEMS if item.scale == scale and item.id in answers)
        if answered < MIN_ITEMS_PER_SCALE:
            errors["answers"] = (
                f"「{RIASEC_SHORT[scale]}」の項目に{MIN_ITEMS_PER_SCALE}つ以上答えてください（今は{answered}つ）。"
            )
            break
    if errors:
        raise AnswerError(errors)
    return answers


def scale_means(answers: Mapping[str, int]) -> tuple[dict[str, float], dict[str, float]]:
    sums: dict[str, list[int]] = {}
    for key, value in answers.items():
        sums.setdefault(ITEM_BY_ID[key].scale, []).append(value)
    interests = {s: statistics.fmean(sums[s]) for s in RIASEC if s in sums}
    values = {k: statistics.fmean(sums[f"value:{k}"]) for k in VALUE_KEYS if f"value:{k}" in sums}
    return interests, values


def _unit(vector: list[float]) -> list[float] | None:
    """Centre and scale to length 1, so a dot product of two such vectors is their Pearson r."""
    mean = sum(vector) / len(vector)
    centred = [x - mean for x in vector]
    norm = math.sqrt(sum(x * x for x in centred))
    if norm < 1e-9:
        return None
    return [x / norm for x in centred]


@dataclass(frozen=True)
class _Profile:
    unit: list[float]
    labels: list[str]  # Japanese names, same order


def _contributions(person: _Profile, target: list[float]) -> list[tuple[float, str, bool, bool]]:
    """Per dimension: (contribution to r, name, person above own mean?, target above its mean?)."""
    tu = _unit(target)
    if tu is None:
        return []
    return sorted(
        ((p * t, name, p > 0, t > 0) for p, t, name in zip(person.unit, tu, person.labels, strict=True)),
        reverse=True,
    )


def _quote(names: list[str]) -> str:
    return "「" + "」「".join(names) + "」"


def _why(
    person: _Profile,
    target: list[float],
    fit: float,
    subject: str,
    values: tuple[_Profile, list[float]] | None = None,
) -> str:
    """One line naming the dimensions that drive the fit: shared highs and lows, or where the shapes differ."""
    contrib = _contributions(person, target)
    if fit >= 0.3:
        top = [(name, high) for c, name, high, _ in contrib[:2] if c > 0.02]
        high = [n for n, h in top if h]
        low = [n for n, h in top if not h]
        if high and low:
            text = f"あなたは{_quote(high)}への関心が強く{_quote(low)}は控えめで、{subject}も同じ傾向です。"
        elif high:
            text = f"あなたは{_quote(high)}への関心が強く、{subject}もその面が目立ちます。"
        elif low:
            text = f"あなたは{_quote(low)}への関心が控えめで、{subject}でもその面はあまり求められません。"
        else:
            text = "興味の形が全体として似ています。"
        if values is not None:
            vtop = [name for c, name, high, _ in _contributions(*values)[:2] if c > 0.02 and high]
            if vtop:
                text += f"大切にしたい「{vtop[0]}」も合っています。"
        return text
    worst = [(name, mine) for c, name, mine, _ in reversed(contrib) if c < -0.02][:2]
    mine = [n for n, m in worst if m]
    theirs = [n for n, m in worst if not m]
    if mine and theirs:
        return (
            f"あなたが関心を持つ{_quote(mine)}は{subject}ではあまり求められず、"
            f"中心になる{_quote(theirs)}への関心は控えめです。"
        )
    if mine:
        return f"あなたが関心を持つ{_quote(mine)}は、{subject}ではあまり求められません。"
    if theirs:
        return f"{subject}で中心になる{_quote(theirs)}への関心が控えめです。"
    return "興味の形があまり似ていません。"


def _fit(
    interest_unit: list[float], occ_unit: list[float] | None, value_pair: tuple[Any, Any] | None
) -> float:
    r = sum(a * b for a, b in zip(interest_unit, occ_unit or [], strict=False))
    if value_pair is not None:
        pv, ov = value_pair
        if pv is not None and ov is not None:
            rv = sum(a * b for a, b in zip(pv, ov, strict=True))
            return (1 - VALUE_WEIGHT) * r + VALUE_WEIGHT * rv
    return r


def fit_label(fit: float) -> str:
    if fit >= 0.8:
        return "とても近い"
    if fit >= 0.6:
        return "近い"
    if fit >= 0.3:
        return "やや近い"
    return "遠い"


def search_url(family: str | None, words: str = "") -> str:
    """Postings on the search page (built by the search app: GET q, family)."""
    params: list[tuple[str, str]] = []
    if family:
        params.append(("family", family))
    if words:
        params.append(("q", words))
    return "/search/?" + urlencode(params)


_UNITS: dict[tuple[int, str], tuple[dict[int, list[float]], dict[int, list[float]]]] = {}


def _occupation_units(ref: Reference) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Unit vectors of every occupation's z-profile, computed once per loaded reference."""
    cached = _UNITS.get(ref.token)
    if cached is None:
        ints = {oid: u for oid, z in ref.interest_z.items() if (u := _unit(list(z))) is not None}
        vals = {oid: u for oid, z in ref.value_z.items() if (u := _unit(list(z))) is not None}
        _UNITS.clear()
        cached = _UNITS[ref.token] = (ints, vals)
    return cached


def _family_profile(ref: Reference, family: str, block: str) -> list[float] | None:
    source = ref.interest_z if block == "interests" else ref.value_z
    rows = [source[i] for i in FAMILY_MEMBERS[family].core if i in source]
    if not rows:
        return None
    return [statistics.fmean(col) for col in zip(*rows, strict=True)]


def assess(
    answers: Mapping[str, int],
    *,
    scope: str = "all",
    top: int = TOP_OCCUPATIONS,
    ref: Reference | None = None,
) -> dict[str, Any]:
    """Score validated answers. Returns a JSON-ready dict (the API's answer, also what a seeker saves)."""
    ref = ref or get_reference()
    interests, values = scale_means(answers)
    differentiation = max(interests.values()) - min(interests.values())
    result: dict[str, Any] = {
        "status": "ok",
        "interests": {s: round(v, 2) for s, v in interests.items()},
        "values": {k: round(v, 2) for k, v in values.items()},
        "differentiation": round(differentiation, 2),
        "occupations": [],
        "families": [],
        "values_used": False,
        "note": EXPLORATION_NOTE,
        "constants_version": ref.constants_version,
        "attribution": ref.attribution,
    }
    person = [interests[s] for s in RIASEC]
    person_unit = _unit(person)
    if person_unit is None or differentiation < MIN_DIFFERENTIATION:
        result["status"] = "undifferentiated"
        result["message"] = (
            "回答の差が小さく、興味の方向がまだはっきりしていないようです（興味がまだ分化していない状態）。"
            "めずらしいことではありません。いまの段階で職業を順位づけすると偶然の差で並んでしまうため、"
            "一覧は出していません。"
        )
        result["next_steps"] = [
            "少しでも「やってみたい」「やりたくない」と感じる項目は、0や4をためらわずに選んでもう一度答えてみる",
            "アルバイトやサークルなど、これまでの経験を「経験の棚卸し」に書いて、どの仕事につながるかを見る",
            "6つの職種のロードマップを読み、仕事の中身から気になるものを探す",
        ]
        return result

    value_keys = [k for k in ref.value_keys if k in values]
    pv = _unit([values[k] for k in value_keys]) if len(value_keys) >= 3 else None
    if pv is not None and max(values.values()) - min(values.values()) < MIN_VALUE_SPREAD:
        pv = None
    result["values_used"] = pv is not None
    idx = [ref.value_keys.index(k) for k in value_keys]

    interest_profile = _Profile(person_unit, [RIASEC_SHORT[s] for s in RIASEC])
    value_profile = (
        _Profile(pv, [ref.labels.get("work_values", {}).get(k, k) for k in value_keys]) if pv else None
    )
    occ_units, val_units = _occupation_units(ref)

    def value_unit_for(z: tuple[float, ...] | list[float] | None) -> list[float] | None:
        if z is None or pv is None:
            return None
        return _unit([z[i] for i in idx])

    scored = []
    for oid, unit in occ_units.items():
        if scope == "back_office" and oid not in BACK_OFFICE_IDS:
            continue
        ov = None
        if pv is not None and oid in val_units:
            ov = val_units[oid] if len(idx) == len(ref.value_keys) else value_unit_for(ref.value_z[oid])
        scored.append((_fit(person_unit, unit, (pv, ov) if ov is not None else None), oid))
    scored.sort(reverse=True)
    for fit, oid in scored[:top]:
        occ = ref.occupations[oid]
        vpair = (
            (value_profile, [ref.value_z[oid][i] for i in idx])
            if value_profile and oid in ref.value_z
            else None
        )
        family = FAMILY_OF.get(oid)
        result["occupations"].append(
            {
                "jobtag_id": oid,
                "title": occ.title,
                "fit": round(fit, 3),
                "fit_label": fit_label(fit),
                "why": _why(interest_profile, list(ref.interest_z[oid]), fit, "この職業", vpair),
                "back_office": oid in BACK_OFFICE_IDS,
                "family": family,
                "experience_not_required": (occ.experience or {}).get("not_required"),
                "search_url": search_url(family, occ.title) if family else None,
            }
        )

    families: list[dict[str, Any]] = []
    for family in FAMILY_MEMBERS:
        fz = _family_profile(ref, family, "interests")
        fu = _unit(fz) if fz else None
        if fz is None or fu is None:
            continue
        fvz = _family_profile(ref, family, "work_values")
        fvu = value_unit_for(fvz) if fvz else None
        fit = _fit(person_unit, fu, (pv, fvu) if fvu is not None else None)
        fvpair = (value_profile, [fvz[i] for i in idx]) if value_profile and fvz else None
        families.append(
            {
                "family": family,
                "name": family_name(family),
                "fit": round(fit, 3),
                "fit_label": fit_label(fit),
                "why": _why(interest_profile, fz, fit, f"{family_name(family)}の仕事", fvpair),
                "search_url": search_url(family, SEARCH_WORDS[family]),
            }
        )
    families.sort(key=lambda f: -f["fit"])
    result["families"] = families
    return result


def item_list() -> list[dict[str, str]]:
    return [{"id": item.id, "scale": item.scale, "text": item.text} for item in ITEMS]
