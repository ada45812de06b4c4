"""A cache of extraction results keyed by the file's sha256 and the extractor's own code.

A flat inbox is read by every quarter's run (each report's period decides its quarter), so a backfill of N
quarters would extract every file N times. The cache key includes a fingerprint of the extractor's code and of
the indicator catalogue: any change to either gives new keys, so a cached result is always what the current
extractor would print.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

from ingest.catalog import CATALOG_CSV
from ingest.extract import extract_file, file_sha256
from ingest.models import ExtractionResult
from ingest.warehouse import home_dir

log = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def extractor_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in [*sorted(PACKAGE_DIR.rglob("*.py")), CATALOG_CSV]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return home_dir() / "cache" / "extract" / extractor_fingerprint()


def extract_cached(path: Path) -> ExtractionResult:
    """``extract_file(path)``, or the stored result for the same bytes and the same extractor."""
    try:
        sha = file_sha256(path)
    except OSError:
        return extract_file(path)  # says why, naming the file
    entry = cache_dir() / f"{sha}.json"
    if entry.exists():
        try:
            result = ExtractionResult.model_validate_json(entry.read_text(encoding="utf-8"))
            return result.model_copy(update={"file": path.name})
        except ValueError:
            log.warning("ignoring an unreadable cache entry %s", entry)
    result = extract_file(path)
    if result.sha256 == sha:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(".tmp")
        tmp.write_text(result.model_dump_json(by_alias=True), encoding="utf-8")
        tmp.replace(entry)
    return result
