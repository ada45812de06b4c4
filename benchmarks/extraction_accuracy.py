"""Extraction accuracy on the labelled seeds and on the held-out set, per file and in total.

    .venv/bin/python -m benchmarks.extraction_accuracy [--set seeds|heldout|blind|all] [--json] [--details]

* seeds: ../shared/seeds scored against ../shared/gold (facts of 000, 002, 003); metadata of all five seeds,
  001 and 004 against the worked records of ../shared/docs/rules.md §2.3.
* heldout: benchmarks/heldout/reports (synthetic reports from other provinces and levels, written without
  looking at the extractor) against benchmarks/heldout/labels.
* blind: benchmarks/blind (the same kind of set, written after the extractor was tuned on the held-out set,
  so it has never been used for tuning) against benchmarks/blind/labels.

Prints recall, strict recall (scope too), precision, F1 and metadata per file and per set; for the held-out
and blind sets (and for the seeds with --details) it lists the missed and the spurious facts. Their figures
measure generalisation, not a gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.scoring import FileScore, LabelFile, LabelReport, SetScore, load_labels, score_set
from ingest.extract import extract_file
from ingest.models import ExtractionResult

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS, GOLD = SHARED / "seeds", SHARED / "gold"
HELDOUT = REPO / "benchmarks" / "heldout"
BLIND = REPO / "benchmarks" / "blind"

# Metadata-only expectations for the seeds without published fact labels (rules.md §2.3 worked table; units
# as given by the project lead).
SEED_META: dict[str, LabelReport] = {
    "001_5a8b34443b72b3c9": LabelReport(
        reporting_unit="UBND huyện Tu Mơ Rông", unit_level="district", province="Kon Tum", district="Tu Mơ Rông",
        period_label="6 tháng đầu năm 2023", period_type="half_year", year=2023, quarter=None,
        months_covered=[1, 2, 3, 4, 5, 6], data_window={"from": "2023-01-01", "to": "2023-05-31"},
    ),
    "004_87eb9be1a5938687": LabelReport(
        reporting_unit="UBND huyện Krông Nô", unit_level="district", province="Đắk Nông", district="Krông Nô",
        period_label="8 tháng đầu năm 2023", period_type="months_ytd", year=2023, quarter=None,
        months_covered=[1, 2, 3, 4, 5, 6, 7, 8], data_window={"from": "2022-12-16", "to": "2023-07-31"},
    ),
}


def seed_labels() -> dict[str, LabelFile]:
    labels = load_labels(GOLD)
    for key, report in SEED_META.items():
        labels.setdefault(key, LabelFile(file=f"{key}.txt", report=report, facts=[]))
    return labels


def heldout_labels() -> dict[str, LabelFile]:
    return load_labels(HELDOUT / "labels")


def blind_labels() -> dict[str, LabelFile]:
    return load_labels(BLIND / "labels")


def extract_all(labels: dict[str, LabelFile], reports_dir: Path) -> dict[str, ExtractionResult]:
    results: dict[str, ExtractionResult] = {}
    for key, label in labels.items():
        path = reports_dir / label.file
        if path.exists():
            results[key] = extract_file(path)
    return results


def run(which: str = "all") -> dict[str, SetScore]:
    """Score the requested sets; the seed set is skipped when ../shared is absent."""
    sets: dict[str, SetScore] = {}
    if which in ("seeds", "all") and GOLD.is_dir() and SEEDS.is_dir():
        labels = seed_labels()
        sets["seeds"] = score_set("seeds", labels, extract_all(labels, SEEDS))
    if which in ("heldout", "all"):
        labels = heldout_labels()
        sets["heldout"] = score_set("heldout", labels, extract_all(labels, HELDOUT / "reports"))
    if which in ("blind", "all"):
        labels = blind_labels()
        sets["blind"] = score_set("blind", labels, extract_all(labels, BLIND / "reports"))
    return sets


def _file_row(f: FileScore) -> str:
    meta = f"meta={f.meta_ok}/{len(f.meta)}" + (f" miss={','.join(f.meta_misses)}" if f.meta_misses else "")
    if not f.found:
        return f"  {f.file:<44} NOT EXTRACTED ({f.error})  {meta}"
    if not f.has_fact_labels:
        return f"  {f.file:<44} (metadata only){'':>60}{meta}"
    return (f"  {f.file:<44} labelled={f.labelled:3d} recall={f.recall:.3f} strict={f.recall_strict:.3f} "
            f"precision={f.precision:.3f} ({f.correct}/{f.scored}) f1={f.f1:.3f}  {meta}")


def _print_set(score: SetScore, details: bool) -> None:
    print(f"== {score.name}")
    for f in score.files:
        print(_file_row(f))
    print(f"  TOTAL {score.name}: labelled={score.labelled} recall={score.recall:.3f} "
          f"strict={score.recall_strict:.3f} precision={score.precision:.3f} f1={score.f1:.3f} "
          f"metadata={score.metadata:.3f}")
    if not details:
        return
    for f in score.files:
        if not (f.missed or f.spurious):
            continue
        print(f"  -- {f.file}")
        for ref in f.missed:
            print(f"     MISSED   {ref}")
        for ref in f.spurious:
            print(f"     SPURIOUS {ref}")


def _as_json(sets: dict[str, SetScore]) -> dict:
    def file_dict(f: FileScore) -> dict:
        return {
            "file": f.file, "found": f.found, "labelled": f.labelled, "recall": f.recall,
            "recall_strict": f.recall_strict, "precision": f.precision, "f1": f.f1, "meta": f.meta,
            "missed": [vars(r) for r in f.missed], "spurious": [vars(r) for r in f.spurious],
        }
    return {name: {"summary": s.summary(), "files": [file_dict(f) for f in s.files]} for name, s in sets.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("seeds", "heldout", "blind", "all"), default="all", dest="which")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--details", action="store_true", help="also list misses and spurious facts of the seeds")
    args = ap.parse_args(argv)
    sets = run(args.which)
    if args.which in ("seeds", "all") and "seeds" not in sets:
        print(f"seeds skipped: {SHARED} not found", file=sys.stderr)
    if args.json:
        print(json.dumps(_as_json(sets), ensure_ascii=False, indent=1))
        return 0
    for name, score in sets.items():
        _print_set(score, details=args.details or name in ("heldout", "blind"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
