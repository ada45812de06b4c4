"""Readers: each format built at test time, each rejection reason, a DOCX/XLSX/HTML round trip of seeds."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ingest.readers import ReaderError, read_document
from ingest.textnorm import normalize_line
from tests.conftest import seed_file
from tests.docgen import comparable_lines, render_docx, render_html, render_xlsx

VI = "Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2024 của UBND xã Đắk Ha"


def _texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.text for line in doc.lines]


# --- plain text -----------------------------------------------------------------------------------------


def test_txt_keeps_physical_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("dòng một\r\n\r\n\tô\tbảng\r\ndòng bốn".encode())
    doc = read_document(path)
    assert doc.format == "txt"
    assert [(line.no, line.text) for line in doc.lines] == [
        (1, "dòng một"), (2, ""), (3, "\tô\tbảng"), (4, "dòng bốn")]


def test_md_format_and_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# BÁO CÁO\n\n**Quý III năm 2022**\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "md"
    assert _texts(doc) == ["# BÁO CÁO", "", "**Quý III năm 2022**"]


def test_nfd_and_mixed_normalisation_become_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    path = tmp_path / "mixed.txt"
    path.write_text(f"{nfd}\n{VI}\n", encoding="utf-8")
    doc = read_document(path)
    assert _texts(doc) == [VI, VI]


def test_normalisation_of_spaces_invisibles_and_footnote_marks() -> None:
    raw = "tổng\u00a0số\u200b 21.802 hồ sơ[footnoteRef:7]. văn bản<sup>1</sup> để ¹ diện tích 50 m²\u00ad"
    assert normalize_line(raw) == "tổng số 21.802 hồ sơ. văn bản để  diện tích 50 m²"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258_form(text: str) -> str:
    """Vowels with circumflex/breve/horn precomposed, tone marks as separate combining characters."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "cp1258"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    text = f"{VI}\nTỷ lệ đúng hạn 74,9%\n"
    if encoding == "cp1258":
        # cp1258 writes tone marks as combining characters; the reader must still give NFC text.
        data = _cp1258_form(text).encode("cp1258")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    else:
        data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / f"r-{encoding}.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert _texts(doc) == [VI, "Tỷ lệ đúng hạn 74,9%"]
    assert all(unicodedata.is_normalized("NFC", t) for t in _texts(doc))


def test_html_blocks_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
        "<h1>BÁO CÁO</h1><p>Tiếp nhận&nbsp;661 hồ sơ<sup>2</sup></p>"
        "<table><tr><th>STT</th><th>Chỉ tiêu</th><th>Số liệu</th></tr>"
        "<tr><td>1</td><td>Hồ sơ <b>trực tuyến</b></td><td>620</td></tr></table>"
        "<p>Hết</p></body></html>", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert _texts(doc) == ["BÁO CÁO", "Tiếp nhận 661 hồ sơ", "STT\tChỉ tiêu\tSố liệu",
                           "1\tHồ sơ trực tuyến\t620", "Hết"]
    assert [line.in_table for line in doc.lines] == [False, False, True, True, False]
    assert doc.lines[3].locator == "t1.r2"


# --- DOCX / XLSX ----------------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph(unicodedata.normalize("NFD", VI))
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["STT", "Chỉ tiêu", "Số liệu"], ["1", "Tổng số hồ sơ", "21.802"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Gộp"
    merged.cell(0, 2).text = "5"
    document.add_paragraph("Nơi nhận:")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path / "r.docx"))
    assert doc.format == "docx"
    assert _texts(doc) == ["BÁO CÁO", VI, "STT\tChỉ tiêu\tSố liệu", "1\tTổng số hồ sơ\t21.802", "Gộp\t5",
                           "Nơi nhận:"]
    assert [line.locator for line in doc.lines] == ["p1", "p2", "t1.r1", "t1.r2", "t2.r1", "p3"]
    assert [line.in_table for line in doc.lines] == [False, False, True, True, True, False]
    assert [line.no for line in doc.lines] == list(range(1, 7))


def test_docx_renamed_txt_is_read_by_content(tmp_path: Path) -> None:
    path = _docx(tmp_path / "r.docx").rename(tmp_path / "renamed.txt")
    doc = read_document(path)
    assert doc.format == "docx"
    assert "STT\tChỉ tiêu\tSố liệu" in _texts(doc)


def test_xlsx_rows_as_tab_joined_lines(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 1"
    ws.append(["STT", "Chỉ tiêu", "Số liệu", "Tỷ lệ"])
    ws.append([])
    ws.append([1, unicodedata.normalize("NFD", "Hồ sơ tiếp nhận"), 21802, 0.945])
    ws["D3"].number_format = "0.0%"
    ws.append([2, "Tỷ lệ đúng hạn", 74.9])
    path = tmp_path / "r.xlsx"
    wb.save(str(path))
    doc = read_document(path)
    assert doc.format == "xlsx"
    assert _texts(doc) == ["STT\tChỉ tiêu\tSố liệu\tTỷ lệ", "1\tHồ sơ tiếp nhận\t21802\t94,5%",
                           "2\tTỷ lệ đúng hạn\t74,9"]
    assert [line.locator for line in doc.lines] == ["Biểu 1!A1", "Biểu 1!A3", "Biểu 1!A4"]
    assert all(line.in_table for line in doc.lines)


# --- PDF ------------------------------------------------------------------------------------------------


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF; with lines it has a Helvetica text layer, without it is a blank 'scan'."""
    ops = ["BT /F1 12 Tf 72 720 Td 14 TL"] + [f"({t}) Tj T*" for t in lines] + ["ET"] if lines else []
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(_pdf(["BAO CAO cai cach hanh chinh", "Tiep nhan 661 ho so"]))
    doc = read_document(path)
    assert doc.format == "pdf"
    assert _texts(doc) == ["BAO CAO cai cach hanh chinh", "Tiep nhan 661 ho so"]
    assert doc.lines[0].locator == "page 1"


def test_scanned_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([]))
    with pytest.raises(ReaderError, match="scanned PDF"):
        read_document(path)


# --- rejections -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\r\n  \n", "empty file"),
    ("junk.txt", bytes(range(256)) * 8, "binary data"),
    ("junk.bin", b"\x01\x02\x03\x04\x05\x06abc\x07\x08" * 50, "binary data"),
    ("bad.docx", b"PK\x03\x04" + b"\x00garbage" * 40, "corrupt Office file"),
    ("fake.docx", b"\x00\x01\x02 not a zip \x03" * 20, "corrupt DOCX"),
    ("bad-bom.txt", b"\xef\xbb\xbf\xff\xfe\xfd invalid", "undecodable text"),
    ("odd.txt", b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00", "undecodable text"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy binary"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "no text layer"),
    ("broken.pdf", b"%PDF-1.4\n%%garbage only\n", "PDF"),
])
def test_rejections_have_clear_reasons(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReaderError, match=reason):
        read_document(path)


def test_zip_that_is_no_office_document(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ReaderError, match="neither a DOCX nor an XLSX"):
        read_document(path)


def test_zip_bomb_rejected_before_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))  # 8 MB of zeros, ~8 KB compressed
    assert path.stat().st_size < 100_000
    with pytest.raises(ReaderError, match=r"expands .*zip bomb"):
        read_document(path)
    monkeypatch.setenv("CCHC_MAX_UNZIPPED_MB", "1")
    with pytest.raises(ReaderError, match=r"unpack to 8\.0 MB .*zip bomb"):
        read_document(path)


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Báo cáo\n" * 2000, encoding="utf-8")
    assert read_document(path).lines[0].text == "Báo cáo"
    monkeypatch.setenv("CCHC_MAX_FILE_MB", "0.01")
    with pytest.raises(ReaderError, match=r"larger than the 0\.01 MB limit"):
        read_document(path)


def test_extract_prefixes_file_name_on_rejection(tmp_path: Path) -> None:
    from ingest.extract import extract_file

    path = tmp_path / "trong.txt"
    path.write_bytes(b"   \n")
    result = extract_file(path)
    assert result.status == "rejected"
    assert result.error is not None and result.error.startswith("trong.txt: empty file")


# --- round trip of real seeds ---------------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    return seed_file(prefix)


@pytest.mark.parametrize("prefix", ["000", "002"])
@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_seed_round_trip(tmp_path: Path, prefix: str, fmt: str) -> None:
    seed = read_document(_seed(prefix))
    raw_lines = _seed(prefix).read_text(encoding="utf-8").split("\n")
    render = {"docx": render_docx, "xlsx": render_xlsx, "html": render_html}[fmt]
    rendered = read_document(render(raw_lines, tmp_path / f"seed.{fmt}"))
    assert rendered.format == fmt
    want = comparable_lines(_texts(seed))
    got = comparable_lines(_texts(rendered))
    assert len(want) > 100
    assert got == want
    if fmt == "docx":
        table_rows = [line for line in rendered.lines if line.in_table]
        assert table_rows and all(line.locator.startswith("t") for line in table_rows)  # type: ignore[union-attr]
