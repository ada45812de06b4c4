"""Facts from table rows: statistical forms (a label, a unit and one or three value columns) and body tables
whose result cells are text (handed to the sentence patterns with the row label as context).

Three shapes are handled through one row model (``layout.Row``):
* the cell-per-line forms of seed 000 (STT | label | unit | value | note);
* the tab-separated "Số liệu tổng | Số liệu đã thực hiện | Tỷ lệ (%)" forms of seed 002;
* two-column "Nội dung | Kết quả" tables whose results are sentences (seed 003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.catalog import load_catalog
from ingest.facts.emit import FactDraft
from ingest.facts.labels import FormLabel, match_label, normalize_label
from ingest.facts.layout import Row
from ingest.facts.narrative import TextUnit
from ingest.facts.scope import resolve_scope
from ingest.facts.text import Span, lower_same_length
from ingest.models import UnitLevel
from ingest.numbers import parse_number

_CELL_NUMBER_RE = re.compile(r"^(?P<q>[<>≥≤~]|trên|hơn|khoảng|gần)?\s*(?P<n>\d+(?:[.,]\d+)*)\s*%?$", re.IGNORECASE)
_ROW_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivx]+\.?|[a-zđ]\)|trong đó:?)$", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"^(?:stt|tt|số tt|chỉ tiêu(?: thống kê)?.*|đơn vị tính|đvt|số liệu.*|kết quả(?: thống kê)?|nội dung|ghi chú|"
    r"tỷ lệ \(%\)|tỷ lệ|nhiệm vụ(?: trọng tâm)?|thực hiện|đã thực hiện|tổng số|tổng)$"
)
_LETTERS_RE = re.compile(r"[^\W\d_]{2,}")
_MONEY_COLUMN = (("tỷ", 1000.0), ("tỉ", 1000.0), ("triệu", 1.0), ("nghìn", 0.001), ("ngàn", 0.001), ("đồng", 1e-6))


@dataclass
class _Columns:
    unit: int | None = None
    roles: dict[int, str] = field(default_factory=dict)  # column index → total | done | rate
    value_start: int | None = None


def _cell_number(text: str) -> tuple[str, str | None] | None:
    m = _CELL_NUMBER_RE.match(text.strip())
    if not m:
        return None
    return m.group("n"), (m.group("q") or None)


_HEADER_STARTS = ("stt", "tt", "số tt", "chỉ tiêu", "đơn vị tính", "đvt", "số liệu", "kết quả", "nội dung", "ghi chú",
                  "tỷ lệ", "nhiệm vụ", "thực hiện", "đã thực hiện", "tổng")


def _is_header(texts: list[str]) -> bool:
    if not any(t[:12].lower().startswith(_HEADER_STARTS) for t in texts if t):
        return False
    norm = [normalize_label(t) for t in texts if t.strip()]
    if not norm:
        return False
    if any(_cell_number(t) for t in texts[1:]):
        return False
    hits = sum(1 for t in norm if _HEADER_WORDS.match(t))
    return hits >= max(1, len(norm) // 2)


def _read_header(texts: list[str], cols: _Columns) -> None:
    roles: dict[int, str] = {}
    for i, t in enumerate(texts):
        n = normalize_label(t)
        if n in ("đơn vị tính", "đvt"):
            cols.unit = i
        elif n.startswith("số liệu tổng") or n in ("tổng số", "tổng"):
            roles[i] = "total"
        elif "đã thực hiện" in n or n == "thực hiện":
            roles[i] = "done"
        elif n.startswith("tỷ lệ"):
            roles[i] = "rate"
        elif n.startswith("số liệu") and cols.value_start is None:
            cols.value_start = i
    if roles:
        cols.roles = roles


def _merge_continuations(rows: list[Row]) -> list[Row]:
    """Rows that only continue the previous row's cells (wrapped text) are merged into it."""
    out: list[Row] = []
    for row in rows:
        texts = [c.text.strip() for c in row.cells]
        first = next((t for t in texts if t), "")
        if (
            out
            and out[-1].table == row.table
            and texts
            and not texts[0]
            and first[:1].islower()
            and len(row.cells) <= len(out[-1].cells)
        ):
            prev = out[-1] = Row(cells=[_copy(c) for c in out[-1].cells], table=out[-1].table,
                                 headings=out[-1].headings, skip=out[-1].skip)
            for i, cell in enumerate(row.cells):
                if cell.text.strip():
                    prev.cells[i].extend(cell)
            continue
        out.append(row)
    return out


def _copy(span: Span) -> Span:
    return Span(span.text, list(span.starts), list(span.lines), list(span.locators))


def _row_number(text: str) -> str | None:
    t = text.strip()
    if not _ROW_NUMBER_RE.match(t):
        return None
    return t.rstrip(".").lower()


def _parent_number(number: str) -> str | None:
    if "." not in number:
        return None
    return number.rsplit(".", 1)[0]


def _money_factor(unit: str) -> float:
    u = unit.lower()
    for word, factor in _MONEY_COLUMN:
        if word in u:
            return factor
    return 1.0


def _codes_for(entry: FormLabel, level: UnitLevel | None, role: str) -> str | None:
    code = entry.roles.get(role) if entry.roles else (entry.code if role in ("value", "total") else None)
    if role == "value" and entry.roles:
        code = entry.code
    if code is None:
        return None
    if level == "commune":
        return _COMMUNE_CODES.get((code, role), _COMMUNE_CODES.get((code, "*"), code))
    return code


_COMMUNE_CODES = {
    ("civil_servant_quota", "*"): "commune_staff_quota",
    ("civil_servant_actual", "*"): "commune_staff_actual",
}
_COMMUNE_EXTRA_ROLES = {"civil_servant_actual": {"rate": "commune_staff_fill_rate_pct"}}


def _value(code: str, raw: str, unit: str) -> tuple[float, str | None] | None:
    is_pct = code.endswith("_pct") or "_pct_" in code
    reading = parse_number(raw, max_value=100.0 if is_pct else None)
    if reading is None:
        return None
    value = reading.value
    note = f'"{raw}" read with "." as the decimal mark' if reading.decimal_dot else None
    if code.endswith("_vnd_million"):
        value = round(value * _money_factor(unit), 9)
    return value, note


def extract_tables(rows: list[Row], level: UnitLevel | None) -> tuple[list[FactDraft], list[TextUnit]]:
    """Statistical-form facts and the text cells of body tables (for the sentence patterns)."""
    catalog = load_catalog()
    from ingest.facts.forms import read_form_tables  # multi-column case / tier tables

    drafts, used = read_form_tables(rows, level)
    rows = [r for r in rows if id(r) not in used] if used else rows
    units: list[TextUnit] = []
    cols = _Columns()
    table = None
    labels_by_number: dict[str, str] = {}
    last_group = ""
    for row in _merge_continuations(rows):
        if row.table != table:
            table, cols, labels_by_number, last_group = row.table, _Columns(), {}, ""
        texts = [c.text.strip() for c in row.cells]
        if _is_header(texts):
            _read_header(texts, cols)
            continue
        if row.skip:
            continue
        number = _row_number(texts[0]) if texts else None
        label_idx = next((i for i, t in enumerate(texts) if _LETTERS_RE.search(t) and _row_number(t) is None), None)
        if label_idx is None:
            continue
        label = texts[label_idx]
        parent_no = _parent_number(number) if number else None
        parent = labels_by_number.get(parent_no, "") if parent_no else last_group
        grand = labels_by_number.get(_parent_number(parent_no) or "", "") if parent_no else ""
        if number:
            labels_by_number[number] = label
        unit_idx = cols.unit if cols.unit is not None and cols.unit > label_idx else label_idx + 1
        unit = texts[unit_idx] if unit_idx < len(texts) and not _cell_number(texts[unit_idx]) else ""
        first_value = unit_idx + 1 if unit else label_idx + 1
        values = {i: _cell_number(texts[i]) for i in range(first_value, len(texts))}
        values = {i: v for i, v in values.items() if v is not None}
        contexts = tuple(lower_same_length(t) for t in (parent, grand) if t) + row.headings[::-1]
        if not values:
            result_idx = max((i for i, t in enumerate(texts) if t), default=label_idx)
            if result_idx > label_idx and len(texts[result_idx].split()) >= 3:
                labels = " ".join(texts[i] for i in range(label_idx, result_idx) if texts[i])
                # read as an analyst reads a two-column table: "label: result"
                span = _copy(row.cells[label_idx])
                for i in range(label_idx + 1, result_idx + 1):
                    if texts[i]:
                        span.extend(row.cells[i], sep=": " if i == result_idx else " ")
                units.append(TextUnit(span=span, label=lower_same_length(labels),
                                      contexts=tuple(lower_same_length(t) for t in (parent, grand) if t)
                                      + row.headings[::-1]))
            elif number:
                last_group = label
            continue
        entry = match_label(label, parent)
        if entry is None:
            continue
        if cols.roles:
            picks = [(cols.roles.get(i, "total" if i == min(values) else ""), i) for i in sorted(values)]
            if "rate" not in cols.roles.values() and picks and not picks[-1][0] and len(picks) >= 3:
                picks[-1] = ("rate", picks[-1][1])  # a third value column the header forgot to name
        else:
            picks = [("value", min(values))]
        for role, idx in picks:
            if not role:
                continue
            code = _codes_for(entry, level, role)
            if code is None and level == "commune":
                code = _COMMUNE_EXTRA_ROLES.get(entry.code or "", {}).get(role)
            if code is None or code not in catalog:
                continue
            raw, qual = values[idx]
            got = _value(code, raw, unit)
            if got is None:
                continue
            value, note = got
            notes = [n for n in (entry.note, note, f'written "{qual}{raw}"' if qual else None) if n]
            scope = resolve_scope(code, level=level, label=lower_same_length(normalize_label(label)),
                                  contexts=contexts)
            span = Span.of(label, row.cells[label_idx].first_line, row.cells[label_idx].locators[0])
            if unit:
                span.append(unit, row.cells[unit_idx].first_line, None, sep=" | ")
            span.append(texts[idx], row.cells[idx].first_line, row.cells[idx].locators[0], sep=" | ")
            start = span.starts[-1]
            drafts.append(FactDraft(code, scope, value, "appendix", span, start, len(span.text),
                                    "; ".join(notes) or None))
    return drafts, units
