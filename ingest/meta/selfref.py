"""Where a report names itself: the header block, "Đơn vị báo cáo:" label lines, the opening sentence
("<body> báo cáo ..."), the closing "Trên đây là báo cáo ... của <body>" and appendix captions
"(Kèm theo Báo cáo số ... của <body>)".

The header is the usual two lines, superior body first and issuing body second ("UBND HUYỆN X" / "ỦY BAN NHÂN
DÂN XÃ Y", "UBND TỈNH X" / "SỞ NỘI VỤ", "UBND TỈNH X" / "VĂN PHÒNG"); the issuing body takes its province or
district from the superior. A bare "ỦY BAN NHÂN DÂN" line is joined with the "HUYỆN X" line below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.meta.bodies import TIER, UBND, Body, Place, is_upper, parse_body, tier_class
from ingest.meta.lineindex import LineIndex
from ingest.models import Line

HEADER_WEIGHT = 8.0
LABEL_WEIGHT = 10.0
OPENING_WEIGHT = 8.0
CLOSING_WEIGHT = 6.0
CAPTION_WEIGHT = 5.0


@dataclass
class Ref:
    body: Body
    weight: float
    line: int
    source: str  # header | label | opening | closing | caption


_MOTTO = re.compile(r"cộng\s+hòa\s+xã\s+hội|cộng\s+hoà\s+xã\s+hội|độc\s+lập\s*[-–]|tự\s+do\s*[-–]|hạnh\s+phúc",
                    re.IGNORECASE)
_NOT_HEADER = re.compile(r"^\W*(?:số\s*:|số\s+\d|v/v\b|về\s+việc)", re.IGNORECASE)
_PLACE_DATE = re.compile(r",\s*ngày\b", re.IGNORECASE)
_HEADER_END = re.compile(
    r"^\W*(?:báo\s+cáo|biểu|phụ\s+lục|kính\s+gửi|căn\s+cứ|thực\s+hiện|kế\s+hoạch|tờ\s+trình|mẫu|danh\s+sách|"
    r"đề\s+cương|[IVX]+\.|\d+\.)", re.IGNORECASE)
_CELL_SPLIT = re.compile(r"\t+|\s{3,}")
_BARE_UBND = re.compile(rf"^(?:{UBND}|hđnd|hội\s+đồng\s+nhân\s+dân|văn\s+phòng\s+{UBND})$", re.IGNORECASE)
_STARTS_TIER = re.compile(rf"^{TIER}\s", re.IGNORECASE)
_LABEL = re.compile(
    r"(?:^|\t)\s*(?:đơn\s+vị\s+báo\s+cáo|cơ\s+quan\s+báo\s+cáo|tên\s+đơn\s+vị(?:\s+báo\s+cáo)?|"
    r"tên\s+cơ\s+quan(?:\s+báo\s+cáo)?|đơn\s+vị|cơ\s+quan)\s*:\s*(?P<value>[^\t]*)", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.;:,]\s+|\(\s*)(?=\S)")
_REPORTS = re.compile(
    r"\s*,?\s*(?:(?:xin|trân\s+trọng|tổng\s+hợp|kính|sơ\s+kết|tự\s+đánh\s+giá|đánh\s+giá|đã)\s*,?\s*){0,3}"
    r"báo\s+cáo\b", re.IGNORECASE)
_CLOSING = re.compile(r"^\W*trên\s+đây\s+là\s+(?:dự\s+thảo\s+)?báo\s+cáo\b", re.IGNORECASE)
_CLOSING_OF = re.compile(r"(?<![\w])(?:của|tại)\s+", re.IGNORECASE)
_CAPTION = re.compile(r"kèm\s+theo\s+(?:dự\s+thảo\s+)?báo\s+cáo[^()]*?của\s+", re.IGNORECASE)


def _clean(text: str) -> str:
    return text.strip().strip("*#_ \t").strip()


def header_fragments(lines: list[Line]) -> list[tuple[str, int]]:
    """All-caps organisation lines of the header block (left-hand cells), in order, with their line."""
    out: list[tuple[str, int]] = []
    seen_text = 0
    for ln in lines[:20]:
        raw = ln.text.replace("*", "").strip()
        if not raw:
            continue
        if _HEADER_END.match(raw):
            break
        cells = [_clean(c) for c in _CELL_SPLIT.split(raw)]
        kept = False
        for cell in cells:
            if not cell or _MOTTO.search(cell) or _NOT_HEADER.match(cell) or _PLACE_DATE.search(cell):
                continue
            if not any(c.isalpha() for c in cell):
                continue
            if is_upper(cell) and len(cell) <= 90:
                out.append((" ".join(cell.split()), ln.no))
                kept = True
                break
        if not kept and not any(_NOT_HEADER.match(c) or _PLACE_DATE.search(c) or _MOTTO.search(c) for c in cells):
            seen_text += 1
            if seen_text >= 2 or len(raw) > 120:
                break
    return out


def header_refs(lines: list[Line]) -> list[Ref]:
    merged: list[tuple[str, int]] = []
    for text, no in header_fragments(lines):
        if merged and _BARE_UBND.match(merged[-1][0]) and _STARTS_TIER.match(text + " "):
            merged[-1] = (f"{merged[-1][0]} {text}", merged[-1][1])
        else:
            merged.append((text, no))
    bodies: list[tuple[Body, int]] = []
    for text, no in merged:
        body = parse_body(text, 0, header=True)
        if body is not None and body.end >= len(text.rstrip(" .:-")) - 1:
            bodies.append((body, no))
    if not bodies:
        return []
    issuing, line = bodies[-1]
    for superior, _ in reversed(bodies[:-1]):
        _inherit(issuing, superior)
    return [Ref(issuing, HEADER_WEIGHT, line, "header")]


def _inherit(body: Body, superior: Body) -> None:
    """Give ``body`` the places its superior names (its own tier and name, and its qualifiers)."""
    places = dict(superior.places)
    if superior.own is not None and superior.own.name:
        places[tier_class(superior.own.tier, superior.own.name)] = superior.own
    if body.own is not None and body.own.name is None and body.kind != "ubnd":
        # "THANH TRA TỈNH" under "UBND TỈNH X": the tier is named, the name comes from above.
        cls = tier_class(body.own.tier, None)
        if cls in places:
            body.own = Place(body.own.tier, places[cls].name)
    own_cls = tier_class(body.own.tier, body.own.name) if body.own is not None else None
    for cls, place in places.items():
        if cls != own_cls:
            body.places.setdefault(cls, place)


def label_refs(lines: list[Line]) -> list[Ref]:
    out: list[Ref] = []
    for i, ln in enumerate(lines[:80]):
        low = ln.text.lower()
        if "đơn" not in low and "cơ" not in low:
            continue  # (every label names a "đơn vị" or a "cơ quan")
        m = _LABEL.search(ln.text)
        if not m:
            continue
        value = _clean(m.group("value"))
        if not value:
            rest = ln.text[m.end():].split("\t")
            value = next((_clean(c) for c in rest if _clean(c)), "")
            if not value and i + 1 < len(lines):
                value = _clean(lines[i + 1].text.split("\t")[0])
        body = parse_body(value, 0, header=True) if value else None
        if body is not None:
            out.append(Ref(body, LABEL_WEIGHT, ln.no, "label"))
    return out


def opening_refs(lines: list[Line]) -> list[Ref]:
    """"<body> báo cáo ..." at the start of a sentence in the first lines."""
    out: list[Ref] = []
    for ln in lines[:60]:
        text = ln.text.replace("*", "")
        if len(text) < 8 or "báo" not in text.lower():
            continue
        for start in _SENTENCE_START.finditer(text):
            body = parse_body(text, start.end())
            if body is None or not _REPORTS.match(text, body.end):
                continue
            out.append(Ref(body, OPENING_WEIGHT if not out else OPENING_WEIGHT / 3, ln.no, "opening"))
            break
    return out


def closing_refs(lines: list[Line], index: LineIndex | None = None) -> list[Ref]:
    out: list[Ref] = []
    # (both patterns start with one of these words; a "*" inside one is removed before matching)
    found = index.line_indices(("trên", "kèm", "*")) if index is not None else None
    for ln in lines if found is None else [lines[i] for i in found]:
        text = ln.text.replace("*", "")
        if _CLOSING.match(text):
            for m in _CLOSING_OF.finditer(text):
                body = parse_body(text, m.end())
                if body is not None:
                    out.append(Ref(body, CLOSING_WEIGHT, ln.no, "closing"))
                    break
        m = _CAPTION.search(text) if "kèm" in text.lower() else None  # (a caption starts with it)
        if m:
            body = parse_body(text, m.end())
            if body is not None:
                out.append(Ref(body, CAPTION_WEIGHT, ln.no, "caption"))
    return out


def self_references(lines: list[Line], index: LineIndex | None = None) -> list[Ref]:
    """Every place where the report names its own issuing body (``index``: the lines' ``LineIndex``)."""
    return header_refs(lines) + label_refs(lines) + opening_refs(lines) + closing_refs(lines, index)
