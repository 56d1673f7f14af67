"""Writes for notifications: saved searches, unsubscribing, queueing e-mail, and erasing a person's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict

from bonavi.accounts.selectors import hiring_staff
from bonavi.core import clock
from bonavi.core.mail import message_id
from bonavi.core.text import one_line, strip_control
from bonavi.core.validators import reject_markup
from bonavi.search.params import SearchParams

from .models import Frequency, MessageKind, OutboxMessage, SavedSearch
from .schedule import next_due
from .tokens import UnsubscribeTarget

MAX_SAVED_SEARCHES = 20
NAME_MAX = 100


NO_CONDITION = (
    "条件が指定されていません。キーワードか、勤務地・職種などの条件を1つ以上指定してから保存してください"
    "（条件なしでは、全国のすべての新着求人がメールで届きます）。"
)


class SavedSearchInvalid(Exception):
    """The saved search cannot be stored; `errors` maps field names ("__all__" for general) to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("検索条件を保存できません")
        self.errors = errors


class SavedSearchDuplicate(SavedSearchInvalid):
    """The same search is saved already: `existing` is that one, which the page opens instead of a dead end."""

    def __init__(self, existing: SavedSearch) -> None:
        super().__init__({"__all__": [f"同じ検索条件が「{existing.name}」として既に保存されています。"]})
        self.existing = existing


@dataclass(frozen=True)
class ParsedQuery:
    canonical: str
    description: str
    problems: list[str]
    # A keyword or a filter: a search without either would mail every new posting of the whole country.
    conditioned: bool = True


def query_parse(raw: str) -> ParsedQuery:
    """The canonical form of a search page query string (the search app's own parser decides what it means)."""
    params = SearchParams.from_querydict(QueryDict(raw.lstrip("?"), mutable=False))
    # The page number is where the person was, not part of what they want to be told about.
    return ParsedQuery(
        params.to_querystring(with_page=False),
        params.describe(),
        [str(e) for e in params.errors],
        conditioned=bool(params.q) or params.has_filters,
    )


def _clean_name(name: str, *, fallback: str) -> str:
    name = strip_control(name or "").strip() or fallback.strip() or "保存した検索条件"
    if len(name) > NAME_MAX:
        raise SavedSearchInvalid({"name": [f"名前は{NAME_MAX}文字以内で入力してください。"]})
    try:
        reject_markup(name)
    except ValidationError as exc:
        raise SavedSearchInvalid({"name": list(exc.messages)}) from exc
    return name


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        choices = "・".join(str(label) for label in Frequency.labels)
        raise SavedSearchInvalid({"frequency": [f"配信頻度は {choices} から選んでください。"]})


def saved_search_create(
    *, user: Any, query: str, name: str = "", frequency: str = Frequency.DAILY
) -> SavedSearch:
    _check_frequency(frequency)
    parsed = query_parse(query)
    if not parsed.conditioned:
        raise SavedSearchInvalid({"query": [NO_CONDITION]})
    clean = _clean_name(name, fallback=parsed.description[:NAME_MAX])
    if len(parsed.canonical) > SavedSearch._meta.get_field("query").max_length:  # type: ignore[operator]
        raise SavedSearchInvalid({"query": ["検索条件が長すぎます。条件を減らしてから保存してください。"]})
    now = clock.now()
    with transaction.atomic():
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise SavedSearchInvalid(
                {
                    "__all__": [
                        f"保存できる検索条件は{MAX_SAVED_SEARCHES}件までです。不要なものを削除してください。"
                    ]
                }
            )
        same = SavedSearch.objects.filter(user=user, query=parsed.canonical).first()
        if same is not None:
            raise SavedSearchDuplicate(same)
        try:
            with transaction.atomic():
                return SavedSearch.objects.create(
                    user=user,
                    name=clean,
                    query=parsed.canonical,
                    frequency=frequency,
                    covered_until=now,
                    next_due_at=next_due(frequency, after=now),
                )
        except IntegrityError as exc:  # a double submit racing the check above
            raise SavedSearchDuplicate(SavedSearch.objects.get(user=user, query=parsed.canonical)) from exc


def saved_search_update(
    *, search: SavedSearch, name: str | None = None, frequency: str | None = None, query: str | None = None
) -> SavedSearch:
    """Change what is given (None: leave it). A new `query` is checked as at creation and applied as the page's
    「条件を変更」 applies it (`saved_search_requery`); any refusal changes nothing, the other fields included."""
    parsed = _parse_condition(query) if query is not None else None
    now = clock.now()
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().get(pk=search.pk)
        if parsed is not None:
            _apply_condition(search, parsed, now=now)
        if name is not None:
            # An empty name is the query's summary again, as the form's help text says (and as at creation) — not
            # the name it had, which made a renamed search impossible to un-name.
            search.name = _clean_name(name, fallback=query_parse(search.query).description[:NAME_MAX])
        if frequency is not None and frequency != search.frequency:
            _check_frequency(frequency)
            if search.frequency == Frequency.OFF:
                # Resuming after a pause starts from now, instead of mailing everything published meanwhile.
                search.covered_until = max(search.covered_until, now)
            search.frequency = frequency
            search.next_due_at = next_due(frequency, after=now)
        _save_condition(search)
    return search


def saved_search_requery(*, search: SavedSearch, query: str) -> SavedSearch:
    """Give a saved search a new condition (its 「条件を変更」, from the search page). A name that was the old
    condition's summary becomes the new one's; a name she chose stays. The new condition starts from now, like a new
    saved search: the next mail lists postings published after the change, not every older one it now matches."""
    parsed = _parse_condition(query)
    now = clock.now()
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().get(pk=search.pk)
        if parsed.canonical == search.query:
            return search
        _apply_condition(search, parsed, now=now)
        _save_condition(search)
    return search


def _parse_condition(query: str) -> ParsedQuery:
    # The checks of saved_search_create, for a condition given to an existing search.
    parsed = query_parse(query)
    if not parsed.conditioned:
        raise SavedSearchInvalid({"query": [NO_CONDITION]})
    if len(parsed.canonical) > SavedSearch._meta.get_field("query").max_length:  # type: ignore[operator]
        raise SavedSearchInvalid({"query": ["検索条件が長すぎます。条件を減らしてから保存してください。"]})
    return parsed


def _apply_condition(search: SavedSearch, parsed: ParsedQuery, *, now: dt.datetime) -> None:
    """Set the new condition on the locked, unsaved row (the same condition again changes nothing)."""
    if parsed.canonical == search.query:
        return
    same = SavedSearch.objects.filter(user_id=search.user_id, query=parsed.canonical).first()
    if same is not None:
        raise SavedSearchDuplicate(same)
    if search.name == query_parse(search.query).description[:NAME_MAX]:
        search.name = _clean_name("", fallback=parsed.description[:NAME_MAX])
    search.query = parsed.canonical
    search.covered_until = max(search.covered_until, now)


def _save_condition(search: SavedSearch) -> None:
    try:
        with transaction.atomic():
            search.save()
    except IntegrityError as exc:  # the same condition saved as a new search in the same instant
        raise SavedSearchDuplicate(
            SavedSearch.objects.get(user_id=search.user_id, query=search.query)
        ) from exc


def saved_search_delete(*, search: SavedSearch) -> None:
    with transaction.atomic():
        SavedSearch.objects.filter(pk=search.pk).delete()


def unsubscribe(*, target: UnsubscribeTarget) -> int:
    """Stop the digests a signed link names; returns how many searches were switched off (0 if already)."""
    with transaction.atomic():
        searches = SavedSearch.objects.filter(user_id=target.user_id).exclude(frequency=Frequency.OFF)
        if target.saved_search_id:
            searches = searches.filter(pk=target.saved_search_id)
        return searches.update(frequency=Frequency.OFF, next_due_at=None, updated_at=clock.now())


def message_queue(
    *,
    kind: str,
    to_email: str,
    subject: str,
    body: str,
    user: Any = None,
    erase_after_send: bool = False,
) -> OutboxMessage:
    """Queue a plain-text e-mail. Call it inside the transaction of the change it reports: the mail then exists
    exactly when the change does, and the worker sends it (ADR 0040)."""
    if kind not in MessageKind.values or kind == MessageKind.DIGEST:
        raise ValueError(f"unknown transactional message kind {kind!r}")
    now = clock.now()
    with transaction.atomic():
        return OutboxMessage.objects.create(
            kind=kind,
            user=user,
            to_email=to_email,
            subject=one_line(subject)[:200],
            body_text=body,
            message_id=message_id(kind),  # fixed at queue time: a resend after a crash repeats it
            next_attempt_at=now,
            created_at=now,
            erase_after_send=erase_after_send,
        )


def hiring_staff_mail(*, organization: Any, subject: str, body: str) -> list[OutboxMessage]:
    """Queue one mail to each active 採用担当 (employer account) of a company, in account order.

    The one recipient rule for every application notice, direct (seekers) or through an agency (agents): only
    employer accounts, never an agent, operator or seeker account linked to the organisation, and a deactivated
    account gets nothing (ADR 0069). The caller keeps the applicant's personal data out of `body`."""
    members = hiring_staff(organization_id=organization.pk).order_by("pk")
    return [
        message_queue(kind=MessageKind.APPLICATION, to_email=m.email, subject=subject, body=body, user=m)
        for m in members
    ]


def notifications_erase(*, user: Any) -> None:
    """Forget everything this app holds about a person (their searches, and every e-mail to them)."""
    with transaction.atomic():
        SavedSearch.objects.filter(user=user).delete()
        OutboxMessage.objects.filter(user=user).delete()
        # An address is not a person: it changes owner when a login address is changed (ADR 0077) and when a
        # deleted account's address is signed up again. So a row linked to any user is that user's alone, and a
        # row without a link counts as theirs only if it went to their address while they held it, i.e. since
        # the account was created (a former holder's 退会 notice still waiting to be sent must survive). Rows
        # without a link to an earlier address of theirs are not found (no address history is kept); every
        # mail queued for an account carries its link, so such rows come only from other apps' user-less mail.
        OutboxMessage.objects.filter(
            user__isnull=True, to_email__iexact=user.email, created_at__gte=user.date_joined
        ).delete()
