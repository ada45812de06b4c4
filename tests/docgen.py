"""Render report text into real DOCX / XLSX / HTML files at test time (reusable by other tests).

A report's lines are split into blocks: runs of lines containing a tab are statistical tables (one row per
line, one cell per tab-separated field); every other line is a narrative paragraph. The DOCX gets paragraphs
and real Word tables in that order, the XLSX one row per line (table fields in separate columns), the HTML
<p> and <table> elements.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Block:
    kind: str  # "para" or "table"
    lines: list[str]


def split_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        kind = "table" if "\t" in line else "para"
        if kind == "table" and blocks and blocks[-1].kind == "table":
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block(kind, [line]))
    return blocks


def comparable_lines(lines: list[str]) -> list[str]:
    """Text lines modulo table layout: cells stripped, empty cells and empty lines dropped."""
    out = []
    for line in lines:
        cells = [" ".join(c.split()) for c in line.split("\t")]
        text = "\t".join(c for c in cells if c)
        if text:
            out.append(text)
    return out


def render_docx(lines: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in split_blocks(lines):
        if block.kind == "para":
            document.add_paragraph(block.lines[0])
            continue
        rows = [line.split("\t") for line in block.lines]
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
    document.save(str(path))
    return path


def render_xlsx(lines: list[str], path: Path, sheet: str = "Bao cao") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line.split("\t"), start=1):
            if value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            cell.data_type = "s"  # text as written: never a formula or a number
    workbook.save(str(path))
    return path


def render_html(lines: list[str], path: Path, encoding: str = "utf-8") -> Path:
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>report</title></head><body>']
    for block in split_blocks(lines):
        if block.kind == "para":
            parts.append(f"<p>{html.escape(block.lines[0])}</p>")
            continue
        parts.append("<table>")
        for line in block.lines:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    path.write_text("\n".join(parts), encoding=encoding)
    return path
