"""Indicator facts from appendix tables and narrative text."""

from __future__ import annotations

from ingest.models import Document, Fact, ReportMeta


def extract_facts(doc: Document, meta: ReportMeta) -> list[Fact]:
    return []
