"""Private, draft, closed and expired postings are unreachable for people not entitled to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import ApiToken, User
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(employer: User) -> dict[str, JobPosting]:
    org = employer.organization
    assert org is not None
    return {
        "public": make_posting(org, title="公開の経理求人"),
        "private": make_posting(org, visibility=Visibility.PRIVATE, title="非公開の人事求人"),
        "draft": make_posting(org, status=PostingStatus.DRAFT, title="下書きの総務求人"),
        "closed": make_posting(org, status=PostingStatus.CLOSED, title="終了した法務求人"),
        "expired": make_posting(org, title="期限切れの広報求人", valid_through=dt.date(2020, 1, 1)),
    }


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["anonymous", "seeker", "other_employer"])
def test_hidden_postings_are_unreachable(
    client: Client, postings: dict[str, JobPosting], who: str, seeker: User, other_employer: User
) -> None:
    if who == "seeker":
        _login(client, seeker)
    elif who == "other_employer":
        _login(client, other_employer)
    hidden = [postings[k] for k in ("private", "draft", "closed", "expired")]
    listing = client.get(reverse("jobs:list")).content.decode()
    home = client.get(reverse("home")).content.decode()
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-jobs.xml" in index
    sitemap = client.get("/sitemap-jobs.xml").content.decode()
    api_list = client.get("/api/v1/jobs?page_size=100").json()
    assert postings["public"].title in listing
    assert f"/jobs/{postings['public'].pk}/" in sitemap
    for posting in hidden:
        # A public posting published once and ended answers 410 「この求人の掲載は終了しました」 with its title
        # (test_ended_posting_page.py); the factory's 「closed」 was never published, so it is a 404 like the rest.
        ended = posting is postings["expired"]
        assert client.get(reverse("jobs:detail", args=[posting.pk])).status_code == (410 if ended else 404)
        assert client.get(f"/api/v1/jobs/{posting.pk}").status_code == 404
        assert posting.title not in listing and posting.title not in home
        assert f"/jobs/{posting.pk}/" not in sitemap
        assert posting.pk not in [r["id"] for r in api_list["results"]]
    assert api_list["total"] == 1


def test_api_token_of_a_seeker_does_not_open_private_postings(
    client: Client, postings: dict[str, JobPosting], seeker: User
) -> None:
    _, secret = ApiToken.issue(user=seeker)
    response = client.get(f"/api/v1/jobs/{postings['private'].pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 404


def test_owner_sees_own_private_and_draft_without_jsonld(
    client: Client, postings: dict[str, JobPosting], employer: User
) -> None:
    _login(client, employer)
    for key in ("private", "draft"):
        response = client.get(reverse("jobs:detail", args=[postings[key].pk]))
        assert response.status_code == 200
        assert "application/ld+json" not in response.content.decode()
        assert 'name="robots" content="noindex"' in response.content.decode()


def test_jsonld_only_on_public_detail(client: Client, postings: dict[str, JobPosting]) -> None:
    response = client.get(reverse("jobs:detail", args=[postings["public"].pk]))
    assert "application/ld+json" in response.content.decode()


def test_employer_cannot_touch_another_employers_posting(
    client: Client, postings: dict[str, JobPosting], other_employer: User
) -> None:
    _login(client, other_employer)
    target = postings["draft"]
    for name in ("employer_edit", "employer_preview"):
        assert client.get(reverse(f"jobs:{name}", args=[target.pk])).status_code == 404
    for name in ("employer_publish", "employer_close"):
        assert client.post(reverse(f"jobs:{name}", args=[target.pk])).status_code == 404
    response = client.post(reverse("jobs:employer_edit", args=[target.pk]), {"title": "乗っ取り"})
    assert response.status_code == 404
    _, secret = ApiToken.issue(user=other_employer)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert (
        client.patch(
            f"/api/v1/employer/postings/{target.pk}",
            {"title": "乗っ取り"},
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )
    assert client.post(f"/api/v1/employer/postings/{target.pk}/publish", **auth).status_code == 404
    own = client.get("/api/v1/employer/postings", **auth).json()["results"]
    assert target.pk not in [p["id"] for p in own]
    target.refresh_from_db()
    assert target.title == "下書きの総務求人" and target.status == PostingStatus.DRAFT


def test_seeker_cannot_use_employer_pages_or_api(client: Client, seeker: User) -> None:
    _login(client, seeker)
    assert client.get(reverse("jobs:employer_list")).status_code == 403
    _, secret = ApiToken.issue(user=seeker)
    response = client.post(
        "/api/v1/employer/postings",
        {"title": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 403
    assert not JobPosting.objects.exists()


def test_employer_api_requires_authentication(client: Client) -> None:
    response = client.get("/api/v1/employer/postings")
    assert response.status_code == 401
    assert "ログインが必要です" in response.json()["detail"]
    assert client.post("/api/v1/employer/postings", {}, content_type="application/json").status_code == 401


def test_expire_command_closes_past_postings(postings: dict[str, JobPosting]) -> None:
    from django.core.management import call_command

    call_command("expire_postings")
    postings["expired"].refresh_from_db()
    postings["public"].refresh_from_db()
    assert postings["expired"].status == PostingStatus.EXPIRED
    assert postings["public"].status == PostingStatus.PUBLISHED


def test_api_write_without_login_or_with_a_wrong_token_is_401_in_japanese_not_a_csrf_403(
    seeker: User,
) -> None:
    # A real client (CSRF enforced, as for every request outside the test client's default).
    client = Client(enforce_csrf_checks=True)
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong-token"}):
        response = client.post("/api/v1/employer/postings", {}, content_type="application/json", **headers)
        assert response.status_code == 401, response.content
        assert "ログインが必要です" in response.json()["detail"]
    # Logged in through the browser but without the CSRF token: refused, and told why in Japanese.
    client.force_login(seeker)
    response = client.post("/api/v1/me/saved-searches", {"query": "q=経理"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRFトークン" in response.json()["detail"] and "check Failed" not in response.json()["detail"]


def test_the_management_list_is_paged_and_shows_only_own_postings(
    client: Client, employer: User, other_employer: User
) -> None:
    from bonavi.jobs.views import MANAGE_PAGE_SIZE

    assert employer.organization is not None and other_employer.organization is not None
    for i in range(MANAGE_PAGE_SIZE + 5):
        make_posting(employer.organization, status=PostingStatus.DRAFT, title=f"経理スタッフ{i:03d}")
    make_posting(other_employer.organization, title="他社の求人")
    client.force_login(employer)
    first = client.get("/jobs/manage/").content.decode()
    assert (
        first.count('class="card"') == MANAGE_PAGE_SIZE
        and f"1 / 2（全{MANAGE_PAGE_SIZE + 5}件）" in first
        and "他社の求人" not in first
    )
    second = client.get("/jobs/manage/", {"page": "2"}).content.decode()
    assert second.count('class="card"') == 5 and 'href="?page=1"' in second
    assert client.get("/jobs/manage/", {"page": "abc"}).status_code == 200


def test_the_employer_api_list_is_paged_like_the_public_one(
    client: Client, employer: User, other_employer: User
) -> None:
    """GET /api/v1/employer/postings answers one page ({total, page, page_size, results}, newest edit first) with
    the public list's bounds: page_size 1–100 (default 20), out-of-range values clamped, a page past the end empty,
    a non-number refused in Japanese."""
    assert employer.organization is not None and other_employer.organization is not None
    made = [
        make_posting(employer.organization, status=PostingStatus.DRAFT, title=f"経理スタッフ{i:03d}")
        for i in range(25)
    ]
    make_posting(other_employer.organization, title="他社の求人")
    client.force_login(employer)
    url = "/api/v1/employer/postings"
    first = client.get(url).json()
    assert (first["total"], first["page"], first["page_size"], len(first["results"])) == (25, 1, 20, 20)
    assert [p["id"] for p in first["results"]] == [p.pk for p in reversed(made)][:20]
    second = client.get(url, {"page": 2}).json()
    assert len(second["results"]) == 5 and "他社の求人" not in str(first) + str(second)
    assert {p["id"] for p in first["results"] + second["results"]} == {p.pk for p in made}
    assert client.get(url, {"page": 3}).json()["results"] == []
    big = client.get(url, {"page_size": 500, "page": 0}).json()
    assert (big["page"], big["page_size"], len(big["results"])) == (1, 100, 25)
    assert client.get(url, {"page_size": 0}).json()["page_size"] == 1
    bad = client.get(url, {"page": "abc"})
    assert bad.status_code == 422 and bad.json()["errors"]["page"] == ["整数で入力してください。"]
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"][url]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/EmployerPostingPage"}
    # The 求人管理 状況 filter (ADR 0153 addendum s19) is its one other parameter.
    assert {p["name"] for p in operation["parameters"]} == {"page", "page_size", "status"}
