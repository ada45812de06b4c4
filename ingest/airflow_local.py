"""Run the quarterly DAG in-process (``dag.test()``) for the embedded default: no scheduler, no api-server.

Airflow's metadata lives in ``$CCHC_HOME/airflow/airflow.db`` (SQLite); the DAG folder is the project's
``dags/``. Everything here must run before ``airflow`` is imported, hence the lazy imports.
"""

from __future__ import annotations

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
    }
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

        if settings.Session is None:  # pragma: no cover - depends on how airflow was imported
            settings.configure_orm()
        dag_run = dag.test(logical_date=quarter.run_at(), run_conf={"inbox": inbox} if inbox else None)
        return str(dag_run.state)
