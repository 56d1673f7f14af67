"""Stored posting features (ADR 0106): a published posting's classified features are written when it is saved or
bulk loaded, read for a ranking's pool instead of classifying it again, and recomputed when stale (the posting
changed, or the classifier data did)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.services import posting_update
from bonavi.jobs.tests.factories import make_posting, posting_data
from bonavi.matching import features_store, services
from bonavi.matching.classifier import OccupationClassifier
from bonavi.matching.facts import JobFacts, PersonFacts
from bonavi.matching.models import PostingFeatures

TOKYO_CLERK = PersonFacts(
    prefectures=("13",),
    experience_text="請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。",
    pay_floor=200_000,
)


@pytest.fixture
def classified(monkeypatch) -> Iterator[list[str]]:
    """The texts the classifier reads for posting features, from here on (a counting wrapper)."""
    seen: list[str] = []
    real = OccupationClassifier.lexical_top

    def counting(self: OccupationClassifier, text: str, *, top: int) -> list[tuple[int, float]]:
        seen.append(text)
        return real(self, text, top=top)

    monkeypatch.setattr(OccupationClassifier, "lexical_top", counting)
    yield seen


def _postings(org, n: int = 3) -> list[JobPosting]:
    titles = ["経理事務", "人事・労務担当", "総務事務", "営業事務", "法務担当"]
    return [
        make_posting(org, title=titles[i % len(titles)], prefecture="13", date_posted=_ago(i))
        for i in range(n)
    ]


def _ago(days: int) -> dt.datetime:
    return dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC) - dt.timedelta(days=days)


def _pool() -> list[JobFacts]:
    return services.pool_facts(services.candidate_postings(("13",)), pool=services.CANDIDATE_POOL)


def _comparable(facts: list[JobFacts]) -> list[dict]:
    return sorted(
        ({k: v for k, v in dataclasses.asdict(f).items()} for f in facts), key=lambda d: d["posting_id"]
    )


@pytest.mark.django_db
def test_a_published_posting_gets_a_fresh_row_when_saved_and_a_draft_none(employer) -> None:
    posting = make_posting(employer.organization, title="経理事務")
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT)
    row = PostingFeatures.objects.get(posting=posting)
    assert row.posting_updated_at == posting.updated_at and row.fingerprint == features_store.fingerprint()
    assert row.occupations and row.terms and row.key_title == "経理事務"
    assert not PostingFeatures.objects.filter(posting=draft).exists()

    # An edit through the jobs service writes the row again, stamped with the new updated_at.
    updated = posting_update(
        user=employer,
        posting=posting,
        data=posting_data(title="給与計算担当", duties="給与計算と社会保険の手続き"),
    )
    row.refresh_from_db()
    assert row.posting_updated_at == updated.updated_at and "給与" in row.terms

    posting.delete()  # the row goes with its posting
    assert not PostingFeatures.objects.filter(pk=posting.pk).exists()


@pytest.mark.django_db
def test_a_save_of_some_fields_moves_updated_at_and_the_row_follows(employer) -> None:
    """save(update_fields=...) without updated_at still moves it (JobPosting.save adds it), so the row is written
    again with the new text's features and the new stamp, rather than staying "fresh" with the old text's."""
    posting = make_posting(employer.organization, title="経理事務", duties="伝票の起票と仕訳入力")
    before = posting.updated_at
    assert "給与" not in PostingFeatures.objects.get(posting=posting).terms
    posting.title = "給与計算担当"
    posting.save(update_fields=["title"])
    posting.refresh_from_db()
    assert posting.title == "給与計算担当" and posting.updated_at > before
    row = PostingFeatures.objects.get(posting=posting)
    assert "給与" in row.terms and row.posting_updated_at == posting.updated_at


@pytest.mark.django_db
def test_a_pool_with_fresh_rows_classifies_nothing_and_ranks_as_without_them(employer, classified) -> None:
    postings = _postings(employer.organization, 5)
    assert PostingFeatures.objects.count() == 5
    services._cache.clear()  # a new process: nothing in memory, the rows in the database
    classified.clear()
    stored = _pool()
    assert classified == []  # read from the rows: the classifier was not called for any posting
    assert len(stored) == 5
    ranked_stored = [r.as_dict() for r in services.rank(services.person_profile(TOKYO_CLERK), stored)]

    PostingFeatures.objects.all().delete()
    services._cache.clear()
    computed = _pool()
    assert len(classified) == 5  # without rows every posting is classified …
    assert PostingFeatures.objects.count() == 5  # … and its row stored for the next process
    assert _comparable(stored) == _comparable(computed)  # the same features to the last float
    assert ranked_stored == [
        r.as_dict() for r in services.rank(services.person_profile(TOKYO_CLERK), computed)
    ]
    assert {f.posting_id for f in stored} == {p.pk for p in postings}


@pytest.mark.django_db
def test_a_row_is_recomputed_when_the_posting_changed(employer, classified) -> None:
    first, second, third = _postings(employer.organization, 3)
    # A change that bypassed post_save (a queryset update): the row's stamp no longer matches the posting's.
    JobPosting.objects.filter(pk=first.pk).update(
        title="法務担当", duties="契約書の審査", updated_at=first.updated_at + dt.timedelta(seconds=5)
    )
    services._cache.clear()
    classified.clear()
    pool = {f.posting_id: f for f in _pool()}
    assert classified == ["法務担当。契約書の審査"]  # only the changed posting
    assert pool[first.pk].title == "法務担当"
    row = PostingFeatures.objects.get(posting=first)
    assert row.posting_updated_at == first.updated_at + dt.timedelta(seconds=5)
    assert {second.pk, third.pk} <= set(pool)
    # (After new classifier data the rows are served and the worker recomputes them: test_features_after_new_data.)


@pytest.mark.django_db
def test_bulk_loaded_postings_get_rows_and_the_backfill_fills_what_is_missing() -> None:
    postings_seed(count=12, seed=5, private_ratio=0.0)
    ids = set(JobPosting.objects.filter(status=PostingStatus.PUBLISHED).values_list("pk", flat=True))
    assert len(ids) == 12
    rows = PostingFeatures.objects.filter(posting_id__in=ids)
    assert rows.count() == 12 and services.stale_feature_ids() == []

    PostingFeatures.objects.filter(posting_id__in=sorted(ids)[:4]).delete()
    JobPosting.objects.filter(pk=max(ids)).update(updated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert len(services.stale_feature_ids()) == 5
    assert services.features_backfill(limit=2) == 2  # the newest first, bounded (the worker's turn)
    call_command("matching_backfill")
    assert services.stale_feature_ids() == []


@pytest.mark.django_db
def test_the_backfill_command_refuses_a_bad_limit() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 以上"):
        call_command("matching_backfill", "--limit", "0")


@pytest.mark.django_db
def test_a_row_that_cannot_be_written_never_breaks_the_ranking_nor_the_save(employer, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise DatabaseError("database is locked")

    posting = make_posting(employer.organization, title="経理事務", prefecture="13")
    PostingFeatures.objects.all().delete()
    services._cache.clear()
    monkeypatch.setattr(features_store, "rows_save", broken)
    assert [f.posting_id for f in _pool()] == [posting.pk]  # computed, served, just not stored
    assert not PostingFeatures.objects.exists()

    def unclassifiable(posting: JobPosting) -> None:
        raise OSError("occupation index missing")

    monkeypatch.setattr(services, "derived_features", unclassifiable)
    saved = make_posting(employer.organization, title="総務事務")  # saved all the same, without a row
    assert JobPosting.objects.filter(pk=saved.pk).exists()


@pytest.mark.django_db
def test_the_worker_refills_stale_rows_a_bounded_turn_at_a_time(employer, monkeypatch) -> None:
    from bonavi.notifications.worker import duties

    duty = {d.name: d for d in duties()}["matching_features"]
    _postings(employer.organization, 3)
    monkeypatch.setattr(features_store, "fingerprint", lambda: "new-index-0002")  # new classifier data
    monkeypatch.setattr(services, "BACKFILL_LIMIT", 2)
    assert duty.run() == 2 and len(services.stale_feature_ids()) == 1
    assert duty.run() == 1 and services.stale_feature_ids() == []


@pytest.mark.django_db
def test_the_backfill_classifies_outside_its_transactions(employer, monkeypatch) -> None:
    """On SQLite a transaction holds the write lock from its start: the backfill's classifying (seconds for 500
    postings, and loading the classifier) must not happen inside the transaction that stores the rows."""
    from django.db import connection

    _postings(employer.organization, 3)
    PostingFeatures.objects.all().delete()
    outer = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []
    real = services.derived_features

    def recording(posting: JobPosting) -> features_store.Derived:
        depths.append(len(connection.atomic_blocks))
        return real(posting)

    monkeypatch.setattr(services, "derived_features", recording)
    assert services.features_backfill(batch=2) == 3
    assert depths == [outer] * 3
    assert services.stale_feature_ids() == []


@pytest.mark.django_db
def test_the_backfill_checks_freshness_once(employer) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _postings(employer.organization, 3)
    PostingFeatures.objects.all().delete()
    stamp = features_store.fingerprint()
    with CaptureQueriesContext(connection) as queries:
        assert services.features_backfill() == 3
    compared = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and stamp in q["sql"]]
    assert len(compared) == 1  # stale_feature_ids; the batch is not checked a second time


def test_the_fingerprint_covers_the_subrole_catalog(monkeypatch) -> None:
    """A posting's prior occupations come from its sub-role's name and MHLW code (subrole_occupations): rows
    computed with another catalog are stale."""
    from bonavi.jobs.catalog import SUBROLE_BY_CODE

    before = features_store.fingerprint.__wrapped__()
    sub = SUBROLE_BY_CODE["internal_audit"]
    monkeypatch.setitem(SUBROLE_BY_CODE, "internal_audit", dataclasses.replace(sub, mhlw_code="06-038-03"))
    recoded = features_store.fingerprint.__wrapped__()
    monkeypatch.setitem(SUBROLE_BY_CODE, "internal_audit", dataclasses.replace(sub, name="監査"))
    renamed = features_store.fingerprint.__wrapped__()
    assert len({before, recoded, renamed}) == 3


@pytest.mark.django_db
def test_rows_are_upserted_in_posting_id_order(employer, monkeypatch) -> None:
    """Two upserts taking shared rows in opposite orders can deadlock on PostgreSQL: every writer goes by id."""
    from django.db.models import QuerySet

    postings = _postings(employer.organization, 3)
    PostingFeatures.objects.all().delete()
    services._cache.clear()
    order: list[list[int]] = []
    real = QuerySet.bulk_create

    def recording(self: QuerySet, objs: list, *args, **kwargs):
        order.append([o.posting_id for o in objs])
        return real(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", recording)
    newest_id_first = JobPosting.objects.order_by("-id")
    assert [f.posting_id for f in services.pool_facts(newest_id_first, pool=10)] == sorted(
        (p.pk for p in postings), reverse=True
    )
    assert order == [sorted(p.pk for p in postings)]


@pytest.mark.django_db
def test_only_published_postings_keep_a_row(employer) -> None:
    """ADR 0106: no pool ranks a posting that is not 公開中, so it has no row — closing one deletes it, a pool
    that holds one does not write it, and the worker's duty prunes what bypassed post_save."""
    from bonavi.jobs.services import posting_close
    from bonavi.notifications.worker import duties

    closed, kept, updated = _postings(employer.organization, 3)
    posting_close(user=employer, posting=closed)
    assert not PostingFeatures.objects.filter(posting=closed).exists()

    draft = make_posting(employer.organization, status=PostingStatus.DRAFT, prefecture="13")
    services._cache.clear()
    pool = services.pool_facts(JobPosting.objects.order_by("-id"), pool=10)  # a caller's pool holding them
    assert {f.posting_id for f in pool} == {closed.pk, kept.pk, updated.pk, draft.pk}
    assert set(PostingFeatures.objects.values_list("posting_id", flat=True)) == {kept.pk, updated.pk}

    JobPosting.objects.filter(pk=updated.pk).update(status=PostingStatus.EXPIRED)  # no post_save
    {d.name: d for d in duties()}["matching_features"].run()
    assert list(PostingFeatures.objects.values_list("posting_id", flat=True)) == [kept.pk]
