"""The ``cchc`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path


def _cmd_extract(args: argparse.Namespace) -> int:
    from ingest.extract import extract_file

    paths = [Path(p) for p in args.paths]
    results = []
    for path in _progress(paths, "extract", enabled=args.format != "json" or sys.stderr.isatty()):
        results.append(extract_file(path))
    if args.format == "json":
        json.dump([r.to_json_dict() for r in results], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for r in results:
            if r.status == "rejected":
                print(f"REJECTED {r.file}: {r.error}")
                continue
            meta = r.report
            print(f"{r.file}: {meta.reporting_unit} · {meta.period_label} · {len(r.facts)} facts · "
                  f"{len(r.issues)} issues")
    return 0 if all(r.status == "ok" for r in results) or args.format == "json" else 1


def _cmd_warehouse(args: argparse.Namespace) -> int:
    import os

    from ingest.warehouse import URL_ENV, embedded, warehouse_url

    if os.environ.get(URL_ENV):
        if args.action in ("start", "stop"):
            print(f"{URL_ENV} is set: using that server, nothing to {args.action}", file=sys.stderr)
        print(os.environ[URL_ENV] if args.action in ("url", "status") else "", end="\n" * (args.action != "stop"))
        return 0
    server = embedded()
    if args.action == "start":
        print(server.start())
    elif args.action == "stop":
        server.stop()
        print("stopped")
    elif args.action == "status":
        running = server.is_running()
        print(f"{'running' if running else 'stopped'} {server.data_dir}")
        return 0 if running else 3
    else:
        print(warehouse_url(start=False))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from ingest.airflow_local import run_quarter
    from ingest.quarters import Quarter
    from ingest.report_table import print_quarter_table

    quarter = Quarter.parse(args.quarter)
    inbox = str(Path(args.inbox).resolve()) if args.inbox else None
    print(f"cchc: running quarter {quarter} (Airflow dag.test, in-process)", file=sys.stderr)
    state = run_quarter(quarter, inbox)
    print(f"cchc: quarter {quarter} finished: {state}", file=sys.stderr)
    if state != "success":
        from ingest.alerts import alerts_file

        print(f"cchc: see {alerts_file()} for the failure reason", file=sys.stderr)
        return 1
    print_quarter_table(str(quarter))
    return 0


def _cmd_backfill(args: argparse.Namespace) -> int:
    from ingest.airflow_local import run_quarter
    from ingest.quarters import Quarter, quarter_range

    quarters = quarter_range(Quarter.parse(args.from_), Quarter.parse(args.to))
    inbox = str(Path(args.inbox).resolve()) if args.inbox else None
    results: dict[str, str] = {}
    bar = _progress(quarters, "backfill", unit="quarter")
    for quarter in bar:
        bar.set_postfix_str(str(quarter))
        results[str(quarter)] = run_quarter(quarter, inbox)
    print("Backfill summary:")
    for quarter, state in results.items():
        print(f"  {quarter}: {state}")
    failed = [q for q, s in results.items() if s != "success"]
    if failed:
        from ingest.alerts import alerts_file

        print(f"{len(failed)} quarter(s) failed: {', '.join(failed)}; reasons in {alerts_file()}", file=sys.stderr)
        return 1
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ingest.pipeline import DEFAULT_INBOX
    from ingest.report_table import print_quarter_table

    quarters = sorted(p.name for p in DEFAULT_INBOX.iterdir() if p.is_dir())
    code = _cmd_backfill(argparse.Namespace(from_=quarters[0], to=quarters[-1], inbox=str(DEFAULT_INBOX)))
    for quarter in quarters:
        print_quarter_table(quarter)
    if code == 0:
        _print_where_to_look(quarters)
    return code


def _print_where_to_look(quarters: list[str]) -> None:
    """Build the quarter pages and the dbt docs, then say where they and the Data Docs are."""
    from ingest.quarter_report import build_quarter_report
    from ingest.transform import docs_generate
    from ingest.warehouse import home_dir, warehouse_url

    print("\nWhere to look:")
    for quarter in quarters:
        page = build_quarter_report(quarter, home_dir() / "reports" / quarter).resolve()
        print(f"  quarter report {quarter}:  {page}")
    docs = docs_generate(warehouse_url())
    print(f"  dbt docs:                {docs if docs else 'dbt docs generate failed (see the log above)'}")
    for quarter in quarters:
        for gate in ("raw", "marts"):
            for index in sorted((home_dir() / "docs" / quarter / gate).rglob("index.html"))[:1]:
                print(f"  Data Docs {quarter} {gate:5}: {index}")
    print(f"  warehouse:               {warehouse_url(start=False)}  (stop it: .venv/bin/cchc warehouse stop)")


def _cmd_validate(args: argparse.Namespace) -> int:
    from expectations.report import cmd_validate

    return cmd_validate(args.quarter, args.format)


def _cmd_report(args: argparse.Namespace) -> int:
    from ingest.quarter_report import build_quarter_report
    from ingest.quarters import Quarter
    from ingest.warehouse import home_dir

    quarter = str(Quarter.parse(args.quarter))
    out = Path(args.out) if args.out else home_dir() / "reports" / quarter
    print(build_quarter_report(quarter, out).resolve())
    return 0


def _progress(items, desc: str, enabled: bool = True, unit: str = "file"):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, disable=not enabled, file=sys.stderr)


def _quarter_arg(text: str) -> str:
    """A --quarter/--from/--to value checked at parse time: a clear usage error, not a traceback."""
    from ingest.quarters import Quarter

    try:
        return str(Quarter.parse(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="CCHC reports → audited PostgreSQL warehouse")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract report metadata and indicator facts from files")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("run", help="run the quarterly DAG for one quarter (Airflow dag.test, in-process)")
    p.add_argument("--quarter", required=True, type=_quarter_arg, help="e.g. 2023Q2")
    p.add_argument("--inbox", help="folder of reports (default: CCHC_INBOX or the demo inbox)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("backfill", help="run every quarter of a range through the DAG, oldest first")
    p.add_argument("--from", dest="from_", required=True, type=_quarter_arg, help="first quarter, e.g. 2022Q1")
    p.add_argument("--to", required=True, type=_quarter_arg, help="last quarter, e.g. 2024Q4")
    p.add_argument("--inbox", help="folder of reports (default: CCHC_INBOX or the demo inbox)")
    p.set_defaults(func=_cmd_backfill)

    p = sub.add_parser("demo", help="run the demo inbox's quarters on the embedded warehouse")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("validate", help="the quality gate's verdicts of a quarter, per reporting unit")
    p.add_argument("--quarter", required=True, type=_quarter_arg, help="e.g. 2023Q2")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("report", help="a static HTML page of one quarter (charts, coverage, quality issues)")
    p.add_argument("--quarter", required=True, type=_quarter_arg, help="e.g. 2023Q2")
    p.add_argument("--out", help="output folder (default: CCHC_HOME/reports/<quarter>)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("warehouse", help="the embedded PostgreSQL server (or the one CCHC_WAREHOUSE_URL names)")
    p.add_argument("action", choices=["start", "stop", "status", "url"])
    p.set_defaults(func=_cmd_warehouse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
