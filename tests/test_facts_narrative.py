"""Sentence patterns: each phrasing (and its natural variants) on short sentences written for these tests."""

from __future__ import annotations

import pytest

from ingest.facts import extract_facts
from ingest.models import Document, Fact, Line, ReportMeta


def _facts(text: str, level: str = "district") -> list[Fact]:
    lines = [Line(no=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]
    return extract_facts(Document(path="t.txt", format="txt", lines=lines), ReportMeta(unit_level=level))


def _values(facts: list[Fact]) -> set[tuple[str, str, float]]:
    return {(f.indicator, f.scope, round(f.value, 6)) for f in facts}


def test_case_counts_with_shares_and_separate_early_figures() -> None:
    facts = _facts(
        "Kết quả: tổng số hồ sơ tiếp nhận và xử lý là 8.412 hồ sơ, trong đó hồ sơ giải quyết trước hạn là "
        "6.950 hồ sơ chiếm tỷ lệ 82,6%; số hồ sơ giải quyết đúng hạn là 1.300 hồ sơ chiếm tỷ lệ 15,5%; số hồ sơ "
        "giải quyết trễ hạn là 162 hồ sơ chiếm tỷ lệ 1,9%."
    )
    assert {
        ("tthc_cases_received", "all", 8412),
        ("tthc_cases_resolved_early", "all", 6950),
        ("tthc_early_rate_pct", "all", 82.6),
        ("tthc_cases_resolved_on_time", "all", 1300),  # early reported apart: "đúng hạn" excludes early
        ("tthc_on_time_only_rate_pct", "all", 15.5),
        ("tthc_cases_resolved_late", "all", 162),
        ("tthc_late_rate_pct", "all", 1.9),
    } <= _values(facts)
    assert all(f.source == "narrative" and f.line == 1 for f in facts)
    late = next(f for f in facts if f.indicator == "tthc_cases_resolved_late")
    assert "162" in late.snippet and len(late.snippet.split()) <= 15


def test_early_and_on_time_together_and_open_cases() -> None:
    facts = _facts(
        "Trong kỳ đã giải quyết xong 2.140 hồ sơ, trong đó giải quyết trước và đúng hạn 2.050 hồ sơ (đạt 95,8%), "
        "quá hạn 90 hồ sơ; hồ sơ đang giải quyết 315 hồ sơ; có 24 hồ sơ trả lại do không đủ điều kiện."
    )
    assert {
        ("tthc_cases_resolved", "all", 2140),
        ("tthc_cases_resolved_early_or_on_time", "all", 2050),
        ("tthc_on_time_rate_pct", "all", 95.8),
        ("tthc_cases_resolved_late", "all", 90),
        ("tthc_cases_in_progress", "all", 315),
        ("tthc_cases_returned", "all", 24),
    } <= _values(facts)


def test_new_intake_carry_over_channels_and_year_to_date() -> None:
    facts = _facts(
        "Trong quý, Trung tâm Phục vụ hành chính công tiếp nhận 5.320 hồ sơ (lũy kế 15.008 hồ sơ), trong đó: "
        "3.870 hồ sơ trực tuyến (chiếm 72,74%, lũy kế 10.115 hồ sơ), hồ sơ qua dịch vụ bưu chính công ích: 214 hồ sơ "
        "(chiếm 4,02%); tồn kỳ trước chuyển sang 402 hồ sơ; tiếp nhận mới trong kỳ 4.918 hồ sơ.",
        level="province_office",
    )
    assert {
        ("tthc_cases_received", "center", 5320),
        ("tthc_cases_received_ytd", "center", 15008),
        ("tthc_cases_online", "center", 3870),
        ("tthc_online_rate_pct", "center", 72.74),
        ("tthc_cases_online_ytd", "center", 10115),
        ("tthc_cases_postal", "center", 214),
        ("tthc_postal_rate_pct", "center", 4.02),
        ("tthc_cases_carried_over", "center", 402),
        ("tthc_cases_new", "center", 4918),
    } <= _values(facts)
    assert not any(f.indicator == "tthc_cases_received" and f.value == 4918 for f in facts)


def test_rounded_counts_and_standalone_rates() -> None:
    facts = _facts("Bộ phận một cửa đã tiếp nhận 4,52 ngàn hồ sơ, tỷ lệ giải quyết đúng hạn 91,4%, trễ hạn 8,6%.")
    assert {
        ("tthc_cases_received", "all", 4520),
        ("tthc_on_time_rate_pct", "all", 91.4),
        ("tthc_late_rate_pct", "all", 8.6),
    } <= _values(facts)
    received = next(f for f in facts if f.indicator == "tthc_cases_received")
    assert "rounded" in (received.note or "")
    assert not any(f.indicator == "tthc_cases_resolved_late" for f in facts)  # a count never takes a percentage


def test_tiers_in_a_district_report() -> None:
    facts = _facts(
        "Tỷ lệ hồ sơ TTHC cấp huyện giải quyết đúng hạn đạt 97,1%; tỷ lệ hồ sơ TTHC cấp xã giải quyết đúng hạn đạt "
        "99,2%.\nHiện có 287 TTHC cấp huyện và 109 TTHC cấp xã; đã tuyển dụng 03 công chức cấp xã; 12 viên chức "
        "sự nghiệp y tế."
    )
    assert {
        ("tthc_on_time_rate_pct", "district_level", 97.1),
        ("tthc_on_time_rate_pct", "commune_level", 99.2),
        ("tthc_procedures_district", "district_level", 287),
        ("tthc_procedures_commune", "commune_level", 109),
        ("civil_servants_recruited", "commune_level", 3),
        ("public_employees_recruited", "all", 12),
    } <= _values(facts)


def test_tiers_in_a_provincial_report() -> None:
    facts = _facts(
        "Hệ thống một cửa điện tử của tỉnh kết nối tới 100% sở, ngành cấp tỉnh, 100% UBND cấp huyện và 96% UBND "
        "cấp xã.",
        level="province_office",
    )
    assert {
        ("one_stop_system_connected_rate_pct", "province_level", 100),
        ("one_stop_system_connected_rate_pct", "district_level", 100),
        ("one_stop_system_connected_rate_pct", "commune_level", 96),
    } <= _values(facts)


def test_plan_and_remediation_progress() -> None:
    facts = _facts(
        "UBND huyện ban hành Kế hoạch cải cách hành chính năm 2024 gồm 45 nhiệm vụ; đến nay đã hoàn thành 30/45 "
        "nhiệm vụ, đạt 66,7% kế hoạch.\nKế hoạch khắc phục, nâng cao Chỉ số CCHC năm 2024 có 12 nội dung khắc phục, "
        "đã thực hiện 5/12 nội dung, đạt 41,7% kế hoạch."
    )
    assert {
        ("cchc_plan_tasks_total", "all", 45),
        ("cchc_plan_tasks_done", "all", 30),
        ("cchc_plan_completion_pct", "all", 66.7),
        ("cchc_remediation_tasks_total", "all", 12),
        ("cchc_remediation_tasks_done", "all", 5),
        ("cchc_remediation_completion_pct", "all", 41.7),
    } <= _values(facts)
    assert sum(1 for f in facts if f.indicator == "cchc_plan_tasks_total") == 1  # "30/45" restates the total


def test_money_conversion_and_funding_tiers() -> None:
    facts = _facts(
        "Tổng số vốn đầu tư công năm 2024 được giao 120,5 tỷ đồng, giải ngân đến hết tháng 6 ước đạt 48,2 tỷ đồng, "
        "đạt 40% kế hoạch vốn.\n"
        "+ Vốn ngân sách huyện: thực hiện giải ngân 6.350/15.200 triệu đồng, đạt 41,78% so với kế hoạch vốn.\n"
        "Thu ngân sách trên địa bàn thực hiện đến ngày 30/6/2024 là 1.204.500.000 đồng, đạt 52,3% dự toán."
    )
    assert {
        ("public_investment_plan_vnd_million", "all", 120500),
        ("public_investment_disbursed_vnd_million", "all", 48200),
        ("public_investment_disbursement_pct", "all", 40),
        ("public_investment_disbursed_vnd_million", "district_level", 6350),
        ("public_investment_plan_vnd_million", "district_level", 15200),
        ("public_investment_disbursement_pct", "district_level", 41.78),
        ("budget_revenue_vnd_million", "all", 1204.5),
        ("budget_revenue_pct_of_estimate", "all", 52.3),
    } <= _values(facts)
    disbursed = next(f for f in facts if f.indicator == "public_investment_disbursed_vnd_million" and f.scope == "all")
    assert "ước đạt" in (disbursed.note or "")


def test_par_index_scores_ranks_and_decimal_dots() -> None:
    facts = _facts(
        "Kết quả năm 2023, Chỉ số CCHC của huyện đạt 84,35 điểm, xếp thứ 3/8 huyện, thành phố; tăng 2 bậc so với "
        "năm 2022.\n2. Chỉ số về cải cách thủ tục hành chính năm 2023 là 12.346/14 điểm, đạt chỉ số 88.19 %, xếp vị "
        "trí thứ 2."
    )
    values = _values(facts)
    assert {
        ("par_index_score", "all", 84.35),
        ("par_index_rank", "all", 3),
        ("par_index_rank_change", "all", 2),
        ("par_component_score", "all", 12.346),
        ("par_component_pct", "all", 88.19),
        ("par_component_rank", "all", 2),
    } <= values
    rank = next(f for f in facts if f.indicator == "par_index_rank")
    assert "8" in (rank.note or "")
    score = next(f for f in facts if f.indicator == "par_component_score")
    assert "14" in (score.note or "") and "decimal" in (score.note or "")


def test_staffing_and_training_lists() -> None:
    facts = _facts(
        "Biên chế hành chính được giao năm 2024 là 75 chỉ tiêu, đã thực hiện là 68 chỉ tiêu; số người làm việc "
        "được giao 910 chỉ tiêu, đã thực hiện tuyển dụng 842 viên chức.\n"
        "Trong kỳ, cử 15 công chức tham gia lớp bồi dưỡng quản lý nhà nước; 02 viên chức tham gia đào tạo trình độ "
        "thạc sĩ."
    )
    assert {
        ("civil_servant_quota", "all", 75),
        ("civil_servant_actual", "all", 68),
        ("public_employee_quota", "all", 910),
        ("public_employee_actual", "all", 842),
        ("staff_trained", "all", 15),
        ("staff_trained", "all", 2),
    } <= _values(facts)


def test_words_for_zero_qualifiers_and_repeated_figures() -> None:
    facts = _facts(
        "Trong kỳ không có phản ánh, kiến nghị nào của cá nhân, tổ chức về quy định hành chính.\n"
        "Hiện nay có trên 90% văn bản được ký số và trao đổi qua hệ thống quản lý văn bản.\n"
        "Tỷ lệ sử dụng văn bản điện tử đạt 97%."
    )
    values = _values(facts)
    assert ("tthc_feedback_received", "all", 0) in values
    edoc = sorted(f.value for f in facts if f.indicator == "e_document_rate_pct")
    assert edoc == [90, 97]  # stated twice with different values: two facts
    bounded = next(f for f in facts if f.indicator == "e_document_rate_pct" and f.value == 90)
    assert "trên" in (bounded.note or "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Phấn đấu đến cuối năm tỷ lệ giải quyết hồ sơ đúng hạn đạt 100%.",
        "Một số đơn vị chưa đạt 100% tỷ lệ văn bản điện tử.",
        "Tiêu chí yêu cầu (có từ 50% TTHC trở lên có phát sinh hồ sơ trực tuyến).",
        "Theo Quyết định số 1204/QĐ-UBND ngày 12/5/2024, thực hiện trong 06 tháng đầu năm 2024.",
    ],
)
def test_targets_negations_thresholds_and_ids_are_not_results(sentence: str) -> None:
    assert _facts(sentence) == []


def test_units_follow_the_catalogue_and_codes_exist() -> None:
    from ingest.catalog import load_catalog, unit_of

    facts = _facts(
        "Đã phục vụ 18 hội nghị trực tuyến; lắp đặt 25 điểm Wifi công cộng miễn phí với tổng kinh phí 310.000.000 "
        "đồng; tốc độ truy cập trung bình khoảng 80 Mbps."
    )
    catalog = load_catalog()
    assert {("online_conferences_served", "all", 18), ("public_wifi_hotspots", "all", 25),
            ("public_wifi_investment_vnd_million", "all", 310), ("broadband_speed_mbps", "all", 80)} <= _values(facts)
    for f in facts:
        assert f.indicator in catalog and f.unit == unit_of(f.indicator)


def test_channel_lists_open_case_splits_and_changes() -> None:
    facts = _facts(
        "Tổng số hồ sơ tiếp nhận: 9.876 hồ sơ (trực tuyến: 6.002 hồ sơ; trực tiếp: 3.874 hồ sơ), tăng 321 hồ sơ so "
        "với quý trước.\nHiện đang giải quyết 845 hồ sơ (trong hạn 801 hồ sơ, quá hạn 44 hồ sơ); đã số hóa 5.410 "
        "hồ sơ, tỷ lệ số hóa đạt 54,8%."
    )
    assert {
        ("tthc_cases_received", "all", 9876),
        ("tthc_cases_online", "all", 6002),
        ("tthc_cases_direct", "all", 3874),
        ("tthc_cases_received_change_vs_prev_period", "all", 321),
        ("tthc_cases_in_progress", "all", 845),
        ("tthc_cases_in_progress_within_deadline", "all", 801),
        ("tthc_cases_in_progress_overdue", "all", 44),
        ("tthc_cases_digitized", "all", 5410),
        ("tthc_digitization_rate_pct", "all", 54.8),
    } <= _values(facts)
    assert not any(f.indicator == "tthc_cases_resolved_late" for f in facts)  # open overdue cases, not resolved


def test_online_service_lists_and_index_ranks() -> None:
    facts = _facts(
        "Tỉnh cung cấp 1.532 dịch vụ công trực tuyến, trong đó toàn trình 918, một phần 614.\n"
        "Chỉ số PAPI năm 2023 xếp thứ 21/63, giảm 3 bậc; chỉ số SIPAS đạt 83,9%.",
        level="province_office",
    )
    assert {
        ("online_services_total", "province_level", 1532),
        ("online_services_full", "province_level", 918),
        ("online_services_partial", "province_level", 614),
        ("papi_rank", "all", 21),
        ("papi_rank_change", "all", -3),
    } <= _values(facts)
    assert any(f.indicator == "sipas_index_pct" and f.value == 83.9 for f in facts)


def test_long_wording_after_a_figure_in_a_longer_paragraph() -> None:
    facts = _facts(
        "Năm nay, bình quân khoảng 70% các cuộc họp trực tuyến của Trung ương, của tỉnh, của huyện được UBND huyện "
        "kết nối đến UBND các xã. Những cuộc họp khác được tổ chức tập trung tại hội trường theo yêu cầu của nhiệm "
        "vụ, bảo đảm đúng thành phần và thời gian quy định của cấp trên."
    )
    meetings = [f for f in facts if f.indicator == "online_meetings_commune_connected_pct"]
    assert [f.value for f in meetings] == [70] and "khoảng" in (meetings[0].note or "")
