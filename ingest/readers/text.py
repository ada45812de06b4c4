"""Plain text and Markdown: decode the bytes, keep the file's physical line numbers."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from ingest.readers.errors import ReaderError

_BOMS: list[tuple[bytes, str]] = [
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Letters and combining tone marks that only Vietnamese text uses in such density.
_VIET_CHARS = set("ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 each is one byte, and no other character's encoding contains one.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _vietnamese_share(text: str) -> float:
    decomposed = unicodedata.normalize("NFD", text)
    letters = sum(ch.isalpha() for ch in decomposed) or 1
    return sum(ch in _VIET_CHARS for ch in decomposed) / letters


def _try_cp1258(data: bytes) -> str | None:
    """Vietnamese Windows code page: accepted when the decoded text reads as Vietnamese."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    return text if _vietnamese_share(text) >= 0.03 else None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises ReaderError for binary data or text in no recognisable encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError as exc:
                raise ReaderError(
                    f"undecodable text: starts with a {encoding} byte-order mark but {exc.reason} "
                    f"at byte {exc.start}"
                ) from exc
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise ReaderError("binary data, not text and not a known document container (DOCX, XLSX, PDF)")
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise ReaderError("binary data, not text and not a known document container") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _try_cp1258(data)
    if text is not None:
        return text, "cp1258"
    best = from_bytes(data).best()
    if best is None:
        raise ReaderError(
            "undecodable text: not UTF-8, UTF-16, Windows-1258 or any encoding charset-normalizer recognises"
        )
    return str(best), best.encoding


def _count_controls(text: str) -> int:
    """``len(_CONTROL.findall(text))``, counted on the UTF-8 bytes (deleting bytes is many times faster than a
    regex scan of the characters)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def check_is_text(text: str) -> None:
    """Reject decoded 'text' that is really binary junk (many control characters)."""
    if not text.strip():
        raise ReaderError("empty file: only whitespace")
    controls = _count_controls(text[:200_000])
    if controls > max(5, 0.01 * min(len(text), 200_000)):
        raise ReaderError("binary data, not text: too many control characters for a report")
