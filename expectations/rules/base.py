"""What every cross-fact rule sees: one report's metadata and facts, with lookup and derivation helpers.

Rules are pure functions ``(ReportFacts) -> list[Finding]``; they never touch the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from expectations.models import FactRow, Finding, IssueRow, ReportRow, Severity
from expectations.numbers import parse_vn_number, same_number
from ingest.catalog import Indicator, load_catalog

COUNT_UNITS = frozenset({"count", "documents", "procedures", "people"})

# rules.md §1.2 / W9: qualifiers that make a value approximate or a bound.
_QUALIFIER = r"(?:trên|hơn|gần|khoảng|ước đạt|ước tính|ước|xấp xỉ|trung bình|tối thiểu|tối đa|>=|<=|>|<|≥|≤|~|≈)"
_QUALIFIED_NUMBER = re.compile(rf"(?<![\w])({_QUALIFIER})\s*(\d[\d.,]*)", re.IGNORECASE)
_ROUNDED_MULTIPLIER = re.compile(r"(\d[\d.,]*)\s*(ngàn|nghìn|triệu)(?!\s*đồng)", re.IGNORECASE)
_NOTE_APPROXIMATE = re.compile(r"\b(?:approximate|approximately|xấp xỉ|ước tính|số ước|rounded)\b", re.IGNORECASE)
_SCALES = (1.0, 1000.0, 0.001, 1_000_000.0, 0.000001)


@dataclass(frozen=True)
class Value:
    """A stated or derived quantity: the number and the facts it comes from."""

    value: float
    facts: tuple[FactRow, ...]
    derived_from: str | None = None  # e.g. "tthc_cases_carried_over + tthc_cases_new"

    @property
    def fact_ids(self) -> list[str]:
        return [f.fact_id for f in self.facts]

    @property
    def lines(self) -> list[int]:
        return sorted({f.line for f in self.facts})


@dataclass
class ReportFacts:
    report: ReportRow
    facts: list[FactRow]
    issues: list[IssueRow] = field(default_factory=list)

    @cached_property
    def catalog(self) -> dict[str, Indicator]:
        return load_catalog()

    @cached_property
    def by_code_scope(self) -> dict[tuple[str, str], list[FactRow]]:
        out: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
        for f in self.facts:
            out[(f.indicator, f.scope)].append(f)
        return out

    @cached_property
    def by_line(self) -> dict[int, list[FactRow]]:
        out: dict[int, list[FactRow]] = defaultdict(list)
        for f in self.facts:
            out[f.line].append(f)
        return out

    @cached_property
    def scopes(self) -> list[str]:
        return sorted({f.scope for f in self.facts})

    @cached_property
    def approximate_ids(self) -> frozenset[str]:
        return frozenset(f.fact_id for f in self.facts if is_approximate(f))

    def kind(self, code: str) -> str | None:
        ind = self.catalog.get(code)
        return ind.kind if ind else None

    def unit(self, code: str) -> str | None:
        ind = self.catalog.get(code)
        return ind.unit if ind else None

    def get(self, code: str, scope: str) -> list[FactRow]:
        return self.by_code_scope.get((code, scope), [])

    def facts_of(self, code: str) -> list[FactRow]:
        return [f for f in self.facts if f.indicator == code]

    def nearest_any_scope(self, code: str, line: int, source: str | None = None) -> FactRow | None:
        cands = self.facts_of(code)
        if source is not None and any(f.source == source for f in cands):
            cands = [f for f in cands if f.source == source]
        return min(cands, key=lambda f: (abs(f.line - line), f.line)) if cands else None

    def nearest(self, code: str, scope: str, line: int, source: str | None = None) -> FactRow | None:
        """The fact of ``code``/``scope`` closest to ``line``, preferring the same source (narrative/appendix)."""
        cands = self.get(code, scope)
        if not cands:
            return None
        if source is not None:
            same = [f for f in cands if f.source == source]
            if same:
                cands = same
        return min(cands, key=lambda f: (abs(f.line - line), f.line))

    def quantity(self, code: str, scope: str, line: int, source: str | None = None,
                 derive: bool = True) -> Value | None:
        """A stated value of ``code`` near ``line``, else one derived from its documented parts."""
        f = self.nearest(code, scope, line, source)
        if f is not None:
            return Value(f.value, (f,))
        if not derive:
            return None
        for parts in DERIVATIONS.get(code, ()):
            vals = [self.quantity(p, scope, line, source, derive=False) for p in parts]
            if all(v is not None for v in vals):
                facts = tuple(x for v in vals for x in v.facts)  # type: ignore[union-attr]
                return Value(sum(v.value for v in vals), facts, " + ".join(parts))  # type: ignore[union-attr]
        return None

    def finding(self, rule_id: str, severity: Severity, facts: Iterable[FactRow], message_vi: str,
                message_en: str, *, line: int | None = None, arithmetic: bool = False,
                indicators: Iterable[str] | None = None, name_facts: bool = True,
                suspects: Iterable[FactRow] | None = None) -> Finding:
        """Build a finding; an arithmetic hard error on an approximate value becomes a warning (rules.md §1.2).
        ``suspects``: the facts a hard finding quarantines when not all the facts it names are to blame."""
        facts = list({f.fact_id: f for f in facts}.values())
        if arithmetic and severity == "hard" and any(f.fact_id in self.approximate_ids for f in facts):
            severity = "warning"
            message_vi += " (giá trị ước tính/xấp xỉ: hạ xuống cảnh báo)"
            message_en += " (approximate value involved: downgraded to a warning)"
        codes = list(indicators) if indicators is not None else list(dict.fromkeys(f.indicator for f in facts))
        return Finding(
            rule_id=rule_id, severity=severity, indicators=codes,
            fact_ids=[f.fact_id for f in facts] if name_facts else [],
            suspect_fact_ids=None if suspects is None else [f.fact_id for f in suspects],
            line=line if line is not None else (facts[0].line if facts else None),
            message_vi=message_vi, message_en=message_en, report_id=self.report.report_id,
            file_name=self.report.file_name, reporting_unit=self.report.reporting_unit,
        )


# A code that is absent may be rebuilt from parts stated in the same report and scope (rules.md §1, indicators §2).
DERIVATIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "tthc_cases_resolved_early_or_on_time": (("tthc_cases_resolved_early", "tthc_cases_resolved_on_time"),),
    "tthc_cases_resolved": (
        ("tthc_cases_resolved_early", "tthc_cases_resolved_on_time", "tthc_cases_resolved_late"),
        ("tthc_cases_resolved_early_or_on_time", "tthc_cases_resolved_late"),
    ),
    "tthc_cases_total_to_handle": (("tthc_cases_carried_over", "tthc_cases_new"),),
    "tthc_cases_late_total": (("tthc_cases_resolved_late", "tthc_cases_in_progress_overdue"),),
    "tthc_cases_due": (("tthc_cases_resolved_early_or_on_time", "tthc_cases_late_total"),),
    "online_services_level3_4_total": (("online_services_level3", "online_services_level4"),),
}


def is_approximate(f: FactRow) -> bool:
    """W9: the qualifier is kept in the note, or the quote puts one right before the value."""
    if f.note and _NOTE_APPROXIMATE.search(f.note):
        return True
    for text in (f.locator or "", f.snippet or "", f.note or ""):
        for m in _QUALIFIED_NUMBER.finditer(text):
            if _matches_value(m.group(2), f.value):
                return True
        for m in _ROUNDED_MULTIPLIER.finditer(text):
            num = parse_vn_number(m.group(1))
            if num is not None and not float(num).is_integer() and _matches_value(m.group(1), f.value):
                return True
    return False


def qualifier_of(f: FactRow) -> str | None:
    for text in (f.locator or "", f.snippet or "", f.note or ""):
        for m in _QUALIFIED_NUMBER.finditer(text):
            if _matches_value(m.group(2), f.value):
                return m.group(0).strip()
    if f.note:
        m = _NOTE_APPROXIMATE.search(f.note)
        if m:
            return m.group(0)
    return None


def _matches_value(written: str, value: float) -> bool:
    num = parse_vn_number(written.rstrip(".,"))
    if num is None:
        return False
    return any(same_number(num * s, value, 1e-4) for s in _SCALES)


Rule = Callable[[ReportFacts], list[Finding]]
