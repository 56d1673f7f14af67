"""JSON Resume ⇄ the typed document model.

JSON Resume (jsonresume.org, schema v1) carries what it can; the Japanese parts travel in extension fields, which
the schema allows. The fields and their meaning are listed in docs/decisions/0050-document-model-and-json-resume.md
(`basics.furigana`, `basics.birthDate`, `basics.gender`, `education[].status`, `work[].employmentType`,
`work[].dispatchedTo` (派遣先, ADR 0150), `work[].assignments` (the later 派遣先 under the same 派遣元, each
`{"name", "position", "startDate", "duties", "achievements"}`), `work[].dispatchedDuties` and
`work[].dispatchedAchievements` (業務内容 and 実績 at the first 派遣先),
`work[].employees`, `work[].endReason`, `work[].function`,
`work[].milestones`, `x-bonavi.*`).

Input is untrusted: every problem becomes a `ResumeInputError` whose messages are Japanese and name the field, and
nothing is half-read. Size limits keep a pasted 5,000-row file from becoming 5,000 rows in the database.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from typing import Any, Final

from django.core.exceptions import ValidationError
from jsonschema import Draft7Validator

from bonavi.core.clock import today_jst
from bonavi.core.contact import normalize_phone, normalize_postal_code
from bonavi.core.text import strip_control, widen_kana
from bonavi.core.validators import reject_markup

from .model import (
    Address,
    Assignment,
    Basics,
    Certificate,
    CvFormat,
    DateStyle,
    Education,
    Milestone,
    Resume,
    Skill,
    Work,
    YearMonth,
)

MAX_BYTES: Final = 3 * 1024 * 1024  # a document with a 2 MB photo as base64 fits
MAX_ROWS: Final = {"education": 30, "work": 40, "certificates": 40, "skills": 40}
MAX_HIGHLIGHTS: Final = 20
MAX_SELF_PR: Final = 10
MAX_TEXT: Final = 2000
MAX_SHORT: Final = 200
MAX_POSITION: Final = 100  # work[].position (部署・役職), as the editor's field

# Keys that would carry what 職業安定法5条の5 keeps out of hiring. We never store or print them; the review
# points at them so the person knows why they vanished.
UNLAWFUL_KEYS: Final[dict[str, str]] = {
    "honseki": "本籍",
    "domicile": "本籍",
    "birthplace": "出生地",
    "placeOfBirth": "出生地",
    "nationality": "国籍",
    "family": "家族",
    "familyMembers": "家族",
    "spouse": "配偶者",
    "maritalStatus": "配偶者の有無",
    "dependents": "扶養家族数",
    "religion": "宗教",
    "politicalParty": "支持政党",
    "height": "身長",
    "weight": "体重",
    "bloodType": "血液型",
    "housing": "住宅状況",
    "commuteTime": "通勤時間",
}


class ResumeInputError(ValueError):
    """The document cannot be read; `errors` are (path, Japanese message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in errors))

    @property
    def messages(self) -> list[str]:
        return [f"{p}: {m}" if p else m for p, m in self.errors]


class _Reader:
    def __init__(self, *, stored: bool = False) -> None:
        self.errors: list[tuple[str, str]] = []
        # A version saved before a rule existed must still open: rules added later apply to new input only.
        self.stored = stored

    def err(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.err(path, "オブジェクト（{ }）で指定してください。")
            return {}
        return value

    def lst(self, value: Any, path: str, limit: int, label: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(path, "配列（[ ]）で指定してください。")
            return []
        if len(value) > limit:
            self.err(path, f"{label}が{len(value):,}件あります。1つの書類に入れられるのは{limit}件までです。")
            return []
        return value

    def text(self, value: Any, path: str, limit: int = MAX_SHORT, multiline: bool = False) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.err(path, "文字列で指定してください。")
            return ""
        if isinstance(value, float) and not math.isfinite(value):
            # The API's JSON parser reads NaN and Infinity (the upload refuses them): a 氏名 「nan」 was stored.
            self.err(path, f"JSON にない値「{value}」があります。文字列で指定してください。")
            return ""
        # Half-width katakana (ﾀｶｻｷ, from old systems and phone keyboards) printed as narrow, squeezed kana on the
        # 履歴書, which asks for characters written out properly: it is kept full-width, as account names are.
        out = widen_kana(strip_control(str(value))).strip()
        if not multiline:
            out = " ".join(out.split())
        if len(out) > limit:
            self.err(path, f"{limit:,}文字以内にしてください（いま{len(out):,}文字）。")
            return ""
        if not self.stored:
            # The editor's fields refuse markup; an import that kept it left a document no save could pass.
            try:
                reject_markup(out)
            except ValidationError as exc:
                self.err(path, exc.messages[0])
                return ""
        return out

    def _no_such_day(self, value: str, path: str) -> None:
        """「2001年2月29日はありません」for a date in digits, as asked, that the calendar lacks (month 13, day 32 too)."""
        y, m, d = map(int, value.strip().split("-"))
        self.err(path, f"日付「{value}」は正しくありません（{y}年{m}月{d}日はありません）。")

    def ym(self, value: Any, path: str) -> YearMonth | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            self.err(path, '年月は "YYYY-MM" の形式の文字列で指定してください。')
            return None
        parts = value.strip().split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            # YearMonth.parse drops the day unread: 2026-02-30 became 2026年2月 without a word.
            try:
                dt.date(*map(int, parts))
            except ValueError:
                self._no_such_day(value, path)
                return None
        try:
            return YearMonth.parse(value)
        except ValueError:
            if len(parts) in (2, 3) and parts[0].isdigit() and len(parts[0]) == 4 and int(parts[0]) < 1900:
                self.err(path, f"年月「{value}」は古すぎます。1900年1月以降を指定してください。")
                return None
            self.err(
                path, f'年月「{value}」を読めません。"2021-04" のように YYYY-MM の形式で指定してください。'
            )
            return None

    def day(self, value: Any, path: str) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                # Written as asked, but no such day (2001-02-29, 2001-13-01): say that, not that the format is wrong.
                self._no_such_day(value, path)
                return None
            else:
                if day.year >= 1900 or self.stored:
                    return day
                # The same floor as every 年月 (YearMonth); older dates have no 和暦 to print.
                self.err(path, f"日付「{value}」は古すぎます。1900年1月1日以降の日付を入力してください。")
                return None
        self.err(path, f'日付「{value}」を読めません。"1998-06-15" のように YYYY-MM-DD で指定してください。')
        return None

    def choice(self, value: Any, path: str, enum: type[DateStyle] | type[CvFormat], default: Any) -> Any:
        if value in (None, ""):
            return default
        try:
            return enum(value)
        except ValueError:
            allowed = "、".join(e.value for e in enum)
            self.err(path, f"「{value}」は使えません。{allowed} のどれかを指定してください。")
            return default


def _postal_code(r: _Reader, value: Any, path: str) -> str:
    text = r.text(value, path, 10)
    try:
        return normalize_postal_code(text)  # the rule seeker profiles use too (core.contact)
    except ValidationError as exc:
        if not r.stored:
            r.err(path, exc.messages[0])
        return text


def _phone(r: _Reader, value: Any, path: str) -> str:
    """A Japanese number in half-width digits (０９０ー… → 090-…), by the rule company details and profiles use."""
    text = r.text(value, path, 30)
    try:
        return normalize_phone(text)
    except ValidationError as exc:
        # A version stored under the older, looser rule still opens and prints what it had.
        if not r.stored:
            r.err(path, exc.messages[0])
        return text


def _birth_date(r: _Reader, value: Any, path: str) -> dt.date | None:
    """Here, not in a service, so that every path that reads a document (editor, upload, API review and render,
    the CLI) refuses it: a 履歴書 would print 「2030年1月1日生（満-4歳）」."""
    day = r.day(value, path)
    if day is not None and day > today_jst() and not r.stored:
        r.err(path, "生年月日に未来の日付は指定できません。")
    return day


def _address(r: _Reader, raw: dict[str, Any], path: str) -> Address:
    return Address(
        postal_code=_postal_code(r, raw.get("postalCode"), f"{path}.postalCode"),
        region=r.text(raw.get("region"), f"{path}.region", 10),
        city=r.text(raw.get("city"), f"{path}.city", 60),
        address=r.text(raw.get("address"), f"{path}.address", 200),
        furigana=r.text(raw.get("furigana"), f"{path}.furigana", 300),
    )


def _unlawful(raw: dict[str, Any], path: str) -> list[tuple[str, str]]:
    return [
        (f"{path}.{k}", UNLAWFUL_KEYS[k]) for k in raw if k in UNLAWFUL_KEYS and raw[k] not in (None, "", [])
    ]


def _beyond_milestones(position: str, milestones: list[Milestone]) -> str:
    """The position less the milestone texts it repeats. A profile export joins them into the position for JSON
    Resume readers without the `milestones` extension; kept in a document, the editor showed them twice (部署・役職
    and 昇格・異動) and a milestone edited or deleted left its old text to print as an undated row. Only whole
    texts between spaces are taken out, so a milestone 「主任」 leaves a position 「経理課主任」 alone."""
    for m in milestones:
        position = re.sub(rf"(?:^|(?<=\s)){re.escape(m.text)}(?=\s|$)", "", position, count=1)
    return " ".join(position.split()) if milestones else position


MAX_ASSIGNMENTS: Final = 10


def _duties(r: _Reader, value: Any, path: str, what: str = "業務内容の行") -> list[str]:
    """業務内容 (or 実績) at one 派遣先, one line an entry (as `highlights` are the job's 実績)."""
    items = r.lst(value, path, MAX_HIGHLIGHTS, what)
    return [t for j, d in enumerate(items) if (t := r.text(d, f"{path}[{j}]", 300))]


OPENERS: Final = "(（"
CLOSERS: Final = ")）"


def brackets_balanced(text: str) -> bool:
    """Every bracket closed after it opens, half- and full-width alike (「総務課(庶務）」 counts as closed)."""
    depth = 0
    for ch in text:
        depth += (ch in OPENERS) - (ch in CLOSERS)
        if depth < 0:
            return False
    return depth == 0


def balanced(text: str) -> str:
    """`text` with its brackets made to pair: a closing one with no opening one before it is dropped, and each one
    left open is closed at the end, in its own width (「経理部（連結」 → 「経理部（連結）」). The fix the review offers for
    a stored 派遣先 position the editor's line cannot hold (ADR 0150, s21)."""
    out: list[str] = []
    open_ones: list[str] = []
    for ch in text:
        if ch in CLOSERS:
            if not open_ones:
                continue
            open_ones.pop()
        elif ch in OPENERS:
            open_ones.append(ch)
        out.append(ch)
    return "".join(out) + "".join(")" if o == "(" else "）" for o in reversed(open_ones))


def assignment_line(start: str, name: str, position: str) -> str:
    """The editor line of one later 派遣先, written so that forms.read_assignment_line gives the same values back:
    the position in full-width brackets, and an empty 「（）」 after a name that ends in brackets when there is no
    position (else the name's own brackets would be read as the position)."""
    if position:
        return f"{start} {name}（{position}）"
    return f"{start} {name}" + (
        "（）" if last_bracket_group(name) is not None or name[-1:] in CLOSERS else ""
    )


def last_bracket_group(text: str) -> int | None:
    """Where the balanced bracket group that ends `text` opens (half- and full-width count alike, so
    「経理部（連結チーム)」 is one group and brackets nested inside it stay in it); None when it ends in none. The
    部署・役職 of a 派遣先 line (「株式会社□□（経理部（連結チーム））」) is that last group (ADR 0150, s20)."""
    if not text or text[-1] not in CLOSERS:
        return None
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        if text[at] in CLOSERS:
            depth += 1
        elif text[at] in OPENERS:
            depth -= 1
            if depth == 0:
                return at
    return None


def _assignments(
    r: _Reader,
    value: Any,
    p: str,
    dispatched_to: str,
    position: str,
    first: tuple[list[str], list[str]],
) -> tuple[str, str, tuple[list[str], list[str]], list[Assignment]]:
    """`work[].assignments`: the 派遣先 after `dispatchedTo`, each from its `startDate`. A file that lists every
    派遣先 there, the first included (as another tool may write it), is read the same: a first entry without
    `dispatchedTo`, or naming it, is the first 派遣先 (its position the job's when the job has none), so no
    派遣先 prints twice; its `duties` and `achievements` are the first's when `dispatchedDuties` /
    `dispatchedAchievements` give none. Returns (first 派遣先, position, the first's (duties, achievements), later
    派遣先 in date order)."""
    items = r.lst(value, f"{p}.assignments", MAX_ASSIGNMENTS, "派遣先")
    read: list[tuple[int, str, str, YearMonth | None, list[str], list[str]]] = []
    for j, a in enumerate(items):
        a = r.obj(a, f"{p}.assignments[{j}]")
        name = r.text(a.get("name"), f"{p}.assignments[{j}].name", 100)
        job = r.text(a.get("position"), f"{p}.assignments[{j}].position", MAX_POSITION)
        if job and not r.stored and not brackets_balanced(job):
            # printed inside the 履歴書's 「…に派遣（部署・役職）」 and the editor's line, an unclosed bracket would
            # be read back as part of another field
            r.err(
                f"{p}.assignments[{j}].position",
                f"派遣先「{name}」の部署・役職「{job}」は（　）の数が合っていません。閉じる（　）を足すか、"
                "（　）を消してください。",
            )
        start = r.ym(a.get("startDate"), f"{p}.assignments[{j}].startDate")
        duties = _duties(r, a.get("duties"), f"{p}.assignments[{j}].duties")
        wins = _duties(r, a.get("achievements"), f"{p}.assignments[{j}].achievements", "実績")
        if not name:
            if a:
                r.err(f"{p}.assignments[{j}].name", "派遣先の会社名（name）を指定してください。")
            continue
        read.append((j, name, job, start, duties, wins))
    first_duties, first_wins = first
    if read and (not dispatched_to or " ".join(read[0][1].split()) == " ".join(dispatched_to.split())):
        _j, dispatched_to, job, _start, duties, wins = read.pop(0)
        position = position or job
        first_duties = first_duties or duties
        first_wins = first_wins or wins
    later = []
    for j, name, job, start, duties, wins in read:
        if start is None:
            r.err(
                f"{p}.assignments[{j}].startDate",
                f"派遣先「{name}」の開始年月（startDate、YYYY-MM）を指定してください。"
                "2つ目からの派遣先は、履歴書にその年月の行として印刷します。",
            )
            continue
        later.append(Assignment(name=name, start=start, position=job, duties=duties, achievements=wins))
    return dispatched_to, position, (first_duties, first_wins), sorted(later, key=lambda a: a.start.index)


def resume_from_json(doc: Any, *, stored: bool = False) -> Resume:
    """Read a parsed JSON Resume document; raise ResumeInputError listing every problem found. `stored`: the
    document is one the product saved earlier, read leniently where input rules were tightened since."""
    r = _Reader(stored=stored)
    if not isinstance(doc, dict):
        raise ResumeInputError([("", "JSON Resume はオブジェクト（{ }）で始まる必要があります。")])
    if (where := _lone_surrogate_at(doc)) is not None:
        # JSON may escape half of a UTF-16 pair ("\ud800"), which is no character: stored, it made every page
        # that showed the document (the editor, the PDF) fail to encode, a 500 each time it was opened.
        if not stored:
            raise ResumeInputError(
                [
                    (
                        where,
                        "読めない文字（\\uD800 のような壊れた文字コード）があります。その文字を消すか正しい文字に直してください。",
                    )
                ]
            )
        doc = _without_lone_surrogates(doc)
    resume = Resume()
    b = r.obj(doc.get("basics"), "basics")
    loc = r.obj(b.get("location"), "basics.location")
    ext = r.obj(doc.get("x-bonavi"), "x-bonavi")
    contact = r.obj(ext.get("contact"), "x-bonavi.contact")
    resume.unlawful_fields = _unlawful(b, "basics") + _unlawful(ext, "x-bonavi")
    image = None
    raw_image = b.get("image")
    if isinstance(raw_image, str) and raw_image.startswith("data:"):
        image = _photo_from_data_uri(r, raw_image, "basics.image")
    resume.basics = Basics(
        name=r.text(b.get("name"), "basics.name", 60),
        furigana=r.text(b.get("furigana"), "basics.furigana", 120),
        birth_date=_birth_date(r, b.get("birthDate"), "basics.birthDate"),
        gender=r.text(b.get("gender"), "basics.gender", 30),
        email=r.text(b.get("email"), "basics.email", 254),
        phone=_phone(r, b.get("phone"), "basics.phone"),
        location=_address(r, loc, "basics.location"),
        contact=_address(r, contact, "x-bonavi.contact"),
        contact_phone=_phone(r, contact.get("phone"), "x-bonavi.contact.phone"),
        summary=r.text(b.get("summary"), "basics.summary", MAX_TEXT, multiline=True),
        image=image,
    )
    for i, e in enumerate(r.lst(doc.get("education"), "education", MAX_ROWS["education"], "学歴")):
        p = f"education[{i}]"
        e = r.obj(e, p)
        status = r.text(e.get("status"), f"{p}.status", 20) or "卒業"
        resume.education.append(
            Education(
                institution=r.text(e.get("institution"), f"{p}.institution", 100),
                area=r.text(e.get("area"), f"{p}.area", 100),
                study_type=r.text(e.get("studyType"), f"{p}.studyType", 50),
                start=r.ym(e.get("startDate"), f"{p}.startDate"),
                end=r.ym(e.get("endDate"), f"{p}.endDate"),
                status=status,
            )
        )
    for i, w in enumerate(r.lst(doc.get("work"), "work", MAX_ROWS["work"], "職歴")):
        p = f"work[{i}]"
        w = r.obj(w, p)
        employees = w.get("employees")
        if employees in (None, ""):
            employees = None
        elif isinstance(employees, bool) or not isinstance(employees, int) or not 0 < employees < 10_000_000:
            r.err(f"{p}.employees", "従業員数は 1 以上の整数で指定してください。")
            employees = None
        highlights = r.lst(w.get("highlights"), f"{p}.highlights", MAX_HIGHLIGHTS, "実績")
        milestones = []
        for j, m in enumerate(
            r.lst(w.get("milestones"), f"{p}.milestones", MAX_HIGHLIGHTS, "昇格・異動などの行")
        ):
            m = r.obj(m, f"{p}.milestones[{j}]")
            date = r.ym(m.get("date"), f"{p}.milestones[{j}].date")
            text = r.text(m.get("text"), f"{p}.milestones[{j}].text", 200)
            if date is not None and text:
                milestones.append(Milestone(date=date, text=text))
            elif m and not (m.get("date") and m.get("text")):
                r.err(f"{p}.milestones[{j}]", "date（YYYY-MM）と text の両方を指定してください。")
        position = _beyond_milestones(r.text(w.get("position"), f"{p}.position", MAX_POSITION), milestones)
        dispatched_to = r.text(w.get("dispatchedTo"), f"{p}.dispatchedTo", 100)
        dispatched_to, position, (dispatched_duties, dispatched_wins), assignments = _assignments(
            r,
            w.get("assignments"),
            p,
            dispatched_to,
            position,
            (
                _duties(r, w.get("dispatchedDuties"), f"{p}.dispatchedDuties"),
                _duties(r, w.get("dispatchedAchievements"), f"{p}.dispatchedAchievements", "実績"),
            ),
        )
        resume.work.append(
            Work(
                name=r.text(w.get("name") or w.get("company"), f"{p}.name", 100),
                position=position,
                employment_type=r.text(w.get("employmentType"), f"{p}.employmentType", 30),
                dispatched_to=dispatched_to,
                assignments=assignments,
                dispatched_duties=dispatched_duties,
                dispatched_achievements=dispatched_wins,
                employees=employees,
                description=r.text(w.get("description"), f"{p}.description", 200),
                start=r.ym(w.get("startDate"), f"{p}.startDate"),
                end=r.ym(w.get("endDate"), f"{p}.endDate"),
                end_reason=r.text(w.get("endReason"), f"{p}.endReason", 60),
                summary=r.text(w.get("summary"), f"{p}.summary", MAX_TEXT, multiline=True),
                highlights=[
                    t for j, h in enumerate(highlights) if (t := r.text(h, f"{p}.highlights[{j}]", 300))
                ],
                function=r.text(w.get("function"), f"{p}.function", 60),
                milestones=milestones,
            )
        )
    for i, c in enumerate(r.lst(doc.get("certificates"), "certificates", MAX_ROWS["certificates"], "資格")):
        p = f"certificates[{i}]"
        c = r.obj(c, p)
        resume.certificates.append(
            Certificate(
                name=r.text(c.get("name"), f"{p}.name", 100),
                date=r.ym(c.get("date"), f"{p}.date"),
                issuer=r.text(c.get("issuer"), f"{p}.issuer", 100),
            )
        )
    for i, s in enumerate(r.lst(doc.get("skills"), "skills", MAX_ROWS["skills"], "スキル")):
        p = f"skills[{i}]"
        s = r.obj(s, p)
        keywords = r.lst(s.get("keywords"), f"{p}.keywords", 30, "キーワード")
        resume.skills.append(
            Skill(
                name=r.text(s.get("name"), f"{p}.name", 60),
                keywords=[t for j, k in enumerate(keywords) if (t := r.text(k, f"{p}.keywords[{j}]", 60))],
                level=r.text(s.get("level"), f"{p}.level", 30),
            )
        )
    resume.date_style = r.choice(ext.get("dateStyle"), "x-bonavi.dateStyle", DateStyle, DateStyle.WESTERN)
    resume.cv_format = r.choice(ext.get("cvFormat"), "x-bonavi.cvFormat", CvFormat, CvFormat.CHRONOLOGICAL)
    self_pr = ext.get("selfPr")
    if isinstance(self_pr, str):
        self_pr = [part for part in re.split(r"\n\s*\n", self_pr)]
    resume.self_pr = [
        t
        for j, s in enumerate(r.lst(self_pr, "x-bonavi.selfPr", MAX_SELF_PR, "自己PRの段落"))
        if (t := r.text(s, f"x-bonavi.selfPr[{j}]", MAX_TEXT, multiline=True))
    ]
    resume.motivation = r.text(ext.get("motivation"), "x-bonavi.motivation", MAX_TEXT, multiline=True)
    resume.requests = r.text(ext.get("requests"), "x-bonavi.requests", MAX_TEXT, multiline=True)
    resume.desired_job = r.text(ext.get("desiredJob"), "x-bonavi.desiredJob", 100)
    resume.document_date = r.day(ext.get("documentDate"), "x-bonavi.documentDate")
    if r.errors:
        raise ResumeInputError(r.errors)
    return resume


def _photo_from_data_uri(r: _Reader, uri: str, path: str) -> bytes | None:
    from .photo import PhotoError, process_photo

    head, _, data = uri.partition(",")
    if ";base64" not in head:
        r.err(path, "写真は base64 の data URI で指定してください。")
        return None
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        r.err(path, "写真の base64 を読めません。")
        return None
    try:
        return process_photo(raw)
    except PhotoError as exc:
        r.err(path, str(exc))
        return None


def resume_from_bytes(data: bytes) -> Resume:
    """Parse uploaded or file bytes: size limit, UTF-8 (with or without BOM), JSON, then the document."""
    if len(data) > MAX_BYTES:
        raise ResumeInputError(
            [
                (
                    "",
                    f"ファイルが大きすぎます（{len(data) / 1024 / 1024:.1f} MB）。{MAX_BYTES // 1024 // 1024} MB までにしてください。",
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResumeInputError(
            [("", "文字コードを読めません。UTF-8 で保存した JSON ファイルを選んでください。")]
        ) from None
    try:
        doc = json.loads(text, parse_constant=_no_constant, parse_int=_small_int)
    except json.JSONDecodeError as exc:
        raise ResumeInputError(
            [("", f"JSON の形式が正しくありません（{exc.lineno}行目 {exc.colno}文字目付近）。")]
        ) from None
    except _ConstantError as exc:
        raise ResumeInputError(
            [("", f"JSON にない値「{exc.args[0]}」があります。文字列か数値で指定してください。")]
        ) from None
    except _LongNumberError as exc:
        raise ResumeInputError(
            [("", f"{exc.args[0]:,}桁の数値があります。数値は{MAX_INT_DIGITS}桁までにしてください。")]
        ) from None
    except RecursionError:  # thousands of nested [ or {: json.loads (or reading the result) gives up, a 500
        raise ResumeInputError([("", _TOO_DEEP)]) from None
    if _deeper_than(doc, MAX_DEPTH):
        raise ResumeInputError([("", _TOO_DEEP)])
    return resume_from_json(doc)


# A JSON Resume is a few levels deep (basics → location → field); 20 leaves room for any extension.
MAX_DEPTH: Final = 20
_TOO_DEEP: Final = (
    f"JSON の入れ子が深すぎます（{MAX_DEPTH}段まで）。JSON Resume の形式のファイルを選んでください。"
)


class _ConstantError(ValueError):
    pass


class _LongNumberError(ValueError):
    pass


# Python refuses to read an integer of more than 4,300 digits with a ValueError the upload did not expect, a 500.
# No number in a 履歴書 comes near (従業員数 is at most 7 digits); below this, the field's own check names it.
MAX_INT_DIGITS: Final = 100


def _small_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _LongNumberError(digits)
    return int(text)


def _no_constant(name: str) -> Any:
    """Python's json reads NaN and Infinity, which JSON does not have; a 氏名 「nan」 was stored."""
    raise _ConstantError(name)


def _deeper_than(value: Any, limit: int) -> bool:
    """Without recursion, so a document just under the parser's own limit cannot exhaust the stack here."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _lone_surrogate_at(value: Any) -> str | None:
    """The path of the first key or string holding half a UTF-16 pair, or None (iterative, like _deeper_than)."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return path
        elif isinstance(item, dict):
            for key, child in item.items():
                here = f"{path}.{key}" if path else str(key)
                if _LONE_SURROGATE.search(str(key)):
                    return path or "(キー)"
                stack.append((child, here))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return None


def _without_lone_surrogates(value: Any) -> Any:
    """A stored document (saved before they were refused) with each half pair as U+FFFD, so that it opens."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _address_json(a: Address) -> dict[str, Any]:
    return _drop_empty(
        {
            "postalCode": a.postal_code,
            "region": a.region,
            "city": a.city,
            "address": a.address,
            "furigana": a.furigana,
            "countryCode": "JP" if not a.is_empty() else "",
        }
    )


def resume_to_json(resume: Resume, *, include_photo: bool = True) -> dict[str, Any]:
    b = resume.basics
    basics = _drop_empty(
        {
            "name": b.name,
            "furigana": b.furigana,
            "birthDate": b.birth_date.isoformat() if b.birth_date else "",
            "gender": b.gender,
            "email": b.email,
            "phone": b.phone,
            "location": _address_json(b.location),
            "summary": b.summary,
            "image": (
                "data:image/jpeg;base64," + base64.b64encode(b.image).decode()
                if b.image and include_photo
                else ""
            ),
        }
    )
    contact = _address_json(b.contact)
    contact.pop("countryCode", None)
    if b.contact_phone:
        contact["phone"] = b.contact_phone
    ext = _drop_empty(
        {
            "dateStyle": resume.date_style.value,
            "cvFormat": resume.cv_format.value,
            "selfPr": list(resume.self_pr),
            "motivation": resume.motivation,
            "requests": resume.requests,
            "desiredJob": resume.desired_job,
            "documentDate": resume.document_date.isoformat() if resume.document_date else "",
            "contact": contact,
        }
    )
    return _drop_empty(
        {
            "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
            "basics": basics,
            "education": [
                _drop_empty(
                    {
                        "institution": e.institution,
                        "area": e.area,
                        "studyType": e.study_type,
                        "startDate": e.start.iso() if e.start else "",
                        "endDate": e.end.iso() if e.end else "",
                        "status": e.status,
                    }
                )
                for e in resume.education
            ],
            "work": [
                _drop_empty(
                    {
                        "name": w.name,
                        "position": w.position,
                        "employmentType": w.employment_type,
                        "dispatchedTo": w.dispatched_to,
                        "assignments": [
                            _drop_empty(
                                {
                                    "name": a.name,
                                    "position": a.position,
                                    "startDate": a.start.iso(),
                                    "duties": list(a.duties),
                                    "achievements": list(a.achievements),
                                }
                            )
                            for a in w.assignments
                        ],
                        "dispatchedDuties": list(w.dispatched_duties),
                        "dispatchedAchievements": list(w.dispatched_achievements),
                        "employees": w.employees,
                        "description": w.description,
                        "startDate": w.start.iso() if w.start else "",
                        "endDate": w.end.iso() if w.end else "",
                        "endReason": w.end_reason,
                        "summary": w.summary,
                        "highlights": list(w.highlights),
                        "function": w.function,
                        "milestones": [{"date": m.date.iso(), "text": m.text} for m in w.milestones],
                    }
                )
                for w in resume.work
            ],
            "certificates": [
                _drop_empty({"name": c.name, "date": c.date.iso() if c.date else "", "issuer": c.issuer})
                for c in resume.certificates
            ],
            "skills": [
                _drop_empty({"name": s.name, "level": s.level, "keywords": list(s.keywords)})
                for s in resume.skills
            ],
            "x-bonavi": ext,
        }
    )


# --- Validation of what we emit -------------------------------------------------------------------------
# Our own JSON Schema (draft-07) for the JSON Resume v1 fields we write, with the same types and ISO 8601 date
# pattern as the published schema, plus our extensions. Extra properties stay allowed, as in JSON Resume.
_ISO = r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$"
_STR: Final = {"type": "string"}
_DATE: Final = {"type": "string", "pattern": _ISO}
_STRS: Final = {"type": "array", "items": {"type": "string"}}
_LOCATION_PROPS: Final[dict[str, Any]] = {
    "address": _STR,
    "postalCode": _STR,
    "city": _STR,
    "countryCode": _STR,
    "region": _STR,
    "furigana": _STR,
}
_LOCATION: Final = {"type": "object", "properties": _LOCATION_PROPS}
EXPORT_SCHEMA: Final[dict[str, Any]] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "basics": {
            "type": "object",
            "properties": {
                "name": _STR,
                "label": _STR,
                "image": _STR,
                "email": {"type": "string", "format": "email"},
                "phone": _STR,
                "url": {"type": "string", "format": "uri"},
                "summary": _STR,
                "location": _LOCATION,
                "furigana": _STR,
                "birthDate": {"type": "string", "pattern": r"^[1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]$"},
                "gender": _STR,
            },
        },
        "work": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": _STR,
                    "location": _STR,
                    "description": _STR,
                    "position": _STR,
                    "url": {"type": "string", "format": "uri"},
                    "startDate": _DATE,
                    "endDate": _DATE,
                    "summary": _STR,
                    "highlights": _STRS,
                    "employmentType": _STR,
                    "dispatchedTo": _STR,
                    "dispatchedDuties": _STRS,
                    "dispatchedAchievements": _STRS,
                    "assignments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "name": _STR,
                                "position": _STR,
                                "startDate": _DATE,
                                "duties": _STRS,
                                "achievements": _STRS,
                            },
                            "required": ["name", "startDate"],
                        },
                    },
                    "employees": {"type": "integer", "minimum": 1},
                    "endReason": _STR,
                    "function": _STR,
                    "milestones": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"date": _DATE, "text": _STR},
                            "required": ["date", "text"],
                        },
                    },
                },
            },
        },
        "education": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "institution": _STR,
                    "url": {"type": "string", "format": "uri"},
                    "area": _STR,
                    "studyType": _STR,
                    "startDate": _DATE,
                    "endDate": _DATE,
                    "score": _STR,
                    "courses": _STRS,
                    "status": {"enum": ["卒業", "卒業見込み", "修了", "修了見込み", "中途退学", "在学中"]},
                },
            },
        },
        "certificates": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": _STR,
                    "date": _DATE,
                    "url": {"type": "string", "format": "uri"},
                    "issuer": _STR,
                },
            },
        },
        "skills": {
            "type": "array",
            "items": {"type": "object", "properties": {"name": _STR, "level": _STR, "keywords": _STRS}},
        },
        "x-bonavi": {
            "type": "object",
            "properties": {
                "dateStyle": {"enum": [s.value for s in DateStyle]},
                "cvFormat": {"enum": [f.value for f in CvFormat]},
                "selfPr": _STRS,
                "motivation": _STR,
                "requests": _STR,
                "desiredJob": _STR,
                "documentDate": {"type": "string", "pattern": r"^[1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]$"},
                "contact": {"type": "object", "properties": {**_LOCATION_PROPS, "phone": _STR}},
            },
        },
    },
}
_VALIDATOR = Draft7Validator(EXPORT_SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(doc: dict[str, Any]) -> list[str]:
    """Where `doc` breaks the JSON Resume fields we emit; empty when it passes."""
    return [
        f"{'.'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in sorted(_VALIDATOR.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    ]
