"""The other ways out besides a page by its id: lists and their filters, search, the company page and the postings
under a posting, compare, recommendations, the report form, interview practice, favourites and 応募, a 説明会's join
URL, CSRF on forms and the session API, the login's throttle and its ?next=. Each is tried with the world of
test_cross_user_access: her agency's 非公開求人 for 株式会社テスト商事, her application, her 推薦."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.events.models import Registration
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.helpers import due_search
from bonavi.search.indexing import reindex_all
from bonavi.seekers.models import ApplicationMessage, Favorite

from .cross_user_world import SECRETS, World, build_world

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "非公開・月次決算"  # in the titles of the company's two 非公開求人 taken in by her agency


@pytest.fixture
def world(employer: User, other_employer: User) -> World:
    other_seeker = User.objects.create_user(
        email="other-seeker@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    return build_world(employer=employer, other_employer=other_employer, other_seeker=other_seeker)


def _client(user: User | None, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


# Everyone but the company that owns the 非公開求人 (its 採用担当 see their own postings everywhere).
NOT_THE_COMPANY = (
    "owner",
    "other_seeker",
    "other_employer",
    "adviser",
    "responsible",
    "unassigned_ca",
    "other_agency_ca",
    "anonymous",
)


@pytest.mark.parametrize("who", NOT_THE_COMPANY)
def test_a_private_posting_is_in_no_public_list_search_or_page_around_it(world: World, who: str) -> None:
    reindex_all()
    client = _client(world.users[who])
    private: JobPosting = world.private
    pages = {
        "the search page": client.get("/search/", {"q": "月次決算"}),
        "the search API": client.get("/api/v1/jobs/search", {"q": "月次決算"}),
        "the job list": client.get("/jobs/"),
        "the job API list": client.get("/api/v1/jobs", {"page_size": 100}),
        "the company page": client.get(f"/companies/{private.organization_id}/"),
        "the public posting's page (その他の求人・似た求人)": client.get(f"/jobs/{world.posting.pk}/"),
        "the sitemap": client.get("/sitemap-jobs.xml"),
        "the top page": client.get("/"),
        "the complaint form for it": client.get("/complaints/new/", {"posting": private.pk}),
    }
    if who in ("owner", "other_seeker"):
        pages["compare"] = client.get("/me/compare/", {"ids": f"{world.posting.pk},{private.pk}"})
        pages["compare API"] = client.get("/api/v1/me/compare", {"ids": f"{world.posting.pk},{private.pk}"})
        pages["recommendations"] = client.get("/me/recommendations/")
        pages["recommendations API"] = client.get("/api/v1/matching/recommendations")
        pages["interview practice for it"] = client.get("/documents/interview/", {"posting": private.pk})
    for name, response in pages.items():
        body = response.content.decode()
        assert PRIVATE_WORDS not in body, f"{name} shows the 非公開求人 to {who}"
        assert f"/jobs/{private.pk}/" not in body, f"{name} links the 非公開求人 for {who}"
    # Not even as a count: a search for its words finds nothing.
    found = client.get("/api/v1/jobs/search", {"q": "非公開 月次決算"}).json()
    assert found["total"] == 0 and found["results"] == []


def test_the_company_sees_its_own_private_posting_in_search(world: World) -> None:
    """The control for the test above: the words are searchable, and its own company finds it."""
    reindex_all()
    found = _client(world.employer).get("/api/v1/jobs/search", {"q": "非公開 月次決算"}).json()
    assert found["total"] >= 1


def test_a_saved_search_mail_names_no_private_posting(world: World) -> None:
    """Another seeker's saved search for its words: her mail lists the public posting posted with it, not the
    非公開求人 (posted at the same time, matching the same words)."""
    ten_minutes_ago = timezone.now() - dt.timedelta(minutes=10)
    assert world.employer.organization is not None
    public = make_posting(
        world.employer.organization, title="経理スタッフ（月次決算・公開）", date_posted=ten_minutes_ago
    )
    JobPosting.objects.filter(pk=world.private.pk).update(date_posted=ten_minutes_ago)
    reindex_all()
    due_search(world.other_seeker, "q=月次決算", name="月次決算の求人")
    mail.outbox.clear()
    digests_prepare()
    outbox_drain()  # a digest's text is written as it is sent, from the postings public then
    [sent] = [m for m in mail.outbox if m.to == [world.other_seeker.email]]
    text = f"{sent.subject}\n{sent.body}"
    assert public.title in text
    assert PRIVATE_WORDS not in text and f"/jobs/{world.private.pk}/" not in text


@pytest.mark.parametrize("who", ["owner", "other_seeker"])
def test_private_posting_cannot_be_favourited(world: World, who: str) -> None:
    client = _client(world.users[who])
    before = Favorite.objects.count()
    assert client.get(f"/me/favorites/{world.private.pk}/").status_code == 404
    client.post(f"/me/favorites/{world.private.pk}/")
    api = client.put(f"/api/v1/me/favorites/{world.private.pk}")
    assert api.status_code in (404, 422)
    assert Favorite.objects.count() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_private_posting_cannot_be_applied_to(world: World, method: str) -> None:
    client = _client(world.other_seeker)
    response = getattr(client, method)(f"/me/apply/{world.private.pk}/", {"message": "応募します"})
    assert response.status_code == 404
    api = client.post(
        "/api/v1/me/applications", {"posting_id": world.private.pk}, content_type="application/json"
    )
    assert api.status_code in (404, 422)
    assert PRIVATE_WORDS not in response.content.decode() + api.content.decode()


@pytest.mark.parametrize("who", ["other_seeker", "other_employer", "anonymous", "adviser"])
def test_event_join_url_only_for_registrants(world: World, who: str) -> None:
    client = _client(world.users[who])
    for url in (
        f"/events/{world.event.pk}/",
        f"/events/{world.event.pk}/event.ics",
        f"/api/v1/events/{world.event.pk}",
        "/api/v1/events",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "secret-room-42" not in response.content.decode(), f"{url} gives {who} the join URL"
    # The control: she, registered, has it.
    assert Registration.objects.filter(user=world.owner, event=world.event).exists()
    assert (
        "secret-room-42" in _client(world.owner).get(f"/events/{world.event.pk}/event.ics").content.decode()
    )


def test_the_employer_inbox_filter_by_another_company_posting_lists_nothing_of_theirs(world: World) -> None:
    """?posting= / ?posting_id= naming another company's posting is no way into its applicants."""
    client = _client(world.other_employer)
    page = client.get("/applicants/", {"posting": world.posting.pk}).content.decode()
    api = client.get("/api/v1/employer/applications", {"posting_id": world.posting.pk})
    assert api.status_code == 200 and api.json() == []
    for body in (page, api.content.decode()):
        assert not [s for s in SECRETS if s in body]


def test_lists_of_one_side_show_nothing_of_hers_to_the_others(world: World) -> None:
    """The lists that take no id: each reads only the caller's own rows."""
    lists = (
        "/me/",
        "/me/applications/",
        "/me/proposals/",
        "/me/proposals/audit/",
        "/me/alerts/",
        "/me/privacy/",
        "/me/privacy/export.json",
        "/applicants/",
        "/agent/",
        "/agent/employer/referrals/",
        "/agent/invitations/",
        "/agent/records/",
        "/documents/",
        "/careers/saved/",
        "/me/events/",
        "/api/v1/me/applications",
        "/api/v1/me/mydata",
        "/api/v1/me/profile-reads",
        "/api/v1/employer/applications",
        "/api/v1/agent/me/proposals",
        "/api/v1/agent/me/registrations",
        "/api/v1/agent/complaints",
        "/api/v1/agent/invitations",
        "/api/v1/documents/versions",
        "/api/v1/me/saved-searches",
    )
    for who in ("other_seeker", "other_employer", "other_agency_ca", "other_agency_boss", "unassigned_ca"):
        client = _client(world.users[who])
        # Her agency's staff all see the 非公開求人 it took in (its orders); nothing of her.
        secrets = [s for s in SECRETS if not (who == "unassigned_ca" and s == PRIVATE_WORDS)]
        for url in lists:
            body = client.get(url).content.decode()
            leaked = [s for s in secrets if s in body]
            assert not leaked, f"{url} shows {who} {leaked}"


def test_forms_and_the_session_api_refuse_a_post_without_the_csrf_token(world: World) -> None:
    strict = _client(world.owner, enforce_csrf_checks=True)
    messages = ApplicationMessage.objects.count()
    assert (
        strict.post(f"/me/applications/{world.application.pk}/messages/", {"body": "偽の送信"}).status_code
        == 403
    )
    assert (
        strict.post(
            f"/api/v1/me/applications/{world.application.pk}/messages",
            {"body": "偽の送信"},
            content_type="application/json",
        ).status_code
        == 403
    )
    company = _client(world.employer, enforce_csrf_checks=True)
    assert company.post(f"/applicants/{world.application.pk}/", {"status": "rejected"}).status_code == 403
    assert company.post(f"/jobs/manage/{world.posting.pk}/close/", {"confirm": "on"}).status_code == 403
    world.application.refresh_from_db()
    world.posting.refresh_from_db()
    assert ApplicationMessage.objects.count() == messages
    assert world.application.status == "interview" and world.posting.status == "published"


def test_login_is_still_throttled(world: World) -> None:
    client = Client()
    answers = [
        client.post("/accounts/login/", {"email": world.owner.email, "password": "wrong"}).status_code
        for _ in range(12)
    ]
    assert answers[-1] == 429
    # Throttled, the right password does not get in either.
    right = client.post("/accounts/login/", {"email": world.owner.email, "password": "pw-Long-enough-1"})
    assert right.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/%09/evil.example",
        "http:/evil.example",
        " //evil.example",
    ],
)
def test_no_next_leads_off_the_site(world: World, target: str) -> None:
    client = Client()
    login = client.post(
        "/accounts/login/?next=" + target, {"email": world.owner.email, "password": "pw-Long-enough-1"}
    )
    fav = _client(world.owner).post(f"/me/favorites/{world.posting.pk}/", {"next": target})
    for response in (login, fav):
        assert response.status_code == 302
        # A path of this site: 「/%09/evil.example」 is one (the browser does not decode it into a host).
        location = response["Location"]
        assert location.startswith("/") and not re.match(r"^/[/\\\t]", location), location


def _unzipped(response: Any) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        return {name: zf.read(name).decode("utf-8-sig") for name in zf.namelist()}


def test_the_csv_zip_holds_her_data_for_her_and_nothing_of_hers_for_anyone_else(world: World) -> None:
    """マイデータ's CSV download (ADR 0158) is compressed, so the list check above cannot read it: unzipped, hers has
    her data from every app (her agency's proposals and audit, her 応募書類), under Japanese headers; everyone
    else's has none of it."""
    files = _unzipped(_client(world.users["owner"]).get("/me/privacy/export.zip"))
    everything = "".join(files.values())
    in_json = _client(world.users["owner"]).get("/me/privacy/export.json").content.decode()
    # Every one of her strings the JSON holds is in the CSV files too: the same data, not a second selection.
    assert [s for s in SECRETS if s in in_json and s not in everything] == []
    assert "山田の応募書類" in everything and "紹介会社への登録_提案.csv" in files
    assert "紹介会社への登録_アクセス記録.csv" in files
    unlabelled = [
        (name, h)
        for name, text in files.items()
        if name.endswith(".csv")
        for h in next(csv.reader(io.StringIO(text, newline="")))
        if h.isascii() and h not in {"URL", "SHA-256"}
    ]
    assert not unlabelled, "headers not in Japanese: " + str(unlabelled)
    for who in ("other_seeker", "other_employer", "other_agency_ca", "other_agency_boss", "unassigned_ca"):
        response = _client(world.users[who]).get("/me/privacy/export.zip")
        if response["Content-Type"] != "application/zip":
            assert response.status_code == 403 and not [s for s in SECRETS if s in response.content.decode()]
            continue
        leaked = [s for s in SECRETS if s in "".join(_unzipped(response).values())]
        assert not leaked, f"{who} reads {leaked}"
