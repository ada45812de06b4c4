"""Scale benchmarks of the whole pipeline, on generated reports (benchmarks/corpus.py). Printed figures, not tests.

    .venv/bin/python -m benchmarks.pipeline_scale quarter  [--units 150]
    .venv/bin/python -m benchmarks.pipeline_scale backfill [--units 30 --quarters 12]
    .venv/bin/python -m benchmarks.pipeline_scale growth   [--units 150 --history 40]
    .venv/bin/python -m benchmarks.pipeline_scale national [--reports 4500 --quarters 40]

Every scenario starts its own PostgreSQL (from the installed server binaries, into a temporary directory) and
its own CCHC_HOME, runs the real CLI (`cchc run` / `cchc backfill`: Airflow ``dag.test()`` in-process, GX,
dbt), and writes its figures to ``benchmarks/results/<scenario>.json`` (RESULTS.md is written from those by
``benchmarks.results``).

* quarter: one quarter of N reports, inbox → published marts; wall time, the time of every task as Airflow
  recorded it, the share spent outside the tasks (Airflow: DAG parsing, scheduling, XCom, process start).
* backfill: N units × 12 quarters with one ``cchc backfill`` vs 12 separate ``cchc run``.
* growth: adding one quarter of N reports to an empty warehouse vs one already holding ``--history``
  quarters (history loaded straight into raw through the real loader, then built and published).
* national: ``--reports`` reports per quarter (34 provinces) × ``--quarters`` quarters, generated straight
  into raw with COPY (extraction would dominate otherwise: see the quarter figures for its cost); a full
  ``dbt build`` and one more quarter's incremental build + publish, with their time and peak memory (dbt
  process RSS, PostgreSQL backends' unique memory, sampled).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psutil
import psycopg

from benchmarks import corpus
from benchmarks.record import save
from ingest.quarters import Quarter, quarter_range
from ingest.warehouse import URL_ENV, EmbeddedPostgres

REPO = Path(__file__).resolve().parents[1]
CCHC = Path(sys.executable).parent / "cchc"
PROVINCES = 34


@dataclass
class Warehouse:
    """A private PostgreSQL server and CCHC_HOME under ``root``; ``env`` runs the CLI against them."""

    root: Path
    url: str = ""

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, URL_ENV: self.url, "CCHC_HOME": str(self.home), "DO_NOT_TRACK": "1"}

    @contextmanager
    def running(self) -> Iterator[Warehouse]:
        server = EmbeddedPostgres(self.root / "pg")
        self.url = server.start()
        try:
            yield self
        finally:
            server.stop()

    @contextmanager
    def environment(self) -> Iterator[None]:
        """In-process calls (loader, dbt, publish) against this warehouse."""
        saved = {k: os.environ.get(k) for k in (URL_ENV, "CCHC_HOME")}
        os.environ.update({URL_ENV: self.url, "CCHC_HOME": str(self.home)})
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def cli(wh: Warehouse, *args: str) -> float:
    """Run ``cchc <args>``; its wall time in seconds. Raises with the output's tail when it fails."""
    start = time.perf_counter()
    proc = subprocess.run([str(CCHC), *args], env=wh.env, capture_output=True, text=True, timeout=4 * 3600)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"cchc {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall


def airflow_runs(home: Path) -> list[dict]:
    """Per DAG run (oldest first): the span from its first task's start to its last task's end, and the summed
    duration of each task, as Airflow recorded them (``dag.test()`` runs the tasks one after another)."""
    conn = sqlite3.connect(home / "airflow" / "airflow.db")
    try:
        out = []
        for (run_id,) in conn.execute("select run_id from dag_run order by logical_date").fetchall():
            tasks: dict[str, float] = defaultdict(float)
            rows = conn.execute("select task_id, start_date, end_date, duration from task_instance where run_id = ?",
                                (run_id,)).fetchall()
            for task_id, _, _, duration in rows:
                tasks[task_id] += duration or 0.0
            span = _seconds(min(r[1] for r in rows), max(r[2] for r in rows))
            out.append({"run_id": run_id, "run_s": span, "tasks_s": dict(tasks)})
        return out
    finally:
        conn.close()


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def _breakdown(wall: float, run: dict) -> dict:
    """Where a ``cchc run`` spends its wall time. ``plan`` does no work (it only names the quarter and the
    inbox), so its duration is Airflow's own start of the first task; it counts as overhead."""
    tasks = run["tasks_s"]
    work = sum(v for k, v in tasks.items() if k != "plan")
    return {
        "wall_s": round(wall, 1),
        "tasks_s": {k: round(v, 2) for k, v in sorted(tasks.items(), key=lambda kv: -kv[1])},
        "work_in_tasks_s": round(work, 1),
        "airflow_overhead_s": round(wall - work, 1),
        "airflow_overhead_share": round((wall - work) / wall, 3),
        "of_which_first_task_start_s": round(tasks.get("plan", 0.0), 1),
        "of_which_between_tasks_s": round(run["run_s"] - sum(tasks.values()), 1),
        "of_which_process_parse_and_table_s": round(wall - run["run_s"], 1),
    }


def count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchone()[0]


# ---------------------------------------------------------------------------------------------- scenarios
def quarter(units: int, tmp: Path) -> dict:
    q = Quarter.parse("2024Q1")
    inbox = tmp / "inbox"
    planned = corpus.write_corpus(inbox, units, [q])
    size = sum((inbox / p.path).stat().st_size for p in planned)
    with Warehouse(tmp / "wh").running() as wh:
        wall = cli(wh, "run", "--quarter", str(q), "--inbox", str(inbox))
        run = airflow_runs(wh.home)[-1]
        loaded = count(wh.url, "select count(*) from raw.reports")
        facts = count(wh.url, "select count(*) from raw.facts")
    out = {"reports": len(planned), "input_mb": round(size / 1e6, 2), "reports_loaded": loaded, "facts": facts,
           **_breakdown(wall, run)}
    out["reports_per_s"] = round(len(planned) / wall, 2)
    return out


def backfill(units: int, n_quarters: int, tmp: Path) -> dict:
    first = Quarter.parse("2022Q1")
    quarters = quarter_range(first, _advance(first, n_quarters - 1))
    inbox = tmp / "inbox"
    planned = corpus.write_corpus(inbox, units, quarters)
    with Warehouse(tmp / "one").running() as wh:
        one = cli(wh, "backfill", "--from", str(quarters[0]), "--to", str(quarters[-1]), "--inbox", str(inbox))
        one_runs = airflow_runs(wh.home)
        reports_one = count(wh.url, "select count(*) from raw.reports")
    with Warehouse(tmp / "each").running() as wh:
        each = [cli(wh, "run", "--quarter", str(q), "--inbox", str(inbox)) for q in quarters]
        reports_each = count(wh.url, "select count(*) from raw.reports")
    return {
        "units": units, "quarters": n_quarters, "reports": len(planned),
        "backfill_s": round(one, 1), "backfill_per_quarter_s": round(one / n_quarters, 1),
        "backfill_dag_runs_s": [round(r["run_s"], 1) for r in one_runs],
        "separate_runs_s": round(sum(each), 1), "separate_per_run_s": [round(x, 1) for x in each],
        "backfill_vs_separate": round(one / sum(each), 3),
        "reports_loaded": [reports_one, reports_each],
    }


def _advance(q: Quarter, n: int) -> Quarter:
    for _ in range(n):
        q = q.next()
    return q


def growth(units: int, history: int, tmp: Path) -> dict:
    first = Quarter.parse("2020Q1")
    past = quarter_range(first, _advance(first, history - 1))
    new = _advance(first, history)
    inbox = tmp / "inbox"
    corpus.write_corpus(inbox, units, [new])
    results = {}
    for label, quarters in (("empty", []), (f"{history}_quarters", past)):
        with Warehouse(tmp / label).running() as wh:
            preload_s = preload(wh, units, quarters) if quarters else 0.0
            wall = cli(wh, "run", "--quarter", str(new), "--inbox", str(inbox))
            run = airflow_runs(wh.home)[-1]
            results[label] = {"history_quarters": len(quarters), "preload_s": round(preload_s, 1),
                              "raw_facts_after": count(wh.url, "select count(*) from raw.facts"),
                              **_breakdown(wall, run)}
    slow = results[f"{history}_quarters"]["wall_s"] / results["empty"]["wall_s"]
    return {"units": units, "new_quarter": str(new), **results, "slowdown": round(slow, 2)}


def preload(wh: Warehouse, units: int, quarters: list[Quarter]) -> float:
    """Load ``quarters`` of generated reports through the real loader, accept them, build and publish."""
    from ingest.publish import BUILD_SCHEMA, publish
    from ingest.rawload import ensure_schema, load_results
    from ingest.transform import build, raise_for

    start = time.perf_counter()
    with wh.environment():
        ensure_schema(wh.url)
        for q in quarters:
            items = [(Path(p.path), corpus.results_for(p)) for p in corpus.plan(corpus.province_units(units), [q])]
            load_results(wh.url, items, str(q), f"preload_{q}")
        accept_all(wh.url)
        raise_for(build(wh.url, None, marts_schema=BUILD_SCHEMA))
        publish(wh.url)
    return time.perf_counter() - start


def accept_all(url: str) -> None:
    """The gate's verdict 'accepted' for every loaded report and fact without one (generated data is clean)."""
    with psycopg.connect(url) as conn:
        conn.execute("""insert into quality.report_status (report_id, batch_quarter, status)
                        select report_id, batch_quarter, 'accepted' from raw.reports
                        on conflict (report_id) do nothing""")
        conn.execute("""insert into quality.fact_status (fact_id, report_id, batch_quarter, status)
                        select fact_id, report_id, batch_quarter, 'accepted' from raw.facts
                        on conflict (fact_id) do nothing""")


def national_plan(reports: int, quarters: list[Quarter]) -> Iterator[corpus.Planned]:
    names = corpus.province_names(PROVINCES)
    per = [reports // PROVINCES + (i < reports % PROVINCES) for i in range(PROVINCES)]
    units = [u for name, n in zip(names, per, strict=True) for u in corpus.province_units(n, name)]
    yield from corpus.plan(units, quarters)


def bulk_load(url: str, planned: Iterator[corpus.Planned], progress_total: int) -> tuple[int, int]:
    """COPY generated reports into raw (files, reports, facts) with the loader's own row mapping."""
    from tqdm import tqdm

    from ingest.rawload import FACT_COLUMNS, REPORT_COLUMNS, ensure_schema, fact_rows, report_row

    ensure_schema(url)
    n_reports = n_facts = 0
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy(f"copy raw.reports ({', '.join(REPORT_COLUMNS)}) from stdin") as rep_copy:
            facts: list[tuple] = []
            files: list[tuple] = []
            for p in tqdm(planned, total=progress_total, desc="generating raw", unit="report"):
                result = corpus.results_for(p)
                q = str(p.quarter)
                rep_copy.write_row(report_row(result, q))  # text COPY: the JSON text becomes jsonb
                facts.extend(fact_rows(result, q))
                files.append((result.sha256, result.file, p.path, 0, "ok", q, "national"))
                n_reports += 1
        with cur.copy(f"copy raw.facts ({', '.join(FACT_COLUMNS)}) from stdin") as fact_copy:
            for row in tqdm(facts, desc="copying facts", unit="fact", mininterval=2):
                fact_copy.write_row(row)
        n_facts = len(facts)
        with cur.copy("copy raw.files (file_sha256, file_name, file_path, size_bytes, status, batch_quarter, "
                      "run_id) from stdin") as file_copy:
            for row in files:
                file_copy.write_row(row)
        conn.commit()
    return n_reports, n_facts


class PeakMemory:
    """Samples, in a thread, the RSS of this process's children (dbt) and the unique memory of the PostgreSQL
    server's processes; keeps the peaks (MB)."""

    def __init__(self, postmaster_pid: int, interval: float = 0.5) -> None:
        self.pg = psutil.Process(postmaster_pid)
        self.interval = interval
        self.peak_children_mb = self.peak_pg_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.peak_children_mb = max(self.peak_children_mb, _sum_mb(me.children(recursive=True), "rss"))
            self.peak_pg_mb = max(self.peak_pg_mb, _sum_mb([self.pg, *self.pg.children()], "uss"))
            self._stop.wait(self.interval)


def _sum_mb(procs: list[psutil.Process], kind: str) -> float:
    total = 0
    for p in procs:
        try:
            info = p.memory_full_info() if kind == "uss" else p.memory_info()
            total += getattr(info, kind)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 1e6


def _postmaster_pid(wh: Warehouse) -> int:
    return int((wh.root / "pg" / "data" / "postmaster.pid").read_text().split()[0])


def national(reports: int, n_quarters: int, tmp: Path) -> dict:
    from ingest.publish import BUILD_SCHEMA, publish
    from ingest.transform import build, raise_for

    first = Quarter.parse("2016Q1")
    quarters = quarter_range(first, _advance(first, n_quarters - 1))
    extra = _advance(first, n_quarters)
    out: dict = {"reports_per_quarter": reports, "quarters": n_quarters, "provinces": PROVINCES}
    with Warehouse(tmp / "wh").running() as wh, wh.environment():
        start = time.perf_counter()
        n_rep, n_facts = bulk_load(wh.url, national_plan(reports, quarters), reports * n_quarters)
        accept_all(wh.url)
        out.update(raw_reports=n_rep, raw_facts=n_facts, load_s=round(time.perf_counter() - start, 1))
        with PeakMemory(_postmaster_pid(wh)) as mem:
            result = raise_for(build(wh.url, None, marts_schema=BUILD_SCHEMA))
            start = time.perf_counter()
            publish(wh.url)
            publish_s = time.perf_counter() - start
        out["full_build"] = {"dbt_build_s": round(result.elapsed, 1), "publish_s": round(publish_s, 1),
                             "peak_dbt_rss_mb": round(mem.peak_children_mb), "peak_pg_uss_mb": round(mem.peak_pg_mb)}
        # one more quarter, the way a scheduled run builds it: load, incremental build with the quarter var
        n_more, _ = bulk_load(wh.url, national_plan(reports, [extra]), reports)
        accept_all(wh.url)
        with PeakMemory(_postmaster_pid(wh)) as mem:
            result = raise_for(build(wh.url, str(extra), marts_schema=BUILD_SCHEMA))
            start = time.perf_counter()
            publish(wh.url)
            publish_s = time.perf_counter() - start
        out["one_more_quarter"] = {"quarter": str(extra), "reports": n_more, "dbt_build_s": round(result.elapsed, 1),
                                   "publish_s": round(publish_s, 1), "peak_dbt_rss_mb": round(mem.peak_children_mb),
                                   "peak_pg_uss_mb": round(mem.peak_pg_mb)}
        with psycopg.connect(wh.url) as conn:
            out["database_mb"] = round(conn.execute("select pg_database_size(current_database())").fetchone()[0] / 1e6)
            out["marts_rows"] = dict(conn.execute(
                """select relname, n_live_tup from pg_stat_user_tables where schemaname = 'marts'
                   order by n_live_tup desc""").fetchall())
    return out


# ---------------------------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", choices=("quarter", "backfill", "growth", "national"))
    ap.add_argument("--units", type=int, help="reports per quarter (default 150; backfill 30)")
    ap.add_argument("--quarters", type=int, help="backfill: 12, national: 40")
    ap.add_argument("--history", type=int, default=40)
    ap.add_argument("--reports", type=int, default=4500)
    ap.add_argument("--keep", type=Path, help="work here and keep it (default: a temporary directory)")
    args = ap.parse_args()
    started = datetime.now().astimezone()
    with tempfile.TemporaryDirectory(prefix=f"cchc-{args.scenario}-") as tmpdir:
        tmp = args.keep or Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        if args.scenario == "quarter":
            figures = quarter(args.units or 150, tmp)
        elif args.scenario == "backfill":
            figures = backfill(args.units or 30, args.quarters or 12, tmp)
        elif args.scenario == "growth":
            figures = growth(args.units or 150, args.history, tmp)
        else:
            figures = national(args.reports, args.quarters or 40, tmp)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    print(f"saved {save(args.scenario, figures, started)}")


if __name__ == "__main__":
    main()
