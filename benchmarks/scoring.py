"""Score extracted facts and report metadata against hand labels in the ../shared/gold format.

Fact matching follows ../shared/tools/score_extraction.py: a labelled fact is recalled when some extracted fact
of the same file has the same indicator and an equal value (relative tolerance 1e-6); *strict* recall also
requires the same scope. Precision is taken over the extracted facts whose indicator occurs in the labels of
any file of the set (codes nobody labelled are neither rewarded nor punished); such a fact is correct when its
(indicator, value) matches a labelled fact of its own file.

Metadata is checked field by field against the label's ``report`` object.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ingest.models import ExtractionResult, ReportMeta

REL_TOL = 1e-6


class LabelWindow(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(default=None, alias="from")
    to: str | None = None


class LabelReport(BaseModel):
    reporting_unit: str
    unit_level: str
    province: str | None
    district: str | None
    period_label: str | None = None
    period_type: str
    year: int | None
    quarter: int | None
    months_covered: list[int]
    data_window: LabelWindow | None = None
    report_date: str | None = None


class LabelFact(BaseModel):
    indicator: str
    scope: str
    value: float
    unit: str
    source: str
    locator: str
    line: int
    note: str | None = None


class LabelFile(BaseModel):
    """One hand-labelled report: the gold format (``facts`` may be empty when only metadata is labelled)."""

    file: str
    report: LabelReport
    facts: list[LabelFact] = Field(default_factory=list)
    quality_issues: list[dict] = Field(default_factory=list)

    @property
    def key(self) -> str:
        return Path(self.file).stem


def load_labels(directory: Path) -> dict[str, LabelFile]:
    """Every ``*.json`` label file of a directory that has ``report`` and ``facts``, keyed by report stem."""
    out: dict[str, LabelFile] = {}
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if "report" in raw and "facts" in raw:
            label = LabelFile.model_validate(raw)
            out[label.key] = label
    return out


def values_equal(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(1.0, abs(a), abs(b))


@dataclass(frozen=True)
class FactRef:
    """A fact reduced to what the report needs to show: code, scope, value, line."""

    indicator: str
    scope: str
    value: float
    line: int
    text: str = ""

    def __str__(self) -> str:
        value = f"{self.value:g}"
        return f"{self.indicator} [{self.scope}] = {value} (line {self.line}) {self.text}".rstrip()


@dataclass
class FileScore:
    file: str
    found: bool
    labelled: int
    recalled: int
    recalled_strict: int
    scored: int
    correct: int
    meta: dict[str, bool] = field(default_factory=dict)
    missed: list[FactRef] = field(default_factory=list)
    spurious: list[FactRef] = field(default_factory=list)
    error: str | None = None

    @property
    def has_fact_labels(self) -> bool:
        return self.labelled > 0

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 0.0

    @property
    def recall_strict(self) -> float:
        return self.recalled_strict / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.scored if self.scored else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def meta_ok(self) -> int:
        return sum(self.meta.values())

    @property
    def meta_misses(self) -> list[str]:
        return [name for name, ok in self.meta.items() if not ok]


@dataclass
class SetScore:
    name: str
    files: list[FileScore]

    @property
    def labelled(self) -> int:
        return sum(f.labelled for f in self.files)

    @property
    def recall(self) -> float:
        n = self.labelled
        return sum(f.recalled for f in self.files) / n if n else 0.0

    @property
    def recall_strict(self) -> float:
        n = self.labelled
        return sum(f.recalled_strict for f in self.files) / n if n else 0.0

    @property
    def precision(self) -> float:
        n = sum(f.scored for f in self.files if f.has_fact_labels)
        return sum(f.correct for f in self.files if f.has_fact_labels) / n if n else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def metadata(self) -> float:
        total = sum(len(f.meta) for f in self.files)
        return sum(f.meta_ok for f in self.files) / total if total else 0.0

    def summary(self) -> dict[str, float | int | str]:
        return {
            "set": self.name, "files": len(self.files), "labelled": self.labelled,
            "recall": self.recall, "recall_strict": self.recall_strict, "precision": self.precision,
            "f1": self.f1, "metadata": self.metadata,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- metadata -------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_UBND = re.compile(r"\b(?:ủy|uỷ) ban nhân dân\b")


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold().replace("uỷ", "ủy")
    return _SPACES.sub(" ", _UBND.sub("ubnd", text)).strip()


def _place(text: str | None, prefixes: Iterable[str]) -> str:
    name = _norm(text)
    for prefix in prefixes:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1:]
    return name


def _unit_matches(expected: str, got: str | None) -> bool:
    """Same body; a department or office named without its trailing 'tỉnh X' also counts (province is checked
    on its own)."""
    want, have = _norm(expected), _norm(got)
    if not have:
        return False
    if want == have:
        return True
    rest = want[len(have):].strip() if want.startswith(have + " ") else ""
    return len(have.split()) >= 2 and rest.startswith("tỉnh ")


def score_metadata(expected: LabelReport, meta: ReportMeta | None) -> dict[str, bool]:
    """Field checks: level, province, district, unit name, period type, year, quarter, months, data window (the
    window only when the label states one)."""
    m = meta or ReportMeta()
    checks = {
        "unit_level": m.unit_level == expected.unit_level,
        "province": _place(m.province, ("tỉnh", "thành phố")) == _place(expected.province, ("tỉnh", "thành phố")),
        "district": _place(m.district, ("huyện", "thị xã", "thành phố", "quận"))
        == _place(expected.district, ("huyện", "thị xã", "thành phố", "quận")),
        "unit": _unit_matches(expected.reporting_unit, m.reporting_unit),
        "period_type": m.period_type == expected.period_type,
        "year": m.year == expected.year,
        "quarter": m.quarter == expected.quarter,
        "months": list(m.months_covered) == list(expected.months_covered),
    }
    if expected.data_window is not None and expected.data_window.to:
        window = m.data_window
        checks["window"] = window is not None and (
            (window.from_.isoformat() if window.from_ else None) == expected.data_window.from_
            and (window.to.isoformat() if window.to else None) == expected.data_window.to
        )
    return checks


# --- facts ----------------------------------------------------------------------------------------------


def score_file(label: LabelFile, result: ExtractionResult | None, scored_codes: set[str]) -> FileScore:
    facts = list(result.facts) if result is not None and result.status == "ok" else []
    got = [FactRef(f.indicator, f.scope, f.value, f.line, f.snippet[:80]) for f in facts]
    want = [FactRef(f.indicator, f.scope, f.value, f.line, f.locator) for f in label.facts]

    def same(a: FactRef, b: FactRef) -> bool:
        return a.indicator == b.indicator and values_equal(a.value, b.value)

    missed = [w for w in want if not any(same(w, g) for g in got)]
    recalled_strict = sum(any(same(w, g) and w.scope == g.scope for g in got) for w in want)
    scored = [g for g in got if g.indicator in scored_codes]
    spurious = [g for g in scored if not any(same(g, w) for w in want)]
    return FileScore(
        file=label.key,
        found=result is not None and result.status == "ok",
        labelled=len(want),
        recalled=len(want) - len(missed),
        recalled_strict=recalled_strict,
        scored=len(scored) if want else 0,
        correct=len(scored) - len(spurious) if want else 0,
        meta=score_metadata(label.report, result.report if result is not None else None),
        missed=missed,
        spurious=spurious if want else [],
        error=result.error if result is not None else "no extraction result",
    )


def score_set(name: str, labels: Mapping[str, LabelFile], results: Mapping[str, ExtractionResult]) -> SetScore:
    """Score every labelled file; precision codes are those labelled anywhere in the set."""
    codes = {f.indicator for label in labels.values() for f in label.facts}
    return SetScore(name, [score_file(label, results.get(key), codes) for key, label in sorted(labels.items())])
