"""The agents API says what the pages say (ADR 0148):
- GET /api/v1/agent/candidates/{id}/hearing gives the hearing the candidate page's form shows — the saved sheet, or
  a sheet not saved yet drafted from her profile under purpose 6 of her consent, with the fields marked 「プロフィール
  から」 and the page's note (ADR 0141) — to those who may open that form only, logged as the page's view is;
- GET /api/v1/agent/me/proposals gives each proposal's kind as her list says it (「推薦で応募」／「ご案内（直接応募）」,
  「ご案内」 for information not answered), from the one function the page reads (selectors.proposal_kinds)."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import selectors, services
from bonavi.agents.forms import FROM_PROFILE_NOTE
from bonavi.agents.models import (
    DIRECT_APPLICATIONS_PURPOSE,
    PROFILE_PURPOSE,
    AuditEvent,
    Candidate,
    HearingSheet,
)
from bonavi.agents.tests.factories import PASSWORD, make_agency, private_order
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.services import profile_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(setup, seeker) -> Candidate:
    """A student who filled in her 希望条件 and applied to the agency (no hearing yet)."""
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "山田", "さくら"
    profile.desired_families = ["general_clerical"]
    profile.desired_employment_types = ["seishain"]
    profile.desired_prefectures = ["13"]
    profile.desired_pay_unit, profile.desired_pay_min = "month", 200000
    profile.available_from = dt.date(2027, 4, 1)
    profile.remote_preference = "partial"
    profile.experience = "カフェのホールのアルバイト（3年）"
    profile.address = "東京都新宿区新宿3丁目1-1"
    profile.save()
    return services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)


def _hearing(client, user, candidate):
    client.force_login(user)
    return client.get(f"/api/v1/agent/candidates/{candidate.pk}/hearing")


def test_the_hearing_api_gives_the_draft_the_page_prefills(client, setup, applied):
    response = _hearing(client, setup.ca, applied)

    assert response.status_code == 200
    body = response.json()
    assert (body["candidate"], body["saved"], body["updated_at"]) == (applied.pk, False, None)
    values = body["values"]
    assert values["desired_occupations"] == "一般事務"
    assert values["desired_prefectures"] == ["13"] and values["employment_types"] == ["seishain"]
    assert (values["pay_floor"], values["pay_unit"]) == (200000, "month")
    assert values["available_from"] == "2027-04-01" and values["telework"] == "partial"
    assert values["experience"] == "カフェのホールのアルバイト（3年）"
    assert values["reasons"] == "" or values["reasons"] is None
    assert set(body["from_profile"]) == {
        "desired_occupations",
        "desired_prefectures",
        "employment_types",
        "pay_floor",
        "pay_unit",
        "available_from",
        "telework",
        "experience",
    }
    assert body["note"] == FROM_PROFILE_NOTE
    # Her address and name are not in it; nothing is stored; the view is in her trail.
    assert "新宿" not in response.content.decode() and "さくら" not in response.content.decode()
    assert not HearingSheet.objects.filter(candidate=applied).exists()
    assert AuditEvent.objects.filter(candidate=applied, detail="ヒアリングシートを閲覧").exists()


def test_the_page_and_the_api_give_the_same_note(client, setup, applied):
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{applied.pk}/").content.decode()
    assert FROM_PROFILE_NOTE in page


def test_a_saved_sheet_is_given_as_saved(client, setup, applied):
    services.hearing_save(
        user=setup.ca,
        candidate=applied,
        data={"desired_occupations": "経理事務", "desired_prefectures": ["14"]},
    )

    body = _hearing(client, setup.ca, applied).json()

    assert body["saved"] is True and body["updated_at"]
    assert body["values"]["desired_occupations"] == "経理事務" and body["values"]["desired_prefectures"] == [
        "14"
    ]
    assert body["from_profile"] == [] and body["note"] == ""


def test_without_her_consent_the_draft_is_empty(client, setup, applied):
    text = applied.consent_purposes.replace(PROFILE_PURPOSE + "\n", "").replace(
        DIRECT_APPLICATIONS_PURPOSE + "\n", ""
    )
    Candidate.objects.filter(pk=applied.pk).update(consent_purposes=text, consent_version="2026-11-26-2")

    body = _hearing(client, setup.ca, applied).json()

    assert body["from_profile"] == [] and body["note"] == ""
    assert "一般事務" not in str(body["values"]) and "カフェ" not in str(body["values"])


def test_only_those_who_may_open_the_form_read_it(client, setup, applied, employer):
    other = make_agency(slug="other-agency", name="株式会社よその紹介")
    assert _hearing(client, other.ca, applied).status_code == 404
    assert _hearing(client, employer, applied).status_code == 403
    her = applied.user
    assert _hearing(client, her, applied).status_code == 403
    # Heard and assigned to 佐藤CA: a colleague who is not her adviser (nor the 責任者) no longer reads it.
    services.hearing_save(user=setup.ca, candidate=applied, data={"desired_occupations": "経理事務"})
    colleague = User.objects.create_user(
        email="ca2@minato-career.example",
        password=PASSWORD,
        role=Role.AGENT,
        organization=setup.agency.organization,
    )
    from bonavi.agents.models import Staff

    Staff.objects.create(user=colleague, agency=setup.agency, office=setup.office, is_career_adviser=True)
    assert _hearing(client, colleague, applied).status_code == 404
    assert _hearing(client, setup.boss, applied).status_code == 200


def test_her_proposals_api_gives_the_kind_the_page_says(client, setup, candidate, employer):
    ordered = private_order(setup, employer.organization).posting_id
    assert ordered is not None
    public = make_posting(employer.organization, title="一般事務（求人受理なし）").pk
    (referable,), _ = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=[ordered])
    (info,), _ = services.proposals_create(user=setup.ca, candidate=candidate, posting_ids=[public])
    client.force_login(candidate.user)

    listed = {p["id"]: p for p in client.get("/api/v1/agent/me/proposals").json()}
    page = client.get("/me/proposals/").content.decode()

    kinds = selectors.proposal_kinds([referable, info])
    assert (listed[referable.pk]["kind"], listed[referable.pk]["kind_label"]) == ("referral", "推薦で応募")
    assert listed[referable.pk]["status_label"] == "回答待ち"
    assert (listed[info.pk]["kind"], listed[info.pk]["kind_label"]) == ("information", "ご案内（直接応募）")
    assert listed[info.pk]["status_label"] == "ご案内"
    for proposal in (referable, info):
        assert listed[proposal.pk]["kind_label"] == kinds[proposal.pk].label
        assert f'<span class="tag">{kinds[proposal.pk].label}</span>' in page
