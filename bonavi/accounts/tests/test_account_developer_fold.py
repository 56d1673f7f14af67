"""The account page folds API tokens into 「開発者向け（API）」, closed: a seeker's page led with 「APIトークン」, which
few seekers need. It opens by itself when it has something to say at once (a new token, a refused name), and
issuing and revoking still work through it."""

from __future__ import annotations

import re

from django.test import Client

from bonavi.accounts.models import ApiToken, User


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fold(page: str) -> str:
    found = re.search(r'<details class="card developer" id="api"( open)?>.*?</details>', page, re.S)
    assert found is not None, "no 開発者向け（API） fold"
    return found.group(0)


def test_a_seekers_page_has_the_tokens_folded_and_closed(seeker: User) -> None:
    page = _client(seeker).get("/accounts/").content.decode()
    fold = _fold(page)
    assert fold.startswith('<details class="card developer" id="api">')  # closed
    assert "<summary><strong>開発者向け（API）</strong></summary>" in fold
    assert "トークンを発行する" in fold  # the form is inside it, not beside it
    assert page.count("トークンを発行する") == 1


def test_a_new_token_opens_the_fold_and_works(seeker: User) -> None:
    client = _client(seeker)
    page = client.post("/accounts/", {"action": "issue_token", "name": "家計簿アプリ"}).content.decode()
    fold = _fold(page)
    assert fold.startswith('<details class="card developer" id="api" open>')
    assert '<code id="new-token">' in fold
    later = client.get("/accounts/").content.decode()
    assert "APIトークン（発行済み1件）" in _fold(later) and _fold(later).startswith(
        '<details class="card developer" id="api">'
    )
    token = ApiToken.objects.get(user=seeker)
    done = client.post("/accounts/", {"action": "revoke_token", "token": token.pk}, follow=True)
    assert "トークンを無効にしました" in done.content.decode()


def test_a_refused_name_opens_the_fold(seeker: User) -> None:
    response = _client(seeker).post("/accounts/", {"action": "issue_token", "name": "<b>x</b>"})
    assert response.status_code == 422
    assert _fold(response.content.decode()).startswith('<details class="card developer" id="api" open>')
