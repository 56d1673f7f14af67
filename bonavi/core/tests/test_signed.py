"""core.signed: the one signed-id token of mailed links (sign-up, team and candidate invitations, unsubscribe).
Links mailed before it existed keep working: the format is the one those callers wrote themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from bonavi.accounts.models import PendingSignup
from bonavi.core.signed import LEGACY_ROW_TOKENS_BEFORE, sign_ids, sign_row, signed_ids, signed_row


def test_the_format_is_the_one_already_mailed() -> None:
    assert sign_ids("bonavi.accounts.signup-confirm", 7) == signing.Signer(
        salt="bonavi.accounts.signup-confirm"
    ).sign_object([7], compress=False)
    assert sign_ids("bonavi.notifications.unsubscribe", 3, 0) == signing.Signer(
        salt="bonavi.notifications.unsubscribe"
    ).sign_object([3, 0], compress=False)


def test_only_an_unaltered_token_of_the_same_salt_and_shape_is_read() -> None:
    token = sign_ids("a", 12)
    assert signed_ids("a", token, count=1) == (12,)
    assert signed_ids("b", token, count=1) is None  # another purpose's token
    assert signed_ids("a", token + "x", count=1) is None
    assert signed_ids("a", token, count=2) is None
    assert signed_ids("a", "", count=1) is None
    for odd in ([True], [-1], ["1"], {"id": 1}):
        assert signed_ids("a", signing.Signer(salt="a").sign_object(odd, compress=False), count=1) is None


@override_settings(SECRET_KEY="pinned-test-key")
def test_the_mailed_links_tokens_are_pinned() -> None:
    """Literal tokens with each caller's own salt: renaming a salt, or a change of the format, would break every link
    already mailed (sign-up confirmation, team invitation, unsubscribe), and fails here."""
    from bonavi.accounts import services as accounts
    from bonavi.notifications import tokens

    assert sign_ids(accounts._SIGNUP_SALT, 7) == "Wzdd:8bU9mXHxY10AXMX3qcKCCNFyqLyVOf-8pJ_uwyNtSEk"
    assert sign_ids(accounts._TEAM_INVITE_SALT, 5) == "WzVd:RCjEgj0uT9QL-yfhK1CJ9qBLf_Pvv0Jjs_IlZ7wAW88"
    made = PendingSignup(pk=7, created_at=dt.datetime(2026, 12, 1, 3, 4, 5, 678901, tzinfo=dt.UTC))
    assert sign_row(accounts._SIGNUP_SALT, made) == sign_ids(accounts._SIGNUP_SALT, 7, 1_796_094_245_678_901)
    assert sign_ids(tokens._SALT, 3, 0) == "WzMsMF0:t8xBYAEnJb6DWooRG6Nqr6zy8DnMpCOpeVNq3C_m_ZU"


def _pending(email: str, **over: object) -> PendingSignup:
    return PendingSignup.objects.create(email=email, password_hash="x", role="seeker", agreed=True, **over)


@pytest.mark.django_db
def test_a_row_token_names_only_the_row_it_was_made_for() -> None:
    """After a restore from an older backup the id comes back for another row: the link must name nothing."""
    first = _pending("a@example.com")
    token = sign_row("s", first)
    assert signed_row("s", token, PendingSignup.objects.all()) == first
    assert signed_row("t", token, PendingSignup.objects.all()) is None  # another purpose's salt
    pk = first.pk
    first.delete()
    reused = _pending("b@example.com", pk=pk)
    assert reused.pk == pk
    assert signed_row("s", token, PendingSignup.objects.all()) is None
    assert signed_row("s", sign_row("s", reused), PendingSignup.objects.all()) == reused
    # The queryset still decides: a row outside it is not found through a valid token.
    assert signed_row("s", sign_row("s", reused), PendingSignup.objects.exclude(pk=pk)) is None


@pytest.mark.django_db
def test_an_id_only_token_mailed_before_the_change_works_for_rows_made_before_it() -> None:
    old = _pending("old@example.com", created_at=LEGACY_ROW_TOKENS_BEFORE - dt.timedelta(hours=2))
    new = _pending("new@example.com", created_at=max(timezone.now(), LEGACY_ROW_TOKENS_BEFORE))
    assert signed_row("s", sign_ids("s", old.pk), PendingSignup.objects.all()) == old
    assert signed_row("s", sign_ids("s", new.pk), PendingSignup.objects.all()) is None
    for odd in (sign_ids("s", old.pk, 1, 2), sign_ids("s"), "", "junk"):
        assert signed_row("s", odd, PendingSignup.objects.all()) is None
