"""The raw gate: GX checkpoint on raw.reports / raw.facts of one quarter, the cross-fact rules of rules.md §1,
then the verdicts written to quality.* and quarantine.* (previous rows of the quarter replaced: idempotent).

A report whose metadata breaks a hard expectation is quarantined whole (all its facts rejected); a fact named
by a hard finding is rejected; a fact named only by warnings is published with them. One bad unit never fails
the quarter: the summary's ``success`` stays True unless the gate itself cannot run.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from expectations.gx_context import dispose_engines, docs_index, make_context
from expectations.models import FactRow, Finding, GateSummary, IssueRow, ReportRow
from expectations.numbers import fmt_en, fmt_vi
from expectations.rules import RULE_TEXT, ReportFacts, evaluate_report
from expectations.suites import build_raw_checkpoint
from ingest.rawload import ensure_schema

log = logging.getLogger(__name__)
MAX_REASON = 4000


class GateError(RuntimeError):
    """The gate could not judge the quarter (a GX expectation raised, the database is unreachable…)."""


# -- loading ---------------------------------------------------------------------------------------------------

def load_quarter(conn: psycopg.Connection, quarter: str) -> tuple[list[ReportRow], list[FactRow], list[IssueRow]]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("""select report_id, file_name, batch_quarter, reporting_unit, unit_level, province, district,
                              period_label, period_type, period_year, period_quarter,
                              coalesce(months_covered, '{}') as months_covered, window_from, window_to,
                              window_source, is_cumulative, report_quarter, report_date
                       from raw.reports where batch_quarter = %s order by report_id""", (quarter,))
        reports = [ReportRow(**r) for r in cur.fetchall()]
        cur.execute("""select fact_id, report_id, indicator, scope, value, unit, source, line, locator, snippet, note
                       from raw.facts where batch_quarter = %s order by report_id, ordinal""", (quarter,))
        facts = [FactRow(**r) for r in cur.fetchall()]
        cur.execute("""select report_id, ordinal, code, severity, message, line from raw.extraction_issues
                       where batch_quarter = %s order by report_id, ordinal""", (quarter,))
        issues = [IssueRow(**r) for r in cur.fetchall()]
    return reports, facts, issues


# -- GX checkpoint -> findings ---------------------------------------------------------------------------------

def run_checkpoint(warehouse_url: str, quarter: str, docs_dir: Path, assets: tuple[str, ...] = ("raw_reports",
                   "raw_facts")) -> tuple[bool, list[dict[str, Any]]]:
    """Run the raw checkpoint for the quarter; one record per failing (expectation, row)."""
    if not assets:
        return True, []
    ctx = make_context(docs_dir)
    try:
        checkpoint = build_raw_checkpoint(ctx, warehouse_url, assets)
        result = checkpoint.run(batch_parameters={"batch_quarter": quarter})
    finally:
        dispose_engines(ctx)
    failures: list[dict[str, Any]] = []
    for vr in result.run_results.values():
        for r in vr.results:
            cfg = r.expectation_config
            exc = (r.exception_info or {}) if hasattr(r, "exception_info") else {}
            if exc.get("raised_exception"):
                raise GateError(f"GX expectation {cfg.type} raised: {exc.get('exception_message')}")
            if r.success:
                continue
            meta = cfg.meta or {}
            severity = "warning" if str(getattr(cfg.severity, "value", cfg.severity)) == "warning" else "hard"
            for row in r.result.get("unexpected_index_list") or []:
                failures.append({"rule_id": meta.get("rule_id", cfg.type), "severity": severity,
                                 "column": meta.get("column"), "expectation": cfg.type,
                                 "report_id": row.get("report_id"), "fact_id": row.get("fact_id"),
                                 "kwargs": {k: v for k, v in cfg.kwargs.items() if k != "batch_id"}})
    return bool(result.success), failures


_META_FIELDS = {"M1": "reporting_unit", "M2": "unit_level", "M3": "province", "M4": "period_type",
                "M5": "period_year", "M6": "data_window", "H10": "unit_level/window_from"}


def _report_finding(rep: ReportRow, rule_id: str) -> Finding:
    field = _META_FIELDS.get(rule_id, rule_id)
    value = {"M1": rep.reporting_unit, "M2": rep.unit_level, "M3": rep.province, "M4": rep.period_type,
             "M5": rep.period_year, "M6": f"{rep.window_from} → {rep.window_to}",
             "H10": f"{rep.unit_level}, {rep.window_from}"}.get(rule_id)
    title_vi, title_en = RULE_TEXT.get(rule_id, (rule_id, rule_id))
    return Finding(
        rule_id=rule_id, severity="hard", line=None,
        message_vi=f"Siêu dữ liệu báo cáo không hợp lệ ({title_vi}): {field} = {value!r}; cả báo cáo bị cách ly",
        message_en=f"Report metadata invalid ({title_en}): {field} = {value!r}; the whole report is quarantined",
        report_id=rep.report_id, file_name=rep.file_name, reporting_unit=rep.reporting_unit)


def _fact_finding(rep: ReportRow | None, fact: FactRow, rule_id: str, severity: str, catalog_unit: str | None,
                  ) -> Finding:
    v_vi, v_en = fmt_vi(fact.value), fmt_en(fact.value)
    msgs = {
        "F1": (f"Mã chỉ tiêu \"{fact.indicator}\" không có trong danh mục",
               f"Indicator code \"{fact.indicator}\" is not in the catalogue"),
        "F2": (f"{fact.indicator}: đơn vị \"{fact.unit}\" khác đơn vị của mã \"{catalog_unit}\"",
               f"{fact.indicator}: unit \"{fact.unit}\" differs from the code's unit \"{catalog_unit}\""),
        "W8": (f"{fact.indicator}: đơn vị \"{fact.unit}\" khác đơn vị của mã \"{catalog_unit}\" (cùng là số đếm)",
               f"{fact.indicator}: unit \"{fact.unit}\" differs from the code's unit \"{catalog_unit}\" (both counts)"),
        "H1": (f"Tỷ lệ ngoài 0–100: {fact.indicator} = {v_vi}%", f"Percentage outside 0–100: {fact.indicator} = "
               f"{v_en}%"),
        "F3": (f"Số đếm âm hoặc không nguyên: {fact.indicator} = {v_vi}",
               f"Count negative or not whole: {fact.indicator} = {v_en}"),
        "H6": (f"Mã trạng thái ngoài danh mục: {fact.indicator} = {v_vi}",
               f"Status code outside its code list: {fact.indicator} = {v_en}"),
        "F4": (f"Phạm vi/nguồn không hợp lệ: {fact.scope} / {fact.source}",
               f"Invalid scope or source: {fact.scope} / {fact.source}"),
        "H10": (f"Số liệu cấp huyện trong kỳ bắt đầu từ 01/7/2025: {fact.indicator} = {v_vi}",
                f"District-tier figure in a window starting on or after 1 July 2025: {fact.indicator} = {v_en}"),
    }
    vi, en = msgs.get(rule_id, (f"{rule_id}: {fact.indicator} = {v_vi}", f"{rule_id}: {fact.indicator} = {v_en}"))
    return Finding(rule_id=rule_id, severity=severity, indicators=[fact.indicator], fact_ids=[fact.fact_id],
                   line=fact.line, message_vi=vi, message_en=en, report_id=fact.report_id,
                   file_name=rep.file_name if rep else None, reporting_unit=rep.reporting_unit if rep else None)


# -- verdicts --------------------------------------------------------------------------------------------------

def _join(parts: list[str]) -> str | None:
    text = " | ".join(dict.fromkeys(parts))
    return text[:MAX_REASON] if text else None


def decide(reports: list[ReportRow], facts: list[FactRow], findings: list[Finding],
           quarantined: dict[str, list[Finding]]) -> tuple[dict[str, dict], dict[str, dict]]:
    """Fact and report verdicts from the findings."""
    by_fact: dict[str, list[Finding]] = defaultdict(list)
    by_report: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        for fid in f.fact_ids:
            by_fact[fid].append(f)
        if f.report_id:
            by_report[f.report_id].append(f)
    fact_status: dict[str, dict] = {}
    for fact in facts:
        if fact.report_id in quarantined:
            fs = quarantined[fact.report_id] + by_fact.get(fact.fact_id, [])
            status = "rejected"
        else:
            fs = by_fact.get(fact.fact_id, [])
            status = "rejected" if any(x.rejects(fact.fact_id) for x in fs) else "warning" if fs else "accepted"
        relevant = [x for x in fs if x.rejects(fact.fact_id)] if status == "rejected" else fs
        fact_status[fact.fact_id] = {
            "status": status, "rule_ids": sorted({x.rule_id for x in fs}),
            "reason_vi": _join([x.message_vi for x in relevant]), "reason_en": _join([x.message_en for x in relevant]),
            "hard_rule_ids": sorted({x.rule_id for x in relevant if x.rejects(fact.fact_id)}),
        }
    report_status: dict[str, dict] = {}
    for rep in reports:
        fs = by_report.get(rep.report_id, [])
        if rep.report_id in quarantined:
            status = "rejected"
            fs = quarantined[rep.report_id]
        else:
            status = "warning" if fs else "accepted"
        report_status[rep.report_id] = {
            "status": status, "rule_ids": sorted({x.rule_id for x in fs}),
            "reason_vi": _join([x.message_vi for x in fs if x.severity == "hard"] or [x.message_vi for x in fs]),
            "reason_en": _join([x.message_en for x in fs if x.severity == "hard"] or [x.message_en for x in fs]),
        }
    return fact_status, report_status


# -- writing ---------------------------------------------------------------------------------------------------

def write_verdicts(conn: psycopg.Connection, quarter: str, run_id: str, reports: list[ReportRow],
                   facts: list[FactRow], findings: list[Finding], fact_status: dict[str, dict],
                   report_status: dict[str, dict], quarantined: dict[str, list[Finding]]) -> None:
    rep_by_id = {r.report_id: r for r in reports}
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("delete from quality.findings where batch_quarter = %s", (quarter,))
        cur.execute("delete from quality.fact_status where batch_quarter = %s", (quarter,))
        cur.execute("delete from quality.report_status where batch_quarter = %s", (quarter,))
        cur.execute("delete from quarantine.facts where batch_quarter = %s", (quarter,))
        cur.execute("delete from quarantine.reports where batch_quarter = %s", (quarter,))
        cur.executemany(
            """insert into quality.findings (batch_quarter, run_id, report_id, file_name, reporting_unit, rule_id,
                   severity, indicators, fact_ids, line, message_vi, message_en)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            [(quarter, run_id, f.report_id, f.file_name, f.reporting_unit, f.rule_id, f.severity,
              list(dict.fromkeys(f.indicators)), list(dict.fromkeys(f.fact_ids)), f.line, f.message_vi,
              f.message_en) for f in findings])
        cur.executemany(
            """insert into quality.fact_status (fact_id, report_id, batch_quarter, status, rule_ids, reason_vi,
                   reason_en) values (%s, %s, %s, %s, %s, %s, %s)
               on conflict (fact_id) do update set report_id = excluded.report_id,
                   batch_quarter = excluded.batch_quarter, status = excluded.status, rule_ids = excluded.rule_ids,
                   reason_vi = excluded.reason_vi, reason_en = excluded.reason_en, checked_at = now()""",
            [(f.fact_id, f.report_id, quarter, s["status"], s["rule_ids"], s["reason_vi"], s["reason_en"])
             for f in facts for s in [fact_status[f.fact_id]]])
        cur.executemany(
            """insert into quality.report_status (report_id, batch_quarter, status, rule_ids, reason_vi, reason_en)
               values (%s, %s, %s, %s, %s, %s)
               on conflict (report_id) do update set batch_quarter = excluded.batch_quarter,
                   status = excluded.status, rule_ids = excluded.rule_ids, reason_vi = excluded.reason_vi,
                   reason_en = excluded.reason_en, checked_at = now()""",
            [(rid, quarter, s["status"], s["rule_ids"], s["reason_vi"], s["reason_en"])
             for rid, s in report_status.items()])
        cur.executemany(
            """insert into quarantine.reports (report_id, file_name, batch_quarter, reporting_unit, rule_ids,
                   reason_vi, reason_en) values (%s, %s, %s, %s, %s, %s, %s)""",
            [(rid, rep_by_id[rid].file_name, quarter, rep_by_id[rid].reporting_unit,
              sorted({x.rule_id for x in fs}), _join([x.message_vi for x in fs]) or "",
              _join([x.message_en for x in fs]) or "") for rid, fs in sorted(quarantined.items())])
        cur.executemany(
            """insert into quarantine.facts (fact_id, report_id, batch_quarter, indicator, scope, value, line,
                   snippet, rule_ids, reason_vi, reason_en) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            [(f.fact_id, f.report_id, quarter, f.indicator, f.scope, f.value, f.line, f.snippet,
              fact_status[f.fact_id]["rule_ids"], fact_status[f.fact_id]["reason_vi"] or "",
              fact_status[f.fact_id]["reason_en"] or "")
             for f in facts if fact_status[f.fact_id]["status"] == "rejected"])


# -- the gate --------------------------------------------------------------------------------------------------

def evaluate_quarter(reports: list[ReportRow], facts: list[FactRow], issues: list[IssueRow],
                     gx_failures: list[dict[str, Any]]) -> tuple[list[Finding], dict[str, list[Finding]]]:
    """All findings of the quarter and the quarantined reports (report_id → the findings that quarantine it)."""
    from ingest.catalog import load_catalog

    catalog = load_catalog()
    rep_by_id = {r.report_id: r for r in reports}
    fact_by_id = {f.fact_id: f for f in facts}
    findings: list[Finding] = []
    quarantined: dict[str, list[Finding]] = defaultdict(list)
    seen: set[tuple] = set()
    for fail in gx_failures:
        key = (fail["rule_id"], fail["report_id"], fail["fact_id"], fail["severity"])
        if key in seen:
            continue
        seen.add(key)
        if fail["fact_id"] is None:
            rep = rep_by_id.get(fail["report_id"])
            if rep is None:
                continue
            f = _report_finding(rep, fail["rule_id"])
            findings.append(f)
            quarantined[rep.report_id].append(f)
        else:
            fact = fact_by_id.get(fail["fact_id"])
            if fact is None:
                continue
            ind = catalog.get(fact.indicator)
            findings.append(_fact_finding(rep_by_id.get(fact.report_id), fact, fail["rule_id"], fail["severity"],
                                          ind.unit if ind else None))
    facts_by_report: dict[str, list[FactRow]] = defaultdict(list)
    for f in facts:
        facts_by_report[f.report_id].append(f)
    issues_by_report: dict[str, list[IssueRow]] = defaultdict(list)
    for i in issues:
        issues_by_report[i.report_id].append(i)
    for rep in reports:
        if rep.report_id in quarantined:
            continue
        try:
            findings.extend(evaluate_report(ReportFacts(rep, facts_by_report[rep.report_id],
                                                        issues_by_report[rep.report_id])))
        except Exception as exc:  # one unit's failure never stops the quarter: quarantine it, loudly
            log.exception("gate rules failed on %s", rep.file_name)
            f = Finding(rule_id="GATE", severity="hard", message_vi=f"Cổng kiểm tra lỗi khi xét báo cáo: {exc}",
                        message_en=f"The gate failed while checking this report: {exc}", report_id=rep.report_id,
                        file_name=rep.file_name, reporting_unit=rep.reporting_unit)
            findings.append(f)
            quarantined[rep.report_id].append(f)
    return sorted(findings, key=Finding.sort_key), dict(quarantined)


def run_raw_gate(warehouse_url: str, quarter: str, run_id: str, docs_dir: Path) -> GateSummary:
    """Validate the quarter's raw reports and facts; write quality.* / quarantine.*; build Data Docs."""
    ensure_schema(warehouse_url)
    with psycopg.connect(warehouse_url) as conn:
        reports, facts, issues = load_quarter(conn, quarter)
    assets = tuple(name for name, rows in (("raw_reports", reports), ("raw_facts", facts)) if rows)
    gx_success, failures = run_checkpoint(warehouse_url, quarter, Path(docs_dir), assets)
    findings, quarantined = evaluate_quarter(reports, facts, issues, failures)
    fact_status, report_status = decide(reports, facts, findings, quarantined)
    with psycopg.connect(warehouse_url) as conn:
        write_verdicts(conn, quarter, run_id, reports, facts, findings, fact_status, report_status, quarantined)
    statuses = [s["status"] for s in fact_status.values()]
    return GateSummary(
        gate="raw", quarter=quarter, run_id=run_id, success=True, reports=len(reports),
        reports_rejected=len(quarantined), facts=len(facts), facts_accepted=statuses.count("accepted"),
        facts_warning=statuses.count("warning"), facts_rejected=statuses.count("rejected"),
        findings_hard=sum(f.severity == "hard" for f in findings),
        findings_warning=sum(f.severity == "warning" for f in findings), gx_success=gx_success,
        failed_checks=sorted({f["rule_id"] for f in failures}), docs_index=docs_index(docs_dir),
    )
