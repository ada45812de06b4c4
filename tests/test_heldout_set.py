"""The held-out and blind sets are well-formed; the accuracy benchmark scores them (a measure, not a gate)."""

from __future__ import annotations

import re
import typing
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from benchmarks.extraction_accuracy import BLIND, HELDOUT, SEED_META, blind_labels, heldout_labels, run
from benchmarks.scoring import LabelFile, load_labels, score_set, values_equal
from ingest.catalog import load_catalog
from ingest.models import ExtractionResult, Fact, PeriodType, ReportMeta, Scope, Source, UnitLevel

from .conftest import GOLD, SEEDS

LABELS = heldout_labels()
SETS = {"heldout": (HELDOUT, LABELS), "blind": (BLIND, blind_labels())}
SET_KEYS = [(name, key) for name, (_, labels) in SETS.items() for key in sorted(labels)]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MULTIPLIERS = (1.0, 1_000.0, 1e-6)  # as written; tỷ đồng or nghìn/ngàn → ×1000; đồng → triệu ÷ 1e6
ZERO_WORDS = ("không", "chưa")


def _readings(token: str) -> set[float]:
    """Both decimal conventions of a written number: '1.215' / '79,7' (Vietnamese) and '96.33' ('.' decimal)."""
    out: set[float] = set()
    if token.count(",") <= 1:
        out.add(float(token.replace(".", "").replace(",", ".")))
    if "," not in token and token.count(".") == 1:
        out.add(float(token))
    return out


def _written_values(text: str) -> set[float]:
    return {r for token in NUMBER.findall(text) for r in _readings(token)}


def _line_shows(text: str, value: float) -> bool:
    if value == 0 and any(word in text.casefold() for word in ZERO_WORDS):
        return True
    return any(values_equal(abs(value), r * m) for r in _written_values(text) for m in MULTIPLIERS)


def _lines(label: LabelFile, root: Path = HELDOUT) -> list[str]:
    text = (root / "reports" / label.file).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text).splitlines()


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_has_six_to_eight_reports_each_labelled(name: str) -> None:
    root, labels = SETS[name]
    reports = sorted(p.stem for p in (root / "reports").glob("*.txt"))
    assert 6 <= len(reports) <= 8
    assert sorted(labels) == reports
    for label in labels.values():
        assert 40 <= len(_lines(label, root)) <= 150, label.file
        assert label.facts, label.file


@pytest.mark.parametrize(("name", "key"), SET_KEYS)
def test_report_record_uses_the_contract_vocabulary(name: str, key: str) -> None:
    report = SETS[name][1][key].report
    assert report.unit_level in typing.get_args(UnitLevel)
    assert report.period_type in typing.get_args(PeriodType)
    assert report.months_covered and all(1 <= m <= 12 for m in report.months_covered)
    assert (report.quarter is None) == (report.period_type != "quarter")
    if report.unit_level.startswith("province"):
        assert report.district is None
    if report.data_window is not None:
        start, end = date.fromisoformat(report.data_window.from_), date.fromisoformat(report.data_window.to)
        assert start < end and end.year == report.year


@pytest.mark.parametrize(("name", "key"), SET_KEYS)
def test_facts_use_catalogue_codes_units_and_quote_their_line(name: str, key: str) -> None:
    catalog = load_catalog()
    root, labels = SETS[name]
    label = labels[key]
    lines = _lines(label, root)
    problems: list[str] = []
    for f in label.facts:
        where = f"{f.indicator}={f.value:g} line {f.line}"
        if f.indicator not in catalog:
            problems.append(f"{where}: not in the catalogue")
            continue
        if f.unit != catalog[f.indicator].unit:
            problems.append(f"{where}: unit {f.unit} != catalogue {catalog[f.indicator].unit}")
        if f.scope not in typing.get_args(Scope) or f.source not in typing.get_args(Source):
            problems.append(f"{where}: scope/source {f.scope}/{f.source}")
        if not 1 <= f.line <= len(lines):
            problems.append(f"{where}: line out of range")
            continue
        text = lines[f.line - 1]
        if unicodedata.normalize("NFC", f.locator) not in text:
            problems.append(f"{where}: locator not on its line")
        if len(f.locator.split()) > 15:
            problems.append(f"{where}: locator longer than 15 words")
        if not _line_shows(text, f.value):
            problems.append(f"{where}: value not written on its line")
    assert not problems, problems


def test_two_tier_reports_have_no_district_tier() -> None:
    """rules.md §4 (H10): windows from 1/7/2025 carry no district figures and no district."""
    for label in (label for _, labels in SETS.values() for label in labels.values()):
        window = label.report.data_window
        if window is not None and date.fromisoformat(window.from_) >= date(2025, 7, 1):
            assert label.report.district is None
            assert all(f.scope != "district_level" for f in label.facts), label.file


def test_line_check_reads_the_number_conventions() -> None:
    assert _line_shows("giải ngân 58,72 tỷ đồng", 58720)
    assert _line_shows("chi ngân sách 2.315.460.000 đồng", 2315.46)
    assert _line_shows("tiếp nhận 412,6 nghìn hồ sơ", 412600)
    assert _line_shows("giảm 512 chỉ tiêu", -512)
    assert _line_shows("Tỷ lệ\t96.33", 96.33)
    assert not _line_shows("tiếp nhận 1.215 hồ sơ", 1.2)
    assert not _line_shows("tiếp nhận 1.215 hồ sơ", 0)


def _as_extraction(label: LabelFile) -> ExtractionResult:
    facts = [Fact(indicator=f.indicator, scope=f.scope, value=f.value, unit=f.unit, source=f.source, line=f.line,
                  snippet=f.locator) for f in label.facts]
    report = ReportMeta.model_validate(label.report.model_dump(by_alias=True))
    return ExtractionResult(file=label.file, sha256="", status="ok", report=report, facts=facts)


def test_scorer_gives_labels_a_perfect_score_and_counts_one_wrong_value_twice() -> None:
    results = {key: _as_extraction(label) for key, label in LABELS.items()}
    perfect = score_set("heldout", LABELS, results)
    assert (perfect.recall, perfect.recall_strict, perfect.precision, perfect.metadata) == (1.0, 1.0, 1.0, 1.0)

    key = sorted(LABELS)[0]
    broken = results[key].model_copy(deep=True)
    target = broken.facts[0]
    target.value += 1
    if any(f.indicator == target.indicator and values_equal(f.value, target.value) for f in LABELS[key].facts):
        pytest.skip("perturbed value collides with another label")
    broken.facts[1].scope = "center" if broken.facts[1].scope != "center" else "all"
    score = score_set("heldout", LABELS, {**results, key: broken})
    file_score = next(f for f in score.files if f.file == key)
    assert [m.indicator for m in file_score.missed] == [target.indicator]
    assert [s.indicator for s in file_score.spurious] == [target.indicator]
    assert file_score.recalled_strict == file_score.labelled - 2
    assert score.precision < 1.0 and score.recall < 1.0


def test_benchmark_scores_the_heldout_set() -> None:
    scores = run("heldout")
    heldout = scores["heldout"]
    assert [f.file for f in heldout.files] == sorted(LABELS)
    assert heldout.labelled == sum(len(label.facts) for label in LABELS.values())
    for f in heldout.files:
        assert f.found, f.error
        assert f.recalled + len(f.missed) == f.labelled
        assert f.correct + len(f.spurious) == f.scored
        assert 0.0 <= f.recall_strict <= f.recall <= 1.0
    summary = heldout.summary()
    assert set(summary) >= {"recall", "recall_strict", "precision", "f1", "metadata"}
    assert all(0.0 <= float(summary[k]) <= 1.0 for k in ("recall", "precision", "f1", "metadata"))


@pytest.mark.skipif(not (SEEDS.is_dir() and GOLD.is_dir()), reason="../shared is absent")
def test_benchmark_scores_all_five_seeds() -> None:
    seeds = run("seeds")["seeds"]
    by_file = {f.file: f for f in seeds.files}
    assert len(by_file) == 5
    assert {k for k, f in by_file.items() if not f.has_fact_labels} == set(SEED_META)
    assert all("window" in f.meta and "unit" in f.meta for f in seeds.files)
    assert seeds.labelled == sum(len(label.facts) for label in load_labels(GOLD).values())
