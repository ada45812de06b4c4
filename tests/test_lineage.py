"""Lineage: one real quarter through the ``cchc`` CLI (in-process Airflow, OpenLineage provider, file
transport) leaves OpenLineage events that chain inbox files → extraction files → raw tables → marts_build →
marts."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from ingest.airflow_local import DAG_ID, LINEAGE_CONFIG_VARS
from ingest.lineage import file_uri, table_uri
from tests.conftest import REPO
from tests.test_pipeline_e2e import cchc, rows, run_env  # noqa: F401 - run_env is a fixture

QUARTER = "2024Q1"


def names(datasets: list[dict]) -> set[tuple[str, str]]:
    return {(d["namespace"], d["name"]) for d in datasets}


def ol_dataset(uri: str) -> tuple[str, str]:
    """(namespace, name) the providers give an asset URI: postgres://h:p/db/s/t → (postgres://h:p, db.s.t)."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return "file", parts.path
    return f"{parts.scheme}://{parts.netloc}", parts.path.strip("/").replace("/", ".")


def lineage_run(base_env: dict[str, str]) -> dict[str, list[dict]]:
    """Run the quarter; its OpenLineage events grouped by job (task) name."""
    # the embedded default's transport, not one a test of this session configured
    env = {k: v for k, v in base_env.items() if not k.startswith(LINEAGE_CONFIG_VARS)}
    proc = cchc("run", "--quarter", QUARTER, "--inbox", str(REPO / "demo" / "inbox"), env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    events_file = Path(env["CCHC_HOME"]) / "lineage" / "events.jsonl"
    assert events_file.is_file(), "the embedded default writes lineage events under $CCHC_HOME/lineage/"
    by_task: dict[str, list[dict]] = defaultdict(list)
    for line in events_file.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        by_task[event["job"]["name"]].append(event)
    return by_task


def task_events(by_task, task_id: str) -> tuple[list[dict], list[dict]]:
    events = by_task[f"{DAG_ID}.{task_id}"]
    return ([e for e in events if e["eventType"] == "START"],
            [e for e in events if e["eventType"] == "COMPLETE"])


def test_one_quarter_leaves_lineage_from_inbox_files_to_published_marts(run_env: dict[str, str],  # noqa: F811
                                                                         warehouse_env: str):
    """One run (about a minute), three checks: every task's events, extract → raw, raw → marts."""
    by_task = lineage_run(run_env)
    every_task_starts_and_completes_in_the_cchc_namespace(by_task)
    extract_reads_the_inbox_files_and_load_writes_the_raw_tables(by_task, warehouse_env)
    marts_are_built_from_raw_and_published_from_the_validated_build(by_task, warehouse_env)


def every_task_starts_and_completes_in_the_cchc_namespace(by_task):
    tasks = ("plan", "discover", "extract", "load_raw", "validate_raw", "build_marts", "validate_marts",
             "publish")
    for task_id in tasks:
        starts, completes = task_events(by_task, task_id)
        assert starts and len(starts) == len(completes), task_id
        assert {e["run"]["runId"] for e in starts} == {e["run"]["runId"] for e in completes}, task_id
        for event in starts + completes:
            assert event["job"]["namespace"] == "cchc"
            assert event["run"]["facets"]["parent"]["job"]["name"] == DAG_ID


def extract_reads_the_inbox_files_and_load_writes_the_raw_tables(by_task, url: str):
    inbox_files = sorted((REPO / "demo" / "inbox" / QUARTER).iterdir())
    _, extracts = task_events(by_task, "extract")
    assert names([d for e in extracts for d in e["inputs"]]) == {ol_dataset(file_uri(p)) for p in inbox_files}
    batches = names([d for e in extracts for d in e["outputs"]])
    assert batches and all(Path(name).is_file() for _, name in batches)  # the extraction files exist

    starts, completes = task_events(by_task, "load_raw")
    (start,), (complete,) = starts, completes
    assert names(complete["inputs"]) == batches  # load reads exactly what extraction wrote
    raw = names(complete["outputs"])
    assert {ol_dataset(table_uri(url, t)) for t in ("raw.files", "raw.reports", "raw.facts")} <= raw
    # the datasets are the warehouse's real tables, named without credentials
    namespace = {ns for ns, _ in raw}
    parts = urlsplit(url)
    assert namespace == {f"postgres://{parts.hostname}:{parts.port}"}
    existing = {f"{s}.{t}"
                for s, t in rows(url, "select table_schema, table_name from information_schema.tables")}
    db = parts.path.strip("/")
    assert {name.removeprefix(f"{db}.") for _, name in raw} <= existing
    # a START comes before the task has read anything: it carries no dataset of an earlier task
    assert not start["inputs"] and not start["outputs"]
    assert start["eventTime"] <= complete["eventTime"]


def marts_are_built_from_raw_and_published_from_the_validated_build(by_task, url: str):
    _, (load,) = task_events(by_task, "load_raw")
    _, (build,) = task_events(by_task, "build_marts")
    assert names(load["outputs"]) & names(build["inputs"]) >= {ol_dataset(table_uri(url, "raw.facts"))}

    starts, completes = task_events(by_task, "publish")
    (start,), (publish,) = starts, completes
    published = [t for (t,) in rows(url, """select table_name from information_schema.tables
                                            where table_schema = 'marts' order by 1""")]
    assert "fct_tthc_cases" in published
    assert names(publish["inputs"]) == names(build["outputs"]) == {
        ol_dataset(table_uri(url, f"marts_build.{t}")) for t in published}
    assert names(publish["outputs"]) == {ol_dataset(table_uri(url, f"marts.{t}")) for t in published}
    assert not start["inputs"] and not start["outputs"]
