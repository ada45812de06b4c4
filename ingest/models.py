"""Pydantic models at the package's boundaries: the extraction contract and the load rows.

The JSON printed by ``cchc extract --format json`` is ``ExtractionResult.model_dump(mode="json")``
for each input file; the raw tables hold exactly these objects.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

UnitLevel = Literal["province_office", "province_department", "district", "commune"]
PeriodType = Literal["month", "quarter", "half_year", "months_ytd", "year", "multi_year", "unknown"]
Scope = Literal["all", "district_level", "commune_level", "province_level", "center"]
Source = Literal["appendix", "narrative"]
WindowSource = Literal["explicit", "end_only", "label_default"]


class Line(BaseModel):
    """One line of a document as the extractor sees it (after NFC normalisation)."""

    model_config = ConfigDict(frozen=True)

    no: int = Field(description="1-based line number in the rendered text")
    text: str
    locator: str | None = Field(
        default=None, description="Position in the source container: 'p12', 't2.r5', 'Sheet1!A7', 'page 3'"
    )
    in_table: bool = Field(default=False, description="True when the line is a row of a real table")


class Document(BaseModel):
    """A report read from disk: its lines in reading order."""

    path: str
    format: Literal["txt", "md", "html", "docx", "xlsx", "pdf"]
    lines: list[Line]


class DataWindow(BaseModel):
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None

    model_config = ConfigDict(populate_by_name=True)


class ReportMeta(BaseModel):
    """The report record; the first eleven keys are those of ../shared/gold's ``report`` objects."""

    reporting_unit: str | None = None
    unit_level: UnitLevel | None = None
    province: str | None = None
    district: str | None = None
    period_label: str | None = None
    period_type: PeriodType = "unknown"
    year: int | None = None
    quarter: int | None = None
    months_covered: list[int] = Field(default_factory=list)
    data_window: DataWindow | None = None
    report_date: date | None = None
    window_source: WindowSource | None = None
    cumulative: bool | None = None
    report_quarter: int | None = None


class Fact(BaseModel):
    indicator: str
    scope: Scope = "all"
    value: float
    unit: str
    source: Source
    line: int
    snippet: str
    locator: str | None = None
    note: str | None = None


class ExtractionIssue(BaseModel):
    """Something the extractor noticed and did not guess away (contradictory period, impossible date...)."""

    code: str
    severity: Literal["error", "warning", "info"] = "warning"
    message: str
    line: int | None = None


class ExtractionResult(BaseModel):
    file: str
    sha256: str
    status: Literal["ok", "rejected"]
    error: str | None = None
    report: ReportMeta | None = None
    facts: list[Fact] = Field(default_factory=list)
    issues: list[ExtractionIssue] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)
