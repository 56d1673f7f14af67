"""The seeker's profile (seekers app) ⇄ JSON Resume.

The profile stores 学歴・職歴 as 履歴書 rows (年・月・内容), so import writes rows such as 「東都大学 経済学部 入学」
「株式会社ミナト食品 入社」「一身上の都合により退職」 and export reads them back into education and work entries.
Fields the profile has no place for live in ProfileResume (see models.py) and are merged back by company or
school name. Reads and writes go through the seekers app's services, never its model internals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from bonavi.compliance.textparse import employment_types
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.text import nfkc, to_hiragana
from bonavi.seekers.catalog import QUALIFICATIONS

from .jsonresume import (
    MAX_HIGHLIGHTS,
    MAX_POSITION,
    ResumeInputError,
    last_bracket_group,
    resume_from_json,
    resume_to_json,
    schema_errors,
)
from .layout import CONTRACTED, DISPATCH, PLANNED_HIRE, work_lines
from .model import EMPLOYMENT_TYPES, END_REASONS, Resume, YearMonth
from .models import ProfileResume


class ProfileImportError(ValueError):
    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def profile_available(user: Any) -> bool:
    return bool(getattr(user, "is_seeker", False))


# --- JSON Resume → profile ---------------------------------------------------------------------------------

_SPACE = re.compile(r"[\s\u3000]+")


def _split_name(name: str) -> tuple[str, str]:
    parts = _SPACE.split(name.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0] if parts else "", "")


def _school_label(institution: str, area: str, study_type: str) -> str:
    course = study_type if study_type.endswith(("科", "課程", "コース")) else ""
    return " ".join(p for p in (institution, area, course) if p)


def history_rows(resume: Resume) -> list[Mapping[str, Any]]:
    rows: list[Mapping[str, Any]] = []
    for e in resume.education:
        label = _school_label(e.institution, e.area, e.study_type)
        if e.start:
            rows.append(
                {"kind": "education", "year": e.start.year, "month": e.start.month, "text": f"{label} 入学"}
            )
        if e.end:
            rows.append(
                {"kind": "education", "year": e.end.year, "month": e.end.month, "text": f"{label} {e.status}"}
            )
    # The 履歴書's own words (layout.work_lines): 「…に派遣社員として登録」「（派遣先）に派遣（…）」「…と業務委託契約を
    # 締結」「…でアルバイトとして勤務」 and the end row in each type's words. The profile had 「入社（派遣社員）」, which
    # says she joined the company she was sent to. A line printed under the one above (the 派遣先) takes its 年月;
    # the position row is left out (the profile keeps the position with the rest of the job, ProfileResume).
    works = sorted((w for w in resume.work), key=lambda w: (w.start or YearMonth(2200, 1)).index)
    ym: YearMonth | None = None
    for line in work_lines(works):
        ym = line.ym if line.kind == "start" else line.ym or ym
        if ym is None or line.kind == "position":
            continue
        rows.append({"kind": "work", "year": ym.year, "month": ym.month, "text": line.text})
    return rows


def _job_start(text: str) -> tuple[str, str, bool] | None:
    """(company, 雇用形態, written with 入社) of a row that starts a job, as the export reads it (_work)."""
    text = text.strip()
    if joined := _JOIN.match(text):
        bracket = (joined.group("etype") or "").strip()
        etype = bracket if is_employment_type(bracket) else ""
        return _norm(joined.group("name")), "" if etype == "正社員" else etype, True
    if printed := _as_printed(text):
        return _norm(printed[0]), printed[1], False
    if own := _OWN_JOB.match(text):
        return _norm(own.group("name")), "" if own.group("etype") == "正社員" else own.group("etype"), False
    return None


def _her_words(rows: list[Mapping[str, Any]], typed: list[dict[str, Any]]) -> list[Mapping[str, Any]]:
    """The import's rows with a job's start row she typed herself kept as she typed it: importing her own export
    (or a document made from her profile) rewrote 「株式会社〇〇 入社（アルバイト）」 as 「…でアルバイトとして勤務」.
    Kept only when her row, in the same 年月, starts the same job with the same 雇用形態 — and never a 派遣's or
    業務委託's 「入社」, which says she joined a company she did not (ADR 0150)."""
    out: list[Mapping[str, Any]] = []
    for row in rows:
        new = _job_start(str(row["text"])) if row["kind"] == "work" else None
        same = [
            mine["text"]
            for mine in typed
            if new is not None
            and (mine["year"], mine["month"]) == (row["year"], row["month"])
            and (old := _job_start(str(mine["text"]))) is not None
            and old[:2] == new[:2]
            and not (old[2] and (old[1] in DISPATCH or old[1] in CONTRACTED))
        ]
        out.append({**row, "text": same[0]} if same else row)
    return out


_SCORE = re.compile(r"^(?P<name>.+?)\s*(?P<score>\d{1,4})点$")


def _qualification_of(name: str) -> dict[str, Any]:
    """A certificate as a profile row: one of the profile's list (by its official or everyday name) keeps its code,
    and its score, which export writes as 「… 650点」, goes back to the score; anything else stays free text."""
    scored = _SCORE.match(nfkc(name).strip())
    for q in QUALIFICATIONS:
        if _norm(name) in (_norm(q.official), _norm(q.name)):
            return {"code": q.code}
        if q.has_score and scored and _norm(scored["name"]) in (_norm(q.official), _norm(q.name)):
            return {"code": q.code, "score": int(scored["score"])}
    return {"name": name}


def profile_import(*, user: Any, resume: Resume, document: dict[str, Any]) -> None:
    """Fill the seeker's profile from a parsed JSON Resume; all or nothing."""
    from bonavi.seekers import services as seekers

    b = resume.basics
    family, given = _split_name(b.name)
    family_kana, given_kana = _split_name(to_hiragana(b.furigana))
    address = b.location.full
    data = {
        "family_name": family,
        "given_name": given,
        "family_name_kana": family_kana,
        "given_name_kana": given_kana,
        "phone": b.phone,
        "postal_code": b.location.postal_code,
        "address": address,
        "birth_date": b.birth_date,
        "gender": b.gender,
    }
    qualifications: list[Mapping[str, Any]] = [
        {
            **_qualification_of(c.name),
            "acquired_year": c.date.year if c.date else None,
            "acquired_month": c.date.month if c.date else None,
        }
        for c in resume.certificates
    ]
    typed = seekers.profile_snapshot(seekers.profile_get_or_create(user=user))["work_history"]
    try:
        with transaction.atomic():
            seekers.profile_update(
                user=user,
                data=data,
                history=_her_words(history_rows(resume), typed),
                qualifications=qualifications,
            )
            ProfileResume.objects.update_or_create(owner=user, defaults={"data": document})
    except seekers.SeekerInvalid as exc:
        raise ProfileImportError(
            [f"{field}: {m}" if field != "__all__" else m for field, msgs in exc.errors.items() for m in msgs]
        ) from None


# --- profile → JSON Resume ---------------------------------------------------------------------------------

_EDU_VERB = re.compile(
    r"^(?P<label>.+?)\s*(?P<verb>入学|編入学|卒業見込み|卒業|修了見込み|修了|中途退学|中退|在学中)$"
)
_JOIN = re.compile(r"^(?P<name>.+?)\s*(?:に)?(?:入社|入職|入所)(?:（(?P<etype>[^）]+)）)?$")
_LEAVE = re.compile(r"退職|退社|退所|満了|契約終了")
_CLOSING = re.compile(r"[（(]?現在に至る[）)]?|以上")
# A job written without 入社, as people with part-time work often do: 「株式会社〇〇 アルバイト（現在に至る）」, and
# with what she did there in brackets, 「カフェ青葉 アルバイト（ホールスタッフ）」: the bracket is the job's 役職 (read
# as part of the name, the 履歴書 printed 「カフェ青葉 アルバイト（ホールスタッフ） 入社」, a part-timer 入社).
_OWN_JOB = re.compile(
    r"^(?P<name>.+?)\s*[（(]?(?P<etype>アルバイト|パート|契約社員|派遣社員|正社員|業務委託)[）)]?"
    r"\s*(?:[（(](?!現在に至る)(?P<role>[^（）()]+)[）)])?"
    r"\s*(?:[（(]?現在に至る[）)]?)?$"
)
_ETYPE_JOINERS = re.compile(r"[\s・/／、]+")
# A job written as the 履歴書 prints it (layout._company_line, ADR 0139/0150), which is what she copies from one:
# 「カフェ・ブルーム 新宿東口店でアルバイトとして勤務」, 「…に派遣社員として登録」, 「…と業務委託契約を締結」. Read
# as anything else, the second such row became a 昇格・異動 note under the first job, and the document had one job.
_AS_PRINTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?P<name>.+?)\s*(?:で|にて)(?P<etype>パート・アルバイト|アルバイト・パート|アルバイト|パートタイマー|パート"
            r"|派遣社員|契約社員|嘱託社員)として(?:勤務|就業)(?:開始)?(?:[（(](?P<kind>[^）)]*)[）)])?$"
        ),
        "",
    ),
    (
        re.compile(r"^(?P<name>.+?)\s*に(?:派遣社員として|派遣)登録(?:[（(](?P<kind>[^）)]*)[）)])?$"),
        "派遣社員",
    ),
    (re.compile(r"^(?P<name>.+?)\s*と業務委託契約を?締結$"), "業務委託"),
)


def _as_printed(text: str) -> tuple[str, str] | None:
    """(company, 雇用形態) of a row written as the 履歴書 prints a job, else None. 「（紹介予定派遣）」 after a 派遣 is
    its 雇用形態: read as plain 派遣社員, a 紹介予定派遣 came back from the profile as an ordinary 派遣."""
    for pattern, etype in _AS_PRINTED:
        if m := pattern.match(text):
            etype = etype or m.group("etype")
            kind = (m.groupdict().get("kind") or "").strip()
            return m.group("name"), PLANNED_HIRE if etype == "派遣社員" and kind == PLANNED_HIRE else etype
    return None


# The 派遣先 line under a 派遣 registration: 「株式会社△△に派遣（経理事務）」.
_DISPATCHED = re.compile(r"^(?P<to>.+?)\s*に派遣(?P<job>[（(].*[）)])?$")


def _dispatched(text: str) -> tuple[str, str] | None:
    """(派遣先, 部署・役職) of a 「…に派遣（…）」 row; the position is the whole bracket after 派遣, brackets nested
    in it kept (「に派遣（経理部（連結チーム））」), as the editor's 派遣先 lines read it (ADR 0150, s20)."""
    m = _DISPATCHED.match(text)
    if m is None:
        return None
    job = m.group("job") or ""
    if job and last_bracket_group(job) != 0:
        return None  # 「に派遣（経理）（連結）」: two groups, no one position
    return m.group("to"), job[1:-1].strip()


def is_employment_type(word: str) -> bool:
    """Whether a bracket after 入社 names a 雇用形態 (正社員, 契約社員, パート・アルバイト, 業務委託…) — the words the
    posting checker knows (compliance.textparse) plus the editor's own list — and nothing else. 「入社（営業事務）」
    names the job: read as 雇用形態 the 職務経歴書 printed 「雇用形態：営業事務」."""
    word = nfkc(word).strip()
    if word in EMPLOYMENT_TYPES and word != "その他":
        return True
    found = employment_types(word)
    rest = word
    for _kind, start, end in reversed(found):
        rest = rest[:start] + rest[end:]
    return bool(found) and not _ETYPE_JOINERS.sub("", rest)


_CITY = re.compile(r"^(.+?郡.+?[町村]|.+?市.+?区|.+?[市区町村])")


def _norm(text: str) -> str:
    return _SPACE.sub("", nfkc(text))


def _split_address(address: str) -> tuple[str, str, str]:
    region = next((p for p in PREFECTURES.values() if address.startswith(p)), "")
    rest = address[len(region) :]
    m = _CITY.match(rest)
    city = m.group(1) if m else ""
    return region, city, rest[len(city) :]


def _education(rows: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    open_by_label: dict[str, dict[str, Any]] = {}
    for r in rows:
        ym = YearMonth(r["year"], r["month"]).iso()
        m = _EDU_VERB.match(r["text"].strip())
        label, verb = (m.group("label"), m.group("verb")) if m else (r["text"].strip(), "卒業")
        if verb in ("入学", "編入学"):
            entry = {"label": label, "startDate": ym}
            out.append(entry)
            open_by_label[_norm(label)] = entry
            continue
        found = open_by_label.pop(_norm(label), None)
        if found is None:
            found = {"label": label}
            out.append(found)
        entry = found
        entry["endDate"] = ym
        entry["status"] = "中途退学" if verb == "中退" else verb
    result = []
    for entry in out:
        label = entry.pop("label")
        match = next(
            (
                e
                for e in extra
                if _norm(_school_label(e.get("institution", ""), e.get("area", ""), e.get("studyType", "")))
                == _norm(label)
            ),
            None,
        )
        if match:
            fields = {k: match[k] for k in ("institution", "area", "studyType") if match.get(k)}
        else:
            institution, _, area = label.partition(" ")
            fields = {"institution": institution, "area": area}
        result.append(
            {
                **fields,
                **entry,
                "status": entry.get("status", match.get("status", "卒業") if match else "卒業"),
            }
        )
    return result


def _work(rows: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in rows:
        ym = YearMonth(r["year"], r["month"]).iso()
        text = r["text"].strip()
        if _CLOSING.fullmatch(text):  # the 履歴書 writes 現在に至る・以上 itself
            continue
        joined = _JOIN.match(text)
        if joined:
            bracket = (joined.group("etype") or "").strip()
            # 「入社（営業事務）」 is the job's title; only a 雇用形態 word is the employment type.
            key = "employmentType" if is_employment_type(bracket) else "position"
            out.append({"name": joined.group("name"), "startDate": ym, **({key: bracket} if bracket else {})})
        elif printed := _as_printed(text):
            out.append({"name": printed[0], "startDate": ym, "employmentType": printed[1]})
        elif (
            (sent := _dispatched(text))
            and out
            and out[-1].get("employmentType") in DISPATCH
            and "endDate" not in out[-1]
        ):
            # The first 「…に派遣（…）」 under a registration is its 派遣先; each later one (a 派遣先 she was sent to
            # next, under the same 派遣元) is one of its assignments, from that row's 年月.
            to, job = sent
            if "dispatchedTo" not in out[-1]:
                out[-1]["dispatchedTo"] = to
                if job:
                    out[-1].setdefault("position", job)
            else:
                later = {"name": to, "startDate": ym}
                out[-1].setdefault("assignments", []).append(later | ({"position": job} if job else {}))
        elif _LEAVE.search(text) and out:
            target = next(
                (w for w in reversed(out) if "endDate" not in w and _norm(w["name"]) in _norm(text)), None
            )
            target = target or next((w for w in reversed(out) if "endDate" not in w), None)
            if target is not None:
                target["endDate"] = ym
                target["endReason"] = (
                    text if text in END_REASONS else text.replace(target["name"], "").strip() or "退職"
                )
        elif own := _OWN_JOB.match(text):
            role = {"position": own.group("role").strip()} if own.group("role") else {}
            out.append(
                {"name": own.group("name"), "startDate": ym, "employmentType": own.group("etype"), **role}
            )
        elif out:
            # A note on the last job (昇格, 配属, 異動): `milestones` keeps each row with its 年月, which the 履歴書
            # prints as its own row and importing this export writes back (the download also joins the texts
            # into the position: _milestones_in_position).
            out[-1].setdefault("milestones", []).append({"date": ym, "text": text})
        elif text:  # a first row that is no 入社: still a job on the 履歴書, not 職歴「なし」
            out.append({"name": re.sub(r"\s*[（(]?現在に至る[）)]?$", "", text) or text, "startDate": ym})
    # Details the profile has no place for attach by company name; a repeated name (two spells at one company)
    # is told apart by the start month. Dates and reasons always come from the profile's rows.
    details = (
        "position",
        "employmentType",
        "dispatchedTo",
        "employees",
        "description",
        "summary",
        "highlights",
        "function",
    )
    used: set[int] = set()
    for w in out:
        same = [
            i for i, e in enumerate(extra) if i not in used and _norm(e.get("name", "")) == _norm(w["name"])
        ]
        exact = [i for i in same if extra[i].get("startDate", "")[:7] == w["startDate"]]
        pick = exact[0] if exact else (same[0] if len(same) == 1 else None)
        if pick is None:
            continue
        used.add(pick)
        for key in details:
            if key in extra[pick]:
                w.setdefault(key, extra[pick][key])
        _own_lines_per_assignment(w, extra[pick])
    return out


_PER_ASSIGNMENT = ("duties", "achievements")


def _own_lines_per_assignment(w: dict[str, Any], kept: dict[str, Any]) -> None:
    """Her 業務内容 and 実績 per 派遣先, as her profile keeps them (ProfileResume, from the JSON Resume or document
    she imported into it), onto the 派遣先 her 職歴 rows name (ADR 0150, s20): 「プロフィールから作成」 left every
    派遣先 without them. Lines go only to the 派遣先 they were written for, matched by name (and, for a later
    派遣先 named twice, by its 年月); a 派遣先 her rows no longer name takes nothing, and none are made up."""
    if w.get("employmentType") not in DISPATCH or not w.get("dispatchedTo"):
        return
    if _norm(str(kept.get("dispatchedTo", ""))) == _norm(str(w["dispatchedTo"])):
        for key in ("dispatchedDuties", "dispatchedAchievements"):
            if isinstance(kept.get(key), list) and kept[key]:
                w.setdefault(key, list(kept[key]))
    mine = [a for a in kept.get("assignments", []) if isinstance(a, dict) and a.get("name")]
    taken: set[int] = set()
    for a in w.get("assignments", []):
        same = [i for i, k in enumerate(mine) if i not in taken and _norm(str(k["name"])) == _norm(a["name"])]
        exact = [i for i in same if str(mine[i].get("startDate", ""))[:7] == a["startDate"]]
        pick = exact[0] if exact else (same[0] if len(same) == 1 else None)
        if pick is None:
            continue
        taken.add(pick)
        for key in _PER_ASSIGNMENT:
            if isinstance(mine[pick].get(key), list) and mine[pick][key]:
                a.setdefault(key, list(mine[pick][key]))


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_CORPORATE = re.compile(r"株式会社|有限会社|合同会社|一般社団法人|[（(]株[）)]|[（(]有[）)]")


def _name_keys(name: str) -> set[str]:
    """What a sentence may call a job's company: its whole name without 株式会社 etc., and each word of it of two
    or more characters — 「カフェ・ブルーム 新宿東口店」 is 「カフェ・ブルーム」 in 「カフェ・ブルームではレジ締めを…」,
    and 「みほんダイニング（新宿店）」 is 「みほんダイニング」. The whole name alone missed every shop named by its brand."""
    bare = _CORPORATE.sub("", name)
    keys = {_norm(bare), *(_norm(part) for part in _NAME_PARTS.split(bare))}
    return {k for k in keys if len(k) >= 2}


_NAME_PARTS = re.compile(r"[\s\u3000（）()「」/／]+")


def _experience_into_work(work: list[dict[str, Any]], experience: str) -> None:
    """The profile's 経験 text into the 業務内容 of the job it tells of, sentence by sentence (ADR 0145, 0150): a
    document made from the profile left every 業務内容 empty, though she had written 「飲食店のアルバイトで売上集計と…」.
    A sentence is the job's whose company it names (the most fully, by _name_keys; a sentence naming two jobs goes
    to neither), else the job whose 雇用形態 (アルバイト, パート) it names when no other job of hers has it.
    So two アルバイト jobs each get the sentences that name their own shop; a sentence naming a 派遣先 becomes a
    業務内容 line of that 派遣先 (ADR 0150, s20). Sentences about anything else (a club's
    会計係, volunteering) go into no job; the editor still offers the whole text for 自己PR. A 業務内容 she has
    already written (kept from an earlier import) stays, and takes no sentence from another job."""
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(experience) if m.group(0).strip()]
    if not sentences or not work:
        return
    types = [str(w.get("employmentType", "")) for w in work]
    # Who a sentence may name: each job by its company, and each 派遣先 of a 派遣 by its own name (ADR 0150, s20)
    # — 「みほん商事では請求書の発行を担当しました。」 is what she did at that 派遣先, not at the 派遣元.
    targets: list[tuple[int, int | None, set[str]]] = []  # (job, None for the job / -1 the first 派遣先 / k)
    for j, w in enumerate(work):
        own = _name_keys(str(w.get("name", "")))
        if types[j] in DISPATCH and w.get("dispatchedTo") and w.get("assignments"):
            targets.append((j, -1, _name_keys(str(w["dispatchedTo"]))))
            for k, a in enumerate(w["assignments"]):
                targets.append((j, k, _name_keys(str(a.get("name", "")))))
        elif types[j] in DISPATCH and w.get("dispatchedTo"):
            own |= _name_keys(
                str(w["dispatchedTo"])
            )  # her only 派遣先: the job's 業務内容 is what she did there
        targets.append((j, None, own))
    mine: dict[tuple[int, int | None], list[str]] = {}
    for sentence in sentences:
        text = _norm(sentence)
        named = [max((k for k in ks if k in text), key=len, default="") for _j, _at, ks in targets]
        best = max(named, key=len)
        if best:
            # The one named most fully; another named only by a part of that name (「みほん書店」 inside
            # 「みほん書店 新宿店」) does not compete, but a sentence naming two different ones goes to neither.
            owners = [targets[t][:2] for t, k in enumerate(named) if k and (k == best or k not in best)]
        else:
            owners = [
                (j, None)
                for j, etype in enumerate(types)
                if etype and etype != "正社員" and types.count(etype) == 1 and etype in sentence
            ]
        if len(owners) == 1:
            mine.setdefault(owners[0], []).append(sentence)
    for (j, at), said in mine.items():
        if at is None:
            if not work[j].get("summary"):
                work[j]["summary"] = "".join(said)
            continue
        # a 派遣先's 業務内容 is one line a duty: each sentence one line, as she wrote it (none cut: a longer one
        # stays out, as the reader would refuse it)
        lines = [t for t in said if len(t) <= 300][:MAX_HIGHLIGHTS]
        place = work[j] if at == -1 else work[j]["assignments"][at]
        key = "dispatchedDuties" if at == -1 else "duties"
        if lines and not place.get(key):
            place[key] = lines


def _milestones_in_position(doc: dict[str, Any]) -> dict[str, Any]:
    """The download for other JSON Resume readers, which do not know the `milestones` extension: each job's
    昇格・異動 texts joined into its position too, as long as they fit its 100 characters — past that the reader
    refused the whole export for a field the person never typed; the position holds the first notes in order,
    never a gap. Only the download: a document keeps them as milestones alone (the reader takes them out of the
    position again, jsonresume._beyond_milestones)."""
    for job in doc.get("work", []):
        position = job.get("position", "")
        for m in job.get("milestones", []):
            joined = f"{position} {m['text']}" if position else m["text"]
            if len(joined) > MAX_POSITION:
                break
            position = joined
        if position:
            job["position"] = position
    return doc


def resume_json_download(user: Any, *, notes: list[str] | None = None) -> dict[str, Any]:
    """The file handed to other readers (the page's download, export_resume): the profile's document with the
    milestone texts joined into the positions as well (_milestones_in_position)."""
    return _milestones_in_position(resume_json_from_profile(user, notes=notes))


def resume_json_from_profile(user: Any, *, notes: list[str] | None = None) -> dict[str, Any]:
    """The seeker's profile as a JSON Resume document (validated against the fields we emit), as a document made
    from the profile takes it (milestones apart from the positions; resume_json_download joins them).

    `notes`, when given, receives a Japanese sentence for each profile value the document could not carry."""
    from bonavi.seekers import services as seekers

    profile = seekers.profile_get_or_create(user=user)
    snap = seekers.profile_snapshot(profile)
    stored = ProfileResume.objects.filter(owner=user).first()
    extra: dict[str, Any] = dict(stored.data) if stored else {}
    eb = extra.get("basics", {})
    eloc = eb.get("location", {})
    if _norm(eloc.get("region", "") + eloc.get("city", "") + eloc.get("address", "")) == _norm(
        snap["address"]
    ):
        region, city, address = eloc.get("region", ""), eloc.get("city", ""), eloc.get("address", "")
    else:
        region, city, address = _split_address(snap["address"])
    name = " ".join(p for p in (snap["family_name"], snap["given_name"]) if p)
    kana = " ".join(p for p in (snap["family_name_kana"], snap["given_name_kana"]) if p)
    issuer = {_norm(c.get("name", "")): c.get("issuer", "") for c in extra.get("certificates", [])}
    certificates = []
    for q in snap["qualifications"]:
        cert: dict[str, Any] = {
            "name": q["name"]
            + (f" {q['score']}点" if q.get("score") and str(q["score"]) not in q["name"] else "")
        }
        if q.get("acquired_year") and q.get("acquired_month"):
            cert["date"] = f"{q['acquired_year']:04d}-{q['acquired_month']:02d}"
        elif q.get("acquired_year") and notes is not None:
            # The profile may hold a year alone, but a 履歴書 row (and our reader) needs 年 and 月; leave the date
            # empty rather than refuse the whole document, and say so.
            notes.append(
                f"資格「{cert['name']}」はプロフィールに取得年（{q['acquired_year']}年）しかないため、"
                "取得年月を空欄にしました。プロフィールか書類の編集画面で取得月まで入力してください。"
            )
        if issuer.get(_norm(q["name"])):
            cert["issuer"] = issuer[_norm(q["name"])]
        certificates.append(cert)
    skills = list(extra.get("skills", []))
    listed = {_norm(s.get("name", "")) for s in skills}
    for skill_name, level in snap["pc_skills"].items():
        if _norm(skill_name) not in listed:
            skills.append({"name": skill_name, "level": level})
    work = _work(snap["work_history"], extra.get("work", []))
    _experience_into_work(work, snap["experience"] or "")
    doc = {
        "basics": {
            **{k: v for k, v in eb.items() if k in ("summary", "label", "url", "image")},
            "name": name,
            "furigana": kana,
            "birthDate": snap["birth_date"] or "",
            "gender": snap["gender"],
            "email": snap["email"],
            "phone": snap["phone"],
            "location": {
                "postalCode": snap["postal_code"],
                "region": region,
                "city": city,
                "address": address,
                "furigana": eloc.get("furigana", ""),
            },
        },
        "education": _education(snap["education"], extra.get("education", [])),
        "work": work,
        "certificates": certificates,
        "skills": skills,
        "x-bonavi": extra.get("x-bonavi", {}),
    }
    try:
        resume = resume_from_json(doc)
    except ResumeInputError as exc:  # a profile edited into something unreadable: say where
        raise ProfileImportError(exc.messages) from None
    exported = resume_to_json(resume)
    problems = schema_errors(exported)
    if problems:
        raise ProfileImportError(problems)
    return exported


def import_json_resume(*, user: Any, raw: bytes) -> Resume:
    from .jsonresume import resume_from_bytes

    try:
        resume = resume_from_bytes(raw)
    except ResumeInputError as exc:
        raise ProfileImportError(exc.messages) from None
    document = resume_to_json(resume, include_photo=False)
    profile_import(user=user, resume=resume, document=document)
    return resume
