"""Account settings (ADR 0077): パスワード変更, メールアドレス変更 (confirmed by the new address, never telling
whether an address is registered) and 表示名."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from bonavi.accounts import services
from bonavi.accounts.models import ApiToken, LoginAttempt, Role, User
from bonavi.accounts.signals import account_notice
from bonavi.core.ratelimit import TYPED_ADDRESS_MAIL_LIMIT
from bonavi.notifications.tests.smtp import free_port, send_by_smtp

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Long-enough-1"  # the conftest users' password
NEW_PASSWORD = "Shin-Pass-2026!"


def _logged_in(user: User, password: str = PASSWORD) -> Client:
    client = Client()
    assert client.login(username=user.email, password=password)
    return client


def _down(settings: Any) -> None:
    send_by_smtp(settings, free_port())  # a port nobody listens on


@pytest.fixture
def notices() -> Iterator[list[dict[str, Any]]]:
    """The account notices handed to the outbox, as accounts hands them over (the `account_notice` signal). Their
    delivery over SMTP, retries included, is tested in notifications/tests/test_account_notices.py."""
    handed: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:  # None: only the outbox's own receiver counts as queueing
        handed.append(kwargs)

    account_notice.connect(listen, dispatch_uid="test-account-notices")
    yield handed
    account_notice.disconnect(dispatch_uid="test-account-notices")


# パスワード変更 ------------------------------------------------------------------------------------------------


def _change_password(
    client: Client, current: str = PASSWORD, new: str = NEW_PASSWORD, again: str = ""
) -> Any:
    data = {"current_password": current, "new_password1": new, "new_password2": again or new}
    return client.post(reverse("accounts:password_change"), data)


def test_password_change_keeps_this_session_ends_the_others_and_tells_the_owner(
    seeker: User, notices: list[dict[str, Any]]
) -> None:
    here, elsewhere = _logged_in(seeker), _logged_in(seeker)
    assert elsewhere.get(reverse("accounts:account")).status_code == 200
    response = _change_password(here)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    assert "パスワードを変更しました" in here.get(response["Location"]).content.decode()
    # This browser is still logged in; the other one is sent to the login page on its next request.
    assert here.get(reverse("accounts:account")).status_code == 200
    other = elsewhere.get(reverse("accounts:account"))
    assert other.status_code == 302 and other["Location"].startswith(reverse("accounts:login"))
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD) and not seeker.check_password(PASSWORD)

    (notice,) = notices
    assert notice["user"] == seeker and notice["to_email"] == seeker.email
    assert notice["subject"] == "【BOナビ】パスワードが変更されました"
    assert "心当たりがない場合" in notice["body"] and "/accounts/password/reset/" in notice["body"]
    assert NEW_PASSWORD not in notice["body"] and PASSWORD not in notice["body"]
    assert not mail.outbox  # queued, not sent while the person waits


def test_a_wrong_current_password_changes_nothing_and_is_throttled_like_a_login(
    seeker: User, settings: Any
) -> None:
    client = _logged_in(seeker)
    response = _change_password(client, current="not-my-password")
    assert response.status_code == 422 and "現在のパスワードが正しくありません" in response.content.decode()
    assert LoginAttempt.objects.filter(email=seeker.email).count() == 1
    for _ in range(settings.LOGIN_THROTTLE_LIMIT - 1):
        _change_password(client, current="still-guessing")
    # Past the login limit even the right password is refused, so a borrowed session cannot guess it here.
    response = _change_password(client)
    assert response.status_code == 429 and services.THROTTLED_MESSAGE in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD) and not mail.outbox
    # The same counter as the login form: logging in is refused too.
    login = Client().post(reverse("accounts:login"), {"email": seeker.email, "password": PASSWORD})
    assert login.status_code == 429


@pytest.mark.parametrize(
    ("new", "again", "message"),
    [
        ("short1A", "", "短すぎます"),
        ("1234567890123", "", "数字だけのパスワードは使えません"),
        ("password1234", "", "よく使われていて推測されやすいパスワードです"),
        (NEW_PASSWORD, "Different-Pass-9", "確認用のパスワードが一致しません"),
        ("", "", "新しいパスワードを入力してください。"),
    ],
    ids=["short", "numeric", "common", "mismatch", "empty"],
)
def test_a_weak_or_mismatched_new_password_is_explained_in_japanese(
    seeker: User, new: str, again: str, message: str
) -> None:
    response = _change_password(_logged_in(seeker), new=new, again=again or new)
    assert response.status_code == 422 and message in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD) and not mail.outbox


def test_a_password_change_does_not_wait_for_the_mail_server(
    seeker: User, settings: Any, notices: list[dict[str, Any]]
) -> None:
    _down(settings)
    response = _change_password(_logged_in(seeker))
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD) and len(notices) == 1


def test_a_change_nobody_would_be_told_about_is_not_saved(
    seeker: User, monkeypatch: pytest.MonkeyPatch, notices: list[dict[str, Any]]
) -> None:
    # Only receivers that return None (this test's listener): no outbox would queue the notice.
    mine = [r for r in account_notice.receivers if r[0][0] == "test-account-notices"]
    monkeypatch.setattr(account_notice, "receivers", mine)
    with pytest.raises(ImproperlyConfigured):
        services.password_set(user=seeker, new_password=NEW_PASSWORD)
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD) and len(notices) == 1


def test_a_password_set_through_the_reset_link_is_announced_too(
    client: Client, seeker: User, notices: list[dict[str, Any]]
) -> None:
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    (reset_mail,) = mail.outbox
    found = re.search(r"^http://\S+(/accounts/password/reset/\S+/)$", reset_mail.body, re.M)
    assert found is not None and not notices
    form_url = client.get(found.group(1), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD)
    (notice,) = notices
    assert notice["to_email"] == seeker.email and notice["subject"] == "【BOナビ】パスワードが変更されました"


def test_a_new_password_ends_the_api_tokens_too(
    client: Client, seeker: User, notices: list[dict[str, Any]]
) -> None:
    """A token issued by whoever had the old password stopped working with the sessions, not after: taking the
    account back with the reset link left it reading her data through the API (security audit s22, ADR 0163)."""
    _, stolen = ApiToken.issue(user=seeker, name="攻撃者")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {stolen}"}
    assert Client().get("/api/v1/me/profile", **bearer).status_code == 200
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    (reset_mail,) = mail.outbox
    found = re.search(r"^http://\S+(/accounts/password/reset/\S+/)$", reset_mail.body, re.M)
    assert found is not None
    form_url = client.get(found.group(1), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert Client().get("/api/v1/me/profile", **bearer).status_code == 401
    assert not ApiToken.objects.filter(user=seeker).exists()
    (notice,) = notices
    assert "発行済みのAPIトークン（1件）も無効になりました" in notice["body"]
    # With no token there is nothing to say of them.
    _change_password(_logged_in(seeker, NEW_PASSWORD), current=NEW_PASSWORD, new="Mou-Ichido-2026!")
    assert "APIトークン" not in notices[1]["body"]


def test_a_password_the_operator_sets_in_the_admin_is_announced(
    seeker: User, operator: User, notices: list[dict[str, Any]]
) -> None:
    ops = Client()
    ops.force_login(operator)
    url = f"/admin/accounts/user/{seeker.pk}/password/"
    data = {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = ops.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD)
    (notice,) = notices
    assert notice["to_email"] == seeker.email and notice["subject"] == "【BOナビ】パスワードが変更されました"
    # Switching password login off is not a new password: nothing to announce.
    assert ops.post(url, {"usable_password": "false", "unset-password": "1"}).status_code == 302
    seeker.refresh_from_db()
    assert not seeker.has_usable_password() and len(notices) == 1


def test_the_settings_pages_need_a_login(client: Client) -> None:
    for name in ("password_change", "email_change", "email_change_sent", "display_name"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert _change_password(client).status_code == 302 and not mail.outbox


def test_the_account_page_links_to_the_settings(seeker: User) -> None:
    page = _logged_in(seeker).get(reverse("accounts:account")).content.decode()
    for name in ("password_change", "email_change", "display_name"):
        assert f'href="{reverse(f"accounts:{name}")}"' in page


# メールアドレス変更 --------------------------------------------------------------------------------------------


def _ask(client: Client, new_email: str = "new@example.jp", password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:email_change"), {"new_email": new_email, "password": password})


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _link(to: str) -> str:
    """The path of the confirmation link in the last e-mail-change mail sent to `to`."""
    mails = [m for m in mail.outbox if m.to == [to] and "メールアドレス変更の確認" in m.subject]
    assert mails, [(m.to, m.subject) for m in mail.outbox]
    found = re.search(r"^http://\S+(/accounts/email/confirm/\S+/)$", mails[-1].body, re.M)
    assert found is not None, mails[-1].body
    return found.group(1)


def test_the_address_changes_only_when_the_new_address_confirms(
    seeker: User, notices: list[dict[str, Any]]
) -> None:
    client = _logged_in(seeker)
    response = _ask(client, "ＮＥＷ＠example.jp")  # typed with the IME on: the same address
    assert response.status_code == 302 and response["Location"] == reverse("accounts:email_change_sent")
    assert "確認メールを送信しました" in client.get(response["Location"]).content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"  # nothing changed yet

    path = _link("new@example.jp")
    page = client.get(path)  # opening the link (or a mail scanner fetching it) changes nothing
    assert page.status_code == 200 and "変更を完了する" in page.content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"

    done = client.post(path)
    assert done.status_code == 302 and done["Location"] == reverse("accounts:account")
    assert "new@example.jp に変更しました" in client.get(done["Location"]).content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "new@example.jp"

    (notice,) = notices
    assert notice["to_email"] == "seeker@test.example" and notice["user"] == seeker
    assert notice["subject"] == "【BOナビ】メールアドレスが変更されました"
    assert "ne***@ex***.jp" in notice["body"] and "new@example.jp" not in notice["body"]
    assert "お心当たりがない場合" in notice["body"]
    # The login moved with it.
    assert Client().login(username="new@example.jp", password=PASSWORD)
    assert not Client().login(username="seeker@test.example", password=PASSWORD)
    # The link is used up.
    again = client.post(path)
    assert again.status_code == 200 and "使用済みか、正しくありません" in again.content.decode()
    assert len(mail.outbox) == 1 and len(notices) == 1


def test_a_registered_address_gets_the_same_page_and_a_notice_instead_of_a_link(
    seeker: User, employer: User
) -> None:
    free_client, taken_client = _logged_in(seeker), _logged_in(seeker)
    free, taken = _ask(free_client, "free@example.jp"), _ask(taken_client, employer.email.upper())
    assert (free.status_code, free["Location"]) == (taken.status_code, taken["Location"])
    free_page = _without_csrf(free_client.get(free["Location"]).content.decode())
    taken_page = _without_csrf(taken_client.get(taken["Location"]).content.decode())
    assert free_page.replace("free@example.jp", "@") == taken_page.replace(employer.email, "@")

    link_mail, notice = mail.outbox
    assert link_mail.to == ["free@example.jp"] and "/accounts/email/confirm/" in link_mail.body
    assert notice.to == [employer.email] and "このアドレスは既に登録されています" in notice.body
    assert "/accounts/email/confirm/" not in notice.body and seeker.email not in notice.body
    seeker.refresh_from_db()
    employer.refresh_from_db()
    assert (seeker.email, employer.email) == ("seeker@test.example", "hr@test.example")


def test_the_link_works_only_for_the_account_that_asked(seeker: User, employer: User) -> None:
    _ask(_logged_in(seeker))
    path = _link("new@example.jp")
    # Another account's session: refused, without showing the address.
    stranger = _logged_in(employer)
    for response in (stranger.get(path), stranger.post(path)):
        assert (
            response.status_code == 200
            and "変更を申し込んだアカウントでログイン" in response.content.decode()
        )
        assert "new@example.jp" not in response.content.decode()
    # Nobody logged in (e.g. whoever reads the new mailbox when it is not the account holder's): asked to log in.
    anonymous = Client()
    for response in (anonymous.get(path), anonymous.post(path)):
        body = response.content.decode()
        assert response.status_code == 200 and "ログインしてください" in body and "new@example.jp" not in body
        assert f"{reverse('accounts:login')}?next={quote(path)}" in body
    seeker.refresh_from_db()
    employer.refresh_from_db()
    assert (seeker.email, employer.email) == ("seeker@test.example", "hr@test.example")
    # After logging in as the account that asked, the link works.
    login = anonymous.post(
        reverse("accounts:login"), {"email": seeker.email, "password": PASSWORD, "next": path}
    )
    assert login["Location"] == path
    assert anonymous.post(path).status_code == 302
    seeker.refresh_from_db()
    assert seeker.email == "new@example.jp"


def test_an_expired_link_is_explained_and_changes_nothing(
    seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _logged_in(seeker)
    _ask(client)
    path = _link("new@example.jp")
    later = time.time() + services.EMAIL_CHANGE_LINK_HOURS * 3600 + 5
    monkeypatch.setattr(services.signing.time, "time", lambda: later)
    response = client.post(path)
    assert (
        response.status_code == 200
        and "有効期限（送信から24時間）が切れています" in response.content.decode()
    )
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"


def test_a_link_just_inside_its_day_still_works(seeker: User, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _logged_in(seeker)
    _ask(client)
    path = _link("new@example.jp")
    later = time.time() + services.EMAIL_CHANGE_LINK_HOURS * 3600 - 60
    monkeypatch.setattr(services.signing.time, "time", lambda: later)
    assert client.post(path).status_code == 302


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # the signature
        lambda t: "W1sxLCJtZUBldmlsLmV4YW1wbGUiXV0" + t[t.index(":") :],  # the payload swapped
        lambda t: "not-a-token",
    ],
    ids=["signature", "payload", "garbage"],
)
def test_an_altered_link_is_refused(seeker: User, tamper: Any) -> None:
    client = _logged_in(seeker)
    _ask(client)
    token = _link("new@example.jp").split("/")[-2]
    response = client.post(reverse("accounts:email_change_confirm", args=[tamper(token)]))
    assert response.status_code == 200 and "使用済みか、正しくありません" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"


def test_a_sign_up_link_is_not_an_address_change_link(client: Client, seeker: User) -> None:
    # Same signing key, other salt: a token made for one purpose is refused by the other.
    from django.core import signing

    token = signing.TimestampSigner(salt="bonavi.accounts.signup-confirm").sign_object(
        [seeker.pk, "new@example.jp", "x" * 24], compress=False
    )
    response = _logged_in(seeker).post(reverse("accounts:email_change_confirm", args=[token]))
    assert "使用済みか、正しくありません" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"


def test_a_later_change_or_a_new_password_voids_the_outstanding_links(seeker: User) -> None:
    client = _logged_in(seeker)
    _ask(client, "first@example.jp")
    _ask(client, "second@example.jp")
    first, second = _link("first@example.jp"), _link("second@example.jp")
    assert client.post(second).status_code == 302
    # The other link was for the account as it was: the address has changed since.
    assert "使用済みか、正しくありません" in client.post(first).content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "second@example.jp"

    _ask(client, "third@example.jp")
    third = _link("third@example.jp")
    assert _change_password(client).status_code == 302
    # The password changed since it was asked for.
    assert "使用済みか、正しくありません" in client.post(third).content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "second@example.jp"


def test_an_address_registered_after_the_request_is_checked_again_at_completion(
    seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _logged_in(seeker)
    _ask(client)
    path = _link("new@example.jp")
    User.objects.create_user(email="new@example.jp", password=PASSWORD, role=Role.SEEKER)
    response = client.post(path)
    assert response.status_code == 200 and "ほかのアカウントで登録された" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.email == "seeker@test.example"


def test_a_race_for_the_address_is_settled_by_the_unique_constraint(
    seeker: User, monkeypatch: pytest.MonkeyPatch, notices: list[dict[str, Any]]
) -> None:
    client = _logged_in(seeker)
    _ask(client)
    path = _link("new@example.jp")
    User.objects.create_user(email="new@example.jp", password=PASSWORD, role=Role.SEEKER)
    # As if the check ran a moment before the other account was created: the save hits the unique address.
    monkeypatch.setattr(
        services,
        "email_change_link_check",
        lambda token, user: services.EmailChangeLink("ok", "new@example.jp", seeker.email),
    )
    response = client.post(path)
    assert response.status_code == 200 and "ほかのアカウントで登録された" in response.content.decode()
    assert User.objects.get(pk=seeker.pk).email == "seeker@test.example"
    assert not notices  # no 「変更されました」 notice for a change that did not happen


def test_a_wrong_password_sends_nothing_and_is_throttled(seeker: User, settings: Any) -> None:
    client = _logged_in(seeker)
    response = _ask(client, password="not-my-password")
    assert response.status_code == 422 and "現在のパスワードが正しくありません" in response.content.decode()
    for _ in range(settings.LOGIN_THROTTLE_LIMIT - 1):
        _ask(client, password="still-guessing")
    response = _ask(client)
    assert response.status_code == 429 and services.THROTTLED_MESSAGE in response.content.decode()
    assert not mail.outbox


def test_bad_input_is_explained_and_sends_nothing(seeker: User) -> None:
    client = _logged_in(seeker)
    for new_email, message in [
        ("not-an-address", "メールアドレスの形式が正しくありません"),
        ("", "新しいメールアドレスを入力してください。"),
        ("SEEKER@test.example", "現在のメールアドレスと同じです"),
    ]:
        response = _ask(client, new_email)
        assert response.status_code == 422 and message in response.content.decode(), new_email
    assert not mail.outbox


@pytest.mark.parametrize("registered", [False, True], ids=["new", "registered"])
def test_mails_to_one_address_are_capped_and_the_page_stays_the_same(
    seeker: User, employer: User, registered: bool
) -> None:
    client = _logged_in(seeker)
    target = employer.email if registered else "new@example.jp"
    for _ in range(TYPED_ADDRESS_MAIL_LIMIT + 2):
        response = _ask(client, target)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:email_change_sent")
    assert len(mail.outbox) == TYPED_ADDRESS_MAIL_LIMIT and {m.to[0] for m in mail.outbox} == {target}


@pytest.mark.parametrize("registered", [False, True], ids=["new", "registered"])
def test_a_mail_server_that_is_down_gets_a_japanese_message_not_a_500(
    seeker: User, employer: User, registered: bool, settings: Any
) -> None:
    _down(settings)
    response = _ask(_logged_in(seeker), employer.email if registered else "new@example.jp")
    assert response.status_code == 503 and "確認メールを送信できませんでした" in response.content.decode()


def test_an_employer_is_told_the_company_contact_address_did_not_change(employer: User) -> None:
    employer.organization.email = employer.email
    employer.organization.save()
    client = _logged_in(employer)
    _ask(client, "saiyo@test.example")
    page = client.post(_link("saiyo@test.example"), follow=True).content.decode()
    assert "連絡先メール」は以前のアドレスのままです" in page
    employer.organization.refresh_from_db()
    assert employer.organization.email == "hr@test.example"


def test_the_masked_address_shows_a_little_of_each_part() -> None:
    assert services.email_mask("taro.yamada@gmail.com") == "ta***@gm***.com"
    assert services.email_mask("a@b.co.jp") == "a***@b.***.jp"
    assert services.email_mask("x@localhost") == "x***@lo***"


# 表示名 --------------------------------------------------------------------------------------------------------


def test_the_display_name_can_be_changed_and_cleared(seeker: User) -> None:
    client = _logged_in(seeker)
    response = client.post(reverse("accounts:display_name"), {"display_name": "  山田 花子 "})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.display_name == "山田 花子"
    assert 'value="山田 花子"' in client.get(reverse("accounts:display_name")).content.decode()
    assert "山田 花子" in client.get(reverse("accounts:account")).content.decode()
    client.post(reverse("accounts:display_name"), {"display_name": ""})
    seeker.refresh_from_db()
    assert seeker.display_name == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [("<b>山田</b>", "HTMLタグ"), ("山" * 101, "100 文字以下")],
    ids=["markup", "too-long"],
)
def test_a_bad_display_name_is_explained_and_not_stored(seeker: User, name: str, message: str) -> None:
    seeker.display_name = "山田"
    seeker.save()
    response = _logged_in(seeker).post(reverse("accounts:display_name"), {"display_name": name})
    assert response.status_code == 422 and message in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.display_name == "山田"
