"""The literal prefilter of sentence patterns never skips a pattern that would match."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.facts.layout import split_layout
from ingest.facts.narrative import RULES
from ingest.facts.rule import expand, may_match, required_literals
from ingest.readers import read_document
from tests.conftest import SEEDS

REPO = Path(__file__).resolve().parents[1]


def test_required_literals_of_hand_written_patterns() -> None:
    req = required_literals(re.compile(expand("tiếp nhận {N} {HS}")))
    assert ("tiếp",) in req and ("nhận",) in req
    assert required_literals(re.compile(expand("(?:tỷ|tỉ) đồng"))) == (("đồng",), ("tỉ", "tỷ"))
    assert required_literals(re.compile(expand(r"(?:quá|trễ) hạn (?P<v>\d+)"))) == (("hạn",), ("quá", "trễ"))
    assert required_literals(re.compile(r"(?:giải quyết )?(?P<v>\d+)")) == ()  # only optional text
    assert required_literals(re.compile(r"(?i)tiếp nhận \d+")) == ()  # case-insensitive: nothing required
    assert required_literals(re.compile(r"(?:a+b|c)(?P<v>\d)%")) == (("%",),)
    assert not may_match((("tiếp",), ("nhận",)), "đã tiếp 5 hồ sơ")
    assert may_match((("tiếp",), ("nhận", "nhập")), "đã tiếp nhập 5 hồ sơ")
    assert may_match((), "anything")


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    paths += sorted((REPO / "benchmarks" / "heldout" / "reports").glob("*.txt"))
    paths += sorted((REPO / "demo" / "inbox").rglob("*.txt"))
    texts = []
    for path in paths:
        layout = split_layout(read_document(path))
        texts += [p.span.folded for p in layout.paragraphs]
        texts += [c.folded for row in layout.rows for c in row.cells]
    return [t for t in texts if any(ch.isdigit() for ch in t) or "không" in t or "chưa" in t]


def test_prefilter_never_skips_a_matching_pattern() -> None:
    texts = _texts()
    assert texts
    checked = 0
    for rule in RULES:
        req = required_literals(rule.rx)
        for text in texts:
            if not may_match(req, text):
                assert rule.rx.search(text) is None, (rule.code, rule.rx.pattern, req)
                checked += 1
    assert checked > 0
