"""A refused sign-up lists its reasons at the top, each linked to its field, as the other long forms do (UX review
s12, F16); a refusal about the whole form is in the same summary, which then takes the focus."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import strip_tags

from bonavi.accounts.forms import SignupForm

from .test_auth import signup

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    assert 'id="form-errors"' in html, "no error summary"
    return html.split('id="form-errors"', 1)[1].split("</div>", 1)[0]


def test_a_refused_signup_lists_each_reason_linked_to_its_field(client: Client) -> None:
    response = signup(client, email="not-an-email", password2="different-Pass-1", agree="")
    assert response.status_code == 422
    html = response.content.decode()
    summary = _summary(html)
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a>：', summary)
    form = SignupForm(role="seeker")
    # in the order of the page, each to a field that is on it
    assert [anchor for anchor, _ in links] == ["id_email", "id_password2", "id_agree"]
    # the consent's label holds links to the terms: named by its words, no link inside the summary's link
    named = [strip_tags(str(form.fields[n].label)) for n in ("email", "password2", "agree")]
    assert [label for _, label in links] == named and "利用規約とプライバシーポリシー" in named[2]
    for anchor, _ in links:
        assert f'id="{anchor}"' in html
    assert (
        "入力内容を確認してください（3件）" in summary
        and 'role="alert"' in html.split('id="form-errors"')[0][-80:]
    )
    # a field in error takes the focus, not the summary
    assert (
        html.count("autofocus") == 1
        and "tabindex" not in html.split('id="form-errors"', 1)[1].split(">", 1)[0]
    )


def test_a_refusal_about_the_whole_form_is_in_the_summary_which_takes_the_focus(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bonavi.accounts import services

    monkeypatch.setattr(services, "signup_client_allowed", lambda **_: False)
    response = signup(client)
    assert response.status_code == 429
    html = response.content.decode()
    head = html.split('id="form-errors"', 1)[1].split(">", 1)[0]
    assert 'tabindex="-1" autofocus' in head
    assert "登録の申し込みが多すぎます" in _summary(html)
    assert html.count("登録の申し込みが多すぎます") == 1
