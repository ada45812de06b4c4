"""The Great Expectations quality gate of the warehouse.

* ``run_raw_gate``: GX suites on ``raw.reports`` / ``raw.facts`` (metadata, codes, units, ranges, status codes)
  plus the cross-fact rules of ``rules.md`` §1 (``expectations.rules``); verdicts are written to ``quality.*``
  and ``quarantine.*``.
* ``run_mart_gate``: GX suites on the dbt marts (keys, orphans, consolidated ratios).
* ``validation_report`` / ``cmd_validate``: what ``cchc validate`` prints.

Importing this package is cheap: Great Expectations (≈4 s) is only imported when a gate runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from expectations.models import Finding, GateSummary, MartGateFailed

if TYPE_CHECKING:  # pragma: no cover
    from expectations.mart_gate import run_mart_gate
    from expectations.raw_gate import run_raw_gate
    from expectations.report import cmd_validate, validation_report

__all__ = [
    "Finding",
    "GateSummary",
    "MartGateFailed",
    "cmd_validate",
    "run_mart_gate",
    "run_raw_gate",
    "validation_report",
]

_LAZY = {
    "run_raw_gate": "expectations.raw_gate",
    "run_mart_gate": "expectations.mart_gate",
    "validation_report": "expectations.report",
    "cmd_validate": "expectations.report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
