"""Every URL and API route that takes an object's id, tried by everyone who must not reach that object.

For each route (ROUTES, grouped by feature so one world serves a group), every user of the world who is not among
the route's `allowed` readers — another seeker, another company's 採用担当, another agency's adviser and 責任者, an
adviser and an RA of her own agency's office who are not hers, the anonymous visitor, and the owner herself where
the page is the other side's — gets a refusal (404, or 403 where the project refuses by role, or the login page /
401 for the anonymous), nothing of the owner's data in the body (cross_user_world.SECRETS), and a POST, PUT, PATCH
or DELETE changes no row of the database. The first allowed reader of each GET route gets 200, so a wrong URL
cannot pass as a refusal.

`test_every_route_with_an_id_is_listed` fails when a URL pattern with any variable part (<int:…>, an API {pk}, a
slug, a token) is neither in ROUTES nor in NOT_OWNED or TOKEN_OR_PUBLIC with the reason it needs no owner check, and
when one of those lists names a pattern that no longer exists: a new route cannot skip this module."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from bonavi.accounts.models import ApiToken, Role, User
from bonavi.agents import interviews as agent_interviews

from .cross_user_world import SECRETS, World, build_world, interview_values, real_pdf

pytestmark = pytest.mark.django_db

Url = Callable[[World], str]
Data = Callable[[World], dict[str, Any]]

APPLICATION_SIDES = ("employer", "colleague")
BOTH_SIDES = (
    "owner",
    "employer",
    "colleague",
)  # the applicant and the company's 採用担当: one URL serves both
HER_AGENCY = ("adviser", "responsible")
AGENCY_STAFF = ("adviser", "responsible", "unassigned_ca", "same_agency_ra")


@dataclass(frozen=True)
class Route:
    method: str
    url: Url
    allowed: tuple[str, ...]  # the world's users who may use it (the others are refused)
    data: Data | None = None  # the body of a write: what would change something were the guard missing
    json: bool = False  # the body as JSON (the API)
    files: bool = False  # multipart with a PDF under "file"
    ok: int = 200  # what the first allowed reader gets for a GET
    note: str = ""


def _iv_form(prefix: str = "") -> dict[str, str]:
    values = interview_values(place="攻撃者の会議室")
    out = {}
    for key, value in values.items():
        if hasattr(value, "astimezone"):
            value = value.strftime("%Y-%m-%dT%H:%M")
        out[f"{prefix}{key}"] = str(value)
    return out


def _iv_json() -> dict[str, Any]:
    values = interview_values(place="攻撃者の会議室")
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}


def _app(w: World) -> int:
    return w.application.pk


def _answer(w: World, prefix: str = "") -> dict[str, Any]:
    """A complete answer to her interview as it stands (ADR 0140): refused only for who sends it."""
    interview = w.application.interview
    return {
        f"{prefix}answer": "reschedule",
        f"{prefix}text": "横取り",
        f"{prefix}sequence": interview.sequence,
        f"{prefix}starts_at": interview.starts_at.isoformat(),
    }


def _ref_answer(w: World, prefix: str = "") -> dict[str, Any]:
    """A complete answer to her 推薦's interview as it stands (ADR 0154): refused only for who sends it."""
    interview = agent_interviews.current_interview(w.referral)
    assert interview is not None
    return {
        f"{prefix}answer": "reschedule",
        f"{prefix}text": "横取り",
        f"{prefix}sequence": interview.sequence,
        f"{prefix}starts_at": interview.starts_at.isoformat(),
    }


def _ref(w: World) -> int:
    return w.referral.pk


def _prop(w: World) -> int:
    return w.referral.proposal_id


# The routes by feature. Each group is one world (a few seconds to build); every route of it is tried by every user
# who is not in its `allowed`.
ROUTES: dict[str, list[Route]] = {
    "direct application, her side": [
        Route("GET", lambda w: f"/me/applications/{_app(w)}/", ("owner",)),
        Route("GET", lambda w: f"/me/applications/{_app(w)}/interview.ics", BOTH_SIDES),
        Route(
            "POST", lambda w: f"/me/applications/{_app(w)}/withdraw/", ("owner",), lambda w: {"confirm": "on"}
        ),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/offer/accept/",
            ("owner",),
            lambda w: {"confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/messages/",
            ("owner",),
            lambda w: {"body": "横取り"},
        ),
        Route(
            "GET",
            lambda w: f"/me/applications/{_app(w)}/messages/{w.message.pk}/file/",
            BOTH_SIDES,
        ),
        Route("GET", lambda w: f"/me/applications/{_app(w)}/document/rirekisho/", ("owner",)),
        Route("GET", lambda w: f"/api/v1/me/applications/{_app(w)}", ("owner",)),
        Route("GET", lambda w: f"/api/v1/me/applications/{_app(w)}/messages", ("owner",)),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/messages",
            ("owner",),
            lambda w: {"body": "横取り"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/messages/with-file",
            ("owner",),
            lambda w: {"body": "横取り"},
            files=True,
        ),
        Route("GET", lambda w: f"/api/v1/me/applications/{_app(w)}/messages/{w.message.pk}/file", ("owner",)),
        Route("POST", lambda w: f"/api/v1/me/applications/{_app(w)}/offer/accept", ("owner",), json=True),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/offer/start-proposal/",
            ("owner",),
            lambda w: {"answer": "agree", "proposed": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/offer/start-proposal",
            ("owner",),
            lambda w: {"agree": True, "start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/offer/start-proposal/propose/",
            ("owner",),
            lambda w: {"startprop-start_on": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/offer/start-proposal/withdraw/",
            ("owner",),
            lambda w: {"proposed": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/offer/start-proposal/propose",
            ("owner",),
            lambda w: {"start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/offer/start-proposal/withdraw",
            ("owner",),
            lambda w: {"start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/offer/start-proposal/reason/",
            ("owner",),
            lambda w: {"startreason-proposed": "2027-02-01", "startreason-reason": "横取り"},
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/offer/start-proposal/reason",
            ("owner",),
            lambda w: {"start_on": "2027-02-01", "reason": "横取り"},
            json=True,
        ),
        Route("POST", lambda w: f"/api/v1/me/applications/{_app(w)}/withdraw", ("owner",), json=True),
        Route(
            "POST",
            lambda w: f"/me/applications/{_app(w)}/interview/answer/",
            ("owner",),
            lambda w: _answer(w, "ans-"),
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/me/applications/{_app(w)}/interview/answer",
            ("owner",),
            _answer,
            json=True,
        ),
    ],
    "direct application, the company's side": [
        Route("GET", lambda w: f"/applicants/{_app(w)}/", APPLICATION_SIDES),
        Route(
            "POST", lambda w: f"/applicants/{_app(w)}/", APPLICATION_SIDES, lambda w: {"status": "rejected"}
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/messages/",
            APPLICATION_SIDES,
            lambda w: {"body": "横取り"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/interview/",
            APPLICATION_SIDES,
            lambda w: _iv_form("iv-"),
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/deadline/",
            APPLICATION_SIDES,
            lambda w: {"answer_by": "2026-12-31"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/change/",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01", "offer_terms": "横取り"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/start-proposal/",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/start-proposal/answer/",
            APPLICATION_SIDES,
            lambda w: {"answer": "agree", "proposed": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/start-proposal/withdraw/",
            APPLICATION_SIDES,
            lambda w: {"proposed": "2027-02-01"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/offer/start-proposal/reason/",
            APPLICATION_SIDES,
            lambda w: {"startreason-proposed": "2027-02-01", "startreason-reason": "横取り"},
        ),
        Route(
            "POST",
            lambda w: f"/applicants/{_app(w)}/interview/cancel/",
            APPLICATION_SIDES,
            lambda w: {"confirm": "on"},
        ),
        Route("GET", lambda w: f"/applicants/{_app(w)}/interview.ics", BOTH_SIDES[1:] + BOTH_SIDES[:1]),
        Route(
            "GET",
            lambda w: f"/applicants/{_app(w)}/messages/{w.message.pk}/file/",
            BOTH_SIDES[1:] + BOTH_SIDES[:1],
        ),
        Route("GET", lambda w: f"/applicants/{_app(w)}/document/rirekisho/", APPLICATION_SIDES),
        Route("GET", lambda w: f"/api/v1/employer/applications/{_app(w)}", APPLICATION_SIDES),
        Route(
            "GET", lambda w: f"/api/v1/employer/applications/{_app(w)}/document/rirekisho", APPLICATION_SIDES
        ),
        Route(
            "PUT",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/interview",
            APPLICATION_SIDES,
            lambda w: _iv_json(),
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/interview/cancel",
            APPLICATION_SIDES,
            json=True,
        ),
        Route("GET", lambda w: f"/api/v1/employer/applications/{_app(w)}/messages", APPLICATION_SIDES),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/messages",
            APPLICATION_SIDES,
            lambda w: {"body": "横取り"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/messages/with-file",
            APPLICATION_SIDES,
            lambda w: {"body": "横取り"},
            files=True,
        ),
        Route(
            "GET",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/messages/{w.message.pk}/file",
            APPLICATION_SIDES,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/deadline",
            APPLICATION_SIDES,
            lambda w: {"answer_by": "2026-12-31"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/change",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01", "offer_terms": "横取り"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/start-proposal",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/start-proposal/answer",
            APPLICATION_SIDES,
            lambda w: {"agree": True, "start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/start-proposal/withdraw",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/offer/start-proposal/reason",
            APPLICATION_SIDES,
            lambda w: {"start_on": "2027-02-01", "reason": "横取り"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/employer/applications/{_app(w)}/status",
            APPLICATION_SIDES,
            lambda w: {"status": "rejected"},
            json=True,
        ),
    ],
    "the company's postings, events, uploads and team": [
        Route(
            "GET",
            lambda w: f"/jobs/{w.private.pk}/",
            APPLICATION_SIDES,
            note="a 非公開求人 by its public URL",
        ),
        Route(
            "GET",
            lambda w: f"/api/v1/jobs/{w.private.pk}",
            APPLICATION_SIDES,
            note="a 非公開求人 by the public API",
        ),
        Route("GET", lambda w: f"/jobs/manage/{w.draft.pk}/edit/", APPLICATION_SIDES),
        Route(
            "POST",
            lambda w: f"/jobs/manage/{w.draft.pk}/edit/",
            APPLICATION_SIDES,
            lambda w: {"title": "乗っ取り"},
        ),
        Route("GET", lambda w: f"/jobs/manage/{w.draft.pk}/preview/", APPLICATION_SIDES),
        Route(
            "POST",
            lambda w: f"/jobs/manage/{w.draft.pk}/publish/",
            APPLICATION_SIDES,
            lambda w: {"confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/jobs/manage/{w.posting.pk}/close/",
            APPLICATION_SIDES,
            lambda w: {"confirm": "on"},
        ),
        Route("POST", lambda w: f"/jobs/manage/{w.posting.pk}/copy/", APPLICATION_SIDES),
        Route("GET", lambda w: f"/jobs/manage/import/{w.upload.pk}/", APPLICATION_SIDES),
        Route("POST", lambda w: f"/jobs/manage/import/{w.upload.pk}/commit/", APPLICATION_SIDES),
        Route("GET", lambda w: f"/api/v1/employer/postings/{w.draft.pk}", APPLICATION_SIDES),
        Route(
            "PATCH",
            lambda w: f"/api/v1/employer/postings/{w.draft.pk}",
            APPLICATION_SIDES,
            lambda w: {"title": "乗っ取り"},
            json=True,
        ),
        Route(
            "POST", lambda w: f"/api/v1/employer/postings/{w.posting.pk}/close", APPLICATION_SIDES, json=True
        ),
        Route(
            "POST", lambda w: f"/api/v1/employer/postings/{w.draft.pk}/publish", APPLICATION_SIDES, json=True
        ),
        Route("GET", lambda w: f"/employer/events/{w.event.pk}/", APPLICATION_SIDES),
        Route("GET", lambda w: f"/employer/events/{w.event.pk}/edit/", APPLICATION_SIDES),
        Route(
            "POST",
            lambda w: f"/employer/events/{w.event.pk}/edit/",
            APPLICATION_SIDES,
            lambda w: {"title": "乗っ取り"},
        ),
        Route(
            "POST",
            lambda w: f"/employer/events/{w.event.pk}/cancel/",
            APPLICATION_SIDES,
            lambda w: {"confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/accounts/team/invitations/{w.team_invitation_id}/cancel/",
            APPLICATION_SIDES,
        ),
        Route(
            "POST",
            lambda w: f"/accounts/team/members/{w.colleague.pk}/remove/",
            APPLICATION_SIDES,
            lambda w: {"confirm": "on"},
        ),
    ],
    "her documents, searches and saved results": [
        Route("GET", lambda w: f"/documents/{w.version.pk}/", ("owner",)),
        Route("POST", lambda w: f"/documents/{w.version.pk}/", ("owner",), lambda w: {"title": "乗っ取り"}),
        Route("POST", lambda w: f"/documents/{w.version.pk}/photo/", ("owner",), lambda w: {"remove": "on"}),
        Route(
            "POST",
            lambda w: f"/documents/{w.version.pk}/fix-line/",
            ("owner",),
            lambda w: {"fix": "0:0:経理"},
        ),
        Route("GET", lambda w: f"/documents/{w.version.pk}/pdf/rirekisho/", ("owner",)),
        Route("GET", lambda w: f"/documents/{w.version.pk}/export.json", ("owner",)),
        Route(
            "POST", lambda w: f"/documents/{w.version.pk}/delete/", ("owner",), lambda w: {"confirm": "on"}
        ),
        Route(
            "POST",
            lambda w: f"/documents/{w.version.pk}/insert/",
            ("owner",),
            lambda w: {"translation": str(w.translation_id), "target": "basics.summary"},
        ),
        Route(
            "GET",
            lambda w: f"/documents/insert/{w.translation_id}/",
            ("owner",),
            ok=302,
            note="「書類に入れる」: on to her newest document's insert page",
        ),
        Route("POST", lambda w: f"/documents/comments/{w.comment.pk}/resolve/", ("owner",)),
        Route("GET", lambda w: f"/documents/interview/answers/{w.answer.pk}/", ("owner",)),
        Route("POST", lambda w: f"/documents/interview/answers/{w.answer.pk}/delete/", ("owner",)),
        Route("GET", lambda w: f"/api/v1/documents/versions/{w.version.pk}", ("owner",)),
        Route(
            "PUT",
            lambda w: f"/api/v1/documents/versions/{w.version.pk}",
            ("owner",),
            lambda w: {"title": "乗っ取り", "resume": {}},
            json=True,
        ),
        Route("DELETE", lambda w: f"/api/v1/documents/versions/{w.version.pk}", ("owner",)),
        Route("GET", lambda w: f"/api/v1/documents/versions/{w.version.pk}/pdf?kind=rirekisho", ("owner",)),
        Route("POST", lambda w: f"/api/v1/documents/versions/{w.version.pk}/photo", ("owner",), files=True),
        Route(
            "POST",
            lambda w: f"/me/alerts/{w.saved_search.pk}/",
            ("owner",),
            lambda w: {f"s{w.saved_search.pk}-name": "乗っ取り", f"s{w.saved_search.pk}-frequency": "daily"},
        ),
        Route(
            "POST",
            lambda w: f"/me/alerts/{w.saved_search.pk}/delete/",
            ("owner",),
            lambda w: {"confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/me/alerts/{w.saved_search.pk}/condition/",
            ("owner",),
            lambda w: {"query": "q=乗っ取り"},
        ),
        Route("GET", lambda w: f"/me/alerts/{w.saved_search.pk}/new/", ("owner",)),
        Route("GET", lambda w: f"/api/v1/me/saved-searches/{w.saved_search.pk}", ("owner",)),
        Route(
            "PATCH",
            lambda w: f"/api/v1/me/saved-searches/{w.saved_search.pk}",
            ("owner",),
            lambda w: {"name": "乗っ取り"},
            json=True,
        ),
        Route("DELETE", lambda w: f"/api/v1/me/saved-searches/{w.saved_search.pk}", ("owner",)),
        Route("GET", lambda w: f"/careers/saved/translation/{w.translation_id}/", ("owner",)),
        Route("POST", lambda w: f"/careers/saved/assessment/{w.assessment_id}/delete/", ("owner",)),
    ],
    "her agency: her own pages": [
        Route("GET", lambda w: f"/me/proposals/{_prop(w)}/", ("owner",)),
        Route(
            "POST",
            lambda w: f"/me/proposals/{_prop(w)}/",
            ("owner",),
            lambda w: {"action": "decline_selection", "confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/me/proposals/{_prop(w)}/offer/",
            ("owner",),
            lambda w: {"answer": "decline", "confirm": "on"},
        ),
        Route("GET", lambda w: f"/me/agency/{w.candidate.pk}/", ("owner",)),
        Route(
            "POST",
            lambda w: f"/me/agency/{w.candidate.pk}/withdraw/",
            ("owner",),
            lambda w: {"confirm": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/me/proposals/{_prop(w)}/interview/answer/",
            ("owner",),
            lambda w: _ref_answer(w, "ans-"),
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/me/proposals/{_prop(w)}/interview/answer",
            ("owner",),
            _ref_answer,
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/me/proposals/{_prop(w)}/answer",
            ("owner",),
            lambda w: {"accept": False},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/me/proposals/{_prop(w)}/decline-selection",
            ("owner",),
            lambda w: {"note": "横取り"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/me/proposals/{_prop(w)}/offer-answer",
            ("owner",),
            lambda w: {"accept": False},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/me/registrations/{w.candidate.pk}/job-request",
            ("owner",),
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/registrations/{w.candidate.pk}/withdraw",
            ("owner",),
            lambda w: {"confirm": True},
            json=True,
        ),
    ],
    "her agency: the workbench": [
        Route("GET", lambda w: f"/agent/candidates/{w.candidate.pk}/", HER_AGENCY),
        Route(
            "POST",
            lambda w: f"/agent/candidates/{w.candidate.pk}/",
            HER_AGENCY,
            lambda w: {"reasons": "乗っ取り"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/candidates/{w.candidate.pk}/propose/",
            HER_AGENCY,
            lambda w: {"posting": [str(w.posting.pk)], "comment": "いかがでしょう"},
        ),
        Route("GET", lambda w: f"/agent/candidates/{w.candidate.pk}/documents/{w.version.pk}/", HER_AGENCY),
        Route(
            "POST",
            lambda w: f"/agent/proposals/{_prop(w)}/refer/",
            HER_AGENCY,
            lambda w: {"letter": "推薦します"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/referrals/{_ref(w)}/",
            HER_AGENCY,
            lambda w: {"action": "move", "to_stage": "rejected"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/referrals/{_ref(w)}/interview/",
            HER_AGENCY,
            lambda w: {"stage": "interview1", **_iv_form()},
        ),
        Route(
            "POST",
            lambda w: f"/agent/referrals/{_ref(w)}/interview/cancel/",
            HER_AGENCY,
            lambda w: {"stage": "interview1"},
        ),
        Route(
            "GET",
            lambda w: f"/agent/referrals/{_ref(w)}/interview.ics",
            ("owner", *APPLICATION_SIDES, *HER_AGENCY),
        ),
        Route(
            "POST",
            lambda w: f"/agent/complaints/{w.complaint.pk}/resolve/",
            ("responsible",),
            lambda w: {"resolution": "対応しました"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/complaints/{w.complaint.pk}/progress/",
            ("responsible",),
            lambda w: {"interview_on": ""},
        ),
        Route(
            "POST",
            lambda w: f"/agent/complaints/{w.complaint.pk}/reply/correct/",
            ("responsible",),
            lambda w: {"reply": "横取りの訂正"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/complaints/{w.complaint.pk}/reply/late/",
            ("responsible",),
            lambda w: {"reply": "横取りの回答"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/placements/{w.placement.pk}/fee/",
            ("responsible",),
            lambda w: {"fee": "1"},
        ),
        Route(
            "GET",
            lambda w: f"/agent/books/{w.agency.office.pk}/seeker.csv",
            ("responsible",),
            note="the 求職管理簿: her 住所 and 生年月日",
        ),
        Route(
            "POST",
            lambda w: f"/agent/invitations/{w.invitation_id}/cancel/",
            ("adviser", "responsible", "unassigned_ca"),
            note="the office's advisers see its invitations; only the inviter and the 責任者 cancel (agents tests)",
        ),
        Route(
            "GET", lambda w: f"/agent/jobs/{w.private.pk}/", AGENCY_STAFF, note="the agency's own 非公開求人"
        ),
        Route(
            "POST",
            lambda w: f"/agent/jobs/{w.private.pk}/order/",
            AGENCY_STAFF,
            lambda w: {"self_declaration": "on"},
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/documents/{w.version.pk}/comments",
            HER_AGENCY,
            lambda w: {"path": "basics.summary", "body": "横取り"},
            json=True,
        ),
        Route(
            "PUT",
            lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/hearing",
            HER_AGENCY,
            lambda w: {"reasons": "乗っ取り"},
            json=True,
        ),
        Route("GET", lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/hearing", HER_AGENCY),
        Route("GET", lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/job-requests", HER_AGENCY),
        Route("GET", lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/matches", HER_AGENCY),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/candidates/{w.candidate.pk}/proposals",
            HER_AGENCY,
            lambda w: {"posting_id": w.posting.pk},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/complaints/{w.complaint.pk}/progress",
            ("responsible",),
            lambda w: {"interview_on": None},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/complaints/{w.complaint.pk}/resolve",
            ("responsible",),
            lambda w: {"resolution": "対応しました"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/complaints/{w.complaint.pk}/reply-correction",
            ("responsible",),
            lambda w: {"reply": "横取りの訂正"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/complaints/{w.complaint.pk}/reply",
            ("responsible",),
            lambda w: {"reply": "横取りの回答"},
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/invitations/{w.invitation_id}/cancel",
            ("adviser", "responsible", "unassigned_ca"),
        ),
        Route("GET", lambda w: f"/api/v1/agent/postings/{w.private.pk}/candidates", AGENCY_STAFF),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/proposals/{_prop(w)}/referral",
            HER_AGENCY,
            lambda w: {"recommendation": "推薦します"},
            json=True,
        ),
        Route(
            "PUT",
            lambda w: f"/api/v1/agent/referrals/{_ref(w)}/interview",
            (*APPLICATION_SIDES, *HER_AGENCY),
            lambda w: _iv_json(),
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/referrals/{_ref(w)}/interview/cancel",
            (*APPLICATION_SIDES, *HER_AGENCY),
            json=True,
        ),
        Route(
            "POST",
            lambda w: f"/api/v1/agent/referrals/{_ref(w)}/stage",
            (*APPLICATION_SIDES, *HER_AGENCY),
            lambda w: {"to_stage": "rejected"},
            json=True,
        ),
    ],
    "her agency: the company's side": [
        Route("GET", lambda w: f"/agent/employer/referrals/{_ref(w)}/", APPLICATION_SIDES),
        Route(
            "POST",
            lambda w: f"/agent/employer/referrals/{_ref(w)}/",
            APPLICATION_SIDES,
            lambda w: {"to_stage": "rejected"},
        ),
        Route(
            "POST",
            lambda w: f"/agent/employer/referrals/{_ref(w)}/interview/",
            APPLICATION_SIDES,
            lambda w: {"stage": "interview1", **_iv_form()},
        ),
        Route(
            "POST",
            lambda w: f"/agent/employer/referrals/{_ref(w)}/interview/cancel/",
            APPLICATION_SIDES,
            lambda w: {"stage": "interview1"},
        ),
    ],
}

# URL patterns with an id that are not one person's or one company's object, each with why it needs no owner check
# here (and where its own rule is tested).
NOT_OWNED: dict[str, str] = {
    "jobs/<int:pk>/": "a public posting; a 非公開求人 or a draft by this URL is in ROUTES (and test_visibility)",
    "companies/<int:pk>/": "a company's public page; test_company_page_lists_no_private_posting",
    "careers/occupations/<int:jobtag_id>/": "public reference data (jobtag)",
    "api/v1/careers/occupations/<int:jobtag_id>": "public reference data (jobtag)",
    "events/<int:pk>/": "a public 説明会; its join URL only for registrants: test_event_join_url_only_for_registrants",
    "events/<int:pk>/register/": "registers the caller herself",
    "events/<int:pk>/wait/": "puts the caller herself on the waiting list",
    "events/<int:pk>/cancel/": "cancels the caller's own registration (events tests)",
    "events/<int:pk>/event.ics": "the public 説明会; test_event_join_url_only_for_registrants",
    "api/v1/events/<int:event_id>": "a public 説明会; test_event_join_url_only_for_registrants",
    "me/favorites/<int:posting_id>/": "the caller's own ☆; a 非公開求人's id: test_private_posting_cannot_be_favourited",
    "api/v1/me/favorites/<int:posting_id>": "the caller's own ☆; test_private_posting_cannot_be_favourited",
    "me/apply/<int:posting_id>/": "applies as the caller; a 非公開求人's id: test_private_posting_cannot_be_applied_to",
    "api/v1/me/postings/<int:posting_id>/apply": (
        "reads the caller's own proposals of the posting only; another seeker's: test_nobody_else_reads_her_note"
    ),
    "me/recent/<int:posting_id>/delete/": "deletes from the caller's own history",
    "api/v1/me/recent-views/<int:posting_id>": "deletes from the caller's own history",
    # No id in it; listed so the next reader finds it here: it is the caller's own マイデータ.
    "me/privacy/export.zip": (
        "her own マイデータ as CSV; nothing of hers for anyone else: "
        "test_the_csv_zip_holds_her_data_for_her_and_nothing_of_hers_for_anyone_else"
    ),
}


# --- helpers -----------------------------------------------------------------------------------------------------


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Rows that a request may write without changing anyone's data: a session's own bookkeeping, throttles.
_UNTRACKED = {"sessions.session", "accounts.apitoken", "core.ratelimithit", "accounts.loginattempt"}


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for model in apps.get_models()
        if model.__module__.startswith("bonavi.")
        and model._meta.label_lower not in _UNTRACKED
        and model._meta.managed
        and not model._meta.proxy
    ]


def _fingerprint() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the project, to tell whether a refused write changed anything (raw rows: a
    thousand writes are tried, and building model dicts for each made the module take minutes)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # our own table names, from the models
            out[table] = cursor.fetchall()
    return out


def _changed(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    return [table for table in before if before[table] != after.get(table)]


def _send(client: Client, route: Route, world: World) -> Any:
    url = route.url(world)
    data = route.data(world) if route.data else {}
    method = route.method.lower()
    if route.files:
        data = {**data, "file": SimpleUploadedFile("attack.pdf", real_pdf("攻撃"), "application/pdf")}
        if route.url(world).endswith("/photo"):
            data = {"photo": SimpleUploadedFile("attack.pdf", real_pdf("攻撃"), "application/pdf")}
        return client.post(url, data)
    if route.json:
        return getattr(client, method)(url, json.dumps(data), content_type="application/json")
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, data)
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def _refused(response: Any, who: str) -> bool:
    status = response.status_code
    if who == "anonymous":
        if status == 302:
            return "/accounts/login/" in response["Location"]
        return status in (401, 403, 404)
    return status in (403, 404)


@pytest.fixture
def world(employer: User, other_employer: User) -> World:
    other_seeker = User.objects.create_user(
        email="other-seeker@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    return build_world(employer=employer, other_employer=other_employer, other_seeker=other_seeker)


@pytest.mark.parametrize("group", [pytest.param(group, id=group) for group in ROUTES])
def test_nobody_else_reaches_her_data(world: World, group: str) -> None:
    problems: list[str] = []
    for route in ROUTES[group]:
        url = route.url(world)
        attackers = [name for name in world.users if name not in route.allowed]
        clients = {who: _client(world.users[who]) for who in attackers}  # the logins' own writes come first
        before = _fingerprint() if route.method != "GET" else None
        for who in attackers:
            response = _send(clients[who], route, world)
            body = b"".join(response) if getattr(response, "streaming", False) else response.content
            text = body.decode("utf-8", "replace")
            if not _refused(response, who):
                problems.append(f"{route.method} {url} as {who}: {response.status_code}")
            leaked = [s for s in SECRETS if s in text]
            if leaked:
                problems.append(f"{route.method} {url} as {who}: body has {leaked}")
            if before is not None:
                after = _fingerprint()
                if changed := _changed(before, after):
                    problems.append(f"{route.method} {url} as {who}: changed {changed}")
                before = after  # each attacker's own writes, not those of the one before
        if route.method == "GET":
            reader = route.allowed[0]
            got = _client(world.users[reader]).get(url)
            if got.status_code != route.ok:
                problems.append(f"GET {url} as {reader} (allowed): {got.status_code}, not {route.ok}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("group", [pytest.param(group, id=group) for group in ROUTES])
def test_nobody_else_reads_her_data_with_an_api_token(world: World, group: str) -> None:
    """The API's reads again, each outsider sending a bearer token of their own role instead of a browser session:
    the token authenticates through its own class (core.api_auth._Bearer), which a guard could have been tied past."""
    problems: list[str] = []
    for route in ROUTES[group]:
        url = route.url(world)
        if route.method != "GET" or not url.startswith("/api/"):
            continue
        for who, user in world.users.items():
            if who in route.allowed or user is None:
                continue
            _, secret = ApiToken.issue(user=user)
            response = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
            if response.status_code not in (403, 404):
                problems.append(f"GET {url} with {who}'s token: {response.status_code}")
            if leaked := [x for x in SECRETS if x in response.content.decode("utf-8", "replace")]:
                problems.append(f"GET {url} with {who}'s token: body has {leaked}")
        reader = world.users[route.allowed[0]]
        assert reader is not None
        _, secret = ApiToken.issue(user=reader)
        got = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        if got.status_code != route.ok:
            problems.append(f"GET {url} with {route.allowed[0]}'s token (allowed): {got.status_code}")
    assert not problems, "\n".join(problems)


# --- every route with an id is listed --------------------------------------------------------------------------


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


# URL patterns with a part that is no object's id (a signed token, a public slug or code, a format), each named in
# full with why it needs no owner check. They were once skipped by the part's name (any "<token>", "<slug:…>",
# "<code>"…), so a new route taking a 非公開求人 or a candidate by slug, or naming its id `token`, passed unseen.
TOKEN_OR_PUBLIC: dict[str, str] = {
    "accounts/signup/confirm/<str:token>/": "signed (core.signed), 24 hours, creates the account once",
    "accounts/email/confirm/<str:token>/": "signed with the address and password hash: dead once either changes",
    "accounts/team/join/<str:token>/": "signed, single use; cancelled when its inviter is removed (test_team)",
    "accounts/password/reset/<uidb64>/<token>/": "Django's reset token: single use, PASSWORD_RESET_TIMEOUT",
    "me/alerts/unsubscribe/<str:token>/": "signed for one user's saved search; a GET changes nothing",
    "agent/agencies/<slug:slug>/": "an agency's public page (掲示事項); ?invite= is signed and bound to the slug",
    "agent/agencies/<slug:slug>/complaint/": "anyone may send an agency a 苦情; it goes to the agency, shows nothing",
    "careers/roadmaps/<slug:family>/": "public reference data",
    "api/v1/careers/roadmaps/<family>": "public reference data",
    "api/v1/documents/postal/<code>": "the public postal-code table",
    "jobs/manage/import/template.<str:fmt>": "the empty import template, the same for every company",
    "sitemap-<section>.xml": "public_postings(), public events, companies with a public posting, agencies' pages",
    "api/v1/<path:rest>": "the API's Japanese 404 for any unknown path",
}


def _with_an_id(pattern: str) -> bool:
    return not pattern.startswith("admin/") and "<" in pattern


def test_every_route_with_an_id_is_listed(world: World) -> None:
    listed = {resolve(route.url(world).split("?")[0]).route for routes in ROUTES.values() for route in routes}
    patterns = set(_patterns(get_resolver()))
    missing = sorted(
        p
        for p in patterns
        if _with_an_id(p) and p not in listed and p not in NOT_OWNED and p not in TOKEN_OR_PUBLIC
    )
    assert not missing, "routes with an id that no test tries as another user: " + ", ".join(missing)
    # And nothing is excused that no longer exists: a renamed route must be listed again under its new pattern.
    stale = sorted(p for p in (*NOT_OWNED, *TOKEN_OR_PUBLIC) if p not in patterns)
    assert not stale, "listed but no longer a route: " + ", ".join(stale)
