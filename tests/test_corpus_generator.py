"""The scale-test generator (benchmarks/corpus.py): consistent figures, and reports the extractor reads back
exactly (every format), so benchmark corpora can be checked against their truth."""

from __future__ import annotations

from pathlib import Path

from benchmarks import corpus
from ingest.quarters import Quarter


def test_units_are_unique_and_levelled() -> None:
    units = corpus.province_units(150)
    assert len(units) == 150
    assert len({u.key for u in units}) == 150 and len({u.name for u in units}) == 150
    levels = {u.level for u in units}
    assert levels == {"province_department", "district", "commune"}
    districts = {u.district for u in units if u.level == "district"}
    assert all(u.district in districts for u in units if u.level == "commune")


def test_figures_obey_the_gate_rules() -> None:
    for unit in corpus.province_units(40):
        for q in corpus.quarters_of("2024Q1:2025Q4"):
            f = corpus.figures(unit, q)
            assert f["early"] + f["on_time"] + f["late"] == f["resolved"] <= f["new"]
            assert f["online"] <= f["new"] and f["cs_actual"] <= f["cs_quota"]
            assert f.get("plan_done", 0) <= f.get("plan_total", 0)
            assert f.get("inv_disbursed", 0) <= f.get("inv_plan", 0)
            assert f == corpus.figures(unit, q)  # deterministic


def test_generated_reports_extract_to_their_truth(tmp_path: Path) -> None:
    planned = corpus.write_corpus(tmp_path, 24, [Quarter.parse("2025Q3")])
    assert {p.fmt for p in planned} == {"txt", "docx", "xlsx"}
    assert sorted(p.name for p in (tmp_path / "2025Q3").iterdir()) == sorted(Path(p.path).name for p in planned)
    score = corpus.check(tmp_path)
    assert score == {"reports": 24, "recall": 1.0, "precision": 1.0, "unit_accuracy": 1.0, "quarter_accuracy": 1.0}


def test_results_for_matches_what_extraction_gives(tmp_path: Path) -> None:
    from ingest.extract import extract_file

    keys = ("reporting_unit", "unit_level", "district", "period_label", "period_type", "year", "quarter",
            "months_covered", "data_window", "report_quarter", "cumulative", "window_source", "report_date")
    for q in ("2024Q1", "2024Q2", "2024Q4"):
        p = next(x for x in corpus.plan(corpus.province_units(12), [Quarter.parse(q)]) if x.fmt == "txt")
        made = corpus.results_for(p)
        read = extract_file(corpus.render(p, tmp_path))
        assert sorted((f.indicator, f.value, f.unit) for f in made.facts) == sorted(
            (f.indicator, f.value, f.unit) for f in read.facts)
        assert {k: getattr(made.report, k) for k in keys} == {k: getattr(read.report, k) for k in keys}
