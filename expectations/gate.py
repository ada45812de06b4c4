"""Entry points the pipeline calls: the raw gate before dbt, the mart gate after it."""

from expectations.mart_gate import run_mart_gate
from expectations.models import GateSummary, MartGateFailed
from expectations.raw_gate import run_raw_gate

__all__ = ["GateSummary", "MartGateFailed", "run_mart_gate", "run_raw_gate"]
