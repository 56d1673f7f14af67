"""Every form of the agents' pages with a field to fill in carries `novalidate`, as the site's other forms do: the
hearing had none, so −1 in 経験年数 got Chromium's English bubble (「Value must be greater than or equal to 0.」)
and never reached the server, whose Japanese reason names the field. Buttons-only forms (a hidden id and a button)
have nothing for a browser to check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from bonavi.accounts.models import Organization
from bonavi.agents.models import Agency, Candidate
from bonavi.agents.tests.html import error_beside

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "agents"
# What puts a field to fill in inside a form: the site's field includes, a form's field printed whole, or a tag.
FIELD = re.compile(
    r'includes/(?:field|checks_field|confirm_box)\.html|\{\{ ?field ?\}\}|<textarea|<select|<input\b(?![^>]*type="hidden")'
)


def _forms(source: str) -> list[tuple[str, str]]:
    """(opening tag, body) of each form in a template's source."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"(<form\b[^>]*>)(.*?)</form>", source, re.S)]


def test_every_agents_form_with_a_field_has_novalidate() -> None:
    missing = [
        f"{path.name}: {tag}"
        for path in sorted(TEMPLATES.glob("*.html"))
        for tag, body in _forms(path.read_text(encoding="utf-8"))
        if FIELD.search(body) and "novalidate" not in tag
    ]
    assert missing == []


def test_the_scan_sees_the_forms_it_should() -> None:
    hearing = (TEMPLATES / "candidate.html").read_text(encoding="utf-8")
    tags = [tag for tag, body in _forms(hearing) if FIELD.search(body)]
    assert any('id="hearing"' in t for t in tags) and any('id="propose"' in t for t in tags)


def test_minus_one_years_is_refused_by_the_server_in_japanese(setup, candidate, client) -> None:
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    hearing = re.search(r'<form\b[^>]*id="hearing"[^>]*>', page)
    assert hearing is not None and "novalidate" in hearing.group(0)
    response = client.post(f"/agent/candidates/{candidate.pk}/", {"years_experience": "-1"})
    assert response.status_code == 422
    assert "希望職種での経験年数は0以上で入力してください。" in error_beside(
        response.content.decode(), "years_experience"
    )


def test_the_registration_consent_unticked_is_said_beside_the_box(setup, seeker, client) -> None:
    client.force_login(seeker)
    response = client.post(f"/agent/agencies/{setup.agency.slug}/", {})
    assert response.status_code == 422
    assert "利用目的への同意が必要です" in error_beside(response.content.decode(), "consent")


def test_a_registration_the_service_refuses_is_answered_422_with_the_reason(setup, seeker, client) -> None:
    """A refusal of the service itself (here: the agency has no office to take her 申込み) was answered 200 with
    the reason as a message, unlike every other refused form; it is 422 now, and nothing was registered."""
    bare = Agency.objects.create(
        organization=Organization.objects.create(
            kind=Organization.Kind.AGENCY, name="株式会社あさひキャリア"
        ),
        slug="asahi-career",
        license_number="13-ユ-399999",
        complaint_contact="03-0000-0009",
    )
    client.force_login(seeker)
    response = client.post(f"/agent/agencies/{bare.slug}/", {"consent": "on"})
    assert response.status_code == 422
    assert "受付できる事業所がありません" in response.content.decode()
    assert not Candidate.objects.filter(agency=bare).exists()
