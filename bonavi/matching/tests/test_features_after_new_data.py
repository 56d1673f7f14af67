"""Stored posting features after new classifier data (ADR 0106, addendum): a ranking serves the rows computed
with the older data and leaves recomputing them to the worker, classifies during the request only postings with
no current row (none stored, or the posting changed since) and at most INLINE_CLASSIFY of them, and a process
reads a recomputed row again after STALE_RECHECK seconds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.matching import features_store, services
from bonavi.matching.classifier import OccupationClassifier
from bonavi.matching.facts import JobFacts
from bonavi.matching.models import PostingFeatures

pytestmark = pytest.mark.django_db

NEW_DATA = "new-index-0003"


@pytest.fixture
def classified(monkeypatch) -> Iterator[list[str]]:
    """The texts the classifier reads for posting features, from here on."""
    seen: list[str] = []
    real = OccupationClassifier.lexical_top

    def counting(self: OccupationClassifier, text: str, *, top: int) -> list[tuple[int, float]]:
        seen.append(text)
        return real(self, text, top=top)

    monkeypatch.setattr(OccupationClassifier, "lexical_top", counting)
    yield seen


def _postings(org, n: int) -> list[JobPosting]:
    """n Tokyo postings, the first the newest."""
    titles = ["経理事務", "人事・労務担当", "総務事務", "営業事務", "法務担当"]
    day = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    return [
        make_posting(
            org, title=titles[i % len(titles)], prefecture="13", date_posted=day - dt.timedelta(days=i)
        )
        for i in range(n)
    ]


def _pool() -> dict[int, JobFacts]:
    postings = services.candidate_postings(("13",))
    return {f.posting_id: f for f in services.pool_facts(postings, pool=services.CANDIDATE_POOL)}


def _new_classifier_data(monkeypatch) -> None:
    """As after a rebuilt occupation index: this process's fingerprint differs from every stored row's."""
    monkeypatch.setattr(features_store, "fingerprint", lambda: NEW_DATA)


def _worker_turn() -> object:
    """One turn of the worker's duty: the rows it wrote."""
    from bonavi.notifications.worker import duties

    return {d.name: d for d in duties()}["matching_features"].run()


def test_new_classifier_data_classifies_nothing_on_request_and_the_worker_recomputes(
    employer, classified, monkeypatch
) -> None:
    postings = _postings(employer.organization, 5)
    before = {pk: dataclasses.asdict(f) for pk, f in _pool().items()}
    _new_classifier_data(monkeypatch)
    services._cache.clear()  # a new process, started with the new data
    classified.clear()

    served = _pool()
    assert classified == []  # the older rows are served: no posting is classified during the request
    assert {pk: dataclasses.asdict(f) for pk, f in served.items()} == before
    assert set(PostingFeatures.objects.values_list("fingerprint", flat=True)) != {NEW_DATA}
    assert set(services.stale_feature_ids()) == {
        p.pk for p in postings
    }  # the worker's work, not the request's

    assert _worker_turn() == 5
    assert set(PostingFeatures.objects.values_list("fingerprint", flat=True)) == {NEW_DATA}
    assert len(classified) == 5 and services.stale_feature_ids() == []


def test_a_posting_changed_since_its_row_is_classified_whatever_the_classifier_data(
    employer, classified, monkeypatch
) -> None:
    """Serving older rows never serves a posting's old text: a row stamped with another updated_at is not used."""
    first, second, _third = _postings(employer.organization, 3)
    _new_classifier_data(monkeypatch)
    JobPosting.objects.filter(pk=second.pk).update(  # bypasses post_save: the row is not rewritten
        title="法務担当",
        duties="契約書の審査と社内規程の管理",
        updated_at=second.updated_at + dt.timedelta(seconds=5),
    )
    services._cache.clear()
    classified.clear()

    pool = _pool()
    assert classified == ["法務担当。契約書の審査と社内規程の管理"]  # only the changed posting
    assert pool[second.pk].title == "法務担当" and "契約" in pool[second.pk].terms
    row = PostingFeatures.objects.get(posting=second)
    assert row.fingerprint == NEW_DATA and row.posting_updated_at == second.updated_at + dt.timedelta(
        seconds=5
    )
    assert PostingFeatures.objects.get(posting=first).fingerprint != NEW_DATA  # served, left to the worker


def test_a_request_classifies_at_most_a_few_postings_without_rows_and_leaves_the_rest_to_the_worker(
    employer, classified, monkeypatch
) -> None:
    postings = _postings(employer.organization, 5)
    monkeypatch.setattr(services, "INLINE_CLASSIFY", 2)
    PostingFeatures.objects.all().delete()  # e.g. rows that could not be written
    services._cache.clear()
    classified.clear()

    pool = _pool()
    assert len(classified) == 2  # bounded, whatever the size of the pool
    assert set(pool) == {postings[0].pk, postings[1].pk}  # the newest two; the others wait for the worker
    assert set(PostingFeatures.objects.values_list("posting_id", flat=True)) == set(pool)  # stored for others
    assert services.stale_feature_ids() == [p.pk for p in postings[2:]]

    assert _worker_turn() == 3
    classified.clear()
    assert set(_pool()) == {p.pk for p in postings}  # all of them now, read from the rows
    assert classified == []


def test_a_process_reads_an_older_row_again_once_the_worker_may_have_recomputed_it(
    employer, monkeypatch
) -> None:
    (posting,) = _postings(employer.organization, 1)
    _new_classifier_data(monkeypatch)
    services._cache.clear()
    clock = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    assert "新しい指標語" not in _pool()[posting.pk].terms  # the older row, served

    # The worker recomputes it (with words the older data did not find, to tell the two apart).
    assert _worker_turn() == 1
    row = PostingFeatures.objects.get(posting=posting)
    row.terms = [*row.terms, "新しい指標語"]
    row.save()
    clock[0] += 10
    assert "新しい指標語" not in _pool()[posting.pk].terms  # cached: no database read on every request
    clock[0] += services.STALE_RECHECK
    assert "新しい指標語" in _pool()[posting.pk].terms  # looked at again, and now fresh

    clock[0] += 10 * services.STALE_RECHECK
    with CaptureQueriesContext(connection) as queries:
        _pool()
    assert len(queries) == 1  # a fresh row's facts stay cached: only the pool's ids and update times are read


def test_the_worker_takes_postings_without_a_current_row_before_rows_of_older_data(
    employer, monkeypatch
) -> None:
    """Rankings leave out a posting without a current row (and serve the older rows meanwhile): the worker's
    bounded turn fills those first, newest first within each."""
    newest, changed, missing = _postings(employer.organization, 3)
    _new_classifier_data(monkeypatch)
    JobPosting.objects.filter(pk=changed.pk).update(updated_at=changed.updated_at + dt.timedelta(seconds=5))
    PostingFeatures.objects.filter(posting=missing).delete()
    assert services.stale_feature_ids() == [changed.pk, missing.pk, newest.pk]

    monkeypatch.setattr(services, "BACKFILL_LIMIT", 2)
    assert _worker_turn() == 2
    assert services.stale_feature_ids() == [newest.pk]
