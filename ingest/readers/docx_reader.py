"""DOCX: body paragraphs and real table rows in body order.

python-docx opens and checks the package (so a damaged file is rejected exactly as before); the body is then
walked directly on its XML elements, which is many times faster than python-docx's proxy objects (one XPath
query per paragraph, run and cell). The text is the one python-docx gives: runs and hyperlink runs of a
paragraph, ``w:tab``/``w:ptab`` as a tab, ``w:br`` (text wrapping) and ``w:cr`` as a line break,
``w:noBreakHyphen`` as "-". Tables with vertically merged cells are read through python-docx's rows (their
continuation cells repeat the merged cell's text).
"""

from __future__ import annotations

from pathlib import Path

from ingest.readers.errors import ReaderError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_R, _HYPERLINK, _T = _W + "r", _W + "hyperlink", _W + "t"
_BR, _BR_TYPE, _VMERGE = _W + "br", _W + "type", _W + "vMerge"
_RUN_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    return " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())


def _run_text(r) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    for e in r:
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag == _BR:
            if e.get(_BR_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        else:
            ch = _RUN_CHARS.get(tag)
            if ch is not None:
                parts.append(ch)
    return "".join(parts)


def _para_text(p) -> str:  # type: ignore[no-untyped-def]
    """``Paragraph.text`` of python-docx: its runs and its hyperlinks' runs."""
    parts: list[str] = []
    for e in p:
        tag = e.tag
        if tag == _R:
            parts.append(_run_text(e))
        elif tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in e if r.tag == _R)
    return "".join(parts)


def _tc_text(tc) -> str:  # type: ignore[no-untyped-def]
    texts = (_para_text(p) for p in tc if p.tag == _P)
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


def _rows_fast(tbl) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[_tc_text(tc) for tc in tr if tc.tag == _TC] for tr in tbl if tr.tag == _TR]


def _rows_docx(tbl, parent) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from docx.table import Table

    out = []
    for row in Table(tbl, parent).rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        out.append(cells)
    return out


def docx_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """(text, locator, in_table): paragraphs 'p12', each table row one tab-joined line 't3.r5'."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for damaged packages
        reason = f"{type(exc).__name__}: {exc}"
        raise ReaderError(f"corrupt DOCX: cannot open the Word document ({reason})") from exc
    out: list[tuple[str, str | None, bool]] = []
    paragraphs = tables = 0
    body = document.element.body
    for block in body:
        tag = block.tag
        if tag == _TBL:
            tables += 1
            merged = next(block.iter(_VMERGE), None) is not None
            rows = _rows_docx(block, document._body) if merged else _rows_fast(block)
            for r, cells in enumerate(rows, start=1):
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    out.append(("\t".join(cells), f"t{tables}.r{r}", True))
        elif tag == _P:
            paragraphs += 1
            out.append((_para_text(block).replace("\n", " "), f"p{paragraphs}", False))
    return out
