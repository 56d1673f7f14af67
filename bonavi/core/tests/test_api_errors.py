"""The API's error messages are Japanese: validation (choices included), an unreadable body, a failed CSRF check."""

from __future__ import annotations

import pytest
from django.test import Client
from ninja.errors import HttpError

from bonavi.accounts.models import User
from bonavi.core.api_auth import CSRF_REFUSED
from bonavi.core.api_errors import BODY_HAS_NUL, BODY_UNREADABLE, body_too_large, japanese_message
from bonavi.notifications.models import SavedSearch


def test_a_list_of_choices_is_joined_in_japanese_not_with_or() -> None:
    error = {"type": "literal_error", "ctx": {"expected": "'screening', 'interview' or 'rejected'"}}
    assert japanese_message(error) == "選べる値は 'screening'、'interview'、'rejected' です。"


def test_an_unknown_error_type_still_gets_a_japanese_message() -> None:
    assert japanese_message({"type": "something_new"}) == "値が正しくありません。"


@pytest.fixture
def seeker_session(seeker: User) -> Client:
    client = Client()  # the test client skips the CSRF check, so only the body is at issue
    client.force_login(seeker)
    return client


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"query": "\xff\xfe"}', b"[" * 100_000],
    ids=["syntax", "not-utf8", "nested-too-deep"],
)
def test_an_unreadable_body_is_answered_in_japanese(seeker_session: Client, body: bytes) -> None:
    response = seeker_session.post("/api/v1/me/saved-searches", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": BODY_UNREADABLE}
    assert not SavedSearch.objects.exists()


def test_a_session_post_without_the_csrf_token_is_answered_in_japanese(seeker: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    response = client.post("/api/v1/me/saved-searches", {"query": "q=経理"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": CSRF_REFUSED}
    assert not SavedSearch.objects.exists()


def _reword(monkeypatch: pytest.MonkeyPatch, module: object) -> None:
    """Make Ninja's `module` raise its HttpErrors with other English words, as a later Ninja might."""

    def reworded(status_code: int, message: str) -> HttpError:
        return HttpError(status_code, f"Reworded by a later Ninja: {message.lower()}")

    monkeypatch.setattr(module, "HttpError", reworded)


def test_the_unreadable_body_answer_does_not_depend_on_ninjas_wording(
    seeker_session: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ninja upgrade that rewords "Cannot parse request body" must not let English through: the failure is
    recognised by its cause (our parser's exception type), not by its text."""
    import ninja.params.models

    _reword(monkeypatch, ninja.params.models)
    response = seeker_session.post("/api/v1/me/saved-searches", b"{not json", content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"detail": BODY_UNREADABLE})


def test_the_csrf_answer_does_not_depend_on_ninjas_wording(
    seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Likewise "CSRF check Failed": it is recognised by where it is raised (the session cookie's step)."""
    import ninja.security.apikey

    _reword(monkeypatch, ninja.security.apikey)
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    response = client.post("/api/v1/me/saved-searches", {"query": "q=経理"}, content_type="application/json")
    assert (response.status_code, response.json()) == (403, {"detail": CSRF_REFUSED})


def test_a_body_over_the_upload_limit_is_answered_in_japanese_not_a_500(
    seeker_session: Client,
) -> None:
    """Django refuses a body bigger than DATA_UPLOAD_MAX_MEMORY_SIZE before Ninja parses it; an API client must get
    a JSON answer saying so (413), not a server error or an HTML page."""
    limit = 2 * 1024 * 1024
    body = b'{"query": "q=' + b"a" * (limit + 1) + b'"}'
    response = seeker_session.post("/api/v1/me/saved-searches", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": body_too_large()}
    assert "（上限2 MB）" in body_too_large()  # as every limit is written (uploads.mb_label)
    assert not SavedSearch.objects.exists()


def test_a_nul_character_in_the_body_is_refused_before_anything_is_stored(employer: User) -> None:
    """A JSON string may carry \\u0000, which PostgreSQL cannot store in a text column (a 500 there) and the
    web forms refuse: the API refuses it too, for every endpoint, by the body parser."""
    from bonavi.jobs.models import JobPosting
    from bonavi.jobs.tests.factories import posting_data

    client = Client()
    client.force_login(employer)
    data = posting_data(duties="伝票の起票\u0000と入力", start_time="09:00", end_time="18:00")
    response = client.post("/api/v1/employer/postings", data, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": BODY_HAS_NUL}
    assert not JobPosting.objects.exists()


def test_a_deeply_nested_body_gets_the_japanese_unreadable_answer() -> None:
    """600 levels parse (json's own limit is ~1,000) but are more than a recursive walk of the parsed value
    can take: the client must still get our Japanese answer, not Ninja's English "Cannot parse request body"."""
    body = '{"answers": ' + "[" * 600 + "]" * 600 + "}"
    response = Client().post("/api/v1/careers/assessment", body, content_type="application/json")
    assert response.status_code == 422  # read, then refused as answers of the wrong shape
    assert response.json()["detail"] == "入力内容に問題があります。"
    deeper = '{"answers": ' + "[" * 5000 + "]" * 5000 + "}"  # past json's own limit
    response = Client().post("/api/v1/careers/assessment", deeper, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"detail": BODY_UNREADABLE}


def test_a_nul_hidden_deep_in_the_body_is_still_found() -> None:
    body = '{"answers": ' + "[" * 600 + '"\\u0000"' + "]" * 600 + "}"
    response = Client().post("/api/v1/careers/assessment", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": BODY_HAS_NUL}
