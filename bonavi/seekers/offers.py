"""What a company gives with the 内定 of a direct application (ADR 0129): her 回答期限, the 入社予定日 and the
offer's own terms (提示月給・配属先…). Their rules — one for the employer's page and the API, applied by
services.application_move — and how the deadline reads on every page, list and mail.

Plain values only (no model): the Application model reads `answer_deadline` for its property of the same name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from bonavi.compliance.checker import own_words_problems
from bonavi.compliance.facts import OWN_WORDS_MAX
from bonavi.core import clock
from bonavi.core.text import strip_control, too_long, unix_breaks
from bonavi.core.validators import reject_markup

# The furthest a 回答期限 may be set: a 内定通知 usually gives about a week; two months is generous for a company
# that waits for her other results, and a deadline further off is a typo (2026-21-04 read as a year ahead).
ANSWER_BY_MAX_DAYS = 60
# The furthest a 入社予定日 may be: the bound the agency's 内定 uses (agents.rules.JOIN_AHEAD_YEARS), which seekers
# cannot import; a 新卒 内定 of October starts the next April, well within it.
START_AHEAD_YEARS = 1
# 内定の条件 are the company's own words, read by the rules of a posting's own words and bounded alike (ADR 0128).
OFFER_TERMS_MAX = OWN_WORDS_MAX

# The move's arguments (services.application_move, the page's form fields, the API's MoveIn) and how the messages
# name them.
OFFER_FIELDS: dict[str, str] = {
    "answer_by": "回答期限",
    "start_on": "入社予定日",
    "offer_terms": "内定の条件",
}


@dataclass(frozen=True)
class AnswerDeadline:
    """Her 回答期限 as of a day in Japan: 「回答期限：12月4日（金）まで」 and 「あと3日」 / 「今日が期限です」 /
    「期限を過ぎています」."""

    day: dt.date
    days_left: int

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def day_text(self) -> str:
        return clock.month_day_ja(self.day)

    @property
    def line(self) -> str:
        return f"回答期限：{self.day_text}まで"

    @property
    def left_text(self) -> str:
        if self.days_left < 0:
            return "期限を過ぎています"
        if self.days_left == 0:
            return "今日が期限です"
        return f"あと{self.days_left}日"

    @property
    def short(self) -> str:
        """For the company's 応募者 list, beside 内定: 「回答待ち・12月4日（金）まで」 / 「回答待ち・期限切れ 12月4日（金）」."""
        if self.passed:
            return f"回答待ち・期限切れ {self.day_text}"
        return f"回答待ち・{self.day_text}まで"


def answer_deadline(day: dt.date | None, today: dt.date | None = None) -> AnswerDeadline | None:
    if day is None:
        return None
    return AnswerDeadline(day=day, days_left=(day - (today or clock.today_jst())).days)


def clean_terms(text: str | None) -> str:
    """As stored: a browser's CR LF folded to LF (so 1,000 characters are counted as she reads them), trimmed."""
    return unix_breaks(text or "").strip()


def offer_problems(
    *,
    to_status: str,
    answer_by: dt.date | None,
    start_on: dt.date | None,
    offer_terms: str,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    """What is wrong with the 内定's own facts, by field (OFFER_FIELDS' keys); empty = fine. Given with a move
    other than to 内定 they are refused, never dropped: the company typed terms she would otherwise never see."""
    today = today or clock.today_jst()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    given = [
        name
        for name, value in (("answer_by", answer_by), ("start_on", start_on), ("offer_terms", offer_terms))
        if value
    ]
    if given and to_status != "offer":
        typed = "・".join(OFFER_FIELDS[name] for name in given)
        add(
            given[0],
            "回答期限・入社予定日・内定の条件は、選考状況を「内定」にするときだけ指定できます。"
            f"内定以外に進める場合は、{typed}の入力を消してください。",
        )
        return errors
    if answer_by is not None:
        bounds = answer_by_bounds_problem(answer_by, today=today)
        if bounds:
            add("answer_by", bounds)
    if start_on is not None:
        problem = start_on_problem(
            start_on, answer_by=None if "answer_by" in errors else answer_by, today=today
        )
        if problem:
            add("start_on", problem)
    for message in terms_problems(offer_terms):
        add("offer_terms", message)
    return errors


def start_on_problem(start_on: dt.date, *, answer_by: dt.date | None, today: dt.date) -> str:
    """Why `start_on` cannot be a 入社予定日 given on `today` with the 回答期限 `answer_by`, or "": tomorrow … a
    year ahead (start_on_range), not before the deadline. The one rule of the move to 内定 (offer_problems) and of
    a later change (offer_change_problems, ADR 0130)."""
    earliest, latest = start_on_range(today)
    if start_on < earliest:
        return f"入社予定日（{clock.date_ja(start_on)}）は明日以降の日付で指定してください。"
    if start_on > latest:
        return f"入社予定日（{clock.date_ja(start_on)}）が{START_AHEAD_YEARS}年より先です。日付を確かめてください。"
    if answer_by is not None and start_before_answer(start_on, answer_by):
        return (
            f"入社予定日（{clock.date_ja(start_on)}）が回答期限（{clock.date_ja(answer_by)}）より前です。"
            "入社予定日は回答期限の日以降にしてください。"
        )
    return ""


def terms_problems(offer_terms: str) -> list[str]:
    """What is wrong with 内定の条件 as stored (clean_terms), each message naming the field; empty = fine. The
    one rule of the move to 内定 and of a later change (ADR 0130)."""
    problems: list[str] = []
    if len(offer_terms) > OFFER_TERMS_MAX:
        problems.append(too_long("内定の条件", OFFER_TERMS_MAX, given=len(offer_terms)))
    try:
        reject_markup(offer_terms)
    except ValidationError as exc:
        problems.extend(f"内定の条件：{m}" for m in exc.messages)
    # The wording rules of a posting's own words (ADR 0128): an offer's terms are the company's words to her, and
    # 「女性のため一般職採用」 or 「ご家族の職業を教えてください」 is no more lawful here than in the ad.
    problems.extend(f"内定の条件：{m}" for m in own_words_problems(offer_terms, key="offer_terms"))
    return problems


def answer_by_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a 回答期限 given on `today` may be: today … today + ANSWER_BY_MAX_DAYS. The rule's
    bounds (answer_by_bounds_problem) and the date pickers' min/max (the move's and the change's forms), so a
    picker greys out exactly the days the server refuses."""
    return today, today + dt.timedelta(days=ANSWER_BY_MAX_DAYS)


def start_on_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a 入社予定日 given on `today` may be: tomorrow … START_AHEAD_YEARS ahead (offer_problems
    and the move form's picker). Not before the 回答期限 is the other rule, checked against the typed deadline."""
    return today + dt.timedelta(days=1), clock.add_years(today, START_AHEAD_YEARS)


def answer_by_bounds_problem(answer_by: dt.date, *, today: dt.date) -> str:
    """Why `answer_by` cannot be a 回答期限 given on `today`, or "": from today up to ANSWER_BY_MAX_DAYS ahead. The
    one bound of the move to 内定 (offer_problems) and of a later change (answer_by_change_problems)."""
    _, latest = answer_by_range(today)
    if answer_by < today:
        return f"回答期限（{clock.date_ja(answer_by)}）が過去の日付です。今日以降の日付で指定してください。"
    if answer_by > latest:
        return (
            f"回答期限（{clock.date_ja(answer_by)}）が先すぎます。回答期限は今日から{ANSWER_BY_MAX_DAYS}日以内"
            f"（{clock.date_ja(latest)}まで）で指定してください。"
        )
    return ""


def start_before_answer(start_on: dt.date, answer_by: dt.date) -> bool:
    """The 入社予定日 may not come before her 回答期限: she would be due at work before she had to say yes. The same
    day is allowed, as the move to 内定 has always allowed it."""
    return start_on < answer_by


def answer_by_change_problems(
    *,
    current: dt.date | None,
    answer_by: dt.date | None,
    start_on: dt.date | None,
    today: dt.date | None = None,
) -> list[str]:
    """What is wrong with changing the 回答期限 of an unanswered 内定 from `current` to `answer_by` (None: no
    deadline), its 入社予定日 being `start_on`; empty = fine. The move's rules (answer_by_bounds_problem,
    start_before_answer), plus: a change must change something — 「変更しました」 in her mail and the 経過 for the
    same date would be noise, and the reminder would be re-armed for nothing."""
    today = today or clock.today_jst()
    if answer_by == current:
        if answer_by is None:
            return ["回答期限は既に「指定なし」です。期限を設ける場合は日付を指定してください。"]
        return [
            f"回答期限は既に{clock.date_ja(answer_by)}です。変更する場合は、いまと違う日付を指定してください。"
        ]
    if answer_by is None:
        return []
    bounds = answer_by_bounds_problem(answer_by, today=today)
    if bounds:
        return [bounds]
    if start_on is not None and start_before_answer(start_on, answer_by):
        # Said from the deadline's side: that is the box being changed (the 入社予定日 is not changed here).
        return [
            f"回答期限（{clock.date_ja(answer_by)}）が入社予定日（{clock.date_ja(start_on)}）より後です。"
            "回答期限は入社予定日までの日付で指定してください。"
        ]
    return []


def answer_by_change_note(old: dt.date | None, new: dt.date | None, *, today: dt.date | None = None) -> str:
    """The 経過's words for a change of the 回答期限: 「回答期限を12月4日（金）から12月11日（金）に変更しました」.
    The year is said only when a day is not in this year (a December deadline moved into January)."""
    year = (today or clock.today_jst()).year

    def day(d: dt.date) -> str:
        return clock.month_day_ja(d) if d.year == year else clock.date_ja(d)

    if old is None and new is not None:
        return f"回答期限を{day(new)}に設定しました（これまでは指定なし）"
    if new is None and old is not None:
        return f"回答期限を指定なしにしました（これまでは{day(old)}まで）"
    assert old is not None and new is not None
    return f"回答期限を{day(old)}から{day(new)}に変更しました"


# A change of the 入社予定日 or 内定の条件 before her answer (ADR 0130) ----------------------------------------------

# The fields a change may touch, and how the messages name them. The 回答期限 has its own change (above): it does
# not change what she accepts, so it does not make her 承諾 stale.
CHANGE_FIELDS: dict[str, str] = {"start_on": "入社予定日", "offer_terms": "内定の条件"}

# Her 承諾 given against terms the company changed meanwhile (the version her page carried is not the current
# one): refused with nothing changed, so she accepts only what she has read.
STALE_ACCEPT = "内定の内容が変更されました。変更後の内容を確認してから承諾してください。"


def offer_change_problems(
    *,
    current_start_on: dt.date | None,
    current_terms: str,
    answer_by: dt.date | None,
    start_on: dt.date | None,
    offer_terms: str,
    today: dt.date | None = None,
) -> dict[str, list[str]]:
    """What is wrong with changing the 入社予定日 to `start_on` (None: no date) and the 内定の条件 to `offer_terms`
    ("" : none) of an unanswered 内定 whose 回答期限 is `answer_by`; empty = fine. Only a changed field is judged,
    by the move's own rules (start_on_problem, terms_problems): a date still standing is not refused for the days
    that passed since. Nothing changed is refused (a double click would mail her twice)."""
    today = today or clock.today_jst()
    if start_on == current_start_on and offer_terms == current_terms:
        return {
            "__all__": [
                "入社予定日も内定の条件も、いまと同じです。変更する項目を書き換えてから送ってください。"
            ]
        }
    errors: dict[str, list[str]] = {}
    if start_on != current_start_on and start_on is not None:
        problem = start_on_problem(start_on, answer_by=answer_by, today=today)
        if problem:
            errors["start_on"] = [problem]
    if offer_terms != current_terms:
        problems = terms_problems(offer_terms)
        if problems:
            errors["offer_terms"] = problems
    return errors


def _day_in(year: int, day: dt.date) -> str:
    return clock.month_day_ja(day) if day.year == year else clock.date_ja(day)


def start_on_change_note(old: dt.date | None, new: dt.date | None, *, today: dt.date | None = None) -> str:
    """The 経過's words for a change of the 入社予定日, as answer_by_change_note says the deadline's."""
    year = (today or clock.today_jst()).year
    if old is None and new is not None:
        return f"入社予定日を{_day_in(year, new)}に設定しました（これまでは指定なし）"
    if new is None and old is not None:
        return f"入社予定日を指定なしにしました（これまでは{_day_in(year, old)}）"
    assert old is not None and new is not None
    return f"入社予定日を{_day_in(year, old)}から{_day_in(year, new)}に変更しました"


def terms_change_note(old: str, new: str) -> str:
    """The 経過's words for a change of the 内定の条件. The text itself (up to 1,000 characters) is not copied into
    the entry (500): both are on the card (変更前) and in her mail."""
    if not old:
        return "内定の条件を追加しました（内容は内定のお知らせに表示しています）"
    if not new:
        return "内定の条件を削除しました（変更前の内容は内定のお知らせに表示しています）"
    return "内定の条件を変更しました（変更前と変更後は内定のお知らせに表示しています）"


@dataclass(frozen=True)
class OfferWas:
    """One earlier value of a 内定 item and the moment it was replaced (ADR 0155, addendum s20)."""

    was: dt.date | str | None  # a date (None: 指定なし) for start_on, the text ("": 記載なし) for offer_terms
    until: dt.datetime | None  # None only for a row changed before the history was kept and never dated

    @property
    def until_text(self) -> str:
        """「11月27日 14:05」 (the year said when it is not this year's), in Japan time: short enough for a phone's
        line beside the value."""
        if self.until is None:
            return "日時不明"
        moment = self.until.astimezone(clock.JST)
        day = moment.date()
        said = f"{day.month}月{day.day}日" if day.year == clock.today_jst().year else clock.day_ja(day)
        return f"{said} {moment:%H:%M}"


@dataclass(frozen=True)
class OfferBefore:
    """What the 内定's items were before the company changed them (ADR 0130), for both sides' cards: each changed
    item's every earlier value with when it was replaced, newest first (`start_on_history`, `terms_history`; their
    first is the 「変更前」, `start_on` / `terms`). Read from Application.offer_history alone (ADR 0130, addendum
    s21). `changed_at` is the latest change's moment (None only for a row whose changes were never dated)."""

    changed_at: dt.datetime | None
    start_on_history: tuple[OfferWas, ...] = ()
    terms_history: tuple[OfferWas, ...] = ()

    @property
    def start_on_changed(self) -> bool:
        return bool(self.start_on_history)

    @property
    def terms_changed(self) -> bool:
        return bool(self.terms_history)

    @property
    def start_on(self) -> dt.date | None:
        """The 入社予定日's 「変更前」 (None: 指定なし, or not changed)."""
        was = self.start_on_history[0].was if self.start_on_history else None
        return was if isinstance(was, dt.date) else None

    @property
    def terms(self) -> str:
        """The 内定の条件's 「変更前」 ("": 記載なし, or not changed)."""
        return str(self.terms_history[0].was or "") if self.terms_history else ""

    @property
    def changed_day(self) -> str:
        """「11月27日」: the day of the change, in Japan, as her card's line says it ("" when never dated)."""
        if self.changed_at is None:
            return ""
        day = clock.date_jst(self.changed_at)
        return f"{day.month}月{day.day}日"

    @property
    def terms_older(self) -> tuple[OfferWas, ...]:
        """The terms before the 変更前 one: folded on the card (each up to 1,000 characters)."""
        return self.terms_history[1:]


# The items as her マイデータ and the cards name them.
ITEM_LABELS = {"start_on": "入社予定日", "offer_terms": "内定の条件"}


def history_rows(before: OfferBefore | None) -> list[dict[str, object]]:
    """Every replaced value of the 内定's items, oldest first, as both cards read it: {"item", "was" (YYYY-MM-DD |
    None, or the text), "until" (None: a change made before the history was kept, whose moment is not known)}."""
    if before is None:
        return []
    rows: list[dict[str, object]] = [
        {
            "item": "start_on",
            "was": w.was.isoformat() if isinstance(w.was, dt.date) else None,
            "until": w.until,
        }
        for w in before.start_on_history
    ]
    rows += [{"item": "offer_terms", "was": str(w.was or ""), "until": w.until} for w in before.terms_history]
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(rows, key=lambda row: row["until"] or oldest)  # type: ignore[return-value,arg-type]


def _was(item: str, value: object) -> dt.date | str | None:
    if item == "start_on":
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    return str(value or "")


def _moment(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def offer_history_add(
    history: list[dict[str, object]] | None, *, item: str, was: object, until: dt.datetime
) -> list[dict[str, object]]:
    """Application.offer_history with `item`'s replaced value `was` ("YYYY-MM-DD" | None for start_on, the text for
    offer_terms) appended, dated by the change."""
    return [*(history or []), {"item": item, "was": was, "until": until.isoformat()}]


def latest_was(history: list[dict[str, object]] | None) -> dict[str, object]:
    """Each changed item's value before its latest change ({"start_on": "YYYY-MM-DD" | None, "offer_terms": "…"},
    a key only for a changed item): the `offer_previous` the API and マイデータ have always carried, now read from
    the history (its last entry of each item), which is the only record since seekers 0017."""
    latest: dict[str, object] = {}
    for entry in history or []:
        item = entry.get("item")
        if item in CHANGE_FIELDS:
            latest[str(item)] = entry.get("was")
    return {item: latest[item] for item in CHANGE_FIELDS if item in latest}


def offer_before(
    history: list[dict[str, object]] | None, changed_at: dt.datetime | None
) -> OfferBefore | None:
    """Application.offer_history read back for the cards, each item's values newest first, or None when nothing
    was changed."""
    if not history:
        return None

    def of(item: str) -> tuple[OfferWas, ...]:
        return tuple(
            reversed(
                [
                    OfferWas(was=_was(item, e.get("was")), until=_moment(e.get("until")))
                    for e in history
                    if e.get("item") == item
                ]
            )
        )

    return OfferBefore(
        changed_at=changed_at, start_on_history=of("start_on"), terms_history=of("offer_terms")
    )


# After her 承諾: a new 入社予定日 proposed by either side, the other's to agree to (ADR 0130, 0135) ---------------

# The two parties by the ActorRole value of who proposed: how the other side's page and mail name them.
PARTY = {"seeker": "応募者", "employer": "企業"}

# Why a proposal is made (ADR 0155): 「退職交渉が長引いているため」「研修日程の都合で」 — a line or a few, not a
# letter (a longer story goes in the thread). It also goes into the 経過's entry, a 500-character note.
START_REASON_MAX = 200


def start_reason_clean(text: str | None) -> tuple[str, list[str]]:
    """A proposal's 理由 as stored (optional: "" is fine) and why it is refused ([] when it is not): the rules of
    her other free text (core.interviews.answer_text_clean) — control characters dropped, a browser's CR LF folded
    so the limit counts what the reader sees, no markup."""
    text = unix_breaks(strip_control(text or "")).strip()
    if len(text) > START_REASON_MAX:
        return text, [too_long("理由", START_REASON_MAX, given=len(text))]
    try:
        reject_markup(text)
    except ValidationError as exc:
        return text, [f"理由：{m}" for m in exc.messages]
    return text, []


def other_side(role: str) -> str:
    return "employer" if role == "seeker" else "seeker"


# An answer given to a proposal other than the one pending (the other side proposed another date meanwhile).
STALE_PROPOSAL = "入社予定日の変更の提案が変わりました。新しい提案を確認してから回答してください。"
NO_PROPOSAL = "回答を待っている入社予定日の変更の提案はありません。"

# Her 承諾 through the API without offer_version after the company changed the 内定 (ADR 0135): an old client
# would accept terms it never read.
UNVERSIONED_ACCEPT = (
    "内定の内容（入社予定日・内定の条件）は、内定のあとに企業が変更されています。offer_version を付けない承諾は"
    "受け付けられません。応募を読み直して（GET /me/applications/{id}）変更後の内容を確かめ、その offer_version を"
    "付けて承諾してください（POST /me/applications/{id}/offer/accept?offer_version=n）。"
)


def withdrawn_proposal(by: str, proposed: dt.date, current: dt.date | None) -> str:
    """Said to the other side when it answers a proposal `by` withdrew (a page drawn before the withdrawal)."""
    return (
        f"入社予定日の変更の提案（{clock.date_ja(proposed)}）は、{PARTY[by]}が取り下げました。回答は不要です。"
        f"入社予定日は{_day_or_none(current)}のままです。"
    )


def start_closed_note(proposed: dt.date, by: str, status_label: str) -> str:
    """The 経過's words when a move out of 内定 ends a pending proposal (ADR 0148)."""
    return (
        # A proposal pending from before ADR 0135 has no maker recorded: only the company could propose then.
        f"{PARTY.get(by, PARTY['employer'])}からの入社予定日の変更の提案（{clock.date_ja(proposed)}）は、"
        f"選考状況が「{status_label}」に"
        "なったため取り下げ（選考終了）になりました"
    )


def closed_proposal_problem(status_label: str, *, proposed: dt.date | None, closed: dt.date | None) -> str:
    """Why an answer cannot be given once the application left 内定 (ADR 0148): the proposal the page showed was
    closed with the selection — said by name — or there is none."""
    if proposed is not None and proposed == closed:
        return (
            f"入社予定日の変更の提案（{clock.date_ja(proposed)}）には回答できません。選考状況が「{status_label}」に"
            "なったため、提案は取り下げ（選考終了）になっています。回答は不要です。"
        )
    return NO_PROPOSAL


def own_pending_proposal(role: str) -> str:
    """Said to the side that answers when the proposal pending is its own (the other side's was replaced by it)."""
    return (
        f"いま回答を待っている入社予定日の変更の提案は、{'あなた' if role == 'seeker' else '貴社'}が出したものです。"
        f"{PARTY[other_side(role)]}の回答をお待ちください（提案は取り下げることもできます）。"
    )


def withdraw_problem(
    *,
    role: str,
    pending: dt.date | None,
    pending_by: str,
    withdrawn: dt.date | None,
    proposed: dt.date | None,
) -> str:
    """Why `role` cannot withdraw the proposal of `proposed` its page showed, or "": only its own, still pending
    (not answered, not replaced by the other side's, not already withdrawn — a double click)."""
    if pending is None:
        if proposed is not None and proposed == withdrawn:
            return f"入社予定日の変更の提案（{clock.date_ja(proposed)}）は、既に取り下げています。"
        return (
            "取り下げられる入社予定日の変更の提案はありません（既に回答があったか、取り下げられています）。"
        )
    if pending_by != role:
        return (
            f"いまの入社予定日の変更の提案（{clock.date_ja(pending)}）は、{PARTY[pending_by]}から出されたものです。"
            "取り下げられるのは、自分が出した提案だけです。同意しない場合は「同意しない」で回答してください。"
        )
    if proposed != pending:
        return "入社予定日の変更の提案が変わりました。いまの提案を確認してから操作してください。"
    return ""


def answer_problem(
    *,
    role: str,
    pending: dt.date | None,
    pending_by: str,
    withdrawn: dt.date | None,
    current: dt.date | None,
    proposed: dt.date | None,
) -> str:
    """Why `role` cannot answer the proposal of `proposed` its page showed, or "": only the other side's pending
    proposal of that very date (withdrawn, replaced, answered or one's own are refused, each said plainly)."""
    if pending is None:
        if proposed is not None and proposed == withdrawn:
            return withdrawn_proposal(other_side(role), proposed, current)
        return NO_PROPOSAL
    if pending_by == role:
        return own_pending_proposal(role)
    if proposed != pending:
        return STALE_PROPOSAL
    return ""


def start_proposal_problems(
    *,
    current: dt.date | None,
    pending: dt.date | None,
    start_on: dt.date,
    role: str = "employer",
    pending_by: str = "employer",
    today: dt.date | None = None,
) -> list[str]:
    """What is wrong with `role` proposing `start_on` as the new 入社予定日 of an accepted 内定 whose date is
    `current`, with `pending` already proposed by `pending_by`; empty = fine. The move's bounds (start_on_problem;
    the 回答期限 is past meaning once she accepted), and a real proposal: not the date that stands, not the one
    already proposed (one's own: a double click; the other side's: agree to it instead)."""
    today = today or clock.today_jst()
    if start_on == current:
        return [
            f"入社予定日は既に{clock.date_ja(start_on)}です。変更を提案する場合は、いまと違う日付を指定してください。"
        ]
    if start_on == pending:
        other = PARTY[other_side(role)]
        if pending_by == role:
            return [f"{clock.date_ja(start_on)}への変更は既に提案しています。{other}の回答をお待ちください。"]
        return [
            f"{clock.date_ja(start_on)}への変更は、{other}から提案されています。その日でよければ、提案に"
            "「入社日の変更に同意する」で回答してください。"
        ]
    problem = start_on_problem(start_on, answer_by=None, today=today)
    return [problem] if problem else []


def _day_or_none(day: dt.date | None) -> str:
    return clock.date_ja(day) if day is not None else "指定なし"


def start_proposal_note(
    current: dt.date | None,
    proposed: dt.date,
    *,
    role: str = "employer",
    replaced: dt.date | None = None,
    replaced_by: str = "",
    reason: str = "",
) -> str:
    """The 経過's words for a proposal by `role`; `replaced`: the pending proposal (by `replaced_by`) it replaces;
    `reason`: its maker's 理由, said last in full (ADR 0155: the 経過 of a direct application is read by its two
    parties only, and the reason is theirs to keep on record)."""
    note = (
        f"入社予定日の変更を提案しました：{_day_or_none(current)} → {clock.date_ja(proposed)}"
        f"（{PARTY[other_side(role)]}の同意で変わります）"
    )
    if replaced is not None:
        whose = "自分の" if replaced_by == role else f"{PARTY[replaced_by]}からの"
        note += f"。回答待ちだった{whose}提案（{clock.date_ja(replaced)}）に代わります"
    if reason:
        note += f"。理由：{reason}"
    return note


def reason_edit_problem(
    *, role: str, pending: dt.date | None, pending_by: str, proposed: dt.date | None
) -> str:
    """Why `role` cannot correct the 理由 of the proposal of `proposed` its page showed (addendum s20 of ADR 0155),
    or "": only its own proposal, still pending and the one the page showed."""
    if pending is None:
        return (
            "理由を修正できる入社予定日の変更の提案はありません（既に回答があったか、取り下げられています）。"
        )
    if pending_by != role:
        return (
            f"いまの入社予定日の変更の提案（{clock.date_ja(pending)}）は、{PARTY[pending_by]}から出されたものです。"
            "理由を修正できるのは、自分が出した提案だけです。"
        )
    if proposed != pending:
        return "入社予定日の変更の提案が変わりました。いまの提案を確認してから操作してください。"
    return ""


REASON_UNCHANGED = "理由は変わっていません。修正する場合は、新しい理由を入力してください。"


def start_reason_note(proposed: dt.date, reason: str) -> str:
    """The 経過's words for a 理由 corrected alone: the new words in full, as the proposal's own entry has them."""
    if not reason:
        return f"入社予定日の変更の提案（{clock.date_ja(proposed)}）の理由を削除しました（提案の日付は変わりません）"
    return (
        f"入社予定日の変更の提案（{clock.date_ja(proposed)}）の理由を修正しました（提案の日付は変わりません）。"
        f"理由：{reason}"
    )


def start_answer_note(agree: bool, current: dt.date | None, proposed: dt.date) -> str:
    if agree:
        return f"入社予定日の変更に同意しました：{_day_or_none(current)} → {clock.date_ja(proposed)}"
    return (
        f"入社予定日の変更（{clock.date_ja(proposed)}）に同意しませんでした。"
        f"入社予定日は{_day_or_none(current)}のままです"
    )


def start_withdraw_note(current: dt.date | None, proposed: dt.date) -> str:
    return (
        f"入社予定日の変更の提案（{clock.date_ja(proposed)}）を取り下げました。"
        f"入社予定日は{_day_or_none(current)}のままです"
    )
