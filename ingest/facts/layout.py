"""Split a document into prose paragraphs and table rows, each with the headings it sits under.

Tables come in two shapes: one row per line with cells separated by tabs (readers of docx/xlsx/pdf, and text
exports such as seed 002), or one cell per line, each line starting with a tab, rows separated by blank lines
and long cells wrapped onto untabbed lines (text exports such as seed 000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.facts.text import Span, lower_same_length, plain
from ingest.models import Document, Line

_HEADING_RE = re.compile(
    r"\s*(?:(?P<l1>[IVX]{1,4})\.|(?P<l2>\d{1,2})\.(?!\d)|(?P<l3>\d{1,2}\.\d{1,2})\.?|(?P<l4>[a-zđ])\))\s+\S"
)
_HEADING_LEVEL = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}
_FORWARD_RE = re.compile(
    r"^(?:[ivx]+\.|\d+\.)?\s*(?:phương hướng|kiến nghị|đề xuất|đề nghị|giải pháp|nhiệm vụ,? giải pháp|"
    r"nhiệm vụ (?:trọng tâm )?(?:thời gian tới|\S+ tháng cuối|quý tiếp theo|năm \S+ tiếp theo))"
)
_APPENDIX_RE = re.compile(r"^\s*(?:phụ lục|biểu mẫu|biểu mấu|biểu số|phụ biểu)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*([-+•–*])\s")
_LOWER_START_RE = re.compile(r"^\s*[a-zđà-ỹ]")
_OPEN_END = frozenset(".;:!?)]")
LEAD_REACH = 6


@dataclass
class Paragraph:
    span: Span
    headings: tuple[str, ...] = ()
    lead: str = ""
    skip: bool = False


@dataclass
class Row:
    cells: list[Span]
    table: int
    headings: tuple[str, ...] = ()
    skip: bool = False

    @property
    def line(self) -> int:
        return self.cells[0].first_line if self.cells else 0


@dataclass
class Layout:
    paragraphs: list[Paragraph] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def heading_level(text: str, plain_text: str | None = None) -> int | None:
    """``plain_text``: ``plain(text)`` if the caller has it."""
    if len(text) > 320:
        return None
    m = _HEADING_RE.match(plain(text) if plain_text is None else plain_text)
    return _HEADING_LEVEL[m.lastgroup] if m and m.lastgroup else None


def _bullet_rank(plain_text: str) -> int:
    m = _BULLET_RE.match(plain_text)
    if not m:
        return 0
    return 2 if m.group(1) in "+•*" else 1


def _is_table_line(line: Line) -> bool:
    return line.in_table or "\t" in line.text


def _is_cell_line(text: str) -> bool:
    return text.startswith("\t") and text.count("\t") == 1


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.lines = doc.lines
        self.out = Layout()
        self.headings: list[str] = ["", "", "", ""]
        self.table_no = 0
        self.last_was_table = False
        self.lead = ""
        self.lead_rank = 0
        self.lead_left = 0
        self._ctx: tuple[tuple[str, ...], bool] = ((), False)

    # -------------------------------------------------------------- context
    def _context(self) -> tuple[tuple[str, ...], bool]:
        return self._ctx

    def _set_heading(self, level: int, plain_text: str) -> None:
        self.headings[level - 1] = lower_same_length(plain_text.strip())
        for k in range(level, len(self.headings)):
            self.headings[k] = ""
        self.lead = ""
        heads = tuple(h for h in self.headings if h)
        self._ctx = (heads, any(_FORWARD_RE.match(h) for h in heads))

    # -------------------------------------------------------------- tables
    def _new_table_if_needed(self) -> None:
        if not self.last_was_table:
            self.table_no += 1
        self.last_was_table = True

    def _add_row(self, cells: list[Span]) -> None:
        heads, skip = self._context()
        self.out.rows.append(Row(cells=cells, table=self.table_no, headings=heads, skip=skip))

    def _cell_block(self, i: int) -> int:
        """Collect a one-cell-per-line block starting at ``i``; return the index after it."""
        cells: list[Span] = []
        raw: list[Line] = []
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.text.startswith("\t"):
                cells.append(Span.of(line.text[1:].replace("\t", " "), line.no, line.locator))
            elif line.text.strip() and cells:
                cells[-1].append(line.text, line.no, line.locator, sep="\n")
            else:
                break
            raw.append(line)
            i += 1
        if len(cells) >= 2:
            self._new_table_if_needed()
            self._add_row(cells)
        else:  # a lone tabbed line: prose after all
            for line in raw:
                self._prose_line(line)
        return i

    # -------------------------------------------------------------- prose
    def _prose_line(self, line: Line, span: Span | None = None) -> None:
        self.last_was_table = False
        text = line.text if span is None else span.text
        ptext = plain(text)
        level = heading_level(text, ptext)
        if level is None and _APPENDIX_RE.match(ptext):
            level = 1
        if level is not None:
            self._set_heading(level, ptext)
        rank = _bullet_rank(ptext)
        if level is None and self.lead:
            if (rank and rank <= self.lead_rank) or self.lead_left <= 0:
                self.lead = ""
        heads, skip = self._context()
        lead = self.lead if level is None else ""
        span = span or Span.of(line.text, line.no, line.locator)
        self.out.paragraphs.append(Paragraph(span=span, headings=heads, lead=lead, skip=skip))
        if self.lead:
            self.lead_left -= 1
        if ptext.rstrip().endswith(":") and len(text) < 600:
            self.lead = lower_same_length(ptext.strip())
            self.lead_rank = rank
            self.lead_left = LEAD_REACH

    def walk(self) -> Layout:
        lines = self.lines
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            text = line.text
            if not text.strip() and "\t" not in text:
                i += 1
                continue
            if _is_table_line(line):
                if not line.in_table and _is_cell_line(text):
                    i = self._cell_block(i)
                    continue
                self._new_table_if_needed()
                cells = [Span.of(c, line.no, line.locator) for c in text.split("\t")]
                self._add_row(cells)
                i += 1
                continue
            # prose: join wrapped lines (the next non-blank line starts in lower case)
            span = Span.of(text, line.no, line.locator)
            j = i + 1
            while True:
                k = j
                while k < n and not lines[k].text.strip():
                    k += 1
                if (
                    k < n
                    and not _is_table_line(lines[k])
                    and span.text.rstrip()[-1:] not in _OPEN_END  # (not "[.;:!?)\]]\s*$")
                    and _LOWER_START_RE.match(lines[k].text)
                    and heading_level(lines[k].text) is None
                ):
                    span.append(lines[k].text.strip(), lines[k].no, lines[k].locator)
                    j = k + 1
                    continue
                break
            self._prose_line(line, span)
            i = j
        return self.out


def split_layout(doc: Document) -> Layout:
    return _Walker(doc).walk()
