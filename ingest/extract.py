"""One file in, one ``ExtractionResult`` out: read, normalise, metadata (+ document lint), facts. Never raises
for bad input."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from ingest.doclint import lint_document
from ingest.facts import extract_facts
from ingest.metadata import extract_metadata
from ingest.models import ExtractionResult
from ingest.readers import ReaderError, read_document

log = logging.getLogger(__name__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(path: Path) -> ExtractionResult:
    path = Path(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return ExtractionResult(file=path.name, sha256="", status="rejected", error=f"{path.name}: {exc}")
    try:
        doc = read_document(path)
        meta, issues = extract_metadata(doc)
        issues = issues + lint_document(doc, meta, issues)
        facts = extract_facts(doc, meta)
    except ReaderError as exc:
        log.warning("rejected %s: %s", path.name, exc)
        return ExtractionResult(file=path.name, sha256=sha, status="rejected", error=f"{path.name}: {exc}")
    except Exception as exc:  # a bug on one file must not stop the batch; say so loudly
        log.exception("extractor failed on %s", path.name)
        return ExtractionResult(
            file=path.name, sha256=sha, status="rejected",
            error=f"{path.name}: extractor error {type(exc).__name__}: {exc}",
        )
    return ExtractionResult(file=path.name, sha256=sha, status="ok", report=meta, facts=facts, issues=issues)
