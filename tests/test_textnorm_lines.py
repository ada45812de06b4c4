"""``normalize_lines`` (the readers' fast path) equals ``normalize_line`` applied line by line."""

from __future__ import annotations

import unicodedata

from ingest.textnorm import normalize_line, normalize_lines
from tests.conftest import SEEDS

TRICKY = [
    unicodedata.normalize("NFD", "Kết quả giải quyết hồ sơ của UBND xã Đắk Ha"),
    "\u0301 a combining mark opening a line",
    "tổng\u00a0số 21.802\u200b hồ sơ[footnoteRef:3] và <SUP>4</sup> văn bản¹²",
    "diện tích 50 m² và 3 km³",
    "",
    "dòng có\nngắt bên trong",
    "plain line [1] <b>đậm</b> [FOOTNOTEREF:2] <Sup>3</sup>",
]


def test_normalize_lines_equals_line_by_line() -> None:
    assert normalize_lines(TRICKY) == [normalize_line(x) for x in TRICKY]
    without_break = [x for x in TRICKY if "\n" not in x]
    got = normalize_lines(without_break)
    assert got == [normalize_line(x) for x in without_break]
    assert got[2] == "tổng số 21.802 hồ sơ và  văn bản"
    assert normalize_lines([]) == []


def test_normalize_lines_on_seed_text() -> None:
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        lines = seed.read_text(encoding="utf-8").split("\n")
        decomposed = [unicodedata.normalize("NFD", x) for x in lines]
        assert normalize_lines(lines) == [normalize_line(x) for x in lines]
        assert normalize_lines(decomposed) == [normalize_line(x) for x in decomposed]
