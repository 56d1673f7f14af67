from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from .models import JobPosting
from .selectors import public_postings


class JobPostingSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000  # Django paginates the sitemap; search engines accept up to 50,000 per file

    def items(self) -> QuerySet[JobPosting]:
        # Only what an anonymous visitor may read: never private, draft, closed or expired postings.
        return public_postings().only("id", "updated_at").order_by("-id")

    def lastmod(self, item: JobPosting) -> dt.datetime:
        return item.updated_at


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["home", "jobs:list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {"pages": StaticSitemap, "jobs": JobPostingSitemap}
