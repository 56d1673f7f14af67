"""The registry the documents app plugs into (ADR 0091): without a source, no document can be chosen or sent."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.seekers import attachments, services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def test_without_a_document_source_a_document_is_refused_and_none_is_offered(
    profiled_seeker: User, posting: JobPosting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "_SOURCE", [])
    with pytest.raises(services.SeekerInvalid) as exc:
        services.application_create(user=profiled_seeker, posting_id=posting.pk, document_id=1)
    assert exc.value.errors["document"] == ["選んだ書類が見つかりません。送付する書類を選び直してください。"]
    assert not Application.objects.exists()
    client = Client()
    client.force_login(profiled_seeker)
    page = client.get(f"/me/apply/{posting.pk}/").content.decode()
    assert 'name="document"' not in page and "応募のときに一緒に送れます" in page
