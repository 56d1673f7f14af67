"""Signals later apps listen to (accounts never imports a later app).

`user_signed_up` is sent inside the sign-up transaction with the new user and `agreed` (the purpose-of-use
consent box), so that e.g. the consent record is written atomically with the account.
"""

from django.dispatch import Signal

user_signed_up = Signal()  # sender=User, user=User, agreed=bool

# Sent inside the transaction that changes a user's login address (ADR 0077), so that copies of the address kept
# by later apps (mail queued but not yet sent) follow it atomically.
user_email_changed = Signal()  # sender=User, user=User (already saved with the new address), old_email=str

# Sent inside the transaction of a change to the account's login (a new password, a new address), ADR 0077: the
# notice about it is queued with the change, and the outbox of a later app delivers it, retrying a mail server
# that refuses. A receiver that queued it returns something other than None; accounts refuses to save the change
# when nobody did, since the notice would otherwise be lost without a trace.
account_notice = Signal()  # sender=User, user=User, to_email=str, subject=str, body=str
