"""The texts of the events app's mails (plain text, queued through the outbox by services.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from django.conf import settings
from django.urls import reverse

from bonavi.core.clock import JST
from bonavi.core.mail import subject_title
from bonavi.notifications.mail import signature

from .ics import event_location
from .models import Event


def jst(moment: dt.datetime) -> str:
    m = moment.astimezone(JST)
    return f"{m.month}月{m.day}日 {m:%H:%M}"


def _urls(event: Event) -> tuple[str, str]:
    site = settings.SITE_URL
    return site + reverse("events:detail", args=[event.pk]), site + reverse("events:ics", args=[event.pk])


def _summary(event: Event, *, when_label: str = "日時") -> list[str]:
    return [
        f"説明会：{event.title}",
        f"主催：{event.organization.name}",
        f"{when_label}：{event.when_display}",
    ]


def _facts(event: Event, *, waiting: bool = False) -> list[str]:
    """The facts a registrant needs, join URL included: every mail that carries them goes to an active registrant
    of a scheduled event (registration and editing refuse a cancelled one, reminders pick scheduled ones only, a
    promotion makes the person active in the transaction that queues the mail). `waiting`: what a waiter may know —
    the same, but neither the join URL, which is an active registrant's alone (ADR 0084), nor the .ics line."""
    page, ics = _urls(event)
    lines = [*_summary(event), f"形式：{event.get_format_display()}"]
    if event.is_online and waiting:
        lines.append("参加URL：繰り上げでお申し込みが確定したときにお送りします")
    elif event.is_online:
        lines.append(f"参加URL：{event.join_url}")
        lines.append("（参加URLはお申し込みの方だけにお送りしています。ほかの方と共有しないでください）")
    else:
        lines.append(f"会場：{event_location(event, join_url=None)}")
    lines += ["", f"説明会のページ：{page}"]
    if waiting:
        return lines
    # The .ics downloads without a login; only the join URL in it needs the registrant's (selectors.join_url_for).
    calendar = (
        "カレンダーに追加（.ics。参加URLは、ログインしてから取り込むと入ります）"
        if event.is_online
        else "カレンダーに追加（.ics）"
    )
    return [*lines, f"{calendar}：{ics}"]


def _mail(
    event: Event, headline: str, *, opening: list[str], facts: list[str], closing: str = ""
) -> tuple[str, str]:
    """Every event mail: the subject 「【BOナビ】headline：title」, then opening, facts, closing and the signature."""
    body = [*opening, "", *facts]
    if closing:
        body += ["", closing]
    body += signature(settings.SITE_URL + reverse("events:my_events"))
    return f"【BOナビ】{headline}：{subject_title(event.title)}", "\n".join(body)


def registered(event: Event) -> tuple[str, str]:
    return _mail(
        event,
        "企業説明会のお申し込みを受け付けました",
        opening=[
            "企業説明会のお申し込みを受け付けました。",
            "主催企業には、お名前とメールアドレスをお知らせしています。",
        ],
        facts=_facts(event),
        closing="参加できなくなった場合は、開始前までにマイページの「企業説明会」からキャンセルできます。",
    )


def waiting_joined(event: Event, *, position: int) -> tuple[str, str]:
    return _mail(
        event,
        "キャンセル待ちに登録しました",
        opening=[
            f"次の企業説明会のキャンセル待ちに登録しました（現在 {position}番目）。",
            "席が空くと、登録の順に自動で参加登録になり、そのときにメールでお知らせします。",
            "主催企業には、お名前とメールアドレスをお知らせしています。",
        ],
        facts=_facts(event, waiting=True),
        closing="申込締切までに席が空かなかった場合も、メールでお知らせします。"
        "キャンセル待ちは、マイページの「企業説明会」から取り消せます。",
    )


def promoted(event: Event) -> tuple[str, str]:
    return _mail(
        event,
        "キャンセル待ちから参加登録になりました",
        opening=[
            "席が空いたため、キャンセル待ちに登録いただいていた企業説明会に参加登録しました。",
            "主催企業には、お名前とメールアドレスをお知らせしています。",
        ],
        facts=_facts(event),
        closing="参加できない場合は、開始前までにマイページの「企業説明会」からキャンセルしてください"
        "（次にお待ちの方の席になります）。",
    )


def no_seat(event: Event) -> tuple[str, str]:
    return _mail(
        event,
        "キャンセル待ちの結果のお知らせ",
        opening=[
            "申込締切までに席が空かなかったため、次の企業説明会のキャンセル待ちは終了しました。",
            "今回は参加登録になりませんでした。",
        ],
        facts=_summary(event),
        closing="ほかの企業説明会は、説明会の一覧からお探しいただけます："
        + settings.SITE_URL
        + reverse("events:list"),
    )


def cancelled_by_seeker(event: Event) -> tuple[str, str]:
    return _mail(
        event,
        "企業説明会のキャンセルを受け付けました",
        opening=["次の企業説明会のお申し込みをキャンセルしました。"],
        facts=_summary(event),
    )


def reminder(event: Event) -> tuple[str, str]:
    return _mail(
        event,
        "明日は企業説明会です",
        opening=["お申し込みの企業説明会は明日です。"],
        facts=_facts(event),
        closing="参加できなくなった場合は、開始前までにマイページの「企業説明会」からキャンセルしてください。",
    )


def event_cancelled(event: Event, *, waiting: bool = False) -> tuple[str, str]:
    if waiting:
        return _mail(
            event,
            "企業説明会は中止になりました",
            opening=[
                "キャンセル待ちに登録いただいていた企業説明会は、主催企業の都合により中止になりました。",
                "キャンセル待ちも終了しました。",
            ],
            facts=_summary(event, when_label="日時（予定）"),
        )
    return _mail(
        event,
        "企業説明会は中止になりました",
        opening=["お申し込みいただいた企業説明会は、主催企業の都合により中止になりました。"],
        facts=_summary(event, when_label="日時（予定）"),
        closing="カレンダーに追加していた場合は、予定を削除してください（.ics を読み込み直すと中止と表示されます）。",
    )


def place(event: Event) -> str:
    """Where, as anyone may know it: the venue, or 「オンライン」 (the join URL is a registrant's alone)."""
    return "オンライン" if event.is_online else event_location(event, join_url=None)


JOIN_URL = "参加URL"


class Shown(NamedTuple):
    """An event's time and place as its mails and pages write them, taken before a change."""

    when: str
    place: str
    join_url: str


class Change(NamedTuple):
    label: str  # 日時・会場・参加URL
    was: str  # as written before the change; the old join URL is not repeated in the notice


def shown(event: Event) -> Shown:
    return Shown(event.when_display, place(event), event.join_url)


def shown_changes(event: Event, was: Shown) -> list[Change]:
    """What a registrant can see changed, in the words the notice uses: a change finer than the minutes shown (or
    a field the notice does not name) is no news, and nobody is mailed about it."""
    changes = [
        Change(label, old)
        for label, old, new in (("日時", was.when, event.when_display), ("会場", was.place, place(event)))
        if old != new
    ]
    if event.is_online and was.join_url and was.join_url != event.join_url:
        changes.append(Change(JOIN_URL, was.join_url))
    return changes


def for_waiters(changes: Sequence[Change]) -> list[Change]:
    """A waiter hears of the time and the place only: the join URL is an active registrant's alone (ADR 0084)."""
    return [c for c in changes if c.label != JOIN_URL]


def event_changed(event: Event, *, changes: Sequence[Change], waiting: bool = False) -> tuple[str, str]:
    """The change notice, naming what changed and what it was before: told only 「日時または会場」, a reader had
    to compare the new facts with their calendar to find out. `changes`: from `shown_changes` (`for_waiters` for
    a waiter), never empty — the caller mails nobody when nothing shown changed."""
    if not changes:
        raise ValueError("a change notice needs a change")
    what = "・".join(c.label for c in changes)
    earlier = [f"変更前の{c.label}：{c.was}" for c in changes if c.label != JOIN_URL]
    if waiting:
        return _mail(
            event,
            f"企業説明会の{what}が変更されました",
            opening=[
                f"キャンセル待ちに登録いただいている企業説明会について、主催企業が{what}を変更しました。",
                "変更後の内容は次のとおりです。都合が合わなくなった場合は、キャンセル待ちを取り消してください。",
            ],
            facts=[*_facts(event, waiting=True), *(["", *earlier] if earlier else [])],
        )
    return _mail(
        event,
        f"企業説明会の{what}が変更されました",
        opening=[
            f"お申し込みの企業説明会について、主催企業が{what}を変更しました。",
            "変更後の内容は次のとおりです。",
        ],
        facts=[*_facts(event), *(["", *earlier] if earlier else [])],
        closing="カレンダーに追加していた場合は、.ics をもう一度読み込むと予定が更新されます。",
    )
