"""Write the demo inbox: synthetic CCHC reports of the fictional province of Ngọc Sơn, two quarters of 2024.

The figures live in FIGURES below (the truth the warehouse should show); the texts are written for this
project in the style of real district, commune and provincial reports: DOCX with a statistical table, TXT,
and an XLSX statistical form. One unit (UBND xã Cư Pang) never reports, one figure is deliberately
inconsistent (Krông Mơ's H1 on-time rate), and one file is corrupt, so the gate and the quarantine have
something to show.

    .venv/bin/python tools/make_demo_inbox.py [OUT_DIR]      # default: demo/inbox
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "demo" / "inbox"

# unit -> period -> figures. Q1 = "Quý I năm 2024" (15/12/2023-14/3/2024); H1 = "6 tháng đầu năm 2024".
FIGURES: dict[str, dict[str, dict[str, float]]] = {
    "UBND huyện Ea Lâm": {
        "Q1": dict(plan_total=32, plan_done=9, directives=14, new=5412, online=3105, resolved=5236, early=3980,
                   on_time=1190, late=66, in_progress=176, cs_quota=118, cs_actual=109, pe_quota=1204,
                   pe_actual=1150, inv_plan=312.5, inv_disbursed=41.2, edoc=98.0),
        "H1": dict(plan_total=32, plan_done=19, directives=27, new=11230, online=6690, resolved=10915,
                   early=8120, on_time=2610, late=185, in_progress=315, cs_quota=118, cs_actual=111,
                   pe_quota=1204, pe_actual=1163, inv_plan=312.5, inv_disbursed=128.9, edoc=98.5),
    },
    "UBND huyện Krông Mơ": {
        "Q1": dict(plan_total=28, plan_done=7, directives=9, new=3120, online=1410, resolved=3002, early=2210,
                   on_time=741, late=51, in_progress=118, cs_quota=96, cs_actual=90, pe_quota=980,
                   pe_actual=941, inv_plan=205.0, inv_disbursed=22.6, edoc=96.0),
        "H1": dict(plan_total=28, plan_done=15, directives=18, new=6480, online=3050, resolved=6301,
                   early=4690, on_time=1488, late=123, in_progress=179, cs_quota=96, cs_actual=92,
                   pe_quota=980, pe_actual=950, inv_plan=205.0, inv_disbursed=91.7, edoc=97.0),
    },
    "UBND xã Ea Tiêu": {
        "Q1": dict(new=412, online=205, resolved=398, early=301, on_time=95, late=2, in_progress=14,
                   cs_quota=21, cs_actual=20, edoc=95.0),
        "H1": dict(new=861, online=440, resolved=840, early=640, on_time=196, late=4, in_progress=21,
                   cs_quota=21, cs_actual=21, edoc=96.0),
    },
    "Sở Nội vụ tỉnh Ngọc Sơn": {
        "Q1": dict(plan_total=40, plan_done=12, directives=11, new=214, online=201, resolved=209, early=150,
                   on_time=59, late=0, in_progress=5, cs_quota=64, cs_actual=61, edoc=100.0),
        "H1": dict(plan_total=40, plan_done=25, directives=20, new=455, online=431, resolved=447, early=322,
                   on_time=125, late=0, in_progress=8, cs_quota=64, cs_actual=62, edoc=100.0),
    },
    "Văn phòng UBND tỉnh Ngọc Sơn": {
        "Q2": dict(new=9840, online=8120, resolved=9702, early=7013, on_time=2661, late=28, in_progress=138),
    },
}

PLACE = {
    "UBND huyện Ea Lâm": ("ỦY BAN NHÂN DÂN\nHUYỆN EA LÂM", "Ea Lâm", "Ủy ban nhân dân huyện Ea Lâm, tỉnh Ngọc Sơn"),
    "UBND huyện Krông Mơ": ("ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG MƠ", "Krông Mơ",
                            "Ủy ban nhân dân huyện Krông Mơ, tỉnh Ngọc Sơn"),
    "UBND xã Ea Tiêu": ("UBND HUYỆN EA LÂM\nỦY BAN NHÂN DÂN XÃ EA TIÊU", "Ea Tiêu",
                        "Ủy ban nhân dân xã Ea Tiêu, huyện Ea Lâm, tỉnh Ngọc Sơn"),
    "Sở Nội vụ tỉnh Ngọc Sơn": ("UBND TỈNH NGỌC SƠN\nSỞ NỘI VỤ", "Ngọc Sơn", "Sở Nội vụ tỉnh Ngọc Sơn"),
    "Văn phòng UBND tỉnh Ngọc Sơn": ("UBND TỈNH NGỌC SƠN\nVĂN PHÒNG", "Ngọc Sơn",
                                     "Văn phòng UBND tỉnh Ngọc Sơn"),
}
PERIOD = {
    "Q1": ("Quý I năm 2024", "từ ngày 15/12/2023 đến ngày 14/3/2024", "ngày 18 tháng 3 năm 2024", "2024Q1"),
    "H1": ("6 tháng đầu năm 2024", "từ ngày 15/12/2023 đến ngày 14/6/2024", "ngày 19 tháng 6 năm 2024", "2024Q2"),
    "Q2": ("Quý II năm 2024", "từ ngày 15/3/2024 đến ngày 14/6/2024", "ngày 20 tháng 6 năm 2024", "2024Q2"),
}


def ascii_slug(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "_".join(w for w in plain.split() if w not in ("ubnd", "tinh"))


def vn(x: float, decimals: int | None = None) -> str:
    """Vietnamese number format: '.' groups thousands, ',' is the decimal mark."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    text = f"{x:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def pct(a: float, b: float) -> str:
    return vn(round(100 * a / b, 1), 1)


def narrative(unit: str, period: str | tuple[str, str, str, str], f: dict[str, float],
              place: tuple[str, str, str] | None = None) -> list[str]:
    """The report's lines; ``period`` is a key of PERIOD or a (label, window, signing date, quarter) tuple,
    ``place`` the (letterhead, place name, long name) of a unit not in PLACE."""
    header, place_name, long_name = place or PLACE[unit]
    label, window, signed, _ = PERIOD[period] if isinstance(period, str) else period
    year = label.rsplit(" ", 1)[-1]
    is_commune = "xã" in unit
    lines = [*header.split("\n"), "Số: ...../BC-UBND", f"{place_name}, {signed}", "", "BÁO CÁO",
             f"Kết quả thực hiện công tác cải cách hành chính {label}", f"(Số liệu tính {window})", "",
             f"{long_name} báo cáo kết quả công tác cải cách hành chính {label} như sau:", "",
             "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]
    if "plan_total" in f:
        lines.append(
            f"Kế hoạch cải cách hành chính năm {year} gồm {vn(f['plan_total'])} nhiệm vụ; đến thời điểm báo cáo "
            f"đã hoàn thành {vn(f['plan_done'])}/{vn(f['plan_total'])} nhiệm vụ, đạt "
            f"{pct(f['plan_done'], f['plan_total'])}% kế hoạch."
        )
    if "directives" in f:
        lines.append(f"Trong kỳ đã ban hành {vn(f['directives'])} văn bản chỉ đạo, điều hành công tác CCHC.")
    lines += ["", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]
    on_time_rate = pct(f["early"] + f["on_time"], f["resolved"])
    if unit == "UBND huyện Krông Mơ" and period == "H1":
        on_time_rate = "99,6"  # deliberately inconsistent with the counts: the gate must flag it (H2)
    where = "Bộ phận Một cửa" if is_commune else "Bộ phận Một cửa các cấp"
    if unit == "Văn phòng UBND tỉnh Ngọc Sơn":
        where = "Trung tâm Phục vụ hành chính công tỉnh"
    lines.append(
        f"Trong kỳ, {where} tiếp nhận mới {vn(f['new'])} hồ sơ, trong đó tiếp nhận trực tuyến "
        f"{vn(f['online'])} hồ sơ (chiếm {pct(f['online'], f['new'])}%). Đã giải quyết {vn(f['resolved'])} hồ "
        f"sơ, trong đó giải quyết trước hạn {vn(f['early'])} hồ sơ, đúng hạn {vn(f['on_time'])} hồ sơ, quá hạn "
        f"{vn(f['late'])} hồ sơ; tỷ lệ giải quyết đúng hạn đạt {on_time_rate}%. Đang giải quyết "
        f"{vn(f['in_progress'])} hồ sơ."
    )
    if "cs_quota" in f:
        lines += ["", "III. CẢI CÁCH TỔ CHỨC BỘ MÁY"]
        if is_commune:
            lines.append(f"Số lượng cán bộ, công chức cấp xã được giao {vn(f['cs_quota'])} người; hiện có "
                         f"{vn(f['cs_actual'])} người.")
        else:
            lines.append(f"Tổng số biên chế công chức được giao năm {year} là {vn(f['cs_quota'])} biên chế; "
                         f"tổng số biên chế có mặt tại thời điểm báo cáo là {vn(f['cs_actual'])} người.")
        if "pe_quota" in f:
            lines.append(f"Tổng số người làm việc được giao {vn(f['pe_quota'])} người; tổng số người làm việc có "
                         f"mặt {vn(f['pe_actual'])} người.")
    if "inv_plan" in f:
        lines += ["", "IV. CẢI CÁCH TÀI CHÍNH CÔNG"]
        lines.append(
            f"Kế hoạch vốn đầu tư công năm {year} được giao {vn(f['inv_plan'])} tỷ đồng; giải ngân đến thời điểm "
            f"báo cáo {vn(f['inv_disbursed'])} tỷ đồng, đạt {pct(f['inv_disbursed'], f['inv_plan'])}% kế hoạch vốn."
        )
    if "edoc" in f:
        lines += ["", "V. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"]
        lines.append(f"Tỷ lệ văn bản điện tử được ký số và trao đổi trên môi trường mạng đạt {vn(f['edoc'])}%.")
    lines += ["", "Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]
    return lines


def form_rows(f: dict[str, float]) -> list[tuple[str, str, str]]:
    rows = [("Nội dung", "Đơn vị tính", "Số liệu")]
    if "plan_total" in f:
        rows += [("Số nhiệm vụ đề ra trong Kế hoạch CCHC năm", "Nhiệm vụ", vn(f["plan_total"])),
                 ("Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", vn(f["plan_done"]))]
    rows += [("Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", vn(f["resolved"])),
             ("Số hồ sơ TTHC giải quyết đúng hạn", "Hồ sơ", vn(f["early"] + f["on_time"])),
             ("Tổng số biên chế được giao trong năm", "Người", vn(f["cs_quota"])),
             ("Tổng số biên chế có mặt tại thời điểm báo cáo", "Người", vn(f["cs_actual"]))]
    return rows


def write_txt(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(path: Path, lines: list[str], table: list[tuple[str, str, str]]) -> None:
    from docx import Document

    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.add_paragraph("BIỂU MẪU THỐNG KÊ SỐ LIỆU CẢI CÁCH HÀNH CHÍNH")
    grid = doc.add_table(rows=0, cols=len(table[0]))
    for row in table:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    doc.save(path)


def write_xlsx(path: Path, unit: str, period: str | tuple[str, str, str, str], table: list[tuple[str, str, str]],
               province: str = "Ngọc Sơn") -> None:
    from openpyxl import Workbook

    label, window, signed, _ = PERIOD[period] if isinstance(period, str) else period
    wb = Workbook()
    ws = wb.active
    ws.title = "Bieu mau"
    ws.append([f"UBND TỈNH {province.upper()}"])
    ws.append([unit.upper().replace(f"TỈNH {province.upper()}", "").strip()])
    ws.append([f"{province}, {signed}"])
    ws.append([f"BIỂU MẪU THỐNG KÊ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH {label.upper()}"])
    ws.append([f"Đơn vị báo cáo: {unit}"])
    ws.append([f"(Số liệu tính {window})"])
    for row in table:
        ws.append(list(row))
    wb.save(path)


def build(out: Path = OUT) -> list[Path]:
    written = []
    for unit, periods in FIGURES.items():
        slug = ascii_slug(unit)
        for period, f in periods.items():
            folder = out / PERIOD[period][3]
            folder.mkdir(parents=True, exist_ok=True)
            lines = narrative(unit, period, f)
            if unit == "UBND huyện Ea Lâm" or (unit == "UBND xã Ea Tiêu" and period == "H1"):
                path = folder / f"{slug}_{period.lower()}.docx"
                write_docx(path, lines, form_rows(f))
            elif unit.startswith("Sở"):
                path = folder / f"{slug}_{period.lower()}.xlsx"
                write_xlsx(path, unit, period, form_rows(f))
            else:
                path = folder / f"{slug}_{period.lower()}.txt"
                write_txt(path, lines)
            written.append(path)
    corrupt = out / "2024Q2" / "bao_cao_hong.docx"
    corrupt.write_bytes(b"PK\x03\x04 this archive was cut off in transit")
    written.append(corrupt)
    (out.parent / "expected_figures.json").write_text(
        json.dumps(FIGURES, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p)
