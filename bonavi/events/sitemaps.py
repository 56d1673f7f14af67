"""Upcoming 企業説明会 in the sitemap: their public pages only (never a join URL, which no public page shows)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from bonavi.jobs.sitemaps import CanonicalSitemap

from .models import Event
from .selectors import public_events


class EventSitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Event]:
        # The public selector's filter without its seat count: the sitemap needs only ids and dates.
        return (
            Event.objects.filter(pk__in=public_events().values("pk")).only("pk", "updated_at").order_by("pk")
        )

    def location(self, item: Event) -> str:
        return reverse("events:detail", args=[item.pk])

    def lastmod(self, item: Event) -> object:
        return item.updated_at
