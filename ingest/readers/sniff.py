"""Decide what a file is from its first bytes (content first), then from its extension."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ingest.readers.errors import ReaderError
from ingest.readers.zipguard import zip_member_names

Kind = Literal["txt", "md", "html", "docx", "xlsx", "pdf"]

_REFUSED_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy binary Word/Excel file (.doc/.xls); save as DOCX/XLSX"),
    (b"{\\rtf", "RTF document; save it as DOCX"),
    (b"\x89PNG\r\n\x1a\n", "PNG image: a picture has no text layer to read"),
    (b"\xff\xd8\xff", "JPEG image: a picture has no text layer to read"),
    (b"GIF8", "GIF image: a picture has no text layer to read"),
    (b"II*\x00", "TIFF image (scan): a picture has no text layer to read"),
    (b"MM\x00*", "TIFF image (scan): a picture has no text layer to read"),
    (b"Rar!", "RAR archive, not a report"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive, not a report"),
    (b"\x1f\x8b", "gzip archive, not a report"),
    (b"\x7fELF", "executable file, not a report"),
    (b"MZ", "Windows executable, not a report"),
]

_TEXT_EXT: dict[str, Kind] = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                              ".html": "html", ".htm": "html", ".xhtml": "html"}


def _looks_like_html(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    start = text.lstrip("\ufeff \t\r\n").lower()
    return start.startswith(("<!doctype html", "<html")) or (start.startswith("<?xml") and "<html" in start)


def detect_kind(path: Path, head: bytes) -> Kind:
    """The reader to use. ``head`` is the start of the file (a few KB)."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        names = set(zip_member_names(path))
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ReaderError("zip archive that is neither a DOCX nor an XLSX document")
    for magic, reason in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise ReaderError(reason)
    ext = path.suffix.lower()
    if ext == ".pdf":
        raise ReaderError("named .pdf but does not start with a PDF header: corrupt or not a PDF")
    if _looks_like_html(head):
        return "html"
    return _TEXT_EXT.get(ext, "txt")
