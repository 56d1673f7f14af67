"""The employer's 次の状況 offers only the moves the service allows, and says why when there is none (UX 7)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _options(page: str) -> list[tuple[str, bool]]:
    select = page.split('name="status"', 1)[1].split("</select>", 1)[0]
    return [(v, bool(sel)) for v, sel in re.findall(r'<option value="([^"]*)"( selected)?', select)]


def test_next_status_offers_only_allowed_moves_none_preselected(
    employer: User, application: Application
) -> None:
    client = Client()
    client.force_login(employer)
    services.application_move(user=employer, application=application, to_status="screening")
    page = client.get(f"/applicants/{application.pk}/").content.decode()
    # From 書類選考: 面接, 内定, 不採用 in pipeline order (not 入社, not 書類選考 itself), none chosen for you.
    assert _options(page) == [("", True), ("interview", False), ("offer", False), ("rejected", False)]
    # 更新する pressed as shown: asks for a choice, moves nothing.
    refused = client.post(f"/applicants/{application.pk}/", {"status": "", "note": ""})
    application.refresh_from_db()
    assert refused.status_code == 422 and application.status == "screening"
    assert "次の状況を選んでください。" in refused.content.decode()


def test_a_closed_application_says_why_instead_of_a_form(employer: User, application: Application) -> None:
    client = Client()
    client.force_login(employer)
    for status in ("offer", "hired"):
        services.application_move(user=employer, application=application, to_status=status)
    page = client.get(f"/applicants/{application.pk}/").content.decode()
    assert 'name="status"' not in page and "更新する" not in page
    assert "この応募は「入社」で終了しているため、状況を変更できません。" in page


def test_the_applicant_view_writes_days_and_times_as_the_rest_of_the_site(
    employer: User, application: Application
) -> None:
    """「2004-05-10」 and 「2026-11-26 16:32」 beside 「2026年11月26日」: one way of writing them (UX 21)."""
    # the snapshot keeps the birth date as JSON keeps it: an ISO string
    Application.objects.filter(pk=application.pk).update(
        profile_snapshot={**application.profile_snapshot, "birth_date": "2004-05-10"}
    )
    client = Client()
    client.force_login(employer)
    page = client.get(f"/applicants/{application.pk}/").content.decode()
    assert "<dt>生年月日</dt><dd>2004年5月10日</dd>" in page
    assert f"応募日時 {clock.moment_ja(application.created_at)}" in page
    # no ISO day left in the text (a <time datetime="…"> attribute is for machines)
    assert not re.findall(r">[^<]*\d{4}-\d{2}-\d{2}[^<]*<", page.split("<main", 1)[1])
