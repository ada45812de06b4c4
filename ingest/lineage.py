"""Lineage of the quarterly DAG as OpenLineage datasets: which files and tables each task read and wrote.

The Airflow OpenLineage provider emits a START and a COMPLETE (or FAIL) event for every task. TaskFlow tasks
have no extractor, so the provider takes their datasets from Airflow's hook lineage collector, the channel
hooks report through: each task calls :func:`report` with what it actually read and wrote (the inbox files of
its batch, the extraction files, the raw tables, the marts). Names follow the providers' conventions so the
events join up with other producers': a warehouse table is ``postgres://host:port`` /
``database.schema.table`` (apache-airflow-providers-postgres), a local file is ``file`` / its absolute path
(common.io).

Nothing here talks to a lineage backend: where events go is the provider's transport configuration
(``ingest.airflow_local`` for the embedded default, docker-compose.yml for a deployment). Without the
provider, or with it disabled, :func:`report` does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

# the raw tables (what the raw gate reads), what load_raw writes (rejected files go to quarantine), and what
# the raw gate writes (quality verdicts, quarantined reports and facts)
RAW_TABLES = ("raw.files", "raw.reports", "raw.facts", "raw.extraction_issues")
LOAD_TABLES = (*RAW_TABLES, "quarantine.files")
GATE_TABLES = ("quality.findings", "quality.fact_status", "quality.report_status",
               "quarantine.reports", "quarantine.facts")


def file_uri(path: str | Path) -> str:
    """``file://`` URI of a local file (``%``, ``?`` and ``#`` escaped: the path must survive URI parsing)."""
    text = str(Path(path).resolve())
    for char, code in (("%", "%25"), ("?", "%3F"), ("#", "%23")):
        text = text.replace(char, code)
    return f"file://{text}"


def table_uri(warehouse_url: str, qualified: str) -> str:
    """Asset URI of ``schema.table`` in the warehouse, without credentials (``postgres://host:port/db/schema/table``)."""
    parts = urlsplit(warehouse_url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    if host.startswith("/"):  # a Unix socket directory is no network name
        host = "localhost"
    database = parts.path.lstrip("/") or parts.username or "postgres"
    schema, table = qualified.split(".", 1)
    return f"postgres://{host}:{parts.port or 5432}/{database}/{schema}/{table}"


def tables(warehouse_url: str, names: Iterable[str]) -> list[str]:
    return [table_uri(warehouse_url, name) for name in names]


def schema_tables(warehouse_url: str, schema: str) -> list[str]:
    """``schema.table`` of every base table of ``schema`` (what dbt built, what was published)."""
    import psycopg

    with psycopg.connect(warehouse_url) as conn:
        rows = conn.execute(
            """select table_name from information_schema.tables
               where table_schema = %s and table_type = 'BASE TABLE' order by table_name""",
            (schema,)).fetchall()
    return [f"{schema}.{name}" for (name,) in rows]


def dbt_sources() -> list[str]:
    """``schema.table`` of every source the dbt project declares: what a build reads from the warehouse."""
    import yaml

    from ingest.transform import DBT_PROJECT_DIR

    found = []
    for path in sorted((DBT_PROJECT_DIR / "models").rglob("*.yml")):
        for source in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("sources") or []:
            schema = source.get("schema") or source["name"]
            found += [f"{schema}.{table['name']}" for table in source.get("tables") or []]
    return found


def report(inputs: Iterable[str] = (), outputs: Iterable[str] = ()) -> None:
    """Record the running task's input and output datasets (URIs) for its OpenLineage COMPLETE event."""
    try:
        from airflow.sdk.lineage import get_hook_lineage_collector
    except ImportError:  # pragma: no cover - Airflow not installed: nothing to report to
        return
    collector = get_hook_lineage_collector()
    for uri in inputs:
        collector.add_input_asset(context=None, uri=uri)
    for uri in outputs:
        collector.add_output_asset(context=None, uri=uri)


@cache
def _fresh_collector_listener():
    """An Airflow listener giving each task instance an empty hook lineage collector.

    The collector is one per process. A deployment runs every task in its own process, but ``dag.test()`` runs
    them all in one, where a task would otherwise inherit (and emit) the datasets its predecessors reported.
    ``tryfirst``: it runs before the OpenLineage listener builds the task's START event.
    """
    from airflow.listeners import hookimpl
    from airflow.sdk.lineage import get_hook_lineage_collector

    class FreshCollectorPerTask:
        @hookimpl(tryfirst=True)
        def on_task_instance_running(self, previous_state, task_instance) -> None:
            get_hook_lineage_collector.cache_clear()

    return FreshCollectorPerTask()


def isolate_tasks_in_process() -> None:
    """Register the fresh-collector listener with the task SDK, for in-process runs (idempotent)."""
    from airflow.sdk.listener import get_listener_manager

    get_listener_manager().add_listener(_fresh_collector_listener())
