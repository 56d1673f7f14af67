"""退会 erases the person's own mail records and nobody else's, although an address can change owner: a login
address can be changed (ADR 0077) and a deleted account's address can be signed up again."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.accounts.signals import user_email_changed
from bonavi.notifications.models import MessageKind, MessageStatus, OutboxMessage
from bonavi.notifications.services import message_queue
from bonavi.seekers import mydata

pytestmark = pytest.mark.django_db

X, Y = "x@example.jp", "y@example.jp"


def _mail(user: User | None, to: str, subject: str, *, sent: bool = True) -> OutboxMessage:
    message = message_queue(
        kind=MessageKind.APPLICATION, to_email=to, subject=subject, body="本文", user=user
    )
    if sent:
        OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENT)
    return message


def _change_address(user: User, new: str) -> None:
    old = user.email
    user.email = new
    user.save(update_fields=["email"])
    user_email_changed.send(sender=User, user=user, old_email=old)


def _subjects() -> set[str]:
    return set(OutboxMessage.objects.values_list("subject", flat=True))


@pytest.fixture
def a_then_b() -> tuple[User, User]:
    """A got mail at x@, moved to y@ and got mail there; B then signed up with x@ and got mail too."""
    a = User.objects.create_user(email=X, password="pw-Long-enough-1", role=Role.SEEKER)
    _mail(a, X, "Aへ（変更前）")
    _change_address(a, Y)
    _mail(a, Y, "Aへ（変更後）")
    b = User.objects.create_user(email=X, password="pw-Long-enough-1", role=Role.SEEKER)
    _mail(b, X, "Bへ")
    return a, b


def test_deleting_the_new_holder_of_an_address_keeps_the_former_holders_mail(
    a_then_b: tuple[User, User],
) -> None:
    _, b = a_then_b
    mydata.account_delete(user=b)
    assert _subjects() == {"Aへ（変更前）", "Aへ（変更後）", "【BOナビ】退会手続きが完了しました"}


def test_deleting_the_former_holder_erases_its_mail_at_both_addresses(a_then_b: tuple[User, User]) -> None:
    a, _ = a_then_b
    mydata.account_delete(user=a)
    assert _subjects() == {"Bへ", "【BOナビ】退会手続きが完了しました"}
    assert OutboxMessage.objects.get(subject="【BOナビ】退会手続きが完了しました").to_email == Y


def test_unlinked_mail_counts_only_from_when_the_account_held_the_address() -> None:
    # A deleted account's 退会 notice (no user link) still waiting for x@ when B signs up with x@: not B's.
    a = User.objects.create_user(email=X, password="pw-Long-enough-1", role=Role.SEEKER)
    mydata.account_delete(user=a)
    b = User.objects.create_user(email=X, password="pw-Long-enough-1", role=Role.SEEKER)
    _mail(None, X, "Bの時期・リンクなし", sent=False)
    mydata.account_delete(user=b)
    notices = OutboxMessage.objects.filter(subject="【BOナビ】退会手続きが完了しました", to_email=X)
    assert notices.count() == 2  # A's is kept (B's erasure must not cancel it), and B's own
    assert "Bの時期・リンクなし" not in _subjects()
