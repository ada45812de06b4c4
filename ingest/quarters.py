"""Warehouse quarters ('2023Q2') and how they relate to dates and to the DAG's data intervals.

The DAG runs on the 25th of each quarter's last month at 06:00 Asia/Ho_Chi_Minh: reports are due around the
20th (Nghị định 09/2019 cut-off on the 14th, 581/BNV-CCHC guidance), so the run leaves five days for late
submissions. Its data interval therefore runs from the 25th of one quarter's last month to the 25th of the
next quarter's last month, and the quarter of a run is the quarter in which its data interval ends.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pendulum
from pydantic import BaseModel

TZ = pendulum.timezone("Asia/Ho_Chi_Minh")
RUN_DAY = 25
RUN_HOUR = 6
QUARTERLY_CRON = f"0 {RUN_HOUR} {RUN_DAY} 3,6,9,12 *"
_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")


class Quarter(BaseModel, frozen=True):
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = _QUARTER_RE.match(text)
        if not m:
            raise ValueError(f"not a quarter: {text!r} (expected e.g. 2023Q2)")
        return cls(year=int(m.group(1)), q=int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(year=day.year, q=(day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> date:
        nxt = date(self.year + (self.q == 4), 1 if self.q == 4 else 3 * self.q + 1, 1)
        return nxt - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(year=self.year + (self.q == 4), q=1 if self.q == 4 else self.q + 1)

    def run_at(self) -> datetime:
        """The scheduled run (= data interval end) that processes this quarter."""
        return datetime(self.year, 3 * self.q, RUN_DAY, RUN_HOUR, tzinfo=TZ)

    @classmethod
    def of_interval_end(cls, end: datetime) -> Quarter:
        return cls.of(end.astimezone(TZ).date())


def quarter_range(start: Quarter, end: Quarter) -> list[Quarter]:
    if (end.year, end.q) < (start.year, start.q):
        raise ValueError(f"{end} is before {start}")
    out = [start]
    while out[-1] != end:
        out.append(out[-1].next())
    return out
