"""Rebuild dbt_project/seeds/indicator_catalog.csv from the canonical catalogue (indicators.md).

The catalogue document is the public contract; the CSV is its machine-readable copy that ships with the
project (the extractor, the gate and dbt all read it). Run after the document changes:

    .venv/bin/python tools/build_catalog.py ../shared/docs/indicators.md
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "indicator_catalog.csv"
DOMAINS = {
    "3": "direction",
    "4": "institutions",
    "5": "procedures",
    "6": "organisation",
    "7": "civil_service",
    "8": "public_finance",
    "9": "egov",
    "10": "impact",
    "11": "peripheral",
}
CODE_RE = re.compile(r"`([a-z0-9_]+)`")


def parse(md: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    domain = None
    for line in md.splitlines():
        head = re.match(r"^## (\d+)\. ", line)
        if head:
            domain = DOMAINS.get(head.group(1))
            continue
        if not domain or not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 8:
            continue
        code = CODE_RE.fullmatch(cells[0])
        if not code:
            continue
        num_den = cells[6]
        parts = CODE_RE.findall(num_den)
        numerator = denominator = ""
        if cells[5] == "recompute" and "/" in num_den and len(parts) >= 2:
            left, right = num_den.split("/", 1)
            numerator = "+".join(CODE_RE.findall(left))
            denominator = (CODE_RE.findall(right) or [""])[0]
            if denominator in numerator.split("+"):  # "same code one year earlier": no coded parts
                numerator = denominator = ""
        rows.append(
            {
                "indicator_code": code.group(1),
                "domain": domain,
                "label_vi": cells[1].replace("\n", " "),
                "label_en": cells[2],
                "unit": cells[3].strip("`"),
                "kind": cells[4],
                "consolidation": cells[5].split(" ")[0],
                "numerator_codes": numerator,
                "denominator_code": denominator,
                "identity": num_den if num_den.startswith("=") else "",
                "peripheral": "true" if domain == "peripheral" else "false",
                "labelled_in_gold": "true" if "G" in cells[7].split() else "false",
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    rows = parse(Path(argv[1]).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} indicators to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
