from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from bonavi.agents.sitemaps import AgencySitemap
from bonavi.core.views import api_not_found, postal
from bonavi.events.sitemaps import EventSitemap
from bonavi.jobs.sitemaps import SITEMAPS as JOB_SITEMAPS
from bonavi.jobs.views import home, job_feed, robots_txt, sitemap_index

from .api import api

SITEMAPS = {**JOB_SITEMAPS, "agencies": AgencySitemap, "events": EventSitemap}

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("bonavi.accounts.urls")),
    path("jobs/", include("bonavi.jobs.urls")),
    path("companies/", include("bonavi.jobs.urls_companies")),
    path("check/", include("bonavi.compliance.urls")),
    path("search/", include("bonavi.search.urls")),
    path("careers/", include("bonavi.careers.urls")),
    path("documents/", include("bonavi.documents.urls")),
    path("postal/", postal, name="postal"),  # 「住所を検索」 (core.postal): the profile, the documents editor
    path("me/alerts/", include("bonavi.notifications.urls")),
    path("me/recommendations/", include("bonavi.matching.urls")),
    path("", include("bonavi.agents.urls")),  # /agent/… and /me/proposals/…
    path("", include("bonavi.events.urls")),  # /events/…, /me/events/, /employer/events/…
    path("me/", include("bonavi.seekers.urls")),
    path("", include("bonavi.support.urls")),  # /privacy/ and /complaints/…
    path("applicants/", include("bonavi.seekers.urls_employer")),
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", api_not_found),  # after the API's own routes: only what none of them matched
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("feeds/jobs.xml", job_feed, name="job_feed"),
    # Feed readers and old browsers ask for /favicon.ico whatever the page links; a 404 page each time is waste.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("admin/", admin.site.urls),
]
