from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from bonavi.jobs.sitemaps import JobPostingSitemap
from bonavi.jobs.views import home

from .api import api

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("bonavi.accounts.urls")),
    path("jobs/", include("bonavi.jobs.urls")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"jobs": JobPostingSitemap}}, name="sitemap"),
    path("admin/", admin.site.urls),
]
