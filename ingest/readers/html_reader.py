"""HTML: block elements become lines, table rows become tab-joined lines (stdlib parser)."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header",
          "footer", "blockquote", "pre", "ul", "ol", "dt", "dd", "caption", "hr", "body", "html", "center"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_CELL = {"td", "th"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, str | None, bool]] = []  # (text, locator, in_table)
        self._buf: list[str] = []
        self._skip = 0
        self._tables = 0
        self._table_stack: list[tuple[int, int]] = []  # (table no, rows seen)
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._blocks = 0
        self._sup: list[str] | None = None  # text inside <sup>: a bare number there is a footnote mark

    # text outside tables -------------------------------------------------
    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self._blocks += 1
            self.lines.append((text, f"p{self._blocks}", False))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "sup":
            self._sup = []
        elif tag == "table":
            self._flush()
            self._tables += 1
            self._table_stack.append((self._tables, 0))
        elif tag == "tr" and self._table_stack:
            self._row = []
        elif tag in _CELL and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag in _BLOCK and self._cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "sup" and self._sup is not None:
            text, self._sup = "".join(self._sup), None
            if not text.strip().isdigit():
                self.handle_data(text)
        elif tag in _CELL and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table_stack:
            no, rows = self._table_stack[-1]
            rows += 1
            self._table_stack[-1] = (no, rows)
            cells = self._row
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                self.lines.append(("\t".join(cells), f"t{no}.r{rows}", True))
            self._row = None
        elif tag == "table" and self._table_stack:
            self._table_stack.pop()
        elif tag in _BLOCK and self._cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._sup is not None:
            self._sup.append(data)
        elif self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_lines(text: str) -> list[tuple[str, str | None, bool]]:
    """(text, locator, in_table) for each non-empty block or table row, in document order."""
    parser = _Collector()
    parser.feed(text)
    parser.close()
    return parser.lines
