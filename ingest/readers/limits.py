"""Size limits checked before a file or a container member is opened (configurable by environment)."""

from __future__ import annotations

import os

from ingest.readers.errors import ReaderError

MB = 1024 * 1024


def _env_mb(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ReaderError(f"setting {name}={raw!r} is not a number of megabytes") from exc
    return value


def max_file_mb() -> float:
    """Largest input file accepted, in MB (CCHC_MAX_FILE_MB, default 50)."""
    return _env_mb("CCHC_MAX_FILE_MB", 50)


def max_unzipped_bytes() -> int:
    """Largest total uncompressed size of a DOCX/XLSX container (CCHC_MAX_UNZIPPED_MB, default 300 MB)."""
    return int(_env_mb("CCHC_MAX_UNZIPPED_MB", 300) * MB)


# A member this much larger than its compressed form is treated as a zip bomb (real Office XML stays far
# below: typically 5-30x); members under MIN_RATIO_CHECK_BYTES are too small to matter.
MAX_COMPRESSION_RATIO = 200
MIN_RATIO_CHECK_BYTES = 2 * MB
MAX_ZIP_MEMBERS = 10_000
