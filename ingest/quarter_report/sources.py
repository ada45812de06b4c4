"""One HTML page per source report (DIR/sources/<report_id>.html), one anchor per line (#L45).

The text is read again with the project's reader from raw.files.file_path, so the line numbers are the ones
the extractor and the gate cite. A file that has left the inbox (or no longer reads) gets a page saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from ingest.quarter_report.queries import SourceFile
from ingest.readers import ReaderError, read_document

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


class SourceLine(BaseModel):
    no: int
    text: str
    locator: str | None = None


class SourcePage(BaseModel):
    report_id: str
    file_name: str
    file_path: str | None
    href: str  # relative to the report's index.html
    lines: list[SourceLine]
    problem_vi: str | None = None
    problem_en: str | None = None


def source_href(report_id: str) -> str:
    if not _SAFE_ID.match(report_id) or report_id.startswith("."):
        report_id = re.sub(r"[^A-Za-z0-9_-]", "_", report_id)[:128]
    return f"sources/{report_id}.html"


def read_source(src: SourceFile) -> SourcePage:
    page = SourcePage(report_id=src.report_id, file_name=src.file_name, file_path=src.file_path,
                      href=source_href(src.report_id), lines=[])
    path = Path(src.file_path) if src.file_path else None
    if path is None or not path.is_file():
        page.problem_vi = "Tệp không còn trong hộp thư đến (inbox)."
        page.problem_en = "The file is no longer in the inbox."
        return page
    try:
        doc = read_document(path)
    except ReaderError as exc:
        page.problem_vi = "Không đọc được tệp."
        page.problem_en = f"The file can no longer be read: {exc}"
        return page
    page.lines = [SourceLine(no=line.no, text=line.text, locator=line.locator) for line in doc.lines]
    return page
