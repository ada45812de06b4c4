"""Phrasing variants of the same figures (word order, optional nouns, brackets vs "chiếm", nghìn/ngàn),
written for these tests in the style of reports from other provinces; one test per family."""

from __future__ import annotations

import pytest

from ingest.facts import extract_facts
from ingest.models import Document, Fact, Line, ReportMeta


def _facts(text: str, level: str = "district") -> list[Fact]:
    lines = [Line(no=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]
    return extract_facts(Document(path="t.txt", format="txt", lines=lines), ReportMeta(unit_level=level))


def _values(facts: list[Fact]) -> set[tuple[str, str, float]]:
    return {(f.indicator, f.scope, round(f.value, 6)) for f in facts}


def _codes_values(facts: list[Fact]) -> set[tuple[str, float]]:
    return {(f.indicator, round(f.value, 6)) for f in facts}


# ---------------------------------------------------------------- staffing
@pytest.mark.parametrize(
    "text",
    [
        "Năm nay, Ban được giao 27 biên chế công chức và 15 số lượng người làm việc; hiện có mặt 25 công chức "
        "và 14 viên chức.",
        "Năm nay, Ban được giao 27 biên chế công chức, 15 số lượng người làm việc. Tại thời điểm báo cáo, "
        "có mặt 25 công chức, 14 viên chức.",
    ],
)
def test_quota_and_people_in_post_in_other_orders(text: str) -> None:
    got = _codes_values(_facts(text, "province_department"))
    assert {
        ("civil_servant_quota", 27),
        ("public_employee_quota", 15),
        ("civil_servant_actual", 25),
        ("public_employee_actual", 14),
    } <= got


@pytest.mark.parametrize(
    ("text", "level", "quota", "actual"),
    [
        ("Tổng số cán bộ, công chức của thị trấn được giao là 19 người, hiện có 18 người.", "commune",
         "commune_staff_quota", "commune_staff_actual"),
        ("Sau sắp xếp, xã được giao 40 biên chế cán bộ, công chức; hiện có 44 người.", "commune",
         "commune_staff_quota", "commune_staff_actual"),
        ("Số lượng cán bộ, công chức cấp xã được giao 312 người; hiện có 297 người.", "district",
         "commune_staff_quota", "commune_staff_actual"),
        ("Phòng được giao 12 biên chế công chức, hiện có 11 công chức.", "district",
         "civil_servant_quota", "civil_servant_actual"),
    ],
)
def test_staff_quota_then_headcount(text: str, level: str, quota: str, actual: str) -> None:
    got = _values(_facts(text, level))
    scope = "all" if level == "commune" else "commune_level" if quota.startswith("commune") else "all"
    assert (quota, scope, 19 if "thị trấn" in text else 40 if "xã được giao 40" in text else
            312 if "312" in text else 12) in got
    assert any(code == actual for code, _, _ in got)


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("Huyện được giao 81 biên chế công chức (giảm 3 biên chế so với năm trước).", "civil_servant_quota_change", -3),
        ("Số lượng người làm việc trong các đơn vị sự nghiệp được giao là 2.140 người, giảm 64 chỉ tiêu so với "
         "năm 2022.", "public_employee_quota_change", -64),
        ("Sở được giao 40 biên chế công chức; 1.920 số lượng người làm việc hưởng lương từ ngân sách "
         "(tăng 12 người so với năm trước).", "public_employee_quota_change", 12),
    ],
)
def test_quota_changes_are_signed(text: str, code: str, value: float) -> None:
    assert (code, value) in _codes_values(_facts(text, "province_department"))


@pytest.mark.parametrize(
    "text",
    [
        "Trong kỳ, không có cán bộ, công chức, viên chức bị xử lý kỷ luật.",
        "Trong quý không có công chức, viên chức bị kỷ luật.",
        "Chưa có trường hợp cán bộ, công chức vi phạm phải xử lý.",
    ],
)
def test_discipline_stated_as_none(text: str) -> None:
    assert ("staff_disciplined", 0) in _codes_values(_facts(text))


def test_discipline_counted_after_the_verb() -> None:
    got = _codes_values(_facts("Trong năm đã xử lý kỷ luật 07 công chức, viên chức vi phạm."))
    assert ("staff_disciplined", 7) in got


def test_public_service_units_and_funding_categories() -> None:
    text = (
        "Sở quản lý 21 đơn vị sự nghiệp công lập, trong đó: 01 đơn vị tự bảo đảm chi thường xuyên và chi đầu tư; "
        "04 đơn vị tự bảo đảm chi thường xuyên; 11 đơn vị tự bảo đảm một phần chi thường xuyên; 05 đơn vị do "
        "Nhà nước bảo đảm chi thường xuyên."
    )
    got = _codes_values(_facts(text, "province_department"))
    assert {
        ("public_service_units_total", 21),
        ("psu_self_funded_full", 1),
        ("psu_self_funded_regular", 4),
        ("psu_self_funded_partial", 11),
        ("psu_state_funded", 5),
    } <= got
    # a count never takes the code of the category written before it
    assert ("psu_self_funded_full", 4) not in got


def test_transferred_from_a_district_is_not_district_scope() -> None:
    facts = _facts("Trong kỳ, Sở tiếp nhận 02 công chức từ UBND huyện Đông Sơn chuyển đến.", "province_department")
    assert ("staff_transferred_in", "all", 2) in _values(facts)


# ---------------------------------------------------------------- cases
@pytest.mark.parametrize(
    "text",
    [
        "Bộ phận Một cửa tiếp nhận 2.400 hồ sơ, trong đó: trực tuyến 1.500 hồ sơ, chiếm 62,5%; trực tiếp 800 hồ sơ; "
        "qua dịch vụ bưu chính công ích 100 hồ sơ (4,2%).",
        "Bộ phận Một cửa tiếp nhận 2.400 hồ sơ. Trong đó: trực tuyến 1.500 hồ sơ (chiếm 62,5%); nộp trực tiếp tại "
        "Bộ phận Một cửa 800 hồ sơ; qua bưu chính 100 hồ sơ (4,2%).",
    ],
)
def test_intake_channels_with_the_share_after_the_count(text: str) -> None:
    got = _codes_values(_facts(text))
    assert {
        ("tthc_cases_received", 2400),
        ("tthc_cases_online", 1500),
        ("tthc_online_rate_pct", 62.5),
        ("tthc_cases_direct", 800),
        ("tthc_cases_postal", 100),
        ("tthc_postal_rate_pct", 4.2),
    } <= got


@pytest.mark.parametrize("word", ["nghìn", "ngàn"])
def test_tier_split_in_brackets_with_thousands_word(word: str) -> None:
    text = (f"Trong kỳ, toàn tỉnh tiếp nhận 250,5 {word} hồ sơ (cấp tỉnh 60,2 {word}; cấp huyện 80,1 {word}; "
            f"cấp xã 110,2 {word}).")
    facts = _facts(text, "province_office")
    got = _values(facts)
    assert {
        ("tthc_cases_received", "province_level", 60200),
        ("tthc_cases_received", "district_level", 80100),
        ("tthc_cases_received", "commune_level", 110200),
    } <= got
    assert all(f.note and "rounded" in f.note for f in facts if f.indicator == "tthc_cases_received")


def test_centre_figures_year_to_date_and_change() -> None:
    text = (
        "Trong quý, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 12.500 hồ sơ (lũy kế năm 2024: 48.300 hồ sơ), "
        "tăng 640 hồ sơ so với quý trước; đã giải quyết 12.100 hồ sơ (lũy kế 47.000 hồ sơ)."
    )
    got = _values(_facts(text, "province_office"))
    assert {
        ("tthc_cases_received", "center", 12500),
        ("tthc_cases_received_ytd", "center", 48300),
        ("tthc_cases_received_change_vs_prev_period", "center", 640),
        ("tthc_cases_resolved", "center", 12100),
        ("tthc_cases_resolved_ytd", "center", 47000),
    } <= got


def test_change_against_a_named_quarter_is_signed() -> None:
    got = _codes_values(_facts("Tiếp nhận 3.100 hồ sơ, giảm 210 hồ sơ so với quý II/2024."))
    assert ("tthc_cases_received_change_vs_prev_period", -210) in got


@pytest.mark.parametrize(
    "text",
    [
        "Cùng kỳ năm trước, Bộ phận Một cửa tiếp nhận 1.870 hồ sơ.",
        "Cùng kỳ năm 2023, huyện đã giải quyết 1.870 hồ sơ.",
    ],
)
def test_same_period_last_year_is_a_comparison(text: str) -> None:
    got = _codes_values(_facts(text))
    assert not any(v == 1870 for _, v in got)


def test_comparison_clause_does_not_hide_this_periods_figures() -> None:
    got = _codes_values(_facts("Trong quý tiếp nhận 2.000 hồ sơ, tăng 5% so với cùng kỳ; đã giải quyết 1.950 hồ sơ."))
    assert {("tthc_cases_received", 2000), ("tthc_cases_resolved", 1950)} <= got


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        # early given separately: a stated rate is still the canonical (early-included) rate
        ("Đã giải quyết 1.000 hồ sơ, trong đó trước hạn 700 hồ sơ, đúng hạn 290 hồ sơ, quá hạn 10 hồ sơ; "
         "tỷ lệ giải quyết đúng hạn đạt 99,0%.", 99.0),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn (gồm cả trước hạn) đạt 98,7%; còn 12 hồ sơ đang giải quyết.", 98.7),
        ("Số hồ sơ đã giải quyết: 5.000 hồ sơ, trong đó đúng và trước hạn 4.960 hồ sơ, tỷ lệ 99,2%.", 99.2),
    ],
)
def test_on_time_rate_is_canonical(text: str, rate: float) -> None:
    got = _codes_values(_facts(text))
    assert ("tthc_on_time_rate_pct", rate) in got
    assert not any(code == "tthc_on_time_only_rate_pct" for code, _ in got)


def test_on_time_only_share_follows_the_on_time_count() -> None:
    got = _codes_values(_facts("Giải quyết trước hạn 700 hồ sơ; đúng hạn 290 hồ sơ, chiếm 29%; quá hạn 10 hồ sơ."))
    assert {("tthc_cases_resolved_on_time", 290), ("tthc_on_time_only_rate_pct", 29)} <= got


def test_online_levels_and_rates() -> None:
    text = ("Tỷ lệ hồ sơ nộp trực tuyến toàn tỉnh đạt 55,1%, trong đó trực tuyến toàn trình 2.010 hồ sơ, trực tuyến "
            "một phần 4.200 hồ sơ.")
    got = _codes_values(_facts(text, "province_office"))
    assert {("tthc_online_rate_pct", 55.1), ("tthc_cases_online_full", 2010),
            ("tthc_cases_online_partial", 4200)} <= got


def test_feedback_received_resolved_open_and_none() -> None:
    got = _codes_values(_facts(
        "Cổng tiếp nhận 58 phản ánh, kiến nghị; đã trả lời xong 50 phản ánh, kiến nghị (đạt 86,2%), 8 PAKN đang "
        "xử lý."))
    assert {("tthc_feedback_received", 58), ("tthc_feedback_resolved", 50),
            ("tthc_feedback_resolution_rate_pct", 86.2), ("tthc_feedback_in_progress", 8)} <= got
    assert ("tthc_feedback_received", 0) in _codes_values(_facts("Trong kỳ, đơn vị không tiếp nhận phản ánh, "
                                                                  "kiến nghị nào về quy định hành chính."))


# ---------------------------------------------------------------- money
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kế hoạch vốn đầu tư công được giao 150 tỷ đồng; giải ngân đến thời điểm báo cáo 37,5 tỷ đồng.", 37500),
        ("Đến ngày 30/6, đã giải ngân 42.310 triệu đồng, đạt 28,2% kế hoạch vốn.", 42310),
    ],
)
def test_disbursement_to_date(text: str, value: float) -> None:
    assert ("public_investment_disbursed_vnd_million", value) in _codes_values(_facts(text))


def test_investment_plan_and_its_funding_sources() -> None:
    text = ("Tổng kế hoạch vốn đầu tư công năm 2024 của huyện là 240,8 tỷ đồng, trong đó vốn ngân sách tỉnh "
            "150 tỷ đồng, vốn ngân sách huyện 90,8 tỷ đồng.")
    got = _values(_facts(text))
    assert {
        ("public_investment_plan_vnd_million", "all", 240800),
        ("public_investment_plan_vnd_million", "province_level", 150000),
        ("public_investment_plan_vnd_million", "district_level", 90800),
    } <= got


@pytest.mark.parametrize("sep", ["/", " / "])
def test_target_programme_pair_with_units_on_both_sides(sep: str) -> None:
    text = f"Vốn các Chương trình mục tiêu quốc gia giải ngân 310,2 tỷ đồng{sep}500 tỷ đồng, đạt 62,0%."
    got = _codes_values(_facts(text, "province_office"))
    assert {("ntp_disbursed_vnd_million", 310200), ("ntp_plan_vnd_million", 500000),
            ("ntp_disbursement_pct", 62.0)} <= got


def test_target_programme_plan_with_capital_kinds() -> None:
    text = ("Chương trình MTQG xây dựng nông thôn mới: kế hoạch 40.000 triệu đồng (vốn đầu tư 30.000 triệu đồng, "
            "vốn sự nghiệp 10.000 triệu đồng), đã giải ngân 9.000 triệu đồng, đạt 22,5%.")
    got = _codes_values(_facts(text))
    assert {("ntp_plan_vnd_million", 40000), ("ntp_investment_plan_vnd_million", 30000),
            ("ntp_recurrent_plan_vnd_million", 10000), ("ntp_disbursed_vnd_million", 9000),
            ("ntp_disbursement_pct", 22.5)} <= got


@pytest.mark.parametrize(
    "text",
    [
        "Dự toán chi ngân sách năm 2024 giao cho đơn vị là 9.800 triệu đồng; đã thực hiện chi 2.450 triệu đồng, "
        "đạt 25,0% dự toán.",
        "Tổng dự toán chi ngân sách được giao: 9,8 tỷ đồng; ước thực hiện đến cuối kỳ đạt 2,45 tỷ đồng, đạt 25,0% "
        "dự toán.",
    ],
)
def test_expenditure_estimate_is_not_spending(text: str) -> None:
    got = _codes_values(_facts(text, "province_department"))
    assert ("budget_expenditure_estimate_vnd_million", 9800) in got
    assert ("budget_expenditure_vnd_million", 2450) in got
    assert ("budget_expenditure_vnd_million", 9800) not in got


# ---------------------------------------------------------------- direction
@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch CCHC năm 2024 của huyện có 30 nhiệm vụ; đến nay đã hoàn thành 12 nhiệm vụ, đạt 40%.",
        "Kế hoạch cải cách hành chính năm 2024 gồm 30 nhiệm vụ. Lũy kế đến hết quý, đã thực hiện xong 12 nhiệm vụ "
        "(đạt 40%).",
    ],
)
def test_plan_completion_without_a_pair(text: str) -> None:
    got = _codes_values(_facts(text))
    assert {("cchc_plan_tasks_total", 30), ("cchc_plan_tasks_done", 12), ("cchc_plan_completion_pct", 40)} <= got


def test_assigned_tasks_done_late_are_not_late_cases() -> None:
    text = ("Số nhiệm vụ UBND tỉnh giao trong kỳ là 420 nhiệm vụ; đã hoàn thành đúng hạn 380 nhiệm vụ, hoàn thành "
            "quá hạn 15 nhiệm vụ.")
    got = _codes_values(_facts(text, "province_department"))
    assert {("assigned_tasks_total", 420), ("assigned_tasks_done_on_time", 380),
            ("assigned_tasks_done_late", 15)} <= got
    assert not any(code.startswith("tthc_") for code, _ in got)


def test_inspections_split_by_tier() -> None:
    got = _values(_facts("Trong kỳ, đã kiểm tra công tác CCHC tại 05 sở, ngành và 04 UBND cấp huyện.",
                         "province_office"))
    assert {("inspections_units_checked", "province_level", 5),
            ("inspections_units_checked", "district_level", 4)} <= got


# ---------------------------------------------------------------- procedures, indices, e-government
def test_publication_and_procedure_lists() -> None:
    text = ("Chủ tịch UBND tỉnh ban hành 21 quyết định công bố danh mục 240 TTHC (trong đó 90 TTHC mới ban hành). "
            "Tổng số TTHC của tỉnh gồm: 1.300 TTHC cấp tỉnh, 290 TTHC cấp huyện.")
    got = _codes_values(_facts(text, "province_office"))
    assert {("tthc_publication_decisions", 21), ("tthc_procedures_published", 240),
            ("tthc_procedures_published_new", 90), ("tthc_procedures_total", 1300),
            ("tthc_procedures_district", 290)} <= got


def test_online_payment_pair_and_rate() -> None:
    got = _codes_values(_facts("Số TTHC đã tích hợp thanh toán trực tuyến là 820/1.000 TTHC có thu phí, lệ phí, "
                               "đạt 82%.", "province_office"))
    assert {("online_payment_procedures", 820), ("tthc_procedures_with_fees", 1000),
            ("online_payment_rate_pct", 82)} <= got


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("Chỉ số CCHC năm 2023 của tỉnh đạt 85,4%, xếp thứ 11/63.", "par_index_pct", 85.4),
        ("Kết quả Chỉ số CCHC năm 2023: Sở Xây dựng đạt 86,12 điểm, xếp thứ 6/20 sở, ngành.", "par_index_score",
         86.12),
        ("Tỷ lệ cấp kết quả giải quyết TTHC điện tử đạt 91,3%.", "e_result_rate_pct", 91.3),
        ("Tỷ lệ hồ sơ được số hóa khi tiếp nhận đạt 88,8%.", "tthc_digitization_rate_pct", 88.8),
        ("Tỷ lệ hồ sơ thanh toán trực tuyến đạt 64,5%.", "online_payment_case_rate_pct", 64.5),
        ("Mức độ hài lòng của tổ chức, cá nhân đối với việc giải quyết TTHC đạt 97,9%.", "satisfaction_rate_pct",
         97.9),
        ("Hệ thống ghi nhận 98,8% lượt đánh giá hài lòng.", "satisfaction_rate_pct", 98.8),
        ("100% công chức được cấp chứng thư số cá nhân.", "digital_signature_rate_pct", 100),
        ("100% văn bản đi của đơn vị (trừ văn bản mật) được ký số.", "e_document_rate_pct", 100),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 35,2% (chỉ tiêu tỉnh giao 50%).", "tthc_online_full_rate_target_pct",
         50),
    ],
)
def test_rates_and_indices(text: str, code: str, value: float) -> None:
    assert (code, value) in _codes_values(_facts(text, "province_department"))


def test_targets_are_never_results() -> None:
    got = _codes_values(_facts("Phấn đấu tỷ lệ hồ sơ trực tuyến toàn trình đạt 60%.", "province_department"))
    assert not any(v == 60 for code, v in got if not code.endswith("_target_pct"))
    assert ("tthc_online_full_rate_target_pct", 60) in got  # the goal is read, by its target code only


@pytest.mark.parametrize("sep", [", ", "; ", " và "])
def test_rate_continued_for_the_next_tier(sep: str) -> None:
    got = _values(_facts(f"Tỷ lệ văn bản điện tử cấp huyện đạt 97,1%{sep}cấp xã đạt 92,4%."))
    assert {("e_document_rate_pct", "district_level", 97.1), ("e_document_rate_pct", "commune_level", 92.4)} <= got


def test_legal_documents_checked_and_to_fix() -> None:
    got = _codes_values(_facts("Sở tự kiểm tra 18 văn bản QPPL, phát hiện 03 văn bản có nội dung cần xử lý.",
                               "province_department"))
    assert {("legal_docs_checked", 18), ("legal_docs_to_fix_after_check", 3)} <= got
