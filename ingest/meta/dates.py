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
        return 1 <= self.month <= 12 and 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.valid() else None


def parse_date(text: str) -> RawDate | None:
    """The first date written in ``text`` (valid or not)."""
    m = DATE_RE.search(text)
    if not m:
        return None
    groups = m.groups()
    d, mo, y = groups[0:3] if groups[0] is not None else groups[3:6]
    return RawDate(int(d), int(mo), int(y), m.group(0))


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """``DATE_RE.finditer(text)``: a date starts a few characters before its first "/" or at "ngày"."""
    return hinted_finditer(DATE_RE, text, ("/", "ngày"), back=6, ahead=40)


def iter_dates(text: str) -> list[tuple[RawDate, int]]:
    """Every date in ``text`` with its start offset."""
    out = []
    for m in _date_matches(text):
        groups = m.groups()
        d, mo, y = groups[0:3] if groups[0] is not None else groups[3:6]
        out.append((RawDate(int(d), int(mo), int(y), m.group(0)), m.start()))
    return out


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
