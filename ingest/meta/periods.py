"""Period labels (rules.md §2.2), their default windows (§2.3) and the report quarter (§2.4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ingest.meta.dates import month_end, shift_month
from ingest.meta.hints import hinted_finditer

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
def _year(group: str) -> str:
    return rf"(?:\s*(?:năm\s+|/\s*|-\s*)?(?P<{group}>(?:19|20)\d{{2}})(?!\d))?"


LABEL_RE = re.compile(
    r"(?P<ytd>(?<![\d/.,])(?P<n>\d{1,2})\s+tháng(?:\s+(?P<pos>đầu|cuối))?(?P<nam>\s+năm)?" + _year("y") + r")"
    r"|(?P<qtr>quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![\w])" + _year("qy") + r")"
    r"|(?P<mon>tháng\s+(?P<m>1[0-2]|0?[1-9])(?![\d])" + _year("my") + r")"
    r"|(?P<multi>giai\s+đoạn\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2}))"
    r"|(?P<whole>(?:cả\s+năm|tổng\s+kết\s+năm|năm)\s+(?P<wy>(?:19|20)\d{2})(?!\d))",
    re.IGNORECASE,
)
LABEL_WORDS = ("tháng", "quý", "năm", "giai")


def iter_label_matches(text: str, spots: list[int] | None = None) -> Iterator[re.Match[str]]:
    """``LABEL_RE.finditer(text)``: every label contains one of these words and starts just before it
    (``spots``: where the words are in the lower-cased text, if known)."""
    return hinted_finditer(LABEL_RE, text, LABEL_WORDS, back=12, ahead=60, spots=spots)


# Text just before a label that makes it something other than the report's own period.
_NOT_OWN = re.compile(r"(phương\s+hướng|cùng\s+kỳ|so\s+với|kế\s+hoạch\s+năm|dự\s+kiến)[^.;:]*$", re.IGNORECASE)
_DATE_BEFORE = re.compile(r"ngày\s*\d{0,2}\s*$", re.IGNORECASE)
_CUTOFF_BEFORE = re.compile(r"(đến|hết|từ|trước|sau|đầu|giữa|cuối)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class LabelKey:
    """What a label means, without its year."""

    period_type: str
    number: int | None = None  # month, quarter, or N of "N tháng"
    second_half: bool = False

    def months(self) -> list[int]:
        t, n = self.period_type, self.number
        if t == "month" and n:
            return [n]
        if t == "quarter" and n:
            return list(range(3 * n - 2, 3 * n + 1))
        if t == "half_year":
            return list(range(7, 13)) if self.second_half else list(range(1, 7))
        if t == "months_ytd" and n:
            return list(range(1, n + 1))
        if t == "year":
            return list(range(1, 13))
        return []

    def quarter(self) -> int | None:
        return self.number if self.period_type == "quarter" else None


@dataclass
class LabelMention:
    key: LabelKey
    year: int | None
    text: str
    line: int
    weight: float
    heading: bool = False
    extra: dict = field(default_factory=dict)


def key_from_match(m: re.Match[str]) -> tuple[LabelKey, int | None] | None:
    if m.group("ytd"):
        n = int(m.group("n"))
        pos = (m.group("pos") or "").lower()
        year = int(m.group("y")) if m.group("y") else None
        if not 1 <= n <= 12:
            return None
        if not (pos or m.group("nam") or year):
            return None  # a bare duration ("trong 3 tháng"), not a period label
        if pos == "cuối":
            if n == 6:
                return LabelKey("half_year", 6, second_half=True), year
            if n == 3:
                return LabelKey("quarter", 4), year
            return None
        if n == 6:
            return LabelKey("half_year", 6), year
        if n == 12:
            return LabelKey("year"), year
        return LabelKey("months_ytd", n), year
    if m.group("qtr"):
        year = int(m.group("qy")) if m.group("qy") else None
        return LabelKey("quarter", ROMAN[m.group("q").lower()]), year
    if m.group("mon"):
        year = int(m.group("my")) if m.group("my") else None
        return LabelKey("month", int(m.group("m"))), year
    if m.group("multi"):
        return LabelKey("multi_year", int(m.group("y1"))), int(m.group("y2"))
    if m.group("whole"):
        return LabelKey("year"), int(m.group("wy"))
    return None


# Letters every ``_NOT_OWN`` match holds in lower case (none of them is matched case-insensitively by any
# other character), a quick test before the pattern: most text before a label has none of them.
_NOT_OWN_WORDS = ("phương", "cùng", "vớ", "kế", "dự")


def _may_be_not_own(low: str) -> bool:
    return "phương" in low or "cùng" in low or "vớ" in low or "kế" in low or "dự" in low  # (_NOT_OWN_WORDS)


def find_labels(text: str, line: int, weight: float, *, allow_year: bool, heading: bool = False,
                matches: list[re.Match[str]] | None = None) -> list[LabelMention]:
    """Period labels written in one line; ``allow_year`` admits a bare "năm Y" (titles only). ``matches``:
    ``iter_label_matches(text)`` if the caller already has them."""
    out: list[LabelMention] = []
    for m in iter_label_matches(text) if matches is None else matches:
        before = text[max(0, m.start() - 80):m.start()]
        low = before.lower()
        if _may_be_not_own(low) and _NOT_OWN.search(before):
            continue
        if m.group("mon") and (("ngày" in low and _DATE_BEFORE.search(before)) or _CUTOFF_BEFORE.search(before)):
            continue  # "ngày 5 tháng 6 năm 2023", "đến hết tháng 5/2023": a date or cut-off
        if m.group("ytd") and "ngày" in before[-12:].lower() and _DATE_BEFORE.search(before[-12:]):
            continue
        if m.group("whole") and not allow_year and not re.match(r"(cả|tổng)", m.group("whole"), re.I):
            continue
        parsed = key_from_match(m)
        if parsed is None:
            continue
        key, year = parsed
        out.append(LabelMention(key, year, m.group(0).strip(), line, weight, heading))
    if allow_year and any(x.key.period_type != "year" for x in out):
        # "năm Y" next to a finer label ("8 tháng đầu năm 2023 ... năm 2022") is not the report's period
        out = [x for x in out if x.key.period_type != "year" or x.text.lower().startswith(("cả", "tổng"))]
    return out


def calendar_span(key: LabelKey, year: int) -> tuple[date, date] | None:
    months = key.months()
    if key.period_type == "multi_year" and key.number:
        return date(key.number, 1, 1), date(year, 12, 31)
    if not months:
        return None
    return date(year, months[0], 1), month_end(year, months[-1])


def default_window(key: LabelKey, year: int) -> tuple[date, date] | None:
    """Nghị định 09/2019 cut-off: 15th of the month before the period to the 14th of its last month."""
    months = key.months()
    if not months or key.period_type == "multi_year":
        return None
    first, last = months[0], months[-1]
    if key.period_type in ("half_year", "months_ytd", "year") and not key.second_half:
        first = 1
    sy, sm = shift_month(year, first, -1)
    return date(sy, sm, 15), date(year, last, 14)


NOMINAL_ENDS = ((3, 14), (6, 14), (9, 14), (12, 14))


def report_quarter(key: LabelKey | None, window_end: date | None) -> int | None:
    """§2.4: the quarter whose nominal end (14/3, 14/6, 14/9, 14/12) lies within 31 days of the window end."""
    if key is not None and key.period_type in ("multi_year", "unknown"):
        return None
    if key is not None and key.period_type == "month" and key.number:
        return (key.number - 1) // 3 + 1
    if window_end is None:
        return None
    for q, (month, day) in enumerate(NOMINAL_ENDS, start=1):
        if abs((window_end - date(window_end.year, month, day)).days) <= 31:
            return q
    return None


def is_cumulative(start: date | None, end: date | None) -> bool | None:
    """True when the window starts at the reporting year's start (1 Dec of the previous year .. 1 Jan)."""
    if start is None or end is None:
        return None
    return date(end.year - 1, 12, 1) <= start <= date(end.year, 1, 1)


def window_matches_label(key: LabelKey, year: int | None, start: date | None, end: date,
                         end_only: bool) -> bool:
    """Could this window be the data window of a report with this label?"""
    if year is not None and end.year != year:
        return False
    y = year or end.year
    span = calendar_span(key, y)
    nominal = default_window(key, y)
    if span is None or nominal is None:
        return True
    if end_only:
        return span[0] + timedelta(days=20) <= end <= nominal[1] + timedelta(days=31)
    if abs((end - nominal[1]).days) > 31:
        return False
    return start is None or abs((start - nominal[0]).days) <= 45


def window_disagreement(key: LabelKey, year: int, start: date, end: date, end_only: bool) -> str | None:
    """Why an (explicit) window does not cover the labelled months, or None when it fits (§2.3 item 4).

    The usual cut-off starts about half a month early and ends about half a month before the period's last day
    (15th -> 14th); a window that leaves out more of the labelled months, or takes in more of the month before,
    disagrees with the label.
    """
    span = calendar_span(key, year)
    if span is None:
        return None
    problems = []
    if not end_only and (span[0] - start).days > 17:
        problems.append(f"starts {start:%d/%m/%Y}, {(span[0] - start).days} days before the labelled months")
    if not end_only and (start - span[0]).days > 15:
        problems.append(f"starts {start:%d/%m/%Y}, after the first labelled month began")
    if not end_only and (span[1] - end).days > 17:
        problems.append(f"ends {end:%d/%m/%Y}, {(span[1] - end).days} days before the labelled months end")
    if (end - span[1]).days > 15:
        problems.append(f"ends {end:%d/%m/%Y}, after the labelled months")
    return "; ".join(problems) or None
