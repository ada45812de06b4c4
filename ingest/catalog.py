"""The indicator catalogue (codes, units, kinds, consolidation), read from the dbt seed that ships it."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pydantic import BaseModel

CATALOG_CSV = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "indicator_catalog.csv"


class Indicator(BaseModel):
    indicator_code: str
    domain: str
    label_vi: str
    label_en: str
    unit: str
    kind: str
    consolidation: str
    numerator_codes: str
    denominator_code: str
    identity: str
    peripheral: bool
    labelled_in_gold: bool


@cache
def load_catalog(path: Path = CATALOG_CSV) -> dict[str, Indicator]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["indicator_code"]: Indicator(**row) for row in csv.DictReader(fh)}


def unit_of(code: str) -> str:
    """The canonical unit of a code; KeyError for a code the catalogue does not know."""
    return load_catalog()[code].unit
