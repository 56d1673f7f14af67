"""A hearing not yet saved starts from what her profile says, where her registration consent covers it (purpose
6, ADR 0141): 希望職種・雇用形態・勤務地… marked 「プロフィールから」 for the adviser to confirm; nothing is stored until the
sheet is saved. Its first item asks what brought her (a student is not changing jobs)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.agents import services
from bonavi.agents.models import DIRECT_APPLICATIONS_PURPOSE, PROFILE_PURPOSE, Candidate, HearingSheet
from bonavi.agents.tests.factories import make_agency
from bonavi.agents.tests.html import field_tag
from bonavi.seekers.services import profile_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(setup, seeker):
    """A student who filled in her 希望条件 and applied to the agency (no hearing yet)."""
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "山田", "さくら"
    profile.desired_families = ["general_clerical"]
    profile.desired_employment_types = ["seishain"]
    profile.desired_prefectures = ["13"]
    profile.desired_pay_unit, profile.desired_pay_min = "month", 200000
    profile.available_from = dt.date(2027, 4, 1)
    profile.remote_preference = "partial"
    profile.experience = "カフェのホールのアルバイト（3年）、テニスサークルの会計係（1年）"
    profile.address = "東京都新宿区新宿3丁目1-1"
    profile.save()
    return services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)


def _page(client, user, candidate) -> str:
    client.force_login(user)
    response = client.get(f"/agent/candidates/{candidate.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _box(html: str, name: str, value: str) -> str:
    found = re.search(
        rf'<input\b[^>]*name="{name}"[^>]*value="{value}"[^>]*>|<input\b[^>]*value="{value}"[^>]*name="{name}"[^>]*>',
        html,
    )
    assert found, (name, value)
    return found.group(0)


def _form(page: str) -> str:
    return page[page.index('id="hearing"') : page.index("</form>", page.index('id="hearing"'))]


def test_the_sheet_starts_from_her_profile_marked_and_nothing_is_stored(client, setup, applied):
    form = _form(_page(client, setup.ca, applied))

    assert 'value="一般事務"' in field_tag(form, "desired_occupations")
    assert "checked" in _box(form, "employment_types", "seishain")
    assert "checked" in _box(form, "desired_prefectures", "13")
    assert "checked" not in _box(form, "desired_prefectures", "14")
    assert 'value="200,000"' in field_tag(form, "pay_floor")
    assert 'value="2027-04-01"' in field_tag(form, "available_from")
    assert "カフェのホールのアルバイト（3年）" in form
    assert "プロフィールから" in form and 'id="hearing-from-profile"' in form
    for marked in (
        "desired_occupations",
        "desired_prefectures",
        "employment_types",
        "pay_floor",
        "available_from",
        "telework",
        "experience",
    ):
        assert f'id="from-profile-{marked}"' in form
    # Only 希望条件 and 経験: never her address (the books' copy), nor anything typed for her 相談のきっかけ.
    assert "新宿区" not in form and 'id="from-profile-reasons"' not in form
    assert not HearingSheet.objects.filter(candidate=applied).exists()


def test_the_first_item_asks_what_brought_her(client, setup, applied):
    form = _form(_page(client, setup.ca, applied))

    assert "相談のきっかけ（就職・転職の理由）" in form and "転職理由" not in form.replace(
        "就職・転職の理由", ""
    )


def test_a_saved_sheet_is_shown_as_saved_not_drafted(client, setup, applied):
    services.hearing_save(
        user=setup.ca,
        candidate=applied,
        data={"desired_occupations": "経理事務", "desired_prefectures": ["14"]},
    )

    form = _form(_page(client, setup.ca, applied))

    assert 'value="経理事務"' in form and "プロフィールから" not in form


def test_without_that_consent_the_sheet_starts_empty(client, setup, applied):
    text = applied.consent_purposes.replace(PROFILE_PURPOSE + "\n", "").replace(
        DIRECT_APPLICATIONS_PURPOSE + "\n", ""
    )
    Candidate.objects.filter(pk=applied.pk).update(consent_purposes=text, consent_version="2026-11-26-2")

    form = _form(_page(client, setup.ca, applied))

    assert "プロフィールから" not in form and "一般事務" not in form and "カフェ" not in form


def test_another_agency_cannot_open_her_application(client, applied):
    other = make_agency(slug="other-agency", name="株式会社よその紹介")
    client.force_login(other.ca)

    assert client.get(f"/agent/candidates/{applied.pk}/").status_code == 404
