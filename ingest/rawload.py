"""Load extraction results into the raw schema: one transaction per file, idempotent per file sha256."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from ingest.models import ExtractionResult
from ingest.quarters import Quarter

log = logging.getLogger(__name__)
SCHEMA_SQL = Path(__file__).with_name("sql") / "warehouse_schema.sql"


def ensure_schema(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(hashtext('cchc_schema'))")
        try:
            conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        finally:
            conn.execute("select pg_advisory_unlock(hashtext('cchc_schema'))")


def batch_quarter_of(result: ExtractionResult) -> str | None:
    """The warehouse quarter a report is filed under (rules §2.4), else the calendar quarter of its window end
    (auxiliary year-to-date reports such as an 8-month report), else None (period unknown)."""
    meta = result.report
    if meta is None:
        return None
    end = meta.data_window.to if meta.data_window else None
    if meta.report_quarter and meta.year:
        return f"{meta.year}Q{meta.report_quarter}"
    if end:
        return str(Quarter.of(end))
    return None


REPORT_COLUMNS = (
    "report_id", "file_name", "batch_quarter", "reporting_unit", "unit_level", "province", "district",
    "period_label", "period_type", "period_year", "period_quarter", "months_covered", "window_from", "window_to",
    "window_source", "is_cumulative", "report_quarter", "report_date", "report_json",
)
FACT_COLUMNS = ("fact_id", "report_id", "ordinal", "batch_quarter", "indicator", "scope", "value", "unit", "source",
                "line", "locator", "snippet", "note")
ISSUE_COLUMNS = ("report_id", "ordinal", "batch_quarter", "code", "severity", "message", "line")


def report_row(result: ExtractionResult, quarter: str) -> tuple:
    """raw.reports values (REPORT_COLUMNS) of an accepted file."""
    meta = result.report
    assert meta is not None
    window = meta.data_window
    return (
        result.sha256, result.file, quarter, meta.reporting_unit, meta.unit_level, meta.province,
        meta.district, meta.period_label, meta.period_type, meta.year, meta.quarter, meta.months_covered,
        window.from_ if window else None, window.to if window else None, meta.window_source,
        meta.cumulative, meta.report_quarter, meta.report_date,
        json.dumps(meta.model_dump(mode="json", by_alias=True), ensure_ascii=False),
    )


def fact_rows(result: ExtractionResult, quarter: str) -> list[tuple]:
    """raw.facts values (FACT_COLUMNS), one per fact, ids ``<sha256>:<ordinal>``."""
    return [
        (f"{result.sha256}:{i}", result.sha256, i, quarter, f.indicator, f.scope, f.value, f.unit, f.source, f.line,
         f.locator, f.snippet, f.note)
        for i, f in enumerate(result.facts)
    ]


def issue_rows(result: ExtractionResult, quarter: str) -> list[tuple]:
    """raw.extraction_issues values (ISSUE_COLUMNS)."""
    return [(result.sha256, i, quarter, x.code, x.severity, x.message, x.line) for i, x in enumerate(result.issues)]


@dataclass
class LoadSummary:
    loaded: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    facts: int = 0

    def as_dict(self) -> dict:
        return {"loaded": self.loaded, "quarantined": self.quarantined, "facts": self.facts}


def load_result(conn: psycopg.Connection, result: ExtractionResult, path: Path, quarter: str, run_id: str) -> bool:
    """Write one file's extraction; returns True when it landed in raw, False when it went to quarantine."""
    size = path.stat().st_size if path.exists() else 0
    reason = result.error if result.status == "rejected" else None
    if reason is None and batch_quarter_of(result) is None:
        reason = f"{result.file}: the report period could not be determined (no period label or data window)"
    with conn.transaction():
        conn.execute(
            """insert into raw.files
                 (file_sha256, file_name, file_path, size_bytes, status, error, batch_quarter, run_id)
               values (%s, %s, %s, %s, %s, %s, %s, %s)
               on conflict (file_sha256) do update set file_name = excluded.file_name,
                 file_path = excluded.file_path, status = excluded.status, error = excluded.error,
                 batch_quarter = excluded.batch_quarter, run_id = excluded.run_id""",
            (result.sha256, result.file, str(path), size, "rejected" if reason else "ok", reason, quarter, run_id),
        )
        if reason:
            conn.execute("delete from raw.reports where report_id = %s", (result.sha256,))
            conn.execute(
                """insert into quarantine.files (file_sha256, file_name, batch_quarter, reason)
                   values (%s, %s, %s, %s)
                   on conflict (file_sha256) do update set reason = excluded.reason,
                     batch_quarter = excluded.batch_quarter, quarantined_at = now()""",
                (result.sha256, result.file, quarter, reason),
            )
            return False
        conn.execute("delete from quarantine.files where file_sha256 = %s", (result.sha256,))
        # facts and issues are replaced; the report row is upserted so that its loaded_at stays the time the
        # warehouse first saw the file: a rerun must not change which resubmission is the latest
        conn.execute("delete from raw.facts where report_id = %s", (result.sha256,))
        conn.execute("delete from raw.extraction_issues where report_id = %s", (result.sha256,))
        conn.execute(
            f"""insert into raw.reports ({", ".join(REPORT_COLUMNS)})
               values ({", ".join(["%s"] * len(REPORT_COLUMNS))})
               on conflict (report_id) do update set
                 {", ".join(f"{c} = excluded.{c}" for c in REPORT_COLUMNS[1:])}""",
            report_row(result, quarter),
        )
        with conn.cursor() as cur:
            cur.executemany(
                f"""insert into raw.facts ({", ".join(FACT_COLUMNS)})
                   values ({", ".join(["%s"] * len(FACT_COLUMNS))})""",
                fact_rows(result, quarter),
            )
            cur.executemany(
                f"""insert into raw.extraction_issues ({", ".join(ISSUE_COLUMNS)})
                   values ({", ".join(["%s"] * len(ISSUE_COLUMNS))})""",
                issue_rows(result, quarter),
            )
    return True


def load_results(url: str, items: list[tuple[Path, ExtractionResult]], quarter: str, run_id: str) -> LoadSummary:
    summary = LoadSummary()
    with psycopg.connect(url) as conn:
        for path, result in items:
            if load_result(conn, result, path, quarter, run_id):
                summary.loaded.append(result.file)
                summary.facts += len(result.facts)
            else:
                summary.quarantined.append(result.file)
    log.info("quarter %s: %d reports loaded (%d facts), %d files quarantined", quarter,
             len(summary.loaded), summary.facts, len(summary.quarantined))
    return summary
