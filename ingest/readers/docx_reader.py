"""DOCX: body paragraphs and real table rows in body order.

python-docx opens and checks the package (so a damaged file is rejected exactly as before); the body is then
walked directly on its XML elements, which is many times faster than python-docx's proxy objects (one XPath
query per paragraph, run and cell). The text is the one python-docx gives: runs and hyperlink runs of a
paragraph, ``w:tab``/``w:ptab`` as a tab, ``w:br`` (text wrapping) and ``w:cr`` as a line break,
``w:noBreakHyphen`` as "-". Tables with vertically merged cells are read through python-docx's rows (their
continuation cells repeat the merged cell's text).

Opening is python-docx's own package reader with one change: the XML parts the reader never looks at (styles,
settings, numbering, properties, headers, comments) are checked by the same libxml2 parser without building their
trees (styles alone is often larger than the body). Whenever that check is not clean, or anything else about the
package is unusual, ``docx.Document`` opens the file as before, so a damaged package fails with the same reason.
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


class _NoTree:
    """A parser target that builds nothing (libxml2 still reads and checks the whole document)."""

    def close(self) -> None:
        return None


# libxml2 refuses a text node over 10,000,000 bytes only when it builds a tree: larger parts are parsed in full.
_MAX_CHECKED_BYTES = 10_000_000


def _parses(blob: bytes) -> bool:
    """True when python-docx's ``parse_xml`` would accept ``blob`` (same parser options), without the tree.
    Anything libxml2 even logs as an error (an undefined namespace prefix is only logged without a tree)
    answers False, and the caller parses for real."""
    from lxml import etree

    if len(blob) >= _MAX_CHECKED_BYTES:
        return False
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, target=_NoTree())
    try:
        etree.fromstring(blob, parser)
    except Exception:
        return False
    return not any(entry.level >= etree.ErrorLevels.ERROR for entry in parser.error_log)


class _Unusual(Exception):
    """The fast open declines: python-docx opens the file the ordinary way."""


def _part_factory(partname, content_type, reltype, blob, package):  # type: ignore[no-untyped-def]
    """python-docx's ``PartFactory``, except that an XML part other than the main document is only checked."""
    from docx.opc.part import Part, PartFactory, XmlPart
    from docx.parts.document import DocumentPart

    selector = getattr(PartFactory, "part_class_selector", None)
    part_cls = (selector(content_type, reltype) if selector is not None else None) or \
        PartFactory._part_cls_for(content_type)
    if not issubclass(part_cls, XmlPart) or issubclass(part_cls, DocumentPart) or \
            getattr(part_cls.load, "__func__", None) is not XmlPart.load.__func__:
        return PartFactory(partname, content_type, reltype, blob, package)
    if not _parses(blob):
        raise _Unusual(partname)
    return Part(partname, content_type, blob, package)


def _open_fast(path: Path):  # type: ignore[no-untyped-def]
    """``docx.Document(path)`` for a sound package (the body, not its styles' trees), else None."""
    import docx  # noqa: F401  (registers python-docx's part classes)
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.package import Unmarshaller
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    try:
        package = Package()
        Unmarshaller.unmarshal(PackageReader.from_file(str(path)), package, _part_factory)
        part = package.main_document_part
        if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
            return None
        return part.document
    except Exception:
        return None


def _open(path: Path):  # type: ignore[no-untyped-def]
    document = _open_fast(path)
    if document is None:
        import docx

        document = docx.Document(str(path))
    return document


def docx_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """(text, locator, in_table): paragraphs 'p12', each table row one tab-joined line 't3.r5'."""
    try:
        document = _open(path)
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
