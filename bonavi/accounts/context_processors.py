"""The `next` the header's ログイン and 新規登録 links carry, so a person who signs up from a page (a ☆ on a
posting, a search) is brought back to it after the confirmation instead of to the home page."""

from __future__ import annotations

from django.http import HttpRequest

from .next_url import safe_next

# Pages not worth coming back to after logging in: the login and sign-up pages themselves, the password reset,
# the mailed links (one use) and the admin, which has its own login.
_NOT_RETURNED_TO = frozenset({"accounts", "admin"})


def auth_next(request: HttpRequest) -> dict[str, str]:
    """`auth_next`: the request's own safe ?next= (so the login page's header keeps it), else this page's path
    when it is a GET of a page worth returning to; "" for a logged-in person, who sees no such links."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return {"auth_next": ""}
    asked = safe_next(request.GET.get("next"))
    if asked:
        return {"auth_next": asked}
    match = getattr(request, "resolver_match", None)
    if request.method != "GET" or match is None or _NOT_RETURNED_TO & set(match.namespaces):
        return {"auth_next": ""}
    path = request.get_full_path()
    return {"auth_next": "" if path == "/" else safe_next(path)}
