from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from bonavi.accounts.models import Organization

from .models import JobPosting
from .selectors import companies_with_public_postings, public_postings


class CanonicalSitemap(Sitemap):
    """URLs on SITE_URL, the address the pages' canonical links and JSON-LD name, not on the request's scheme and
    host: behind a TLS-terminating proxy the request is http, and a search engine would see two addresses."""

    def __init__(self) -> None:
        # Read per request (the sitemap views instantiate the class), so a changed setting applies; the index
        # view reads `protocol` directly.
        self.protocol = urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)


class JobPostingSitemap(CanonicalSitemap):
    changefreq = "daily"
    limit = 10_000  # Django paginates the sitemap; search engines accept up to 50,000 per file

    def items(self) -> QuerySet[JobPosting]:
        # Only what an anonymous visitor may read: never private, draft, closed or expired postings.
        return public_postings().only("id", "updated_at").order_by("-id")

    def lastmod(self, item: JobPosting) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # Django's default calls lastmod() on every item, so the index (/sitemap.xml) read every public posting on
        # each request: a million rows at full size. One aggregate gives the same date.
        latest: dt.datetime | None = public_postings().aggregate(latest=Max("updated_at"))["latest"]
        return latest


class CompanySitemap(CanonicalSitemap):
    """Company pages that answer: employers with at least one public posting (ADR 0089)."""

    changefreq = "daily"
    limit = 10_000

    def items(self) -> QuerySet[Organization]:
        return companies_with_public_postings().only("pk").order_by("pk")

    def location(self, item: Organization) -> str:
        return reverse("companies:detail", args=[item.pk])


class StaticSitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        # The public tools too: the career guide and the posting checker are pages people search for.
        return ["home", "jobs:list", "careers:index", "compliance:check"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": StaticSitemap,
    "jobs": JobPostingSitemap,
    "companies": CompanySitemap,
}
