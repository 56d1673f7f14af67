"""Signals later apps listen to (accounts never imports a later app).

`user_signed_up` is sent inside the sign-up transaction with the new user and `agreed` (the purpose-of-use
consent box), so that e.g. the consent record is written atomically with the account.
"""

from django.dispatch import Signal

user_signed_up = Signal()  # sender=User, user=User, agreed=bool

# Sent inside the transaction that changes a user's login address (ADR 0077), so that copies of the address kept
# by later apps (mail queued but not yet sent) follow it atomically.
user_email_changed = Signal()  # sender=User, user=User (already saved with the new address), old_email=str
