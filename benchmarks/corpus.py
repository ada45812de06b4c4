"""A report generator for scale tests: N units × Q quarters of a fictional province, from known figures.

    .venv/bin/python -m benchmarks.corpus OUT_DIR --units 150 --quarters 2024Q1:2024Q4 [--check]

Writes ``OUT_DIR/<YYYYQn>/<unit>.{txt,docx,xlsx}`` (about 70 % TXT, 20 % DOCX with a statistical table, 10 % an
XLSX statistical form on its own) and ``OUT_DIR/truth.json``: per file its unit, quarter and the facts
(indicator → value) the text states. ``--check`` extracts every file and compares with the truth, so the
extractor can be checked at any scale.

Units are invented (districts, their communes, provincial departments), named from a syllable list; figures
are drawn from a seeded generator per unit and quarter and obey the rules the gate checks (parts add up to
totals, done ≤ planned, actual ≤ quota), so a clean corpus passes the gate. The texts are the demo's templates
(tools/make_demo_inbox.py), so one template serves the demo, the operations tests and the scale runs.

``results_for`` turns the same truth into ``ExtractionResult`` objects without rendering or extracting: the
national-scale benchmark loads those straight into raw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ingest.catalog import load_catalog
from ingest.models import DataWindow, ExtractionResult, Fact, ReportMeta
from ingest.quarters import Quarter, quarter_range

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import make_demo_inbox as demo

PROVINCE = "Hòa Lạc"  # fictional, unlike the demo's Ngọc Sơn: generated units never collide with listed ones
SYLLABLES = ("An", "Bình", "Cát", "Đông", "Hòa", "Lạc", "Minh", "Phú", "Quang", "Sơn", "Tân", "Thạnh", "Trung",
             "Vĩnh", "Xuân", "Yên", "Hưng", "Long", "Phước", "Thuận", "Hải", "Lâm", "Nghĩa", "Thái")
DEPARTMENTS = ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương", "Sở Tư pháp",
               "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ")
COMMUNES_PER_DISTRICT = 9

# the template's figure keys → catalogue codes (value multiplier); rates are written rounded to one decimal
COUNT_CODES = {
    "plan_total": "cchc_plan_tasks_total", "plan_done": "cchc_plan_tasks_done",
    "directives": "cchc_directive_docs_issued", "new": "tthc_cases_new", "online": "tthc_cases_online",
    "resolved": "tthc_cases_resolved", "early": "tthc_cases_resolved_early",
    "on_time": "tthc_cases_resolved_on_time", "late": "tthc_cases_resolved_late",
    "in_progress": "tthc_cases_in_progress", "pe_quota": "public_employee_quota",
    "pe_actual": "public_employee_actual", "edoc": "e_document_rate_pct",
}
RATES = {  # code → (numerator keys, denominator key)
    "cchc_plan_completion_pct": (("plan_done",), "plan_total"),
    "tthc_online_rate_pct": (("online",), "new"),
    "tthc_on_time_rate_pct": (("early", "on_time"), "resolved"),
    "public_investment_disbursement_pct": (("inv_disbursed",), "inv_plan"),
}
FORM_CODES = {  # the statistical form's rows (demo.form_rows) → codes
    "plan_total": "cchc_plan_tasks_total", "plan_done": "cchc_plan_tasks_done", "resolved": "tthc_cases_resolved",
    "early_or_on_time": "tthc_cases_resolved_early_or_on_time", "cs_quota": "civil_servant_quota",
    "cs_actual": "civil_servant_actual",
}


@dataclass(frozen=True)
class Unit:
    key: str
    name: str  # as the report names itself, e.g. "UBND xã Tân An"
    level: str  # district | commune | province_department
    province: str
    district: str | None
    letterhead: str
    place: str
    long_name: str

    @property
    def template_place(self) -> tuple[str, str, str]:
        return self.letterhead, self.place, self.long_name


def _names() -> Iterator[str]:
    for first in SYLLABLES:
        for second in SYLLABLES:
            if first != second:
                yield f"{first} {second}"


def province_names(n: int) -> list[str]:
    """``n`` fictional province names, the first being PROVINCE."""
    names = [PROVINCE, *(x for x in _names() if x != PROVINCE)]
    if n > len(names):
        raise ValueError(f"at most {len(names)} provinces")
    return names[:n]


def province_units(n: int, province: str = PROVINCE) -> list[Unit]:
    """``n`` units: about one district per nine communes, plus up to a dozen departments. Keys are prefixed by
    the province (other provinces' units are distinct files and reports)."""
    if n < 1:
        raise ValueError("at least one unit")
    departments = min(len(DEPARTMENTS), max(1, n // 12))
    districts = max(1, (n - departments) // (COMMUNES_PER_DISTRICT + 1))
    prefix = "" if province == PROVINCE else demo.ascii_slug(province) + "."
    names = _names()
    units: list[Unit] = []

    def add(kind: str, name: str, level: str, district: str | None, letterhead: str, place: str, long: str) -> None:
        units.append(Unit(f"{prefix}{kind}_{len(units)}", name, level, province, district, letterhead, place, long))

    for dept in DEPARTMENTS[:departments]:
        add("dept", f"{dept} tỉnh {province}", "province_department", None,
            f"UBND TỈNH {province.upper()}\n{dept.upper()}", province, f"{dept} tỉnh {province}")
    district_names = [next(names) for _ in range(districts)]
    for d in district_names:
        add("dist", f"UBND huyện {d}", "district", d, f"ỦY BAN NHÂN DÂN\nHUYỆN {d.upper()}", d,
            f"Ủy ban nhân dân huyện {d}, tỉnh {province}")
    i = 0
    while len(units) < n:
        d, c = district_names[i % districts], next(names)
        add("comm", f"UBND xã {c}", "commune", d, f"UBND HUYỆN {d.upper()}\nỦY BAN NHÂN DÂN XÃ {c.upper()}", c,
            f"Ủy ban nhân dân xã {c}, huyện {d}, tỉnh {province}")
        i += 1
    return units[:n]


def quarters_of(spec: str) -> list[Quarter]:
    """'2024Q1:2026Q4' (inclusive) or a single 'YYYYQn'."""
    first, _, last = spec.partition(":")
    return quarter_range(Quarter.parse(first), Quarter.parse(last or first))


def period_of(q: Quarter) -> tuple[str, str, str, str]:
    """(label, window, signing date, quarter key) in the reporting convention: the 15th of the quarter's
    last month before to the 14th of its last month."""
    roman = ("I", "II", "III", "IV")[q.q - 1]
    last = 3 * q.q
    start = date(q.year - 1, 12, 15) if q.q == 1 else date(q.year, last - 3, 15)
    window = f"từ ngày {start:%d/%m/%Y} đến ngày 14/{last:02d}/{q.year}"
    return f"Quý {roman} năm {q.year}", window, f"ngày 18 tháng {last} năm {q.year}", str(q)


def figures(unit: Unit, q: Quarter, seed: int = 0) -> dict[str, float]:
    """Consistent figures of one unit for one quarter (deterministic in unit, quarter and seed)."""
    rng = random.Random(zlib.crc32(f"{seed}:{unit.key}:{q}".encode()))
    scale = {"district": 4000, "commune": 500, "province_department": 300}[unit.level]
    new = rng.randint(scale // 2, scale * 2)
    resolved = rng.randint(new * 85 // 100, new * 98 // 100)
    late = rng.randint(0, resolved // 50)
    early = rng.randint(resolved * 55 // 100, resolved * 75 // 100)
    f: dict[str, float] = dict(new=new, online=rng.randint(new // 4, new * 9 // 10), resolved=resolved,
                               early=early, on_time=resolved - early - late, late=late,
                               in_progress=rng.randint(1, max(2, new // 20)))
    staff = {"district": 120, "commune": 22, "province_department": 60}[unit.level]
    f["cs_quota"] = rng.randint(staff * 8 // 10, staff * 12 // 10)
    f["cs_actual"] = f["cs_quota"] - rng.randint(0, 6)
    f["edoc"] = float(rng.randint(90, 100))
    if unit.level != "commune":
        f["plan_total"] = rng.randint(20, 45)
        f["plan_done"] = min(f["plan_total"], rng.randint(q.q * 4, q.q * 9))
        f["directives"] = rng.randint(3, 30)
    if unit.level == "district":
        f["pe_quota"] = rng.randint(800, 1500)
        f["pe_actual"] = f["pe_quota"] - rng.randint(0, 60)
        f["inv_plan"] = rng.randint(1500, 4000) / 10
        f["inv_disbursed"] = round(f["inv_plan"] * rng.randint(5 * q.q, 24 * q.q) / 100, 1)
    return f


def _rate(f: dict[str, float], parts: tuple[str, ...], total: str) -> float:
    return round(100 * sum(f[p] for p in parts) / f[total], 1)


def narrative_truth(unit: Unit, f: dict[str, float]) -> dict[str, float]:
    """indicator → value as the narrative template writes it."""
    out = {code: float(f[key]) for key, code in COUNT_CODES.items() if key in f}
    out.update({code: _rate(f, parts, total) for code, (parts, total) in RATES.items() if total in f})
    out[_staff_code(unit, "civil_servant_quota")] = float(f["cs_quota"])
    out[_staff_code(unit, "civil_servant_actual")] = float(f["cs_actual"])
    if "inv_plan" in f:
        out["public_investment_plan_vnd_million"] = f["inv_plan"] * 1000
        out["public_investment_disbursed_vnd_million"] = round(f["inv_disbursed"] * 1000, 3)
    return out


def form_truth(unit: Unit, f: dict[str, float]) -> dict[str, float]:
    """indicator → value of the statistical form's rows (a commune's staff rows are commune staff)."""
    g = {**f, "early_or_on_time": f["early"] + f["on_time"]}
    out = {code: float(g[key]) for key, code in FORM_CODES.items() if key in g}
    return {_staff_code(unit, code): v for code, v in out.items()}


def _staff_code(unit: Unit, code: str) -> str:
    return code.replace("civil_servant", "commune_staff") if unit.level == "commune" else code


@dataclass(frozen=True)
class Planned:
    """One report to write: where, which unit and quarter, its format and its true facts (indicator, value)."""

    path: str  # relative to the corpus root
    unit: Unit
    quarter: Quarter
    fmt: str
    facts: list[tuple[str, float]]


def plan(units: list[Unit], quarters: list[Quarter], seed: int = 0) -> Iterator[Planned]:
    for q in quarters:
        for i, unit in enumerate(units):
            f = figures(unit, q, seed)
            fmt = {0: "docx", 1: "docx", 2: "xlsx"}.get(i % 10, "txt")
            facts = [] if fmt == "xlsx" else list(narrative_truth(unit, f).items())
            if fmt != "txt":
                facts += list(form_truth(unit, f).items())
            yield Planned(f"{q}/{unit.key}.{fmt}", unit, q, fmt, facts)


def render(p: Planned, root: Path, seed: int = 0) -> Path:
    f = figures(p.unit, p.quarter, seed)
    period = period_of(p.quarter)
    path = root / p.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if p.fmt == "xlsx":
        demo.write_xlsx(path, p.unit.name, period, demo.form_rows(f), province=p.unit.province)
        return path
    lines = demo.narrative(p.unit.name, period, f, place=p.unit.template_place)
    if p.fmt == "docx":
        demo.write_docx(path, lines, demo.form_rows(f))
    else:
        demo.write_txt(path, lines)
    return path


def write_corpus(root: Path, n_units: int, quarters: list[Quarter], seed: int = 0,
                 progress: bool = False) -> list[Planned]:
    planned = list(plan(province_units(n_units), quarters, seed))
    items = planned
    if progress:
        from tqdm import tqdm

        items = tqdm(planned, desc="rendering", unit="report")
    for p in items:
        render(p, root, seed)
    truth = {p.path: {"unit": p.unit.name, "quarter": str(p.quarter), "format": p.fmt, "facts": p.facts}
             for p in planned}
    (root / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return planned


def check(root: Path, progress: bool = False) -> dict[str, float]:
    """Extract every file of the corpus and compare with truth.json: recall, precision, unit and quarter hits."""
    from ingest.extract import extract_file

    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    items = sorted(truth.items())
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="extracting", unit="report")
    hit = expected = got = unit_ok = quarter_ok = 0
    for rel, t in items:
        res = extract_file(root / rel)
        want = Counter((code, round(v, 3)) for code, v in t["facts"])
        have = Counter((f.indicator, round(f.value, 3)) for f in res.facts)
        hit += sum((want & have).values())
        expected += sum(want.values())
        got += sum(have.values())
        meta = res.report
        unit_ok += meta is not None and meta.reporting_unit == t["unit"]
        quarter_ok += meta is not None and f"{meta.year}Q{meta.report_quarter}" == t["quarter"]
    n = len(truth)
    return {"reports": n, "recall": hit / max(expected, 1), "precision": hit / max(got, 1),
            "unit_accuracy": unit_ok / n, "quarter_accuracy": quarter_ok / n}


def results_for(p: Planned) -> ExtractionResult:
    """The extraction a report would give, built from the truth (no rendering, no extraction)."""
    label, _, _, _ = period_of(p.quarter)
    q = p.quarter
    start = date(q.year - 1, 12, 15) if q.q == 1 else date(q.year, 3 * q.q - 3, 15)
    meta = ReportMeta(
        reporting_unit=p.unit.name, unit_level=p.unit.level, province=p.unit.province, district=p.unit.district,
        period_label=label, period_type="quarter", year=q.year, quarter=q.q,
        months_covered=[3 * q.q - 2, 3 * q.q - 1, 3 * q.q],
        data_window=DataWindow.model_validate({"from": start, "to": date(q.year, 3 * q.q, 14)}),
        report_date=date(q.year, 3 * q.q, 18), window_source="explicit", cumulative=q.q == 1,  # Q1 = year to date
        report_quarter=q.q,
    )
    units = _units()
    facts = [Fact(indicator=code, value=v, unit=units[code], source="narrative", line=10 + i,
                  snippet=f"{code} {v:g}") for i, (code, v) in enumerate(p.facts)]
    sha = hashlib.sha256(p.path.encode()).hexdigest()
    return ExtractionResult(file=Path(p.path).name, sha256=sha, status="ok", report=meta, facts=facts)


@cache
def _units() -> dict[str, str]:
    return {code: ind.unit for code, ind in load_catalog().items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--units", type=int, default=150)
    ap.add_argument("--quarters", default="2024Q1")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--check", action="store_true", help="extract every file and compare with the truth")
    args = ap.parse_args()
    planned = write_corpus(args.out, args.units, quarters_of(args.quarters), args.seed, progress=True)
    print(f"{len(planned)} reports in {args.out} ({Counter(p.fmt for p in planned)})")
    if args.check:
        print(json.dumps(check(args.out, progress=True), indent=1))


if __name__ == "__main__":
    main()
