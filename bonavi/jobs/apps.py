from typing import Any

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bonavi.jobs"
    label = "jobs"
    verbose_name = "求人"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from bonavi.accounts.models import User

        post_save.connect(_user_changed, sender=User, dispatch_uid="jobs-feed-staff-saved")
        post_delete.connect(_user_changed, sender=User, dispatch_uid="jobs-feed-staff-deleted")


# A save of these columns can change whether a company has an active 採用担当 (ADR 0143); a login's last_login or a
# name change cannot, and must not rebuild the feed.
_STAFF_COLUMNS = frozenset({"is_active", "role", "organization", "organization_id"})


def _user_changed(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """The job feed leaves out postings of a company without an active 採用担当 (ADR 0146): a change of who is one
    marks the feed out of date once the change commits (feed_files.STAFF_CHANGED)."""
    from django.db import transaction

    from bonavi.accounts.models import Role

    from . import feed_files

    if update_fields is not None and not _STAFF_COLUMNS & set(update_fields):
        return
    # A seeker (no organisation) is never anyone's 採用担当; one linked to an organisation may have been one until
    # this save (an operator changing the role in the admin).
    if instance.role != Role.EMPLOYER and instance.organization_id is None:
        return
    # robust: a feed directory that cannot be written is logged, never an error after the change has committed.
    transaction.on_commit(feed_files.staff_changed_mark, robust=True)
