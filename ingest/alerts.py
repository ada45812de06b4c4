"""Failure notifications: where a person sees why a quarterly run failed.

Every failed task appends one JSON line to ``$CCHC_HOME/alerts/failures.jsonl`` and logs an ERROR line; a
deployment can add a webhook or e-mail by setting ``CCHC_ALERT_COMMAND`` (run with the message on stdin).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.warehouse import home_dir

log = logging.getLogger("cchc.alerts")


def alerts_file() -> Path:
    path = home_dir() / "alerts" / "failures.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def notify_failure(context: dict[str, Any]) -> None:
    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    exc = context.get("exception")
    record = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dag_id": getattr(dag_run, "dag_id", None),
        "run_id": getattr(dag_run, "run_id", None),
        "task_id": getattr(ti, "task_id", None),
        "try_number": getattr(ti, "try_number", None),
        "reason": f"{type(exc).__name__}: {exc}" if exc else str(context.get("reason", "unknown")),
    }
    with alerts_file().open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    message = f"CCHC run failed: {record['dag_id']} {record['run_id']} task {record['task_id']}: {record['reason']}"
    log.error(message)
    command = os.environ.get("CCHC_ALERT_COMMAND")
    if command:
        subprocess.run(command, shell=True, input=message, text=True, check=False, timeout=60)
