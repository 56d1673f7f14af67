"""The account page: API tokens (named, revocable, only one's own) and an employer's 所在地・連絡先."""

from __future__ import annotations

import re

from django.test import Client

from bonavi.accounts.models import ApiToken, Organization, User
from bonavi.jobs import services as jobs
from bonavi.jobs.tests.factories import posting_data


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _issue(client: Client, name: str = "") -> str:
    page = client.post("/accounts/", {"action": "issue_token", "name": name}).content.decode()
    found = re.search(r'<code id="new-token">([^<]+)</code>', page)
    assert found is not None
    return found.group(1)


def test_a_named_token_works_until_it_is_revoked(employer: User) -> None:
    client = _client(employer)
    secret = _issue(client, "採用管理システム連携")
    token = ApiToken.objects.get(user=employer)
    assert token.name == "採用管理システム連携"
    api = Client()
    assert api.get("/api/v1/employer/postings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    page = client.get("/accounts/").content.decode()
    assert (
        "採用管理システム連携" in page and "無効にする" in page and secret not in page
    )  # the secret is shown once
    done = client.post("/accounts/", {"action": "revoke_token", "token": token.pk}, follow=True)
    assert "トークンを無効にしました" in done.content.decode()
    assert not ApiToken.objects.exists()
    assert api.get("/api/v1/employer/postings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_nobody_revokes_someone_elses_token(employer: User, other_employer: User) -> None:
    theirs, _ = ApiToken.issue(user=other_employer)
    for token in (str(theirs.pk), "abc", ""):
        page = _client(employer).post("/accounts/", {"action": "revoke_token", "token": token}, follow=True)
        assert "そのトークンは見つかりません" in page.content.decode()
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_a_token_name_with_markup_is_refused(employer: User) -> None:
    response = _client(employer).post("/accounts/", {"action": "issue_token", "name": "<script>x</script>"})
    assert response.status_code == 422 and "HTMLタグ" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_employer_sets_the_company_address_used_by_new_postings(employer: User) -> None:
    client = _client(employer)
    response = client.post(
        "/accounts/",
        {
            "action": "organization",
            "address": "大阪府大阪市北区梅田１－２－３",
            "phone": "０６－１２３４－５６７８",
            "email": "",
        },
    )
    assert response.status_code == 302
    org = Organization.objects.get(members=employer)
    assert (org.address, org.phone) == ("大阪府大阪市北区梅田1-2-3", "06-1234-5678")  # full-width normalised
    assert "大阪府大阪市北区梅田1-2-3" in client.get("/accounts/").content.decode()
    employer = User.objects.get(pk=employer.pk)  # as the next request would load it
    posting = jobs.posting_create(user=employer, data=posting_data(employer_address="", employer_contact=""))
    assert (posting.employer_address, posting.employer_contact) == (
        "大阪府大阪市北区梅田1-2-3",
        "06-1234-5678",
    )


def test_bad_company_details_are_explained_and_change_nothing(employer: User) -> None:
    org = Organization.objects.get(members=employer)
    before = (org.address, org.phone, org.email)
    client = _client(employer)
    cases = [
        ({"address": "梅田1-2-3", "phone": "06-1234-5678"}, "都道府県名から"),
        ({"address": "大阪府大阪市北区梅田1-2-3", "phone": "12345"}, "「0」から入力"),
        ({"address": "大阪府大阪市北区梅田1-2-3", "phone": "090-1234-567"}, "携帯電話の番号は11桁"),
        ({"address": "大阪府大阪市北区梅田1-2-3", "phone": "", "email": ""}, "どちらかを入力"),
        ({"address": "大阪府<b>本社</b>", "phone": "06-1234-5678"}, "HTMLタグ"),
        ({"address": "", "phone": "06-1234-5678"}, "所在地を入力してください"),
        ({"address": "大阪府大阪市", "email": "not-an-address"}, "メールアドレスの形式"),
    ]
    for data, message in cases:
        response = client.post("/accounts/", {"action": "organization", **data})
        assert response.status_code == 422 and message in response.content.decode(), data
    org.refresh_from_db()
    assert (org.address, org.phone, org.email) == before


def test_only_an_employer_has_company_details(seeker: User, employer: User) -> None:
    client = _client(seeker)
    assert "会社情報" not in client.get("/accounts/").content.decode()
    client.post("/accounts/", {"action": "organization", "address": "東京都港区1-1", "phone": "03-1111-2222"})
    org = Organization.objects.get(members=employer)
    assert org.address != "東京都港区1-1"
    assert not Organization.objects.filter(address="東京都港区1-1").exists()


def test_a_seeker_finds_their_data_and_withdrawal_from_the_account_page(client, seeker, employer):
    client.force_login(seeker)
    page = client.get("/accounts/").content.decode()
    assert 'href="/me/privacy/"' in page and "退会" in page
    client.force_login(employer)
    assert 'href="/me/privacy/"' not in client.get("/accounts/").content.decode()
