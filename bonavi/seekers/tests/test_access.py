"""Another seeker, an employer without an application, and an anonymous visitor cannot read a seeker's profile,
favourites, saved searches or applications — by URL or by API. The employer who received the application can
read it, and that read is logged for the seeker."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import ApiToken, Role, User
from bonavi.jobs.models import JobPosting
from bonavi.notifications.tests.helpers import due_search
from bonavi.seekers import services
from bonavi.seekers.models import Application, ProfileAccess

pytestmark = pytest.mark.django_db
SECRET = "山田"  # the seeker's family name: must not appear in anything an outsider receives


@pytest.fixture
def owner_data(profiled_seeker: User, posting: JobPosting, application: Application) -> dict[str, Any]:
    services.favorite_add(user=profiled_seeker, posting_id=posting.pk)
    search = due_search(profiled_seeker, "q=経理", name="山田の経理さがし")
    return {"application": application, "search": search}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _bearer(user: User) -> dict[str, str]:
    _, secret = ApiToken.issue(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def outsiders(other_seeker: User, other_employer: User) -> list[tuple[str, User | None]]:
    return [
        ("another seeker", other_seeker),
        ("employer without an application", other_employer),
        ("anonymous", None),
    ]


def test_outsiders_cannot_read_by_url(
    owner_data: dict[str, Any], other_seeker: User, other_employer: User
) -> None:
    app: Application = owner_data["application"]
    search = owner_data["search"]
    urls = [
        f"/me/applications/{app.pk}/",
        f"/applicants/{app.pk}/",
        f"/me/alerts/{search.pk}/new/",
    ]
    own_pages = [
        "/me/",
        "/me/profile/",
        "/me/favorites/",
        "/me/applications/",
        "/me/alerts/",
        "/me/privacy/",
        "/me/privacy/export.json",
        "/me/privacy/export/",
    ]
    for who, user in outsiders(other_seeker, other_employer):
        client = _client(user)
        for url in urls + own_pages:
            response = client.get(url)
            body = response.content.decode()
            assert SECRET not in body, f"{who} read {url}"
            assert "山田の経理さがし" not in body, f"{who} read {url}"
            if url in urls:
                assert response.status_code in (302, 403, 404), f"{who} got {response.status_code} for {url}"
    # Editing by URL is refused too.
    for who, user in outsiders(other_seeker, other_employer):
        client = _client(user)
        # confirmed, so that only who asks can stop it (an unticked box is refused for anyone)
        confirmed = {"confirm": "on"}
        assert client.post(f"/me/applications/{app.pk}/withdraw/", confirmed).status_code in (
            302,
            403,
            404,
        ), who
        assert client.post(f"/me/alerts/{search.pk}/delete/", confirmed).status_code in (302, 403, 404), who
        assert client.post(f"/applicants/{app.pk}/", {"status": "rejected"}).status_code in (302, 403, 404), (
            who
        )
    app.refresh_from_db()
    search.refresh_from_db()
    assert app.status == "applied"


def test_outsiders_cannot_read_by_api(
    owner_data: dict[str, Any], other_seeker: User, other_employer: User
) -> None:
    app: Application = owner_data["application"]
    search = owner_data["search"]
    paths = [
        "/api/v1/me/profile",
        "/api/v1/me/favorites",
        "/api/v1/me/applications",
        f"/api/v1/me/applications/{app.pk}",
        "/api/v1/me/saved-searches",
        f"/api/v1/me/saved-searches/{search.pk}",
        "/api/v1/me/mydata",
        "/api/v1/me/profile-reads",
        "/api/v1/employer/applications",
        f"/api/v1/employer/applications/{app.pk}",
    ]
    for who, user in outsiders(other_seeker, other_employer):
        client = Client()
        headers = _bearer(user) if user is not None else {}
        for path in paths:
            response = client.get(path, **headers)
            body = response.content.decode()
            assert SECRET not in body and "山田の経理さがし" not in body, f"{who} read {path}"
            if user is None:
                assert response.status_code == 401, path
            elif path.endswith(str(app.pk)) or path.endswith(str(search.pk)):
                assert response.status_code in (403, 404), f"{who} got {response.status_code} for {path}"
        if user is not None:
            moved = client.post(
                f"/api/v1/employer/applications/{app.pk}/status",
                {"status": "rejected"},
                content_type="application/json",
                **headers,
            )
            assert moved.status_code in (403, 404), who
    assert not ProfileAccess.objects.exists()


def test_the_employer_who_received_it_can_read_and_the_read_is_logged(
    owner_data: dict[str, Any], employer: User, profiled_seeker: User
) -> None:
    app: Application = owner_data["application"]
    page = _client(employer).get(f"/applicants/{app.pk}/")
    assert page.status_code == 200 and SECRET in page.content.decode()
    api = Client().get(f"/api/v1/employer/applications/{app.pk}", **_bearer(employer))
    assert api.status_code == 200 and api.json()["profile"]["family_name"] == SECRET
    reads = list(ProfileAccess.objects.filter(owner=profiled_seeker).order_by("created_at"))
    assert [r.channel for r in reads] == ["web", "api"]
    assert all("株式会社テスト商事" in r.viewer_label for r in reads)
    # …and the seeker sees that log, on the page and through the API.
    seeker_client = _client(profiled_seeker)
    assert "株式会社テスト商事" in seeker_client.get("/me/privacy/").content.decode()
    log = seeker_client.get("/api/v1/me/profile-reads").json()
    assert len(log) == 2 and log[0]["purpose"] == "応募書類の閲覧"


def test_employer_list_shows_only_own_postings_applicants(
    owner_data: dict[str, Any], employer: User, other_employer: User
) -> None:
    assert SECRET in _client(employer).get("/applicants/").content.decode()
    assert SECRET not in _client(other_employer).get("/applicants/").content.decode()
    listing = Client().get("/api/v1/employer/applications", **_bearer(other_employer))
    assert listing.status_code == 200 and listing.json() == []


def test_employer_applicant_list_is_paged_so_every_applicant_is_reachable(
    employer: User, posting: JobPosting
) -> None:
    """The list used to stop at 500 rows: older applicants could not be opened at all."""
    from bonavi.seekers.views import APPLICANTS_PAGE_SIZE

    people = User.objects.bulk_create(
        [
            User(email=f"applicant{i:03d}@test.example", role=Role.SEEKER, display_name=f"応募者{i:03d}")
            for i in range(APPLICANTS_PAGE_SIZE + 3)
        ]
    )
    Application.objects.bulk_create(
        [
            Application(
                posting=posting,
                applicant=u,
                profile_snapshot={"family_name": "応募", "given_name": f"{i:03d}"},
            )
            for i, u in enumerate(people)
        ]
    )
    client = _client(employer)
    first = client.get("/applicants/").content.decode()
    assert first.count('class="card"') == APPLICANTS_PAGE_SIZE
    assert f"1 / 2（全{APPLICANTS_PAGE_SIZE + 3}件）" in first
    second = client.get("/applicants/", {"status": "applied", "page": "2"}).content.decode()
    assert (
        len(re.findall(r'href="/applicants/\d+/"', second)) == 3
        and 'href="?status=applied&amp;page=1"' in second
    )


def test_applicants_list_pages_with_the_status_filter_kept(profiled_seeker, employer, client, monkeypatch):
    """The pager is the shared one (includes/pager.html): 「次へ」 keeps 選考状況 and changes only the page."""
    from bonavi.jobs.tests.factories import make_posting
    from bonavi.seekers import views

    monkeypatch.setattr(views, "APPLICANTS_PAGE_SIZE", 1)
    for i in range(3):
        posting = make_posting(employer.organization, title=f"経理{i}")
        services.application_create(user=profiled_seeker, posting_id=posting.pk)
    client.force_login(employer)
    first = client.get("/applicants/", {"status": "applied"})
    assert "includes/pager.html" in [t.name for t in first.templates]
    html = first.content.decode()
    assert (
        'href="?status=applied&amp;page=2" rel="next">次へ</a>' in html
        and "<span>1 / 3（全3件）</span>" in html
    )
    last = client.get("/applicants/", {"status": "applied", "page": "3"}).content.decode()
    assert 'href="?status=applied&amp;page=2" rel="prev">前へ</a>' in last and "次へ" not in last


def test_employer_applicant_api_reaches_every_applicant_and_names_a_wrong_status(
    employer: User, posting: JobPosting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API list stopped at its cap with no way to the rest (the page list was fixed for the same thing), and
    an unknown ?status= answered every applicant as if it had filtered."""
    from bonavi.seekers import api

    monkeypatch.setattr(api, "APPLICANTS_API_MAX", 3)
    people = User.objects.bulk_create(
        [User(email=f"api-applicant{i}@test.example", role=Role.SEEKER) for i in range(5)]
    )
    Application.objects.bulk_create(
        [
            Application(posting=posting, applicant=u, profile_snapshot={"family_name": f"応募{i}"})
            for i, u in enumerate(people)
        ]
    )
    auth = _bearer(employer)
    first = Client().get("/api/v1/employer/applications", **auth).json()
    second = Client().get("/api/v1/employer/applications", {"page": 2}, **auth).json()
    assert len(first) == 3 and len(second) == 2
    assert {a["id"] for a in first} | {a["id"] for a in second} == set(
        Application.objects.values_list("pk", flat=True)
    )
    assert Client().get("/api/v1/employer/applications", {"page": 3}, **auth).json() == []
    wrong = Client().get("/api/v1/employer/applications", {"status": "hired2"}, **auth)
    assert wrong.status_code == 422 and "hired2" in wrong.json()["errors"]["status"][0]
