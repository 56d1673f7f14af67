"""The posting form's summary links each problem to its field, in form order; the preview offers 公開する only when
publishing would be accepted, and otherwise says what to fix (UX 18)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.forms import PostingForm
from bonavi.jobs.models import JobPosting, PostingStatus

from .test_posting_input import form_payload

pytestmark = pytest.mark.django_db


def _summary_links(html: str, box_id: str) -> list[tuple[str, str]]:
    box = html.split(f'id="{box_id}"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a>：', box)


def test_refused_form_lists_each_problem_linked_to_its_field_in_form_order(
    client: Client, employer: User
) -> None:
    client.force_login(employer)
    # typed in the API's order: wage_max before title would be the order the errors were added, not the page's
    payload = form_payload(title="", wage_min="300000", wage_max="200000", duties="<b>経理</b>")
    response = client.post(reverse("jobs:employer_create"), payload)
    assert response.status_code == 422 and not JobPosting.objects.exists()
    html = response.content.decode()
    links = _summary_links(html, "form-errors")
    assert [href for href, _ in links] == ["#id_title", "#id_duties", "#id_wage_max"]
    assert [label for _, label in links] == [
        str(PostingForm().fields[n].label) for n in ("title", "duties", "wage_max")
    ]
    assert "入力内容を確認してください（3件）" in html and "赤字の項目に問題があります" not in html
    for href, _ in links:
        assert f'id="{href[1:]}"' in html  # each link leads to a field on this page


def test_preview_hides_publish_while_it_would_be_refused_and_links_the_fixes(
    client: Client, employer: User
) -> None:
    client.force_login(employer)
    payload = form_payload(duties_change_scope="", smoking_measure="")
    assert client.post(reverse("jobs:employer_create"), payload).status_code == 302
    posting = JobPosting.objects.get()
    preview_url = reverse("jobs:employer_preview", args=[posting.pk])
    publish_url = reverse("jobs:employer_publish", args=[posting.pk])
    html = client.get(preview_url).content.decode()
    assert publish_url not in html and ">公開する</button>" not in html
    assert "直すと「公開する」ボタンが表示されます" in html
    edit = reverse("jobs:employer_edit", args=[posting.pk])
    hrefs = [href for href, _ in _summary_links(html, "findings-errors")]
    assert f"{edit}#id_duties_change_scope" in hrefs and f"{edit}#id_smoking_measure" in hrefs
    # fixed: the button is back, and pressing it publishes
    fixed = form_payload(duties_change_scope="会社の定める業務", smoking_measure="indoor_ban")
    assert client.post(edit, fixed).status_code == 302
    html = client.get(preview_url).content.decode()
    assert publish_url in html and 'id="findings-errors"' not in html
    assert client.post(publish_url).status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED


def test_the_preview_runs_the_compliance_checker_once(client: Client, employer: User, monkeypatch) -> None:
    # The preview shows the checker's warnings and asks the publish gate; the gate reuses those findings.
    from bonavi.jobs import services
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization, status=PostingStatus.DRAFT)
    calls: list[object] = []
    real = services.check_facts

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # the real checker, only counted

    monkeypatch.setattr(services, "check_facts", counted)
    client.force_login(employer)
    assert client.get(reverse("jobs:employer_preview", args=[posting.pk])).status_code == 200
    assert len(calls) == 1


def test_a_refused_publish_shows_the_stored_problems_checking_once(
    client: Client, employer: User, monkeypatch
) -> None:
    """公開する refused: the edit page with each reason beside its field and the warnings, as when it is opened —
    from the gate's own findings (the page used to run the checker a second time for its warnings)."""
    from bonavi.jobs import services
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization, status=PostingStatus.DRAFT, title="経理事務（男性のみ）")
    calls: list[object] = []
    real = services.check_facts

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "check_facts", counted)
    client.force_login(employer)
    response = client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 422 and len(calls) == 1
    html = response.content.decode()
    assert "このままでは公開できません。次の1件を修正してください。" in html
    assert [href for href, _ in _summary_links(html, "edit-findings")] == ["#id_title"]
    assert 'role="alert" id="edit-findings"' in html and 'id="id_title_error"' in html
    opened = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    assert 'role="alert"' not in opened.split('id="edit-findings"', 1)[0].rsplit("<div", 1)[1]
