"""DagBag integrity: the DAG folder imports cleanly and the DAG is configured on purpose."""

from __future__ import annotations

from datetime import datetime

import pytest

from ingest import airflow_local
from ingest.quarters import TZ, Quarter


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    """The DagBag, parsed in this process with the embedded default's Airflow settings. The environment is
    restored afterwards: AIRFLOW_HOME, the SQLite URL and the lineage file must not leak into the CLI runs of
    later tests (their subprocesses would write Airflow metadata and lineage into this module's home)."""
    import os

    saved = dict(os.environ)
    os.environ.setdefault("CCHC_HOME", str(tmp_path_factory.mktemp("home")))
    airflow_local.configure_airflow_env()
    from airflow.dag_processing.dagbag import DagBag

    yield DagBag(dag_folder=str(airflow_local.DAGS_FOLDER))
    os.environ.clear()
    os.environ.update(saved)


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert airflow_local.DAG_ID in dagbag.dags


def test_schedule_is_an_explicit_quarterly_interval_in_vietnam_time(dagbag):
    dag = dagbag.dags[airflow_local.DAG_ID]
    from airflow.sdk import CronDataIntervalTimetable

    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.expression == "0 6 25 3,6,9,12 *"
    assert str(getattr(dag.timetable.timezone, "name", dag.timetable.timezone)) == "Asia/Ho_Chi_Minh"
    assert dag.catchup is False
    assert {"cchc", "quarterly"} <= set(dag.tags)


def test_every_task_retries_and_alerts(dagbag):
    dag = dagbag.dags[airflow_local.DAG_ID]
    for task in dag.tasks:
        assert task.on_failure_callback, task.task_id
    for task_id in ("load_raw", "build_marts"):
        task = dag.get_task(task_id)
        assert task.retries >= 2 and task.retry_exponential_backoff, task_id


def test_assets_for_raw_and_marts(dagbag):
    dag = dagbag.dags[airflow_local.DAG_ID]
    assert [a.name for a in dag.get_task("load_raw").outlets] == ["cchc_raw"]
    assert [a.name for a in dag.get_task("publish").outlets] == ["cchc_marts"]
    # marts are published only after the mart gate
    assert "validate_marts" in dag.get_task("publish").upstream_task_ids


def test_extraction_is_mapped_over_batches(dagbag):
    dag = dagbag.dags[airflow_local.DAG_ID]
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    assert isinstance(dag.get_task("extract"), MappedOperator)


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_data_intervals_map_to_quarters(dagbag, year):
    """Each scheduled run's data interval ends on the 25th of a quarter's last month, 06:00 ICT, and that
    quarter is the one processed."""
    from airflow.serialization.encoders import coerce_to_core_timetable
    from airflow.timetables.base import TimeRestriction

    dag = dagbag.dags[airflow_local.DAG_ID]
    timetable = coerce_to_core_timetable(dag.timetable)
    start = max(dag.start_date, datetime(year - 1, 12, 25, 6, tzinfo=TZ))
    restriction = TimeRestriction(earliest=start, latest=None, catchup=True)
    last = None
    seen = []
    for _ in range(4):
        info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
        last = info.data_interval
        seen.append(Quarter.of_interval_end(last.end))
        end = last.end.astimezone(TZ)
        assert (end.day, end.hour) == (25, 6)
        assert end.month in (3, 6, 9, 12)
        assert last.start.astimezone(TZ).month == ((end.month - 4) % 12) + 1
    assert [str(q) for q in seen] == [f"{year}Q{i}" for i in (1, 2, 3, 4)]


def test_manual_run_for_a_quarter_gets_that_quarters_interval(dagbag):
    from airflow.serialization.encoders import coerce_to_core_timetable

    dag = dagbag.dags[airflow_local.DAG_ID]
    timetable = coerce_to_core_timetable(dag.timetable)
    quarter = Quarter.parse("2023Q2")
    interval = timetable.infer_manual_data_interval(run_after=quarter.run_at())
    assert Quarter.of_interval_end(interval.end) == quarter
    assert interval.start.astimezone(TZ).date().isoformat() == "2023-03-25"


def test_readme_backfill_dates_cover_2022q1_to_2024q4(dagbag):
    """The deployment backfill in the README bounds logical dates (= interval starts): check its range."""
    import re
    from datetime import UTC

    from airflow.serialization.definitions.dag import SerializedDAG
    from airflow.serialization.serialized_objects import DagSerialization

    readme = (airflow_local.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start, end = re.search(r"--from-date (\S+) --to-date (\S+)", readme).groups()
    dag = DagSerialization.deserialize_dag(DagSerialization.serialize_dag(dagbag.dags[airflow_local.DAG_ID]))
    assert isinstance(dag, SerializedDAG)
    infos = list(dag.iter_dagrun_infos_between(datetime.fromisoformat(start).replace(tzinfo=UTC),
                                               datetime.fromisoformat(end).replace(tzinfo=UTC)))
    quarters = [str(Quarter.of_interval_end(i.data_interval.end)) for i in infos]
    assert quarters == [f"{y}Q{q}" for y in (2022, 2023, 2024) for q in (1, 2, 3, 4)]
