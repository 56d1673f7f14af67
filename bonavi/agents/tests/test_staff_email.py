"""Adding a staff member: an address typed with the IME on (Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＣＯＭ) is the same address as
taro@example.com, whether it comes through the 事業所とスタッフ form or straight to the service."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Staff
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db


def test_full_width_address_is_the_same_account_in_the_service(setup) -> None:
    staff = services.staff_add(
        user=setup.boss, office=setup.office, email="Ｔａｒｏ@Example.COM", display_name="太郎"
    )
    assert staff.user.email == "taro@example.com"
    # The same person typed the other way round is that account, not a second one.
    with pytest.raises(services.AgentError, match="登録済み"):
        services.staff_add(
            user=setup.boss, office=setup.office, email="taro@example.com", display_name="太郎"
        )
    assert User.objects.filter(email__iexact="taro@example.com").count() == 1


def test_full_width_address_of_an_existing_account_finds_it(setup, seeker: User) -> None:
    # seeker@test.example typed in full width is the seeker's account: refused, no second account made.
    with pytest.raises(services.AgentError, match="求職者・採用担当として登録済み"):
        services.staff_add(
            user=setup.boss,
            office=setup.office,
            email="ＳＥＥＫＥＲ＠ｔｅｓｔ．ｅｘａｍｐｌｅ",
            display_name="x",
        )
    assert User.objects.filter(email__iexact="seeker@test.example").count() == 1
    # An agent account of the agency without a staff row (e.g. made in the admin) is linked, not duplicated.
    loose = User.objects.create_user(
        email="hanako@example.com", password=None, role=Role.AGENT, organization=setup.agency.organization
    )
    staff = services.staff_add(
        user=setup.boss,
        office=setup.office,
        email="ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ",
        display_name="花子",
    )
    assert staff.user == loose


@pytest.mark.parametrize("typed", ["", "taro＠", "太郎@example.com"])
def test_a_bad_address_is_refused_in_japanese_and_nothing_is_stored(setup, typed: str) -> None:
    before = (User.objects.count(), Staff.objects.count())
    with pytest.raises(services.AgentError) as caught:
        services.staff_add(user=setup.boss, office=setup.office, email=typed, display_name="太郎")
    assert "メールアドレス" in caught.value.errors["email"][0]
    assert (User.objects.count(), Staff.objects.count()) == before


def test_the_offices_page_form_adds_the_full_width_address_lower_cased(setup) -> None:
    client = Client()
    client.force_login(setup.boss)
    response = client.post(
        "/agent/offices/",
        {
            "action": "add",
            "add-email": "Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＣＯＭ",
            "add-display_name": "太郎",
            "add-office": str(setup.office.pk),
            "add-is_career_adviser": "on",
        },
    )
    assert response.status_code == 302
    assert Staff.objects.filter(user__email="taro@example.com", office=setup.office).exists()


@pytest.mark.parametrize("linked", [False, True])
def test_an_existing_account_added_as_staff_is_told_where_to_log_in(
    setup, settings, smtp_inbox, linked
) -> None:
    """An AGENT account without an organisation (or already the agency's) is linked, not invited: it has a
    password, so its mail gives the login page, the office and the roles — not the password-reset page."""
    User.objects.create_user(
        email="hanako@example.com",
        password="pw-Long-enough-1",
        role=Role.AGENT,
        organization=setup.agency.organization if linked else None,
        display_name="山本花子",
    )
    OutboxMessage.objects.all().delete()
    services.staff_add(
        user=setup.boss,
        office=setup.office,
        email="hanako@example.com",
        display_name="花子",
        is_recruiting_adviser=True,
    )
    assert outbox_drain().sent == 1
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == "hanako@example.com"
    assert str(mail["Subject"]).strip() == "【BOナビ】株式会社みなとキャリアのスタッフとして登録されました"
    lines = text_of(mail).replace("\r\n", "\n").splitlines()
    assert lines[0] == "山本花子 様"
    assert (
        "株式会社みなとキャリア 本社のスタッフ（キャリアアドバイザー・リクルーティングアドバイザー）として登録されました。"
        in lines
    )
    assert settings.SITE_URL + reverse("accounts:login") in lines
    assert reverse("accounts:password_reset") not in "\n".join(lines)
    assert not any("パスワードを設定" in line for line in lines)
    assert "--" in lines  # signed like the others


def test_a_new_account_is_invited_to_set_a_password_in_the_same_mail(setup, settings) -> None:
    """The invitation is the existing account's mail with the other way in: the password-reset page. The greeting
    is one line whatever was typed as the name, and both say whom to ask when the mail is unexpected."""
    OutboxMessage.objects.all().delete()
    services.staff_add(
        user=setup.boss, office=setup.office, email="jiro@example.com", display_name="山本\n次郎"
    )
    lines = OutboxMessage.objects.get(to_email="jiro@example.com").body_text.splitlines()
    assert lines[0] == "山本 次郎 様"
    assert "株式会社みなとキャリア 本社のスタッフ（キャリアアドバイザー）として登録されました。" in lines
    assert "次のページでこのメールアドレスを入力し、パスワードを設定してからログインしてください。" in lines
    assert settings.SITE_URL + reverse("accounts:password_reset") in lines
    assert reverse("accounts:login") not in "\n".join(lines)
    assert "お心当たりがない場合は、株式会社みなとキャリアの職業紹介責任者にお問い合わせください。" in lines
