"""core.ics, the iCalendar writer shared by 企業説明会 and 面接 (RFC 5545)."""

from __future__ import annotations

import re

from bonavi.core.ics import calendar, escape_text, fold


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_fold_never_splits_a_multibyte_character() -> None:
    line = "SUMMARY:" + "説" * 200
    folded = fold(line)
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_text_escaping_round_trips() -> None:
    raw = "a\\b; c, d\ne"
    assert escape_text(raw) == "a\\\\b\\; c\\, d\\ne"
    assert unescape(escape_text(raw)) == raw


def test_a_cancelled_entry_is_published_with_status_cancelled_not_an_itip_cancel() -> None:
    # METHOD:CANCEL needs ORGANIZER and ATTENDEE (RFC 5546 §3.2.5), which a downloaded file has not.
    props = [("UID", "x-1@example.com"), ("SEQUENCE", "2")]
    cancelled = calendar(prodid="-//T//T//JA", properties=props, cancelled=True)
    live = calendar(prodid="-//T//T//JA", properties=props, cancelled=False)
    assert "METHOD:PUBLISH\r\n" in cancelled and "METHOD:CANCEL" not in cancelled
    assert "STATUS:CANCELLED\r\n" in cancelled and cancelled.count("STATUS:") == 1
    assert "METHOD:PUBLISH\r\n" in live and "STATUS:CONFIRMED\r\n" in live
