"""Pydantic records the gate reads and writes: rows of raw.*, findings, verdicts and the run summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["hard", "warning"]
Status = Literal["accepted", "warning", "rejected"]


class ReportRow(BaseModel):
    """One row of ``raw.reports`` (the fields the gate uses)."""

    report_id: str
    file_name: str
    batch_quarter: str
    reporting_unit: str | None = None
    unit_level: str | None = None
    province: str | None = None
    district: str | None = None
    period_label: str | None = None
    period_type: str | None = None
    period_year: int | None = None
    period_quarter: int | None = None
    months_covered: list[int] = Field(default_factory=list)
    window_from: date | None = None
    window_to: date | None = None
    window_source: str | None = None
    is_cumulative: bool | None = None
    report_quarter: int | None = None
    report_date: date | None = None


class FactRow(BaseModel):
    """One row of ``raw.facts``."""

    fact_id: str
    report_id: str
    indicator: str
    scope: str
    value: float
    unit: str
    source: str
    line: int
    locator: str | None = None
    snippet: str = ""
    note: str | None = None


class IssueRow(BaseModel):
    """One row of ``raw.extraction_issues``."""

    report_id: str
    ordinal: int
    code: str
    severity: str
    message: str
    line: int | None = None


class Finding(BaseModel):
    """One rule violation or warning, in Vietnamese and English, with the facts it names."""

    rule_id: str
    severity: Severity
    indicators: list[str] = Field(default_factory=list)
    fact_ids: list[str] = Field(default_factory=list)
    # the facts a hard finding quarantines; None = all it names. The others are published with a warning
    # (e.g. a stated rate that contradicts its counts: the rate is the suspect, the counts stay).
    suspect_fact_ids: list[str] | None = None
    line: int | None = None
    message_vi: str
    message_en: str
    report_id: str | None = None
    file_name: str | None = None
    reporting_unit: str | None = None

    def rejects(self, fact_id: str) -> bool:
        return self.severity == "hard" and fact_id in (
            self.fact_ids if self.suspect_fact_ids is None else self.suspect_fact_ids)

    def sort_key(self) -> tuple:
        return (self.report_id or "", self.line or 0, self.rule_id, self.indicators, self.fact_ids, self.message_en)


class GateSummary(BaseModel):
    """What one gate run did; ``success`` is False only when the gate itself says the run must fail."""

    gate: Literal["raw", "mart"]
    quarter: str
    run_id: str
    success: bool
    reports: int = 0
    reports_rejected: int = 0
    facts: int = 0
    facts_accepted: int = 0
    facts_warning: int = 0
    facts_rejected: int = 0
    findings_hard: int = 0
    findings_warning: int = 0
    gx_success: bool | None = Field(default=None, description="True when every GX expectation passed")
    failed_checks: list[str] = Field(default_factory=list)
    docs_index: Path | None = None


class MartGateFailed(RuntimeError):
    """Raised by ``run_mart_gate`` when the published marts break a rule: the pipeline must fail the run."""

    def __init__(self, summary: GateSummary):
        super().__init__(f"mart gate failed for {summary.quarter}: {', '.join(summary.failed_checks)}")
        self.summary = summary
