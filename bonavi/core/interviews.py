"""The interview's shared shape (ADR 0102): what an employer gives when an applicant reaches 面接 — the time,
the 形式, the place or the URL, 持ち物・備考 — its one set of rules, its Japanese display and its .ics.

Each kind of candidacy keeps its own table (seekers.Interview for a direct application, agents' for a 推薦),
built on the abstract `InterviewBase` here: the two pipelines live in different apps, each with its own permission
rules, and the earlier app (seekers) may not point at the later one (agents). What must not differ — what is
valid, how it reads, what the calendar file says — is written once, here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from bonavi.core import clock, ics
from bonavi.core.clock import JST
from bonavi.core.text import one_line, strip_control, too_long, unix_breaks
from bonavi.core.validators import reject_markup

PLACE_MAX = 200
URL_MAX = 500
NOTES_MAX = 1000
# An interview further ahead than this is a typo in the year (2062 for 2026), not a plan.
AHEAD_DAYS = 366
# The longest interview a calendar entry should show; longer is a mistyped end (the next day's date).
LONGEST = dt.timedelta(hours=12)
# The day-before reminder duties of both kinds run hourly: the reminder goes out on the morning of the day before
# (clock.tomorrow_window_jst), whatever the hour of the interview.
REMIND_EVERY = 60 * 60
# How long an interview without an end is taken to last before the pages call it held (ADR 0123 addendum): an end
# is optional, and a seeker a few minutes late must still find the URL on the card, so "held" cannot mean "begun".
# An hour is the usual length of a 面接 in this trade; one with a given end is held at that end.
ASSUMED_LENGTH = dt.timedelta(hours=1)


class InterviewFormat(models.TextChoices):
    IN_PERSON = "in_person", "対面"
    ONLINE = "online", "オンライン"
    PHONE = "phone", "電話"


# What a form or an API body sets (the services accept exactly these).
INTERVIEW_FIELDS = ("starts_at", "ends_at", "format", "place", "url", "notes")


class InterviewBase(models.Model):
    """The fields every interview has. `sequence` rises with each change (the .ics SEQUENCE); `cancelled_at` is
    set when the employer calls it off (the row stays, so the calendar file can say CANCELLED); the day-before
    reminder is claimed once through `reminder_sent_at`, which a change of the time clears."""

    starts_at = models.DateTimeField("開始日時")
    ends_at = models.DateTimeField("終了日時", null=True, blank=True)
    format = models.CharField("形式", max_length=16, choices=InterviewFormat.choices)
    place = models.CharField("場所", max_length=PLACE_MAX, blank=True)
    url = models.CharField("URL", max_length=URL_MAX, blank=True)
    notes = models.TextField("持ち物・備考", blank=True)
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField("取り消した日時", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("前日リマインドの送信日時", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_upcoming(self, now: dt.datetime) -> bool:
        """Still booked and still to come at `now`: the one test of what a move away from 面接 calls off, and of
        what the forms warn it will (seekers.services.interview_called_off_by_move)."""
        return not self.is_cancelled and self.starts_at > now

    def is_held(self, now: dt.datetime | None = None) -> bool:
        """Booked and over at `now` (core.clock's now when not given, as a template asks it): past `ends_at`, or
        `starts_at` + ASSUMED_LENGTH without an end. Every list and card that shows a booked interview asks this, so
        a past one reads 「面接済み（12月3日（木））」 there, not as the next step. Under way (begun, not over) it is
        neither upcoming nor held: a move no longer calls it off (is_upcoming), but the pages still show it as booked,
        with its URL and .ics, for whoever is joining late (ADR 0123 addendum)."""
        if self.is_cancelled:
            return False
        ends = self.ends_at or self.starts_at + ASSUMED_LENGTH
        return ends <= (clock.now() if now is None else now)

    @property
    def day_display(self) -> str:
        """「12月3日（木）」, its day in Japan time: what a list or card says of a held interview."""
        return clock.month_day_ja(clock.date_jst(self.starts_at))

    @property
    def soon_display(self) -> str:
        """「12月3日（木）14:00」, its day and start in Japan time: what a list says of one still to come."""
        return f"{self.day_display}{self.starts_at.astimezone(JST):%H:%M}"

    def row_line(self, now: dt.datetime | None = None) -> str:
        """The line under a step on her own lists (応募の一覧, マイページ, 提案), as the company's list says it beside the
        step (seekers.inbox.step_label): 「面接日時：12月3日（木）14:00」 while not over — under way included, as the
        card still shows it booked — and 「面接済み（12月3日（木））」 once held (is_held); "" when called off (no
        date is promised then)."""
        if self.is_cancelled:
            return ""
        if self.is_held(now):
            return f"面接済み（{self.day_display}）"
        return f"面接日時：{self.soon_display}"

    @property
    def when_display(self) -> str:
        """「2026年12月3日（木）14:00〜15:00」 in Japan time (「14:00〜」 without an end)."""
        return clock.period_ja(self.starts_at, self.ends_at)

    @property
    def where_display(self) -> str:
        """Where, without the URL (which only the two sides see, on their pages and in their mails). An in-person
        interview always has its place (interview_clean requires it)."""
        if self.format == InterviewFormat.PHONE:
            return f"電話（{self.place}）" if self.place else "電話"
        if self.format == InterviewFormat.ONLINE:
            return f"オンライン（{self.place}）" if self.place else "オンライン"
        return self.place

    def apply(self, cleaned: Mapping[str, Any], *, now: dt.datetime) -> str:
        """Store `cleaned` (interview_clean's values) on this interview, new (unsaved) or not, the caller holding
        its candidacy's row lock. Returns the news: "" when nothing changed (nobody is told), "set" for a first
        date or one after a cancellation, "changed" otherwise. A change bumps SEQUENCE (the .ics updates the
        calendar's entry) and a new time makes the day-before reminder due again."""
        if self.pk is None:
            for name, value in cleaned.items():
                setattr(self, name, value)
            self.created_at = self.updated_at = now
            self.save()
            return "set"
        fields = changed_fields(self, cleaned)
        if not fields and not self.is_cancelled:
            return ""
        news = "set" if self.is_cancelled else "changed"
        if "starts_at" in fields or self.is_cancelled:
            self.reminder_sent_at = None
        for name, value in cleaned.items():
            setattr(self, name, value)
        self.cancelled_at = None
        self.sequence += 1
        self.updated_at = now
        self.save()
        return news

    def cancel(self, *, now: dt.datetime) -> None:
        """Call it off: the row stays (its .ics then says CANCELLED, so a calendar that imports it again updates
        the entry), and the reminder is no longer due."""
        self.cancelled_at = now
        self.sequence += 1
        self.updated_at = now
        self.save(update_fields=["cancelled_at", "sequence", "updated_at"])


class InterviewAnswer(models.TextChoices):
    """Her answer to a date the company set (ADR 0140): the two buttons Japanese job sites give under an interview
    invitation. The labels are her buttons' words; the company reads ANSWER_STATUS."""

    ATTEND = "attend", "この日程で参加します"
    RESCHEDULE = "reschedule", "日程の変更をお願いする"


# What the company's page, its 応募者 list and the API's `answer.label` say of each answer.
ANSWER_STATUS = {
    InterviewAnswer.ATTEND: "参加予定（回答済み）",
    InterviewAnswer.RESCHEDULE: "日程変更の依頼あり",
}
# Her reason and the dates that suit her: a few lines, as a message is (a longer story goes in the thread).
ANSWER_TEXT_MAX = 500


class InterviewAnswerFields(models.Model):
    """Her answer to the interview as it stands (ADR 0140), on the interview row itself: a change of the date by
    the company is a new question, so `answer_reset` clears it with the change, and an answer can never be read
    against a date she did not see. Abstract and apart from InterviewBase, each kind taking it with its own
    migration: the direct application's (ADR 0140) and, since ADR 0154, the 推薦's (agents.ReferralInterview, whose
    answer goes to her adviser)."""

    answer = models.CharField("応募者の回答", max_length=16, choices=InterviewAnswer.choices, blank=True)
    answer_text = models.TextField("日程の変更をお願いする理由・希望日時", blank=True)
    answered_at = models.DateTimeField("回答日時", null=True, blank=True)

    class Meta:
        abstract = True

    ANSWER_FIELDS = ("answer", "answer_text", "answered_at")

    @property
    def answer_status(self) -> str:
        """「参加予定（回答済み）」 / 「日程変更の依頼あり」, or "" before she answered."""
        return ANSWER_STATUS.get(InterviewAnswer(self.answer), "") if self.answer else ""

    def answer_reset(self) -> bool:
        """Forget her answer (not saved: the caller saves ANSWER_FIELDS). Whether there was one."""
        had = bool(self.answer)
        self.answer, self.answer_text, self.answered_at = "", "", None
        return had

    def answer_store(self, answer: str, text: str, *, now: dt.datetime) -> bool:
        """Store her answer (`text` as answer_text_clean gave it), the caller holding its candidacy's row lock.
        False, and nothing saved, when it is the answer already stored: a double press tells nobody twice."""
        if (self.answer, self.answer_text) == (answer, text):
            return False
        self.answer, self.answer_text, self.answered_at = answer, text, now
        self.save(update_fields=list(self.ANSWER_FIELDS))
        return True


def answer_seen(interview: InterviewBase, sequence: int | None, starts_at: dt.datetime | None) -> bool:
    """Whether her answer was given to the date as it is now: `sequence` and `starts_at` are the interview as her
    page (or the API's answer) showed it. An answer to 12月4日 must not be read as one to 12月7日 (ADR 0140, 0154);
    each kind says the refusal in its own words (who changed the date)."""
    return (sequence, starts_at) == (interview.sequence, interview.starts_at)


def answer_text_clean(answer: str, text: str) -> tuple[str, dict[str, list[str]]]:
    """Her words as stored, and the reasons they are refused ({} when none). A change needs them — the company
    cannot pick another date from 「都合が悪い」 alone — and 「この日程で参加します」 takes none (a note she adds
    there would be read by nobody as a condition; the thread is for that)."""
    text = unix_breaks(strip_control(text or "")).strip()
    errors: dict[str, list[str]] = {}
    if answer not in InterviewAnswer.values:
        errors["answer"] = ["「この日程で参加します」か「日程の変更をお願いする」を選んでください。"]
    elif answer == InterviewAnswer.RESCHEDULE:
        if not text:
            errors["text"] = [
                "日程の変更をお願いする理由と、ご都合のよい日時（いくつか）を入力してください。"
            ]
        elif len(text) > ANSWER_TEXT_MAX:
            errors["text"] = [too_long("理由・ご都合のよい日時", ANSWER_TEXT_MAX, given=len(text))]
        else:
            try:
                reject_markup(text)
            except ValidationError as exc:
                errors["text"] = list(exc.messages)
    else:
        text = ""
    return text, errors


def answer_timing_refusal(interview: InterviewBase, now: dt.datetime, *, held_name: str, contact: str) -> str:
    """The date's side of why she cannot answer (ADR 0140, 0154), "" when it is still to come: called off, held, or
    begun. One rule for the direct application's interview and the 推薦's; only the interview's name once held and
    whom she calls when late differ (`contact`, before 「連絡してください」: 「メッセージかお電話で採用担当に」,
    「担当のキャリアアドバイザーにすぐ」)."""
    if interview.is_cancelled:
        return (
            "この面接の日程は取り消されたため、回答できません。新しい日程が決まると、メールでお知らせします。"
        )
    if interview.is_held(now):
        return f"{interview.day_display}の{held_name}は済んでいるため、回答できません。"
    if not interview.is_upcoming(now):
        return f"面接の開始時刻を過ぎたため、回答できません。遅れる場合や参加できない場合は、{contact}連絡してください。"
    return ""


class InterviewInvalid(Exception):
    """The interview cannot be stored; `errors` maps field names to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("面接の日程を保存できません")
        self.errors = errors


_URL = URLValidator(schemes=["http", "https"])


def interview_clean(values: Mapping[str, Any], *, now: dt.datetime | None = None) -> dict[str, Any]:
    """The values as stored, or InterviewInvalid naming every problem (nothing is stored then). `values`: the
    INTERVIEW_FIELDS, datetimes aware (a form reads datetime-local in Asia/Tokyo; the API takes ISO 8601)."""
    now = now or clock.now()
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    starts_at = values.get("starts_at")
    ends_at = values.get("ends_at")
    if not isinstance(starts_at, dt.datetime):
        refuse("starts_at", "面接の開始日時を入力してください。")
    elif starts_at.tzinfo is None:
        refuse("starts_at", "面接の開始日時にタイムゾーンがありません（例：2026-12-03T14:00:00+09:00）。")
    elif starts_at <= now:
        refuse("starts_at", "面接の開始日時が過ぎています。これからの日時を入力してください。")
    elif starts_at > now + dt.timedelta(days=AHEAD_DAYS):
        refuse("starts_at", "面接の開始日時は1年以内にしてください（年を確かめてください）。")
    if ends_at is not None and not isinstance(ends_at, dt.datetime):
        refuse("ends_at", "終了日時の形式が正しくありません。")
    elif isinstance(ends_at, dt.datetime) and ends_at.tzinfo is None:
        refuse("ends_at", "終了日時にタイムゾーンがありません（例：2026-12-03T15:00:00+09:00）。")
    elif isinstance(ends_at, dt.datetime) and isinstance(starts_at, dt.datetime) and starts_at.tzinfo:
        if ends_at <= starts_at:
            refuse("ends_at", "終了日時は開始日時より後にしてください。")
        elif ends_at - starts_at > LONGEST:
            refuse("ends_at", "終了日時が開始から12時間を超えています。日付を確かめてください。")
    fmt = values.get("format") or ""
    if fmt not in InterviewFormat.values:
        refuse("format", "面接の形式（対面・オンライン・電話）を選んでください。")
    place = one_line(str(values.get("place") or ""))
    url = str(values.get("url") or "").strip()
    notes = strip_control(str(values.get("notes") or "")).strip()
    if len(place) > PLACE_MAX:
        refuse("place", too_long("場所", PLACE_MAX, given=len(place)))
    if len(notes) > NOTES_MAX:
        refuse("notes", too_long("持ち物・備考", NOTES_MAX, given=len(notes)))
    for field, text in (("place", place), ("notes", notes)):
        try:
            reject_markup(text)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    if url:
        if len(url) > URL_MAX:
            refuse("url", too_long("URL", URL_MAX, given=len(url)))
        else:
            try:
                _URL(url)
            except ValidationError:
                refuse("url", "URLは http:// または https:// で始まる形で入力してください。")
    if fmt == InterviewFormat.ONLINE and not url:
        refuse("url", "オンラインの面接は、参加するURLを入力してください。")
    if fmt == InterviewFormat.IN_PERSON and not place:
        refuse("place", "対面の面接は、場所（住所・建物・階など）を入力してください。")
    if errors:
        raise InterviewInvalid(errors)
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": fmt,
        "place": place,
        "url": url,
        "notes": notes,
    }


def changed_fields(interview: InterviewBase, cleaned: Mapping[str, Any]) -> list[str]:
    """The INTERVIEW_FIELDS whose value `cleaned` changes (none: the save is no news, nobody is mailed)."""
    return [f for f in INTERVIEW_FIELDS if getattr(interview, f) != cleaned[f]]


def facts(interview: InterviewBase) -> list[str]:
    """The interview as the mails to the two sides write it (the URL included: only they receive these)."""
    lines = [f"日時：{interview.when_display}", f"形式：{interview.get_format_display()}"]
    if interview.place:
        lines.append(f"場所：{interview.place}")
    if interview.url:
        lines.append(f"URL：{interview.url}")
    if interview.notes:
        lines += ["持ち物・備考：", interview.notes]
    return lines


def interview_ics(
    interview: InterviewBase,
    *,
    uid_kind: str,
    summary: str,
    organizer: str,
    page_url: str,
    now: dt.datetime | None = None,
) -> str:
    """The .ics of one interview for one of its two sides. UID is stable (`uid_kind`-<pk>), SEQUENCE is the
    row's, and a cancelled interview says STATUS:CANCELLED (core.ics's one rule), so a calendar updates the entry."""
    description = [f"{organizer}との面接（{interview.get_format_display()}）"]
    if interview.url:
        description.append(f"URL：{interview.url}")
    if interview.notes:
        description += ["持ち物・備考：", interview.notes]
    description.append(f"詳細：{page_url}")
    location = interview.url if interview.format == InterviewFormat.ONLINE and interview.url else ""
    location = " ".join(p for p in (interview.place, location) if p) or interview.where_display
    # Without an end a calendar would show a zero-length entry: an hour is the usual length of an interview.
    ends_at = interview.ends_at or interview.starts_at + dt.timedelta(hours=1)
    properties = [
        ("UID", ics.uid(uid_kind, interview.pk)),
        ("DTSTAMP", ics.utc_stamp(now or clock.now())),
        ("DTSTART", ics.utc_stamp(interview.starts_at)),
        ("DTEND", ics.utc_stamp(ends_at)),
        ("SEQUENCE", str(interview.sequence)),
        ("SUMMARY", ics.escape_text(summary)),
        ("LOCATION", ics.escape_text(location)),
        ("DESCRIPTION", ics.escape_text("\n".join(description))),
        ("URL", page_url),
    ]
    return ics.calendar(
        prodid="-//BONAVI//Interviews//JA", properties=properties, cancelled=interview.is_cancelled
    )


def interview_export(interview: InterviewBase | None) -> dict[str, Any] | None:
    """An interview (either kind) in マイデータ: when, how, where, what to bring, and whether it was called off."""
    if interview is None:
        return None
    return {
        "starts_at": interview.starts_at.isoformat(),
        "ends_at": interview.ends_at.isoformat() if interview.ends_at else None,
        "format": interview.get_format_display(),
        "place": interview.place,
        "url": interview.url,
        "notes": interview.notes,
        "cancelled_at": interview.cancelled_at.isoformat() if interview.cancelled_at else None,
        # Her answer to it (ADR 0140), where the kind has one: what she wrote is hers to take with her.
        **(
            {
                "answer": interview.get_answer_display() if interview.answer else "",
                "answer_text": interview.answer_text,
                "answered_at": interview.answered_at.isoformat() if interview.answered_at else None,
            }
            if isinstance(interview, InterviewAnswerFields)
            else {}
        ),
    }
