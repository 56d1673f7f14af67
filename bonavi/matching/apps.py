from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "bonavi.matching"
    label = "matching"
    verbose_name = "マッチング"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from bonavi.jobs.models import JobPosting
        from bonavi.jobs.signals import postings_bulk_loaded
        from bonavi.notifications.worker import register_duty

        from . import receivers
        from .services import BACKFILL_EVERY, features_backfill_duty

        # A published posting's classified features are stored as it is saved or bulk loaded (ADR 0106).
        post_save.connect(receivers.posting_saved, sender=JobPosting, dispatch_uid="matching-features-save")
        postings_bulk_loaded.connect(
            receivers.postings_bulk_loaded, sender=JobPosting, dispatch_uid="matching-features-bulk"
        )
        # Rows gone stale all at once (new classifier data after a deploy) are refilled in the background.
        register_duty("matching_features", every=BACKFILL_EVERY)(features_backfill_duty)
