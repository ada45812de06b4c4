"""Report metadata (rules.md §2): the seeds against the gold / worked records, and short synthetic headers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.metadata import extract_metadata
from ingest.models import Document, ExtractionIssue, Line, ReportMeta
from ingest.readers import read_document
from tests.conftest import GOLD, seed_file


def _doc(text: str) -> Document:
    lines = text.strip("\n").split("\n")
    return Document(path="synthetic.txt", format="txt",
                    lines=[Line(no=i, text=t.strip()) for i, t in enumerate(lines, start=1)])


def _meta(text: str) -> tuple[ReportMeta, list[ExtractionIssue]]:
    return extract_metadata(_doc(text))


def _window(meta: ReportMeta) -> tuple[date | None, date | None]:
    assert meta.data_window is not None
    return meta.data_window.from_, meta.data_window.to


# --- seeds ----------------------------------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    return seed_file(prefix)


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_seed_matches_gold_report(prefix: str) -> None:
    seed = _seed(prefix)
    gold_file = GOLD / f"{seed.stem}.json"
    assert gold_file.exists(), f"gold file {gold_file} is missing"
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["report"]
    meta, _ = extract_metadata(read_document(seed))
    got = meta.model_dump(mode="json", by_alias=True)
    assert {k: got[k] for k in gold} == gold


# rules.md §2.3 "Worked seed records" plus the unit read from the report itself.
WORKED = {
    "000": dict(unit="UBND huyện Đắk Mil", level="district", province="Đắk Nông", district="Đắk Mil",
                type="half_year", year=2023, quarter=None, months=list(range(1, 7)),
                window=("2023-01-01", "2023-06-02"), source="end_only", cumulative=True, rq=2),
    "001": dict(unit="UBND huyện Tu Mơ Rông", level="district", province="Kon Tum", district="Tu Mơ Rông",
                type="half_year", year=2023, quarter=None, months=list(range(1, 7)),
                window=("2023-01-01", "2023-05-31"), source="end_only", cumulative=True, rq=2),
    "002": dict(unit="UBND xã Đắk Ha", level="commune", province="Đắk Nông", district="Đắk Glong",
                type="half_year", year=2024, quarter=None, months=list(range(1, 7)),
                window=("2023-12-05", "2024-06-04"), source="explicit", cumulative=True, rq=2),
    "003": dict(unit="Văn phòng UBND tỉnh Đắk Nông", level="province_office", province="Đắk Nông", district=None,
                type="quarter", year=2022, quarter=3, months=[7, 8, 9],
                window=("2022-06-05", "2022-08-31"), source="explicit", cumulative=False, rq=3),
    "004": dict(unit="UBND huyện Krông Nô", level="district", province="Đắk Nông", district="Krông Nô",
                type="months_ytd", year=2023, quarter=None, months=list(range(1, 9)),
                window=("2022-12-16", "2023-07-31"), source="explicit", cumulative=True, rq=None),
}


@pytest.mark.parametrize("prefix", sorted(WORKED))
def test_seed_matches_worked_record(prefix: str) -> None:
    want = WORKED[prefix]
    meta, _ = extract_metadata(read_document(_seed(prefix)))
    assert (meta.reporting_unit, meta.unit_level, meta.province, meta.district) == (
        want["unit"], want["level"], want["province"], want["district"])
    assert (meta.period_type, meta.year, meta.quarter, meta.months_covered) == (
        want["type"], want["year"], want["quarter"], want["months"])
    start, end = _window(meta)
    assert (str(start), str(end)) == want["window"]
    assert (meta.window_source, meta.cumulative, meta.report_quarter) == (
        want["source"], want["cumulative"], want["rq"])


def test_seed_004_label_and_contradictions() -> None:
    meta, issues = extract_metadata(read_document(_seed("004")))
    assert meta.period_label is not None and meta.period_label.lstrip("0") == "8 tháng đầu năm 2023"
    assert meta.report_date is None
    w10_lines = {i.line for i in issues if i.code == "W10"}
    assert {9, 5} <= w10_lines  # title "6 tháng đầu năm 2022"; header dated August 2022


def test_seed_002_contradictions() -> None:
    _, issues = extract_metadata(read_document(_seed("002")))
    assert any(i.code == "H7" and i.line == 81 and "32/05/2024" in i.message for i in issues)
    w10_lines = {i.line for i in issues if i.code == "W10"}
    assert {27, 59, 156} <= w10_lines  # "quý I" heading, shifted window, appendix dated 07/03/2024


def test_seed_003_window_disagrees_with_quarter() -> None:
    _, issues = extract_metadata(read_document(_seed("003")))
    assert [i.line for i in issues if i.code == "W10"] == [50]


# --- synthetic headers: unit levels ---------------------------------------------------------------------


def test_department_quarter_label_default() -> None:
    meta, issues = _meta("""
        SỞ TƯ PHÁP
        Số: 123/BC-STP
        Lâm Đồng, ngày 10 tháng 9 năm 2024
        BÁO CÁO
        Kết quả thực hiện công tác cải cách hành chính quý III năm 2024
        Sở Tư pháp báo cáo kết quả công tác cải cách hành chính của tỉnh Lâm Đồng như sau:
        Sở đã ban hành 5 kế hoạch; Sở Nội vụ đã hướng dẫn.
        Trên đây là báo cáo kết quả quý III năm 2024 của Sở Tư pháp./.
        GIÁM ĐỐC
    """)
    assert (meta.unit_level, meta.reporting_unit, meta.province, meta.district) == (
        "province_department", "Sở Tư pháp tỉnh Lâm Đồng", "Lâm Đồng", None)
    assert (meta.period_type, meta.quarter, meta.months_covered, meta.year) == ("quarter", 3, [7, 8, 9], 2024)
    assert _window(meta) == (date(2024, 6, 15), date(2024, 9, 14))
    assert (meta.window_source, meta.cumulative, meta.report_quarter) == ("label_default", False, 3)
    assert meta.report_date == date(2024, 9, 10)
    assert issues == []


def test_commune_first_quarter_slash_form() -> None:
    meta, _ = _meta("""
        Số: 15/BC-UBND
        Phú Mỹ, ngày 12 tháng 3 năm 2024
        BÁO CÁO
        Công tác cải cách hành chính quý 1/2024 và phương hướng nhiệm vụ quý II/2024
        UBND xã Phú Mỹ báo cáo kết quả như sau:
        UBND xã đã ban hành kế hoạch theo chỉ đạo của UBND huyện Phú Tân và UBND tỉnh An Giang.
        Trên đây là báo cáo của UBND xã Phú Mỹ.
        TM. ỦY BAN NHÂN DÂN XÃ
    """)
    assert (meta.unit_level, meta.reporting_unit, meta.district, meta.province) == (
        "commune", "UBND xã Phú Mỹ", "Phú Tân", "An Giang")
    assert (meta.period_type, meta.quarter, meta.period_label) == ("quarter", 1, "quý 1/2024")
    assert _window(meta) == (date(2023, 12, 15), date(2024, 3, 14))
    assert (meta.cumulative, meta.report_quarter, meta.year) == (True, 1, 2024)


def test_district_nine_months_end_only_window() -> None:
    meta, issues = _meta("""
        ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU
        Số: 301/BC-UBND
        Mộc Châu, ngày 5 tháng 9 năm 2024
        BÁO CÁO
        Kết quả công tác cải cách hành chính 9 tháng đầu năm 2024
        Căn cứ Kế hoạch của UBND tỉnh Sơn La;
        Ủy ban nhân dân huyện Mộc Châu báo cáo như sau:
        Tính đến ngày 31/8/2024, tổng số hồ sơ tiếp nhận là 1.234 hồ sơ.
        Dự kiến đến ngày 30/9/2024 hoàn thành rà soát.
    """)
    assert (meta.unit_level, meta.reporting_unit, meta.province) == ("district", "UBND huyện Mộc Châu", "Sơn La")
    assert (meta.period_type, meta.months_covered) == ("months_ytd", list(range(1, 10)))
    assert _window(meta) == (date(2024, 1, 1), date(2024, 8, 31))
    assert (meta.window_source, meta.cumulative, meta.report_quarter) == ("end_only", True, 3)
    assert issues == []


def test_town_year_explicit_window() -> None:
    meta, _ = _meta("""
        Số: 99/BC-UBND
        Buôn Hồ, ngày 20 tháng 12 năm 2024
        BÁO CÁO
        Tổng kết công tác cải cách hành chính năm 2024
        UBND thị xã Buôn Hồ báo cáo:
        Số liệu tính từ ngày 07/12/2023 đến ngày 04/12/2024: tiếp nhận 9.000 hồ sơ TTHC.
    """)
    assert (meta.unit_level, meta.reporting_unit, meta.district, meta.province) == (
        "district", "UBND thị xã Buôn Hồ", "Buôn Hồ", "Đắk Lắk")
    assert (meta.period_type, meta.months_covered, meta.year) == ("year", list(range(1, 13)), 2024)
    assert _window(meta) == (date(2023, 12, 7), date(2024, 12, 4))
    assert (meta.window_source, meta.cumulative, meta.report_quarter) == ("explicit", True, 4)


@pytest.mark.parametrize(("month", "start", "end", "cumulative", "rq"), [
    (5, date(2024, 4, 15), date(2024, 5, 14), False, 2),
    (1, date(2023, 12, 15), date(2024, 1, 14), True, 1),
])
def test_month_label(month: int, start: date, end: date, cumulative: bool, rq: int) -> None:
    meta, _ = _meta(f"""
        BÁO CÁO
        Kết quả cải cách hành chính tháng {month} năm 2024
        UBND phường Tân Lợi báo cáo. UBND phường đã triển khai nhiệm vụ theo chỉ đạo của thành phố Buôn Ma Thuột.
    """)
    assert (meta.unit_level, meta.reporting_unit) == ("commune", "UBND phường Tân Lợi")
    assert (meta.period_type, meta.months_covered, meta.quarter) == ("month", [month], None)
    assert _window(meta) == (start, end)
    assert (meta.cumulative, meta.report_quarter) == (cumulative, rq)


def test_province_office_second_half_year() -> None:
    meta, _ = _meta("""
        Số: 40/BC-VPUBND
        Gia Lai, ngày 16 tháng 12 năm 2024
        BÁO CÁO
        Kết quả cải cách hành chính 6 tháng cuối năm 2024
        Văn phòng UBND tỉnh thường xuyên quán triệt nhiệm vụ; UBND tỉnh đã ban hành kế hoạch.
        KT. CHÁNH VĂN PHÒNG
    """)
    assert (meta.unit_level, meta.reporting_unit, meta.province) == (
        "province_office", "Văn phòng UBND tỉnh Gia Lai", "Gia Lai")
    assert (meta.period_type, meta.months_covered) == ("half_year", list(range(7, 13)))
    assert _window(meta) == (date(2024, 6, 15), date(2024, 12, 14))
    assert (meta.cumulative, meta.report_quarter) == (False, 4)


def test_multi_year_and_unknown_labels() -> None:
    meta, _ = _meta("""
        BÁO CÁO
        Tổng kết cải cách hành chính giai đoạn 2021-2025
        UBND huyện Tuy Đức báo cáo.
    """)
    assert (meta.period_type, meta.data_window, meta.report_quarter, meta.province) == (
        "multi_year", None, None, "Đắk Nông")
    meta, issues = _meta("UBND huyện Cư Jút báo cáo tình hình thực hiện.")
    assert (meta.period_type, meta.data_window, meta.report_quarter) == ("unknown", None, None)
    assert any(i.code == "W10" for i in issues)


# --- contradictions -------------------------------------------------------------------------------------


def test_impossible_window_date_is_h7_and_falls_back_to_label() -> None:
    meta, issues = _meta("""
        BÁO CÁO
        Công tác cải cách hành chính 6 tháng đầu năm 2024
        UBND huyện Đắk Song báo cáo: số liệu tính từ ngày 15/12/2023 đến ngày 31/06/2024, tiếp nhận 500 hồ sơ.
    """)
    assert [(i.code, i.line) for i in issues if i.code == "H7"] == [("H7", 3)]
    assert meta.window_source == "label_default"
    assert _window(meta) == (date(2023, 12, 15), date(2024, 6, 14))


def test_title_vs_body_and_early_appendix_date() -> None:
    meta, issues = _meta("""
        Số: /BC-UBND
        Cư Jút, ngày 20 tháng 6 năm 2024
        BÁO CÁO
        Kết quả cải cách hành chính 6 tháng đầu năm 2023
        UBND huyện Cư Jút báo cáo kết quả 6 tháng đầu năm 2024 như sau:
        Từ ngày 15/12/2023 đến ngày 14/6/2024 tiếp nhận 800 hồ sơ TTHC (6 tháng đầu năm 2024).
        Trên đây là báo cáo 6 tháng đầu năm 2024 của UBND huyện Cư Jút.
        PHỤ LỤC
        (Kèm theo Báo cáo số /BC-UBND ngày 03/4/2024 của UBND huyện Cư Jút)
    """)
    assert (meta.period_label, meta.year) == ("6 tháng đầu năm 2024", 2024)
    assert meta.report_date == date(2024, 6, 20)
    codes = {(i.code, i.line) for i in issues}
    assert ("W10", 4) in codes  # title names 2023
    assert not any(i.line == 6 for i in issues)  # the default-shaped window fits the label


def test_report_signed_before_window_end() -> None:
    meta, issues = _meta("""
        BÁO CÁO
        Cải cách hành chính quý II năm 2024
        UBND xã Nam Dong báo cáo: từ ngày 15/3/2024 đến ngày 14/6/2024 tiếp nhận 120 hồ sơ.
        (Kèm theo Báo cáo số 7/BC-UBND ngày 02/5/2024 của UBND xã Nam Dong)
    """)
    assert meta.report_date == date(2024, 5, 2)
    assert any(i.code == "W10" and i.line == 4 for i in issues)


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seed_metadata_same_from_docx_and_xlsx(tmp_path: Path, prefix: str) -> None:
    from tests.docgen import render_docx, render_xlsx

    seed = _seed(prefix)
    want, _ = extract_metadata(read_document(seed))
    raw = seed.read_text(encoding="utf-8").split("\n")
    for render, ext in ((render_docx, "docx"), (render_xlsx, "xlsx")):
        got, _ = extract_metadata(read_document(render(raw, tmp_path / f"seed.{ext}")))
        assert got == want


# --- synthetic headers: who wrote the report ------------------------------------------------------------
# Provinces named here are invented (outside every built-in list): the unit must come from the text itself.


def _unit(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    meta, _ = _meta(text)
    return meta.reporting_unit, meta.unit_level, meta.province, meta.district


def test_commune_header_superior_first_and_qualified_opening() -> None:
    assert _unit("""
        UBND HUYỆN KRÔNG PƠ
        ỦY BAN NHÂN DÂN XÃ IA RMOK
        Số: 21/BC-UBND
        Ia Rmok, ngày 16 tháng 3 năm 2024
        BÁO CÁO
        Tình hình cải cách hành chính quý I năm 2024
        Ủy ban nhân dân xã Ia Rmok, huyện Krông Pơ, tỉnh Lam Giang báo cáo như sau:
        UBND huyện Krông Pơ đã giao chỉ tiêu cho các xã; UBND xã đã ban hành 3 kế hoạch.
    """) == ("UBND xã Ia Rmok", "commune", "Lam Giang", "Krông Pơ")


def test_commune_header_only_names_in_capitals() -> None:
    # No opening sentence: the header alone gives the unit; capitals become ordinary case.
    assert _unit("""
        UBND HUYỆN KRÔNG PƠ
        UBND XÃ IA RMOK
        BÁO CÁO
        Cải cách hành chính quý II năm 2024
        Trong quý, tiếp nhận 120 hồ sơ.
    """) == ("UBND xã Ia Rmok", "commune", None, "Krông Pơ")


def test_header_with_motto_cells_and_recipient_line() -> None:
    assert _unit("""
        UBND TỈNH VÂN KHÊ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ TƯ PHÁP\tĐộc lập - Tự do - Hạnh phúc
        Số: 88/BC-STP\tVân Khê, ngày 12 tháng 6 năm 2024
        BÁO CÁO
        Kết quả cải cách hành chính 6 tháng đầu năm 2024
        Kính gửi: Sở Nội vụ tỉnh Vân Khê
        Sở đã tham mưu 4 văn bản.
    """) == ("Sở Tư pháp tỉnh Vân Khê", "province_department", "Vân Khê", None)


def test_district_department_under_district_header() -> None:
    assert _unit("""
        UBND HUYỆN CHƯ RÔNG
        PHÒNG NỘI VỤ
        BÁO CÁO
        Công tác cải cách hành chính quý III năm 2024
        Phòng Nội vụ huyện Chư Rông báo cáo kết quả như sau:
        Căn cứ kế hoạch của UBND tỉnh Lam Giang, UBND huyện đã chỉ đạo.
    """) == ("Phòng Nội vụ huyện Chư Rông", "district", "Lam Giang", "Chư Rông")


@pytest.mark.parametrize(("header", "unit"), [
    ("VĂN PHÒNG HĐND VÀ UBND", "Văn phòng HĐND và UBND huyện Chư Rông"),
    ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "Phòng Văn hóa và Thông tin huyện Chư Rông"),
    ("THANH TRA HUYỆN", "Thanh tra huyện Chư Rông"),
])
def test_district_offices_under_district_header(header: str, unit: str) -> None:
    assert _unit(f"""
        UBND HUYỆN CHƯ RÔNG
        {header}
        BÁO CÁO
        Cải cách hành chính quý I năm 2024
    """) == (unit, "district", None, "Chư Rông")


def test_province_office_keeps_province_name() -> None:
    text = """
        UBND TỈNH LAM GIANG
        VĂN PHÒNG
        Số: 12/BC-VPUBND
        Lam Giang, ngày 18 tháng 9 năm 2024
        BÁO CÁO
        Kết quả cải cách hành chính quý III năm 2024
        {opening}
        UBND tỉnh đã ban hành kế hoạch; Văn phòng đã tham mưu.
    """
    for opening in ("Văn phòng UBND tỉnh Lam Giang báo cáo kết quả như sau:", "Văn phòng báo cáo như sau:"):
        assert _unit(text.format(opening=opening)) == (
            "Văn phòng UBND tỉnh Lam Giang", "province_office", "Lam Giang", None)


@pytest.mark.parametrize("label", ["Đơn vị báo cáo:", "Đơn vị:", "Cơ quan báo cáo:", "Tên đơn vị:"])
def test_statistical_form_unit_label(label: str) -> None:
    assert _unit(f"""
        BIỂU THỐNG KÊ KẾT QUẢ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024
        {label} Sở Tài chính tỉnh Vân Khê
        Đơn vị nhận báo cáo: UBND tỉnh Vân Khê
        Nội dung\tĐơn vị tính\tSố liệu
        Số hồ sơ tiếp nhận\tHồ sơ\t40
    """) == ("Sở Tài chính tỉnh Vân Khê", "province_department", "Vân Khê", None)


def test_explicit_province_beats_the_built_in_district_list() -> None:
    # The district list puts Krông Nô in Đắk Nông; the report's own header says otherwise.
    assert _unit("""
        UBND TỈNH LAM GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        ỦY BAN NHÂN DÂN HUYỆN KRÔNG NÔ\tĐộc lập - Tự do - Hạnh phúc
        Số: 7/BC-UBND\tKrông Nô, ngày 3 tháng 6 năm 2024
        BÁO CÁO
        Cải cách hành chính 6 tháng đầu năm 2024
        Các xã đã tiếp nhận 700 hồ sơ.
    """) == ("UBND huyện Krông Nô", "district", "Lam Giang", "Krông Nô")
    # Without any mention of a province the list still names it.
    assert _unit("""
        ỦY BAN NHÂN DÂN HUYỆN KRÔNG NÔ
        BÁO CÁO
        Cải cách hành chính 6 tháng đầu năm 2024
    """) == ("UBND huyện Krông Nô", "district", "Đắk Nông", "Krông Nô")


def test_unit_label_value_in_next_cell_of_an_xlsx(tmp_path: Path) -> None:
    from tests.docgen import render_xlsx

    rows = ["UBND TỈNH VÂN KHÊ", "SỞ XÂY DỰNG", "Vân Khê, ngày 20 tháng 6 năm 2024",
            "BIỂU MẪU THỐNG KÊ CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2024",
            "Đơn vị báo cáo:\tSở Xây dựng tỉnh Vân Khê", "Đơn vị tính:\tHồ sơ",
            "Nội dung\tĐơn vị tính\tSố liệu", "Tổng số hồ sơ đã giải quyết\tHồ sơ\t310"]
    meta, _ = extract_metadata(read_document(render_xlsx(rows, tmp_path / "form.xlsx")))
    assert (meta.reporting_unit, meta.unit_level, meta.province) == (
        "Sở Xây dựng tỉnh Vân Khê", "province_department", "Vân Khê")
    assert (meta.period_type, meta.report_date) == ("half_year", date(2024, 6, 20))


@pytest.mark.parametrize(("header", "unit"), [
    ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "Ban Quản lý các khu công nghiệp tỉnh Lam Giang"),
    ("THANH TRA TỈNH", "Thanh tra tỉnh Lam Giang"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ tỉnh Lam Giang"),
])
def test_provincial_agencies_are_departments(header: str, unit: str) -> None:
    assert _unit(f"""
        UBND TỈNH LAM GIANG
        {header}
        BÁO CÁO
        Cải cách hành chính năm 2024
    """) == (unit, "province_department", "Lam Giang", None)


def test_agency_named_in_opening_sentence() -> None:
    assert _unit("""
        BÁO CÁO
        Cải cách hành chính quý I năm 2024
        Ban Quản lý Khu kinh tế tỉnh Vân Khê báo cáo kết quả như sau:
    """) == ("Ban Quản lý Khu kinh tế tỉnh Vân Khê", "province_department", "Vân Khê", None)


def test_bare_people_committee_line_joined_with_district_line() -> None:
    assert _unit("""
        ỦY BAN NHÂN DÂN
        HUYỆN EA RÔNG
        Số: 5/BC-UBND
        BÁO CÁO
        Cải cách hành chính quý I năm 2024
        UBND huyện đã triển khai kế hoạch của UBND tỉnh Vân Khê.
    """) == ("UBND huyện Ea Rông", "district", "Vân Khê", "Ea Rông")


@pytest.mark.parametrize(("tier", "name"), [("phường", "Hòa Khánh Tây"), ("thị trấn", "Ea Pốk Mới"),
                                            ("đặc khu", "Hòn Mây")])
def test_commune_tiers(tier: str, name: str) -> None:
    assert _unit(f"""
        BÁO CÁO
        Cải cách hành chính quý II năm 2024
        UBND {tier} {name}, tỉnh Vân Khê báo cáo như sau:
        UBND {tier} đã tiếp nhận 50 hồ sơ.
    """) == (f"UBND {tier} {name}", "commune", "Vân Khê", None)


@pytest.mark.parametrize("tier", ["thành phố", "thị xã", "quận"])
def test_district_tiers(tier: str) -> None:
    assert _unit(f"""
        ỦY BAN NHÂN DÂN {tier.upper()} LONG THẠNH
        BÁO CÁO
        Cải cách hành chính quý II năm 2024
        Ủy ban nhân dân {tier} Long Thạnh báo cáo như sau:
        Thực hiện kế hoạch của UBND tỉnh Vân Khê, các phường, xã đã tiếp nhận 300 hồ sơ.
    """) == (f"UBND {tier} Long Thạnh", "district", "Vân Khê", "Long Thạnh")


def test_central_city_is_a_province() -> None:
    assert _unit("""
        UBND THÀNH PHỐ HẢI PHÒNG
        SỞ NỘI VỤ
        BÁO CÁO
        Cải cách hành chính quý I năm 2024
    """) == ("Sở Nội vụ thành phố Hải Phòng", "province_department", "Hải Phòng", None)


def test_two_tier_commune_has_no_district() -> None:
    meta, _ = _meta("""
        UBND TỈNH LAM GIANG
        ỦY BAN NHÂN DÂN XÃ TÂN PHONG
        BÁO CÁO
        Cải cách hành chính quý III năm 2025
        (Số liệu tính từ ngày 01/7/2025 đến ngày 14/9/2025)
        Ủy ban nhân dân xã Tân Phong báo cáo như sau:
        Xã được thành lập trên cơ sở sáp nhập các xã của huyện Ea Rông cũ; tiếp nhận 90 hồ sơ.
    """)
    assert (meta.reporting_unit, meta.unit_level, meta.province, meta.district) == (
        "UBND xã Tân Phong", "commune", "Lam Giang", None)
    # The same commune in a three-tier window names its district from the text.
    meta, _ = _meta("""
        BÁO CÁO
        Cải cách hành chính quý I năm 2025
        Ủy ban nhân dân xã Tân Phong báo cáo như sau:
        Thực hiện chỉ đạo của UBND huyện Ea Rông và UBND tỉnh Lam Giang, xã tiếp nhận 90 hồ sơ.
    """)
    assert (meta.reporting_unit, meta.province, meta.district) == ("UBND xã Tân Phong", "Lam Giang", "Ea Rông")


@pytest.mark.parametrize(("label", "district"), [("quý III năm 2025", None), ("9 tháng năm 2025", None),
                                                 ("6 tháng đầu năm 2025", "Ea Rông")])
def test_commune_district_depends_on_when_the_window_closes(label: str, district: str | None) -> None:
    # Default windows: Q3/2025 runs 15/6–14/9, so it closes in the two-tier structure; H1/2025 does not.
    meta, _ = _meta(f"""
        BÁO CÁO
        Cải cách hành chính {label}
        UBND xã Tân Phong, tỉnh Lam Giang báo cáo như sau: các xã của huyện Ea Rông đã hoàn thành kế hoạch.
    """)
    assert (meta.unit_level, meta.province, meta.district) == ("commune", "Lam Giang", district)


def test_post_merger_province_from_the_list() -> None:
    assert _unit("""
        BÁO CÁO
        Cải cách hành chính 9 tháng năm 2025
        UBND xã Quảng Phú, tỉnh Quảng Trị báo cáo như sau:
    """) == ("UBND xã Quảng Phú", "commune", "Quảng Trị", None)


def test_no_header_opening_sentence_only() -> None:
    assert _unit("""
        Ủy ban nhân dân huyện Ia Dreh báo cáo kết quả cải cách hành chính quý I năm 2024 như sau:
        1. Huyện đã ban hành kế hoạch; Sở Nội vụ tỉnh Vân Khê đã hướng dẫn. Tiếp nhận 800 hồ sơ.
    """) == ("UBND huyện Ia Dreh", "district", "Vân Khê", "Ia Dreh")


def test_province_from_place_line_and_mentions_not_gazetteer_noise() -> None:
    # An unknown province named by "tỉnh X" outweighs a district that the built-in list puts elsewhere.
    assert _unit("""
        Số: 40/BC-UBND
        Lam Giang, ngày 10 tháng 6 năm 2024
        BÁO CÁO
        Cải cách hành chính 6 tháng đầu năm 2024
        UBND huyện Đắk Mil, tỉnh Lam Giang báo cáo như sau:
        Các xã của huyện đã tiếp nhận 500 hồ sơ.
    """) == ("UBND huyện Đắk Mil", "district", "Lam Giang", "Đắk Mil")


# A 1,200-line report: headings, narrative with self-references and document numbers, appendix rows.
_BODY_LINES = [
    "{n}. Công tác chỉ đạo, điều hành",
    "Trong kỳ, UBND huyện đã ban hành {n} văn bản theo Kế hoạch số {n}/KH-UBND ngày 10/01/2024 của UBND tỉnh.",
    "{n}\tSố hồ sơ tiếp nhận trực tuyến\tHồ sơ\t1.{n:03d}\t98,5",
    "{n}\tSố thủ tục hành chính cấp xã\tThủ tục\t{n}\t",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,7%, tăng 1,2% so với cùng kỳ; các xã, thị trấn đã đối thoại.",
    "",
    "Công văn số {n}/UBND-NV ngày 03/02/2024 về tăng cường kỷ luật; Báo cáo số {n}/BC-UBND ngày 06/3/2024 của "
    "Phòng Nội vụ về kết quả khảo sát sự hài lòng của người dân tại Bộ phận Một cửa huyện và các xã.",
    "Số liệu tính đến ngày 14/6/2024, tổng số cán bộ, công chức cấp xã là {n} người.",
]


def test_metadata_on_a_long_report() -> None:
    head = ["UBND TỈNH LAM GIANG", "ỦY BAN NHÂN DÂN HUYỆN EA RÔNG", "Số: 70/BC-UBND",
            "Ea Rông, ngày 18 tháng 6 năm 2024", "BÁO CÁO", "Cải cách hành chính 6 tháng đầu năm 2024",
            "Ủy ban nhân dân huyện Ea Rông báo cáo như sau:"]
    body = [_BODY_LINES[i % len(_BODY_LINES)].format(n=i % 997) for i in range(1200 - len(head))]
    doc = Document(path="long.txt", format="txt",
                   lines=[Line(no=i, text=t) for i, t in enumerate(head + body, start=1)])
    meta, _ = extract_metadata(doc)
    assert (meta.reporting_unit, meta.province, meta.period_type) == ("UBND huyện Ea Rông", "Lam Giang",
                                                                      "half_year")
