"""Document-level lint (ingest/doclint.py): each check catches a planted fault and passes the clean text."""

from __future__ import annotations

import pytest

from ingest.doclint import (
    DocText,
    blank_dates,
    blank_numbers,
    citation_types,
    fold_name,
    heading_periods,
    lint_document,
    name_spellings,
    place_name,
    roman_headings,
    section_numbering,
)
from ingest.models import Document, ExtractionIssue, Line, ReportMeta


def _doc(text: str, tables: set[int] = frozenset()) -> Document:
    rows = text.strip("\n").split("\n")
    return Document(path="t.txt", format="txt",
                    lines=[Line(no=i, text=t, in_table=i in tables) for i, t in enumerate(rows, 1)])


def _dt(text: str) -> DocText:
    return DocText(_doc(text))


def _codes(issues: list[ExtractionIssue]) -> list[tuple[str, int | None]]:
    return [(i.code, i.line) for i in issues]


# -- D1 / D1b ------------------------------------------------------------------------------------------------

def test_blank_signing_date_is_flagged():
    dt = _dt("""ỦY BAN NHÂN DÂN XÃ HÒA BÌNH
Số:    /BC-UBND
Hòa Bình, ngày     tháng 11 năm 2031
BÁO CÁO""")
    assert _codes(blank_dates(dt)) == [("D1", 3)]
    assert "tháng 11 năm 2031" in blank_dates(dt)[0].message
    nums = blank_numbers(dt)
    assert _codes(nums) == [("D1b", 2)] and nums[0].severity == "info" and "/BC" in nums[0].message


def test_blank_appendix_date_and_fully_blank_date():
    dt = _dt("""PHỤ LỤC
(Kèm theo Báo cáo số ....../BC-UBND ngày ..../10/2031 của UBND xã)
Hòa Bình, ngày ... tháng ... năm 2031""")
    assert _codes(blank_dates(dt)) == [("D1", 2), ("D1", 3)]
    assert "kèm" in blank_dates(dt)[0].message.lower() or "appendix" in blank_dates(dt)[0].message
    assert _codes(blank_numbers(dt)) == [("D1b", 2)]


def test_filled_dates_and_numbers_and_ordinary_text_pass():
    dt = _dt("""Số: 412/BC-UBND
Hòa Bình, ngày 14 tháng 11 năm 2031
(Kèm theo Báo cáo số 412/BC-UBND ngày 14/11/2031 của UBND xã)
Trong tháng 10 năm 2031, xã tiếp nhận 31 hồ sơ; ngày tiếp dân được duy trì hằng tuần.
Kế hoạch số 7/KH-UBND ngày 02/01/2031 chưa ghi rõ ngày hoàn thành.""")
    assert blank_dates(dt) == []
    assert blank_numbers(dt) == []


def test_blank_date_inside_a_citation_elsewhere_is_not_the_report_date():
    dt = _dt("Thực hiện Công văn số 88/UBND-VP ngày    tháng 3 năm 2031 của UBND huyện về việc rà soát.")
    assert blank_dates(dt) == []


# -- D2 ------------------------------------------------------------------------------------------------------

_BROKEN = """I. CHỈ ĐẠO ĐIỀU HÀNH
1. Văn bản
II. KẾT QUẢ
1. Thủ tục hành chính
2. Dịch vụ công
IV. TỒN TẠI
IV. ĐỀ XUẤT
III. PHƯƠNG HƯỚNG"""


def test_broken_roman_numbering_is_flagged_at_each_break():
    issues = section_numbering(roman_headings(_dt(_BROKEN)))
    assert _codes(issues) == [("D2", 6), ("D2", 7), ("D2", 8)]
    assert "jumps from II to IV" in issues[0].message
    assert "IV repeated" in issues[1].message
    assert "III after IV" in issues[2].message
    assert "I, II, IV, IV, III" in issues[2].message


def test_clean_numbering_and_restarts_pass():
    text = """I. CHỈ ĐẠO ĐIỀU HÀNH
1. Văn bản
1. Lại từ đầu (số Ả Rập bắt đầu lại: không phải lỗi)
II. KẾT QUẢ
III. PHƯƠNG HƯỚNG
PHỤ LỤC 1
I. BIỂU TỔNG HỢP
II. BIỂU CHI TIẾT
V.v: xin ý kiến (không phải tiêu đề)
PHẦN THỨ HAI
I. NHIỆM VỤ"""
    assert section_numbering(roman_headings(_dt(text))) == []


def test_roman_rows_of_a_table_are_not_headings():
    doc = _doc("I. MỞ ĐẦU\nII. KẾT QUẢ\nV. Hàng của bảng\nIII. KẾT LUẬN", tables={3})
    assert section_numbering(roman_headings(DocText(doc))) == []


# -- D3 ------------------------------------------------------------------------------------------------------

def test_citation_type_mismatches_are_flagged():
    dt = _dt("""Căn cứ Quyết định số 9/KH-UBND ngày 03/02/2031 của UBND huyện;
UBND xã ban hành Kế hoạch số 21/QĐ-UBND ngày 10/02/2031 về kiểm soát TTHC.
Thực hiện Công văn số 5/BC-UBND ngày 11/02/2031; Báo cáo số 17/UBND-VX ngày 12/02/2031.""")
    issues = citation_types(dt)
    assert sorted(_codes(issues)) == [("D3", 1), ("D3", 2), ("D3", 3), ("D3", 3)]
    msgs = " ".join(i.message for i in issues)
    assert "Quyết định số 9/KH-UBND" in msgs and "Kế hoạch số 21/QĐ-UBND" in msgs
    assert "Công văn số 5/BC-UBND" in msgs and "Báo cáo số 17/UBND-VX" in msgs


def test_matching_citations_pass():
    dt = _dt("""Căn cứ Nghị định số 61/2031/NĐ-CP; Thông tư số 2/2031/TT-VPCP; Nghị quyết số 4/2031/QH16;
Quyết định 118/QĐ-UBND; Kế hoạch số 3-KH/HU; Nghị quyết số 7-NQ/TU; Chỉ thị số 2/CT-TTg;
Công văn số 77/UBND-NV, Công văn số 8/PNV, Công văn số 12/CT-TTHT của Cục Thuế; Tờ trình số 5/TTr-UBND;
Hướng dẫn số 1/HD-SNV; Thông báo số 40/TB-VPUBND; Kết luận số 3/TB-VPUBND; Văn bản số 9/QĐ-UBND;
Kế hoạch 7/39 nhiệm vụ đã hoàn thành; Báo cáo số /BC-UBND chưa có số.""")
    assert citation_types(dt) == []


# -- D4 ------------------------------------------------------------------------------------------------------

def test_fold_and_place_name():
    assert fold_name("Đắk  Ha") == fold_name("đắc ha") == fold_name("ĐĂK HÀ") == "dak ha"
    assert place_name("UBND xã Ea Pô") == "Ea Pô"
    assert place_name("Văn phòng UBND tỉnh Bình Phước") == "Bình Phước"
    assert place_name("Sở Nội vụ") is None and place_name(None) is None


def test_unit_name_spelled_several_ways_is_flagged():
    dt = _dt("""UBND xã Đắk Rơ Ong báo cáo như sau.
Trên địa bàn xã Đắc Rơ Ong đã tuyên truyền.
Ban hành kế hoạch của xã ĐẮK RƠ ONG (viết hoa: cùng cách viết).
Kết quả của UBND xã Đăk Rơ Ong; xã Đắc Rơ Ong tiếp tục.""")
    issues = name_spellings(dt, ["Đắk Rơ Ong"])
    assert _codes(issues) == [("D4", 2), ("D4", 4)]
    assert "'Đắc Rơ Ong' (2×)" in issues[0].message and "'Đắk Rơ Ong' (2×)" in issues[0].message
    assert "'Đăk Rơ Ong' (1×)" in issues[1].message


def test_consistent_name_and_other_places_pass():
    dt = _dt("""UBND xã Đắk Rơ Ong báo cáo như sau.
Xã Đắk Rơ Ong phối hợp với xã Đắk Rơ Nga và thị trấn Đắk Rơ; ĐẮK RƠ ONG là xã vùng III.
Người dân xã Đắk Rơ Onga (tên khác) không tính.""")
    assert name_spellings(dt, ["Đắk Rơ Ong"]) == []


def test_a_name_without_a_literal_anchor_still_works():
    dt = _dt("Xã Ea Ô báo cáo.\nXã Ea Ồ tiếp nhận hồ sơ.")
    assert _codes(name_spellings(dt, ["Ea Ô"])) == [("D4", 2)]


# -- D5 ------------------------------------------------------------------------------------------------------

def _meta(year: int | None = 2031) -> ReportMeta:
    return ReportMeta(reporting_unit="UBND xã Hòa Bình", year=year, period_type="half_year")


def test_heading_naming_a_past_year_is_flagged():
    hs = roman_headings(_dt("""I. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2031
II. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NÂNG CAO CHỈ SỐ CCHC NĂM 2029
III. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2032"""))
    issues = heading_periods(hs, _meta())
    assert _codes(issues) == [("D5", 2)]
    assert "2029" in issues[0].message and "2031" in issues[0].message


def test_headings_about_the_past_on_purpose_or_already_flagged_pass():
    hs = roman_headings(_dt("""I. KHẮC PHỤC CÁC TIÊU CHÍ BỊ MẤT ĐIỂM NĂM 2030
II. SO SÁNH VỚI CÙNG KỲ NĂM 2030
III. Triển khai Nghị quyết năm 2029 của Huyện ủy trong 6 tháng đầu năm 2031
IV. KẾT QUẢ NĂM 2029"""))
    assert _codes(heading_periods(hs, _meta())) == [("D5", 4)]  # the only heading whose own year is past
    assert heading_periods(hs, _meta(), known_lines=[4]) == []  # metadata's W10 already covers that line
    assert heading_periods(hs, _meta(year=None)) == []


# -- all together --------------------------------------------------------------------------------------------

def test_lint_document_runs_every_check_and_skips_metadata_lines():
    doc = _doc("""Số: /BC-UBND
Hòa Bình, ngày    tháng 6 năm 2031
I. CHỈ ĐẠO
Thực hiện Quyết định số 3/KH-UBND của UBND xã Hòa Bình; xã Hoà Binh đã triển khai.
III. KẾT QUẢ NĂM 2029""")
    meta = _meta()
    issues = lint_document(doc, meta)
    assert _codes(issues) == [("D1b", 1), ("D1", 2), ("D3", 4), ("D4", 4), ("D2", 5), ("D5", 5)]
    known = [ExtractionIssue(code="W10", line=5, message="section heading names another period")]
    assert ("D5", 5) not in _codes(lint_document(doc, meta, known))


def test_clean_report_raises_nothing():
    doc = _doc("""ỦY BAN NHÂN DÂN XÃ HÒA BÌNH
Số: 88/BC-UBND
Hòa Bình, ngày 20 tháng 6 năm 2031
BÁO CÁO
Kết quả công tác cải cách hành chính 6 tháng đầu năm 2031
I. CÔNG TÁC CHỈ ĐẠO
Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2031 của UBND xã Hòa Bình, Quyết định số 4/QĐ-UBND.
II. KẾT QUẢ THỰC HIỆN
Trong kỳ, xã Hoà Bình tiếp nhận 1.204 hồ sơ; đã giải quyết 1.180 hồ sơ (cách bỏ dấu cũ: cùng một tên).
III. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM 2031""")
    assert lint_document(doc, _meta()) == []


def test_lint_on_a_long_report_is_quiet():
    """A 1,200-line report of ordinary text (correct citations, sequential numbering) raises no citation issue."""
    block = """1. Công tác chỉ đạo, điều hành
Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2031 của UBND xã Hòa Bình về cải cách hành chính năm 2031, \
xã Hòa Bình đã ban hành 14 văn bản; Quyết định số 4/QĐ-UBND ngày 06/01/2031 về kiện toàn tổ công tác.
Tiếp nhận 1.204 hồ sơ, đã giải quyết 1.180 hồ sơ.
Trực tuyến	903	hồ sơ	75,0%

Số hồ sơ quá hạn	3
"""
    doc = _doc(block * 200)
    assert len(doc.lines) >= 1200 and len("\n".join(ln.text for ln in doc.lines)) > 50_000
    meta = _meta()
    issues = lint_document(doc, meta)
    assert all(i.code != "D3" for i in issues)  # ordinary citations repeated 200 times raise nothing


@pytest.mark.parametrize("numeral,value", [("IV", 4), ("IX", 9), ("XIV", 14), ("IIII", None), ("VV", None)])
def test_roman_numerals(numeral, value):
    hs = roman_headings(_dt(f"{numeral}. TIÊU ĐỀ"))
    assert [h.number for h in hs] == ([value] if value else [])
