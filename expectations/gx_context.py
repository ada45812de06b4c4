"""Great Expectations contexts for the gate: ephemeral (cheap to create), quiet, with Data Docs under a folder."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.warehouse import sqlalchemy_url  # noqa: F401 - re-exported for the suites

if TYPE_CHECKING:  # pragma: no cover
    from great_expectations.data_context import AbstractDataContext

DOCS_SITE = "local_site"


def quiet_gx_logging() -> None:
    """GX logs (INFO) a line per registered expectation/metric when the host configured logging at INFO
    (Airflow does, through structlog): keep its loggers at WARNING, and its usage statistics off."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in ("great_expectations", "tzlocal", "numexpr"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # Some GX modules set their own logger to INFO when imported: lower every GX logger already created.
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations."):
            logging.getLogger(name).setLevel(logging.WARNING)


def make_context(docs_dir: Path) -> AbstractDataContext:
    """An ephemeral context whose Data Docs site is written to ``docs_dir`` (suites and results live in memory:
    each run's docs show that run)."""
    quiet_gx_logging()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    docs_dir = Path(docs_dir).resolve()
    docs_dir.mkdir(parents=True, exist_ok=True)
    quiet_gx_logging()  # again: importing GX reset some of its loggers to INFO
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    ctx.update_data_docs_site(DOCS_SITE, {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    return ctx


def dispose_engines(ctx: AbstractDataContext) -> None:
    """Close the SQLAlchemy pools GX opened for the context's SQL data sources: an ephemeral context is made
    per run, and a backfill of many quarters must not leave idle connections behind."""
    import gc

    for datasource in list(ctx.data_sources.all().values()):
        engines = [getattr(datasource, "_engine", None),
                   getattr(getattr(datasource, "_execution_engine", None), "engine", None)]
        for engine in engines:
            if engine is not None:
                engine.dispose()
    gc.collect()  # GX closes the pools of engines it no longer references when they are collected


def docs_index(docs_dir: Path) -> Path | None:
    index = Path(docs_dir).resolve() / "index.html"
    return index if index.exists() else None
