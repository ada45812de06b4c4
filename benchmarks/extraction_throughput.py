"""Extraction throughput vs a raw-scan baseline, in one run, on one core.

    .venv/bin/python -m benchmarks.extraction_throughput [--seconds 3] [--inputs DIR] [--save NAME]

Inputs: the seed reports (../shared/seeds) when present, else the demo inbox's text reports; each is also
rendered to DOCX (paragraphs + real Word tables) with tests/docgen.py. For every input set it prints
documents/s and MB/s for

* baseline: read the bytes, decode UTF-8, NFC-normalise, one regex pass for numbers (the least any
  extractor must do with the same text);
* extract: the full ``extract_file`` (reader, metadata, appendix tables, narrative patterns);

and the ratio extract / baseline in documents/s. The target is ≥ 25 %. The DOCX rows compare with the
baseline over the same text (decoding a zip as UTF-8 would not be a meaningful baseline).
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from benchmarks.record import save
from ingest.extract import extract_file

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
NUMBER = re.compile(r"\d[\d.,]*")


def baseline(path: Path) -> int:
    text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", errors="replace"))
    return len(NUMBER.findall(text))


def extract(path: Path) -> int:
    return len(extract_file(path).facts)


def measure(fn: Callable[[Path], int], paths: list[Path], seconds: float) -> tuple[float, float, int]:
    """Repeat the whole set until ``seconds`` have passed; returns (docs/s, MB/s, rounds)."""
    size = sum(p.stat().st_size for p in paths)
    rounds, start = 0, time.perf_counter()
    while True:
        for p in paths:
            fn(p)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    return rounds * len(paths) / elapsed, rounds * size / elapsed / 1e6, rounds


def text_inputs(explicit: Path | None) -> list[Path]:
    if explicit:
        return sorted(p for p in explicit.rglob("*") if p.suffix in (".txt", ".md"))
    if SEEDS.is_dir():
        return sorted(SEEDS.glob("*.txt"))
    return sorted((REPO / "demo" / "inbox").rglob("*.txt"))


def docx_versions(paths: list[Path], out_dir: Path) -> list[Path]:
    from tests.docgen import render_docx

    out = []
    for p in paths:
        lines = p.read_text(encoding="utf-8").split("\n")
        out.append(render_docx(lines, out_dir / (p.stem + ".docx")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--inputs", type=Path, help="a folder of .txt/.md reports (searched recursively)")
    ap.add_argument("--save", metavar="NAME", help="also write benchmarks/results/NAME.json")
    args = ap.parse_args()
    started = datetime.now().astimezone()
    texts = text_inputs(args.inputs)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core: figures are per core
    for p in texts:  # warm caches (catalogue, compiled patterns, imports)
        extract(p)
    with tempfile.TemporaryDirectory() as tmp:
        docs = docx_versions(texts, Path(tmp))
        extract(docs[0])
        base = measure(baseline, texts, args.seconds)
        rows = [("baseline (text)", texts, base), ("extract (text)", texts, measure(extract, texts, args.seconds)),
                ("extract (DOCX)", docs, measure(extract, docs, args.seconds))]
    print(f"inputs: {len(texts)} documents, {sum(p.stat().st_size for p in texts) / 1e3:.0f} kB of text; one core")
    print(f"{'':18} {'docs/s':>10} {'MB/s':>8} {'rounds':>7} {'vs baseline':>12}")
    for name, _, (dps, mbs, rounds) in rows:
        print(f"{name:18} {dps:10.1f} {mbs:8.2f} {rounds:7d} {100 * dps / base[0]:11.1f}%")
    target = rows[1][2][0] / base[0]
    print(f"target extract ≥ 25 % of baseline docs/s: {'met' if target >= 0.25 else 'NOT met'} ({100 * target:.1f} %)")
    figures = {"inputs": str(args.inputs or "seeds"), "documents": len(texts),
               "text_kb": round(sum(p.stat().st_size for p in texts) / 1e3),
               "rows": {name: {"docs_per_s": round(dps, 1), "mb_per_s": round(mbs, 2), "rounds": rounds,
                               "vs_baseline": round(dps / base[0], 3)} for name, _, (dps, mbs, rounds) in rows}}
    if args.save:
        print(f"saved {save(args.save, figures, started)}")


if __name__ == "__main__":
    main()
