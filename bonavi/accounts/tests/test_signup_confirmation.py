"""Sign-up by e-mail confirmation (仮登録 → 本登録, ADR 0071): the form never tells whether an address is
registered, the account exists only once its address is confirmed, and the mails to one address are capped."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts import services
from bonavi.accounts.models import PendingSignup, User
from bonavi.accounts.tests.test_auth import PASSWORD, confirm_link, signup
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.notifications.tests.smtp import free_port, send_by_smtp

pytestmark = pytest.mark.django_db


def _page(client: Client, response: Any) -> str:
    assert response.status_code == 302
    return str(client.get(response["Location"]).content.decode())


def test_a_registered_address_gets_the_same_page_and_a_login_notice_instead(
    seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    real = services.make_password

    def counting(raw: str) -> str:
        hashed.append(raw)
        return real(raw)

    monkeypatch.setattr(services, "make_password", counting)

    new_client, old_client = Client(), Client()
    new = signup(new_client, email="fresh@example.com")
    old = signup(old_client, email=seeker.email.upper())
    assert (new.status_code, new["Location"]) == (old.status_code, old["Location"])
    new_page, old_page = _page(new_client, new), _page(old_client, old)
    assert new_page.replace("fresh@example.com", "@") == old_page.replace(seeker.email, "@")
    assert "確認メールを送信しました" in old_page and "既に登録" not in old_page.split("</h1>")[0]
    # The slow step (argon2 in production) runs for both, so the time taken does not tell them apart either.
    assert hashed == [PASSWORD, PASSWORD]

    fresh, notice = mail.outbox
    assert fresh.to == ["fresh@example.com"] and "/accounts/signup/confirm/" in fresh.body
    assert notice.to == [seeker.email] and "既に登録があります" in notice.body
    assert "/accounts/login/" in notice.body and "/accounts/password/reset/" in notice.body
    assert "/accounts/signup/confirm/" not in notice.body and "山田" not in notice.body
    # Nothing about the existing account changed, and no pending sign-up was kept for it.
    seeker.refresh_from_db()
    assert seeker.check_password("pw-Long-enough-1") and not PendingSignup.objects.filter(email=seeker.email)
    assert "_auth_user_id" not in old_client.session


@override_settings(SITE_URL="https://bonavi.example.jp")
def test_the_mailed_links_are_on_the_site_not_on_the_requests_host(client: Client, seeker: User) -> None:
    client.post(
        reverse("accounts:signup"),
        {
            "account_type": "seeker",
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "agree": "on",
        },
        HTTP_HOST="evil.example",
    )
    signup(client, email=seeker.email)
    for message in mail.outbox:
        assert "evil.example" not in message.body and "https://bonavi.example.jp/accounts/" in message.body
    assert re.search(r"^https://bonavi\.example\.jp/accounts/signup/confirm/\S+/$", mail.outbox[0].body, re.M)


def test_the_link_creates_the_account_with_its_consent_once(client: Client) -> None:
    signup(client)
    path = confirm_link("new@example.com")
    assert client.post(path).status_code == 302
    assert User.objects.filter(email="new@example.com").count() == 1
    # The used row keeps no password hash.
    assert PendingSignup.objects.get().password_hash == "" and PendingSignup.objects.get().used_at is not None
    # A second click (here in another browser) neither creates nor logs in: it says the address is registered.
    other = Client()
    again = other.post(path)
    assert again.status_code == 200 and "既に登録されています" in again.content.decode()
    assert reverse("accounts:login") in again.content.decode()
    assert "_auth_user_id" not in other.session
    assert User.objects.count() == 1


def _later(monkeypatch: pytest.MonkeyPatch, delta: dt.timedelta) -> None:
    # The clock moves, not the row: the link names the row's creation time (core.signed.sign_row).
    real = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real() + delta)


def test_an_expired_link_is_explained_and_creates_nothing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    signup(client)
    path = confirm_link("new@example.com")
    _later(monkeypatch, dt.timedelta(hours=24, minutes=1))
    for response in (client.get(path), client.post(path)):
        body = response.content.decode()
        assert response.status_code == 200 and "有効期限（送信から24時間）が切れています" in body
        assert "もう一度登録する" in body and reverse("accounts:signup") in body
    assert not User.objects.exists() and "_auth_user_id" not in client.session


def test_a_link_just_inside_its_day_still_works(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    signup(client)
    _later(monkeypatch, dt.timedelta(hours=23, minutes=59))
    assert client.post(confirm_link("new@example.com")).status_code == 302
    assert User.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature altered
        lambda token: token.replace(token.split(":")[0], "WzJd"),  # another row's id ([2]), same signature
        lambda token: token.split(":")[0],  # the signature cut off
        lambda token: "no-such-token",
    ],
)
def test_an_altered_link_is_refused_in_japanese(client: Client, tamper: Any) -> None:
    signup(client)
    signup(Client(), email="second@example.com")  # a row [2] exists, so only the signature protects it
    path = confirm_link("new@example.com")
    token = path.rstrip("/").rsplit("/", 1)[1]
    bad = reverse("accounts:signup_confirm", args=[tamper(token)])
    for response in (client.get(bad), client.post(bad)):
        assert response.status_code == 200
        assert "この確認リンクは使用済みか、正しくありません" in response.content.decode()
    assert not User.objects.exists()


def test_nobody_can_squat_an_address_with_a_sign_up_of_their_own(client: Client) -> None:
    """Someone signs up with another person's address and a password of their choosing; the owner signs up too.
    Only the link that is opened (by whoever reads the mailbox) decides the account and its password."""
    signup(Client(), email="owner@example.com", password1="Squatter-Pass-99", password2="Squatter-Pass-99")
    squatter_path = confirm_link("owner@example.com")
    assert not User.objects.exists()  # an unconfirmed sign-up holds nothing
    signup(client, email="owner@example.com")
    owner_path = confirm_link("owner@example.com")
    assert owner_path != squatter_path and PendingSignup.objects.count() == 2
    assert client.post(owner_path).status_code == 302
    user = User.objects.get(email="owner@example.com")
    assert user.check_password(PASSWORD) and not user.check_password("Squatter-Pass-99")
    # The other pending link now only says the address is registered; it changes nothing and logs nobody in.
    stranger = Client()
    response = stranger.post(squatter_path)
    assert "既に登録されています" in response.content.decode() and "_auth_user_id" not in stranger.session
    user.refresh_from_db()
    assert user.check_password(PASSWORD) and User.objects.count() == 1


def test_a_race_between_two_links_for_one_address_creates_one_account(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    signup(client)
    signup(Client(), password1="Another-Pass-77", password2="Another-Pass-77")
    first, _second = PendingSignup.objects.order_by("pk")
    assert client.post(confirm_link("new@example.com")).status_code == 302  # the second one won
    # The first is checked as still valid (as if checked a moment before the other was created) and then hits the
    # unique address: one account, nothing half-written, a clear page.
    monkeypatch.setattr(services, "signup_link_check", lambda token: services.SignupLink("ok", first))
    response = Client().post(reverse("accounts:signup_confirm", args=["x"]))
    assert response.status_code == 200 and "既に登録されています" in response.content.decode()
    assert User.objects.count() == 1 and User.objects.get().check_password("Another-Pass-77")
    first.refresh_from_db()
    assert first.used_at is None  # rolled back with the failed account


@pytest.mark.parametrize("registered", [False, True], ids=["new", "registered"])
def test_mails_to_one_address_are_capped_and_the_page_stays_the_same(
    client: Client, seeker: User, registered: bool
) -> None:
    email = seeker.email if registered else "new@example.com"
    for _ in range(TYPED_ADDRESS_MAIL_LIMIT + 3):
        response = signup(client, email=email)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
        assert "確認メールを送信しました" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == TYPED_ADDRESS_MAIL_LIMIT and {m.to[0] for m in mail.outbox} == {email}
    # Past the cap nothing is stored either (a link that was never mailed could never be used).
    assert PendingSignup.objects.count() == (0 if registered else TYPED_ADDRESS_MAIL_LIMIT)
    signup(client, email="someone-else@example.com")  # the cap is per address
    assert mail.outbox[-1].to == ["someone-else@example.com"]


@pytest.mark.parametrize("registered", [False, True], ids=["new", "registered"])
def test_a_mail_server_that_is_down_gets_a_japanese_message_not_a_500(
    client: Client, seeker: User, registered: bool, settings: Any
) -> None:
    send_by_smtp(settings, free_port())  # a port nobody listens on
    response = signup(client, email=seeker.email if registered else "new@example.com")
    assert response.status_code == 503
    assert "確認メールを送信できませんでした" in response.content.decode()


def test_week_old_pending_sign_ups_are_deleted(client: Client) -> None:
    signup(client, email="old@example.com")
    signup(client, email="recent@example.com")
    PendingSignup.objects.filter(email="old@example.com").update(
        created_at=timezone.now() - dt.timedelta(days=services.PENDING_SIGNUP_KEEP_DAYS, minutes=1)
    )
    assert services.pending_signups_purge() == 1
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["recent@example.com"]
    assert services.pending_signups_purge() == 0


def test_one_client_cannot_send_sign_ups_for_many_addresses(client: Client) -> None:
    """Past the per-client allowance the form says so (429) and nothing is mailed or stored, for any address."""
    for i in range(services.SIGNUP_CLIENT_LIMIT):
        assert signup(client, email=f"person{i}@example.com").status_code == 302
    sent, pending = len(mail.outbox), PendingSignup.objects.count()
    response = signup(client, email="one-more@example.com")
    assert response.status_code == 429
    assert "この接続からの登録の申し込みが多すぎます" in response.content.decode()
    assert len(mail.outbox) == sent and PendingSignup.objects.count() == pending
    other = Client(REMOTE_ADDR="192.0.2.7")  # another client is not held back
    assert signup(other, email="one-more@example.com").status_code == 302


def test_a_link_names_nothing_once_its_id_belongs_to_another_sign_up(client: Client) -> None:
    """A restore from an older backup hands the id to someone else's sign-up (another creation time): the link
    mailed for the lost one must not complete it."""
    signup(client, email="first@example.com")
    token = confirm_link("first@example.com").rstrip("/").rsplit("/", 1)[1]
    assert services.signup_link_check(token).state == "ok"
    pending = PendingSignup.objects.get()
    PendingSignup.objects.filter(pk=pending.pk).update(
        email="second@example.com", created_at=pending.created_at + dt.timedelta(seconds=1)
    )
    assert services.signup_link_check(token).state == "invalid"
    assert not User.objects.filter(email__in=["first@example.com", "second@example.com"]).exists()
