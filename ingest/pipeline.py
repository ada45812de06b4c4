"""The quarterly job's steps as plain functions; the Airflow DAG calls them, tests can too.

Each step is idempotent for its quarter: files are keyed by sha256, the gate and the marts are rebuilt for
the quarter only. Large payloads travel through files under the run directory, not XCom.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ingest.extract_cache import extract_cached
from ingest.locks import warehouse_lock
from ingest.models import ExtractionResult
from ingest.rawload import batch_quarter_of, ensure_schema, load_results
from ingest.warehouse import PROJECT_ROOT, home_dir, warehouse_url

log = logging.getLogger(__name__)
DEFAULT_INBOX = PROJECT_ROOT / "demo" / "inbox"
BATCH_SIZE = 25


def resolve_inbox(inbox: str | None) -> Path:
    chosen = inbox or os.environ.get("CCHC_INBOX") or str(DEFAULT_INBOX)
    path = Path(chosen).expanduser().resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"inbox {path} is not a directory")
    return path


def run_dir(quarter: str, run_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_.+" else "_" for c in run_id)
    path = home_dir() / "runs" / quarter / safe
    path.mkdir(parents=True, exist_ok=True)
    return path


def discover(inbox: Path, quarter: str) -> list[Path]:
    """Files to read for ``quarter``: ``inbox/<quarter>/`` when it exists, else every file of the inbox
    (each one's own period then decides whether it belongs to the quarter). Hidden files are ignored;
    links that lead outside the inbox are refused (path traversal)."""
    root = inbox / quarter if (inbox / quarter).is_dir() else inbox
    files = []
    for path in sorted(root.rglob("*")):
        if path.name.startswith("."):
            continue
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        if shown != str(path):  # bytes that are not UTF-8: the name could not be stored, logged or printed
            log.warning("ignoring %s: its name is not valid UTF-8 (rename the file)", shown)
            continue
        # before is_file(): a link to a folder or a device outside is named too, not skipped silently
        if not path.resolve().is_relative_to(inbox):
            log.warning("ignoring %s: it points outside the inbox %s", path, inbox)
            continue
        if path.is_file():
            files.append(path)
    # arrival order (then name): a unit's corrected resubmission is loaded after the report it replaces
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, str(p)))


def batches(paths: list[Path], size: int = BATCH_SIZE) -> list[list[str]]:
    return [[str(p) for p in paths[i : i + size]] for i in range(0, len(paths), size)]


def extract_batch(paths: list[str], out_dir: Path, index: int) -> str:
    """Extract one batch of files to ``out_dir/batch-<index>.jsonl``; returns that path."""
    out = out_dir / f"batch-{index:04d}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for p in paths:
            result = extract_cached(Path(p))
            fh.write(json.dumps({"path": p, "result": result.to_json_dict()}, ensure_ascii=False) + "\n")
    return str(out)


def read_batches(batch_files: list[str]) -> list[tuple[Path, ExtractionResult]]:
    items = []
    for bf in batch_files:
        with open(bf, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                items.append((Path(row["path"]), ExtractionResult.model_validate(row["result"])))
    return items


def select_for_quarter(
    items: list[tuple[Path, ExtractionResult]], quarter: str
) -> tuple[list[tuple[Path, ExtractionResult]], list[str]]:
    """Keep the reports filed under ``quarter`` and every file whose period is unknown or that was rejected
    (those go to quarantine under this run). Returns (kept, names of reports of other quarters)."""
    kept, elsewhere = [], []
    for path, result in items:
        bq = batch_quarter_of(result) if result.status == "ok" else None
        if bq is None or bq == quarter:
            kept.append((path, result))
        else:
            elsewhere.append(f"{result.file} ({bq})")
    return kept, elsewhere


def load(batch_files: list[str], quarter: str, run_id: str, url: str | None = None) -> dict:
    url = url or warehouse_url()
    ensure_schema(url)
    kept, elsewhere = select_for_quarter(read_batches(batch_files), quarter)
    with warehouse_lock(url, f"quarter:{quarter}"):
        summary = load_results(url, kept, quarter, run_id).as_dict()
    summary["other_quarters"] = elsewhere
    return summary


def make_plan(data_interval_end, run_id: str, inbox: str | None) -> dict:
    """The run's parameters, all derived from the data interval (never from the wall clock)."""
    from ingest.quarters import Quarter

    quarter = str(Quarter.of_interval_end(data_interval_end))
    plan = {"quarter": quarter, "run_id": run_id, "inbox": str(resolve_inbox(inbox))}
    log.info("run %s processes quarter %s from %s", run_id, quarter, plan["inbox"])
    return plan


def discover_batches(run: dict) -> list[list[str]]:
    files = discover(Path(run["inbox"]), run["quarter"])
    log.info("%d files in %s", len(files), run["inbox"])
    return batches(files) or [[]]


def _docs_dir(run: dict, name: str) -> Path:
    path = home_dir() / "docs" / run["quarter"] / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def gate_raw(run: dict, url: str | None = None) -> dict:
    from expectations.gate import run_raw_gate

    url = url or warehouse_url()
    with warehouse_lock(url, f"quarter:{run['quarter']}"):
        summary = run_raw_gate(url, run["quarter"], run["run_id"], _docs_dir(run, "raw"))
    return summary.model_dump(mode="json")


def build_marts(run: dict, url: str | None = None) -> dict:
    from ingest.publish import BUILD_SCHEMA
    from ingest.transform import build, raise_for

    url = url or warehouse_url()
    with warehouse_lock(url, f"quarter:{run['quarter']}"), warehouse_lock(url, "dbt"):
        result = raise_for(build(url, run["quarter"], marts_schema=BUILD_SCHEMA))
    return {"success": True, "elapsed_s": round(result.elapsed, 1)}


def gate_marts(run: dict, url: str | None = None) -> dict:
    from expectations.gate import run_mart_gate
    from ingest.publish import BUILD_SCHEMA

    url = url or warehouse_url()
    with warehouse_lock(url, f"quarter:{run['quarter']}"):
        summary = run_mart_gate(url, run["quarter"], run["run_id"], _docs_dir(run, "marts"), schema=BUILD_SCHEMA)
    return summary.model_dump(mode="json")


def publish_marts(run: dict, url: str | None = None) -> dict:
    """Copy the validated build into the published ``marts`` schema (after the mart gate passed)."""
    from ingest.publish import publish

    url = url or warehouse_url()
    with warehouse_lock(url, "dbt"):
        tables = publish(url)
    return {"published": tables, "quarter": run["quarter"]}
