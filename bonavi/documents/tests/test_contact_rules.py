"""Company details (accounts), the seeker profile (seekers) and the 履歴書 (documents) read a phone number or
郵便番号 by one rule: each accepts and refuses the same input, stores the same form and says the same thing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.forms import OrganizationForm
from bonavi.accounts.models import User
from bonavi.documents.jsonresume import ResumeInputError, resume_from_json
from bonavi.seekers.models import SeekerProfile

pytestmark = pytest.mark.django_db

PHONES = ["０９０ー１２３４ー５６７８", "0120123456", "03 1234 5678", "090-1234-567", "020-1234-5678", "abc"]
POSTAL_CODES = ["〒１５０ー０００１", "1500001", "150001", "15a0001"]


def _company(phone: str) -> tuple[str, str]:
    form = OrganizationForm({"address": "東京都千代田区丸の内1-1-1", "phone": phone, "email": "a@example.jp"})
    return (
        ("ok", form.cleaned_data["phone"]) if form.is_valid() else ("refused", str(form.errors["phone"][0]))
    )


def _profile(client: Client, seeker: User, field: str, value: str) -> tuple[str, str]:
    response = client.put("/api/v1/me/profile", {field: value}, content_type="application/json")
    if response.status_code == 200:
        return "ok", getattr(SeekerProfile.objects.get(user=seeker), field)
    assert response.status_code == 422, response.content
    return "refused", response.json()["errors"][field][0]


def _document(clean_doc: dict[str, Any], path: tuple[str, ...], value: str) -> tuple[str, str]:
    target = clean_doc["basics"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        resume = resume_from_json(clean_doc)
    except ResumeInputError as exc:
        return "refused", exc.errors[0][1]
    basics = resume.basics
    return "ok", basics.phone if path == ("phone",) else basics.location.postal_code


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_are_read_alike_everywhere(
    client: Client, seeker: User, clean_doc: dict, phone: str
) -> None:
    client.force_login(seeker)
    company = _company(phone)
    assert _profile(client, seeker, "phone", phone) == company
    assert _document(clean_doc, ("phone",), phone) == company


@pytest.mark.parametrize("code", POSTAL_CODES)
def test_postal_codes_are_read_alike_in_profiles_and_documents(
    client: Client, seeker: User, clean_doc: dict, code: str
) -> None:
    client.force_login(seeker)
    assert _profile(client, seeker, "postal_code", code) == _document(
        clean_doc, ("location", "postalCode"), code
    )
