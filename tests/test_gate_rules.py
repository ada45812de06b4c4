"""The quality gate: one test per rule family (a planted violation caught, a clean case passed), then the GX
checkpoint and the verdict tables on a real PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import psycopg
import pytest

from expectations.models import FactRow, ReportRow
from expectations.rules import ReportFacts, evaluate_report

SCHEMA = Path(__file__).resolve().parents[1] / "ingest" / "sql" / "warehouse_schema.sql"
UNITS = {"documents", "count", "procedures", "people", "percent", "vnd_million", "flag", "level", "rank", "score"}


# -- pure rule tests ------------------------------------------------------------------------------------------

def _report(**kw) -> ReportRow:
    base = dict(report_id="r", file_name="bc.txt", batch_quarter="2023Q2", reporting_unit="UBND huyện A",
                unit_level="district", province="Tỉnh B", period_label="6 tháng đầu năm 2023",
                period_type="half_year", period_year=2023, months_covered=[1, 2, 3, 4, 5, 6],
                window_from=date(2022, 12, 15), window_to=date(2023, 6, 14), report_date=date(2023, 6, 20))
    base.update(kw)
    return ReportRow(**base)


def _facts(rows: list[tuple]) -> list[FactRow]:
    """(indicator, value, line[, scope[, source[, locator[, note]]]])"""
    from ingest.catalog import load_catalog

    cat = load_catalog()
    out = []
    for i, row in enumerate(rows):
        code, value, line, *rest = row
        scope = rest[0] if len(rest) > 0 else "all"
        source = rest[1] if len(rest) > 1 else "narrative"
        locator = rest[2] if len(rest) > 2 else None
        note = rest[3] if len(rest) > 3 else None
        out.append(FactRow(fact_id=f"r:{i}", report_id="r", indicator=code, scope=scope, value=value,
                           unit=cat[code].unit if code in cat else "count", source=source, line=line,
                           locator=locator, snippet=locator or "", note=note))
    return out


def _run(rows: list[tuple], **report) -> list:
    return evaluate_report(ReportFacts(_report(**report), _facts(rows)))


def _rules(findings, severity: str | None = None) -> set[str]:
    return {f.rule_id for f in findings if severity is None or f.severity == severity}


def test_h2_rate_contradicts_parts_and_clean_rate_passes():
    bad = _run([("tthc_on_time_rate_pct", 98.7, 10, "district_level", "appendix"),
                ("tthc_cases_resolved", 15840, 11, "district_level", "appendix"),
                ("tthc_cases_resolved_early_or_on_time", 15404, 12, "district_level", "appendix")])
    h2 = [f for f in bad if f.rule_id == "H2"]
    assert h2 and h2[0].severity == "hard" and "97,25" in h2[0].message_vi and "97.25" in h2[0].message_en
    assert set(h2[0].fact_ids) == {"r:0", "r:1", "r:2"}
    clean = _run([("tthc_on_time_rate_pct", 74.9, 20, "all", "appendix"),
                  ("tthc_cases_resolved", 394, 20, "all", "appendix"),
                  ("tthc_cases_resolved_early_or_on_time", 295, 20, "all", "appendix")])
    assert "H2" not in _rules(clean) and not _rules(clean, "hard")


def test_w1_alternative_base_is_a_warning():
    found = _run([("tthc_on_time_rate_pct", 90.0, 5), ("tthc_cases_resolved_early_or_on_time", 90, 5),
                  ("tthc_cases_resolved", 95, 5), ("tthc_cases_received", 100, 5)])
    assert "W1" in _rules(found, "warning") and "H2" not in _rules(found)


def test_fraction_phrase_percentage_checked():
    bad = _run([("commune_staff_qualification_pct", 76.5, 65, "all", "narrative", "Trung cấp 13/21 (76,5%)")])
    assert "H2" in _rules(bad, "hard")
    clean = _run([("commune_staff_qualification_pct", 9.5, 65, "all", "narrative", "sau Đại học 02/21 (9,5%)")])
    assert not clean


def test_h5_money_unit_slip_names_the_money_fact():
    found = _run([("public_investment_disbursement_pct", 11.4, 898, "all", "appendix"),
                  ("public_investment_plan_vnd_million", 96174, 904, "all", "appendix"),
                  ("public_investment_disbursed_vnd_million", 11, 910, "all", "appendix")])
    h5 = [f for f in found if f.rule_id == "H5"]
    assert h5 and h5[0].fact_ids == ["r:2"] and "11.000" in h5[0].message_vi
    clean = _run([("public_investment_disbursement_pct", 11.4, 898, "all", "appendix"),
                  ("public_investment_plan_vnd_million", 96174, 904, "all", "appendix"),
                  ("public_investment_disbursed_vnd_million", 11000, 910, "all", "appendix")])
    assert not _rules(clean, "hard")


def test_h3_part_larger_than_whole():
    bad = _run([("online_services_level3", 99, 1117, "all", "appendix"),
                ("online_services_level3_with_cases", 230, 1123, "all", "appendix")])
    assert "H3" in _rules(bad, "hard")
    clean = _run([("online_services_level3_4_total", 149, 1159, "all", "appendix"),
                  ("online_services_integrated_national_portal", 149, 1165, "all", "appendix")])
    assert "H3" not in _rules(clean)


def test_h4_breakdown_gap_w2_small_gap_and_exact_pass():
    parts = [("tthc_cases_resolved_early", 8367, 52, "center"), ("tthc_cases_resolved_on_time", 8543, 52, "center"),
             ("tthc_cases_resolved_late", 40, 52, "center")]
    assert "H4" in _rules(_run([("tthc_cases_resolved", 17950, 52, "center"), *parts]), "hard")
    small = _run([("tthc_cases_resolved", 16952, 52, "center"), *parts])
    assert "W2" in _rules(small, "warning") and "H4" not in _rules(small)
    assert not _rules(_run([("tthc_cases_resolved", 16950, 52, "center"), *parts]))


def test_h4_passage_total_is_named_suspect_when_shares_fit_the_parts():
    found = _run([("tthc_cases_received", 21802, 45), ("tthc_cases_resolved_early", 19925, 45),
                  ("tthc_early_rate_pct", 94.5, 45), ("tthc_cases_resolved_on_time", 916, 45),
                  ("tthc_on_time_only_rate_pct", 4.3, 45), ("tthc_cases_resolved_late", 241, 45),
                  ("tthc_late_rate_pct", 1.1, 45)])
    h4 = [f for f in found if f.rule_id == "H4"]
    assert h4 and "21.082" in h4[0].message_vi and "21.802" in h4[0].message_vi and "suspect" in h4[0].message_en
    # only the suspect total is quarantined; the parts that reproduce the shares stay published (with H4 attached)
    assert [fid for fid in h4[0].fact_ids if h4[0].rejects(fid)] == [h4[0].fact_ids[0]]
    clean = _run([("tthc_cases_received", 21082, 45), ("tthc_cases_resolved_early", 19925, 45),
                  ("tthc_cases_resolved_on_time", 916, 45), ("tthc_cases_resolved_late", 241, 45)])
    assert "H4" not in _rules(clean)


def test_h4_shares_of_a_split_add_to_100():
    bad = _run([("tthc_on_time_rate_pct", 74.9, 59), ("tthc_late_rate_pct", 20.1, 59)])
    assert "H4" in _rules(bad, "hard")
    assert "H4" not in _rules(_run([("tthc_on_time_rate_pct", 74.9, 59), ("tthc_late_rate_pct", 25.1, 59)]))


def test_w3_flow_balance_and_w4_basis():
    found = _run([("tthc_cases_total_to_handle", 12698, 57), ("tthc_cases_resolved", 8563, 59),
                  ("tthc_cases_in_progress", 2613, 59)])
    assert "W3" in _rules(found, "warning")
    balanced = _run([("tthc_cases_total_to_handle", 11176, 57), ("tthc_cases_resolved", 8563, 59),
                     ("tthc_cases_in_progress", 2613, 59)])
    assert "W3" not in _rules(balanced)
    assert "W4" in _rules(_run([("tthc_cases_received", 21802, 45)]))
    resolved = _run([("tthc_cases_received", 661, 59), ("tthc_cases_carried_over", 41, 59),
                     ("tthc_cases_new", 620, 59)])
    assert "W4" not in _rules(resolved)


def test_h8_ytd_backwards():
    assert "H8" in _rules(_run([("tthc_cases_received", 17946, 50, "center"),
                                ("tthc_cases_received_ytd", 14000, 50, "center")]), "hard")
    assert not _rules(_run([("tthc_cases_received_ytd", 44717, 50, "center"), ("tthc_cases_new", 17946, 50,
                                                                                 "center")]))


def test_w5_duplicates_and_agreeing_passages():
    found = _run([("public_employee_quota", 1476, 53), ("public_employee_quota", 1472, 700, "all", "appendix")])
    assert "W5" in _rules(found, "warning")
    same = _run([("tthc_procedures_district", 343, 42, "district_level"),
                 ("tthc_procedures_district", 343, 480, "district_level", "appendix")])
    assert "W5" not in _rules(same)
    parts = _run([("public_employees_recruited", 49, 72), ("public_employees_recruited", 20, 72),
                  ("public_employees_recruited", 49, 807, "all", "appendix")])
    assert "W5" in _rules(parts)


def test_w6_swapped_levels_and_w7_quota():
    swapped = _run([("online_services_full", 99, 122), ("online_services_partial", 50, 122),
                    ("online_services_level3", 99, 1117, "all", "appendix"),
                    ("online_services_level4", 50, 1141, "all", "appendix")])
    assert "W6" in _rules(swapped)
    fine = _run([("online_services_full", 50, 122), ("online_services_partial", 99, 122),
                 ("online_services_level3", 99, 1117, "all", "appendix"),
                 ("online_services_level4", 50, 1141, "all", "appendix")])
    assert "W6" not in _rules(fine)
    assert "W7" in _rules(_run([("civil_servant_actual", 90, 53), ("civil_servant_quota", 89, 53)]))
    assert "W7" not in _rules(_run([("civil_servant_actual", 82, 53), ("civil_servant_quota", 89, 53)]))


def test_w8_unit_column_w9_approximate_downgrades_hard_rules():
    w8 = _run([("tthc_cases_online", 230, 1183, "all", "appendix", "6.4.2 | Số hồ sơ đã tiếp nhận | Thủ tục | 230")])
    assert "W8" in _rules(w8)
    assert "W8" not in _rules(_run([("tthc_cases_online", 230, 1183, "all", "appendix",
                                     "6.4.2 | Số hồ sơ đã tiếp nhận | Hồ sơ | 230")]))
    approx = _run([("cchc_plan_tasks_done", 40, 7, "all", "narrative", "đã thực hiện khoảng 40 nhiệm vụ"),
                   ("cchc_plan_tasks_total", 39, 7)])
    assert "W9" in _rules(approx) and "H3" in _rules(approx, "warning") and not _rules(approx, "hard")


def test_w10_period_h7_date_and_window():
    other_year = _run([("cchc_directive_docs_issued", 22, 13, "all", "narrative",
                        "Trong 6 tháng đầu năm 2022, UBND huyện đã ban hành 22 văn bản")])
    assert "W10" in _rules(other_year)
    same = _run([("cchc_directive_docs_issued", 22, 13, "all", "narrative",
                  "Trong 6 tháng đầu năm 2023, UBND huyện đã ban hành 22 văn bản; so với 6 tháng đầu năm 2022")])
    assert "W10" not in _rules(same)
    dated = _run([("budget_expenditure_vnd_million", 2966.4, 81, "all", "narrative", "chi tính đến ngày 32/05/2023")])
    h7 = [f for f in dated if f.rule_id == "H7"]
    assert h7 and h7[0].severity == "hard" and h7[0].fact_ids == []  # the date is rejected, not the figure
    assert "W10" in _rules(dated)
    assert not _rules(_run([("budget_expenditure_vnd_million", 2966.4, 81, "all", "narrative",
                             "chi tính đến ngày 31/05/2023")]))
    shifted = _run([("tthc_cases_received", 100, 50, "all", "narrative", "từ ngày 05/6/2022 đến ngày 31/8/2022")],
                   period_label="Quý III năm 2022", period_type="quarter", period_year=2022, period_quarter=3,
                   months_covered=[7, 8, 9], window_from=date(2022, 6, 5), window_to=date(2022, 8, 31))
    assert any(f.rule_id == "W10" and f.line == 50 for f in shifted)
    default = _run([("tthc_cases_received", 100, 50)], period_type="quarter", period_year=2022, period_quarter=3,
                   months_covered=[7, 8, 9], window_from=date(2022, 6, 15), window_to=date(2022, 9, 14),
                   report_date=date(2022, 9, 20))
    assert "W10" not in _rules(default)


def test_n1_s1_w12_and_tiers():
    assert "N1" in _rules(_run([("tthc_procedures_implemented_pct", 96.33, 193, "all", "appendix",
                                 "Số TTHC cấp xã | Thủ tục | 109 | 105 | 96.33")]))
    assert "N1" not in _rules(_run([("tthc_procedures_implemented_pct", 96.33, 193, "all", "appendix",
                                     "Số TTHC cấp xã | Thủ tục | 109 | 105 | 96,33")]))
    assert "S1" in _rules(_run([("tthc_on_time_rate_pct", 97, 102, "commune_level", "narrative",
                                 "97% hồ sơ cấp huyện tiếp nhận")]))
    assert "S1" not in _rules(_run([("tthc_on_time_rate_pct", 97, 102, "commune_level", "narrative",
                                     "97% hồ sơ cấp xã tiếp nhận")]))
    assert "W12" in _rules(_run([("par_index_rank", 9, 22, "all", "narrative", "xếp thứ 9/8 huyện")]))
    assert "W12" not in _rules(_run([("par_index_rank", 5, 22, "all", "narrative", "xếp thứ 5/8 huyện")]))
    tiers = [("tthc_cases_resolved", 15840, 528, "district_level", "appendix"),
             ("tthc_cases_resolved", 5001, 546, "commune_level", "appendix")]
    assert "W5" in _rules(_run([*tiers, ("tthc_cases_resolved", 21082, 45)]))
    assert "W5" not in _rules(_run([*tiers, ("tthc_cases_resolved", 20841, 45)]))


# -- GX checkpoint + verdict tables on PostgreSQL ---------------------------------------------------------------

def _setup(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(SCHEMA.read_text(encoding="utf-8"))
    return conn


def _insert_report(conn, rid: str, quarter: str = "2023Q2", **kw) -> None:
    r = dict(file_name=f"{rid}.txt", reporting_unit="UBND huyện A", unit_level="district", province="Tỉnh B",
             period_label="6 tháng đầu năm 2023", period_type="half_year", period_year=2023,
             months_covered=[1, 2, 3, 4, 5, 6], window_from=date(2022, 12, 15), window_to=date(2023, 6, 14))
    r.update(kw)
    conn.execute(
        """insert into raw.reports (report_id, file_name, batch_quarter, reporting_unit, unit_level, province,
               period_label, period_type, period_year, months_covered, window_from, window_to, report_json)
           values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '{}')""",
        (rid, r["file_name"], quarter, r["reporting_unit"], r["unit_level"], r["province"], r["period_label"],
         r["period_type"], r["period_year"], r["months_covered"], r["window_from"], r["window_to"]))


def _insert_facts(conn, rid: str, rows: list[tuple], quarter: str = "2023Q2") -> None:
    from ingest.catalog import load_catalog

    cat = load_catalog()
    for i, (code, value, line, *rest) in enumerate(rows):
        unit = rest[0] if rest else (cat[code].unit if code in cat else "count")
        conn.execute(
            """insert into raw.facts (fact_id, report_id, ordinal, batch_quarter, indicator, scope, value, unit,
                   source, line, snippet) values (%s, %s, %s, %s, %s, 'all', %s, %s, 'appendix', %s, %s)""",
            (f"{rid}:{i}", rid, i, quarter, code, value, unit, line, f"dòng {line}: {value}"))


def _status(conn, quarter: str = "2023Q2") -> dict[str, str]:
    return dict(conn.execute("select fact_id, status from quality.fact_status where batch_quarter = %s",
                             (quarter,)).fetchall())


@pytest.fixture
def gate(tmp_path):
    from expectations.raw_gate import run_raw_gate

    def run(url: str, quarter: str = "2023Q2", run_id: str = "run-1"):
        return run_raw_gate(url, quarter, run_id, tmp_path / "docs" / run_id)
    return run


def test_checkpoint_rejects_planted_bad_rows_and_accepts_clean_ones(fresh_db, gate):
    conn = _setup(fresh_db)
    _insert_report(conn, "good")
    _insert_facts(conn, "good", [("online_services_integrated_rate_pct", 62, 10), ("tthc_cases_resolved", 394, 11),
                                 ("lgsp_status", 1, 12)])
    _insert_report(conn, "bad")
    _insert_facts(conn, "bad", [("online_services_integrated_rate_pct", 149, 1153), ("no_such_code", 3, 20),
                                ("lgsp_status", 3, 264), ("tthc_cases_resolved", -5, 30),
                                ("tthc_cases_resolved", 12.5, 31), ("budget_revenue_pct_of_estimate", 131, 40),
                                ("tthc_cases_online", 5, 41, "percent"), ("interagency_bodies_established", 6, 51,
                                                                          "documents")])
    summary = gate(fresh_db)
    assert summary.success and summary.gx_success is False
    status = _status(conn)
    assert status["good:0"] == status["good:1"] == status["good:2"] == "accepted"
    assert status["bad:0"] == "rejected" and status["bad:1"] == "rejected" and status["bad:2"] == "rejected"
    assert status["bad:3"] == "rejected" and status["bad:4"] == "rejected" and status["bad:6"] == "rejected"
    assert status["bad:5"] == "accepted"  # a _pct_of_estimate may exceed 100
    assert status["bad:7"] == "warning"  # documents for a count code: W8, published
    rules = dict(conn.execute("select fact_id, rule_ids from quality.fact_status").fetchall())
    assert "H1" in rules["bad:0"] and "F1" in rules["bad:1"] and "H6" in rules["bad:2"] and "F3" in rules["bad:3"]
    assert "F2" in rules["bad:6"] and "W8" in rules["bad:7"]
    q = dict(conn.execute("select fact_id, reason_en from quarantine.facts").fetchall())
    assert set(q) == {"bad:0", "bad:1", "bad:2", "bad:3", "bad:4", "bad:6"} and "149" in q["bad:0"]
    assert conn.execute("select snippet from quarantine.facts where fact_id = 'bad:0'").fetchone()[0]
    msg = conn.execute("select message_vi, message_en from quality.findings where rule_id = 'H1'").fetchone()
    assert "149" in msg[0] and "Tỷ lệ" in msg[0] and "Percentage" in msg[1]
    # GX's connection pools are closed after the run: a long backfill must not pile up idle connections
    others = conn.execute("""select count(*) from pg_stat_activity
                             where datname = current_database() and pid <> pg_backend_pid()""").fetchone()[0]
    assert others == 0
    assert summary.docs_index is not None and summary.docs_index.exists()
    assert conn.execute("select status from quality.report_status where report_id = 'good'").fetchone()[0] == \
        "accepted"


def test_cross_fact_rules_reach_the_tables_and_rerun_is_idempotent(fresh_db, gate):
    conn = _setup(fresh_db)
    _insert_report(conn, "u1")
    _insert_facts(conn, "u1", [("cchc_plan_tasks_total", 72, 163), ("cchc_plan_tasks_done", 55, 164),
                               ("cchc_plan_completion_pct", 100, 164), ("staff_trained", 7, 35)])
    conn.execute("""insert into raw.extraction_issues (report_id, ordinal, batch_quarter, code, severity, message,
                        line) values ('u1', 0, '2023Q2', 'W10', 'warning', 'heading says quý I', 35)""")
    _insert_report(conn, "other_q", quarter="2023Q3")
    _insert_facts(conn, "other_q", [("online_services_integrated_rate_pct", 149, 5)], quarter="2023Q3")
    gate(fresh_db)

    def snapshot():
        return (
            sorted(conn.execute("""select rule_id, severity, report_id, indicators, fact_ids, line, message_vi,
                                   message_en from quality.findings where batch_quarter = '2023Q2'""").fetchall()),
            sorted(conn.execute("select fact_id, status, rule_ids, reason_en from quality.fact_status").fetchall()),
            sorted(conn.execute("select report_id, status, rule_ids from quality.report_status").fetchall()),
            sorted(conn.execute("select fact_id, rule_ids, reason_en from quarantine.facts").fetchall()),
        )
    first = snapshot()
    status = _status(conn)
    # H2 names the rate and its parts; the stated rate is the suspect: quarantined, the counts published flagged
    assert status["u1:2"] == "rejected" and status["u1:0"] == "warning"
    assert "H2" in dict((r[0], r[2]) for r in first[1])["u1:0"]
    assert status["u1:3"] == "warning"  # the extractor's W10 on line 35
    assert "other_q:0" not in status  # another quarter is left alone
    h2 = [r for r in first[0] if r[0] == "H2"]
    assert h2 and "55" in h2[0][6] and "76,39" in h2[0][6] and "76.39" in h2[0][7]
    gate(fresh_db, run_id="run-2")
    assert snapshot() == first
    assert conn.execute("select count(distinct run_id) from quality.findings").fetchone()[0] == 1


def test_broken_metadata_quarantines_the_report_while_another_passes(fresh_db, gate):
    conn = _setup(fresh_db)
    _insert_report(conn, "broken", unit_level="village", window_from=date(2023, 7, 1), window_to=date(2023, 6, 1))
    _insert_facts(conn, "broken", [("tthc_cases_resolved", 10, 5), ("tthc_cases_resolved_late", 1, 6)])
    _insert_report(conn, "fine")
    _insert_facts(conn, "fine", [("tthc_cases_resolved", 10, 5), ("tthc_cases_resolved_late", 1, 6)])
    summary = gate(fresh_db)
    assert summary.success and summary.reports == 2 and summary.reports_rejected == 1
    status = _status(conn)
    assert status["broken:0"] == status["broken:1"] == "rejected"
    assert status["fine:0"] == status["fine:1"] == "accepted"
    qr = conn.execute("select report_id, rule_ids, reason_en from quarantine.reports").fetchall()
    assert [r[0] for r in qr] == ["broken"] and {"M2", "M6"} <= set(qr[0][1])
    assert conn.execute("select count(*) from quarantine.facts where report_id = 'broken'").fetchone()[0] == 2
    rs = dict(conn.execute("select report_id, status from quality.report_status").fetchall())
    assert rs == {"broken": "rejected", "fine": "accepted"}


def test_cchc_validate_lists_units_and_findings(fresh_db, gate, capsys):
    from expectations.report import cmd_validate

    conn = _setup(fresh_db)
    assert cmd_validate("2023Q2", "text", warehouse_url=fresh_db) == 2
    _insert_report(conn, "v1")
    _insert_facts(conn, "v1", [("online_payment_rate_pct", 149, 1189), ("tthc_cases_resolved", 10, 5)])
    gate(fresh_db)
    capsys.readouterr()
    assert cmd_validate("2023Q2", "json", warehouse_url=fresh_db) == 1
    items = json.loads(capsys.readouterr().out)
    assert {"file", "unit", "rule", "severity", "indicators", "line", "message"} <= set(items[0])
    assert any(i["rule"] == "H1" and i["line"] == 1189 and i["file"] == "v1.txt" for i in items)
    assert cmd_validate("2023Q2", "text", warehouse_url=fresh_db) == 1
    text = capsys.readouterr().out
    assert "v1.txt" in text and "1 passed" in text and "1 rejected" in text and "1189" in text


def test_mart_gate_fails_on_planted_problems_and_passes_clean_marts(fresh_db, tmp_path):
    from expectations.mart_gate import run_mart_gate
    from expectations.models import MartGateFailed

    conn = _setup(fresh_db)
    s = "marts_t"
    conn.execute(f"""create schema {s};
        create table {s}.dim_indicator (indicator_code text);
        create table {s}.dim_reporting_unit (unit_key text);
        create table {s}.dim_period (period_key text);
        create table {s}.fct_indicator_values (fact_id text, indicator_code text, is_known_indicator boolean,
            unit_key text, period_key text, quarter_key text, batch_quarter text);
        create table {s}.fct_province_quarter (province text, province_unit_key text, quarter_key text,
            indicator_code text, value double precision, value_basis text, numerator_value double precision,
            denominator_value double precision);
        insert into {s}.dim_indicator values ('tthc_on_time_rate_pct'), ('tthc_cases_resolved');
        insert into {s}.dim_reporting_unit values ('p1'), ('d1');
        insert into {s}.dim_period values ('2023Q2'), ('2023H1');
        insert into {s}.fct_indicator_values values ('f1', 'tthc_cases_resolved', true, 'd1', '2023H1', '2023Q2',
            '2023Q2'), ('f2', 'tthc_on_time_rate_pct', true, 'd1', '2023H1', '2023Q2', '2023Q2');
        insert into {s}.fct_province_quarter values ('B', 'p1', '2023Q2', 'tthc_on_time_rate_pct', 97.2475,
            'recomputed', 15404, 15840), ('B', 'p1', '2023Q2', 'tthc_cases_resolved', 15840, 'summed', null, null);
    """)
    ok = run_mart_gate(fresh_db, "2023Q2", "run-1", tmp_path / "d1", schema=s)
    assert ok.success and ok.gx_success and not ok.failed_checks
    conn.execute(f"""insert into {s}.fct_indicator_values values ('f1', 'tthc_cases_resolved', true, 'zz', '2023H1',
                         '2023Q2', '2023Q2');
                     update {s}.fct_province_quarter set value = 98.7 where value_basis = 'recomputed';""")
    with pytest.raises(MartGateFailed) as err:
        run_mart_gate(fresh_db, "2023Q2", "run-2", tmp_path / "d2", schema=s)
    failed = set(err.value.summary.failed_checks)
    assert {"MART:key_unique@fct_indicator_values", "MART:orphan_unit@fct_indicator_values",
            "MART:ratio_recomputed@fct_province_quarter"} <= failed
    assert conn.execute("select count(*) from quality.findings where rule_id like 'MART:%'").fetchone()[0] >= 3
    other = run_mart_gate(fresh_db, "2023Q3", "run-3", tmp_path / "d3", schema=s, raise_on_failure=False)
    assert other.success  # the planted rows belong to 2023Q2 only


def test_empty_quarter_and_report_without_facts(fresh_db, gate):
    conn = _setup(fresh_db)
    empty = gate(fresh_db, quarter="2024Q1")
    assert empty.success and empty.reports == 0 and empty.facts == 0
    _insert_report(conn, "nofacts", quarter="2024Q1")
    summary = gate(fresh_db, quarter="2024Q1")
    assert summary.reports == 1 and summary.reports_rejected == 0
    assert conn.execute("select status from quality.report_status").fetchone()[0] == "accepted"


def test_gx_context_is_quiet_at_info(tmp_path, caplog):
    import logging

    from expectations.gx_context import make_context

    with caplog.at_level(logging.INFO):
        make_context(tmp_path / "docs")
    assert not [r for r in caplog.records if r.name.startswith("great_expectations") and r.levelno < logging.WARNING]
