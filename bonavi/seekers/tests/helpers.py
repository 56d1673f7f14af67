"""Small helpers the seekers tests share (their fixtures are in conftest.py): a logged-in client, a day counted from
today in Japan, and the 内定の条件 the `offered` fixture sends."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock

OFFER_TERMS = "提示月給：250,000円\n配属先：本社 経理課"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_days(days: int) -> dt.date:
    """Today in Japan plus `days` (the 回答期限, 入社予定日 and proposals are dates in Japan)."""
    return clock.today_jst() + dt.timedelta(days=days)
