"""Sign-up, login, throttling, password reset and hashing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from bonavi.accounts.models import PendingSignup, Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "kanri-Bu-2026!"


def signup(client: Client, **over: str) -> object:
    data = {
        "account_type": "seeker",
        "email": "new@example.com",
        "display_name": "山田",
        "organization_name": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree": "on",
    }
    data.update(over)
    return client.post(reverse("accounts:signup"), data)


def confirm_link(to: str) -> str:
    """The path of the confirmation link in the last sign-up mail sent to `to`."""
    mails = [m for m in mail.outbox if m.to == [to] and "本登録" in m.subject]
    assert mails, [(m.to, m.subject) for m in mail.outbox]
    found = re.search(r"^http://\S+(/accounts/signup/confirm/\S+/)$", mails[-1].body, re.M)
    assert found is not None, mails[-1].body
    return found.group(1)


def test_seeker_signs_up_and_is_logged_in_after_opening_the_mailed_link(client: Client) -> None:
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
    assert not User.objects.exists()  # 仮登録: no account until the address is confirmed
    assert client.get(reverse("accounts:account")).status_code == 302  # not logged in
    sent = client.get(response["Location"]).content.decode()
    assert "確認メールを送信しました" in sent and "new@example.com" in sent
    path = confirm_link("new@example.com")
    page = client.get(path)
    assert "本登録を完了する" in page.content.decode()
    assert not User.objects.exists()  # opening the link alone (a mail scanner) creates nothing
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("seekers:dashboard")
    user = User.objects.get(email="new@example.com")
    assert user.role == Role.SEEKER and user.organization is None and user.display_name == "山田"
    assert user.check_password(PASSWORD)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_employer_signup_creates_its_organisation(client: Client) -> None:
    signup(client, account_type="employer", organization_name="株式会社サンプル")
    response = client.post(confirm_link("new@example.com"))
    assert response["Location"] == reverse("jobs:employer_list")
    user = User.objects.get(email="new@example.com")
    assert user.is_employer and user.organization is not None and user.organization.name == "株式会社サンプル"


def test_employer_signup_without_company_is_refused_in_japanese(client: Client) -> None:
    response = signup(client, account_type="employer")
    assert response.status_code == 422  # a refused form, as everywhere else
    assert "会社名を入力してください" in response.content.decode()
    assert not User.objects.exists() and not PendingSignup.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"email": "not-an-email"}, "メールアドレスの形式が正しくありません"),
        ({"password2": "different-Pass-1"}, "確認用のパスワードが一致しません"),
        ({"password1": "12345678901", "password2": "12345678901"}, "パスワード"),
        ({"agree": ""}, "利用目的への同意が必要です"),
        (
            {"account_type": "employer", "organization_name": "<script>alert(1)</script>株式会社"},
            "HTMLタグやスクリプトは入力できません",
        ),
        ({"display_name": "<b>山田</b>"}, "HTMLタグやスクリプトは入力できません"),
    ],
)
def test_bad_signup_is_explained_and_stores_nothing(
    client: Client, over: dict[str, str], message: str
) -> None:
    response = signup(client, **over)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not User.objects.exists() and not PendingSignup.objects.exists() and not mail.outbox


def test_refused_signup_and_login_answer_422_like_every_other_refused_form(
    client: Client, seeker: User
) -> None:
    """A refused sign-up or login answered 200, where every other form (profile, account settings, team …)
    answers 422: a script or a monitor could not tell a refusal from a page view. Showing the forms stays 200."""
    assert client.get(reverse("accounts:signup")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
    assert signup(client, agree="").status_code == 422
    wrong = client.post(reverse("accounts:login"), {"email": seeker.email, "password": "wrong-password"})
    assert wrong.status_code == 422 and "正しくありません" in wrong.content.decode()
    empty = client.post(reverse("accounts:login"), {"email": "", "password": "x"})
    assert empty.status_code == 422 and "_auth_user_id" not in client.session


def test_a_wrong_password_message_takes_the_focus_and_only_it(client: Client, seeker: User) -> None:
    """It is about neither box alone, so no field is in error and nothing was focused: a keyboard or screen-reader
    user started again at the top of the page. A box left empty keeps the focus on that box instead."""
    wrong = client.post(reverse("accounts:login"), {"email": seeker.email, "password": "wrong-password"})
    page = wrong.content.decode()
    assert page.count("autofocus") == 1
    assert re.search(
        r'<div class="alert" role="alert" tabindex="-1" autofocus><ul><li>メールアドレスまたは', page
    )
    empty = client.post(reverse("accounts:login"), {"email": seeker.email, "password": ""}).content.decode()
    assert empty.count("autofocus") == 1 and re.search(r'<input[^>]*name="password"[^>]*autofocus', empty)


def test_login_and_logout(client: Client, seeker: User) -> None:
    response = client.post(reverse("accounts:login"), {"email": seeker.email, "password": "pw-Long-enough-1"})
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 302  # back to login


def test_an_email_typed_in_full_width_is_the_same_address(client: Client, seeker: User) -> None:
    wide = seeker.email.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})  # ｓｅｅｋｅｒ＠…
    assert wide != seeker.email
    response = client.post(reverse("accounts:login"), {"email": wide, "password": "pw-Long-enough-1"})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(seeker.pk)
    other = Client()
    assert signup(other, email="ｎｅｗ＠ｅｘａｍｐｌｅ．ｃｏｍ").status_code == 302
    assert other.post(confirm_link("new@example.com")).status_code == 302
    assert User.objects.filter(email="new@example.com").exists()
    refused = signup(Client(), email="ｎｅｗ＠ｅｘａｍｐｌｅ")
    assert refused.status_code != 302 and "メールアドレスの形式が正しくありません" in refused.content.decode()


def test_login_is_throttled_after_repeated_failures(client: Client, seeker: User) -> None:
    for _ in range(5):
        response = client.post(
            reverse("accounts:login"), {"email": seeker.email, "password": "wrong-password"}
        )
        assert "正しくありません" in response.content.decode()
    # Even the right password is refused while throttled.
    response = client.post(reverse("accounts:login"), {"email": seeker.email, "password": "pw-Long-enough-1"})
    assert response.status_code == 429
    assert "しばらくログインできません" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_password_reset_by_email(client: Client, seeker: User) -> None:
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "パスワード再設定" in mail.outbox[0].subject
    link = re.search(r"http://[^\s]+/accounts/password/reset/[^\s]+/", body)
    assert link is not None
    response = client.get(urlsplit(link.group(0)).path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "Atarashii-Pass-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.check_password(new)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_throttled_login_opens_at_once_after_a_reset_by_the_mailed_link(
    client: Client, seeker: User
) -> None:
    """The throttled page sends her to 「パスワードを忘れた方」; the new password set through the link must let her
    in straight away, not after the rest of the 15 minutes the guesses at the old one started."""
    for _ in range(5):
        client.post(reverse("accounts:login"), {"email": seeker.email, "password": "wrong-password"})
    throttled = client.post(reverse("accounts:login"), {"email": seeker.email, "password": "wrong-password"})
    assert throttled.status_code == 429 and "「パスワードを忘れた方」から再設定" in throttled.content.decode()
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    assert link is not None
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    new = "Atarashii-Pass-77"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    response = client.post(reverse("accounts:login"), {"email": seeker.email, "password": new})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(seeker.pk)


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SITE_URL="https://bonavi.example.jp"
)
def test_password_reset_link_is_on_the_site_not_on_the_requests_host(client: Client, seeker: User) -> None:
    """The Host header is the requester's to choose (and behind a TLS proxy the request looks like http): a link
    built on it would send the person's reset token to another host, or over plain http."""
    client.post(reverse("accounts:password_reset"), {"email": seeker.email}, HTTP_HOST="evil.example")
    (message,) = mail.outbox
    assert "evil.example" not in message.body
    assert re.search(r"^https://bonavi\.example\.jp/accounts/password/reset/\S+/$", message.body, re.M)


def test_production_hasher_is_argon2() -> None:
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = get_hasher("argon2")
    encoded = hasher.encode("secret-value", hasher.salt())
    assert identify_hasher(encoded).algorithm == "argon2"


def test_csrf_is_enforced_on_login() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"email": "a@b.c", "password": "x"})
    assert response.status_code == 403


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_password_reset_mails_to_one_address_are_capped(client: Client, seeker: User) -> None:
    """Pressing 「送信する」 again and again (or a script doing it) must not flood the person's inbox."""
    from bonavi.accounts.services import PASSWORD_RESET_LIMIT

    for _ in range(PASSWORD_RESET_LIMIT + 3):
        response = client.post(reverse("accounts:password_reset"), {"email": seeker.email.upper()})
        # The page answers the same every time, so it tells nobody whether the address is registered.
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == PASSWORD_RESET_LIMIT
    assert {m.to[0] for m in mail.outbox} == {seeker.email}


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_password_reset_requests_from_one_client_are_capped_whatever_addresses_they_name(
    client: Client, seeker: User
) -> None:
    """The per-address cap let one client have us mail a link to every address of a list (security audit s22, ADR
    0163): past the per-client cap the page says so, in Japanese, and nothing is sent — for a registered address too,
    so the refusal tells nothing about which are."""
    from bonavi.accounts.services import PASSWORD_RESET_CLIENT_LIMIT

    for n in range(PASSWORD_RESET_CLIENT_LIMIT):
        response = client.post(reverse("accounts:password_reset"), {"email": f"list-{n}@spam.example"})
        assert response.status_code == 302, n
    response = client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert response.status_code == 429
    assert "この接続からの再設定の申し込みが多すぎます" in response.content.decode()
    assert not mail.outbox
    # Another client is not held back by this one.
    other = Client(REMOTE_ADDR="198.51.100.7")
    response = other.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert response.status_code == 302 and [m.to for m in mail.outbox] == [[seeker.email]]


def test_address_typed_in_the_admin_is_kept_lower_cased_so_login_and_sign_up_find_the_account(
    client: Client, operator: User
) -> None:
    """Login and sign-up lower-case what is typed; an account the operator adds or edits with 「Taro@Example.COM」
    must be stored the same way, or its owner can never log in and sign-up makes a second account for the inbox."""
    client.force_login(operator)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Taro@Example.COM",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": "seeker",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    added = User.objects.get(role=Role.SEEKER)
    assert added.email == "taro@example.com"
    response = client.post(
        reverse("admin:accounts_user_change", args=[added.pk]),
        {"email": "TARO@example.com", "display_name": "", "role": "seeker", "is_active": "on"},
    )
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    added.refresh_from_db()
    assert added.email == "taro@example.com"
    client.logout()
    response = client.post(reverse("accounts:login"), {"email": "taro@example.com", "password": PASSWORD})
    assert response.status_code == 302
    signup(Client(), email="taro@example.com")
    assert not PendingSignup.objects.filter(email="taro@example.com").exists()


def test_names_are_kept_on_one_line(client: Client) -> None:
    """A name is one line on every page and in mail headers: a line break (or control character) sent with the form
    is folded into a space, not stored to surface in a company name, a team list or a mail subject."""
    signup(
        client,
        account_type="employer",
        email="boss@example.com",
        display_name="山田\r\n太郎",
        organization_name="株式会社\r\nBcc: evil@example.net\x0b商事",
    )
    pending = PendingSignup.objects.get(email="boss@example.com")
    assert (pending.display_name, pending.organization_name) == (
        "山田 太郎",
        "株式会社 Bcc: evil@example.net 商事",
    )
    user = User.objects.create_user(email="named@example.com", password=PASSWORD)
    client.force_login(user)
    response = client.post(reverse("accounts:display_name"), {"display_name": "佐藤\n花子\t"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "佐藤 花子"
    client.post(reverse("accounts:display_name"), {"display_name": "ﾔﾏﾀﾞ ｼﾞﾛｳ｡ ＡＢＣ"})
    user.refresh_from_db()
    assert user.display_name == "ヤマダ ジロウ。 ＡＢＣ"  # kana widened, full-width letters as typed
