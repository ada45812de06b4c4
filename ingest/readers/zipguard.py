"""Open a DOCX/XLSX container safely: a bad zip or a zip bomb is rejected before any XML is parsed."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.readers.errors import ReaderError
from ingest.readers.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_ZIP_MEMBERS,
    MB,
    MIN_RATIO_CHECK_BYTES,
    max_unzipped_bytes,
)


def zip_member_names(path: Path) -> list[str]:
    """Names inside the container after the safety checks; raises ReaderError for a bad zip or a zip bomb."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ReaderError(f"corrupt Office file: not a readable zip container ({exc})") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ReaderError(f"zip container has {len(infos)} members (limit {MAX_ZIP_MEMBERS}): refusing it")
    limit = max_unzipped_bytes()
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise ReaderError(
            f"zip container would unpack to {total / MB:.1f} MB (limit {limit / MB:g} MB): possible zip bomb"
        )
    for info in infos:
        if info.file_size < MIN_RATIO_CHECK_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise ReaderError(
                f"zip member {info.filename} expands {ratio:.0f}x (limit {MAX_COMPRESSION_RATIO}x): "
                "possible zip bomb"
            )
    return [info.filename for info in infos]
