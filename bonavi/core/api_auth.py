"""API authentication: a bearer token issued on the account page, or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

CSRF_REFUSED = (
    "CSRFトークンがないか正しくありません。ブラウザのセッションで送るときは X-CSRFToken ヘッダーに"
    "csrftoken クッキーの値を入れてください（API クライアントは Authorization: Bearer <APIトークン>）。"
)


class _Bearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from bonavi.accounts.models import ApiToken

        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class _Session(APIKeyCookie):
    """Django's session cookie; ninja's APIKeyCookie enforces CSRF for unsafe methods."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie this is not a browser session: answer 401 「ログインが必要です」, not Ninja's
        # CSRF 403, which an API client with no (or a wrong) token would otherwise get for every POST.
        if self.param_name not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError as exc:
            # The only thing Ninja's cookie step refuses is the CSRF check, with an English text of its own:
            # answered here by where it was raised, not by matching that text, which a Ninja upgrade may reword.
            raise HttpError(403, CSRF_REFUSED) from exc

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


def ApiKeyOrSession() -> list[Any]:
    return [_Bearer(), _Session()]


def optional_user(request: HttpRequest) -> Any:
    """For public endpoints: the user behind a bearer token or session, else the anonymous user."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = _Bearer().authenticate(request, header.split(" ", 1)[1].strip())
        if user is not None:
            return user
    return request.user
