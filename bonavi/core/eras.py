"""The Japanese eras (和暦) from 明治, with their letters and first and last days: one table for reading dates
(core.dates: date boxes, the bulk import, the compliance checker) and printing them (documents.eras)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date
    end: dt.date | None  # inclusive; None while current


ERAS: Final[tuple[Era, ...]] = (
    Era("令和", "R", dt.date(2019, 5, 1), None),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    # Documents accept months from 1900 (明治33), so 明治 is needed; its start before 1873's calendar change
    # never matters here.
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 29)),
)
ERA_BY_NAME: Final[dict[str, Era]] = {e.name: e for e in ERAS}
ERA_BY_LETTER: Final[dict[str, Era]] = {e.letter: e for e in ERAS}
