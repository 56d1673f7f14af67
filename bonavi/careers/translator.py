"""The experience translator: free text about what a person did → families, quoted evidence, appeal points, gaps.

Method (ADR 0032): no generative model. A curated phrase lexicon (lexicon.py) is matched against the text;
the families are ranked by the weights of the distinct phrases found; evidence is the clause around the
phrases, cut from the person's own text (so it is verbatim by construction) and at most 40 characters; appeal
points re-word only that evidence (appeal.py); gaps compare the target occupation's jobtag skill profile with
what the evidence shows (gaps.py). Everything is deterministic and runs on a CPU in a few milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Final

from bonavi.core.text import widen_with_offsets

from . import appeal, gaps
from .families import FAMILY_MEMBERS, family_name
from .lexicon import Cue, cues
from .reference import Reference, get_reference
from .textcheck import check_text

MAX_SPAN: Final = 40
MIN_SPAN: Final = 5
MAX_EVIDENCE: Final = 6
MIN_SEGMENT_SCORE: Final = 3.0
# When fewer clauses than this clear the bar, the best remaining clauses with at least one cue fill up.
MIN_EVIDENCE: Final = 3
FILL_MIN_SCORE: Final = 1.5
# Families scoring below this share of the best one are not "pointed to" by the text.
FAMILY_KEEP_RATIO: Final = 0.2
DESIRE_WEIGHT: Final = 0.5

_SENTENCE_END = set("。！？!?\n．")
# Bullets and list marks that may open a line of pasted text; never part of a quoted phrase.
_LEADING_MARKS = set("・･-‐－*＊•●○◆◇■□▪▶→①②③④⑤⑥⑦⑧⑨⑩「『（(")
_TRAILING_MARKS = set("」』）)")
_CLAUSE_END = set("、，；;")
_ASCII_WORD = re.compile(r"[a-z0-9]")
_DESIRE = re.compile(r"(たい(と|です|。|$)|目指して|志望|希望して|考えています|思っています|予定です)")
_NO_EXPERIENCE = re.compile(r"(経験は(まだ)?(ありません|ない)|未経験)")
_ROLE_NOUNS = (
    r"(アルバイト|バイト|パート|正社員|契約社員|派遣社員|社員|職員|スタッフ|ボランティア|代表|リーダー|責任者|"
    r"補佐|助手|トレーナー|[^\s]{1,3}長|理事|役員|委員|幹事|マネージャー|主任|係|事務|営業|販売|接客)"
)
# A clause that only says which job the person held (…のアルバイトをしています, 代表を1年務めました).
_ROLE_PREDICATE = re.compile(
    _ROLE_NOUNS
    + r"(を|として|に|で)?(\d+年)?(しています|していました|しました|やっています|やっていました|務めました|"
    r"務めています|になりました|になって|でした|です|中|を経験|経験しました|勤めています|勤めました|働いています|働きました)$"
)
# A duration right before "did the job" (4年バイト中, 3年しました, 5年参加し, 2年はトレーナーでした).
_DURATION_SCENE = re.compile(
    r"([0-9０-９]+|[一二三四五六七八九十何]+)\s*(年|ヶ月|か月|カ月|ヵ月|回)(間|半)?(ほど|以上|近く|目)?(は|の間)?"
    r"(勤め|働|務め|経験|参加|続け|運営|担当|やっ|し|バイト|アルバイト|パート|になり|です|でした|中|$|"
    + _ROLE_NOUNS[1:-1]
    + ")"
)
_CLAIM = re.compile(
    r"(詳しく|詳しい|詳しいです|得意|得意です|好き|好きです|興味があります|興味があり|自信があります)$"
)
# "At <place>, I did <function>" (…サークルで会計を担当しました): which job, not what was done in it.
_PLACE_ROLE = re.compile(
    r"で[^、。をでに]{1,12}(を)?(担当しました|担当しています|担当していました|手伝っています|手伝っていました|"
    r"しています|していました|しました|やっています|やっていました)$"
)
# A clause that ends in a copula states what someone was (…の会計でした), not what they did; "…が主な業務です"
# lists duties and stays.
_COPULA = re.compile(r"(?<!業務)(?<!仕事)(?<!担当)(でした|です|だった|である)$")
_STAT = re.compile(
    r"は(約|およそ)?[0-9０-９][0-9０-９,，.]*(人|件|回|名|本)(ほど|くらい|ぐらい|以上)?(です|でした|います|いました)"
)
_TRAIL = re.compile(
    r"(が主な(業務|仕事)です|のも担当です|も担当です|を担当(して)?(います|いました|しました|です)|を担当し|"
    r"こともあります|ことがあります|ことが多く|をしていました|をしています|をしました|をしていて|"
    r"していて|ことを(大切に|心がけ|心掛け|意識)[^、。]*)$"
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    cue: Cue


@dataclass
class Segment:
    start: int
    end: int
    sentence: int
    hits: list[Hit] = field(default_factory=list)


def fold(text: str) -> str:
    """Per-character NFKC + lower case, keeping every offset: the folded text indexes the original."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch).lower()
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


def find_hits(folded: str) -> list[Hit]:
    """Every lexicon phrase in the text; where phrases overlap, the longest wins."""
    taken = bytearray(len(folded))
    hits: list[Hit] = []
    for cue in cues():
        term = cue.term
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            ascii_term = _ASCII_WORD.match(term[0]) is not None
            boundary_ok = not ascii_term or (
                (start == 0 or not folded[start - 1].isascii() or not folded[start - 1].isalnum())
                and (end == len(folded) or not folded[end].isascii() or not folded[end].isalnum())
            )
            if boundary_ok and not any(taken[start:end]):
                hits.append(Hit(start, end, cue))
                taken[start:end] = b"\x01" * (end - start)
            start = folded.find(term, start + 1)
    hits.sort(key=lambda h: h.start)
    return hits


def split_segments(text: str) -> list[Segment]:
    """Clauses: split at sentence ends and at 、 (a comma between digits, as in 1,500, does not split)."""
    segments: list[Segment] = []
    sentence = 0
    start = 0
    for i, ch in enumerate(text):
        between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        is_clause = ch in _CLAUSE_END or (ch == "," and not between_digits)
        is_end = ch in _SENTENCE_END or (ch == "." and not between_digits)
        if is_end or is_clause:
            segments.append(Segment(start, i, sentence))
            if is_end:
                sentence += 1
            start = i + 1
    segments.append(Segment(start, len(text), sentence))
    out = []
    for seg in segments:
        s, e = seg.start, seg.end
        while s < e and (text[s].isspace() or text[s] in _LEADING_MARKS):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        # A closing bracket whose opening one was dropped above would be unbalanced in the quote.
        if e > s and text[e - 1] in _TRAILING_MARKS and not any(c in _LEADING_MARKS for c in text[s : e - 1]):
            e -= 1
        if e > s:
            out.append(Segment(s, e, seg.sentence))
    return out


def sentence_flag(sentence: str) -> str:
    """「desire」 when one sentence states a wish (…したい), 「none」 when it states a lack of experience (未経験),
    else 「」: such a sentence is not evidence of what the person did."""
    if _DESIRE.search(sentence):
        return "desire"
    if _NO_EXPERIENCE.search(sentence):
        return "none"
    return ""


def _sentence_flags(text: str, segments: list[Segment]) -> dict[int, str]:
    """Sentences that state a wish or a lack of experience are not evidence of what the person did."""
    by_sentence: dict[int, list[Segment]] = defaultdict(list)
    for seg in segments:
        by_sentence[seg.sentence].append(seg)
    flags: dict[int, str] = {}
    for sid, segs in by_sentence.items():
        if flag := sentence_flag(text[segs[0].start : segs[-1].end]):
            flags[sid] = flag
    return flags


def states_wish_or_none(sentence: str) -> bool:
    """Whether one sentence states a wish or a lack of experience (sentence_flag), for readers of a text that keep
    only what the person did (matching)."""
    return bool(sentence_flag(sentence))


def _family_scores(hits: list[Hit], segments: list[Segment], flags: dict[int, str]) -> dict[str, float]:
    seg_of: dict[int, Segment] = {}
    for segment in segments:
        for h in segment.hits:
            seg_of[id(h)] = segment
    best: dict[tuple[str, str], float] = {}
    for h in hits:
        seg = seg_of.get(id(h))
        factor = DESIRE_WEIGHT if seg is not None and flags.get(seg.sentence) else 1.0
        for family, weight in h.cue.families:
            key = (h.cue.term, family)
            best[key] = max(best.get(key, 0.0), weight * factor)  # a repeated phrase counts once
    scores: dict[str, float] = dict.fromkeys(FAMILY_MEMBERS, 0.0)
    for (_, family), value in best.items():
        scores[family] += value
    return scores


def _lead_end(text: str, start: int, end: int) -> int:
    """Where a clause's leading topic ends (受付では / 訓練後は / ボランティアとして …): nouns only, then は or
    として. A topic that contains a verb (時間が押したときは) is part of the phrase and stays."""
    from .sudachi import tokens

    pos = start
    seen_noun = False
    toks = tokens(text[start:end])
    for i, tok in enumerate(toks):
        tags = tok.part_of_speech()
        surface = tok.surface()
        if (
            tags[0] in ("名詞", "接頭辞", "接尾辞")
            or (tags[0] == "助詞" and surface == "の")
            or tags[0] == "補助記号"
        ):
            seen_noun = seen_noun or tags[0] == "名詞"
            pos += len(surface)
            continue
        rest = "".join(t.surface() for t in toks[i : i + 3])
        for topic in ("では", "には", "として", "は"):
            if seen_noun and rest.startswith(topic) and end - (pos + len(topic)) >= MIN_SPAN:
                return pos + len(topic)
        break
    return start


def _clause_kind(piece: str) -> str:
    """How a clause hangs on the next one: 'main' (stands alone), 'reason' (…ので), 'purpose' (…よう),
    'list' (…や), or 'scene' (a place, time, topic or role: …で, …ときは, …について) which is never evidence."""
    from .sudachi import tokens

    if piece.endswith(("について", "に対して", "に関して", "として", "ときは", "際に", "際は")):
        return "scene"
    if _CLAIM.search(piece):
        return "scene"  # 詳しい, 得意です: a self-description, not something done
    toks = tokens(piece)
    if not toks:
        return "scene"
    last = toks[-1]
    tags = last.part_of_speech()
    prev = toks[-2] if len(toks) > 1 else None
    if piece.endswith("ので") or (
        tags[1] == "接続助詞" and last.surface() in ("から", "けど", "けれど", "が")
    ):
        return "reason"
    if (tags[1] == "助動詞語幹" and last.surface() == "よう") or piece.endswith(("ように", "ようにと")):
        return "purpose"
    if tags[0] == "助詞" and last.surface() in ("や", "とか"):
        return "list"
    if last.surface() == "と" and prev is not None and prev.part_of_speech()[0] == "名詞":
        return "list"  # 部費の集金と、合宿費の精算を… : the first of two things done
    if tags[1] == "格助詞" and last.surface() in ("を", "に", "へ"):
        return "argument"  # …手順を、相手に合わせて説明: the object or recipient of the next clause
    if tags[1] == "係助詞" or (tags[1] == "格助詞" and last.surface() != "の"):
        return "scene"
    if (
        last.surface() == "で"
        and tags[0] == "助動詞"
        and prev is not None
        and prev.part_of_speech()[0] == "名詞"
    ):
        return "scene"  # …イベントで, …担当で: where or as what, not what was done
    if tags[0] == "名詞" and last.surface() in ("とき", "時", "際", "場合", "中"):
        return "scene"
    return "main"


@dataclass
class Unit:
    """A clause, or a reason/purpose/list clause joined with the clause it leads into (≤ 40 characters)."""

    start: int
    end: int
    sentence: int
    hits: list[Hit]
    kind: str


_JOINABLE: Final = ("reason", "purpose", "list", "argument")


def _units(text: str, segments: list[Segment]) -> list[Unit]:
    """Clauses, with the reason, purpose, list item or object that leads into a clause joined to it when the
    whole stays within 40 characters. What cannot be joined: a list item stands alone, the rest is context."""
    units: list[Unit] = []
    for seg in segments:
        lead = _lead_end(text, seg.start, seg.end)
        unit = Unit(
            lead,
            seg.end,
            seg.sentence,
            [h for h in seg.hits if h.start >= lead],
            _clause_kind(text[lead : seg.end]),
        )
        if unit.kind == "main":
            while units:
                prev = units[-1]
                if (
                    prev.kind in _JOINABLE
                    and prev.sentence == unit.sentence
                    and (prev.hits or prev.kind == "argument")
                    and unit.end - prev.start <= MAX_SPAN
                ):
                    units.pop()
                    # The joined clause keeps every phrase between the two starts (its own lead too).
                    gap = [h for h in seg.hits if prev.end <= h.start and h.end <= unit.start]
                    hits = prev.hits + gap + unit.hits
                    unit = Unit(prev.start, unit.end, unit.sentence, hits, "main")
                else:
                    break
        units.append(unit)
    for unit in units:
        if unit.kind == "list":
            unit.kind = "main"  # a list item that could not be joined is still a phrase of its own
    return units


def _trim_tail(text: str, start: int, end: int) -> int:
    """Drop a generic ending (…が主な業務です, …こともあります) that adds nothing to the phrase."""
    trail = _TRAIL.search(text[start:end])
    if trail and trail.start() >= MIN_SPAN:
        return start + trail.start()
    return end


def _cut_to_limit(text: str, start: int, end: int, hits: list[Hit]) -> tuple[int, int]:
    """A clause over 40 characters: keep the window of sub-clauses (split after 接続助詞) with most phrases."""
    if end - start <= MAX_SPAN:
        return start, end
    from .sudachi import tokens

    bounds = [start]
    pos = start
    for tok in tokens(text[start:end]):
        pos += len(tok.surface())
        pos_tags = tok.part_of_speech()
        if pos_tags[0] == "助詞" and pos_tags[1] == "接続助詞" and pos < end:
            bounds.append(pos)
    bounds.append(end)
    best = (-1.0, start, start + MAX_SPAN)
    for i in range(len(bounds) - 1):
        for j in range(i + 1, len(bounds)):
            s, e = bounds[i], bounds[j]
            if e - s > MAX_SPAN:
                break
            weight = sum(h.cue.strength + 0.5 for h in hits if s <= h.start and h.end <= e)
            if weight > best[0] or (weight == best[0] and e - s > best[2] - best[1]):
                best = (weight, s, e)
    _, s, e = best
    if e - s > MAX_SPAN:  # no sub-clause boundary fits: cut around the first phrase
        first = min((h.start for h in hits if start <= h.start < end), default=start)
        s = max(start, min(first, end - MAX_SPAN))
        e = s + MAX_SPAN
    return s, e


@dataclass
class Evidence:
    span: str
    start: int
    end: int
    skill: str
    family: str
    score: float
    terms: list[str]

    def as_dict(self, ref: Reference) -> dict[str, Any]:
        return {
            "span": self.span,
            "skill": self.skill,
            "skill_label": ref.label(self.skill),
            "family": self.family,
            "family_name": family_name(self.family),
            "start": self.start,
            "end": self.end,
        }


ACTION_WEIGHT: Final = 1.5


def _unit_evidence(text: str, unit: Unit, flags: dict[int, str], allowed: list[str]) -> Evidence | None:
    if flags.get(unit.sentence) or not unit.hits or unit.kind != "main":
        return None
    piece = text[unit.start : unit.end]
    fam_weight: dict[str, float] = defaultdict(float)
    seen: set[tuple[str, str]] = set()
    for h in unit.hits:
        for family, weight in h.cue.families:
            if (h.cue.term, family) not in seen:
                seen.add((h.cue.term, family))
                fam_weight[family] += weight
    actions = {h.cue.term for h in unit.hits if h.cue.is_action}
    family = max(allowed, key=lambda f: (fam_weight.get(f, 0.0), -allowed.index(f)))
    if fam_weight.get(family, 0.0) == 0.0:
        if any(fam_weight.values()):
            return None  # the clause is about a family the text as a whole does not point to
        family = allowed[0]
    score = fam_weight.get(family, 0.0) + ACTION_WEIGHT * min(2, len(actions))
    # A clause that only says which job was held, for how long, or how many there were, is context.
    if _DURATION_SCENE.search(piece):
        score -= 6
    elif (
        _ROLE_PREDICATE.search(piece)
        or _COPULA.search(piece)
        or (unit.sentence == 0 and _PLACE_ROLE.search(piece))
    ):
        score -= 4
    if _STAT.search(piece):
        score -= 3
    if score < FILL_MIN_SCORE:
        return None
    start, end = unit.start, _trim_tail(text, unit.start, unit.end)
    start, end = _cut_to_limit(text, start, end, unit.hits)
    if end - start < MIN_SPAN:
        return None
    inside = [h for h in unit.hits if start <= h.start and h.end <= end]
    if not inside:
        return None
    ranked = sorted(inside, key=lambda h: (-dict(h.cue.families).get(family, 0), h.cue.is_action, h.start))
    return Evidence(
        span=text[start:end],
        start=start,
        end=end,
        skill=ranked[0].cue.skill,
        family=family,
        score=score,
        terms=[h.cue.term for h in inside],
    )


def _family_why(family: str, terms: list[str], ref: Reference) -> str:
    """Name the phrases that point to the family, and where jobtag describes the same work."""
    shown = "」「".join(terms[:3])
    why = f"「{shown}」など、{family_name(family)}の仕事につながる言葉があります。"
    for oid in FAMILY_MEMBERS[family].core:
        occ = ref.get(oid)
        if occ is None:
            continue
        for task in occ.tasks:
            task_folded = fold(task["text"])
            if any(t in task_folded for t in terms):
                return why + f"jobtagの「{occ.title}」の仕事にも「{task['text']}」とあります。"
    return why


def translate(text: str, *, target: int | None = None, ref: Reference | None = None) -> dict[str, Any]:
    """Analyse one text (checked first: TextRejected for unusable input). JSON-ready result.

    The lexicon is full width and `fold` works one character at a time, so half-width katakana are widened before
    reading (「ﾚｼﾞ締め」 reads as レジ締め). Evidence `start`/`end` still index the text as given and `span` is
    that slice of it; the other texts (families' why, appeal points) quote the widened words."""
    sent = check_text(text)
    text, origin = widen_with_offsets(sent)
    ref = ref or get_reference()
    folded = fold(text)
    hits = find_hits(folded)
    segments = split_segments(text)
    for seg in segments:
        seg.hits = [h for h in hits if seg.start <= h.start and h.end <= seg.end]
    flags = _sentence_flags(text, segments)
    scores = _family_scores(hits, segments, flags)
    ranked = sorted(scores, key=lambda f: (-scores[f], list(FAMILY_MEMBERS).index(f)))
    top = scores[ranked[0]]
    allowed = [f for f in ranked[:3] if top > 0 and scores[f] >= FAMILY_KEEP_RATIO * top] or ranked[:1]

    units = _units(text, segments)
    candidates = (
        []
        if top == 0
        else [ev for unit in units if (ev := _unit_evidence(text, unit, flags, allowed)) is not None]
    )
    strong = [e for e in candidates if e.score >= MIN_SEGMENT_SCORE]
    weak = sorted((e for e in candidates if e.score < MIN_SEGMENT_SCORE), key=lambda e: (-e.score, e.start))
    chosen = sorted(strong, key=lambda e: (-e.score, e.start))[:MAX_EVIDENCE]
    chosen += weak[: max(0, MIN_EVIDENCE - len(chosen))]
    evidence = sorted({(e.start, e.end): e for e in chosen}.values(), key=lambda e: e.start)

    total = sum(scores.values()) or 1.0
    families = []
    for family in ranked:
        surface_terms = [text[h.start : h.end] for h in hits if any(f == family for f, _ in h.cue.families)]
        unique_terms = list(dict.fromkeys(surface_terms))
        families.append(
            {
                "family": family,
                "name": family_name(family),
                "score": round(scores[family] / total, 3),
                "why": (
                    _family_why(family, unique_terms, ref)
                    if unique_terms
                    else "手がかりになる言葉が見つかりませんでした。"
                ),
            }
        )

    evidence_dicts = [e.as_dict(ref) for e in evidence]
    target_occ = ref.get(target if target is not None else FAMILY_MEMBERS[ranked[0]].representative)
    if target is not None and target_occ is None:
        raise UnknownOccupation(target)
    # Only a target the person chose steers the 自己PR; the automatic one is just the best family's occupation.
    appeal_points = appeal.appeal_points(
        evidence_dicts, ref, text, ranked, target=target_occ if target is not None else None
    )
    for quoted in evidence_dicts:
        start, end = origin[quoted["start"]], origin[quoted["end"]]
        quoted.update(start=start, end=end, span=sent[start:end])
    result: dict[str, Any] = {
        "status": "ok" if top > 0 else "no_signal",
        "message": ""
        if top > 0
        else (
            "経験の文章から、6つの職種につながる手がかりを見つけられませんでした。"
            "何を、どのように進めたのかを具体的に書き足すと読み取りやすくなります。"
        ),
        "families": families,
        "evidence": evidence_dicts,
        "appeal_points": appeal_points,
        "gaps": [],
        "skills_to_build": None,
        "next_steps": [],
        "target": None,
        "attribution": ref.attribution,
        "note": "根拠はあなたの文章からそのまま引用しています。自己PRの文は引用した内容だけを言い換えたもので、"
        "書かれていない数字や名前は加えていません。",
    }
    if target_occ is not None and (top > 0 or target is not None):
        covered = {h.cue.skill for e in evidence for h in hits if e.start <= h.start and h.end <= e.end}
        result["target"] = {"jobtag_id": target_occ.jobtag_id, "title": target_occ.title}
        result["gaps"] = gaps.gaps_for_evidence(covered, target_occ, ref)
        result["skills_to_build"] = gaps.skills_to_build(covered, target_occ, ref, result["gaps"])
        result["next_steps"] = gaps.next_steps(result["gaps"], target_occ, ref, result["skills_to_build"])
    return result


class UnknownOccupation(LookupError):
    def __init__(self, jobtag_id: int) -> None:
        super().__init__(f"jobtag ID {jobtag_id} の職業はありません。")
        self.message = f"jobtag ID {jobtag_id} の職業はありません。"


# --- a quote as a line of its own (the documents editor puts quotes into a job's 業務内容) ----------------------

# What may end a line: a noun (体言止め, the usual 業務内容 line: レジ締めと売上日報の作成, 新人5名の教育を担当), a
# finished predicate (…入力しました, …管理する) or 「など」.
_LINE_END_NOUNS: Final = ("名詞", "代名詞")
# The pieces that only link a clause cut before 「、」 to the next one, after a noun: する's 連用形 and the て, いる
# or おる after it (…を管理し, …をして, …しており).
_LINKING_VERBS: Final = {"する", "いる", "おる"}


def quote_as_line(text: str, start: int, end: int) -> str | None:
    """The quote text[start:end] as a line of its own, or None when it cannot be one.

    The translator cuts its quotes at 「、」 (ADR 0032), so most are clauses of a longer sentence. One that ends like
    a line — a noun, a finished predicate — is returned as written. One that ends in a する that only linked it to
    the next clause loses that ending, which leaves a noun (「部費20万円を管理し」→「部費20万円を管理」,
    「レジ締めをして」→「レジ締め」). Any other clause hangs on what followed it and reads as broken Japanese on its
    own line (「参加者の名簿をExcelで作り」, 「売上を日報にまとめ」): None. The result is always text[start:start+n]:
    the person's own words, nothing added or changed."""
    from .sudachi import tokens

    toks = tokens(text[start:end])
    core = len(toks)
    while core and toks[core - 1].part_of_speech()[0] in ("補助記号", "空白"):
        core -= 1  # a closing 」 stays with the line; the word before it decides
    if not core:
        return None
    if _ends_a_line(toks, core):
        return text[start:end]
    cut = core
    while cut and _links_on(toks[cut - 1]):
        cut -= 1
    if cut == core or not any(t.dictionary_form() == "する" for t in toks[cut:core]):
        return None
    if cut > 1 and toks[cut - 1].surface() == "を":
        cut -= 1  # 「レジ締めをして」: the noun before を is the duty
    if cut and toks[cut - 1].part_of_speech()[0] in _LINE_END_NOUNS and _ends_a_line(toks, cut):
        return text[start : start + sum(len(t.surface()) for t in toks[:cut])]
    return None


def _links_on(tok: Any) -> bool:
    tags = tok.part_of_speech()
    if tags[0] == "助詞":
        return tags[1] == "接続助詞" and tok.surface() in ("て", "で")
    return tags[0] == "動詞" and tok.dictionary_form() in _LINKING_VERBS and tags[5].startswith("連用形")


def _ends_a_line(toks: list[Any], n: int) -> bool:
    last = toks[n - 1]
    tags = last.part_of_speech()
    if tags[0] in _LINE_END_NOUNS or (tags[0] == "接尾辞" and tags[1] == "名詞的"):
        before = toks[n - 2] if n > 1 else None
        # 「名簿をExcelで作り」「日報にまとめ」: Sudachi tags the 連用形 as a noun; after を・に・で it is the verb
        # linking on to the next clause, not a noun that ends a line.
        return not (
            before is not None
            and before.part_of_speech()[1] == "格助詞"
            and before.surface() != "の"
            and _verb_stem(last.surface())
        )
    if tags[0] in ("動詞", "助動詞", "形容詞"):
        return tags[5].startswith("終止形")
    return tags[0] == "助詞" and last.surface() == "など"


def _verb_stem(surface: str) -> bool:
    """Whether a word is a verb's 連用形 (作り, まとめ, 受け付け): followed by ます it reads as that verb."""
    from .sudachi import tokens

    read = tokens(surface + "ます")
    return (
        len(read) == 2
        and read[0].surface() == surface
        and read[0].part_of_speech()[0] == "動詞"
        and read[0].part_of_speech()[5].startswith("連用形")
    )


# 毎日照合 → 日次照合: how a 職務経歴書 writes a duty's rhythm before its noun.
_RHYTHM: Final = {"毎日": "日次", "毎週": "週次", "毎月": "月次", "毎年": "年次"}
# The tense and politeness at a sentence's end (…しました, …しています): the duty is the same without them.
_TENSE: Final = {"ます", "た", "です", "だ"}
# Verbs that only say the duty was done (「収支報告を行いました」): the noun before them is the duty.
_DOING: Final = {"する", "行う", "致す"}


def duty_line(line: str) -> str | None:
    """A line of her text (quote_as_line's) in a 職務経歴書's style: 体言止め or 「〜を担当」, never the polite past of
    a story (「…原因を探しました」) nor a verb stem left hanging (「売上と現金を毎日照合」). By rule on Sudachi's tokens:

    - tense and politeness go (しました, しています, でした);
    - a する/行う after a noun goes with its を: 「部費を管理しました」→「部費を管理」, 「収支報告を行いました」→「収支報告」;
    - 「Xを（毎日）N」 with N a サ変 noun becomes 「Xの（日次）N」: 「売上と現金を毎日照合」→「売上と現金の日次照合」;
      「Xを担当」 stays, it is the style;
    - another verb with its を-object ends in its dictionary form (「…原因を探す」), or 「Xの見直し」 where its
      連用形 is a noun of its own. Never 「…業務を担当」 there: 「研修を受けた」 would become a duty she never had;
    - anything else (「任されました」, 「受け付けたい」, a clause hanging on the next) is no line: None.

    No word is added but the fixed 「の」 and the rhythm words; every other word is hers."""
    from .sudachi import tokens

    toks = tokens(line.strip())
    n = len(toks)
    while n and toks[n - 1].part_of_speech()[0] in ("補助記号", "空白"):
        n -= 1
    while n and _tense_or_link(toks[n - 1]):
        n -= 1
    if not n:
        return None

    def head(k: int) -> str:
        return "".join(t.surface() for t in toks[:k])

    last = toks[n - 1]
    tags = last.part_of_speech()
    if tags[0] == "動詞" and last.dictionary_form() in _DOING:
        n -= 1
        if n and toks[n - 1].surface() == "を" and last.dictionary_form() != "する":
            n -= 1  # 「収支報告を行い」: the object is the duty
        elif n and toks[n - 1].surface() == "を":
            n -= 1  # 「レジ締めをして」
        if not n or toks[n - 1].part_of_speech()[0] not in _LINE_END_NOUNS:
            return None
        last, tags = toks[n - 1], toks[n - 1].part_of_speech()
    if tags[0] in _LINE_END_NOUNS or (tags[0] == "接尾辞" and tags[1] == "名詞的"):
        if not _ends_a_line(toks, n):
            return None
        if tags[2] == "サ変可能" and last.surface() != "担当":
            k = n - 2
            rhythm = ""
            if k >= 0 and toks[k].surface() in _RHYTHM:
                rhythm = _RHYTHM[toks[k].surface()]
                k -= 1
            if k > 0 and toks[k].surface() == "を":
                return head(k) + "の" + rhythm + last.surface()
        return head(n)
    if tags[0] == "動詞" and n > 1 and toks[n - 2].surface() == "を":
        noun = tokens(last.surface())
        if len(noun) == 1 and noun[0].part_of_speech()[0] == "名詞" and tags[5].startswith("連用形"):
            return head(n - 2) + "の" + last.surface()  # 「伝票を見直し」→「伝票の見直し」
        return head(n - 1) + last.dictionary_form()
    if tags[0] == "助詞" and last.surface() == "など" and n > 1:
        return head(n)  # 「伝票整理など」
    return None


# Joining two duty lines (duty_lines_joined, ADR 0137): both short, the first a check whose result the second
# follows up (「売上の日次照合」 then 「差異の原因調査」), or both of one object.
JOIN_MAX_CHARS: Final = 20
_CHECKS: Final = ("照合", "突合", "確認", "点検", "チェック", "検品", "検算", "棚卸")
_FOLLOW_UPS: Final = ("調査", "確認", "修正", "訂正", "特定")
# What a check finds: the object of a follow-up that elaborates it.
_CHECK_RESULTS: Final = {
    "差",
    "差異",
    "差額",
    "不一致",
    "ズレ",
    "ずれ",
    "誤り",
    "ミス",
    "エラー",
    "不備",
    "過不足",
}


def _object_and_action(line: str) -> tuple[list[str], str] | None:
    """「売上の日次照合」→ (["売上"], "照合"); 「差異の原因調査」→ (["差異"], "原因調査"): the words before the line's
    last の and the nouns after it, its last a サ変 noun, the rhythm word (日次…) dropped. None for any other shape
    (「…を担当」, 「…を探す」, a line without の): only a line in the noun style duty_line gives is joined."""
    from .sudachi import tokens

    toks = tokens(line)
    at = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].surface() == "の"), None)
    if not at or at == len(toks) - 1:
        return None
    action = toks[at + 1 :]
    if any(t.part_of_speech()[0] != "名詞" for t in action) or action[-1].part_of_speech()[2] != "サ変可能":
        return None
    words = [t.surface() for t in action]
    if len(words) > 1 and words[0] in _RHYTHM.values():
        words = words[1:]
    return [t.surface() for t in toks[:at] if t.part_of_speech()[0] == "名詞"], "".join(words)


def duty_lines_joined(first: str, second: str) -> str | None:
    """One 業務内容 line for two of her duty lines (duty_line's) that say one duty, or None — conservative: both
    short (JOIN_MAX_CHARS), both 「XのN」, and the second clearly elaborates the first:
    - the first is a check (照合, 確認…) and the second a follow-up (調査, 確認, 修正…) of what a check finds (差異,
      誤り…): 「売上の日次照合」+「差異の原因調査」→「売上の日次照合（差異の原因調査を含む）」;
    - both act on the same object: 「請求書の発行」+「請求書の発送」→「請求書の発行（発送を含む）」.
    Two duties that only sit side by side (「売上の集計」「新人の教育」, 「売上の照合」「現金の照合」) stay two lines.
    Nothing is added but 「（…を含む）」; the words are hers."""
    if len(first) > JOIN_MAX_CHARS or len(second) > JOIN_MAX_CHARS or first == second:
        return None
    a, b = _object_and_action(first), _object_and_action(second)
    if a is None or b is None:
        return None
    (object1, action1), (object2, action2) = a, b
    if action1 == action2:
        return None  # the same work on two things: two duties, or one line she wrote as two
    if action1.endswith(_CHECKS) and action2.endswith(_FOLLOW_UPS) and set(object2) & _CHECK_RESULTS:
        return f"{first}（{second}を含む）"
    if object1 and object1 == object2:
        return f"{first}（{action2}を含む）"
    return None


def _tense_or_link(tok: Any) -> bool:
    tags = tok.part_of_speech()
    if tags[0] == "助動詞":
        return tok.dictionary_form() in _TENSE
    if tags[0] == "助詞":
        return tags[1] == "接続助詞" and tok.surface() in ("て", "で")
    return tags[0] == "動詞" and tags[1] == "非自立可能" and tok.dictionary_form() in ("いる", "おる")
