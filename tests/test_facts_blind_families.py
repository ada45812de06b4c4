"""Failure families found on a blind evaluation set, each tested on sentences and tables written for these
tests (other wording, other figures, other layouts): multi-column statistical tables, label-before-number
lists, wording variants, codes without a pattern before, scope of a service centre's report, distractors
(changes and prior-year figures) and two-line letterheads."""

from __future__ import annotations

import pytest

from ingest.facts import extract_facts
from ingest.facts.forms import column_code, row_scope
from ingest.models import Document, Fact, Line, ReportMeta


def _doc(text: str) -> Document:
    lines = [Line(no=i, text=t, in_table="\t" in t) for i, t in enumerate(text.split("\n"), start=1)]
    return Document(path="t.txt", format="txt", lines=lines)


def _facts(text: str, level: str = "district", unit: str | None = None) -> list[Fact]:
    return extract_facts(_doc(text), ReportMeta(unit_level=level, reporting_unit=unit))


def _values(facts: list[Fact]) -> set[tuple[str, str, float]]:
    return {(f.indicator, f.scope, round(f.value, 6)) for f in facts}


def _codes_values(facts: list[Fact]) -> set[tuple[str, float]]:
    return {(f.indicator, round(f.value, 6)) for f in facts}


# ---------------------------------------------------------------- 1. multi-column statistical tables
TIER_ROWS = "\n".join([
    "Bảng 2. Tình hình tiếp nhận và giải quyết hồ sơ năm 2024",
    "Cấp giải quyết\tTiếp nhận (hồ sơ)\tTrong đó: trực tuyến\tTồn kỳ trước\tTiếp nhận mới\tĐã giải quyết\t"
    "Sớm hạn\tĐúng hạn\tQuá hạn\tĐang xử lý\tTỷ lệ đúng hạn (%)",
    "Cấp tỉnh\t61.402\t55.930\t1.807\t59.595\t60.114\t52.007\t7.950\t157\t1.288\t99,74",
    "Cấp huyện\t18.226\t14.101\t640\t17.586\t17.900\t15.230\t2.544\t126\t326\t99,30",
    "Cấp xã\t44.015\t31.770\t212\t43.803\t43.820\t40.011\t3.790\t19\t195\t99,96",
    "Sở Xây dựng\t2.310\t2.290\t15\t2.295\t2.301\t2.100\t200\t1\t9\t99,96",
    "Tổng cộng\t123.643\t101.801\t2.659\t120.984\t121.834\t107.248\t14.284\t302\t1.809\t99,75",
])


def test_tier_rows_of_a_case_table_take_the_tier_scope_and_the_total_row_all() -> None:
    got = _values(_facts(TIER_ROWS, "province_office"))
    assert {
        ("tthc_cases_received", "province_level", 61402),
        ("tthc_cases_online", "district_level", 14101),
        ("tthc_cases_carried_over", "commune_level", 212),
        ("tthc_cases_new", "all", 120984),
        ("tthc_cases_resolved", "district_level", 17900),
        ("tthc_cases_resolved_early", "province_level", 52007),
        ("tthc_cases_resolved_on_time", "commune_level", 3790),  # early has its own column
        ("tthc_cases_resolved_late", "all", 302),
        ("tthc_cases_in_progress", "district_level", 326),
        ("tthc_on_time_rate_pct", "commune_level", 99.96),
    } <= got
    # an agency row is a part of a tier, not a figure of the report's own
    assert not any(v in (2310, 2290, 2301) for _, _, v in got)


# a docx export: the group row has merged cells (fewer cells), the leaf row repeats the label columns, then
# column numbers and a unit row
TWO_ROW_HEADER = "\n".join([
    "Biểu số 06: Kết quả giải quyết thủ tục hành chính",
    "STT\tĐơn vị\tSố hồ sơ nhận giải quyết\tKết quả giải quyết\tSố hồ sơ đang giải quyết",
    "STT\tĐơn vị\tTổng số\tTrực tuyến\tKỳ trước chuyển qua\tTổng số\tTrước hạn\tĐúng hạn\tTrễ hạn\tTổng số\t"
    "Chưa đến hạn\tQuá hạn",
    "(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)\t(10)\t(11)\t(12)",
    "\t\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ\tHồ sơ",
    "1\tUBND cấp huyện\t3.406\t1.950\t87\t3.280\t2.604\t640\t36\t126\t113\t13",
    "2\tUBND cấp xã\t7.118\t5.002\t41\t7.077\t6.930\t139\t8\t41\t41\t0",
    "\tTổng cộng\t10.524\t6.952\t128\t10.357\t9.534\t779\t44\t167\t154\t13",
])


def test_two_row_header_with_merged_groups_maps_repeated_leaf_labels_by_group() -> None:
    got = _values(_facts(TWO_ROW_HEADER, "district"))
    assert {
        ("tthc_cases_total_to_handle", "district_level", 3406),
        ("tthc_cases_online", "commune_level", 5002),
        ("tthc_cases_carried_over", "all", 128),
        ("tthc_cases_resolved", "district_level", 3280),
        ("tthc_cases_resolved_early", "commune_level", 6930),
        ("tthc_cases_resolved_on_time", "all", 779),
        ("tthc_cases_resolved_late", "district_level", 36),
        ("tthc_cases_in_progress", "all", 167),
        ("tthc_cases_in_progress_within_deadline", "district_level", 113),
        ("tthc_cases_in_progress_overdue", "all", 13),
    } <= got
    # column numbers and units are not figures
    assert not any(code.startswith("tthc") and v in (1, 2, 3, 12) for code, _, v in got)


def test_case_table_without_an_early_column_reads_on_time_as_early_or_on_time() -> None:
    text = "\n".join([
        "Đơn vị\tSố hồ sơ tiếp nhận\tSố hồ sơ đã giải quyết\tGiải quyết đúng hạn\tGiải quyết trễ hạn\t"
        "Tỷ lệ trễ hạn (%)",
        "Phòng Tư pháp\t310\t305\t305\t0\t0",
        "Phòng Tài nguyên và Môi trường\t1.220\t1.180\t1.150\t30\t2,54",
        "Toàn huyện\t1.530\t1.485\t1.455\t30\t2,02",
    ])
    got = _values(_facts(text, "district"))
    assert {
        ("tthc_cases_received", "all", 1530),
        ("tthc_cases_resolved", "all", 1485),
        ("tthc_cases_resolved_early_or_on_time", "all", 1455),
        ("tthc_late_rate_pct", "all", 2.02),
    } <= got
    assert not any(v in (310, 1220, 1180) for _, _, v in got)


def test_a_single_row_table_is_the_reporting_unit_itself() -> None:
    text = "\n".join([
        "Kỳ báo cáo\tTổng số hồ sơ\tTiếp nhận trực tuyến\tThanh toán trực tuyến\tĐã giải quyết\tĐang giải quyết",
        "Quý III/2025\t812\t790\t402\t798\t14",
    ])
    got = _values(_facts(text, "commune"))
    assert {
        ("tthc_cases_online", "all", 790),
        ("online_payment_cases", "all", 402),
        ("tthc_cases_resolved", "all", 798),
        ("tthc_cases_in_progress", "all", 14),
    } <= got
    assert ("tthc_cases_online", "all", 402) not in got


def test_tiers_as_columns_procedure_table() -> None:
    text = "\n".join([
        "Nội dung\tCấp tỉnh\tCấp huyện\tCấp xã\tToàn tỉnh",
        "Số TTHC\t1.512\t281\t133\t1.926",
        "Dịch vụ công trực tuyến toàn trình\t640\t120\t61\t821",
        "Dịch vụ công trực tuyến một phần\t702\t133\t58\t893",
    ])
    got = _values(_facts(text, "province_office"))
    assert {
        ("tthc_procedures_total", "province_level", 1512),
        ("tthc_procedures_district", "district_level", 281),
        ("tthc_procedures_commune", "commune_level", 133),
        ("tthc_procedures_total", "all", 1926),
        ("online_services_full", "district_level", 120),
        ("online_services_partial", "all", 893),
    } <= got


@pytest.mark.parametrize(
    ("group", "leaf", "code"),
    [
        ("", "tiếp nhận", "tthc_cases_received"),
        ("", "số hồ sơ mới tiếp nhận", "tthc_cases_new"),
        ("", "từ kỳ trước chuyển sang", "tthc_cases_carried_over"),
        ("", "trực tiếp và qua dịch vụ bưu chính", "tthc_cases_direct_or_postal"),
        ("số hồ sơ đã giải quyết", "tổng", "tthc_cases_resolved"),
        ("số hồ sơ đang giải quyết", "quá hạn", "tthc_cases_in_progress_overdue"),
        ("số hồ sơ đã giải quyết", "quá hạn", "tthc_cases_resolved_late"),
        ("", "trễ hạn/quá hạn", "tthc_cases_resolved_late"),
        ("", "đúng và trước hạn", "tthc_cases_resolved_early_or_on_time"),
        ("", "tỷ lệ trước hạn", "tthc_early_rate_pct"),
        ("", "tỷ lệ hồ sơ trực tuyến", "tthc_online_rate_pct"),
        ("", "hồ sơ trả lại, rút", "tthc_cases_returned"),
        ("", "stt", None),
        ("", "ghi chú", None),
    ],
)
def test_column_labels(group: str, leaf: str, code: str | None) -> None:
    assert column_code(group, leaf) == code


@pytest.mark.parametrize(
    ("label", "scope"),
    [("Cấp tỉnh", "province_level"), ("- UBND cấp huyện", "district_level"), ("Xã, phường, thị trấn", "commune_level"),
     ("Tổng cộng", "all"), ("Toàn tỉnh", "all"), ("Trung tâm Phục vụ hành chính công tỉnh", "center"),
     ("Sở Tài chính", None), ("Lĩnh vực đất đai", None)],
)
def test_row_scopes(label: str, scope: str | None) -> None:
    assert row_scope(label) == scope


# ---------------------------------------------------------------- 5. scope: the whole province, a centre's own report
def test_whole_province_totals_are_all_and_tiers_keep_their_scope() -> None:
    text = ("Trên địa bàn toàn tỉnh đã tiếp nhận 98.450 hồ sơ; trong đó cấp tỉnh tiếp nhận 40.120 hồ sơ, "
            "cấp huyện tiếp nhận 21.330 hồ sơ.")
    got = _values(_facts(text, "province_office"))
    assert ("tthc_cases_received", "all", 98450) in got
    assert ("tthc_cases_received", "district_level", 21330) in got


def test_a_service_centre_report_gives_its_own_cases_the_centre_scope() -> None:
    text = "Trong quý, tiếp nhận 9.312 hồ sơ, đã giải quyết 9.120 hồ sơ; toàn tỉnh tiếp nhận 120.400 hồ sơ."
    got = _values(_facts(text, "province_department", unit="Trung tâm Phục vụ hành chính công tỉnh Yên Bái"))
    assert {("tthc_cases_received", "center", 9312), ("tthc_cases_resolved", "center", 9120),
            ("tthc_cases_received", "all", 120400)} <= got
    # the same sentence in a department's report stays the department's own
    got = _values(_facts(text, "province_department", unit="Sở Công Thương tỉnh Yên Bái"))
    assert ("tthc_cases_received", "all", 9312) in got


def test_a_bullet_opening_with_its_tier_scopes_every_figure_of_the_bullet() -> None:
    text = ("- Cấp huyện: tiếp nhận 5.204 hồ sơ (trực tuyến 3.918 hồ sơ), đã giải quyết 5.101 hồ sơ; "
            "tỷ lệ đúng hạn 98,9%.")
    got = _values(_facts(text, "district"))
    assert {("tthc_cases_received", "district_level", 5204), ("tthc_cases_online", "district_level", 3918),
            ("tthc_cases_resolved", "district_level", 5101), ("tthc_on_time_rate_pct", "district_level", 98.9)} <= got


# ---------------------------------------------------------------- 2. label-before-number lists
def test_procedures_listed_by_tier_with_the_label_first() -> None:
    text = ("Hiện nay, tổng số TTHC đang thực hiện là 2.015 thủ tục, trong đó: cấp tỉnh 1.541 TTHC; "
            "cấp huyện 289 TTHC; cấp xã 121 TTHC; ngành dọc 64 TTHC.")
    got = _values(_facts(text, "province_office"))
    assert {("tthc_procedures_total", "province_level", 1541), ("tthc_procedures_district", "district_level", 289),
            ("tthc_procedures_commune", "commune_level", 121),
            ("tthc_procedures_vertical_agencies", "all", 64)} <= _values(_facts(text, "province_office")) | got
    assert ("tthc_procedures_total", "all", 2015) in got


def test_a_rate_listed_by_tier_after_its_name() -> None:
    text = "Tỷ lệ số hóa hồ sơ, kết quả giải quyết: cấp tỉnh 91,2%; cấp huyện 83,5%; cấp xã 70,4%."
    got = _values(_facts(text, "province_office"))
    assert {("tthc_digitization_rate_pct", "province_level", 91.2),
            ("tthc_digitization_rate_pct", "district_level", 83.5),
            ("tthc_digitization_rate_pct", "commune_level", 70.4)} <= got


def test_online_services_split_without_repeating_online() -> None:
    text = "Tỉnh cung cấp 1.412 dịch vụ công trực tuyến, trong đó 598 dịch vụ toàn trình và 814 dịch vụ một phần."
    got = _codes_values(_facts(text, "province_office"))
    assert {("online_services_total", 1412), ("online_services_full", 598), ("online_services_partial", 814)} <= got


# ---------------------------------------------------------------- 3. wording variants
@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        ("Tiếp nhận 3.015 hồ sơ, trong đó trực tuyến toàn trình 402, một phần 2.117; trực tiếp 496 hồ sơ.",
         "district",
         {("tthc_cases_online_full", 402), ("tthc_cases_online_partial", 2117), ("tthc_cases_direct", 496)}),
        ("Hồ sơ nộp trực tuyến: toàn trình 288 hồ sơ, một phần 1.306 hồ sơ.", "district",
         {("tthc_cases_online_full", 288), ("tthc_cases_online_partial", 1306)}),
        ("Đã giải quyết 1.502 hồ sơ, trong đó sớm hạn 1.210 hồ sơ, đúng hạn 285 hồ sơ, quá hạn 7 hồ sơ.", "district",
         {("tthc_cases_resolved_early", 1210), ("tthc_cases_resolved_on_time", 285), ("tthc_cases_resolved_late", 7)}),
        ("Năm 2023 chuyển sang 41 hồ sơ; trong năm tiếp nhận mới 2.904 hồ sơ.", "commune",
         {("tthc_cases_carried_over", 41), ("tthc_cases_new", 2904)}),
        ("Kế hoạch CCHC năm 2025 của huyện đề ra 42 nhiệm vụ.", "district", {("cchc_plan_tasks_total", 42)}),
        ("Tỷ lệ CBCCVC được cấp chứng thư số: 100%.", "district", {("digital_signature_rate_pct", 100)}),
        ("Tỷ lệ văn bản đi được ký số, gửi trên môi trường mạng đạt 97,4%.", "province_department",
         {("e_document_rate_pct", 97.4)}),
        ("Số viên chức hưởng lương từ NSNN là 1.208 người.", "province_department", {("public_employee_actual", 1208)}),
        ("Năm nay thực hiện tinh giản biên chế 03 trường hợp.", "district", {("staff_streamlined", 3)}),
        ("Chi ngân sách ước đạt 18.540 triệu đồng (51,2%).", "commune",
         {("budget_expenditure_vnd_million", 18540), ("budget_expenditure_pct_of_estimate", 51.2)}),
        ("Tổng chi ngân sách thực hiện 4.310 triệu đồng (dự toán 7,5 tỷ đồng).", "commune",
         {("budget_expenditure_estimate_vnd_million", 7500)}),
    ],
)
def test_wording_variants(text: str, level: str, expected: set[tuple[str, float]]) -> None:
    assert expected <= _codes_values(_facts(text, level))


def test_commune_staff_with_cadre_split_and_quota() -> None:
    text = "Tổng số cán bộ, công chức là 57 người (cán bộ 19, công chức 38) trên tổng số 61 biên chế được giao."
    got = _values(_facts(text, "commune"))
    assert {("commune_staff_actual", "all", 57), ("commune_cadres_actual", "all", 19),
            ("commune_civil_servants_actual", "all", 38), ("commune_staff_quota", "all", 61)} <= got


def test_funding_sources_in_brackets_split_the_plan_and_the_total_stays_all() -> None:
    text = ("Kế hoạch vốn đầu tư công năm 2025 là 275,4 tỷ đồng (vốn ngân sách tỉnh 110,2 tỷ; "
            "vốn ngân sách huyện 165,2 tỷ).")
    got = _values(_facts(text, "district"))
    assert {("public_investment_plan_vnd_million", "all", 275400),
            ("public_investment_plan_vnd_million", "province_level", 110200),
            ("public_investment_plan_vnd_million", "district_level", 165200)} <= got


# ---------------------------------------------------------------- 4. codes without a pattern before
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hồ sơ giải quyết trước hạn 2.204 hồ sơ, chiếm 84,1%; đúng hạn 401 hồ sơ, chiếm 15,3%.",
         {("tthc_early_rate_pct", 84.1), ("tthc_on_time_only_rate_pct", 15.3)}),
        ("Tỷ lệ giải quyết trước hạn đạt 78,6%.", {("tthc_early_rate_pct", 78.6)}),
        ("Trong kỳ đã cấp 2.075 kết quả giải quyết TTHC điện tử.", {("e_results_issued", 2075)}),
        ("Tổng số văn bản đi là 5.102 văn bản, trong đó văn bản điện tử 5.020 văn bản.",
         {("documents_sent_total", 5102), ("documents_sent_electronic", 5020)}),
        ("Tiếp nhận 6 phản ánh, kiến nghị, trong đó 4 PAKN về quy định hành chính, 2 PAKN về hành vi hành chính.",
         {("tthc_feedback_on_regulations", 4), ("tthc_feedback_on_conduct", 2)}),
        ("Qua kiểm tra đã phát hiện 9 hạn chế, thiếu sót, đã khắc phục 7 hạn chế.",
         {("inspections_issues_found", 9), ("inspections_issues_resolved", 7)}),
        ("Số hồ sơ tiếp nhận tăng 315 hồ sơ so với quý trước.", {("tthc_cases_received_change_vs_prev_period", 315)}),
        ("Sở tổ chức xét tuyển 12 chỉ tiêu công chức.", {("civil_servants_recruitment_target", 12)}),
    ],
)
def test_codes_without_a_pattern_before(text: str, expected: set[tuple[str, float]]) -> None:
    assert expected <= _codes_values(_facts(text, "province_department"))


# ---------------------------------------------------------------- 6. distractors
@pytest.mark.parametrize(
    ("text", "level", "absent"),
    [
        ("So với cùng kỳ năm 2024, số hồ sơ mới tiếp nhận tăng 530 hồ sơ.", "district", 530),
        ("Năm 2023 phường chỉ tiếp nhận 2.870 hồ sơ.", "commune", 2870),
    ],
)
def test_changes_and_prior_year_figures_are_not_this_period_s_cases(text: str, level: str, absent: float) -> None:
    assert not any(f.indicator.startswith("tthc_cases") and f.value == absent and not f.indicator.endswith("_change")
                   and "change" not in f.indicator for f in _facts(text, level))


def test_online_payments_are_not_online_cases() -> None:
    got = _codes_values(_facts("Thanh toán phí, lệ phí trực tuyến: 1.318 hồ sơ.", "district"))
    assert ("online_payment_cases", 1318) in got
    assert ("tthc_cases_online", 1318) not in got


# ---------------------------------------------------------------- 7. two-line letterhead of a commune
@pytest.mark.parametrize(
    ("district", "commune", "unit", "district_name"),
    [
        ("UBND HUYỆN TRI TÔN", "UBND XÃ LƯƠNG AN TRÀ", "UBND xã Lương An Trà", "Tri Tôn"),
        ("UBND HUYỆN CHÂU THÀNH", "UBND XÃ VĨNH HANH TRUNG", "UBND xã Vĩnh Hanh Trung", "Châu Thành"),
    ],
)
def test_two_line_letterhead_names_the_commune_with_its_district(district: str, commune: str, unit: str,
                                                                  district_name: str) -> None:
    from ingest.metadata import extract_metadata

    text = "\n".join([
        district, commune, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 31/BC-UBND", "", "BÁO CÁO", "Kết quả công tác cải cách hành chính quý III năm 2024", "",
        f"Thực hiện chỉ đạo của UBND huyện {district_name.title()}, tỉnh An Giang, UBND xã báo cáo như sau:",
        "Trong quý, xã tiếp nhận 412 hồ sơ.",
    ])
    meta, _ = extract_metadata(_doc(text))
    assert meta.unit_level == "commune"
    assert meta.reporting_unit == unit
    assert meta.district == district_name
    assert meta.province == "An Giang"
