"""The .ics file read back as a calendar would: unfold, split, unescape (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from bonavi.accounts.models import User
from bonavi.events import services
from bonavi.events.ics import event_ics

from .factories import PASSWORD, make_event, make_seeker, online

pytestmark = pytest.mark.django_db


def parse(text: str) -> dict[str, str]:
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF, no bare LF
    assert text.endswith("\r\n")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
        physical.encode("utf-8").decode("utf-8")  # each physical line is whole UTF-8
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    props: dict[str, str] = {}
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        name, value = line.split(":", 1)
        props.setdefault(name, value)
    return props


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_a_200_character_japanese_title_round_trips(employer: User) -> None:
    event = make_event(employer, title="経理" * 50)
    title = "説明会;経理,人事\\総務\n" + "あ" * 187  # 200 characters with every escaped character
    assert len(title) == 200
    event.title = title  # beyond the form's limit: the file must still be right
    text = event_ics(event, join_url=None, now=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    props = parse(text)
    assert unescape(props["SUMMARY"]) == title
    assert props["DTSTART"] == event.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert props["DTEND"].endswith("Z") and props["DTSTAMP"] == "20260102T030405Z"
    assert props["UID"] == f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}"
    assert props["STATUS"] == "CONFIRMED"
    assert unescape(props["LOCATION"]) == "東京都千代田区丸の内1-1-1 8階"
    assert props["URL"].endswith(f"/events/{event.pk}/")
    assert "主催：株式会社テスト商事" in unescape(props["DESCRIPTION"])


def test_uid_is_stable_and_a_cancelled_event_says_so(employer: User) -> None:
    event = make_event(employer)
    first = parse(event_ics(event, join_url=None))
    services.event_cancel(user=employer, event=event)
    event.refresh_from_db()
    after = parse(event_ics(event, join_url=None))
    assert first["UID"] == after["UID"]
    assert after["STATUS"] == "CANCELLED" and int(after["SEQUENCE"]) > int(first["SEQUENCE"])


def test_the_join_url_is_in_the_file_only_for_a_registered_person(employer: User) -> None:
    event = services.event_create(user=employer, **online())
    secret = event.join_url
    person = make_seeker(1)
    services.registration_create(user=person, event_id=event.pk)
    url = f"/events/{event.pk}/event.ics"

    anonymous = Client().get(url)
    assert anonymous.status_code == 200 and anonymous["Content-Type"].startswith("text/calendar")
    assert secret not in anonymous.content.decode()
    stranger = Client()
    stranger.login(email=make_seeker(2).email, password=PASSWORD)
    assert secret not in stranger.get(url).content.decode()

    mine = Client()
    mine.login(email=person.email, password=PASSWORD)
    response = mine.get(url)
    props = parse(response.content.decode())
    assert secret in unescape(props["DESCRIPTION"]) and secret in unescape(props["LOCATION"])
    assert response["Cache-Control"] == "private, no-store"
