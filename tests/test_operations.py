"""Operations through the real CLI and DAG: backfill, resubmission rerun, failure notification.

The reports are written at test time with the demo generator's template (tools/make_demo_inbox.py), one
district, direct quarterly reports of 2023 with known figures.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_pipeline_e2e import cchc, rows

sys.path.insert(0, str(REPO / "tools"))
import make_demo_inbox as demo

UNIT = "UBND huyện Krông Mơ"
QUARTERS = {
    1: ("Quý I năm 2023", "từ ngày 15/12/2022 đến ngày 14/3/2023", "ngày 17 tháng 3 năm 2023"),
    2: ("Quý II năm 2023", "từ ngày 15/3/2023 đến ngày 14/6/2023", "ngày 16 tháng 6 năm 2023"),
    3: ("Quý III năm 2023", "từ ngày 15/6/2023 đến ngày 14/9/2023", "ngày 18 tháng 9 năm 2023"),
    4: ("Quý IV năm 2023", "từ ngày 15/9/2023 đến ngày 14/12/2023", "ngày 15 tháng 12 năm 2023"),
}


def figures(q: int, extra: int = 0) -> dict[str, float]:
    new = 1000 * q + extra
    resolved = 900 * q
    early, late = 600 * q, 10 * q
    return dict(new=new, online=new // 2, resolved=resolved, early=early, on_time=resolved - early - late,
                late=late, in_progress=50 + q)


def write_report(inbox: Path, q: int, name: str, extra: int = 0) -> Path:
    label, window, signed = QUARTERS[q]
    lines = demo.narrative(UNIT, (label, window, signed, f"2023Q{q}"), figures(q, extra))
    path = inbox / name
    demo.write_txt(path, lines)
    return path


@pytest.fixture
def env(warehouse_env: str, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CCHC_WAREHOUSE_URL": warehouse_env, "CCHC_HOME": str(tmp_path / "home")}


def quarter_values(url: str, code: str) -> dict[str, float]:
    return dict(rows(url, """select quarter_key, value from marts.fct_province_quarter
                             where indicator_code = %s order by 1""", code))


def test_backfill_then_resubmission_rerun(env: dict[str, str], warehouse_env: str, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for q in QUARTERS:
        write_report(inbox, q, f"krong_mo_q{q}.txt")

    proc = cchc("backfill", "--from", "2023Q1", "--to", "2023Q4", "--inbox", str(inbox), env=env, timeout=1500)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Backfill summary" in proc.stdout and proc.stdout.count(": success") == 4
    new_cases = quarter_values(warehouse_env, "tthc_cases_new")
    assert new_cases == {f"2023Q{q}": figures(q)["new"] for q in QUARTERS}  # exactly four quarters

    before = rows(warehouse_env, """select quarter_key, indicator_code, value from marts.fct_province_quarter
                                    where quarter_key <> '2023Q2' order by 1, 2""")
    # the district resubmits a corrected Q2 report: only Q2 is rerun, and only Q2 changes. Its name sorts
    # before the original's: what counts is when the warehouse first saw each file, not the name.
    write_report(inbox, 2, "krong_mo_2023q2_corrected.txt", extra=7)
    proc = cchc("run", "--quarter", "2023Q2", "--inbox", str(inbox), env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert quarter_values(warehouse_env, "tthc_cases_new")["2023Q2"] == figures(2, extra=7)["new"]
    after = rows(warehouse_env, """select quarter_key, indicator_code, value from marts.fct_province_quarter
                                   where quarter_key <> '2023Q2' order by 1, 2""")
    assert after == before
    # both submissions stay queryable in the audited long form, the later one marked latest
    subs = rows(warehouse_env, """select r.file_name, bool_or(v.is_latest_submission)
                                  from marts.fct_indicator_values v join raw.reports r using (report_id)
                                  where r.file_name in ('krong_mo_q2.txt', 'krong_mo_2023q2_corrected.txt')
                                  group by 1 order by 1""")
    assert subs == [("krong_mo_2023q2_corrected.txt", True), ("krong_mo_q2.txt", False)]
    # a second rerun changes nothing: the original does not become "latest" again
    proc = cchc("run", "--quarter", "2023Q2", "--inbox", str(inbox), env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert quarter_values(warehouse_env, "tthc_cases_new")["2023Q2"] == figures(2, extra=7)["new"]


def test_failure_calls_the_notifier(env: dict[str, str], tmp_path: Path):
    missing = tmp_path / "no-such-inbox"
    proc = cchc("run", "--quarter", "2023Q1", "--inbox", str(missing), env=env)
    assert proc.returncode == 1
    assert "failures.jsonl" in proc.stderr
    alerts = Path(env["CCHC_HOME"]) / "alerts" / "failures.jsonl"
    records = [json.loads(line) for line in alerts.read_text(encoding="utf-8").splitlines()]
    failed = [r for r in records if r["task_id"] == "plan"]
    assert failed and "no-such-inbox" in failed[0]["reason"] and "not a directory" in failed[0]["reason"]
    assert failed[0]["dag_id"] == "cchc_quarterly"
