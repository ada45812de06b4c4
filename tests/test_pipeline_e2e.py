"""End to end: the real DAG (dag.test(), in-process Airflow) over real files into a real PostgreSQL.

Each run is a subprocess of the installed ``cchc`` console script, as a user would call it, pointed at a fresh
database of the session's PostgreSQL server and a private CCHC_HOME.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.conftest import REPO, SEEDS

CCHC = str(Path(sys.executable).with_name("cchc"))


def cchc(*args: str, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([CCHC, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def run_env(warehouse_env: str, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CCHC_WAREHOUSE_URL": warehouse_env, "CCHC_HOME": str(tmp_path / "home")}


def rows(url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def test_demo_quarter_end_to_end(run_env: dict[str, str], warehouse_env: str):
    inbox = REPO / "demo" / "inbox"
    proc = cchc("run", "--quarter", "2024Q2", "--inbox", str(inbox), env=run_env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Quarter 2024Q2" in proc.stdout

    files = dict(rows(warehouse_env, "select file_name, status from raw.files where batch_quarter = '2024Q2'"))
    expected_ok = {p.name for p in (inbox / "2024Q2").iterdir()} - {"bao_cao_hong.docx"}
    assert {f for f, s in files.items() if s == "ok"} == expected_ok
    # the corrupt file is quarantined with a reason naming it, and did not stop the others
    reason = rows(warehouse_env, "select reason from quarantine.files where file_name = 'bao_cao_hong.docx'")
    assert reason and "bao_cao_hong.docx" in reason[0][0]

    units = {r[0] for r in rows(warehouse_env, "select reporting_unit from raw.reports where batch_quarter = '2024Q2'")}
    assert any("Ea Lâm" in (u or "") for u in units)
    n_facts = rows(warehouse_env, "select count(*) from raw.facts where batch_quarter = '2024Q2'")[0][0]
    assert n_facts > 0

    # the raw tables hold exactly what `cchc extract` prints for each loaded file
    loaded = rows(warehouse_env, "select file_sha256, file_path from raw.files where batch_quarter = '2024Q2' "
                                 "and status = 'ok'")
    proc = cchc("extract", *[p for _, p in loaded], "--format", "json", env=run_env)
    printed = {r["sha256"]: r for r in json.loads(proc.stdout)}
    for report_id, _ in loaded:
        raw_facts = rows(warehouse_env, """select indicator, scope, value, unit, source, line, snippet, locator, note
                                           from raw.facts where report_id = %s order by ordinal""", report_id)
        keys = ("indicator", "scope", "value", "unit", "source", "line", "snippet", "locator", "note")
        assert raw_facts == [tuple(f[k] for k in keys) for f in printed[report_id]["facts"]]
        report_json = rows(warehouse_env, "select report_json from raw.reports where report_id = %s", report_id)
        assert report_json[0][0] == printed[report_id]["report"]

    # a rerun of the same quarter gives the same warehouse
    before = rows(warehouse_env, "select fact_id, indicator, value from raw.facts order by fact_id")
    proc = cchc("run", "--quarter", "2024Q2", "--inbox", str(inbox), env=run_env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert rows(warehouse_env, "select fact_id, indicator, value from raw.facts order by fact_id") == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seed_reports_acceptance(run_env: dict[str, str], warehouse_env: str, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, inbox / seed.name)
    proc = cchc("run", "--quarter", "2023Q2", "--inbox", str(inbox), env=run_env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    reports = rows(warehouse_env, "select file_name, reporting_unit, period_type from raw.reports")
    names = {r[0][:3] for r in reports}
    assert {"000", "001"} <= names  # the two H1-2023 reports are filed under 2023Q2
    assert not names & {"002", "003"}  # 2024Q2 and 2022Q3 reports wait for their own quarter
    early = rows(
        warehouse_env,
        """select f.value from raw.facts f join raw.reports r using (report_id)
           where r.file_name like '000%%' and f.indicator = 'tthc_cases_resolved_early'""",
    )
    assert 19925 in {v for (v,) in early}
    # the published mart keeps the H1 report on its native period: year-to-date figures as the report stated
    # them, while its 2023Q2 quarter row has no flow (Q2 = H1 − Q1 needs a Q1 report)
    native = rows(
        warehouse_env,
        """select c.unit_key, c.period_key, c.period_type, c.quarter_key, c.tthc_cases_resolved_early,
                  c.tthc_cases_resolved_on_time, c.tthc_cases_resolved_late
           from marts.fct_tthc_cases c join raw.reports r using (report_id)
           where r.file_name like '000%%' and c.period_grain = 'native' and c.scope = 'all'""",
    )
    assert native == [("dak_nong.dak_mil", "2023H1", "half_year", "2023Q2", 19925, 916, 241)]
    quarter = rows(
        warehouse_env,
        """select tthc_cases_resolved_early, tthc_cases_resolved_on_time, tthc_cases_resolved_late
           from marts.fct_tthc_cases where unit_key = 'dak_nong.dak_mil' and period_grain = 'quarter'
             and period_key = '2023Q2' and scope = 'all'""",
    )
    assert quarter == [(None, None, None)]
    # the table printed at the end of the run falls back to that native period for the unit
    assert any("Đắk Mil" in line and "H1 2023 ytd" in line and "19.925" in line for line in proc.stdout.splitlines())


def test_failed_mart_gate_leaves_published_marts_intact(warehouse_env: str, tmp_path: Path):
    """Publishing copies the validated build; a broken build schema is never published."""
    from ingest.publish import publish

    with psycopg.connect(warehouse_env, autocommit=True) as conn:
        conn.execute("create schema marts_build; create table marts_build.fct_x (k int primary key, v int)")
        conn.execute("insert into marts_build.fct_x values (1, 10), (2, 20)")
    assert publish(warehouse_env) == ["fct_x"]
    assert rows(warehouse_env, "select k, v from marts.fct_x order by k") == [(1, 10), (2, 20)]
    # the BI role can read what was published
    assert rows(warehouse_env, "select has_table_privilege('cchc_bi', 'marts.fct_x', 'select')") == [(True,)]
    # a later build that the gate would reject stays in marts_build: marts keep the published rows
    with psycopg.connect(warehouse_env, autocommit=True) as conn:
        conn.execute("insert into marts_build.fct_x values (3, -1)")
    assert rows(warehouse_env, "select count(*) from marts.fct_x") == [(2,)]


def test_data_docs_open_in_a_browser(run_env: dict[str, str]):
    """One quarter's run leaves GX Data Docs that Chromium renders: the validation page of the raw facts
    suite for that quarter, with its expectations in a table."""
    from tests.test_quarter_report import _dom

    proc = cchc("run", "--quarter", "2024Q1", "--inbox", str(REPO / "demo" / "inbox"), env=run_env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    docs = Path(run_env["CCHC_HOME"]) / "docs" / "2024Q1"
    assert (docs / "raw" / "index.html").exists() and (docs / "marts" / "index.html").exists()
    pages = sorted((docs / "raw" / "validations" / "raw_facts").rglob("*.html"))
    assert pages, "no validation page for the raw facts suite"
    dom = _dom(pages[-1], Path(run_env["CCHC_HOME"]))
    text = " ".join(dom.itertext())
    assert "2024Q1" in text and "raw_facts" in text
    assert len(dom.xpath("//table//tr")) > 5  # the expectations and their results are listed
