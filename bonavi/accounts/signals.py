"""Signals later apps listen to (accounts never imports a later app).

`user_signed_up` is sent inside the sign-up transaction with the new user and `agreed` (the purpose-of-use
consent box), so that e.g. the consent record is written atomically with the account.
"""

from django.dispatch import Signal

user_signed_up = Signal()  # sender=User, user=User, agreed=bool
