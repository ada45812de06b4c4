"""Write benchmarks/RESULTS.md from the figures the benchmarks saved in benchmarks/results/*.json.

    .venv/bin/python -m benchmarks.results

The tables are regenerated; the hand-written findings below the ``FINDINGS`` marker are kept.
"""

from __future__ import annotations

import json

from benchmarks.record import RESULTS_DIR

RESULTS_MD = RESULTS_DIR.parent / "RESULTS.md"
FINDINGS = "<!-- findings: hand-written below, kept when the tables are regenerated -->"


def _load(name: str) -> dict | None:
    path = RESULTS_DIR / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _head(rec: dict) -> list[str]:
    m = rec["machine"]
    return [f"`{rec['command']}` · {rec['started']} → {rec['finished']} · {m['cores']} cores ({m['cpu']}), "
            f"{m['memory_gb']} GB · load average at the end {m['load_average_at_end']}", ""]


def extraction(rec: dict) -> list[str]:
    f = rec["figures"]
    out = [f"Inputs: {f['documents']} documents, {f['text_kb']} kB of text ({f['inputs']}); one core.", "",
           "| | docs/s | MB/s | vs baseline |", "|---|---|---|---|"]
    for name, row in f["rows"].items():
        out.append(f"| {name} | {row['docs_per_s']} | {row['mb_per_s']} | {100 * row['vs_baseline']:.1f} % |")
    return out


def quarter(rec: dict) -> list[str]:
    f = rec["figures"]
    out = [f"{f['reports']} reports ({f['input_mb']} MB), {f['reports_loaded']} loaded, {f['facts']} facts: "
           f"**{f['wall_s']} s** inbox → published marts ({f['reports_per_s']} reports/s).", "",
           *_tasks_table(f)]
    return out


def _tasks_table(f: dict) -> list[str]:
    out = ["| stage | seconds | share of wall |", "|---|---|---|"]
    for task, secs in f["tasks_s"].items():
        label = f"{task} (Airflow's start of the first task: no work)" if task == "plan" else task
        out.append(f"| {label} | {secs} | {100 * secs / f['wall_s']:.0f} % |")
    out += [f"| between tasks (scheduling, XCom) | {f['of_which_between_tasks_s']} | "
            f"{100 * f['of_which_between_tasks_s'] / f['wall_s']:.0f} % |",
            f"| process start, metadata DB, DAG parse, end table | {f['of_which_process_parse_and_table_s']} | "
            f"{100 * f['of_which_process_parse_and_table_s'] / f['wall_s']:.0f} % |",
            f"| **Airflow overhead** (wall − work in tasks) | **{f['airflow_overhead_s']}** | "
            f"**{100 * f['airflow_overhead_share']:.0f} %** |"]
    return out


def backfill(rec: dict) -> list[str]:
    f = rec["figures"]
    return [f"{f['units']} units × {f['quarters']} quarters = {f['reports']} reports.", "",
            "| | total s | per quarter s |", "|---|---|---|",
            f"| one `cchc backfill` | {f['backfill_s']} | {f['backfill_per_quarter_s']} |",
            f"| {f['quarters']} × `cchc run` | {f['separate_runs_s']} | "
            f"{round(f['separate_runs_s'] / f['quarters'], 1)} |", "",
            f"Backfill / separate runs: **{f['backfill_vs_separate']}**. Per-run walls: "
            f"{', '.join(str(x) for x in f['separate_per_run_s'])} s. Reports loaded: {f['reports_loaded']}."]


def growth(rec: dict) -> list[str]:
    f = rec["figures"]
    keys = [k for k in f if isinstance(f[k], dict)]
    out = [f"Adding {f['new_quarter']} ({f['units']} reports) with `cchc run`:", "",
           "| warehouse holds | raw facts after | wall s | dbt build s | GX raw s | GX marts s | publish s |",
           "|---|---|---|---|---|---|---|"]
    for k in keys:
        g = f[k]
        t = g["tasks_s"]
        out.append(f"| {g['history_quarters']} quarters | {g['raw_facts_after']} | {g['wall_s']} | "
                   f"{t.get('build_marts')} | {t.get('validate_raw')} | {t.get('validate_marts')} | "
                   f"{t.get('publish')} |")
    out += ["", f"Slowdown with history: **×{f['slowdown']}**."]
    return out


def national(rec: dict) -> list[str]:
    f = rec["figures"]
    fb, om = f["full_build"], f["one_more_quarter"]
    load = f"in {f['load_s']} s" if f.get("load_s") is not None else "(time not recorded)"
    out = [f"{f['reports_per_quarter']} reports per quarter ({f['provinces']} provinces) × {f['quarters']} quarters "
           f"= {f['raw_reports']} reports, {f['raw_facts']} facts, generated straight into raw with COPY {load}; "
           f"database {f['database_mb']} MB.", "",
           "| | dbt build s | publish s | peak dbt RSS MB | peak PostgreSQL USS MB |", "|---|---|---|---|---|",
           f"| full build, all quarters | {fb['dbt_build_s']} | {fb['publish_s']} | {fb['peak_dbt_rss_mb']} | "
           f"{fb['peak_pg_uss_mb']} |",
           f"| one more quarter ({om['quarter']}, {om['reports']} reports), incremental | {om['dbt_build_s']} | "
           f"{om['publish_s']} | {om['peak_dbt_rss_mb']} | {om['peak_pg_uss_mb']} |", "",
           "Mart rows: " + ", ".join(f"{k} {v}" for k, v in f["marts_rows"].items()) + "."]
    if f.get("note"):
        out += ["", f"Note: {f['note']}."]
    return [line.replace("| None |", "| not recorded |") for line in out]


SECTIONS = (
    ("extraction", "Extraction throughput vs the raw-scan baseline (seeds)", extraction),
    ("extraction_corpus", "Extraction throughput vs the raw-scan baseline (generated TXT reports)", extraction),
    ("quarter", "One quarter end to end", quarter),
    ("backfill", "Backfill of 12 quarters vs 12 single-quarter runs", backfill),
    ("growth", "Cost of adding a quarter: empty warehouse vs 40 quarters of history", growth),
    ("national", "National scale: dbt build time and peak memory", national),
)


def render() -> str:
    lines = ["# Benchmark results", "",
             "Written by `.venv/bin/python -m benchmarks.results` from `benchmarks/results/*.json`; each section names "
             "the command that produced it, when, and on what machine. The machine is shared: the load average is "
             "printed with each figure.", ""]
    for name, title, fn in SECTIONS:
        rec = _load(name)
        lines += [f"## {title}", ""]
        lines += [*_head(rec), *fn(rec), ""] if rec else ["(not measured yet)", ""]
    old = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
    kept = old.split(FINDINGS, 1)[1] if FINDINGS in old else "\n"
    return "\n".join(lines) + FINDINGS + kept


def main() -> None:
    RESULTS_MD.write_text(render(), encoding="utf-8")
    print(RESULTS_MD)


if __name__ == "__main__":
    main()
