"""Period and date rules (rules.md H7, W10, §2) and the extractor's own issues turned into findings."""

from __future__ import annotations

import re
from datetime import date, timedelta

from expectations.models import FactRow, Finding
from expectations.rules.base import ReportFacts

_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTHS_PHRASE = re.compile(r"(?<!\w)(\d{1,2}|sáu|chín)\s*tháng\s*(đầu|cuối)?\s*năm\s*(\d{4})", re.IGNORECASE)
_QUARTER_PHRASE = re.compile(r"(?<!\w)quý\s*(iv|iii|ii|i|[1-4])(?:\s*(?:năm|/)\s*(\d{4}))?(?!\w)", re.IGNORECASE)
_COMPARISON = re.compile(r"(so với|cùng kỳ|so cùng kỳ|hơn|giai đoạn|kết quả năm|đánh giá năm)\s*$", re.IGNORECASE)
_WORD_NUM = {"sáu": 6, "chín": 9}


def _bad_dates(text: str) -> list[str]:
    bad = []
    for m in _DATE.finditer(text):
        d, mo, y = (int(m.group(i)) for i in (1, 2, 3))
        try:
            date(y, mo, d)
        except ValueError:
            bad.append(m.group(0))
    return bad


def rule_impossible_dates(rf: ReportFacts) -> list[Finding]:
    """H7: an impossible cut-off date in the passage of a fact. The date is rejected (the figures stay, kept
    on the report window) and the figures it dates get W10."""
    out = []
    seen: set[tuple[int, str]] = set()
    for line, facts in sorted(rf.by_line.items()):
        for f in facts:
            for text in (f.locator or "", f.snippet or ""):
                for bad in _bad_dates(text):
                    if (line, bad) in seen:
                        continue
                    seen.add((line, bad))
                    dated = [x for x in facts if bad in (x.locator or "")] or facts
                    out.append(rf.finding(
                        "H7", "hard", dated,
                        f"Ngày không tồn tại \"{bad}\": bỏ ngày này, số liệu giữ theo kỳ báo cáo",
                        f"Impossible date \"{bad}\": the date is rejected, the figures keep the report window",
                        line=line, name_facts=False))
                    out.append(rf.finding(
                        "W10", "warning", dated,
                        f"Số liệu gắn với ngày không tồn tại \"{bad}\": dùng kỳ của báo cáo",
                        f"Figures dated by the impossible date \"{bad}\": they fall back to the report window",
                        line=line))
    return out


def _phrase_months(m: re.Match[str]) -> tuple[list[int], int | None]:
    n_raw = m.group(1).lower()
    n = _WORD_NUM.get(n_raw) or int(n_raw)
    months = list(range(13 - n, 13)) if (m.group(2) or "").lower() == "cuối" else list(range(1, n + 1))
    return months, int(m.group(3))


def _quarter_months(m: re.Match[str]) -> tuple[list[int], int | None]:
    q_raw = m.group(1).lower()
    q = _ROMAN.get(q_raw) or int(q_raw)
    return list(range(3 * q - 2, 3 * q + 1)), int(m.group(2)) if m.group(2) else None


def rule_fact_periods(rf: ReportFacts) -> list[Finding]:
    """W10: the passage of a figure names another period than its report ("6 tháng đầu năm 2023" in a 2024
    report, "quý I" in a half-year report). Comparisons ("so với cùng kỳ …") and index results are left alone."""
    rep = rf.report
    if rep.period_year is None:
        return []
    out = []
    for line, facts in sorted(rf.by_line.items()):
        facts = [f for f in facts if rf.kind(f.indicator) not in ("score", None)
                 and not f.indicator.endswith(("_same_period_last_year", "_vs_last_year_pp", "_change", "_ytd"))
                 and "vs_2015" not in f.indicator]
        if not facts:
            continue
        text = facts[0].snippet or facts[0].locator or ""
        conflicts = set()
        for pattern, reader in ((_MONTHS_PHRASE, _phrase_months), (_QUARTER_PHRASE, _quarter_months)):
            for m in pattern.finditer(text):
                if _COMPARISON.search(text[max(0, m.start() - 25): m.start()]):
                    continue
                months, year = reader(m)
                if year is not None and year != rep.period_year:
                    conflicts.add(m.group(0))
                elif rep.months_covered and months != sorted(rep.months_covered):
                    conflicts.add(m.group(0))
        if conflicts:
            phrase = "; ".join(sorted(conflicts))
            out.append(rf.finding(
                "W10", "warning", facts,
                f"Đoạn văn nêu kỳ khác với kỳ báo cáo ({rep.period_label}): \"{phrase}\"",
                f"The passage names another period than the report's ({rep.period_label}): \"{phrase}\"",
                line=line))
    return out


def default_window(period_type: str | None, year: int | None, months: list[int]) -> tuple[date, date] | None:
    """Nghị định 09/2019 default cut-offs (rules.md §2.2): the 15th of the month before → the 14th of the last."""
    if not year or not months or period_type in (None, "unknown", "multi_year"):
        return None
    first, last = min(months), max(months)
    start_month, start_year = (12, year - 1) if first == 1 else (first - 1, year)
    return date(start_year, start_month, 15), date(year, last, 14)


def _calendar_window(year: int, months: list[int]) -> tuple[date, date]:
    last = max(months)
    end = date(year + (last == 12), 1 if last == 12 else last + 1, 1) - timedelta(days=1)
    return date(year, min(months), 1), end


def rule_window(rf: ReportFacts) -> list[Finding]:
    """W10 on the period record: the data window does not fit the label (it starts more than a week before the
    default cut-off or after the calendar start, or ends before the default cut-off less 20 days or after the
    calendar end), or the report is dated before its window ends. The facts whose passage states the window
    are named."""
    rep = rf.report
    if rep.window_from is None or rep.window_to is None or not rep.period_year:
        return []
    out = []
    dflt = default_window(rep.period_type, rep.period_year, rep.months_covered)
    problems_vi, problems_en = [], []
    if dflt is not None:
        cal = _calendar_window(rep.period_year, rep.months_covered)
        if not (dflt[0] - timedelta(days=7) <= rep.window_from <= cal[0]):
            problems_vi.append(f"bắt đầu {rep.window_from:%d/%m/%Y} (mặc định {dflt[0]:%d/%m/%Y})")
            problems_en.append(f"starts {rep.window_from:%d/%m/%Y} (default {dflt[0]:%d/%m/%Y})")
        if not (dflt[1] - timedelta(days=20) <= rep.window_to <= cal[1]):
            problems_vi.append(f"kết thúc {rep.window_to:%d/%m/%Y} (mặc định {dflt[1]:%d/%m/%Y})")
            problems_en.append(f"ends {rep.window_to:%d/%m/%Y} (default {dflt[1]:%d/%m/%Y})")
    if problems_vi:
        facts = _facts_stating_window(rf)
        out.append(rf.finding(
            "W10", "warning", facts,
            f"Kỳ số liệu không khớp nhãn \"{rep.period_label}\": " + "; ".join(problems_vi),
            f"Data window does not fit the label \"{rep.period_label}\": " + "; ".join(problems_en),
            line=_window_line(rf, facts)))
    if rep.report_date is not None and rep.report_date < rep.window_to:
        out.append(rf.finding(
            "W10", "warning", [],
            f"Ngày báo cáo {rep.report_date:%d/%m/%Y} sớm hơn ngày chốt số liệu {rep.window_to:%d/%m/%Y}",
            f"Report dated {rep.report_date:%d/%m/%Y}, before its data window ends ({rep.window_to:%d/%m/%Y})"))
    if rep.period_quarter and rep.report_quarter and rep.period_quarter != rep.report_quarter:
        out.append(rf.finding(
            "W10", "warning", [],
            f"Nhãn kỳ là quý {rep.period_quarter} nhưng cửa sổ số liệu thuộc quý {rep.report_quarter}",
            f"The label says quarter {rep.period_quarter} but the data window belongs to quarter "
            f"{rep.report_quarter}"))
    return out


def _date_marks(d: date | None) -> set[str]:
    if d is None:
        return set()
    return {f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month}/{d.year}"}


def _mentions(f: FactRow, marks: set[str]) -> bool:
    pats = [re.compile(rf"(?<!\d){re.escape(m)}(?!\d)") for m in marks]
    return any(p.search(f.snippet or "") or p.search(f.locator or "") for p in pats)


def _facts_stating_window(rf: ReportFacts) -> list[FactRow]:
    marks = _date_marks(rf.report.window_from) | _date_marks(rf.report.window_to)
    return [f for f in rf.facts if _mentions(f, marks)]


def _window_line(rf: ReportFacts, facts: list[FactRow]) -> int | None:
    """The line that states the whole window (both dates), else the first line naming one of them."""
    both = [f for f in facts if _mentions(f, _date_marks(rf.report.window_from))
            and _mentions(f, _date_marks(rf.report.window_to))]
    pick = both or facts
    if not pick:
        return None
    per_line: dict[int, int] = {}
    for f in pick:
        per_line[f.line] = per_line.get(f.line, 0) + 1
    return min(per_line, key=lambda ln: (-per_line[ln], ln))


_RULE_CODE = re.compile(r"^[HW]\d{1,2}$")
# The document lint's codes (ingest/doclint.py: blank dates, numbering, citations, spelling): about the text,
# never about a figure, so they name no facts even when a figure shares their line.
_DOC_CODE = re.compile(r"^D\d")


def rule_extraction_issues(rf: ReportFacts) -> list[Finding]:
    """The extractor's issues (period contradictions W10, impossible dates H7, …) become findings. An H7 date
    is rejected, not the figures: they get W10. Facts on the issue's line are named, except by the document
    lint's D codes (warnings ``X:D…`` about the text)."""
    out = []
    for issue in sorted(rf.issues, key=lambda i: i.ordinal):
        code = issue.code.strip().upper()
        facts = rf.by_line.get(issue.line, []) if issue.line is not None and not _DOC_CODE.match(code) else []
        if _RULE_CODE.match(code):
            rule = code
            severity = "hard" if code.startswith("H") else "warning"
        else:
            rule = f"X:{issue.code}"
            severity = "warning"
        if rule == "H7":
            out.append(rf.finding("H7", "hard", facts, f"Trình trích xuất báo ngày không hợp lệ: {issue.message}",
                                  f"Extractor reported an invalid date: {issue.message}", line=issue.line,
                                  name_facts=False))
            if facts:
                out.append(rf.finding("W10", "warning", facts, "Số liệu gắn với ngày không hợp lệ: dùng kỳ báo cáo",
                                      "Figures dated by an invalid date fall back to the report window",
                                      line=issue.line))
            continue
        if severity == "hard":
            # Hard codes the extractor reports about the period record do not reject figures by themselves.
            out.append(rf.finding(rule, "hard", facts, f"Trình trích xuất báo lỗi: {issue.message}",
                                  f"Extractor reported: {issue.message}", line=issue.line, name_facts=False))
            continue
        out.append(rf.finding(rule, "warning", facts, f"Trình trích xuất cảnh báo: {issue.message}",
                              f"Extractor warning: {issue.message}", line=issue.line))
    return out


RULES = [rule_impossible_dates, rule_fact_periods, rule_window, rule_extraction_issues]
