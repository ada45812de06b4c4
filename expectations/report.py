"""``cchc validate --quarter 2023Q2 [--format json]``: the gate's verdicts of a quarter, per reporting unit."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import TextIO

import psycopg
from psycopg.rows import dict_row

from expectations.models import Finding


def validation_report(warehouse_url: str, quarter: str) -> list[Finding]:
    """The quarter's findings, ordered by file, line and rule."""
    with psycopg.connect(warehouse_url) as conn, conn.cursor(row_factory=dict_row) as cur:
        cur.execute("""select rule_id, severity, indicators, fact_ids, line, message_vi, message_en, report_id,
                              file_name, reporting_unit
                       from quality.findings where batch_quarter = %s
                       order by file_name nulls first, line nulls first, rule_id, finding_id""", (quarter,))
        return [Finding(**r) for r in cur.fetchall()]


def _unit_rows(warehouse_url: str, quarter: str) -> list[dict]:
    with psycopg.connect(warehouse_url) as conn, conn.cursor(row_factory=dict_row) as cur:
        cur.execute("""select r.report_id, r.file_name, r.reporting_unit, rs.status,
                              count(fs.fact_id) filter (where fs.status = 'accepted') as accepted,
                              count(fs.fact_id) filter (where fs.status = 'warning') as warnings,
                              count(fs.fact_id) filter (where fs.status = 'rejected') as rejected
                       from raw.reports r
                       left join quality.report_status rs on rs.report_id = r.report_id
                       left join quality.fact_status fs on fs.report_id = r.report_id
                       where r.batch_quarter = %s
                       group by r.report_id, r.file_name, r.reporting_unit, rs.status
                       order by r.file_name""", (quarter,))
        return cur.fetchall()


def finding_item(f: Finding) -> dict:
    return {"file": f.file_name, "unit": f.reporting_unit, "rule": f.rule_id, "severity": f.severity,
            "indicators": f.indicators, "line": f.line, "message": f.message_en, "message_vi": f.message_vi}


def render_text(units: list[dict], findings: list[Finding], out: TextIO) -> None:
    by_report: dict[str | None, list[Finding]] = defaultdict(list)
    for f in findings:
        by_report[f.report_id].append(f)
    for u in units:
        status = u["status"] or "not checked"
        out.write(f"{u['file_name']} · {u['reporting_unit'] or '?'}: {status} — {u['accepted']} passed, "
                  f"{u['warnings']} with warnings, {u['rejected']} rejected\n")
        fs = by_report.get(u["report_id"], [])
        for severity, label in (("hard", "rejected"), ("warning", "warnings")):
            lines = sorted({f.line for f in fs if f.severity == severity and f.line is not None})
            if lines:
                out.write(f"  {label}: check lines {', '.join(map(str, lines))}\n")
        for f in fs:
            where = f"line {f.line}" if f.line is not None else "report"
            out.write(f"  [{f.severity} {f.rule_id}] {where}: {f.message_en}\n    {f.message_vi}\n")
    other = by_report.get(None, [])
    for f in other:
        out.write(f"[{f.severity} {f.rule_id}] {f.message_en}\n")


def cmd_validate(quarter: str, fmt: str = "text", warehouse_url: str | None = None, out: TextIO | None = None) -> int:
    """Print the quarter's verdicts. Exit 0 = no hard error, 1 = hard errors found, 2 = the gate has not run."""
    from ingest.warehouse import warehouse_url as default_url

    out = out or sys.stdout
    url = warehouse_url or default_url()
    try:
        findings = validation_report(url, quarter)
        units = _unit_rows(url, quarter)
    except psycopg.errors.UndefinedTable:
        units, findings = [], []
    checked = [u for u in units if u["status"] is not None]
    if fmt == "json":
        json.dump([finding_item(f) for f in findings], out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        if not checked:
            out.write(f"{quarter}: no gate results (run the pipeline for this quarter first)\n")
        render_text(units, findings, out)
    if not checked and not findings:
        return 2
    return 1 if any(f.severity == "hard" for f in findings) else 0
