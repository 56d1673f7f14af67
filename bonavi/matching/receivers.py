"""Keeping the stored posting features in step with postings (ADR 0106): a published posting's row is written
when it is saved or bulk loaded, in the same transaction, so the next ranking — in any process — reads it
instead of classifying the posting; a posting saved as anything but 公開中 loses its row. A failure here is logged and never stops the posting's own save: the row is
then computed by the first ranking that needs it, or by the backfill."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from bonavi.jobs.models import JobPosting, PostingStatus

from . import features_store, services
from .models import PostingFeatures

logger = logging.getLogger(__name__)


def posting_saved(sender: type, instance: JobPosting, **kwargs: Any) -> None:
    if instance.status != PostingStatus.PUBLISHED:
        # No pool ranks a draft or a closed posting: its row (if it was published) goes, rather than every
        # closed and expired posting's row staying for good.
        try:
            with transaction.atomic():
                PostingFeatures.objects.filter(posting_id=instance.pk).delete()
        except Exception:  # the posting is saved whatever happens here: the worker's duty prunes the row
            logger.exception("マッチング：求人 %s の特徴量を削除できませんでした。", instance.pk)
        return
    # Every save of a published posting rewrites its row: JobPosting.save puts updated_at in any update_fields, and
    # a row stamped with an older updated_at is never served (features_store), whichever columns the save wrote.
    try:
        # In a cold process (no warm-up yet: a worker, a command, a web process's first request) this loads the
        # classifier (default_classifier), inside the save's transaction, which on SQLite holds the write lock
        # meanwhile: once per process, so that no ranking has to classify the posting.
        with transaction.atomic():
            features_store.rows_save(
                [(instance.pk, instance.updated_at, services.derived_features(instance))]
            )
    except Exception:  # the posting is saved whatever happens here: the row is computed later instead
        logger.exception("マッチング：求人 %s の特徴量を保存できませんでした。", instance.pk)


def postings_bulk_loaded(sender: type, ids: list[int], **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            services.features_refresh(ids=ids)
    except Exception:
        logger.exception("マッチング：一括登録した求人 %d 件の特徴量を保存できませんでした。", len(ids))
