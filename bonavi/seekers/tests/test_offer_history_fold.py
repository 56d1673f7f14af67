"""seekers 0016 folds each application's offer_previous into its offer_history, and 0017 drops it (ADR 0130, addendum
s21): run by the migration executor on rows of each kind — changed only before the history was kept (only
offer_previous), only a history, both (one item in both, one only in offer_previous), neither — after which both
cards, both APIs' offer_previous and マイデータ say the same 「変更前」 as the cards said from offer_previous before."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services
from bonavi.seekers.models import Application
from bonavi.seekers.tests.conftest import PROFILE
from bonavi.seekers.tests.helpers import OFFER_TERMS, client_for, in_days
from bonavi.seekers.tests.test_offer_history import FIRST_FIX, _card, _row, _when

fold = importlib.import_module("bonavi.seekers.migrations.0016_offer_history_fold")

BEFORE = [("seekers", "0015_offer_history")]
AFTER = [("seekers", "0017_remove_application_offer_previous")]


def _at(moment: dt.datetime) -> str:
    return moment.isoformat()


# The pure fold, each kind of row -------------------------------------------------------------------------------


T0 = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC).isoformat()
T1 = dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC).isoformat()


def test_only_previous_goes_in_dated_by_the_rows_change() -> None:
    previous = {"start_on": "2027-01-06", "offer_terms": "条件A"}
    assert fold.folded(previous, [], T0) == [
        {"item": "start_on", "was": "2027-01-06", "until": T0},
        {"item": "offer_terms", "was": "条件A", "until": T0},
    ]


def test_only_previous_without_a_moment_goes_in_undated() -> None:
    assert fold.folded({"start_on": None}, [], None) == [{"item": "start_on", "was": None, "until": None}]


def test_only_a_history_and_neither_are_left_as_they_are() -> None:
    history = [{"item": "start_on", "was": "2027-01-06", "until": T0}]
    assert fold.folded({}, history, T0) == history
    assert fold.folded({}, [], None) == []


def test_both_an_item_already_there_is_not_added_twice_and_an_older_one_goes_first_undated() -> None:
    history = [
        {"item": "start_on", "was": "2027-01-06", "until": T0},
        {"item": "start_on", "was": "2027-01-20", "until": T1},
    ]
    previous = {"start_on": "2027-01-20", "offer_terms": "条件A"}
    # T1 is the date's change: the terms changed before the history was kept, at a moment nothing recorded.
    assert fold.folded(previous, history, T1) == [
        {"item": "offer_terms", "was": "条件A", "until": None},
        *history,
    ]
    assert fold.folded(previous, fold.folded(previous, history, T1), T1) == fold.folded(previous, history, T1)


def test_a_previous_value_the_history_does_not_end_with_is_kept_as_the_newest() -> None:
    history = [{"item": "start_on", "was": "2027-01-06", "until": T0}]
    assert fold.folded({"start_on": "2027-02-01"}, history, T1) == [
        *history,
        {"item": "start_on", "was": "2027-02-01", "until": T1},
    ]


def test_going_back_gives_each_items_last_entry() -> None:
    history = [
        {"item": "offer_terms", "was": "条件A", "until": None},
        {"item": "start_on", "was": "2027-01-06", "until": T0},
        {"item": "start_on", "was": None, "until": T1},
    ]
    assert fold.latest(history) == {"start_on": None, "offer_terms": "条件A"}


# The migration on a database ------------------------------------------------------------------------------------


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _seeker(n: int) -> User:
    user = User.objects.create_user(
        email=f"fold-{n}@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    services.profile_update(
        user=user,
        data=PROFILE,
        history=[{"kind": "education", "year": 2020, "month": 3, "text": "東京都立青山高等学校 卒業"}],
        qualifications=[],
    )
    return user


def _offered(employer: User, posting: JobPosting, n: int) -> Application:
    application = services.application_create(user=_seeker(n), posting_id=posting.pk, message="")
    services.application_move(
        user=employer,
        application=application,
        to_status="offer",
        answer_by=in_days(3),
        start_on=in_days(40),
        offer_terms=OFFER_TERMS,
    )
    return application


@pytest.mark.django_db(transaction=True)
def test_the_migration_folds_each_kind_of_row_and_every_page_says_the_same_before(employer: User) -> None:
    assert employer.organization is not None
    posting = make_posting(employer.organization, title="経理スタッフ")
    only_previous, only_history, both, neither = (_offered(employer, posting, n) for n in range(4))
    t0 = clock.now().replace(microsecond=0) - dt.timedelta(days=3)
    t1 = t0 + dt.timedelta(days=1)

    apps = _migrate(BEFORE)
    try:
        Old = apps.get_model("seekers", "Application")
        # Changed before 0015, both items at once: offer_previous alone, dated by offer_changed_at.
        Old.objects.filter(pk=only_previous.pk).update(
            offer_start_on=in_days(45),
            offer_terms=FIRST_FIX,
            offer_previous={"start_on": in_days(40).isoformat(), "offer_terms": OFFER_TERMS},
            offer_history=[],
            offer_changed_at=t0,
            offer_version=2,
        )
        # Not written by the services (every change sets offer_previous), so left exactly as it is.
        only_history_entries = [{"item": "start_on", "was": in_days(40).isoformat(), "until": _at(t0)}]
        Old.objects.filter(pk=only_history.pk).update(
            offer_start_on=in_days(45),
            offer_history=only_history_entries,
            offer_changed_at=t0,
            offer_version=2,
        )
        # The terms changed before 0015, then the date twice (before and after 0015): the second change copied the
        # date's first 変更前 into the history, but nothing of the terms, whose moment offer_changed_at no longer is.
        both_entries = [
            {"item": "start_on", "was": in_days(40).isoformat(), "until": _at(t0)},
            {"item": "start_on", "was": in_days(45).isoformat(), "until": _at(t1)},
        ]
        Old.objects.filter(pk=both.pk).update(
            offer_start_on=in_days(50),
            offer_terms=FIRST_FIX,
            offer_previous={"start_on": in_days(45).isoformat(), "offer_terms": OFFER_TERMS},
            offer_history=both_entries,
            offer_changed_at=t1,
            offer_version=4,
        )
        stamps = dict(Old.objects.values_list("pk", "updated_at"))
    finally:
        _migrate(AFTER)

    rows = {a.pk: a for a in Application.objects.all()}
    assert rows[only_previous.pk].offer_history == [
        {"item": "start_on", "was": in_days(40).isoformat(), "until": _at(t0)},
        {"item": "offer_terms", "was": OFFER_TERMS, "until": _at(t0)},
    ]
    assert rows[only_history.pk].offer_history == only_history_entries
    assert rows[both.pk].offer_history == [
        {"item": "offer_terms", "was": OFFER_TERMS, "until": None},
        *both_entries,
    ]
    assert rows[neither.pk].offer_history == []
    # The lists' 「最終更新」 is the last status change, which a migration is not.
    assert dict(Application.objects.values_list("pk", "updated_at")) == stamps

    def cards(application: Application) -> list[str]:
        assert application.applicant is not None
        return [
            _card(
                client_for(application.applicant).get(f"/me/applications/{application.pk}/").content.decode()
            ),
            _card(client_for(employer).get(f"/applicants/{application.pk}/").content.decode()),
        ]

    def previous_said(application: Application) -> list[dict[str, Any]]:
        assert application.applicant is not None
        return [
            client_for(application.applicant)
            .get(f"/api/v1/me/applications/{application.pk}")
            .json()["offer_previous"],
            client_for(employer)
            .get(f"/api/v1/employer/applications/{application.pk}")
            .json()["offer_previous"],
            client_for(application.applicant)
            .get("/api/v1/me/mydata")
            .json()["applications"][0]["offer_previous"],
        ]

    # Only offer_previous: each item's 「変更前」 with the moment the cards gave it (offer_changed_at), as before.
    for card in cards(rows[only_previous.pk]):
        start, terms = _row(card, "入社予定日"), _row(card, "内定の条件（企業から）")
        assert start.count('class="offer-was"') == 1 and terms.count('class="offer-was"') == 1
        assert f"変更前</span><del>{clock.date_ja(in_days(40))}</del>" in start
        assert f">{_when(t0)}</time>に変更）" in start
        assert f"変更前</span><del>{OFFER_TERMS}</del>" in terms and f">{_when(t0)}</time>に変更）" in terms
    assert (
        previous_said(rows[only_previous.pk])
        == [{"start_on": in_days(40).isoformat(), "offer_terms": OFFER_TERMS}] * 3
    )

    # Both: the date's two earlier values as before; the terms' 「変更前」 the same text, said to be undated
    # (the cards used to date it by the date's later change).
    for card in cards(rows[both.pk]):
        start, terms = _row(card, "入社予定日"), _row(card, "内定の条件（企業から）")
        assert f"変更前</span><del>{clock.date_ja(in_days(45))}</del>" in start
        assert f"その前</span><del>{clock.date_ja(in_days(40))}</del>" in start
        assert f"変更前</span><del>{OFFER_TERMS}</del>" in terms and "（変更日時の記録なし）" in terms
        assert "<time" not in terms
    assert (
        previous_said(rows[both.pk])
        == [{"start_on": in_days(45).isoformat(), "offer_terms": OFFER_TERMS}] * 3
    )

    # Only a history (a state the services never wrote): its last entry is offer_previous.
    assert previous_said(rows[only_history.pk]) == [{"start_on": in_days(40).isoformat()}] * 3

    # Neither: no 「変更前」 anywhere, and {} as before.
    for card in cards(rows[neither.pk]):
        assert "offer-was" not in card and "変更前" not in card
    assert previous_said(rows[neither.pk]) == [{}] * 3
