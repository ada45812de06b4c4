"""Indicator facts from appendix tables and narrative text.

``extract_facts`` splits the document into prose and table rows (``layout``), reads statistical-form rows
by their labels (``appendix``, ``labels``) and sentences by their phrasing (``narrative`` with the patterns of
``rules_*``), decides each figure's scope (``scope``) and returns catalogue-checked facts (``emit``).
"""

from __future__ import annotations

from ingest.models import Document, Fact, ReportMeta


def extract_facts(doc: Document, meta: ReportMeta) -> list[Fact]:
    from ingest.facts.appendix import extract_tables
    from ingest.facts.emit import finalize
    from ingest.facts.layout import split_layout
    from ingest.facts.narrative import TextUnit, extract_narrative
    from ingest.facts.scope import CENTER_RE, OWN_CASE_SCOPE, infer_unit_level

    level = meta.unit_level or infer_unit_level(doc)
    own = "center" if CENTER_RE.search((meta.reporting_unit or "").lower()) else "all"
    token = OWN_CASE_SCOPE.set(own)
    try:
        layout = split_layout(doc)
        table_drafts, table_units = extract_tables(layout.rows, level)
        units = [
            TextUnit(span=p.span, contexts=p.headings[::-1], lead=p.lead)
            for p in layout.paragraphs
            if not p.skip
        ]
        drafts = table_drafts + extract_narrative([*units, *table_units], level)
    finally:
        OWN_CASE_SCOPE.reset(token)
    return finalize(drafts)
