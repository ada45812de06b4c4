"""The extraction cache returns what the extractor prints, keyed by content and extractor code."""

from __future__ import annotations

import shutil

from ingest.extract import extract_file
from ingest.extract_cache import cache_dir, extract_cached, extractor_fingerprint
from tests.conftest import REPO


def test_cached_result_equals_a_fresh_extraction(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_HOME", str(tmp_path / "home"))
    src = REPO / "demo" / "inbox" / "2024Q1" / "huyen_krong_mo_q1.txt"
    first = extract_cached(src)
    entries = list(cache_dir().glob("*.json"))
    assert [e.stem for e in entries] == [first.sha256]
    assert extract_cached(src) == first == extract_file(src)
    # the same bytes under another name: the cached facts, the new name
    renamed = tmp_path / "resubmitted_copy.txt"
    shutil.copy(src, renamed)
    again = extract_cached(renamed)
    assert again.file == "resubmitted_copy.txt" and again.facts == first.facts
    assert len(extractor_fingerprint()) == 16


def test_rejected_files_are_cached_with_their_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_HOME", str(tmp_path / "home"))
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 cut off")
    first = extract_cached(junk)
    assert first.status == "rejected" and "junk.docx" in first.error
    assert extract_cached(junk) == first
