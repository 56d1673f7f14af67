"""The candidate's contact details on the adviser's page only on request (ADR 0125): the page showed them on every
visit, so each visit logged 「連絡先（…）を閲覧」 and her access log filled with them. Now a plain visit logs the
profile view only; 「連絡先を表示」 (a link: no JS needed) shows them and logs that once."""

from __future__ import annotations

import pytest

from bonavi.agents.models import AuditAction, AuditEvent
from bonavi.seekers.models import SeekerProfile

pytestmark = pytest.mark.django_db

PHONE = "090-1234-5678"


def _views(candidate) -> list[str]:
    return list(
        AuditEvent.objects.filter(candidate=candidate, action=AuditAction.PROFILE_VIEW)
        .order_by("at", "pk")
        .values_list("detail", flat=True)
    )


def test_a_plain_visit_shows_and_logs_no_contact_details(setup, candidate, seeker, client) -> None:
    SeekerProfile.objects.update_or_create(
        user=seeker, defaults={"phone": PHONE, "address": "東京都港区芝公園"}
    )
    client.force_login(setup.ca)
    for _ in range(3):
        page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
        assert PHONE not in page and seeker.email not in page and "芝公園" not in page
        contact = page[page.index('id="contact"') :]
        assert f'href="/agent/candidates/{candidate.pk}/?contact=show#contact"' in contact
        assert "連絡先を表示" in contact and "連絡の希望" in contact
    assert _views(candidate) == ["プロフィール・ヒアリングシートを閲覧"] * 3


def test_asking_shows_them_and_logs_one_view_with_them(setup, candidate, seeker, client) -> None:
    SeekerProfile.objects.update_or_create(user=seeker, defaults={"phone": PHONE})
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/?contact=show").content.decode()
    details = page[page.index('id="contact-details"') :]
    assert f'<a href="tel:{PHONE}">{PHONE}</a>' in details and f"mailto:{seeker.email}" in details
    assert "連絡先を表示</a>" not in page
    assert _views(candidate) == [
        "プロフィール・ヒアリングシート・連絡先（メールアドレス・電話番号・住所）を閲覧"
    ]
    # The next plain visit is a plain view again.
    client.get(f"/agent/candidates/{candidate.pk}/")
    assert _views(candidate)[-1] == "プロフィール・ヒアリングシートを閲覧"
    # A refused form's page shows none of it and logs nothing: nothing of hers was asked for.
    before = AuditEvent.objects.filter(candidate=candidate).count()
    response = client.post(f"/agent/candidates/{candidate.pk}/", {"years_experience": "-1"})
    assert response.status_code == 422 and PHONE not in response.content.decode()
    assert AuditEvent.objects.filter(candidate=candidate).count() == before


def test_only_her_advisers_and_the_responsible_are_offered_them(setup, seeker, client) -> None:
    from bonavi.agents import services

    SeekerProfile.objects.update_or_create(user=seeker, defaults={"phone": PHONE})
    waiting = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    # The RA may open an application waiting for its hearing, but is neither her adviser nor the 責任者.
    client.force_login(setup.ra)
    page = client.get(f"/agent/candidates/{waiting.pk}/?contact=show").content.decode()
    assert PHONE not in page and 'id="contact-show"' not in page
    assert "連絡先" not in "".join(_views(waiting))
    client.force_login(setup.boss)
    assert 'id="contact-show"' in client.get(f"/agent/candidates/{waiting.pk}/").content.decode()
    assert PHONE in client.get(f"/agent/candidates/{waiting.pk}/?contact=show").content.decode()
