"""DOCX: body paragraphs and real table rows in body order (python-docx)."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.errors import ReaderError


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    return " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())


def docx_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """(text, locator, in_table): paragraphs 'p12', each table row one tab-joined line 't3.r5'."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for damaged packages
        reason = f"{type(exc).__name__}: {exc}"
        raise ReaderError(f"corrupt DOCX: cannot open the Word document ({reason})") from exc
    out: list[tuple[str, str | None, bool]] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for r, row in enumerate(block.rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a horizontally merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_cell_text(cell))
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    out.append(("\t".join(cells), f"t{tables}.r{r}", True))
        else:
            paragraphs += 1
            out.append((block.text.replace("\n", " "), f"p{paragraphs}", False))
    return out
