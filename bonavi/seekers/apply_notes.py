"""What later apps know about her direct 応募 to one posting (ADR 0148): an agency's proposal of it to her.

ADR 0141 stops an agency from proposing or recommending a job she applied to directly; the other way round — she
accepted an agency's proposal of a job (a 推薦 is coming, or was made) and then applies on its public page — the
company got her twice and the agency's fee was in dispute. seekers cannot import the agents app, so agents registers
a function here from its AppConfig.ready(): `fn(user, posting_id)` reads only that seeker's own proposals of that
posting, through its own permission-checking selector, and returns what the apply page and `application_create`
must say — a refusal, or a notice above the form. Nothing of another candidate's is ever read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bonavi.accounts.models import User


@dataclass(frozen=True)
class ApplyNote:
    text: str  # 「この求人は○○からの提案を承諾済みです。応募はエージェント経由で進みます。」
    url: str  # her own page about it (the proposal), "" when there is none
    link_label: str  # 「提案を見る」
    refuses: bool  # True: no direct 応募 to this posting; False: a notice on the apply form
    # One line for the posting's own page, beside (or in place of) its 「応募する」; the apply page says `text`.
    short: str = ""

    @property
    def line(self) -> str:
        return self.short or self.text

    @property
    def message(self) -> str:
        """The text with its page, for where no link can be drawn (the service's refusal, the API's 422)."""
        return f"{self.text}（{self.link_label}：{self.url}）" if self.url else self.text


ApplyNotesFn = Callable[[Any, int], list[ApplyNote]]

_NOTES: list[ApplyNotesFn] = []


def register_apply_notes(fn: ApplyNotesFn) -> ApplyNotesFn:
    if fn not in _NOTES:
        _NOTES.append(fn)
    return fn


def apply_notes(user: Any, posting_id: int) -> list[ApplyNote]:
    """Every registered app's notes about `user` applying directly to `posting_id`, refusals first."""
    notes = [note for fn in _NOTES for note in fn(user, posting_id)]
    return sorted(notes, key=lambda note: not note.refuses)


def apply_refusal(user: Any, posting_id: int) -> ApplyNote | None:
    """The first note that refuses her direct 応募 to `posting_id`, or None."""
    return next((note for note in apply_notes(user, posting_id) if note.refuses), None)


def hold_her_applying(user_id: int) -> None:
    """Lock her account row until the caller's transaction ends (ADR 0148, addendum s19).

    Her direct 応募 (`services.application_create`) and what agents does for the same job through the agency (her
    承諾 of a proposal, a 推薦 of her) each check the other side. Checked in separate transactions, two posted in
    the same instant both passed under PostgreSQL's READ COMMITTED and the company got her twice. Each takes this
    lock first, in its transaction, and checks the other side only after it: the second waits until the first has
    committed and then sees its row. Taken before any other row (a proposal's), so the two never wait on each other
    in opposite order. A no-op on SQLite, whose IMMEDIATE transactions already let one writer in at a time."""
    list(User.objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True))
