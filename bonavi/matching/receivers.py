"""Keeping the stored posting features in step with postings (ADR 0106): a published posting's row is written
when it is saved or bulk loaded, in the same transaction, so the next ranking — in any process — reads it
instead of classifying the posting. A failure here is logged and never stops the posting's own save: the row is
then computed by the first ranking that needs it, or by the backfill."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from bonavi.jobs.models import JobPosting, PostingStatus

from . import features_store, services

logger = logging.getLogger(__name__)


def posting_saved(sender: type, instance: JobPosting, update_fields: Any = None, **kwargs: Any) -> None:
    if instance.status != PostingStatus.PUBLISHED:
        return  # no pool ranks a draft or a closed posting; its row (if any) is stale by its updated_at
    if update_fields is not None and "updated_at" not in update_fields:
        return  # the stored updated_at did not change, so neither does the row's freshness (a counter, a flag)
    try:
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
