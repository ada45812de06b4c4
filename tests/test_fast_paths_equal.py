"""The reader's and the metadata extractor's fast paths give exactly what the plain definitions give."""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from pathlib import Path

from ingest.meta.dates import is_valid_date
from ingest.meta.hints import find_all
from ingest.meta.lineindex import LineIndex
from ingest.models import Line
from ingest.readers.text import _CONTROL, _count_controls
from ingest.textnorm import _SUPERSCRIPT_DIGITS, normalize_line, normalize_lines, normalize_text_lines, split_lines
from tests.conftest import SEEDS

TRICKY_TEXTS = [
    "dòng một\r\ndòng hai\rdòng ba\n",
    unicodedata.normalize("NFD", "Kết quả giải quyết hồ sơ\nxã Đắk Ha\n\n"),
    "\u0301 mở đầu bằng dấu\n tổng\u00a0số 21.802\u200b hồ sơ[footnoteRef:3]",
    "văn bản<SUP>4</sup> và <sup> 12 </sup>¹² m² km³\nm\u200b² [foot\u200bnoteRef:7] <su\u00adp>5</sup>",
    "",
    "\n",
    "plain [1] <b>đậm</b> [FOOTNOTEREF:2]\r\n<Sup>3</sup>\u3000\u2009x",
]


def test_normalize_text_lines_equals_line_by_line() -> None:
    texts = list(TRICKY_TEXTS)
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        text = seed.read_text(encoding="utf-8")
        texts += [text, unicodedata.normalize("NFD", text)]
    for text in texts:
        expected = [normalize_line(x) for x in split_lines(text)]
        assert normalize_text_lines(text) == expected
        assert normalize_lines(split_lines(text)) == expected


def test_superscript_pattern_keeps_unit_exponents_only() -> None:
    plain = re.compile(r"(?<!m)[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
    for n in range(7):
        for chars in itertools.product("m²³a ", repeat=n):
            s = "".join(chars)
            assert _SUPERSCRIPT_DIGITS.sub("", s) == plain.sub("", s)
    assert _SUPERSCRIPT_DIGITS.sub("", "50 m² và ghi chú²³") == "50 m² và ghi chú"


def test_control_count_on_bytes_equals_regex_count() -> None:
    samples = ["", "abc\x00\x01\tdef\n\r\x0b\x0c\x7f\x80", "Việt\x1fNam\ud800\x08", "".join(map(chr, range(300)))]
    for s in samples:
        assert _count_controls(s) == len(_CONTROL.findall(s))


def test_line_index_spots_equal_find_all_per_line() -> None:
    texts = ["Quý I năm 2024 tháng 3", "", "không có", "năm năm nămnăm", "Giai đoạn 2021-2025, THÁNG 6"]
    lines = [Line(no=i, text=t) for i, t in enumerate(texts, start=1)]
    words = ("tháng", "quý", "năm", "giai")
    spots = LineIndex(lines).spots(words)
    assert spots is not None
    for i, text in enumerate(texts):
        assert spots.get(i, []) == find_all(text.lower(), words)


def test_is_valid_date_equals_calendar() -> None:
    for year in (2023, 2024, 1900, 2000):
        for month in range(-1, 15):
            for day in range(-1, 34):
                real = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
                assert is_valid_date(day, month, year) == real


# -- DOCX: the fast open checks the parts it does not read with the same parser, and declines when in doubt --

_XML_CASES = [b"<a/>", b"", b"<a>", b"<a></b>", b"<a:b/>", b'<a xmlns:a="u"><a:b/></a>', b"<a>&foo;</a>",
              b"<a xmlns:x=''/>", b"<x:a xmlns:x='u'><y:b/></x:a>", b"<a>\x01</a>", b"<a>\xff</a>", b"<a/><b/>",
              b"<a b='1' b='2'/>", b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', b"\xef\xbb\xbf<a/>",
              b"<a>" + b"x" * 10_000_001 + b"</a>", b"<a>" + b"<b>" * 300 + b"</b>" * 300 + b"</a>"]


def test_xml_check_accepts_only_what_python_docx_parses() -> None:
    from docx.oxml.parser import parse_xml

    from ingest.readers.docx_reader import _parses

    for blob in _XML_CASES:
        try:
            parse_xml(blob)
            parsed = True
        except Exception:
            parsed = False
        assert _parses(blob) == parsed, blob[:40]


def _with_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info.filename))
    return dst


def test_docx_with_a_damaged_side_part_is_rejected_as_python_docx_rejects_it(tmp_path: Path) -> None:
    import docx
    import pytest

    from ingest.readers import ReaderError, read_document
    from tests.docgen import render_docx

    good = render_docx(["BÁO CÁO", "Quý I năm 2024", "Tổng số hồ sơ: 12"], tmp_path / "good.docx")
    assert [ln.text for ln in read_document(good).lines][:2] == ["BÁO CÁO", "Quý I năm 2024"]
    for name, data in (("word/styles.xml", b"<w:styles><w:style></w:styles>"),
                       ("word/settings.xml", b"<w:settings/>")):  # (an undefined prefix: only a tree refuses it)
        bad = _with_member(good, tmp_path / f"bad_{name.replace('/', '_')}.docx", name, data)
        with pytest.raises(Exception) as expected:
            docx.Document(str(bad))
        with pytest.raises(ReaderError) as got:
            read_document(bad)
        assert f"{type(expected.value).__name__}: {expected.value}" in str(got.value)


def test_name_line_filter_keeps_every_line_with_the_name() -> None:
    from ingest.doclint import DocText, _name_line_indexes, _name_patterns
    from ingest.models import Document

    texts = ["UBND xã Đắk Ha báo cáo", "xã Đăk Hà, ĐẮC HA và Dak  Ha", "hành chính thành phố", "Đắk\tHa", "ha dak",
             "Tu Mơ Rông, TU MƠ RÔNG, Tu Mơ Rong", "Krông Nô / Krong No", "Đắk Mıl, ĐẮK MİL, Đắk Mil", "Kon Tum"]
    documents = [texts]
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        documents.append(seed.read_text(encoding="utf-8").split("\n"))
    for lines in documents:
        dt = DocText(Document(path="x.txt", format="txt", lines=[Line(no=i, text=t) for i, t in enumerate(lines, 1)]))
        text_lines, low_lines = dt.text.split("\n"), dt.lower.split("\n")
        for name in ("Đắk Ha", "Tu Mơ Rông", "Krông Nô", "Đắk Mil", "Kon Tum", "Đắk Nông"):
            patterns = _name_patterns(name)
            kept = set(_name_line_indexes(dt, patterns))
            # every line the anchor alone selected and the whole name matches is still read
            with_name = {i for i, t in enumerate(text_lines) if patterns.full.search(t)}
            anchored = {i for i in with_name if patterns.anchor is None or patterns.anchor.search(low_lines[i])}
            assert anchored <= kept, (name, sorted(anchored - kept))


def test_doc_text_and_line_index_offsets() -> None:
    from ingest.doclint import DocText
    from ingest.models import Document

    rows = [("tiêu đề", False), ("a\tb", True), ("dòng có\nngắt", False), ("", False), ("cuối", False)]
    lines = [Line(no=i, text=t, in_table=tab) for i, (t, tab) in enumerate(rows, start=1)]
    dt = DocText(Document(path="x.docx", format="docx", lines=lines))
    parts = ["" if tab else t.replace("\n", " ") for t, tab in rows]
    assert dt.text == "\n".join(parts)
    assert dt.starts == [sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))]
    assert dt.numbers == [1, 2, 3, 4, 5]
    index = LineIndex(lines)
    assert index.starts == [sum(len(t) + 1 for t, _ in rows[:i]) for i in range(len(rows))]
    assert not index.usable  # (a line break inside a line)
    assert LineIndex([]).starts == [] and DocText(Document(path="e.txt", format="txt", lines=[])).starts == []


def test_lazy_names_count_the_pass_first_then_earlier_adds() -> None:
    from ingest.meta.units import _LazyNames, _Names

    def fill() -> _Names:
        names = _Names()
        names.add("Đắk Mil", tier="huyện")
        names.add("Cư Jút", tier="huyện")
        return names

    eager = fill()
    eager.add("Cư Jút", 3)
    eager.add("ĐẮK MIL", 1)
    lazy = _LazyNames(fill)
    lazy.add("Cư Jút", 3)  # before the pass has run: counted after it
    lazy.add("ĐẮK MIL", 1)
    assert lazy.best() == eager.best() == "Cư Jút"
    assert lazy.score == eager.score and lazy.spellings == eager.spellings and lazy.tiers == eager.tiers
    assert lazy.has("Dak Mil") and lazy.tier_of("Đắk Mil", "xã") == "huyện"
    lazy.add("Gia Nghĩa")
    assert lazy.has("Gia Nghĩa")


def test_place_name_read_on_lower_case_text_matches_the_case_insensitive_pattern() -> None:
    from ingest.doclint import DocText, _name_patterns
    from ingest.models import Document

    texts = ["UBND HUYỆN ĐẮK NÔNG, Đăk Nông,đắk nông", "ĐẮC  HÀ\tĐak Ha x-Đắk Ha Đắk Hao", "KON TUM Kon\u212aTum",
             "Tu Mơ Rông TU MƠ RÔNG tu mơ rông1 _Tu Mơ Rông", "Krông Nô; KRÔNG NÔ.", "Đắk R'Lấp ĐẮK R'LẤP İı ſ"]
    documents = [texts]
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        documents.append(seed.read_text(encoding="utf-8").split("\n"))
    for lines in documents:
        dt = DocText(Document(path="x.txt", format="txt", lines=[Line(no=i, text=t) for i, t in enumerate(lines, 1)]))
        for name in ("Đắk Nông", "Đắk Ha", "Kon Tum", "Tu Mơ Rông", "Krông Nô", "Đắk R'Lấp"):
            patterns = _name_patterns(name)
            assert patterns.full_lower is not None
            on_text = [m.span() for m in patterns.full.finditer(dt.text)]
            assert [m.span() for m in patterns.full_lower.finditer(dt.lower)] == on_text
    assert _name_patterns("Đắk Mil").full_lower is None  # ("i": "ı" and "İ" fold to it only case-insensitively)
