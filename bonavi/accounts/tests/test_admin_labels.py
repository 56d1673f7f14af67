"""No 「:」 after the operators' Japanese labels (core.admin_labels, ADR 0161): Django's admin wrote 「名称:」 above
each box, 「操作:」 before its action select, 「日付:」「時刻:」 inside a date-and-time field and 「メールアドレス:」 on
its login page. The site's own forms never had one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import Organization, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client() -> Client:
    operator = User.objects.create_superuser(email="ops@bonavi.example", password="Unei-Tantou-2026")
    client = Client()
    client.force_login(operator)
    return client


def _labels(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", label).strip()
        for label in re.findall(r"<label\b[^>]*>(.*?)</label>", html, re.S)
    ]


def test_change_forms_and_their_read_only_fields_have_no_colon(
    operator_client: Client, employer: User
) -> None:
    org = Organization.objects.get(members=employer)
    for path in (
        f"/admin/accounts/organization/{org.pk}/change/",
        f"/admin/accounts/user/{employer.pk}/change/",
        f"/admin/accounts/user/{employer.pk}/password/",
        "/admin/accounts/organization/add/",
    ):
        html = operator_client.get(path).content.decode()
        labels = [label for label in _labels(html) if label]
        assert len(labels) >= 2, (path, labels)
        assert not [label for label in labels if label.endswith((":", "："))], (path, labels)


def test_a_date_and_time_fields_halves_have_no_colon() -> None:
    from django.contrib.admin.widgets import AdminSplitDateTime
    from django.utils import translation

    with translation.override("ja"):
        html = AdminSplitDateTime().render("stopped_at", None)
    assert "日付:" not in html and "時刻:" not in html
    assert re.search(r"日付\s*<input", html) and re.search(r"時刻\s*<input", html), html


def test_the_action_select_and_the_login_page_have_no_colon(operator_client: Client, employer: User) -> None:
    listing = operator_client.get("/admin/accounts/organization/").content.decode()
    assert "操作:" not in listing and re.search(r"<label>操作 <select", listing), listing[:200]
    login = Client().get("/admin/login/").content.decode()
    labels = _labels(login)
    assert labels and not [label for label in labels if label.endswith(":")], labels
