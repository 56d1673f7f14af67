"""The documents home leads with the person's documents and the ways to make one; the JSON Resume exchange is
below them, named in plain Japanese, and still works."""

import io
import json

import pytest
from django.urls import reverse

from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_seeker(client, seeker):
    client.force_login(seeker)
    return client


def test_home_leads_with_the_documents_and_puts_json_resume_below_in_plain_words(client_seeker, seeker):
    version = version_create(owner=seeker, title="経理事務 応募用")
    html = client_seeker.get(reverse("documents:home")).content.decode()
    mine = html.index("作成した書類")
    create = html.index("履歴書・職務経歴書を作る")
    exchange = html.index("他のサービスとのデータ連携（JSON Resume形式）")
    assert mine < create < exchange
    assert "JSON Resume" not in html[:exchange]  # no jargon above the data exchange
    assert reverse("documents:pdf", args=[version.pk, "rirekisho"]) in html[mine:create]
    assert reverse("documents:pdf", args=[version.pk, "shokumukeirekisho"]) in html[mine:create]
    # the exchange still works from there: a file read into a new document
    upload = io.BytesIO(json.dumps(load("clean.json"), ensure_ascii=False).encode())
    upload.name = "resume.json"
    client_seeker.post(reverse("documents:import"), {"title": "読み込み", "file": upload})
    assert DocumentVersion.objects.filter(owner=seeker, title="読み込み").exists()


def test_a_refused_import_opens_the_data_exchange_section(client_seeker):
    page = client_seeker.post(reverse("documents:import"), {"title": "x"})
    html = page.content.decode()
    assert page.status_code == 422
    assert '<details class="doc-sec" id="data-exchange" open>' in html
    assert (
        '<details class="doc-sec" id="data-exchange">'
        in client_seeker.get(reverse("documents:home")).content.decode()
    )
