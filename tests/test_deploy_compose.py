"""docker-compose.yml cannot be started here (no Docker engine): check that it describes a working deployment."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from ingest import airflow_local, transform
from ingest.warehouse import PROJECT_ROOT

REPO = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
AIRFLOW_SERVICES = ["airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"]
CONTAINER_ROOT = "/opt/cchc"


def _mounts(service: dict) -> dict[str, str]:
    out = {}
    for spec in service.get("volumes", []):
        src, dst = spec.split(":")[:2]
        out[dst] = src
    return out


def test_all_services_present():
    expected = {"postgres", "airflow-init", *AIRFLOW_SERVICES, "metabase"}
    assert expected <= set(SERVICES)


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_services_run_their_component(name):
    service = SERVICES[name]
    component = name.removeprefix("airflow-").replace("apiserver", "api-server")
    assert service["command"][:2] == ["airflow", component]
    assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_dag_folder_and_dbt_project_mounted_where_the_code_expects_them(name):
    service = SERVICES[name]
    env = service["environment"]
    mounts = _mounts(service)
    dags_folder = env["AIRFLOW__CORE__DAGS_FOLDER"]
    # the DAG folder Airflow reads is the repo's dags/ ...
    assert mounts[dags_folder] == "./" + airflow_local.DAGS_FOLDER.relative_to(PROJECT_ROOT).as_posix()
    # ... and the dbt project sits where ingest.transform looks for it, relative to the installed package
    dbt_rel = transform.DBT_PROJECT_DIR.relative_to(PROJECT_ROOT).as_posix()
    assert mounts[f"{CONTAINER_ROOT}/{dbt_rel}"] == f"./{dbt_rel}"
    assert mounts[env["CCHC_INBOX"]] == "./inbox"
    assert env["CCHC_HOME"] in mounts, "run state (Data Docs, reports, alerts) must live on a volume"
    assert env["CCHC_WAREHOUSE_URL"].startswith("postgresql://") and "@postgres:5432/cchc" in env["CCHC_WAREHOUSE_URL"]
    assert "@postgres:5432/airflow" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]


def test_image_installs_the_project_where_the_mounts_expect_it():
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(rf"^WORKDIR {CONTAINER_ROOT}$", dockerfile, re.M)
    assert "requirements.lock" in dockerfile and "-e ." in dockerfile
    assert "apache/airflow:3.3" in dockerfile


def test_no_secret_in_the_repository():
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    for var in ("POSTGRES_PASSWORD", "CCHC_BI_PASSWORD", "AIRFLOW_JWT_SECRET"):
        assert re.search(rf"\$\{{{var}(:\?[^}}]*)?\}}", text), f"{var} must come from the environment"
    assert not re.search(r"PASSWORD: [\"']?[A-Za-z0-9]{4,}", text)


def test_metabase_reads_marts_with_the_read_only_role():
    assert SERVICES["metabase"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    setup = (REPO / "deploy" / "metabase-setup.sh").read_text(encoding="utf-8")
    assert '"user": "cchc_bi"' in setup.replace('\\"', '"')
    assert "marts" in setup
    init = (REPO / "deploy" / "postgres-init.sh").read_text(encoding="utf-8")
    assert "create role cchc_bi login" in init
    assert "grant usage on schema marts to cchc_bi" in init
    mounts = _mounts(SERVICES["postgres"])
    assert mounts["/docker-entrypoint-initdb.d/10-cchc.sh"] == "./deploy/postgres-init.sh"


def test_named_volumes_declared():
    used = {
        spec.split(":")[0]
        for svc in SERVICES.values()
        for spec in svc.get("volumes", [])
        if not spec.startswith(".")
    }
    assert used <= set(COMPOSE["volumes"])


def _interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR:-default}`` / ``${VAR}`` substitution, for the variables these tests use."""
    return re.sub(r"\$\{(\w+)(?::-([^}]*))?\}", lambda m: env.get(m[1]) or m[2] or "", value)


@pytest.mark.parametrize(("dotenv", "transport"), [
    ({}, "FileTransport"),
    ({"OPENLINEAGE_TRANSPORT_TYPE": "http", "OPENLINEAGE_URL": "http://marquez.test:5000"}, "HttpTransport"),
    ({"OPENLINEAGE_TRANSPORT_TYPE": "console"}, "ConsoleTransport"),
])
def test_lineage_transport_from_the_environment(dotenv, transport, monkeypatch):
    """The OpenLineage client, given the Airflow services' environment, writes to the cchc-var volume by
    default and to Marquez (or the console) when .env says so; the provider is on in every case."""
    from airflow.providers.openlineage import conf as ol_conf
    from openlineage.client import OpenLineageClient

    for key in list(os.environ):
        if key.startswith((*airflow_local.LINEAGE_CONFIG_VARS, "AIRFLOW__OPENLINEAGE__")):
            monkeypatch.delenv(key)
    for name in AIRFLOW_SERVICES:
        env = {k: _interpolate(str(v), dotenv) for k, v in SERVICES[name]["environment"].items()}
        for key, value in env.items():
            if "OPENLINEAGE" in key:
                monkeypatch.setenv(key, value)
        assert env["AIRFLOW__OPENLINEAGE__NAMESPACE"] == "cchc"
        assert not ol_conf.is_disabled(), name
        client = OpenLineageClient()
        assert type(client.transport).__name__ == transport, name
        if transport == "FileTransport":
            path = client.transport.config.log_file_path
            assert client.transport.config.append is True
            assert path.startswith(env["CCHC_HOME"] + "/"), "lineage must live on the cchc-var volume"
            assert Path(path).parent.as_posix() in SERVICES["airflow-init"]["command"][-1]  # created by init
        if transport == "HttpTransport":
            assert client.transport.url == dotenv["OPENLINEAGE_URL"]
