"""Time as an interface so that tests and batch jobs can fix "now" (store UTC, show Asia/Tokyo)."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

JST = ZoneInfo("Asia/Tokyo")


def now() -> dt.datetime:
    return timezone.now()


def today_jst() -> dt.date:
    # From now(), not timezone.now(): a test or batch job that fixes clock.now must move "today" with it.
    return date_jst(now())


def date_jst(moment: dt.datetime) -> dt.date:
    """The calendar day in Japan at the aware `moment` (stored in UTC: 15:00 UTC is already the next day)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        # astimezone() would silently read a naive value as the server's local time
        raise ValueError("date_jst() needs an aware datetime")
    return moment.astimezone(JST).date()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (or earlier); 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same calendar day `months` later (or earlier); a day the month lacks (31 August + 1) becomes its last."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_WEEKDAYS = "月火水木金土日"


def day_ja(day: dt.date) -> str:
    """「2027年1月8日」: a calendar day as a Japanese reader expects it, without the zero padding of strftime's
    %m/%d (a birth date, the day something happened)."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_ja(day: dt.date) -> str:
    """「2027年1月8日（金）」: day_ja with the day of the week, where the day matters (deadlines, 期日)."""
    return f"{day_ja(day)}（{weekday_ja(day)}）"


def month_day_ja(day: dt.date) -> str:
    """「12月3日（木）」: date_ja without the year, where the year goes without saying (the end of a span that began
    that year, an interview's day on the applicants list)."""
    return f"{day.month}月{day.day}日（{weekday_ja(day)}）"


def weekday_ja(day: dt.date) -> str:
    """「金」: the day of the week as one character."""
    return _WEEKDAYS[day.weekday()]


def moment_ja(moment: dt.datetime) -> str:
    """「2026年11月26日（木）14:42」: an aware moment in Japan time, as the mails that say when something happened
    write it (date_ja, then the time)."""
    local = moment.astimezone(JST)
    return f"{date_ja(date_jst(moment))}{local:%H:%M}"


def period_ja(starts_at: dt.datetime, ends_at: dt.datetime | None = None) -> str:
    """When something booked takes place (an interview, a 企業説明会): 「2026年12月3日（木）14:00〜15:30」, the end's
    day too when it is another (「…23:00〜12月4日（金）01:00」), 「14:00〜」 without an end."""
    text = f"{moment_ja(starts_at)}〜"
    if ends_at is None:
        return text
    end = ends_at.astimezone(JST)
    if date_jst(ends_at) != date_jst(starts_at):
        text += month_day_ja(end.date())
    return text + f"{end:%H:%M}"


def span_ja(first: dt.datetime, last: dt.datetime) -> str:
    """A run of events as the access logs show it: 「2026年11月26日（木）21:25〜21:27」 within a day, one moment when
    both fall in the same minute (「21:47〜21:47」 said nothing), else both moments."""
    start, end = moment_ja(first), moment_ja(last)
    if start == end:
        return end
    if date_jst(first) == date_jst(last):
        return f"{start}〜{last.astimezone(JST):%H:%M}"
    return f"{start}〜{end}"


# The day-before reminders (企業説明会, 面接) go out from this hour in Japan: the hourly pass would otherwise send
# them at its first run after midnight, a mail in the night for something the next day.
REMIND_FROM = dt.time(8)


def tomorrow_window_jst(now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """Tomorrow in Japan, [0:00, the day after's 0:00), for a day-before reminder run at `now`; None before
    REMIND_FROM (the run waits for the morning). Tomorrow starts after `now`, so nothing past is picked."""
    local = now.astimezone(JST)
    if local.time() < REMIND_FROM:
        return None
    start = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=JST)
    return start, start + dt.timedelta(days=1)
