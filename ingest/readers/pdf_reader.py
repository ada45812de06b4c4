"""PDF with a text layer (pdfplumber); a scan without text is rejected."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.errors import ReaderError

# Fewer visible characters than this over the whole file means there is no usable text layer.
MIN_TEXT_CHARS = 20


def pdf_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """(text, locator 'page N', False) for each text line of each page."""
    import pdfplumber

    out: list[tuple[str, str | None, bool]] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                for line in text.split("\n"):
                    out.append((line, f"page {number}", False))
    except ReaderError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise ReaderError(f"corrupt PDF: cannot parse it ({type(exc).__name__}: {exc})") from exc
    visible = sum(len(t.strip()) for t, _, _ in out)
    if visible < MIN_TEXT_CHARS:
        raise ReaderError(
            f"scanned PDF without a text layer ({pages} page(s), {visible} characters of text): run OCR first"
        )
    return out
