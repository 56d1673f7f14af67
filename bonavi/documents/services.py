"""Writes for documents and interview practice: keyword-only arguments, one transaction, nothing half-stored.

Content arrives as JSON Resume (from the editor form, an upload or the API) and is always read through
`resume_from_json` first, so a bad document is refused with Japanese messages before anything changes.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Final

from django.db import transaction

from .jsonresume import (
    MAX_HIGHLIGHTS,
    ResumeInputError,
    balanced,
    brackets_balanced,
    resume_from_bytes,
    resume_from_json,
    resume_to_json,
)
from .layout import DISPATCH, haken_saki_periods
from .model import Resume
from .models import DocumentComment, DocumentVersion, InterviewAnswer
from .photo import PhotoError, process_photo

MAX_VERSIONS: Final = 30
MAX_ANSWERS: Final = 500


class DocumentError(ValueError):
    """A refused write; `messages` are Japanese and safe to show."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def require_seeker(user: Any) -> None:
    if user is None or not user.is_authenticated or not getattr(user, "is_seeker", False):
        raise DocumentError(["応募書類は求職者のアカウントで作成できます。"])


def resume_of(version: DocumentVersion) -> Resume:
    """The typed document of a stored version (stored data was validated on write)."""
    resume = resume_from_json(version.data, stored=True)
    resume.basics.image = bytes(version.photo) if version.photo else None
    return resume


def _clean(doc: Any, *, stored: bool = False) -> tuple[Resume, dict[str, Any]]:
    try:
        resume = resume_from_json(doc, stored=stored)
    except ResumeInputError as exc:
        raise DocumentError(exc.messages) from None
    return resume, resume_to_json(resume, include_photo=False)


def version_create(
    *, owner: Any, title: str, data: dict[str, Any] | None = None, photo: bytes | None = None
) -> DocumentVersion:
    require_seeker(owner)
    title = (title or "").strip()[:100] or "応募書類"
    resume, clean = _clean(data or {})
    with transaction.atomic():
        if DocumentVersion.objects.select_for_update().filter(owner=owner).count() >= MAX_VERSIONS:
            raise DocumentError(
                [f"応募書類は{MAX_VERSIONS}件まで保存できます。使わない書類を削除してください。"]
            )
        return DocumentVersion.objects.create(
            owner=owner, title=title, data=clean, photo=resume.basics.image or photo
        )


def version_import(*, owner: Any, title: str, raw: bytes) -> DocumentVersion:
    """A new version from an uploaded JSON Resume file."""
    try:
        resume = resume_from_bytes(raw)
    except ResumeInputError as exc:
        raise DocumentError(exc.messages) from None
    return version_create(
        owner=owner, title=title, data=resume_to_json(resume, include_photo=False), photo=resume.basics.image
    )


def version_update(
    *,
    version: DocumentVersion,
    data: dict[str, Any],
    title: str | None = None,
    removed_row: tuple[str, int] | None = None,
    stored: bool = False,
) -> DocumentVersion:
    """Store the edited document. `removed_row` = (section, index) when the editor deleted that row, so that
    the adviser comments keyed by row index follow their rows. `stored`: read as a stored version is (only for a
    change of one value that leaves the rest as it was stored)."""
    resume, clean = _clean(data, stored=stored)
    with transaction.atomic():
        version.data = clean
        if title is not None and title.strip():
            version.title = title.strip()[:100]
        if resume.basics.image:
            version.photo = resume.basics.image
        version.save(update_fields=["data", "title", "photo", "updated_at"])
        if removed_row is not None:
            _comments_follow_removed_row(version, *removed_row)
    return version


_ROW_PATH = re.compile(r"^(education|work|certificates)\[(\d+)\](.*)$")


def _comments_follow_removed_row(version: DocumentVersion, section: str, index: int) -> None:
    """Comments are keyed by JSON path (`work[2].summary`, ADR 0064). When row `index` goes, the rows after it
    move up one, and so do their comments. A comment on the deleted row itself keeps its text, field name and
    quote but no longer points at a field (its path becomes the section), so the owner still sees it at the
    top of the editor instead of under the row that moved into its place."""
    for comment in DocumentComment.objects.filter(version=version, path__startswith=f"{section}["):
        m = _ROW_PATH.match(comment.path)
        if m is None or m.group(1) != section or int(m.group(2)) < index:
            continue
        row = int(m.group(2))
        comment.path = section if row == index else f"{section}[{row - 1}]{m.group(3)}"
        comment.save(update_fields=["path"])


def version_insert_text(
    *, version: DocumentVersion, target: str, texts: list[str], new_job: dict[str, str] | None = None
) -> list[str]:
    """Add chosen sentences (from a saved experience translation) after what a section already holds: `target` is
    "self_pr" (one new 自己PR paragraph), "skills" (lines of 活かせる経験・知識・スキル: a club's 会計係 is no job),
    "work-<i>" (new lines after the 業務内容 of 職歴 row i), "work-<i>-achievements" (its 実績, `highlights`),
    "work-<i>-<k>" (lines after the 業務内容 of that 派遣's
    派遣先 k, 0 the first: `dispatchedDuties`, then `assignments[k-1].duties`), "work-<i>-<k>-achievements" (its
    実績: `dispatchedAchievements`, `assignments[k-1].achievements`) or "new_work" (a new 職歴 row,
    `new_job`'s name, アルバイト and dates, holding the lines: a café job is no line of an unrelated employer's
    業務内容). Nothing is replaced: the stored text is read again under a row lock, so an edit saved meanwhile is
    kept too. A sentence the section already holds is not added again (a second insert of one result doubled it);
    returns those added."""
    texts = list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))
    if not texts:
        raise DocumentError(["入れる文を1つ以上選んでください。"])
    with transaction.atomic():
        locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        data = copy.deepcopy(locked.data)
        held = _section_text(data, target)
        texts = [t for t in texts if t.rstrip("。") not in held]
        if not texts:
            raise DocumentError(["選んだ文は、その欄にすでに入っています。何も追加していません。"])
        if target == "self_pr":
            ext = data.setdefault("x-bonavi", {})
            # one paragraph of whole sentences: a quoted line (a sentence or a clause ending like one) gets a 。
            ext["selfPr"] = [
                *ext.get("selfPr", []),
                "".join(t if t.endswith(_ENDS) else t + "。" for t in texts),
            ]
        elif target == "skills":
            data["skills"] = [*data.get("skills", []), *({"name": t, "keywords": []} for t in texts)]
        elif target == "new_work" and new_job:
            # In date order among her jobs (the 編年体 prints rows as stored; 添削 flags rows out of order).
            work = list(data.get("work", []))
            at = next(
                (
                    i
                    for i, w in enumerate(work)
                    if isinstance(w, dict) and str(w.get("startDate", ""))[:7] > new_job["startDate"]
                ),
                len(work),
            )
            work.insert(at, {**new_job, "summary": "\n".join(texts)})
            data["work"] = work
        elif m := _DUTY_TARGET.fullmatch(target):
            wins = bool(m.group(3))
            place = _duty_list(data, int(m.group(1)), int(m.group(2)), wins)
            if place is None:
                raise DocumentError(
                    ["入れる場所の派遣先が見つかりません。書類を開き直して、もう一度選んでください。"]
                )
            owner, key, label = place
            _check_duty_room(label, owner.get(key, []), texts, wins)
            owner[key] = [*owner.get(key, []), *texts]
        elif (m := _JOB_WINS.fullmatch(target)) and int(m.group(1)) < len(data.get("work", [])):
            # the job's own 実績 (`highlights`), which the 職務経歴書 prints as its 【実績】 (s22)
            row = data["work"][int(m.group(1))]
            name = str(row.get("name") or "会社名なし")
            _check_duty_room(
                f"職歴{int(m.group(1)) + 1}「{name}」", row.get("highlights", []), texts, True, "その職歴"
            )
            row["highlights"] = [*row.get("highlights", []), *texts]
        elif (m := re.fullmatch(r"work-(\d{1,3})", target)) and int(m.group(1)) < len(data.get("work", [])):
            row = data["work"][int(m.group(1))]
            row["summary"] = "\n".join([*([row["summary"].rstrip()] if row.get("summary") else []), *texts])
        else:
            raise DocumentError(
                ["入れる場所の職歴が見つかりません。書類を開き直して、もう一度選んでください。"]
            )
        # The reader's refusals name a path (「x-bonavi.selfPr: …」); the person knows the section, not the path.
        try:
            _clean(data)
        except DocumentError as exc:
            raise DocumentError(
                [
                    "追加すると書類の決まりを超えるため、追加していません。",
                    *(m.partition(": ")[2] or m for m in exc.messages),
                ]
            ) from None
        version_update(version=locked, data=data)
        return texts


def _section_text(data: dict[str, Any], target: str) -> str:
    if target == "self_pr":
        return "\n".join(str(p) for p in data.get("x-bonavi", {}).get("selfPr", []))
    if target == "skills":
        return "\n".join(str(s.get("name", "")) for s in data.get("skills", []) if isinstance(s, dict))
    if (d := _DUTY_TARGET.fullmatch(target)) and (
        place := _duty_list(data, int(d.group(1)), int(d.group(2)), bool(d.group(3)))
    ):
        owner, key, _name = place
        return "\n".join(str(t) for t in owner.get(key, []))
    work = data.get("work", [])
    if (
        (j := _JOB_WINS.fullmatch(target))
        and int(j.group(1)) < len(work)
        and isinstance(work[int(j.group(1))], dict)
    ):
        return "\n".join(str(t) for t in work[int(j.group(1))].get("highlights", []))
    m = re.fullmatch(r"work-(\d{1,3})", target)
    if m and int(m.group(1)) < len(work) and isinstance(work[int(m.group(1))], dict):
        return str(work[int(m.group(1))].get("summary", ""))
    return ""


_ENDS: Final = ("。", "！", "？", "!", "?")

# "work-<i>-<k>": the 業務内容 of 派遣先 k (0: `dispatchedTo`, then `assignments`) of 職歴 row i (ADR 0150, s20);
# "work-<i>-<k>-achievements": its 実績 (s21).
_DUTY_TARGET: Final = re.compile(r"work-(\d{1,3})-(\d{1,2})(-achievements)?")
# "work-<i>-achievements": the 実績 of 職歴 row i itself (`highlights`, s22).
_JOB_WINS: Final = re.compile(r"work-(\d{1,3})-achievements")
MAX_DUTY_CHARS: Final = 300
# The lists a 派遣先 keeps, by what they hold: (first 派遣先's key, a later one's key, the word for it).
_PER_PLACE: Final = {
    False: ("dispatchedDuties", "duties", "業務内容"),
    True: ("dispatchedAchievements", "achievements", "実績"),
}


def dispatch_places(data: dict[str, Any]) -> dict[int, list[str]]:
    """Each 派遣 row's 派遣先 in order, first (`dispatchedTo`) then `assignments`, by row index: the places a line
    of 業務内容 can go besides the job's own. A row that is no 派遣, or names no 派遣先, has none — its 派遣先 lines
    would not be printed (layout.assignment_blocks)."""
    places: dict[int, list[str]] = {}
    for i, w in enumerate(data.get("work", []) if isinstance(data, dict) else []):
        if not isinstance(w, dict) or str(w.get("employmentType", "")).strip() not in DISPATCH:
            continue
        if first := str(w.get("dispatchedTo") or ""):
            later = [str(a.get("name", "")) for a in w.get("assignments", []) if isinstance(a, dict)]
            places[i] = [first, *later]
    return places


def dispatch_place_labels(data: dict[str, Any]) -> dict[int, list[str]]:
    """How each place of `dispatch_places` is named to her: 「株式会社□□（派遣先）」, and with its period when the job
    names that 派遣先 twice (the same client in two spells), 「株式会社□□（派遣先・2021年4月～2022年3月）」: the two
    choices read the same otherwise (ADR 0150, s21)."""
    return {
        i: [
            f"{name}（派遣先{'・' + period if period else ''}）"
            for name, period in zip(names, haken_saki_periods(data["work"][i]), strict=True)
        ]
        for i, names in dispatch_places(data).items()
    }


def _duty_list(
    data: dict[str, Any], row: int, k: int, achievements: bool = False
) -> tuple[dict[str, Any], str, str] | None:
    """Where 派遣先 k of row `row` keeps its duty (or 実績) lines: (the dict holding the list, its key, the 派遣先 as
    named to her)."""
    labels = dispatch_place_labels(data).get(row)
    if labels is None or k >= len(labels):
        return None
    job = data["work"][row]
    first, later, _word = _PER_PLACE[achievements]
    if k == 0:
        return job, first, labels[0]
    return job["assignments"][k - 1], later, labels[k]


def _check_duty_room(
    label: str, held: list[str], texts: list[str], achievements: bool = False, where: str = "その派遣先"
) -> None:
    """The editor's limits for a 派遣先's 業務内容 or 実績, or a job's 実績 (20 lines of 300 characters), said
    before anything is stored, naming the place and the numbers: the reader's own refusal would only name a JSON
    path."""
    word = _PER_PLACE[achievements][2]
    if long := [t for t in texts if len(t) > MAX_DUTY_CHARS]:
        raise DocumentError(
            [
                f"{label}の{word}は1行{MAX_DUTY_CHARS}文字以内です。選んだ文「{long[0][:30]}…」は"
                f"{len(long[0])}文字あるため、何も追加していません。"
            ]
        )
    if len(held) + len(texts) > MAX_HIGHLIGHTS:
        raise DocumentError(
            [
                f"{label}の{word}は{MAX_HIGHLIGHTS}行までです。いま{len(held)}行あり、選んだ"
                f"{len(texts)}行を足すと{len(held) + len(texts)}行になるため、何も追加していません。"
                f"入れる文を減らすか、書類の編集画面で{where}の{word}をまとめてから入れてください。"
            ]
        )


def version_fix_assignment_position(*, version: DocumentVersion, row: int, k: int | None, fixed: str) -> str:
    """Apply the review's offered fix of a 派遣先's position with unpaired brackets (review.rule_inconsistent,
    ADR 0150, s21): `k` a later 派遣先 (`assignments[k]`), None the first (the job's own `position`, printed in
    「（派遣先）に派遣（…）」, s22). Only when the stored position still has unpaired brackets and its fix is `fixed`,
    the one she was shown — an edit saved meanwhile is never overwritten. Returns the 派遣先's name."""
    with transaction.atomic():
        locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        data = copy.deepcopy(locked.data)
        work = data.get("work", [])
        job = work[row] if 0 <= row < len(work) and isinstance(work[row], dict) else None
        entry: dict[str, Any] | None
        if k is None:
            # the first 派遣先 only while the job is a 派遣 naming it: otherwise its position is printed on no
            # 「…に派遣（…）」 line and the review offered nothing
            first = job is not None and str(job.get("employmentType", "")).strip() in DISPATCH
            entry = job if first and job and job.get("dispatchedTo") else None
        else:
            rows = job.get("assignments", []) if job is not None else []
            entry = rows[k] if 0 <= k < len(rows) and isinstance(rows[k], dict) else None
        position = str(entry.get("position", "")) if entry else ""
        if entry is None or brackets_balanced(position) or balanced(position) != fixed:
            raise DocumentError(
                [
                    "直す行が見つからないか、すでに書き換えられているため、何も変えていません。"
                    "書類を開き直して、添削の指摘をもう一度確かめてください。"
                ]
            )
        entry["position"] = fixed
        # Read as stored: another 派遣先 still unpaired (a version from before s20 may hold several) would refuse
        # the whole save, so no button could fix any of them one at a time (s22). Only this value changes.
        version_update(version=locked, data=data, stored=True)
        version.refresh_from_db()
        return str(entry.get("dispatchedTo" if k is None else "name", ""))


def version_set_photo(*, version: DocumentVersion, raw: bytes | None) -> DocumentVersion:
    """Replace the photo (processed and cropped) or remove it with raw=None."""
    if raw is None:
        processed = None
    else:
        try:
            processed = process_photo(raw)
        except PhotoError as exc:
            raise DocumentError([str(exc)]) from None
    version.photo = processed
    version.save(update_fields=["photo", "updated_at"])
    return version


def version_delete(*, version: DocumentVersion) -> None:
    version.delete()


def interview_answer_save(
    *,
    owner: Any,
    question: str,
    answer: str,
    family: str = "",
    question_id: str = "",
    frame: str = "STAR",
    posting: Any = None,
) -> InterviewAnswer:
    from .interview.feedback import MAX_ANSWER_CHARS, analyse

    require_seeker(owner)
    answer = (answer or "").strip()
    errors = []
    if not answer:
        errors.append("回答を入力してください。")
    elif len(answer) > MAX_ANSWER_CHARS:
        errors.append(f"回答は{MAX_ANSWER_CHARS:,}文字以内にしてください（いま{len(answer):,}文字）。")
    if not (question or "").strip():
        errors.append("質問を選んでください。")
    if errors:
        raise DocumentError(errors)
    feedback = analyse(answer, frame=frame, family=family).as_dict()
    with transaction.atomic():
        if InterviewAnswer.objects.filter(owner=owner).count() >= MAX_ANSWERS:
            raise DocumentError([f"保存できる回答は{MAX_ANSWERS}件までです。古い回答を削除してください。"])
        return InterviewAnswer.objects.create(
            owner=owner,
            family=family[:32],
            question_id=question_id[:40],
            question=question.strip()[:300],
            posting=posting,
            answer=answer,
            feedback=feedback,
        )


def interview_answer_delete(*, answer: InterviewAnswer) -> None:
    answer.delete()
