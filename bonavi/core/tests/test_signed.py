"""core.signed: the one signed-id token of mailed links (sign-up, team and candidate invitations, unsubscribe).
Links mailed before it existed keep working: the format is the one those callers wrote themselves."""

from __future__ import annotations

from django.core import signing
from django.test import override_settings

from bonavi.core.signed import sign_ids, signed_ids


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
    assert sign_ids(tokens._SALT, 3, 0) == "WzMsMF0:t8xBYAEnJb6DWooRG6Nqr6zy8DnMpCOpeVNq3C_m_ZU"
