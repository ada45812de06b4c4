"""Cross-fact rules of rules.md §1, evaluated within one report (pure Python, no database, no GX).

``evaluate_report(ReportFacts) -> list[Finding]`` runs every rule; ``RULE_TEXT`` names each rule id.
"""

from __future__ import annotations

from expectations.models import Finding
from expectations.rules import arithmetic, period, values
from expectations.rules.base import ReportFacts

ALL_RULES = [*arithmetic.RULES, *values.RULES, *period.RULES]

RULE_TEXT: dict[str, tuple[str, str]] = {
    "H1": ("Tỷ lệ ngoài 0–100", "Percentage outside 0–100"),
    "H2": ("Tỷ lệ mâu thuẫn với các thành phần", "Stated rate contradicts its parts"),
    "H3": ("Phần lớn hơn tổng", "Part larger than its whole"),
    "H4": ("Các phần không cộng đủ tổng", "Breakdown does not add up"),
    "H5": ("Nhầm đơn vị tiền", "Money unit slip"),
    "H6": ("Mã trạng thái ngoài danh mục", "Status code outside its code list"),
    "H7": ("Ngày không hợp lệ", "Invalid or impossible date"),
    "H8": ("Lũy kế đi lùi", "Cumulative value goes backwards"),
    "H9": ("Cộng trùng khi hợp nhất", "Consolidation would double count"),
    "H10": ("Cấp huyện sau 01/7/2025", "District tier after 1 July 2025"),
    "W1": ("Mẫu số khác", "Alternative denominator"),
    "W2": ("Lệch nhỏ giữa phần và tổng", "Small count gap"),
    "W3": ("Cân đối hồ sơ không khớp", "Flow balance gap"),
    "W4": ("Chưa rõ cơ sở số tiếp nhận", "Basis of received cases unresolved"),
    "W5": ("Hai giá trị cho một chỉ tiêu", "Two values for the same quantity"),
    "W6": ("Đảo mức độ dịch vụ công", "Online-service levels swapped"),
    "W7": ("Vượt biên chế", "More people in post than the quota"),
    "W8": ("Đơn vị trong biểu mâu thuẫn", "Unit column contradicts the code's unit"),
    "W9": ("Giá trị ước tính", "Approximate or bounded value"),
    "W10": ("Kỳ số liệu không thống nhất", "Period disagreement"),
    "W11": ("Không liên tục giữa các kỳ", "Continuity across reports"),
    "W12": ("Số học chỉ số CCHC", "Index arithmetic"),
    "N1": ("Dấu \".\" đọc là dấu thập phân", "'.' read as the decimal mark"),
    "S1": ("Phạm vi mâu thuẫn với trích dẫn", "Scope contradicts the quoted tier"),
    "F1": ("Mã chỉ tiêu không có trong danh mục", "Unknown indicator code"),
    "F2": ("Đơn vị khác đơn vị của mã", "Unit differs from the code's unit"),
    "F3": ("Số đếm âm hoặc không nguyên", "Count negative or not whole"),
    "F4": ("Phạm vi/nguồn không hợp lệ", "Invalid scope or source"),
    "M1": ("Thiếu đơn vị báo cáo", "Reporting unit missing"),
    "M2": ("Cấp đơn vị không hợp lệ", "Invalid unit level"),
    "M3": ("Thiếu tỉnh", "Province missing"),
    "M4": ("Loại kỳ không hợp lệ", "Invalid period type"),
    "M5": ("Năm không hợp lệ", "Invalid year"),
    "M6": ("Kỳ số liệu không hợp lệ", "Invalid data window"),
}


def evaluate_report(rf: ReportFacts) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for rule in ALL_RULES:
        for f in rule(rf):
            key = (f.rule_id, frozenset(f.fact_ids), f.line) if f.fact_ids else (f.rule_id, f.message_en, f.line)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return sorted(findings, key=Finding.sort_key)


__all__ = ["ALL_RULES", "RULE_TEXT", "ReportFacts", "evaluate_report"]
