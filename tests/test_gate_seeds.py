"""The gate on the hand-checked extractions of seeds 000, 002 and 003: loaded as if extracted (gold report +
facts, snippet = the seed line, plus the issues the real extractor raises on the seed: metadata W10/H7 and the
document lint's D codes), gated, then compared with the gold quality_issues.

An issue counts as caught when a finding of the same file names one of its indicators (when the issue names
none: a finding that names none either) and lies within LINE_WINDOW lines of it (the finding's line or a line
of a fact it names).
Issues that name no indicator are about the text itself (headings, spelling, numbering, citations, blank
dates): the gate sees them through the extractor's issues. Both rates are asserted: over the issues about
figures and over all issues.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from tests.conftest import GOLD, SEEDS

LINE_WINDOW = 10
GOLD_FILES = ("000_", "002_", "003_")
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared (gold) not present")


def _as_extracted(gold: dict, seed: Path):
    from ingest.extract import extract_file
    from ingest.models import DataWindow, ExtractionResult, Fact, ReportMeta

    lines = seed.read_text(encoding="utf-8").split("\n")
    r = gold["report"]
    w = r.get("data_window")
    meta = ReportMeta(
        reporting_unit=r["reporting_unit"], unit_level=r["unit_level"], province=r["province"],
        district=r.get("district"), period_label=r["period_label"], period_type=r["period_type"], year=r["year"],
        quarter=r.get("quarter"), months_covered=r.get("months_covered") or [],
        data_window=DataWindow(**{"from": w["from"], "to": w["to"]}) if w else None, report_date=r.get("report_date"))
    facts = [Fact(indicator=f["indicator"], scope=f["scope"], value=f["value"], unit=f["unit"], source=f["source"],
                  line=f["line"], snippet=lines[f["line"] - 1].strip(), locator=f.get("locator"), note=f.get("note"))
             for f in gold["facts"]]
    extracted = extract_file(seed)
    assert extracted.status == "ok", extracted.error
    return ExtractionResult(file=gold["file"], sha256=gold["file"].split("_")[1].split(".")[0] * 4, status="ok",
                            report=meta, facts=facts, issues=extracted.issues)


def _caught(issue: dict, findings: list[dict], fact_lines: dict[str, int]) -> list[str]:
    """The rule ids of the findings that catch the issue (none: missed)."""
    rules = []
    wanted = set(issue["indicators"])
    for f in findings:
        if wanted and not wanted & set(f["indicators"]):
            continue
        if not wanted and f["indicators"]:
            continue  # a text issue is only matched by a finding about the text, not by a nearby figure
        lines = [x for x in [f["line"], *(fact_lines.get(i) for i in f["fact_ids"])] if x is not None]
        if lines and min(abs(x - issue["line"]) for x in lines) <= LINE_WINDOW:
            rules.append(f["rule"])
    return sorted(set(rules))


def test_gate_flags_the_gold_quality_issues(fresh_db, tmp_path):
    from expectations.raw_gate import run_raw_gate
    from ingest.rawload import batch_quarter_of, ensure_schema, load_result

    ensure_schema(fresh_db)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))
             if p.name.startswith(GOLD_FILES)]
    assert len(golds) == 3
    quarters = set()
    with psycopg.connect(fresh_db) as conn:
        for gold in golds:
            seed = SEEDS / gold["file"]
            result = _as_extracted(gold, seed)
            quarter = batch_quarter_of(result)
            quarters.add(quarter)
            assert load_result(conn, result, seed, quarter, "seed-run")
    for q in sorted(quarters):
        summary = run_raw_gate(fresh_db, q, "seed-run", tmp_path / q)
        assert summary.success and summary.reports_rejected == 0

    with psycopg.connect(fresh_db) as conn:
        rows = conn.execute("select file_name, rule_id, severity, indicators, fact_ids, line from quality.findings"
                            ).fetchall()
        fact_lines = dict(conn.execute("select fact_id, line from raw.facts").fetchall())
        statuses = dict(conn.execute("select status, count(*) from quality.fact_status group by status").fetchall())
    findings: dict[str, list[dict]] = {}
    for file_name, rule, sev, inds, fids, line in rows:
        findings.setdefault(file_name, []).append(
            {"rule": rule, "severity": sev, "indicators": inds, "fact_ids": fids, "line": line})

    figure_total = figure_caught = total = caught = 0
    for gold in golds:
        for issue in gold["quality_issues"]:
            rules = _caught(issue, findings.get(gold["file"], []), fact_lines)
            ok = bool(rules)
            total += 1
            caught += ok
            if issue["indicators"]:
                figure_total += 1
                figure_caught += ok
            print(f"{'CAUGHT' if ok else 'missed'} {gold['file'][:3]} line {issue['line']} ({', '.join(rules)}): "
                  f"{issue['description'][:90]}")
    print(f"catch rate, issues about figures: {figure_caught}/{figure_total} = {figure_caught / figure_total:.0%}; "
          f"all issues: {caught}/{total} = {caught / total:.0%}; fact verdicts {statuses}")
    assert figure_caught / figure_total >= 0.9
    assert caught / total >= 0.9
    # Document-level issues (X:D…) are warnings about the text: they never name, let alone reject, a figure.
    doc_findings = [f for fs in findings.values() for f in fs if f["rule"].startswith("X:D")]
    assert doc_findings and all(f["severity"] == "warning" and not f["fact_ids"] for f in doc_findings)
    # The gate is not a blanket: most hand-checked facts are published as they are.
    assert statuses.get("accepted", 0) > statuses.get("rejected", 0)
