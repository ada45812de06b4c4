"""Run the quarterly DAG in-process (``dag.test()``) for the embedded default: no scheduler, no api-server.

Airflow's metadata lives in ``$CCHC_HOME/airflow/airflow.db`` (SQLite); the DAG folder is the project's
``dags/``. Everything here must run before ``airflow`` is imported, hence the lazy imports.

Lineage: the OpenLineage provider emits an event when each task starts and ends, with the files and tables
it read and wrote (see ingest/lineage.py). Unless OpenLineage is configured otherwise in the environment
(``OPENLINEAGE_URL``, ``OPENLINEAGE__TRANSPORT__*``, ``AIRFLOW__OPENLINEAGE__*``), the events are appended as
JSON lines to ``$CCHC_HOME/lineage/events.jsonl``: no lineage server is needed.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from ingest.locks import file_lock
from ingest.quarters import Quarter
from ingest.warehouse import PROJECT_ROOT, home_dir

log = logging.getLogger(__name__)
DAG_ID = "cchc_quarterly"
DAGS_FOLDER = PROJECT_ROOT / "dags"


# any of these in the environment means OpenLineage is configured by the user: keep their transport
LINEAGE_CONFIG_VARS = ("OPENLINEAGE_URL", "OPENLINEAGE_CONFIG", "OPENLINEAGE__TRANSPORT",
                       "AIRFLOW__OPENLINEAGE__TRANSPORT", "AIRFLOW__OPENLINEAGE__CONFIG")


def lineage_file() -> Path:
    """Where the embedded default appends the OpenLineage events (JSON lines)."""
    return home_dir() / "lineage" / "events.jsonl"


def configure_airflow_env() -> Path:
    airflow_home = home_dir() / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
    env = {
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{airflow_home / 'airflow.db'}",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": os.environ.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING"),
        "DO_NOT_TRACK": "1",
        "SCARF_ANALYTICS": "false",
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "cchc",
        # emit from a thread of the task, not a fork of the whole in-process run
        "AIRFLOW__OPENLINEAGE__EXECUTE_IN_THREAD": "True",
    }
    if not any(k.startswith(LINEAGE_CONFIG_VARS) for k in os.environ):
        events = lineage_file()
        events.parent.mkdir(parents=True, exist_ok=True)
        env["AIRFLOW__OPENLINEAGE__TRANSPORT"] = json.dumps(
            {"type": "file", "log_file_path": str(events), "append": True})
    for key, value in env.items():
        os.environ.setdefault(key, value)
    return airflow_home


def migrate_metadata_db() -> None:
    """``airflow db migrate`` once per home (it is idempotent, but costs seconds)."""
    airflow_home = configure_airflow_env()
    marker = airflow_home / ".migrated"
    if marker.exists():
        return
    airflow = Path(sys.executable).with_name("airflow")
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True, text=True, env=os.environ)
    marker.write_text("ok")


def load_dag():
    configure_airflow_env()
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    return bag.dags[DAG_ID]


def run_quarter(quarter: Quarter, inbox: str | None = None) -> str:
    """Run the DAG for one quarter with ``dag.test()``; returns the final DagRun state ('success'/'failed')."""
    airflow_home = configure_airflow_env()
    with file_lock(airflow_home / "run.lock"):  # one SQLite metadata DB: in-process runs take turns
        migrate_metadata_db()
        dag = load_dag()
        from airflow import settings

        from ingest.lineage import isolate_tasks_in_process

        isolate_tasks_in_process()

        if settings.Session is None:  # pragma: no cover - depends on how airflow was imported
            settings.configure_orm()
        dag_run = dag.test(logical_date=quarter.run_at(), run_conf={"inbox": inbox} if inbox else None)
        return str(dag_run.state)
