"""Vietnamese dates in report text: "02/6/2023", "ngày 07 tháng 3 năm 2024", blank signing dates."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ingest.meta.hints import hinted_finditer

_NUM_DATE = r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})(?![\d/])"
_WORD_DATE = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})"
DATE_RE = re.compile(f"{_NUM_DATE}|{_WORD_DATE}", re.IGNORECASE)
# A date group as a regex fragment for window patterns (numeric form only).
DATE_FRAGMENT = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d{2}"


@dataclass(frozen=True)
class RawDate:
    day: int
    month: int
    year: int
    text: str

    def valid(self) -> bool:
        return is_valid_date(self.day, self.month, self.year)

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.valid() else None


def is_valid_date(day: int, month: int, year: int) -> bool:
    """A real calendar day (every month has a 28th: the calendar is only asked about later days)."""
    if not (1 <= month <= 12 and day >= 1):
        return False
    return day <= 28 or day <= calendar.monthrange(year, month)[1]


def parse_date(text: str) -> RawDate | None:
    """The first date written in ``text`` (valid or not)."""
    m = DATE_RE.search(text)
    if not m:
        return None
    groups = m.groups()
    d, mo, y = groups[0:3] if groups[0] is not None else groups[3:6]
    return RawDate(int(d), int(mo), int(y), m.group(0))


DATE_WORDS = ("/", "ngày")


def _date_matches(text: str, spots: list[int] | None = None) -> Iterator[re.Match[str]]:
    """``DATE_RE.finditer(text)``: a date starts a few characters before its first "/" or at "ngày"
    (``spots``: where those are in the lower-cased text, if known)."""
    return hinted_finditer(DATE_RE, text, DATE_WORDS, back=6, ahead=40, spots=spots)


def iter_dates(text: str) -> list[tuple[RawDate, int]]:
    """Every date in ``text`` with its start offset."""
    out = []
    for m in _date_matches(text):
        groups = m.groups()
        d, mo, y = groups[0:3] if groups[0] is not None else groups[3:6]
        out.append((RawDate(int(d), int(mo), int(y), m.group(0)), m.start()))
    return out


def first_invalid_date(text: str, spots: list[int] | None = None) -> RawDate | None:
    """The first impossible date written in ``text`` (``iter_dates`` order), or None."""
    for m in _date_matches(text, spots):
        groups = m.groups()
        d, mo, y = groups[0:3] if groups[0] is not None else groups[3:6]
        if not is_valid_date(int(d), int(mo), int(y)):
            return RawDate(int(d), int(mo), int(y), m.group(0))
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
