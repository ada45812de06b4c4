"""Run the dbt project (dbt_project/) against a warehouse given by its postgresql:// URL.

dbt runs as a subprocess of the venv's own ``dbt`` executable, so a failing model cannot take the caller
down and each run starts from a clean dbt state. The connection travels in the CCHC_DBT_* variables that
dbt_project/profiles.yml reads; target/ and logs/ go under ``$CCHC_HOME/dbt`` so the repository stays clean.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import BaseModel

from ingest.warehouse import PROJECT_ROOT, home_dir

log = logging.getLogger(__name__)

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
LOG_TAIL_LINES = 60


class DbtResult(BaseModel):
    success: bool
    returncode: int
    command: list[str]
    log_tail: str
    elapsed: float  # seconds


class DbtError(RuntimeError):
    def __init__(self, result: DbtResult) -> None:
        super().__init__(f"dbt {' '.join(result.command[1:3])} failed (exit {result.returncode}):\n{result.log_tail}")
        self.result = result


def dbt_executable() -> Path:
    """The dbt next to the running interpreter (the project venv), else the one on PATH."""
    candidate = Path(sys.executable).parent / "dbt"
    return candidate if candidate.exists() else Path("dbt")


def connection_env(warehouse_url: str) -> dict[str, str]:
    """CCHC_DBT_* variables from ``postgresql://user:password@host:port/dbname`` (``?host=/socket/dir`` too)."""
    parts = urlsplit(warehouse_url)
    if parts.scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise ValueError(f"not a PostgreSQL URL: {warehouse_url!r}")
    query = parse_qs(parts.query)
    host = query.get("host", [None])[0] or parts.hostname or "127.0.0.1"
    port = query.get("port", [None])[0] or (str(parts.port) if parts.port else "5432")
    return {
        "CCHC_DBT_HOST": unquote(host),
        "CCHC_DBT_PORT": port,
        "CCHC_DBT_USER": unquote(parts.username or query.get("user", ["postgres"])[0]),
        "CCHC_DBT_PASSWORD": unquote(parts.password or query.get("password", [""])[0]),
        "CCHC_DBT_DBNAME": unquote(parts.path.lstrip("/") or "cchc"),
    }


def run_dbt(args: list[str], warehouse_url: str, quarter: str | None = None,
            dbt_vars: dict[str, object] | None = None) -> DbtResult:
    """Run ``dbt <args>`` on the project; ``quarter`` ('YYYYQn') is passed as the ``quarter`` var, ``dbt_vars``
    as further vars."""
    state_dir = home_dir() / "dbt"
    state_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(dbt_executable()),
        *args,
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(state_dir / "target"),
        "--log-path", str(state_dir / "logs"),
    ]
    all_vars = {**({"quarter": quarter} if quarter else {}), **(dbt_vars or {})}
    if all_vars:
        command += ["--vars", json.dumps(all_vars)]
    env = {
        **os.environ,
        **connection_env(warehouse_url),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "DBT_PARTIAL_PARSE": "true",
    }
    started = time.monotonic()
    log.info("running %s", " ".join(command[1:]))
    proc = subprocess.run(command, env=env, capture_output=True, text=True, cwd=DBT_PROJECT_DIR)
    elapsed = time.monotonic() - started
    output = (proc.stdout or "") + (proc.stderr or "")
    tail = "\n".join(output.rstrip().splitlines()[-LOG_TAIL_LINES:])
    return DbtResult(
        success=proc.returncode == 0,
        returncode=proc.returncode,
        command=command,
        log_tail=tail,
        elapsed=round(elapsed, 2),
    )


def build(warehouse_url: str, quarter: str | None = None, full_refresh: bool = False,
          marts_schema: str | None = None) -> DbtResult:
    """``dbt build``: seeds, models with their data and unit tests, the on-run-end grants.

    ``marts_schema``: build the marts into another schema (the pipeline builds into ``marts_build`` and
    publishes to ``marts`` only after the mart gate passed); the BI grants then are left to the publisher.

    Check ``.success``; ``raise_for(result)`` turns a failure into DbtError.
    """
    extra = ["--full-refresh"] if full_refresh else []
    dbt_vars = {"marts_schema": marts_schema, "bi_grants": False} if marts_schema else None
    return run_dbt(["build", *extra], warehouse_url, quarter, dbt_vars)  # build loads the seeds first


def raise_for(result: DbtResult) -> DbtResult:
    if not result.success:
        raise DbtError(result)
    return result


def docs_generate(warehouse_url: str) -> Path | None:
    """``dbt docs generate`` into ``$CCHC_HOME/dbt/target``; the path of its index.html, None on failure."""
    result = run_dbt(["docs", "generate"], warehouse_url)
    if not result.success:
        log.error("dbt docs generate failed:\n%s", result.log_tail)
        return None
    return home_dir() / "dbt" / "target" / "index.html"
