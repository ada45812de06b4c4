"""``cchc report``: a static HTML page of one quarter for the provincial leadership, from the marts."""

from __future__ import annotations

from pathlib import Path

from ingest.quarter_report.queries import QuarterData, load_quarter
from ingest.quarter_report.render import render_report

__all__ = ["QuarterData", "build_quarter_report", "load_quarter", "render_report"]


def build_quarter_report(quarter: str, out_dir: Path, url: str | None = None) -> Path:
    """Query the warehouse for ``quarter`` (e.g. '2023Q2') and write the report; returns index.html's path."""
    from ingest.warehouse import warehouse_url

    return render_report(load_quarter(url or warehouse_url(), quarter), Path(out_dir))
