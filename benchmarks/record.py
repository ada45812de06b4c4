"""Where benchmark figures go: ``benchmarks/results/<scenario>.json`` with the machine, date and command."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime
from pathlib import Path

import psutil

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    return {"cpu": _cpu_model(), "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
            "python": platform.python_version(), "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def command() -> str:
    """The command line that is running, as ``-m module`` when it is a module of this repository."""
    script = Path(sys.argv[0]).resolve().with_suffix("")
    try:
        module = script.relative_to(Path(__file__).resolve().parents[1]).as_posix().replace("/", ".")
    except ValueError:
        return " ".join(sys.argv)
    return f".venv/bin/python -m {module} {' '.join(sys.argv[1:])}".strip()


def save(name: str, figures: dict, started: datetime, how: str | None = None) -> Path:
    """Write the figures with the machine, the start and end time and ``how`` they were made (default: the
    running command)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    record = {"scenario": name, "command": how or command(), "started": started.isoformat(timespec="seconds"),
              "finished": datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
              "figures": figures}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
