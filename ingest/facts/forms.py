"""Multi-column statistical tables: the case form (Biểu 06/VPCP style) and per-tier or per-agency tables.

A header row (or two: a group row such as "Số hồ sơ nhận giải quyết | Kết quả giải quyết | Đang giải quyết"
over a leaf row "Tổng số | Trực tuyến | Kỳ trước | Tổng số | Trước hạn | Đúng hạn | Quá hạn | …") names the
columns; each column is mapped to an indicator by its label (``column_code``). Rows are tiers ("Cấp tỉnh",
"Cấp huyện", "Cấp xã"), totals ("Tổng cộng", "Toàn tỉnh") or agencies and sectors: tier rows take the tier's
scope, total rows ``all``, agency rows are skipped (they are parts of someone else's figure), unless the
table has a single data row, which is the reporting unit itself.

The transposed shape (tiers as columns, quantities as rows) is read the same way with the roles swapped.
Only tables where at least two columns map to codes (or two tier columns) are taken; the rows of a table
read here are not read again by the single-value form reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.catalog import load_catalog
from ingest.facts.emit import FactDraft
from ingest.facts.labels import normalize_label
from ingest.facts.layout import Row
from ingest.facts.scope import ALWAYS_ALL
from ingest.facts.text import Span
from ingest.models import Scope, UnitLevel
from ingest.numbers import parse_number

_CELL_RE = re.compile(r"^(?P<q>[<>≥≤~])?\s*(?P<n>\d+(?:[.,]\d+)*)\s*%?$")
_INDEX_CELL_RE = re.compile(r"^(?:\(?\d{1,2}\)?(?:\s*=\s*[\d()+\-\s]+)?|[a-z]|\([a-z0-9]+\)|[ivx]+\.?)$")
_UNIT_CELL_RE = re.compile(r"^(?:hồ sơ|hs|%|tỷ lệ %|thủ tục|tthc|bộ|văn bản|đơn vị tính|đvt|người|lượt)$")
_LABEL_COL_RE = re.compile(
    r"^(?:stt|tt|số tt|số thứ tự|đơn vị|tên đơn vị|cơ quan|tên cơ quan|cơ quan, đơn vị|đơn vị, địa phương|"
    r"địa phương|lĩnh vực|tên lĩnh vực|ngành, lĩnh vực|cấp|cấp giải quyết|cấp hành chính|nội dung|chỉ tiêu|"
    r"tiêu chí|ghi chú|kỳ báo cáo|cấp chính quyền|đơn vị thực hiện)$"
)
_PROC_RE = re.compile(r"\btthc\b|thủ tục|dịch vụ công|\bdvc|dvctt")
_CASE_RE = re.compile(r"hồ sơ|\bhs\b")

# group (upper header) kinds
_G_RECV = re.compile(r"nhận giải quyết|cần giải quyết|phải giải quyết|tiếp nhận|đã nhận|số hồ sơ nhận")
_G_DONE = re.compile(r"đã giải quyết|giải quyết xong|kết quả giải quyết|đã xử lý|đã trả kết quả|số hồ sơ giải quyết")
_G_OPEN = re.compile(r"đang giải quyết|đang xử lý|chưa giải quyết|chưa xử lý|đang thụ lý")
_TOTAL_LEAF = frozenset({"tổng", "tổng số", "cộng", "tổng cộng", "số lượng", "số hồ sơ", "tổng số hồ sơ", "số"})
_LATE = re.compile(r"quá hạn|trễ hạn|chậm hạn|trễ hẹn|quá hẹn|\btrễ\b|\bchậm\b")
_EARLY = re.compile(r"trước hạn|trước hẹn|sớm hạn|\bsớm\b")
_ONTIME = re.compile(r"đúng hạn|đúng hẹn|đúng thời hạn")


def _rate_code(t: str) -> str | None:
    if _ONTIME.search(t) or ("đúng" in t and "hạn" in t):
        return "tthc_on_time_rate_pct"
    if _EARLY.search(t):
        return "tthc_early_rate_pct"
    if _LATE.search(t):
        return "tthc_late_rate_pct"
    if "toàn trình" in t:
        return "tthc_online_full_rate_pct"
    if "thanh toán" in t:
        return "online_payment_case_rate_pct"
    if "trực tuyến" in t or "qua mạng" in t:
        return "tthc_online_rate_pct"
    if "số hóa" in t:
        return "tthc_digitization_rate_pct"
    if "hài lòng" in t:
        return "satisfaction_rate_pct"
    if "kết quả điện tử" in t:
        return "e_result_rate_pct"
    if "giải quyết" in t or "xử lý" in t:
        return "tthc_resolution_rate_pct"
    return None


def _procedure_code(t: str) -> str | None:
    if "toàn trình" in t:
        return "online_services_full"
    if "một phần" in t:
        return "online_services_partial"
    if "liên thông" in t:
        return "tthc_procedures_interlinked"
    if "thanh toán" in t:
        return "online_payment_procedures"
    if "trực tuyến" in t:
        return "online_services_total"
    if re.search(r"^(?:tổng )?(?:số )?(?:tthc|thủ tục(?: hành chính)?)(?: đang có hiệu lực| thuộc thẩm quyền.*)?$", t):
        return "tthc_procedures_total"
    return None


def column_code(group: str, leaf: str, *, has_early: bool = False, procedures: bool = False) -> str | None:
    """The indicator of a column from its (normalised) group and leaf header labels; None: no code."""
    t = leaf or group
    if not t or _LABEL_COL_RE.match(t):
        return None
    both = f"{group} {leaf}".strip()
    if "tỷ lệ" in t or t in ("%", "tỷ lệ %"):
        return _rate_code(both if t in ("tỷ lệ", "%", "tỷ lệ %") else t)
    if procedures or (_PROC_RE.search(t) and not _CASE_RE.search(t)):
        return _procedure_code(t)
    if "thanh toán" in t:
        return "online_payment_cases"
    if "số hóa" in t:
        return "tthc_cases_digitized"
    if "kết quả điện tử" in t or "kết quả bản điện tử" in t:
        return "e_results_issued"
    if "trả lại" in t or re.search(r"\brút\b", t):
        return "tthc_cases_returned"
    if "xin lỗi" in t:
        return "tthc_late_apologies"
    if re.search(r"kỳ trước|\btồn\b|chuyển (?:sang|qua)|năm trước chuyển", t):
        return "tthc_cases_carried_over"
    if "toàn trình" in t:
        return "tthc_cases_online_full"
    if "một phần" in t:
        return "tthc_cases_online_partial"
    if "trực tuyến" in t or "qua mạng" in t or "online" in t:
        return "tthc_cases_online"
    if "trực tiếp" in t and "bưu" in t:
        return "tthc_cases_direct_or_postal"
    if "trực tiếp" in t:
        return "tthc_cases_direct"
    if "bưu chính" in t or "bưu điện" in t:
        return "tthc_cases_postal"
    if re.search(r"mới tiếp nhận|tiếp nhận mới|trong kỳ|nhận mới|\bmới\b", t):
        return "tthc_cases_new"
    in_open = bool(_G_OPEN.search(t) or (_G_OPEN.search(group) and not _G_DONE.search(t)))
    if re.search(r"trong hạn|chưa đến hạn|chưa quá hạn|còn hạn", t):
        return "tthc_cases_in_progress_within_deadline"
    if _LATE.search(t):
        return "tthc_cases_in_progress_overdue" if in_open else "tthc_cases_resolved_late"
    if "đúng" in t and _EARLY.search(t):
        return "tthc_cases_resolved_early_or_on_time"
    if _EARLY.search(t):
        return "tthc_cases_resolved_early"
    if _ONTIME.search(t):
        return "tthc_cases_resolved_on_time" if has_early else "tthc_cases_resolved_early_or_on_time"
    if _G_OPEN.search(t):
        return "tthc_cases_in_progress"
    if t in _TOTAL_LEAF or (t.startswith("tổng số") and len(t.split()) <= 3):
        if _G_OPEN.search(group):
            return "tthc_cases_in_progress"
        if _G_DONE.search(group):
            return "tthc_cases_resolved"
        if re.search(r"nhận giải quyết|cần giải quyết|phải giải quyết", group):
            return "tthc_cases_total_to_handle"
        if _G_RECV.search(group):
            return "tthc_cases_received"
        return None
    if _G_DONE.search(t):
        return "tthc_cases_resolved"
    if re.search(r"nhận giải quyết|cần giải quyết|phải giải quyết", t):
        return "tthc_cases_total_to_handle"
    if "tiếp nhận" in t or t in ("nhận", "đã nhận"):
        return "tthc_cases_received"
    return None


# ---------------------------------------------------------------- row (or column) scopes
_TOTAL_ROW_RE = re.compile(
    r"^(?:tổng cộng|tổng số|tổng|cộng|toàn tỉnh|toàn huyện|toàn thị xã|toàn thành phố|toàn xã|chung|"
    r"tổng toàn tỉnh|tổng chung|cộng chung|toàn đơn vị|tất cả|tổng các cấp|chung toàn tỉnh)$"
)
_TIER_ROWS: tuple[tuple[Scope, re.Pattern[str]], ...] = (
    ("province_level", re.compile(r"^(?:cấp tỉnh|tỉnh|khối tỉnh|các sở,? ban,? ngành.*|sở,? ban,? ngành.*|"
                                  r"các cơ quan cấp tỉnh|cơ quan cấp tỉnh|khối sở,? ngành|các sở,? ngành.*)$")),
    ("district_level", re.compile(r"^(?:cấp huyện|huyện|khối huyện|ubnd cấp huyện|ubnd các huyện.*|"
                                  r"các huyện,? thị xã,? thành phố|cấp huyện \(.*)$")),
    ("commune_level", re.compile(r"^(?:cấp xã|xã|khối xã|ubnd cấp xã|ubnd các xã.*|xã,? phường,? thị trấn|"
                                 r"các xã,? phường,? thị trấn|cấp xã \(.*)$")),
    ("center", re.compile(r"^(?:trung tâm phục vụ hành chính công.*|trung tâm hành chính công.*|ttpvhcc.*|"
                          r"trung tâm phục vụ hcc.*)$")),
)
_ROW_PREFIX_RE = re.compile(r"^(?:[-+•*]\s*|trong đó:?\s*|[ivx]+\.\s*|[a-zđ]\)\s*)")


def row_scope(label: str) -> Scope | None:
    """``all`` for a total row, the tier for a tier row, None for any other row (an agency, a sector)."""
    t = _ROW_PREFIX_RE.sub("", normalize_label(label)).strip(" :")
    if _TOTAL_ROW_RE.match(t):
        return "all"
    for scope, rx in _TIER_ROWS:
        if rx.match(t):
            return scope
    return None


def _for_level(scope: Scope, code: str, level: UnitLevel | None) -> Scope | None:
    if level == "commune" or code in ALWAYS_ALL:
        return "all"
    if scope == "province_level" and level not in ("province_office", "province_department"):
        return None  # a provincial tier row in a district report is someone else's figure
    return scope


_TIER_PROCEDURE_CODES = {
    "district_level": "tthc_procedures_district",
    "commune_level": "tthc_procedures_commune",
}


# ---------------------------------------------------------------- cells and headers
def _number(text: str) -> tuple[str, str | None] | None:
    m = _CELL_RE.match(text.strip())
    return (m.group("n"), m.group("q")) if m else None


def _is_filler(texts: list[str]) -> bool:
    """Column numbering "(1) (2) (3)=(4)+(5)" or a unit row "Hồ sơ | Hồ sơ | %"."""
    cells = [normalize_label(t) or t.strip().lower() for t in texts if t.strip()]
    if not cells:
        return True
    return all(_INDEX_CELL_RE.match(t.strip().lower()) for t in texts if t.strip()) or all(
        _UNIT_CELL_RE.match(c) for c in cells
    )


def _has_numbers(texts: list[str]) -> bool:
    return sum(1 for t in texts[1:] if _number(t)) >= 1


@dataclass
class _Header:
    groups: list[str]
    leaves: list[str]
    texts: list[str]  # the leaf row as written (for quotes)


def _align(top: list[str], leaf: list[str]) -> list[str]:
    """The group label above each leaf column."""
    if len(top) == len(leaf):
        out, cur = [], ""
        for t, lf in zip(top, leaf, strict=True):
            if t:
                cur = t
            out.append(cur if (t or lf) else "")
        return out
    # merged group cells: the top row has fewer cells; label columns repeat, a "Tổng số" leaf opens a group
    groups = [t for t in top if t]
    out = []
    gi = 0
    cur = ""
    opened = False
    for lf in leaf:
        if gi < len(groups) and lf == groups[gi]:  # a column spanning both rows
            cur, gi, opened = groups[gi], gi + 1, False
            out.append(cur)
            continue
        if lf in _TOTAL_LEAF or not opened:
            if gi < len(groups):
                cur, gi = groups[gi], gi + 1
            opened = True
        out.append(cur)
    return out


def _header(rows: list[list[str]]) -> _Header:
    norm = [[normalize_label(t) for t in r] for r in rows]
    leaf = norm[-1]
    groups = [""] * len(leaf)
    for top in norm[:-1]:
        aligned = _align(top, leaf)
        groups = [f"{g} {a}".strip() if a and a != lf else g for g, a, lf in zip(groups, aligned, leaf, strict=True)]
    return _Header(groups=groups, leaves=leaf, texts=rows[-1])


def _codes(h: _Header, procedures: bool) -> dict[int, str]:
    has_early = any(_EARLY.search(lf or g) and "tỷ lệ" not in (lf or g) and "đúng" not in (lf or g)
                    for g, lf in zip(h.groups, h.leaves, strict=True))
    out: dict[int, str] = {}
    for i, (g, lf) in enumerate(zip(h.groups, h.leaves, strict=True)):
        proc = procedures and not _CASE_RE.search(f"{g} {lf}")
        code = column_code(g, lf, has_early=has_early, procedures=proc)
        if code is not None:
            out[i] = code
    return out


def _tier_columns(h: _Header) -> dict[int, Scope]:
    out: dict[int, Scope] = {}
    for i, lf in enumerate(h.leaves):
        s = row_scope(lf) if lf else None
        if s is not None:
            out[i] = s
    return out


# ---------------------------------------------------------------- tables
def _tables(rows: list[Row]) -> list[list[Row]]:
    out: list[list[Row]] = []
    for row in rows:
        if out and out[-1][0].table == row.table:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def _value(code: str, raw: str) -> tuple[float, str | None] | None:
    pct = code.endswith("_pct")
    reading = parse_number(raw, max_value=100.0 if pct else None)
    if reading is None or (pct and reading.value > 100):
        return None
    note = f'"{raw}" read with "." as the decimal mark' if reading.decimal_dot else None
    return reading.value, note


def _label_index(texts: list[str]) -> int | None:
    for i, t in enumerate(texts):
        s = t.strip()
        if s and not _number(s) and not _INDEX_CELL_RE.match(s.lower()):
            return i
    return None


def _draft(code: str, scope: Scope, raw: str, row: Row, idx: int, label_idx: int, head: str,
           notes: list[str]) -> FactDraft | None:
    got = _value(code, raw)
    if got is None:
        return None
    value, note = got
    cell = row.cells[label_idx]
    span = Span.of(cell.text.strip(), cell.first_line, cell.locators[0])
    if head:
        span.append(head.strip(), cell.first_line, None, sep=" | ")
    val = row.cells[idx]
    span.append(val.text.strip(), val.first_line, val.locators[0], sep=" | ")
    start = span.starts[-1]
    all_notes = [n for n in (note, *notes) if n]
    return FactDraft(code, scope, value, "appendix", span, start, len(span.text), "; ".join(all_notes) or None)


def _read_rows(table: list[Row], start: int, h: _Header, codes: dict[int, str], level: UnitLevel | None,
               catalog: dict) -> list[FactDraft]:
    data = []
    for row in table[start:]:
        texts = [c.text.strip() for c in row.cells]
        if not _has_numbers(texts) or row.skip:
            continue
        li = _label_index(texts)
        if li is None:
            continue
        data.append((row, texts, li))
    rows_scoped = [(row, texts, li, row_scope(texts[li])) for row, texts, li in data]
    single = len(rows_scoped) == 1
    out: list[FactDraft] = []
    for row, texts, li, scope in rows_scoped:
        if scope is None:
            if not single:
                continue
            scope = "all"
        # a row whose cells are shifted (a missing label column) keeps the header's positions only when aligned
        shift = 0
        if len(texts) == len(h.leaves) - 1 and li == 0 and 0 not in codes:
            shift = -1
        for col, code in codes.items():
            idx = col + shift
            if idx <= li or idx >= len(texts):
                continue
            num = _number(texts[idx])
            if num is None:
                continue
            c = code
            if code == "tthc_procedures_total" and scope in _TIER_PROCEDURE_CODES:
                c = _TIER_PROCEDURE_CODES[scope]
            sc = _for_level(scope, c, level)
            if sc is None or c not in catalog:
                continue
            notes = [f'written "{num[1]}{num[0]}"'] if num[1] else []
            d = _draft(c, sc, num[0], row, idx, li, h.texts[col] if col < len(h.texts) else "", notes)
            if d is not None:
                out.append(d)
    return out


def _read_transposed(table: list[Row], start: int, h: _Header, tiers: dict[int, Scope], level: UnitLevel | None,
                     catalog: dict, procedures: bool) -> list[FactDraft]:
    out: list[FactDraft] = []
    group = ""
    for row in table[start:]:
        texts = [c.text.strip() for c in row.cells]
        if row.skip or not _has_numbers(texts):
            continue
        li = _label_index(texts)
        if li is None:
            continue
        label = normalize_label(texts[li])
        sub = bool(_ROW_PREFIX_RE.match(label)) or len(label.split()) <= 3
        clean = _ROW_PREFIX_RE.sub("", label)
        proc = procedures or bool(_PROC_RE.search(clean) and not _CASE_RE.search(clean))
        has_early = True
        code = column_code(group if sub else "", clean, has_early=has_early, procedures=proc)
        if code in ("tthc_cases_received", "tthc_cases_resolved", "tthc_cases_in_progress",
                    "tthc_cases_total_to_handle") and not sub:
            group = clean
        if code is None:
            continue
        if code == "tthc_cases_resolved_on_time" and not any(
            _EARLY.search(normalize_label(r.cells[_label_index([c.text for c in r.cells]) or 0].text))
            for r in table[start:] if r.cells
        ):
            code = "tthc_cases_resolved_early_or_on_time"
        for col, scope in tiers.items():
            if col <= li or col >= len(texts):
                continue
            num = _number(texts[col])
            if num is None:
                continue
            c = code
            if code == "tthc_procedures_total" and scope in _TIER_PROCEDURE_CODES:
                c = _TIER_PROCEDURE_CODES[scope]
            sc = _for_level(scope, c, level)
            if sc is None or c not in catalog:
                continue
            d = _draft(c, sc, num[0], row, col, li, h.texts[col], [])
            if d is not None:
                out.append(d)
    return out


def read_form_tables(rows: list[Row], level: UnitLevel | None) -> tuple[list[FactDraft], set[int]]:
    """Facts of the multi-column tables among ``rows`` and the ids of the rows they consumed."""
    catalog = load_catalog()
    drafts: list[FactDraft] = []
    used: set[int] = set()
    for table in _tables(rows):
        got = _read_table(table, level, catalog)
        if got is not None:
            drafts.extend(got)
            used.update(id(r) for r in table)
    return drafts, used


def _read_table(table: list[Row], level: UnitLevel | None, catalog: dict) -> list[FactDraft] | None:
    texts = [[c.text.strip() for c in r.cells] for r in table]
    # the header: the rows before the first row with figures (column numbering and unit rows left out)
    first = next((i for i, t in enumerate(texts) if _has_numbers(t) and not _is_filler(t)), None)
    if first is None or first == 0:
        return None
    head_rows = [t for t in texts[:first] if not _is_filler(t)][-3:]
    if not head_rows:
        return None
    h = _header(head_rows)
    context = " ".join(" ".join(r.headings) for r in table[:1]) + " " + " ".join(" ".join(t) for t in head_rows)
    context = context.lower()
    procedures = bool(_PROC_RE.search(context)) and not _CASE_RE.search(context)
    tiers = _tier_columns(h)
    if sum(1 for s in tiers.values() if s != "all") >= 2:
        drafts = _read_transposed(table, first, h, tiers, level, catalog, procedures)
        return drafts if drafts else None
    codes = _codes(h, procedures)
    if len(set(codes.values())) < 2:
        return None
    drafts = _read_rows(table, first, h, codes, level, catalog)
    return drafts
