"""Quarterly CCHC warehouse run: inbox → extract → raw → GX gate → dbt build → GX on marts → published quarter.

Schedule: 06:00 Asia/Ho_Chi_Minh on the 25th of March, June, September and December. Reports are due around the
20th of the quarter's last month, so the run leaves five days of grace. The data interval ends at the run, and
the quarter processed is the one in which the data interval ends (see ingest/quarters.py). ``catchup`` is off
on purpose: unpausing must not queue every quarter since 2022; archives are loaded with an explicit backfill
(``airflow backfill create`` in a deployment, ``cchc backfill`` on the embedded default).

Lineage: each task reports the files and tables it read and wrote (ingest/lineage.py); the OpenLineage
provider puts them in the task's COMPLETE event: inbox files → extraction files → raw tables → marts_build →
marts.

No I/O at module level: only constants (schedule, time zone) and the failure callback are imported here; the
pipeline code is imported inside the tasks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, task

from ingest.alerts import notify_failure
from ingest.quarters import QUARTERLY_CRON, TZ

RAW_ASSET = Asset(name="cchc_raw", uri="cchc://warehouse/raw")
MARTS_ASSET = Asset(name="cchc_marts", uri="cchc://warehouse/marts")

DEFAULT_ARGS = {
    "owner": "cchc-data",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "on_failure_callback": notify_failure,
}


@dag(
    dag_id="cchc_quarterly",
    description="Quarterly CCHC reports into the audited warehouse",
    schedule=CronDataIntervalTimetable(QUARTERLY_CRON, timezone=TZ),
    # the first data interval (2021-12-25 → 2022-03-25) is the one of 2022Q1, the oldest quarter we hold
    start_date=datetime(2021, 12, 25, 6, tzinfo=TZ),
    catchup=False,
    # one run at a time: all quarters share the marts_build schema that a run builds, validates and then
    # publishes; a second run rebuilding it in between would publish marts its own gate never checked.
    # Within a run, extraction is still parallel (mapped over batches).
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"inbox": Param(None, type=["null", "string"], description="inbox folder; default CCHC_INBOX")},
    tags=["cchc", "warehouse", "quarterly"],
    doc_md=__doc__,
)
def cchc_quarterly():
    @task(retries=0)
    def plan(**context) -> dict:
        from ingest.pipeline import make_plan

        return make_plan(context["data_interval_end"], context["run_id"], context["params"].get("inbox"))

    @task
    def discover(run: dict) -> list[list[str]]:
        from ingest.pipeline import discover_batches

        return discover_batches(run)

    @task
    def extract(batch: list[str], run: dict, **context) -> str:
        from ingest import lineage
        from ingest.pipeline import extract_batch, run_dir

        out = extract_batch(batch, run_dir(run["quarter"], run["run_id"]), context["ti"].map_index)
        lineage.report(inputs=map(lineage.file_uri, batch), outputs=[lineage.file_uri(out)])
        return out

    @task(outlets=[RAW_ASSET], retries=3)
    def load_raw(batch_files: list[str], run: dict) -> dict:
        from ingest import lineage
        from ingest.pipeline import load
        from ingest.warehouse import warehouse_url

        # index instead of iterating: iterating a lazy XCom sequence probes one item past its end
        files = [batch_files[i] for i in range(len(batch_files))]
        summary = load(files, run["quarter"], run["run_id"])
        lineage.report(inputs=map(lineage.file_uri, files),
                       outputs=lineage.tables(warehouse_url(), lineage.LOAD_TABLES))
        return summary

    @task
    def validate_raw(run: dict, loaded: dict) -> dict:
        from ingest import lineage
        from ingest.pipeline import gate_raw
        from ingest.warehouse import warehouse_url

        summary = gate_raw(run)
        url = warehouse_url()
        lineage.report(inputs=lineage.tables(url, lineage.RAW_TABLES),
                       outputs=lineage.tables(url, lineage.GATE_TABLES))
        return summary

    @task(retries=3)
    def build_marts(run: dict, gate: dict) -> dict:
        from ingest import lineage
        from ingest.pipeline import build_marts as build
        from ingest.publish import BUILD_SCHEMA
        from ingest.warehouse import warehouse_url

        result = build(run)
        url = warehouse_url()
        lineage.report(inputs=lineage.tables(url, lineage.dbt_sources()),
                       outputs=lineage.tables(url, lineage.schema_tables(url, BUILD_SCHEMA)))
        return result

    @task(retries=0)
    def validate_marts(run: dict, built: dict) -> dict:
        from ingest import lineage
        from ingest.pipeline import gate_marts
        from ingest.publish import BUILD_SCHEMA
        from ingest.warehouse import warehouse_url

        summary = gate_marts(run)
        url = warehouse_url()
        lineage.report(inputs=lineage.tables(url, lineage.schema_tables(url, BUILD_SCHEMA)),
                       outputs=lineage.tables(url, ["quality.findings"]))
        return summary

    @task(outlets=[MARTS_ASSET])
    def publish(run: dict, validated: dict) -> dict:
        from ingest import lineage
        from ingest.pipeline import publish_marts
        from ingest.publish import BUILD_SCHEMA, PUBLISHED_SCHEMA
        from ingest.warehouse import warehouse_url

        result = publish_marts(run)
        url = warehouse_url()
        lineage.report(inputs=lineage.tables(url, [f"{BUILD_SCHEMA}.{t}" for t in result["published"]]),
                       outputs=lineage.tables(url, [f"{PUBLISHED_SCHEMA}.{t}" for t in result["published"]]))
        return result

    run = plan()
    files = extract.partial(run=run).expand(batch=discover(run))
    loaded = load_raw(files, run)
    gate = validate_raw(run, loaded)
    built = build_marts(run, gate)
    publish(run, validate_marts(run, built))


cchc_quarterly()
