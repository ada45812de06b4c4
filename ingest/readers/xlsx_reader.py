"""XLSX: each non-empty row of each sheet is one tab-joined line (openpyxl, read-only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.readers.errors import ReaderError


def format_cell(value: object, number_format: str | None = None) -> str:
    """A cell as a report would print it: decimal comma, no thousands grouping, dd/mm/yyyy dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        number = float(value)
        if number_format and "%" in number_format:
            number *= 100
        if number.is_integer():
            text = str(int(number))
        else:
            text = f"{number:.10f}".rstrip("0").rstrip(".").replace(".", ",")
        return text + ("%" if number_format and "%" in number_format else "")
    return " ".join(str(value).split())


def xlsx_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """(text, locator 'Sheet!A7', in_table=True) for each row with at least one non-empty cell."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for damaged packages
        raise ReaderError(f"corrupt XLSX: cannot open the workbook ({type(exc).__name__}: {exc})") from exc
    out: list[tuple[str, str | None, bool]] = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                cells = [format_cell(getattr(c, "value", None), getattr(c, "number_format", None))
                         for c in row]
                while cells and not cells[-1]:
                    cells.pop()
                if not any(cells):
                    continue
                row_no = next((c.row for c in row if getattr(c, "row", None)), None)
                out.append(("\t".join(cells), f"{sheet.title}!A{row_no}", True))
    except Exception as exc:
        raise ReaderError(f"corrupt XLSX: cannot read the sheets ({type(exc).__name__}: {exc})") from exc
    finally:
        workbook.close()
    return out
