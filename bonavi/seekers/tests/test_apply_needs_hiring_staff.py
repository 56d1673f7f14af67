"""A 応募 goes only to a company someone at BOナビ reads for (ADR 0143): one with an active 採用担当. Without one
the posting page offers no 応募する but the company's own 連絡先, and the apply page, the API and the service refuse
with the same words and create nothing — no application, no mail. With one, its 採用担当 gets the mail once."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

REFUSAL = "この求人は現在BOナビからの応募を受け付けていません。"
CONTACT = "03-1234-5678（人事部 採用係）"


@pytest.fixture
def unread_posting(db: None) -> JobPosting:
    """A public posting of a company with no 採用担当 account at all — most of the demo's, and /jobs/945/ of the walk."""
    org = Organization.objects.create(name="株式会社だれもいない", address="東京都港区1-1")
    return make_posting(org, title="総務スタッフ", employer_contact=CONTACT)


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _nothing_sent(posting: JobPosting) -> None:
    assert not Application.objects.filter(posting=posting).exists()
    assert not OutboxMessage.objects.filter(subject__contains="応募").exists()


def test_the_page_offers_no_apply_but_the_companys_contact(
    profiled_seeker: User, unread_posting: JobPosting
) -> None:
    for user in (None, profiled_seeker):
        page = _client(user).get(f"/jobs/{unread_posting.pk}/").content.decode()
        assert (
            f"/me/apply/{unread_posting.pk}/" not in page
        )  # neither the two action blocks nor the phone's bar
        assert 'class="apply-bar"' not in page
        assert page.count(REFUSAL) == 2  # at the top and after the 労働条件, where 応募する stood
        assert f"（連絡先：{CONTACT}）" in page
        assert "お気に入り" in page  # ☆ stays: it is a real 求人


def test_without_a_contact_the_page_says_only_that(profiled_seeker: User) -> None:
    org = Organization.objects.create(name="株式会社連絡先なし")
    posting = make_posting(org, employer_contact="")
    page = _client(profiled_seeker).get(f"/jobs/{posting.pk}/").content.decode()
    assert REFUSAL in page and "お問い合わせください" not in page


def test_the_apply_page_refuses_on_get_and_post(profiled_seeker: User, unread_posting: JobPosting) -> None:
    client = _client(profiled_seeker)
    url = f"/me/apply/{unread_posting.pk}/"
    for response in (client.get(url), client.post(url, {"message": "よろしくお願いします"})):
        assert response.status_code == 302 and response["Location"] == f"/jobs/{unread_posting.pk}/"
    page = client.get(f"/jobs/{unread_posting.pk}/").content.decode()
    assert page.count(REFUSAL) >= 2
    _nothing_sent(unread_posting)


def test_the_service_refuses_and_creates_nothing(profiled_seeker: User, unread_posting: JobPosting) -> None:
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_create(user=profiled_seeker, posting_id=unread_posting.pk, message="")
    assert refused.value.errors == {
        "posting_id": [f"{REFUSAL}応募については企業に直接お問い合わせください（連絡先：{CONTACT}）。"]
    }
    _nothing_sent(unread_posting)


def test_the_api_refuses_and_creates_nothing(profiled_seeker: User, unread_posting: JobPosting) -> None:
    response = _client(profiled_seeker).post(
        "/api/v1/me/applications", {"posting_id": unread_posting.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert REFUSAL in response.json()["errors"]["posting_id"][0]
    _nothing_sent(unread_posting)


def test_a_company_with_a_hiring_staff_gets_the_mail_once(
    profiled_seeker: User, employer: User, posting: JobPosting
) -> None:
    page = _client(profiled_seeker).get(f"/jobs/{posting.pk}/").content.decode()
    assert f"/me/apply/{posting.pk}/" in page and REFUSAL not in page
    response = _client(profiled_seeker).post(f"/me/apply/{posting.pk}/", {"message": "よろしくお願いします"})
    assert response.status_code == 302
    assert Application.objects.filter(posting=posting, applicant=profiled_seeker).count() == 1
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="新しい応募").count() == 1


def test_when_the_last_hiring_staff_is_switched_off_or_deleted_applications_stop(
    profiled_seeker: User, employer: User, posting: JobPosting
) -> None:
    from bonavi.accounts.services import TeamError, team_member_remove

    # The team page never removes the last one (a colleague removes a colleague) …
    with pytest.raises(TeamError):
        team_member_remove(user=employer, member_id=employer.pk)
    # … and a 採用担当 has no 退会 of his own (that page is the seeker's).
    assert _client(employer).get("/me/privacy/delete/").status_code == 403
    # What is left is the operator switching him off in the admin: from then on, nothing more is needed.
    employer.is_active = False
    employer.save(update_fields=["is_active"])
    with pytest.raises(services.SeekerInvalid):
        services.application_create(user=profiled_seeker, posting_id=posting.pk)
    assert REFUSAL in _client(profiled_seeker).get(f"/jobs/{posting.pk}/").content.decode()
    # An agent or seeker account linked to the company is no 採用担当 either; a deleted account is none at all.
    User.objects.create_user(
        email="agent@test.example", role=Role.AGENT, organization=employer.organization, password=None
    )
    employer.delete()
    with pytest.raises(services.SeekerInvalid):
        services.application_create(user=profiled_seeker, posting_id=posting.pk)
    _nothing_sent(posting)
