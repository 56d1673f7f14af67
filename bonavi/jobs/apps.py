from typing import Any

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bonavi.jobs"
    label = "jobs"
    verbose_name = "求人"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_init, post_save

        from bonavi.accounts.models import User

        post_init.connect(_user_loaded, sender=User, dispatch_uid="jobs-feed-staff-loaded")
        post_save.connect(_user_changed, sender=User, dispatch_uid="jobs-feed-staff-saved")
        post_delete.connect(_user_changed, sender=User, dispatch_uid="jobs-feed-staff-deleted")


# A save of these columns can change whether a company has an active 採用担当 (ADR 0143); a login's last_login or a
# name change cannot, and must not rebuild the feed.
_STAFF_COLUMNS = frozenset({"is_active", "role", "organization", "organization_id"})
# The organisation a User had when loaded: one moved to another company (the admin) leaves the old one too.
_LOADED_ORG = "_feed_loaded_organization_id"


def _user_loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    # An attribute, no query. A deferred organization_id (only()) is not read here: that would cost a query.
    setattr(instance, _LOADED_ORG, instance.__dict__.get("organization_id"))


def _user_changed(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """The job feed leaves out postings of a company without an active 採用担当 (ADR 0146): a change of who is one
    is recorded for the company in the database, in the change's own transaction (FeedStaffChange), so every
    server's feed leaves its postings out at once and rebuilds (feed_files.feed_stale, withdrawn_since)."""
    if update_fields is not None and not _STAFF_COLUMNS & set(update_fields):
        return
    from .services import feed_staff_changed

    # A seeker never linked to an organisation is never anyone's 採用担当; one linked to an organisation may have
    # been one until this save (an operator changing the role in the admin), whatever the role now.
    companies = {getattr(instance, _LOADED_ORG, None), instance.organization_id} - {None}
    setattr(instance, _LOADED_ORG, instance.organization_id)
    feed_staff_changed(organization_ids=companies)
