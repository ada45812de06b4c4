"""The dbt project on a real PostgreSQL: one hand-made province quarter loaded into raw.*, gate verdicts in
quality.fact_status, then ingest.transform.build (dbt seed + dbt build, which also runs the dbt unit tests).

Fixture (fictional province Ngọc Sơn, 2023):
* Sở Nội vụ sends a Q1 report and an H1 (year-to-date) report: its Q2 flows are H1 − Q1, marked derived.
* Huyện Ea Lâm reports Q2 for the whole district (scope all), twice: the later load wins.
* Xã Ea Tiêu (in Ea Lâm) reports Q2 too: already inside Ea Lâm's figure, never added again.
* Huyện Krông Mơ reports only its district tier; an unlisted commune of Krông Mơ reports its own figures,
  which are then added (and the unit is flagged as unlisted). Xã Cư Pang sends nothing: missing.
* Văn phòng UBND tỉnh reports the provincial procedure list (a `none` code) and one rejected and one
  unchecked fact.
* An unlisted commune of Ea Lâm sends only an H1 report: no Q2 flow can be derived, its figures stay on its
  native '2023H1' row. Krông Mơ's headcount is its only `all` figure (a unit with staffing figures only).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest

from ingest.transform import build, connection_env
from tests.conftest import REPO

SCHEMA_SQL = REPO / "ingest" / "sql" / "warehouse_schema.sql"
T0 = datetime(2023, 7, 1, 8, 0, tzinfo=UTC)


@dataclass
class Report:
    rid: str
    unit: str
    level: str
    district: str | None
    period_type: str
    quarter: int | None
    months: list[int]
    window: tuple[str, str]
    cumulative: bool
    report_quarter: int | None
    report_date: str | None
    loaded_minutes: int
    facts: list[tuple] = field(default_factory=list)  # (indicator, scope, value, unit, status, rule_ids)


Q1_WINDOW = ("2022-12-15", "2023-03-14")
H1_WINDOW = ("2022-12-15", "2023-06-14")
Q2_WINDOW = ("2023-03-15", "2023-06-14")
ACC = "accepted"


def _reports() -> list[Report]:
    q2 = dict(period_type="quarter", quarter=2, months=[4, 5, 6], window=Q2_WINDOW, cumulative=False,
              report_quarter=2)
    return [
        Report("snv_q1", "Sở Nội vụ tỉnh Ngọc Sơn", "province_department", None, "quarter", 1, [1, 2, 3],
               Q1_WINDOW, True, 1, "2023-03-17", 0, [
                   ("tthc_cases_new", "all", 120, "documents", ACC, []),
                   ("tthc_cases_resolved", "all", 100, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 90, "documents", ACC, []),
                   ("tthc_cases_in_progress", "all", 25, "documents", ACC, []),
                   ("civil_servant_quota", "all", 50, "people", ACC, []),
               ]),
        Report("snv_h1", "Sở Nội vụ tỉnh Ngọc Sơn", "province_department", None, "half_year", None,
               [1, 2, 3, 4, 5, 6], H1_WINDOW, True, 2, "2023-06-25", 10, [
                   ("tthc_cases_new", "all", 300, "documents", ACC, []),
                   ("tthc_cases_resolved", "all", 250, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 220, "documents", ACC, []),
                   ("tthc_on_time_rate_pct", "all", 88, "percent", ACC, []),
                   ("tthc_cases_carried_over", "all", 10, "documents", ACC, []),
                   ("tthc_cases_in_progress", "all", 30, "documents", ACC, []),
                   ("civil_servant_quota", "all", 52, "people", ACC, []),
               ]),
        # first submission of Ea Lâm, superseded by the next one (loaded later)
        Report("ealam_v1", "UBND huyện Ea Lâm", "district", "Ea Lâm", **q2, report_date="2023-06-10",
               loaded_minutes=20, facts=[
                   ("tthc_cases_resolved", "all", 1100, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 950, "documents", ACC, []),
               ]),
        # decomposed diacritics and the long form of UBND: must still match the unit list
        Report("ealam_v2", unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Ea Lâm"), "district", "Ea Lâm",
               **q2, report_date="2023-06-18", loaded_minutes=30, facts=[
                   ("tthc_cases_resolved", "all", 1000, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 900, "documents", "warning", ["W2"]),
                   ("tthc_procedures_total", "all", 300, "procedures", ACC, []),
               ]),
        Report("eatieu_q2", "UBND  xã Ea Tiêu", "commune", "Ea Lâm", **q2, report_date="2023-06-15",
               loaded_minutes=40, facts=[
                   ("tthc_cases_resolved", "all", 200, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 150, "documents", ACC, []),
               ]),
        Report("krongmo_q2", "UBND huyện Krông Mơ", "district", "Krông Mơ", **q2, report_date=None,
               loaded_minutes=50, facts=[
                   ("tthc_cases_resolved", "district_level", 400, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "district_level", 380, "documents", ACC, []),
                   ("tthc_procedures_total", "all", 250, "procedures", ACC, []),
                   ("civil_servant_actual", "all", 45, "people", ACC, []),
               ]),
        Report("hoabinh_q2", "UBND xã Hòa Bình", "commune", "Krông Mơ", **q2, report_date="2023-06-12",
               loaded_minutes=60, facts=[
                   ("tthc_cases_resolved", "all", 50, "documents", ACC, []),
                   ("tthc_cases_resolved_early_or_on_time", "all", 20, "documents", ACC, []),
               ]),
        Report("vp_q2", "Văn phòng UBND tỉnh Ngọc Sơn", "province_office", None, **q2,
               report_date="2023-06-19", loaded_minutes=70, facts=[
                   ("tthc_procedures_total", "province_level", 1500, "procedures", ACC, []),
                   ("tthc_cases_new", "all", 40, "documents", ACC, []),
                   ("tthc_cases_resolved", "all", 999999, "documents", "rejected", ["H3"]),
                   ("staff_trained", "all", 7, "people", None, []),
               ]),
        Report("earal_h1", "UBND xã Ea Ral", "commune", "Ea Lâm", "half_year", None, [1, 2, 3, 4, 5, 6],
               H1_WINDOW, True, 2, "2023-06-16", 80, [
                   ("tthc_cases_resolved", "all", 350, "documents", ACC, []),
                   ("tthc_cases_resolved_early", "all", 300, "documents", ACC, []),
                   ("tthc_cases_resolved_on_time", "all", 40, "documents", ACC, []),
                   ("tthc_cases_resolved_late", "all", 10, "documents", ACC, []),
                   ("tthc_cases_in_progress", "all", 12, "documents", ACC, []),
               ]),
    ]


def _load_fixture(url: str) -> dict[str, str]:
    """Create the raw/quality schemas and load the fixture; returns fixture id -> fact_id prefix (report_id)."""
    reports = _reports()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        for rep in reports:
            rid = f"sha_{rep.rid}"
            loaded = T0 + timedelta(minutes=rep.loaded_minutes)
            batch = f"2023Q{rep.report_quarter}"
            conn.execute(
                "insert into raw.files (file_sha256, file_name, file_path, size_bytes, status, batch_quarter,"
                " run_id, loaded_at) values (%s, %s, %s, 1, 'ok', %s, 'test', %s)",
                (rid, f"{rep.rid}.docx", f"/inbox/{rep.rid}.docx", batch, loaded),
            )
            conn.execute(
                """insert into raw.reports (report_id, file_name, batch_quarter, reporting_unit, unit_level,
                     province, district, period_label, period_type, period_year, period_quarter,
                     months_covered, window_from, window_to, window_source, is_cumulative, report_quarter,
                     report_date, report_json, loaded_at)
                   values (%s, %s, %s, %s, %s, 'Ngọc Sơn', %s, %s, %s, 2023, %s, %s, %s, %s, 'explicit', %s,
                     %s, %s, %s, %s)""",
                (rid, f"{rep.rid}.docx", batch, rep.unit, rep.level, rep.district, rep.period_type,
                 rep.period_type, rep.quarter, rep.months, date.fromisoformat(rep.window[0]),
                 date.fromisoformat(rep.window[1]), rep.cumulative, rep.report_quarter,
                 date.fromisoformat(rep.report_date) if rep.report_date else None,
                 json.dumps({"fixture": rep.rid}), loaded),
            )
            for ordinal, (code, scope, value, unit, status, rules) in enumerate(rep.facts, start=1):
                fact_id = f"{rid}:{ordinal}"
                conn.execute(
                    """insert into raw.facts (fact_id, report_id, ordinal, batch_quarter, indicator, scope,
                         value, unit, source, line, snippet, loaded_at)
                       values (%s, %s, %s, %s, %s, %s, %s, %s, 'narrative', %s, %s, %s)""",
                    (fact_id, rid, ordinal, batch, code, scope, value, unit, 10 + ordinal,
                     f"{code} = {value}", loaded),
                )
                if status:
                    conn.execute(
                        "insert into quality.fact_status (fact_id, report_id, batch_quarter, status, rule_ids)"
                        " values (%s, %s, %s, %s, %s)",
                        (fact_id, rid, batch, status, rules),
                    )
    return {rep.rid: f"sha_{rep.rid}" for rep in reports}


def _rows(url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def _snapshot(url: str) -> dict[str, list[tuple]]:
    tables = {
        "fct_indicator_values": "fact_id",
        "fct_province_quarter": "province, quarter_key, indicator_code",
        "fct_tthc_cases": "unit_key, period_grain, period_key, scope",
        "fct_report_coverage": "quarter_key, unit_key",
        "fct_staffing": "unit_key, period_grain, period_key, scope",
        "dim_reporting_unit": "unit_key",
    }
    snap = {}
    for table, order in tables.items():
        snap[table] = _rows(url, f"select * from marts.{table} order by {order}")
    return snap


@pytest.fixture(scope="module")
def built(pg_server, tmp_path_factory: pytest.TempPathFactory):
    """One database built twice: a full build, then an incremental rebuild of 2023Q2 (both snapshots)."""
    import os
    import uuid

    name = f"t_dbt_{uuid.uuid4().hex[:8]}"
    admin = pg_server.url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = pg_server.url.rsplit("/", 1)[0] + f"/{name}"
    old_home = os.environ.get("CCHC_HOME")
    os.environ["CCHC_HOME"] = str(tmp_path_factory.mktemp("home"))
    try:
        ids = _load_fixture(url)
        first = build(url)
        assert first.success, first.log_tail
        snap_full = _snapshot(url)
        second = build(url, "2023Q2")
        assert second.success, second.log_tail
        snap_incremental = _snapshot(url)
        yield {"url": url, "ids": ids, "first": first, "second": second,
               "full": snap_full, "incremental": snap_incremental}
    finally:
        if old_home is None:
            os.environ.pop("CCHC_HOME", None)
        else:
            os.environ["CCHC_HOME"] = old_home
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def _province(url: str, code: str, quarter: str = "2023Q2") -> dict:
    rows = _rows(
        url,
        """select value, value_basis, numerator_value, denominator_value, n_units_counted, n_units_excluded,
                  counted_unit_keys, excluded_unit_keys, has_derived_inputs
           from marts.fct_province_quarter where province = 'Ngọc Sơn' and quarter_key = %s
             and indicator_code = %s""",
        quarter, code,
    )
    assert len(rows) == 1, f"{code}: {rows}"
    keys = ["value", "basis", "num", "den", "n_counted", "n_excluded", "counted", "excluded", "derived"]
    return dict(zip(keys, rows[0], strict=True))


def test_connection_env_parses_urls():
    env = connection_env("postgresql://bi%40x:s%3Acret@db.example:6543/cchc_prod")
    assert env == {"CCHC_DBT_HOST": "db.example", "CCHC_DBT_PORT": "6543", "CCHC_DBT_USER": "bi@x",
                   "CCHC_DBT_PASSWORD": "s:cret", "CCHC_DBT_DBNAME": "cchc_prod"}
    socket = connection_env("postgresql://postgres@/cchc?host=/tmp/pg")
    assert socket["CCHC_DBT_HOST"] == "/tmp/pg" and socket["CCHC_DBT_PASSWORD"] == ""
    with pytest.raises(ValueError):
        connection_env("mysql://x@y/z")


def test_build_succeeds_and_runs_unit_tests(built):
    # dbt build ran the models, the data tests and the unit_tests: blocks of the YAML files
    summary = re.search(r"Finished running (.*) in \d+ hours", built["first"].log_tail)
    assert summary, built["first"].log_tail
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (unit tests|data tests|table models)", summary[1])}
    assert counts["unit tests"] >= 4 and counts["data tests"] >= 100 and counts["table models"] >= 20
    assert "ERROR=0" in built["first"].log_tail and "SKIP=0" in built["first"].log_tail
    assert "--vars" in built["second"].command and "2023Q2" in built["second"].command[-1]


def test_weighted_ratio_and_no_double_counting(built):
    url = built["url"]
    resolved = _province(url, "tthc_cases_resolved")
    # Sở Nội vụ Q2 (250 − 100) + Ea Lâm (latest submission, all) + Krông Mơ district tier + unlisted commune;
    # Ea Tiêu is inside Ea Lâm's figure, the rejected 999999 of the office is not there.
    assert resolved["value"] == pytest.approx(150 + 1000 + 400 + 50)
    assert resolved["excluded"] == ["ngoc_son.ea_lam.ea_tieu"]
    assert "ngoc_son.ea_lam" in resolved["counted"] and resolved["n_counted"] == 4
    assert resolved["derived"] is True
    on_time = _province(url, "tthc_on_time_rate_pct")
    num, den = 130 + 900 + 380 + 20, 150 + 1000 + 400 + 50
    assert on_time["basis"] == "recomputed"
    assert on_time["num"] == pytest.approx(num) and on_time["den"] == pytest.approx(den)
    assert on_time["value"] == pytest.approx(100 * num / den, abs=1e-3)
    unit_rates = [100 * 130 / 150, 90.0, 95.0, 40.0]
    assert abs(on_time["value"] - sum(unit_rates) / len(unit_rates)) > 1  # not the average of unit rates


def test_none_codes_come_from_the_provincial_report(built):
    procedures = _province(built["url"], "tthc_procedures_total")
    assert procedures["basis"] == "provincial_report"
    assert procedures["value"] == 1500  # not 300 + 250 + 1500


def test_ytd_differencing_marks_derived(built):
    url = built["url"]
    rows = _rows(
        url,
        """select quarter_key, tthc_cases_resolved, tthc_cases_resolved_early_or_on_time, tthc_cases_new,
                  tthc_on_time_rate_pct, tthc_on_time_rate_pct_reported, tthc_cases_carried_over,
                  is_derived
           from marts.fct_tthc_cases where unit_key = 'ngoc_son.so_noi_vu' and scope = 'all'
             and period_grain = 'quarter'
           order by quarter_key""",
    )
    assert [r[0] for r in rows] == ["2023Q1", "2023Q2"]
    q1, q2 = rows
    assert q1[1:4] == (100, 90, 120) and q1[7] is False
    assert q2[1:4] == (150, 130, 180)
    assert q2[4] == pytest.approx(100 * 130 / 150, abs=1e-3)  # rebuilt from the derived parts
    assert q2[5] == 88  # the H1 rate as the report stated it, kept beside
    assert q2[6] == 25  # carried over into Q2 = in progress at the end of Q1, not the start-of-year stock
    assert q2[7] is True
    basis = _rows(
        url,
        """select value_basis, source_report_ids from intermediate.int_unit_quarter_values
           where unit_key = 'ngoc_son.so_noi_vu' and indicator_code = 'tthc_cases_resolved'
             and quarter_key = '2023Q2'""",
    )
    assert basis == [("derived", ["sha_snv_q1", "sha_snv_h1"])]
    staffing = _rows(url, """select quarter_key, civil_servant_quota from marts.fct_staffing
                             where unit_key = 'ngoc_son.so_noi_vu' and period_grain = 'quarter'
                             order by quarter_key""")
    assert staffing == [("2023Q1", 50), ("2023Q2", 52)]  # a stock: latest observation, never differenced


def test_resubmission_latest_wins_earlier_kept(built):
    url = built["url"]
    rows = _rows(
        url,
        """select report_id, value, is_latest_submission, is_publishable, submission_number
           from marts.fct_indicator_values
           where unit_key = 'ngoc_son.ea_lam' and indicator_code = 'tthc_cases_resolved' order by loaded_at""",
    )
    assert rows == [("sha_ealam_v1", 1100, False, False, 1), ("sha_ealam_v2", 1000, True, True, 2)]
    wide = _rows(url, "select tthc_cases_resolved from marts.fct_tthc_cases "
                      "where unit_key = 'ngoc_son.ea_lam' and period_key = '2023Q2' and scope = 'all'"
                      " and period_grain = 'quarter'")
    assert wide == [(1000,)]
    warned = _rows(url, "select gate_status, warning_rule_ids from marts.fct_indicator_values "
                        "where report_id = 'sha_ealam_v2' and indicator_code = 'tthc_cases_resolved_early_or_on_time'")
    assert warned == [("warning", ["W2"])]


def test_rejected_and_unchecked_facts_stay_out_of_marts(built):
    url = built["url"]
    audited = dict(_rows(url, "select indicator_code, gate_status from marts.fct_indicator_values "
                              "where report_id = 'sha_vp_q2'"))
    assert audited["tthc_cases_resolved"] == "rejected"
    assert audited["staff_trained"] == "unchecked"
    for table, column in [("fct_tthc_cases", "tthc_cases_resolved"), ("fct_province_quarter", "value")]:
        hits = _rows(url, f"select count(*) from marts.{table} where {column} = 999999")
        assert hits == [(0,)], table
    assert _rows(url, "select count(*) from marts.fct_staffing where staff_trained is not null") == [(0,)]
    vp = _rows(url, "select tthc_cases_new, tthc_cases_resolved from marts.fct_tthc_cases "
                    "where unit_key = 'ngoc_son.vp_ubnd' and scope = 'all' and period_grain = 'quarter'")
    assert vp == [(40, None)]


def test_coverage_missing_late_and_unlisted(built):
    url = built["url"]
    rows = dict(
        (unit, (status, n))
        for unit, status, n in _rows(
            url,
            "select unit_key, coverage_status, n_reports from marts.fct_report_coverage "
            "where quarter_key = '2023Q2' and province = 'Ngọc Sơn'",
        )
    )
    assert rows["ngoc_son.krong_mo.cu_pang"] == ("missing", 0)
    assert rows["ngoc_son.so_noi_vu"] == ("late", 1)  # signed 25/6, due 20/6
    assert rows["ngoc_son.ea_lam"] == ("on_time", 2)
    assert rows["ngoc_son.krong_mo"] == ("received_undated", 1)
    unlisted = [unit for unit in rows if unit.startswith("unlisted:")]
    assert len(unlisted) == 2 and all(rows[unit] == ("unlisted_unit", 1) for unit in unlisted)
    assert "ngoc_son" not in rows  # the province itself does not report
    dim = _rows(url, "select is_listed, unit_level, parent_unit_key from marts.dim_reporting_unit "
                     "where unit_key = any(%s) order by parent_unit_key", unlisted)
    assert dim == [(False, "commune", "ngoc_son.ea_lam"), (False, "commune", "ngoc_son.krong_mo")]


def test_incremental_rebuild_is_idempotent(built):
    full, incremental = built["full"], built["incremental"]
    for table in full:
        assert incremental[table] == full[table], table
    assert len(full["fct_indicator_values"]) == sum(len(r.facts) for r in _reports())


def test_bi_role_reads_marts_only(built):
    url = built["url"]
    rows = _rows(
        url,
        """select has_schema_privilege('cchc_bi', 'marts', 'USAGE'),
                  has_table_privilege('cchc_bi', 'marts.fct_province_quarter', 'SELECT'),
                  has_table_privilege('cchc_bi', 'marts.fct_province_quarter', 'INSERT'),
                  has_schema_privilege('cchc_bi', 'raw', 'USAGE'),
                  has_schema_privilege('cchc_bi', 'intermediate', 'USAGE')""",
    )
    assert rows == [(True, True, False, False, False)]


def _wide(url: str, table: str, columns: str, unit_where: str, *params) -> dict[tuple[str, str], tuple]:
    """(period_grain, period_key) -> the requested columns of the unit's `all` rows."""
    rows = _rows(url, f"""select period_grain, period_key, {columns} from marts.{table}
                          where scope = 'all' and {unit_where} order by period_grain, period_key""", *params)
    return {(row[0], row[1]): row[2:] for row in rows}


def test_native_grain_keeps_report_periods(built):
    url = built["url"]
    cols = ("period_type, quarter_key, window_from, window_to, report_id, batch_quarter, is_derived,"
            " tthc_cases_resolved, tthc_cases_resolved_early, tthc_cases_resolved_on_time,"
            " tthc_cases_resolved_late, tthc_on_time_rate_pct, tthc_cases_in_progress")
    # a unit with only an H1 report: its native row carries the year-to-date figures as reported, the on-time
    # rate rebuilt from that row's parts; its Q2 quarter row has no flows (Q2 = H1 − Q1 is not derivable)
    earal = _wide(url, "fct_tthc_cases", cols,
                  "unit_key = (select unit_key from marts.dim_reporting_unit where unit_name = %s)",
                  "UBND xã Ea Ral")
    assert set(earal) == {("native", "2023H1"), ("quarter", "2023Q2")}
    native, quarter = earal["native", "2023H1"], earal["quarter", "2023Q2"]
    assert native[:7] == ("half_year", "2023Q2", date(2022, 12, 15), date(2023, 6, 14), "sha_earal_h1",
                          "2023Q2", False)
    assert native[7:11] == (350, 300, 40, 10) and native[12] == 12
    assert native[11] == pytest.approx(100 * 340 / 350, abs=1e-3)
    assert quarter[0:2] == ("quarter", "2023Q2") and quarter[4] is None
    assert quarter[7:12] == (None, None, None, None, None)
    assert quarter[12] == 12  # a stock is the latest observation in the quarter, at both grains
    # a unit with Q1 + H1 reports: one native row per report, quarter rows Q1 (direct) and Q2 (derived)
    snv = _wide(url, "fct_tthc_cases", "period_type, quarter_key, is_derived, tthc_cases_resolved, tthc_cases_new,"
                " tthc_on_time_rate_pct_reported",
                "unit_key = %s", "ngoc_son.so_noi_vu")
    assert snv == {
        ("native", "2023H1"): ("half_year", "2023Q2", False, 250, 300, 88),
        ("native", "2023Q1"): ("quarter", "2023Q1", False, 100, 120, None),
        ("quarter", "2023Q1"): ("quarter", "2023Q1", False, 100, 120, None),
        ("quarter", "2023Q2"): ("quarter", "2023Q2", True, 150, 180, 88),
    }
    # the latest submission of a native period wins at the native grain too
    ealam = _wide(url, "fct_tthc_cases", "report_id, tthc_cases_resolved", "unit_key = %s", "ngoc_son.ea_lam")
    assert ealam == {("native", "2023Q2"): ("sha_ealam_v2", 1000), ("quarter", "2023Q2"): (None, 1000)}
    # stocks at the native grain: each report's own observation, not the quarter's latest
    staffing = _wide(url, "fct_staffing", "civil_servant_quota", "unit_key = %s", "ngoc_son.so_noi_vu")
    assert staffing == {("native", "2023H1"): (52,), ("native", "2023Q1"): (50,),
                        ("quarter", "2023Q1"): (50,), ("quarter", "2023Q2"): (52,)}
    # every period key of the wide marts is in dim_period
    for table in ("fct_tthc_cases", "fct_staffing", "fct_public_finance", "fct_egov"):
        orphans = _rows(url, f"""select count(*) from marts.{table} f
                                 left join marts.dim_period p on p.period_key = f.period_key
                                 where p.period_key is null""")
        assert orphans == [(0,)], table


def test_run_table_shows_native_figures_when_no_quarter_value(built, capsys):
    from ingest.report_table import print_quarter_table

    print_quarter_table("2023Q2", url=built["url"])
    lines = capsys.readouterr().out.splitlines()

    def line_of(name: str) -> str:
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, lines)
        return hits[0]

    earal = line_of("Ea Ral")
    assert "H1 2023 ytd" in earal and "350" in earal and "97.1" in earal
    snv = line_of("Sở Nội vụ")
    assert "Q2 2023" in snv and "150" in snv and "180" in snv and "*" in snv
    krongmo = line_of("huyện Krông Mơ")
    assert "45" in krongmo  # only a headcount at scope all: still listed
