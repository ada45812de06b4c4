"""Readers turn a file into a ``Document`` (NFC lines with locators) or raise ``ReaderError``."""

from __future__ import annotations

from pathlib import Path

from ingest.models import Document, Line
from ingest.textnorm import normalize_text


class ReaderError(Exception):
    """The file cannot be read as a report; the message is the reason shown to people."""


def read_document(path: Path) -> Document:
    data = path.read_bytes()
    if not data.strip():
        raise ReaderError("empty file")
    text = normalize_text(data.decode("utf-8"))
    lines = [Line(no=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(path=str(path), format="txt", lines=lines)
