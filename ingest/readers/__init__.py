"""Readers turn a file into a ``Document`` (NFC lines with locators) or raise ``ReaderError``.

``read_document`` decides the format from the content (magic bytes) first and the extension second, so a DOCX
renamed ``.txt`` is still read as a DOCX, and a damaged or foreign file is rejected with a human reason.
"""

from __future__ import annotations

from pathlib import Path

from ingest.models import Document
from ingest.readers.errors import ReaderError
from ingest.readers.limits import MB, max_file_mb
from ingest.readers.sniff import detect_kind
from ingest.readers.text import check_is_text, decode_text
from ingest.textnorm import normalize_lines, normalize_text_lines

__all__ = ["ReaderError", "read_document"]

_OFFICE_EXT = {".docx", ".xlsx", ".docm", ".xlsm"}


def _document(path: Path, fmt: str, lines: list[dict]) -> Document:
    # one validation of the whole document (pydantic-core builds the Line objects: faster than one by one)
    return Document.model_validate({"path": str(path), "format": fmt, "lines": lines})


def _lines(rows: list[tuple[str, str | None, bool]]) -> list[dict]:
    texts = normalize_lines([text for text, _, _ in rows])
    return [{"no": i, "text": text, "locator": loc, "in_table": tab}
            for i, (text, (_, loc, tab)) in enumerate(zip(texts, rows, strict=True), start=1)]


def _read_text(path: Path, data: bytes, kind: str) -> Document:
    try:
        text, _encoding = decode_text(data)
        check_is_text(text)
    except ReaderError as exc:
        if path.suffix.lower() in _OFFICE_EXT:
            kind_name = path.suffix.lstrip(".").upper()
            raise ReaderError(f"corrupt {kind_name}: not a zip container ({exc})") from exc
        raise
    if kind == "html":
        from ingest.readers.html_reader import html_lines

        rows = html_lines(text)
        if not any(t.strip() for t, _, _ in rows):
            raise ReaderError("empty HTML document: no visible text")
        return _document(path, "html", _lines(rows))
    # txt / md: the file's physical 1-based line numbers (the gold cites them); nothing is merged or dropped.
    lines = [{"no": i, "text": t} for i, t in enumerate(normalize_text_lines(text), start=1)]
    return _document(path, "md" if kind == "md" else "txt", lines)


def read_document(path: Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(f"cannot read the file ({exc.strerror or exc})") from exc
    limit_mb = max_file_mb()
    if size > limit_mb * MB:
        raise ReaderError(
            f"file is {size / MB:.2f} MB, larger than the {limit_mb:g} MB limit (CCHC_MAX_FILE_MB)"
        )
    if size == 0:
        raise ReaderError("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(8192)
    kind = detect_kind(path, head)
    if kind == "docx":
        from ingest.readers.docx_reader import docx_lines

        rows = docx_lines(path)
    elif kind == "xlsx":
        from ingest.readers.xlsx_reader import xlsx_lines

        rows = xlsx_lines(path)
    elif kind == "pdf":
        from ingest.readers.pdf_reader import pdf_lines

        rows = pdf_lines(path)
    else:
        return _read_text(path, path.read_bytes(), kind)
    if not any(text.strip() for text, _, _ in rows):
        raise ReaderError(f"empty {kind.upper()} document: no text in it")
    return _document(path, kind, _lines(rows))
