"""The JSON API at /api/v1/. Each app contributes a router; this module only assembles them."""

from __future__ import annotations

from ninja import NinjaAPI

from bonavi.agents.api import agent_router
from bonavi.careers.api import careers_router
from bonavi.compliance.api import router as compliance_router
from bonavi.core import api_errors
from bonavi.core.api_auth import ApiKeyOrSession
from bonavi.documents.api import documents_router
from bonavi.events.api import events_router
from bonavi.jobs.api import employer_router, jobs_router
from bonavi.matching.api import matching_router
from bonavi.notifications.api import saved_searches_router
from bonavi.search.api import search_router
from bonavi.seekers.api import employer_applications_router, me_router

api = NinjaAPI(
    title="BOナビ API",
    version="1.0.0",
    urls_namespace="api",
    auth=None,
    description="BOナビ（BackOffice Navi）の求人・求職者向けAPI。認証はセッションまたは `Authorization: Bearer <token>`。"
    "求人をまとめて取り込む求人サイト向けには、Indeed 形式の XML フィード `/feeds/jobs.xml`（公開求人のみ、"
    "`?prefecture=`・`?family=` またはその両方で絞り込み、求人が変わると10分ごとに作り直し）もあります。",
)
api_errors.install(api)
api.add_router("/jobs", jobs_router)
api.add_router("/careers", careers_router)
api.add_router("/events", events_router)
api.add_router("/postings", compliance_router)
api.add_router("/jobs/search", search_router)  # /jobs/{int:posting_id} cannot match "search"
api.add_router("/employer", employer_router, auth=ApiKeyOrSession())
api.add_router("/me/saved-searches", saved_searches_router, auth=ApiKeyOrSession())
api.add_router("/me", me_router, auth=ApiKeyOrSession())
api.add_router("/employer/applications", employer_applications_router, auth=ApiKeyOrSession())
api.add_router("/documents", documents_router, auth=ApiKeyOrSession())
api.add_router("/matching", matching_router, auth=ApiKeyOrSession())
api.add_router("/agent", agent_router, auth=ApiKeyOrSession())
