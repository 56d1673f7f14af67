"""Signals later apps listen to (accounts never imports a later app).

`user_signed_up` is sent inside the sign-up transaction with the new user and `agreed` (the purpose-of-use
consent box), so that e.g. the consent record is written atomically with the account.
"""

from django.dispatch import Signal

user_signed_up = Signal()  # sender=User, user=User, agreed=bool

# Sent by the sign-up confirmation's POST (CSRF-checked) once the new account is logged in, with `next_url`: the page
# the sign-up began from, as stored with the pending sign-up that the signed, one-time link names — never read from
# the request, so nothing in the link or the POST can change it. A later app finishes there what the visitor began
# before signing up (the ☆ of a posting, ADR 0136).
user_signup_confirmed = Signal()  # sender=User, request=HttpRequest, user=User, next_url=str

# Sent inside the transaction that changes a user's login address (ADR 0077), so that copies of the address kept
# by later apps (mail queued but not yet sent) follow it atomically.
user_email_changed = Signal()  # sender=User, user=User (already saved with the new address), old_email=str

# Sent inside the transaction of a change to the account's login (a new password, a new address), ADR 0077: the
# notice about it is queued with the change, and the outbox of a later app delivers it, retrying a mail server
# that refuses. A receiver that queued it returns something other than None; accounts refuses to save the change
# when nobody did, since the notice would otherwise be lost without a trace.
account_notice = Signal()  # sender=User, user=User, to_email=str, subject=str, body=str
