"""☆ pressed by a visitor who then signs up (not logs in): after she confirms her address from the mail, the posting
is in her favourites and she lands on it with 「お気に入りに追加しました。」 — no second page asking 「お気に入りに追加する
／追加せずに戻る」 (ADR 0136; ADR 0132 did the same for a login).

The intent is the next= her sign-up POST (CSRF-checked, under a page naming the posting) stored with the pending
sign-up; it is used only by the confirmation's POST (CSRF-checked), reached through the signed link mailed to her,
which works once. Nothing in the link or that POST can name another posting, and the posting is checked as she may
see it at that moment: a 非公開, draft or ended one is not added. The mail is read from a real SMTP server."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus, Visibility
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import Inbox, text_of

smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox

pytestmark = pytest.mark.django_db

PASSWORD = "kanri-Bu-2026!"
EMAIL = "hoshi-new@example.com"


def _csrf(client: Client, page: Any) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert found is not None
    return found.group(1)


def _sign_up_from_the_star(client: Client, posting: JobPosting, *, role: str = "seeker") -> str:
    """From the posting's ☆ (logged out) to the login page, its 「新規登録」, and the sign-up POST; the sign-up page
    named the posting. Returns the next= the sign-up carried."""
    detail = client.get(f"/jobs/{posting.pk}/").content.decode()
    star = re.search(r'<a class="fav-btn" href="([^"]+)"', detail)
    assert star is not None
    login_page = client.get(unescape(star.group(1))).content.decode()
    signup = re.search(
        r'<a (?:class="signup" )?href="(/accounts/signup/\?next=[^"]+)">新規登録</a>', login_page
    )
    assert signup is not None
    signup_url = unescape(signup.group(1)) + ("&role=employer" if role == "employer" else "")
    page = client.get(signup_url)
    next_url = re.search(r'<input type="hidden" name="next" value="([^"]+)">', page.content.decode())
    assert next_url is not None
    if role == "seeker":
        assert f"登録が済むと、「{posting.title}」" in page.content.decode()
    data = {
        "account_type": role,
        "email": EMAIL,
        "display_name": "星野",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree": "on",
        "next": unescape(next_url.group(1)),
        "csrfmiddlewaretoken": _csrf(client, page),
    }
    if role == "employer":
        data["organization_name"] = "株式会社ほしの"
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return data["next"]


def _mailed_link(inbox: Inbox) -> str:
    [mail] = inbox.wait_for(1)
    found = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/[^/\s]+/)", text_of(mail))
    assert found is not None, text_of(mail)
    return found.group(1)


def _confirm(link: str, **kwargs: Any) -> Any:
    """Open the mailed link in a browser of its own (the mail may be read on another device) and press 本登録."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(link)
    assert page.status_code == 200
    if "csrfmiddlewaretoken" not in page.content.decode():
        # A used or altered link shows no button; the POST is still sent, with a valid token from another form.
        page = client.get("/accounts/signup/")
    return client, client.post(link, {"csrfmiddlewaretoken": _csrf(client, page)}, **kwargs)


def _favourites() -> list[int]:
    user = User.objects.filter(email=EMAIL).first()
    return list(user.favorites.values_list("posting_id", flat=True)) if user else []


def test_signing_up_from_the_star_adds_it_and_lands_on_the_posting(
    posting: JobPosting, smtp_inbox: Inbox
) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    assert not User.objects.filter(email=EMAIL).exists()  # 仮登録 only, nothing added yet

    client, response = _confirm(_mailed_link(smtp_inbox), follow=True)

    assert response.status_code == 200
    assert [url for url, _ in response.redirect_chain][-1] == f"/jobs/{posting.pk}/"  # the top, no #job-<id>
    page = response.content.decode()
    assert page.count("お気に入りに追加しました。") == 1 and "本登録が完了しました" in page
    assert "追加せずに戻る" not in page
    assert _favourites() == [posting.pk]
    # The note is spent: the ☆'s URL opened again only says it is in the list already.
    star = f"/me/favorites/{posting.pk}/"
    assert "既にお気に入りに入っています" in client.get(star).content.decode()


def test_a_reused_link_adds_nothing(posting: JobPosting, smtp_inbox: Inbox) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    link = _mailed_link(smtp_inbox)
    _confirm(link)
    User.objects.get(email=EMAIL).favorites.all().delete()  # she took it off again

    client, again = _confirm(link)

    assert again.status_code == 200 and "登録済み" in again.content.decode()
    assert _favourites() == []
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("tamper", ["char", "other_salt"])
def test_a_tampered_link_adds_nothing(posting: JobPosting, smtp_inbox: Inbox, tamper: str) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    link = _mailed_link(smtp_inbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    if tamper == "char":
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    else:  # a well-formed token signed for something else (a team invitation's salt) names no sign-up
        from bonavi.core.signed import sign_ids

        forged = sign_ids("bonavi.accounts.team-invite", 1, 0)
    _, response = _confirm(f"/accounts/signup/confirm/{forged}/")

    assert response.status_code == 200 and "無効" in response.content.decode()
    assert not User.objects.filter(email=EMAIL).exists() and _favourites() == []
    assert forged != token


def test_a_confirmation_without_its_csrf_token_adds_nothing(posting: JobPosting, smtp_inbox: Inbox) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    link = _mailed_link(smtp_inbox)
    response = Client(enforce_csrf_checks=True).post(link)
    assert response.status_code == 403
    assert not User.objects.filter(email=EMAIL).exists() and _favourites() == []


@pytest.mark.parametrize(
    "change",
    [
        {"visibility": Visibility.PRIVATE},
        {"status": PostingStatus.DRAFT},
        {"status": PostingStatus.CLOSED},
        {"status": PostingStatus.EXPIRED},
    ],
    ids=["private", "draft", "closed", "expired"],
)
def test_a_posting_she_may_not_see_when_she_confirms_is_not_added(
    posting: JobPosting, smtp_inbox: Inbox, change: dict[str, str]
) -> None:
    """Public when she pressed ☆, then made 非公開, put back to 下書き or ended before she opened the mail."""
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting)
    JobPosting.objects.filter(pk=posting.pk).update(**change)

    _confirm(_mailed_link(smtp_inbox))

    assert User.objects.filter(email=EMAIL).exists() and _favourites() == []


def test_a_private_postings_star_gets_no_note_and_adds_nothing(employer: User, smtp_inbox: Inbox) -> None:
    """A sign-up whose next= is the ☆ of a 非公開求人 (typed or linked from elsewhere): the page does not name it, and
    the confirmation adds nothing."""
    from bonavi.jobs.tests.factories import make_posting

    assert employer.organization is not None
    hidden = make_posting(employer.organization, title="秘密の経理職", visibility=Visibility.PRIVATE)
    client = Client()
    star = f"/me/favorites/{hidden.pk}/"
    page = client.get("/accounts/signup/", {"next": star}).content.decode()
    assert "秘密の経理職" not in page and "登録が済むと" not in page
    client.post(
        "/accounts/signup/",
        {
            "account_type": "seeker",
            "email": EMAIL,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "agree": "on",
            "next": star,
        },
    )
    _confirm(_mailed_link(smtp_inbox))
    assert User.objects.filter(email=EMAIL).exists() and _favourites() == []


def test_a_sign_up_for_another_page_adds_nothing(posting: JobPosting, smtp_inbox: Inbox) -> None:
    client = Client()
    client.post(
        "/accounts/signup/",
        {
            "account_type": "seeker",
            "email": EMAIL,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "agree": "on",
            "next": f"/jobs/{posting.pk}/",
        },
    )
    _, response = _confirm(_mailed_link(smtp_inbox))
    assert response.status_code == 302 and response["Location"] == f"/jobs/{posting.pk}/"
    assert _favourites() == []


def test_an_employer_signing_up_from_the_star_adds_nothing(posting: JobPosting, smtp_inbox: Inbox) -> None:
    _sign_up_from_the_star(Client(enforce_csrf_checks=True), posting, role="employer")
    _confirm(_mailed_link(smtp_inbox))
    user = User.objects.get(email=EMAIL)
    assert user.is_employer and _favourites() == []
