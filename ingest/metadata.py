"""Report metadata: unit, level, province, period, data window, report date."""

from __future__ import annotations

from ingest.models import Document, ExtractionIssue, ReportMeta


def extract_metadata(doc: Document) -> tuple[ReportMeta, list[ExtractionIssue]]:
    return ReportMeta(), []
