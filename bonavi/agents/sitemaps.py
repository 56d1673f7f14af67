"""The agencies' public pages (fee table, 返戻金, 取扱職種, disclosure figures) in the sitemap: the law wants them
public, and people comparing agencies search for them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from bonavi.jobs.sitemaps import CanonicalSitemap

from .models import Agency


class AgencySitemap(CanonicalSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Agency]:
        return Agency.objects.only("slug").order_by("slug")

    def location(self, item: Agency) -> str:
        return reverse("agents:agency_public", args=[item.slug])
