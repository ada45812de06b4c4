"""The DOCX reader walks the body XML itself: it must give exactly the text python-docx's objects give."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.docx_reader import _cell_text, docx_lines


def _python_docx_lines(path: Path) -> list[tuple[str, str | None, bool]]:
    """The reference reading through python-docx's proxies (paragraph.text, row.cells, cell.paragraphs)."""
    import docx
    from docx.table import Table

    out: list[tuple[str, str | None, bool]] = []
    paragraphs = tables = 0
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for r, row in enumerate(block.rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_cell_text(cell))
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    out.append(("\t".join(cells), f"t{tables}.r{r}", True))
        else:
            paragraphs += 1
            out.append((block.text.replace("\n", " "), f"p{paragraphs}", False))
    return out


def _rich_docx(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    document = docx.Document()
    p = document.add_paragraph("Tiếp nhận ")
    p.add_run("1.234").bold = True
    p.add_run(" hồ sơ\tđúng hạn")
    run = p.add_run("dòng hai")
    run.add_break()  # a line break
    run.add_text("sau ngắt")
    run.add_break(WD_BREAK.PAGE)  # a page break has no text
    run._r.append(OxmlElement("w:noBreakHyphen"))
    run._r.append(OxmlElement("w:cr"))
    run.add_text("cuối")
    link = OxmlElement("w:hyperlink")
    inner = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = " liên kết 12"
    inner.append(t)
    link.append(inner)
    p._p.append(link)
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Gộp ngang"
    table.cell(0, 2).text = "  nhiều   khoảng  trắng "
    table.cell(1, 0).text = "Hàng 2"
    table.cell(1, 1).add_paragraph("đoạn thứ hai")
    table.cell(1, 2).text = ""
    document.add_paragraph("Giữa hai bảng")
    vertical = document.add_table(rows=3, cols=2)
    vertical.cell(0, 0).merge(vertical.cell(2, 0)).text = "Gộp dọc"
    for r in range(3):
        vertical.cell(r, 1).text = str(10 * (r + 1))
    document.add_paragraph("Nơi nhận:")
    document.save(str(path))
    return path


def test_fast_reader_equals_python_docx_objects(tmp_path: Path) -> None:
    path = _rich_docx(tmp_path / "rich.docx")
    fast = docx_lines(path)
    assert fast == _python_docx_lines(path)
    texts = [t for t, _, _ in fast]
    assert "Gộp dọc\t20" in texts and "Gộp dọc\t30" in texts  # vertical merge repeats the merged cell
    assert any("sau ngắt-" in t and "liên kết 12" in t for t in texts)


def test_fast_reader_equals_python_docx_on_rendered_seeds(tmp_path: Path) -> None:
    from tests.conftest import SEEDS
    from tests.docgen import render_docx

    seeds = sorted(SEEDS.glob("*.txt"))[:2] if SEEDS.is_dir() else []
    lines = ["Báo cáo", "STT\tChỉ tiêu\tSố liệu", "1\tHồ sơ\t21.802", "Tổng số 5 hồ sơ"]
    inputs = [lines] + [s.read_text(encoding="utf-8").split("\n") for s in seeds]
    for i, text in enumerate(inputs):
        path = render_docx(text, tmp_path / f"d{i}.docx")
        assert docx_lines(path) == _python_docx_lines(path)
