"""Statistical tables in the three shapes the readers produce, matched on labels (row numbers repeat)."""

from __future__ import annotations

import pytest

from ingest.facts import extract_facts
from ingest.facts.labels import match_label
from ingest.models import Document, Fact, Line, ReportMeta


def _doc(text: str, *, in_table: bool = False) -> Document:
    lines = [Line(no=i, text=t, in_table=in_table and "\t" in t) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(path="t.txt", format="txt", lines=lines)


def _facts(text: str, level: str, *, in_table: bool = False) -> list[Fact]:
    return extract_facts(_doc(text, in_table=in_table), ReportMeta(unit_level=level))


def _find(facts: list[Fact], code: str, scope: str | None = None) -> list[Fact]:
    return [f for f in facts if f.indicator == code and (scope is None or f.scope == scope)]


# one cell per line, each starting with a tab; rows separated by blank lines; wrapped cells continue untabbed
CELL_PER_LINE = "\n".join(
    [
        "PHỤ LỤC 1",
        "BIỂU MẪU 3",
        "",
        "\tSTT",
        "\tChỉ tiêu thống kê",
        "(Dùng cho kỳ báo cáo quý, 6 tháng, năm)",
        "\tKết quả thống kê",
        "\tGhi chú",
        "",
        "\t",
        "\t",
        "\tĐơn vị tính",
        "\tSố liệu",
        "\t",
        "",
        "\t4",
        "\tTỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn",
        "\t%",
        "\t97,3",
        "\t",
        "",
        "\t4.1",
        "\tTổng số hồ sơ TTHC đã giải quyết xong",
        "\tHồ sơ",
        "\t12.480",
        "\t",
        "",
        "\t4.2",
        "\tSố hồ sơ TTHC giải quyết đúng hạn",
        "\tHồ sơ",
        "\t12.143",
        "\t",
        "",
        "\t5",
        "\tTỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
        "\t%",
        "\t98,6",
        "\t",
        "",
        "\t5.1",
        "\tTổng số hồ sơ TTHC đã giải quyết xong",
        "\tHồ sơ",
        "\t3.920",
        "\t",
        "",
        "\t7",
        "\tTỷ lệ phần trăm biên chế đã tinh giản so với năm 2015",
        "\t%",
        "\t>9,8",
        "\t",
        "",
        "\t8",
        "\tHình thức khảo sát",
        "\tTrực tuyến = 0",
        "Phát phiếu = 1",
        "\t",
        "\t",
        "",
        "\t9",
        "\tKế hoạch được tỉnh giao",
        "\tTriệu đồng",
        "\t82.650",
        "\t",
    ]
)


def test_cell_per_line_form_rows_become_facts_with_tier_from_parent_rows() -> None:
    facts = _facts(CELL_PER_LINE, "district")
    rate = _find(facts, "tthc_on_time_rate_pct", "district_level")
    assert [f.value for f in rate] == [97.3]
    assert rate[0].source == "appendix" and rate[0].line == 19 and rate[0].unit == "percent"
    # the same label under two parents: the tier comes from the parent row
    assert [f.value for f in _find(facts, "tthc_cases_resolved", "district_level")] == [12480]
    assert [f.value for f in _find(facts, "tthc_cases_resolved", "commune_level")] == [3920]
    assert [f.value for f in _find(facts, "tthc_cases_resolved_early_or_on_time", "district_level")] == [12143]
    bounded = _find(facts, "civil_servant_reduction_vs_2015_pct")
    assert [f.value for f in bounded] == [9.8] and ">" in (bounded[0].note or "")
    # a coded row whose value cell is empty gives nothing (the unit cell's codes are not values)
    assert _find(facts, "satisfaction_survey_mode") == []
    # a generic label ("Kế hoạch được tỉnh giao") without a parent about public investment maps to nothing
    assert _find(facts, "public_investment_plan_vnd_million") == []


# one row per line, tab-separated, with total / done / rate columns; row numbers repeat
TRIPLE = "\n".join(
    [
        "PHỤ LỤC SỐ 02",
        "Stt\tChỉ tiêu thống kê\tKết quả thống kê\t\t\t\tGhi chú",
        "\t\tĐơn vị tính\tSố liệu\t\t\t",
        "\t\t\tSố liệu tổng\tSố liệu đã thực hiện\tTỷ lệ (%)\t",
        "1.\tCông tác chỉ đạo điều hành CCHC\t\t\t\t\t",
        "1.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t48\t\t\t",
        "1.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t31\t31\t100\t",
        "1.1.\tSố văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t06\t06\t100\t",
        "3.4.1.\tTỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn\tHồ sơ\t512\t487\t95,1\t",
        "3.4.2.\tTỷ lệ hồ sơ TTHC về lĩnh vực đất đai được giải quyết đúng hạn\tHồ sơ\t140\t131\t93.57\t",
        "4.2.1.\tTổng số biên chế được giao trong năm\tNgười\t23\t\t\t",
        "4.2.2.\tTổng số biên chế có mặt tại thời điểm báo cáo\tNgười\t23\t20\t87\t",
        "7.2.\tXây dựng và vận hành Hệ thống họp trực tuyến\tChưa có = 0 2 cấp = 1 3 cấp = 2\t1\t1\t",
    ]
)


def test_triple_column_form_in_a_commune_report() -> None:
    facts = _facts(TRIPLE, "commune", in_table=True)
    values = {(f.indicator, f.value) for f in facts}
    assert ("cchc_plan_tasks_total", 48) in values
    assert ("cchc_plan_tasks_done", 31) in values and ("cchc_plan_completion_pct", 100) in values
    assert ("cchc_directive_docs_issued", 6) in values  # "06", misnumbered row
    assert {("tthc_cases_resolved", 512), ("tthc_cases_resolved_early_or_on_time", 487),
            ("tthc_on_time_rate_pct", 95.1)} <= values
    land = _find(facts, "tthc_land_on_time_rate_pct")
    assert [f.value for f in land] == [pytest.approx(93.57)] and "decimal" in (land[0].note or "")
    # a commune report's staffing rows are the commune staff codes; "đã thực hiện" holds the people in post
    assert ("commune_staff_quota", 23) in values and ("commune_staff_actual", 20) in values
    assert ("commune_staff_fill_rate_pct", 87) in values
    assert ("online_meeting_system_level", 1) in values
    assert all(f.scope == "all" for f in facts)
    assert all(f.source == "appendix" for f in facts)
    assert {f.unit for f in _find(facts, "tthc_cases_resolved")} == {"documents"}


def test_triple_column_form_in_a_district_report_uses_district_codes() -> None:
    facts = _facts(TRIPLE, "district", in_table=True)
    values = {(f.indicator, f.value) for f in facts}
    assert ("civil_servant_quota", 23) in values and ("civil_servant_actual", 20) in values
    assert not _find(facts, "commune_staff_quota")


# a two-column body table: the result cells are sentences
TWO_COLUMN = "\n".join(
    [
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA TỈNH",
        "",
        "TT\tNội dung\tKết quả",
        "2.1\tTỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm được giải quyết đúng hạn\t"
        "96,2% hồ sơ tiếp nhận trong năm được giải quyết đúng hạn",
        "2.2\tTỷ lệ gửi, nhận văn bản điện tử giữa các cơ quan\t100% cơ quan cấp tỉnh, cấp huyện thực hiện.",
        "2.3\tTỷ lệ dịch vụ công trực tuyến mức\t71% dịch vụ công trực tuyến mức độ 3 và 4",
        "",
        "\tđộ 3 và 4 được tích hợp trên Cổng Dịch vụ công quốc gia\tđược tích hợp trên Cổng Dịch vụ công quốc gia.",
    ]
)


def test_two_column_results_are_read_as_label_and_sentence() -> None:
    facts = _facts(TWO_COLUMN, "province_department", in_table=True)
    on_time = _find(facts, "tthc_on_time_rate_pct")
    assert [(f.value, f.scope) for f in on_time] == [(96.2, "commune_level")]  # tier from the row label
    assert on_time[0].source == "narrative"
    edoc = _find(facts, "e_document_rate_pct")
    assert [(f.value, f.scope) for f in edoc] == [(100, "province_level")]
    # a label wrapped onto a continuation row is joined before reading
    integrated = _find(facts, "online_services_integrated_rate_pct")
    assert [f.value for f in integrated] == [71] and integrated[0].line == 6


@pytest.mark.parametrize(
    ("label", "parent", "code"),
    [
        ("Số TTHC liên thông giữa các cấp chính quyền", "", "tthc_procedures_interlinked"),
        ("Số TTHC liên thông cùng cấp", "", "tthc_procedures_interlinked_same_level"),
        ("Đã thực hiện", "Tỷ lệ thực hiện Kế hoạch giải ngân vốn đầu tư công",
            "public_investment_disbursed_vnd_million"),
        ("Đã thực hiện", "Số liệu về biên chế", None),
        ("Số VBQPPL có kiến nghị xử lý đã được xử lý xong", "Tỷ lệ xử lý VBQPPL sau rà soát",
         "legal_docs_fixed_after_review"),
        ("Số VBQPPL có kiến nghị xử lý đã được xử lý xong", "Tỷ lệ xử lý VBQPPL sau kiểm tra",
         "legal_docs_fixed_after_check"),
        ("Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", "Hệ thống thông tin một cửa điện tử",
         "one_stop_system_connected_rate_pct"),
        ("Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", "Số liệu về trao đổi văn bản điện tử",
         "edoc_system_connected_rate_pct"),
        ("Số TTHC đang cung cấp trực tuyến mức độ 4 có phát sinh hồ sơ", "", "online_services_level4_with_cases"),
        ("Tổng số TTHC đủ điều kiện cung cấp trực tuyến mức độ 3", "", "online_services_level3_eligible"),
        ("Số đơn vị SNCL tự chủ một phần chi thường xuyên", "", "psu_self_funded_partial"),
        ("Tổng số TTHC có yêu cầu nghĩa vụ tài chính (phí, lệ phí)", "", "tthc_procedures_with_fees"),
        ("Tổng số biên chế đươc giao trong năm", "", "civil_servant_quota"),  # typing slip: fuzzy match
        ("Thực hiện cơ chế một cửa, một cửa liên thông", "", None),  # a block header has no code
    ],
)
def test_label_matching(label: str, parent: str, code: str | None) -> None:
    entry = match_label(label, parent)
    assert (entry.code if entry else None) == code
