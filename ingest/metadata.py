"""Report metadata (rules.md §2): unit, level, province, period label, data window, report date.

Contradictions (title vs body period, impossible dates, an appendix dated before the window end) are returned
as ``ExtractionIssue`` objects with their line; nothing is guessed away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ingest.meta.dates import DATE_FRAGMENT, DATE_WORDS, RawDate, first_invalid_date, month_end, parse_date
from ingest.meta.hints import hinted_finditer
from ingest.meta.lineindex import LineIndex
from ingest.meta.periods import (
    LABEL_RE,
    LABEL_WORDS,
    LabelKey,
    LabelMention,
    calendar_span,
    default_window,
    find_labels,
    is_cumulative,
    iter_label_matches,
    report_quarter,
    window_disagreement,
    window_matches_label,
)
from ingest.meta.units import detect_unit
from ingest.models import DataWindow, Document, ExtractionIssue, Line, ReportMeta

# Local government has two tiers (province, commune) from this date on (rules.md §4): a commune reporting on a
# window that closes after it has no district unless the report itself writes one.
TWO_TIER_START = date(2025, 7, 1)
_EXPLICIT = re.compile(
    rf"(?:tính\s+)?từ\s+(?:ngày\s+)?(?P<a>{DATE_FRAGMENT})\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?"
    rf"(?P<b>{DATE_FRAGMENT})",
    re.IGNORECASE,
)
_END_ONLY = re.compile(
    rf"(?:tính\s+đến|đến\s+hết|tới|đến)\s+(?:hết\s+)?(?:ngày\s+)?(?P<b>{DATE_FRAGMENT})"
    r"|(?:tính\s+)?đến\s+hết\s+tháng\s+(?P<m>1[0-2]|0?[1-9])\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_NOT_CUTOFF = re.compile(r"(dự\s+kiến|hoàn\s+thành|trước|thời\s+hạn|hạn|chậm\s+nhất|kéo\s+dài|kể)\s*$", re.I)
_HEADING = re.compile(r"^\W*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s", re.IGNORECASE)
_TITLE_MARK = re.compile(r"^\W*báo\s+cáo\W*$", re.IGNORECASE)
_TITLE_STOP = re.compile(r"^\W*(căn\s+cứ|thực\s+hiện|kính\s+gửi|[IVX]+\.|\d+\.)", re.IGNORECASE)


@dataclass
class Window:
    start: date | None
    end: date
    end_only: bool
    line: int
    score: float


def _is_heading(text: str) -> bool:
    stripped = text.strip(" *#\t")
    if not stripped or len(stripped) > 200:
        return False
    letters = [c for c in stripped if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(_HEADING.match(stripped) or upper)


def _title_lines(lines: list[Line]) -> list[Line]:
    """The report's title: the lines after a "BÁO CÁO" line near the top (or its own rest)."""
    for i, ln in enumerate(lines[:60]):
        text = ln.text.strip(" *#\t")
        if _TITLE_MARK.match(text) or re.match(r"^BÁO\s+CÁO\s+\S", text):
            title: list[Line] = [ln] if not _TITLE_MARK.match(text) else []
            for nxt in lines[i + 1:i + 12]:
                body = nxt.text.strip(" *#\t")
                if not body:
                    if title:
                        nonblank_after = [x for x in lines[nxt.no:nxt.no + 2] if x.text.strip()]
                        if not nonblank_after or _TITLE_STOP.match(nonblank_after[0].text) or len(title) >= 2:
                            break
                    continue
                if _TITLE_STOP.match(body) or len(body) > 300:
                    break
                title.append(nxt)
            return title
    return []


def _some_lines(lines: list[Line], index: LineIndex | None, words: tuple[str, ...]) -> list[Line]:
    """The lines that contain one of ``words`` (lower case), or all lines when the index cannot tell."""
    found = index.line_indices(words) if index is not None else None
    return lines if found is None else [lines[i] for i in found]


_CLOSING_LINE = re.compile(r"\W*trên\s+đây\s+là\s+báo\s+cáo", re.IGNORECASE)


def _lines_with(lines: list[Line], index: LineIndex | None, words: tuple[str, ...]
                ) -> Iterator[tuple[Line, list[int] | None]]:
    """The lines that contain one of ``words`` (lower case) with the offsets of the words in them, found once
    over the whole document; every line with None offsets when the index cannot tell."""
    spots = index.spots(words) if index is not None else None
    if spots is None:
        for ln in lines:
            yield ln, None
        return
    for i in sorted(spots):
        yield lines[i], spots[i]


def _collect_labels(lines: list[Line], title: list[Line], index: LineIndex | None = None) -> list[LabelMention]:
    title_nos = {ln.no for ln in title}
    mentions: list[LabelMention] = []
    for ln, spots in _lines_with(lines, index, LABEL_WORDS):  # (a label always contains one of them)
        matches = list(iter_label_matches(ln.text, spots))
        if not matches:
            continue
        is_title = ln.no in title_nos
        closing = _CLOSING_LINE.match(ln.text) is not None
        found = find_labels(ln.text, ln.no, 0.0, allow_year=is_title or closing, matches=matches)
        if not found:
            continue
        # (weight and heading only matter for a line with labels: the heading test is the costly part)
        heading = _is_heading(ln.text)
        weight = 5.0 if is_title else 4.0 if closing else 2.0 if heading else 1.0
        for mention in found:
            mention.weight, mention.heading = weight, heading
            mention.extra["title"] = is_title
        mentions.extend(found)
    return mentions


def _collect_windows(lines: list[Line], index: LineIndex | None = None
                     ) -> tuple[list[Window], list[ExtractionIssue]]:
    windows: list[Window] = []
    issues: list[ExtractionIssue] = []
    # (an explicit window starts at "từ", a cut-off at "đến" / "tới": where they are, found once)
    starts = index.spots(("từ",)) if index is not None else None
    ends = index.spots(("đến", "tới")) if index is not None else None
    if starts is None or ends is None:
        for ln in lines:
            low = ln.text.lower()
            if "đến" in low or "từ" in low or "tới" in low:  # (both window patterns need one of them)
                _line_windows(ln, None, None, windows, issues)
    else:
        for i in sorted(starts.keys() | ends.keys()):
            _line_windows(lines[i], starts.get(i, []), ends.get(i, []), windows, issues)
    return windows, issues


def _line_windows(ln: Line, starts: list[int] | None, ends: list[int] | None, windows: list[Window],
                  issues: list[ExtractionIssue]) -> None:
    """The data windows (and impossible dates in them) of one line; ``starts`` / ``ends``: the offsets of
    "từ" and of "đến" / "tới" in its lower-cased text, if known."""
    text = ln.text
    taken: list[tuple[int, int]] = []
    for m in hinted_finditer(_EXPLICIT, text, ("từ",), back=8, spots=starts):
        a, b = parse_date(m.group("a")), parse_date(m.group("b"))
        taken.append(m.span())
        if a is None or b is None:
            continue
        bad = [d for d in (a, b) if not d.valid()]
        if bad:
            issues.append(_h7(bad[0], ln, "data window"))
            continue
        start, end = a.as_date(), b.as_date()
        if start is None or end is None or start >= end:
            continue
        windows.append(Window(start, end, False, ln.no, 3 + _window_context(text, m.start())))
    for m in hinted_finditer(_END_ONLY, text, ("đến", "tới"), back=8, spots=ends):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _NOT_CUTOFF.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if m.group("b"):
            raw = parse_date(m.group("b"))
            if raw is None:
                continue
            if not raw.valid():
                issues.append(_h7(raw, ln, "cut-off"))
                continue
            end = raw.as_date()
        else:
            end = month_end(int(m.group("y")), int(m.group("m")))
        if end is None:
            continue
        score = 1 + _window_context(text, m.start()) + (1 if "tính" in m.group(0).lower() else 0)
        windows.append(Window(None, end, True, ln.no, score))


def _window_context(text: str, pos: int) -> float:
    before = text[max(0, pos - 60):pos].lower()
    score = 0.0
    if "số liệu" in before:
        score += 2
    if LABEL_RE.search(text[max(0, pos - 40):pos]):
        score += 2
    if re.search(r"hồ\s+sơ|tthc|thủ\s+tục\s+hành\s+chính", text, re.IGNORECASE):
        score += 2
    return score


def _h7(raw: RawDate, ln: Line, what: str) -> ExtractionIssue:
    return ExtractionIssue(code="H7", severity="error", line=ln.no,
                           message=f"impossible date {raw.text!r} in a {what}; kept raw, not used as a date")


@dataclass
class _Choice:
    key: LabelKey | None
    year: int | None
    label: str | None
    window: Window | None


def _choose(mentions: list[LabelMention], windows: list[Window]) -> _Choice:
    groups: dict[tuple[LabelKey, int | None], float] = Counter()
    for mention in mentions:
        groups[(mention.key, mention.year)] += mention.weight
    # A yearless mention supports every dated mention of the same kind.
    dated = {k for k in groups if k[1] is not None}
    for key, year in list(groups):
        if year is None:
            for dk in dated:
                if dk[0] == key:
                    groups[dk] += groups[(key, None)]
    best: tuple[float, int] | None = None
    choice = _Choice(None, None, None, None)
    for (key, year), weight in groups.items():
        if year is None and any(dk[0] == key for dk in dated):
            continue
        fitting = [w for w in windows if window_matches_label(key, year, w.start, w.end, w.end_only)]
        window = max(fitting, key=lambda w: (w.score, not w.end_only, -w.line)) if fitting else None
        total = weight + (6 + window.score if window else 0)
        first_line = min(m.line for m in mentions if m.key == key and m.year == year)
        rank = (total, -first_line)
        if best is None or rank > best:
            best = rank
            choice = _Choice(key, year, None, window)
    if choice.key is None:
        if windows:
            choice.window = max(windows, key=lambda w: (w.score, not w.end_only, -w.line))
        return choice
    same = [m for m in mentions if m.key == choice.key and (m.year == choice.year or choice.year is None)]
    with_year = [m for m in same if m.year is not None] or same
    spelled = Counter(m.text for m in with_year)
    choice.label = max(spelled, key=lambda s: (spelled[s], not s.isupper(),
                                               -min(m.line for m in with_year if m.text == s)))
    if choice.year is None:
        years = Counter(m.year for m in mentions if m.year)
        choice.year = choice.window.end.year if choice.window else (years.most_common(1)[0][0] if years else None)
    return choice


_HEADER_DATE = re.compile(r",\s*ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*((?:19|20)\d{2})", re.IGNORECASE)
_CAPTION_DATE = re.compile(r"kèm\s+theo\s+báo\s+cáo[^()]*?ngày\s*(\d*)\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})",
                           re.IGNORECASE)


def _report_date(lines: list[Line], index: LineIndex | None = None
                 ) -> tuple[RawDate | None, Line | None, list[tuple[Line, int, int | None]]]:
    """Signing date from "<place>, ngày D tháng M năm Y" (header) or "Kèm theo Báo cáo số ... ngày D/M/Y".

    Also returns partial (blank-day) signing dates as (line, year, month) for consistency checks.
    """
    partial: list[tuple[Line, int, int | None]] = []
    found: tuple[RawDate, Line] | None = None
    for ln in lines[:40]:
        m = _HEADER_DATE.search(ln.text)
        if m:
            d, mo = m.group(1), m.group(2)
            if d.isdigit() and mo.isdigit():
                found = found or (RawDate(int(d), int(mo), int(m.group(3)), m.group(0)), ln)
            else:
                partial.append((ln, int(m.group(3)), int(mo) if mo.isdigit() else None))
    if found is None:
        for ln in _some_lines(lines, index, ("kèm",)):
            m = _CAPTION_DATE.search(ln.text)
            if not m:
                continue
            if m.group(1).isdigit():
                found = (RawDate(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(0)), ln)
                break
            partial.append((ln, int(m.group(3)), int(m.group(2))))
    if found is None:
        return None, None, partial
    return found[0], found[1], partial


def extract_metadata(doc: Document) -> tuple[ReportMeta, list[ExtractionIssue]]:
    lines = doc.lines
    issues: list[ExtractionIssue] = []
    title = _title_lines(lines)
    index = LineIndex(lines)
    mentions = _collect_labels(lines, title, index)
    windows, window_issues = _collect_windows(lines, index)
    issues.extend(window_issues)
    choice = _choose(mentions, windows)
    meta = ReportMeta()
    key, year = choice.key, choice.year
    if key is not None:
        meta.period_label = choice.label
        meta.period_type = key.period_type  # type: ignore[assignment]
        meta.quarter = key.quarter()
        meta.months_covered = key.months()
    start = end = None
    if choice.window is not None:
        end = choice.window.end
        if choice.window.end_only:
            span = calendar_span(key, end.year) if key else None
            start = span[0] if span else None
            meta.window_source = "end_only"
        else:
            start = choice.window.start
            meta.window_source = "explicit"
    elif key is not None and year is not None:
        nominal = default_window(key, year)
        if nominal:
            start, end = nominal
            meta.window_source = "label_default"
    if end is not None:
        meta.data_window = DataWindow(**{"from": start, "to": end})
        meta.year = end.year
    else:
        meta.year = year
    meta.cumulative = is_cumulative(start, end) if key is None or key.period_type != "multi_year" else None
    meta.report_quarter = report_quarter(key, end)
    raw_date, date_line, partial = _report_date(lines, index)
    if raw_date is not None and date_line is not None:
        if raw_date.valid():
            meta.report_date = raw_date.as_date()
        else:
            issues.append(_h7(raw_date, date_line, "report date"))
    # A body whose data close (or which signs) after the reform is a unit of the two-tier structure.
    closes = end or meta.report_date
    unit = detect_unit(lines, two_tier=closes is not None and closes >= TWO_TIER_START, index=index)
    meta.reporting_unit, meta.unit_level = unit.reporting_unit, unit.unit_level  # type: ignore[assignment]
    meta.province, meta.district = unit.province, unit.district
    issues.extend(_invalid_dates(lines, index, {i.line for i in issues}))
    issues.extend(_period_issues(meta, choice, mentions, title, partial, date_line))
    return meta, issues


def _invalid_dates(lines: list[Line], index: LineIndex | None, seen: set[int | None]) -> list[ExtractionIssue]:
    """H7 for the first impossible date of every line not already flagged."""
    out = []
    for ln, spots in _lines_with(lines, index, DATE_WORDS):
        if ln.no in seen or (spots is None and "/" not in ln.text and "ngày" not in ln.text.lower()):
            continue
        raw = first_invalid_date(ln.text, spots)
        if raw is not None:
            out.append(ExtractionIssue(code="H7", severity="error", line=ln.no,
                                       message=f"impossible date {raw.text!r}; kept raw"))
    return out


def _period_issues(meta: ReportMeta, choice: _Choice, mentions: list[LabelMention], title: list[Line],
                   partial: list[tuple[Line, int, int | None]], date_line: Line | None) -> list[ExtractionIssue]:
    out: list[ExtractionIssue] = []
    key = choice.key
    win = meta.data_window
    if key is None:
        out.append(ExtractionIssue(code="W10", line=None, message="no period label found; period unknown"))
        return out
    chosen = f"{meta.period_label!r}"
    # Title or section headings naming another period.
    flagged: set[int] = set()
    for m in mentions:
        if m.line in flagged or not (m.extra.get("title") or m.heading):
            continue
        if m.key.period_type == "year" and not m.extra.get("title"):
            continue
        other_kind = m.key != key
        other_year = m.year is not None and meta.year is not None and m.year != meta.year
        if other_kind or other_year:
            where = "title" if m.extra.get("title") else "section heading"
            out.append(ExtractionIssue(code="W10", line=m.line,
                                       message=f"{where} says {m.text!r} but the report's period is {chosen}"))
            flagged.add(m.line)
    if win is not None and win.to is not None and choice.window is not None and meta.year is not None:
        reason = window_disagreement(key, meta.year, win.from_ or win.to, win.to, choice.window.end_only)
        if reason:
            out.append(ExtractionIssue(code="W10", line=choice.window.line,
                                       message=f"data window {win.from_:%d/%m/%Y}–{win.to:%d/%m/%Y} does not "
                                               f"match the label {chosen}: {reason}"))
    if win is not None and win.to is not None and meta.window_source != "label_default":
        # (a default window is only the nominal cut-off: a report may be signed a few days before it)
        if meta.report_date is not None and meta.report_date < win.to:
            out.append(ExtractionIssue(code="W10", line=date_line.no if date_line else None,
                                       message=f"report dated {meta.report_date:%d/%m/%Y}, before the end of its "
                                               f"data window {win.to:%d/%m/%Y}"))
        for ln, year, month in partial:
            if (year, month or 12) < (win.to.year, win.to.month):
                written = f"{month:02d}/{year}" if month else str(year)
                out.append(ExtractionIssue(code="W10", line=ln.no,
                                           message=f"report dated {written} (day left blank), before the end "
                                                   f"of its data window {win.to:%d/%m/%Y}"))
    return out
