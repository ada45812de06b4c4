"""Statistical-form row labels → indicator codes (``indicators.md`` §12).

Row numbers are unreliable (provinces renumber, rows repeat), so rows are matched on their label, with the
parent row's label where the label alone is generic ("Đã thực hiện" under "giải ngân vốn đầu tư công").
Matching is by regular expression on the normalised label first, then fuzzy (rapidfuzz) against the official
wording for labels with typing slips.

Columns: a form gives one value ("Số liệu") or three ("Số liệu tổng / đã thực hiện / Tỷ lệ (%)"). ``roles``
says which code each of the three columns carries; a one-value form uses ``code``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class FormLabel:
    code: str | None
    pattern: re.Pattern[str]
    canonical: str
    parent: re.Pattern[str] | None = None
    roles: dict[str, str] = field(default_factory=dict)
    commune: dict[str, str] = field(default_factory=dict)  # code replacements in commune reports
    note: str | None = None


def _e(
    code: str | None,
    pattern: str,
    canonical: str,
    parent: str | None = None,
    roles: dict[str, str] | None = None,
    commune: dict[str, str] | None = None,
    note: str | None = None,
) -> FormLabel:
    return FormLabel(
        code=code,
        pattern=re.compile(pattern),
        canonical=canonical,
        parent=re.compile(parent) if parent else None,
        roles=roles or {},
        commune=commune or {},
        note=note,
    )


_VB = r"(?:văn bản quy phạm pháp luật|vbqppl|văn bản qppl)"
_TT = r"(?:tthc|thủ tục hành chính|thủ tục)"
_HS = r"(?:hồ sơ)"
_DVSN = r"(?:đơn vị sự nghiệp công lập|đvsncl|đvsn công lập|đvsn|đơn vị sự nghiệp|đơn vị snc?l)"
_ONLINE_L3 = r"trực tuyến mức độ 3(?! và| ,)"
_ONLINE_L4 = r"trực tuyến mức độ 4"

# Order matters: the first entry whose pattern (and parent pattern) matches wins.
ENTRIES: tuple[FormLabel, ...] = (
    # ---------------------------------------------------------------- 1 direction
    _e("cchc_directive_docs_issued", r"^số văn bản chỉ đạo", "Số văn bản chỉ đạo CCHC đã ban hành"),
    _e("cchc_plan_completion_pct", r"tỷ lệ hoàn thành kế hoạch (?:cchc|cải cách hành chính)",
       "Tỷ lệ hoàn thành Kế hoạch CCHC năm"),
    _e("cchc_plan_tasks_total", r"^số nhiệm vụ đề ra", "Số nhiệm vụ đề ra trong Kế hoạch"),
    _e("assigned_tasks_done_on_time", r"^số nhiệm vụ đã hoàn thành đúng hạn", "Số nhiệm vụ đã hoàn thành đúng hạn"),
    _e("assigned_tasks_done_late", r"^số nhiệm vụ đã hoàn thành nhưng quá hạn",
       "Số nhiệm vụ đã hoàn thành nhưng quá hạn"),
    _e("assigned_tasks_pending_not_due", r"^số nhiệm vụ chưa hoàn thành nhưng chưa quá hạn",
       "Số nhiệm vụ chưa hoàn thành nhưng chưa quá hạn"),
    _e("assigned_tasks_pending_overdue", r"^số nhiệm vụ chưa hoàn thành,? (?:và |nhưng )?đã quá hạn",
       "Số nhiệm vụ chưa hoàn thành đã quá hạn"),
    _e("cchc_plan_tasks_done", r"^số nhiệm vụ đã hoàn thành$", "Số nhiệm vụ đã hoàn thành",
       roles={"total": "cchc_plan_tasks_done", "rate": "cchc_plan_completion_pct"}),
    _e("assigned_tasks_total", r"^tổng số nhiệm vụ được giao", "Tổng số nhiệm vụ được giao"),
    _e("inspections_units_checked", r"^số (?:phòng, ban|ubnd cấp xã|cơ quan, đơn vị|đơn vị)[^%]{0,40}đã (?:được )?kiể"
                                    r"m tra"
       r"|^số lần kiểm tra", "Số Phòng, ban, đơn vị đã kiểm tra"),
    _e("inspections_resolution_rate_pct", r"tỷ lệ xử lý (?:các )?vấn đề phát hiện",
       "Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra"),
    _e("inspections_issues_found", r"^số vấn đề phát hiện qua kiểm tra", "Số vấn đề phát hiện qua kiểm tra"),
    _e("inspections_issues_resolved", r"^số vấn đề phát hiện đã xử lý", "Số vấn đề phát hiện đã xử lý xong"),
    _e("inspectorate_units_inspected", r"^số cơ quan, đơn vị được thanh tra", "Số cơ quan, đơn vị được thanh tra"),
    _e("inspectorate_conclusions_done_pct", r"kết luận thanh tra",
       "Tỷ lệ cơ quan, đơn vị đã hoàn thành việc thực hiện kết luận thanh tra"),
    _e("satisfaction_survey_forms", r"^số lượng phiếu khảo sát", "Số lượng phiếu khảo sát"),
    _e("satisfaction_survey_mode", r"^hình thức khảo sát", "Hình thức khảo sát"),
    _e("satisfaction_survey_held", r"^khảo sát sự hài lòng", "Khảo sát sự hài lòng của người dân, tổ chức"),
    _e("leader_dialogue_held", r"^tổ chức đối thoại", "Tổ chức đối thoại của lãnh đạo với người dân"),
    # ---------------------------------------------------------------- 2 institutions
    _e("legal_docs_issued", rf"^tổng số {_VB}.*ban hành|^số {_VB} (?:do cấp (?:huyện|xã) |đã )ban hành",
       "Tổng số VBQPPL do cơ quan, đơn vị và địa phương ban hành"),
    _e("legal_docs_to_fix_after_check", rf"^số {_VB} đã kiến nghị xử lý sau kiểm tra",
       "Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát"),
    _e("legal_docs_checked", rf"^số {_VB} đã kiểm tra", "Số VBQPPL đã kiểm tra theo thẩm quyền"),
    _e("legal_docs_fix_rate_after_check_pct", rf"tỷ lệ xử lý {_VB} sau kiểm tra", "Tỷ lệ xử lý VBQPPL sau kiểm tra"),
    _e("legal_docs_to_fix_after_check", r"cần (?:phải )?xử lý sau kiểm tra", "Tổng số VBQPPL cần phải xử lý sau kiểm "
                                                                             "tra"),
    _e("legal_docs_fixed_after_review", rf"^số {_VB} có kiến nghị xử lý đã được xử lý", "", parent=r"rà soát"),
    _e("legal_docs_fixed_after_check", rf"^số {_VB} có kiến nghị xử lý đã được xử lý",
       "Số VBQPPL có kiến nghị xử lý đã được xử lý xong"),
    _e("legal_docs_reviewed", rf"^số {_VB} đã rà soát", "Số VBQPPL đã rà soát thuộc thẩm quyền"),
    _e("legal_docs_fix_rate_after_review_pct", rf"tỷ lệ xử lý {_VB} sau rà soát", "Tỷ lệ xử lý VBQPPL sau rà soát"),
    _e("legal_docs_to_fix_after_review", r"cần (?:phải )?xử lý sau rà soát",
        "Tổng số VBQPPL cần phải xử lý sau rà soát"),
    # ---------------------------------------------------------------- 3 procedures
    _e("tthc_procedures_simplified", rf"^số {_TT} đã được phê duyệt phương án đơn giản",
       "Số TTHC đã được phê duyệt phương án đơn giản hóa"),
    _e("tthc_procedures_published_new", rf"^số {_TT} (?:được )?công bố mới", "Số TTHC công bố mới"),
    _e("tthc_procedures_abolished", rf"^số {_TT} (?:bị )?bãi bỏ", "Số TTHC bãi bỏ, thay thế"),
    _e("tthc_procedures_amended", rf"^số {_TT} (?:được )?sửa đổi", "Số TTHC sửa đổi, bổ sung"),
    _e("tthc_procedures_published", rf"^số {_TT} (?:được )?công bố$", "Số TTHC được công bố"),
    _e("tthc_publication_decisions", r"^số quyết định công bố", "Số quyết định công bố TTHC"),
    _e("tthc_procedures_district", rf"^số {_TT} cấp huyện", "Số TTHC cấp huyện"),
    _e("tthc_procedures_commune", rf"^số {_TT} cấp xã", "Số TTHC cấp xã",
       roles={"total": "tthc_procedures_commune", "rate": "tthc_procedures_implemented_pct"}),
    _e("tthc_procedures_total", rf"^tổng số {_TT} (?:thuộc thẩm quyền|đang có hiệu lực|của địa phương)",
       "Tổng số TTHC thuộc thẩm quyền giải quyết tại địa phương"),
    _e("tthc_procedures_interlinked_same_level", rf"^số {_TT} liên thông cùng cấp", "Số TTHC liên thông cùng cấp"),
    _e("tthc_procedures_interlinked", rf"^số {_TT} liên thông (?:giữa )?các cấp", "Số TTHC liên thông giữa các cấp ch"
        "ính quyền"),
    _e("tthc_procedures_location_independent", r"không phụ thuộc (?:vào )?địa giới",
       "Số TTHC tiếp nhận và giải quyết hồ sơ không phụ thuộc vào địa giới hành chính"),
    _e("tthc_internal_procedures_digitized_pct", r"quy trình nội bộ.*điện tử hóa",
       "Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa"),
    _e("tthc_internal_procedures_approved_pct", rf"tỷ lệ {_TT}.*phê duyệt quy trình nội bộ",
       "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ"),
    _e("tthc_land_on_time_rate_pct", r"đất đai", "Tỷ lệ hồ sơ TTHC về lĩnh vực đất đai được giải quyết đúng hạn",
       roles={"total": "tthc_land_cases_resolved", "done": "tthc_land_cases_on_time",
              "rate": "tthc_land_on_time_rate_pct"}),
    _e("tthc_construction_on_time_rate_pct", r"lĩnh vực xây dựng",
       "Tỷ lệ hồ sơ TTHC về lĩnh vực xây dựng được giải quyết đúng hạn",
       roles={"total": "tthc_construction_cases_resolved", "done": "tthc_construction_cases_on_time",
              "rate": "tthc_construction_on_time_rate_pct"}),
    _e("tthc_on_time_rate_pct", rf"^tỷ lệ {_HS} (?:{_TT} )?.*giải quyết đúng hạn",
       "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn",
       roles={"total": "tthc_cases_resolved", "done": "tthc_cases_resolved_early_or_on_time",
              "rate": "tthc_on_time_rate_pct"}),
    _e("tthc_cases_resolved", rf"^tổng số {_HS} (?:{_TT} )?đã giải quyết", "Tổng số hồ sơ TTHC đã giải quyết xong"),
    _e("tthc_cases_resolved_early_or_on_time", rf"^số {_HS} (?:{_TT} )?(?:đã )?giải quyết đúng hạn",
       "Số hồ sơ TTHC giải quyết đúng hạn"),
    _e("tthc_feedback_resolution_rate_pct", r"tỷ lệ giải quyết (?:phản ánh|pakn)",
       "Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về quy định TTHC"),
    _e("tthc_feedback_received", r"^tổng số (?:pakn|phản ánh)", "Tổng số PAKN đã tiếp nhận"),
    _e("tthc_feedback_resolved", r"^số (?:pakn|phản ánh)[^%]{0,20}đã giải quyết", "Số PAKN đã giải quyết xong"),
    _e(None, r"đã cập nhật, công khai trên cổng", "Số TTHC đã cập nhật, công khai trên Cổng DVC quốc gia"),
    _e("online_services_integrated_national_portal", rf"^số {_TT} mức độ 3 và 4 đã tích hợp",
       "Số TTHC mức độ 3 và 4 đã tích hợp lên Cổng DVC quốc gia"),
    _e("online_payment_procedures", rf"^số {_TT} đã (?:được )?tích hợp,? (?:triển khai |dịch vụ )?thanh toán",
       "Số TTHC đã tích hợp dịch vụ thanh toán trực tuyến"),
    _e("tthc_procedures_total", rf"^số {_TT} được tích hợp lên cổng", "Số TTHC được tích hợp lên Cổng DVC"),
    _e("online_services_level3", rf"^số {_TT} cung cấp mức độ 3", "Số TTHC cung cấp mức độ 3 trên Cổng DVC"),
    _e("online_services_level4", rf"^số {_TT} cung cấp mức độ 4", "Số TTHC cung cấp mức độ 4 trên Cổng DVC"),
    # ---------------------------------------------------------------- 4 organisation
    _e("department_restructuring_done_pct", r"hoàn thành việc sắp xếp các phòng",
       "Tỷ lệ UBND cấp huyện đã hoàn thành việc sắp xếp các phòng chuyên môn"),
    _e("management_boards", r"ban quản lý", "Số lượng các ban quản lý trực thuộc UBND huyện"),
    _e("interagency_bodies_established", r"liên ngành", "Số tổ chức liên ngành do cấp huyện thành lập"),
    _e("psu_reduction_vs_2015_pct", rf"tỷ lệ {_DVSN}.*cắt giảm", "Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015"),
    _e("public_service_units_total", rf"^tổng số {_DVSN}", "Tổng số đơn vị sự nghiệp công lập tại địa phương"),
    _e("civil_servant_quota", r"^tổng số biên chế (?:công chức )?được giao", "Tổng số biên chế được giao trong năm",
       commune={"civil_servant_quota": "commune_staff_quota"}),
    _e("civil_servant_actual", r"^tổng số biên chế (?:công chức )?(?:có mặt|hiện có)",
       "Tổng số biên chế có mặt tại thời điểm báo cáo",
       roles={"done": "civil_servant_actual"},
       commune={"civil_servant_actual": "commune_staff_actual", "": "commune_staff_fill_rate_pct"}),
    _e("labor_contracts", r"^số hợp đồng lao động",
        "Số hợp đồng lao động làm việc tại các cơ quan, tổ chức hành chính"),
    _e("civil_servant_reduction_vs_2015_pct", r"biên chế đã tinh giản so với",
       "Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015"),
    _e("staff_streamlined", r"^số biên chế đã tinh giản", "Số biên chế đã tinh giản trong kỳ báo cáo"),
    _e("public_employee_quota", r"^tổng số người làm việc được giao", "Tổng số người làm việc được giao"),
    _e("public_employee_actual", r"^tổng số người làm việc có mặt", "Tổng số người làm việc có mặt tại thời điểm báo "
                                                                    "cáo"),
    _e("public_employee_streamlined", r"^số người đã tinh giản", "Số người đã tinh giản trong kỳ báo cáo"),
    _e("public_employee_reduction_vs_2015_pct", r"tỷ lệ %? ?đã tinh giản so với",
        "Tỷ lệ % đã tinh giản so với năm 2015"),
    # ---------------------------------------------------------------- 5 civil service
    _e("job_position_approved_agencies", r"tổ chức hành chính đã được phê duyệt vị trí việc làm",
       "Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm"),
    _e("job_position_approved_psus", r"đơn vị sự nghiệp đã được phê duyệt vị trí việc làm",
       "Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm"),
    _e("job_position_violations", r"vi phạm trong thực hiện vị trí việc làm",
       "Số cơ quan, tổ chức có vi phạm trong thực hiện vị trí việc làm"),
    _e("civil_servants_recruited_special", r"^số công chức được tuyển dụng theo trường hợp đặc biệt",
       "Số công chức được tuyển dụng theo trường hợp đặc biệt"),
    _e("civil_servants_recruited", r"^số công chức được tuyển dụng", "Số công chức được tuyển dụng (thi tuyển, xét tu"
                                                                     "yển)"),
    _e("commune_to_district_transfers", r"xét chuyển thành công chức", "Số CBCC cấp xã được xét chuyển thành công chứ"
                                                                       "c cấp huyện"),
    _e("public_employees_recruited_special", r"^số viên chức được tuyển dụng theo trường hợp đặc biệt",
       "Số viên chức được tuyển dụng theo trường hợp đặc biệt"),
    _e("public_employees_recruited", r"^số viên chức được tuyển dụng", "Số viên chức được tuyển dụng (thi tuyển, xét "
                                                                       "tuyển)"),
    _e("leaders_appointed_by_exam", r"bổ nhiệm (?:lãnh đạo )?(?:thông )?qua thi tuyển",
       "Số lãnh đạo quản lý được tuyển chọn, bổ nhiệm thông qua thi tuyển"),
    _e("leaders_disciplined_province", r"^số lãnh đạo cấp tỉnh bị kỷ luật", "Số lãnh đạo cấp tỉnh bị kỷ luật"),
    _e("leaders_disciplined_department", r"^số lãnh đạo cấp sở", "Số lãnh đạo cấp sở, ngành và UBND cấp huyện bị kỷ l"
                                                                 "uật"),
    _e("leaders_disciplined_division", r"^số lãnh đạo cấp phòng", "Số lãnh đạo cấp phòng bị kỷ luật"),
    _e("staff_disciplined", r"bị kỷ luật", "Số người làm việc tại các đơn vị sự nghiệp công lập bị kỷ luật"),
    # ---------------------------------------------------------------- 6 public finance
    _e("public_investment_disbursement_pct", r"tỷ lệ (?:thực hiện )?(?:kế hoạch )?giải ngân",
       "Tỷ lệ thực hiện Kế hoạch giải ngân vốn đầu tư công"),
    _e("public_investment_plan_vnd_million", r"^kế hoạch (?:vốn )?(?:được )?(?:tỉnh )?giao", "Kế hoạch được tỉnh giao",
       parent=r"giải ngân|đầu tư công"),
    _e("public_investment_disbursed_vnd_million", r"^(?:đã thực hiện|đã giải ngân|giải ngân)", "Đã thực hiện",
       parent=r"giải ngân|đầu tư công"),
    _e("psu_self_funded_partial_70_100", r"từ 70", "Số ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên"),
    _e("psu_self_funded_partial_30_70", r"từ 30", "Số ĐVSN tự bảo đảm từ 30% - dưới 70% chi thường xuyên"),
    _e("psu_self_funded_partial_10_30", r"từ 10", "Số ĐVSN tự bảo đảm từ 10% - dưới 30% chi thường xuyên"),
    _e("psu_self_funded_full", r"(?:tự bảo đảm|tự chủ)(?: 100%)? chi thường xuyên và chi đầu tư",
       "Số ĐVSN tự bảo đảm chi thường xuyên và chi đầu tư"),
    _e("psu_self_funded_partial", r"(?:tự bảo đảm|tự chủ) một phần", "Số ĐVSN tự bảo đảm một phần chi thường xuyên"),
    _e("psu_self_funded_regular", r"(?:tự bảo đảm|tự chủ)(?: 100%)? chi thường xuyên", "Số ĐVSN tự bảo đảm chi thường"
        " xuyên"),
    _e("psu_state_funded", r"nhà nước (?:bảo đảm|đảm bảo)", "Số ĐVSN do Nhà nước bảo đảm chi thường xuyên"),
    _e("psu_equitized", r"công ty cổ phần", "Số lượng ĐVSN đã chuyển đổi thành công ty cổ phần"),
    # ---------------------------------------------------------------- 7 e-government
    _e("egov_architecture_updated", r"kiến trúc chính quyền điện tử", "Cập nhật Kiến trúc chính quyền điện tử"),
    _e("online_meeting_system_level", r"hệ thống họp trực tuyến", "Xây dựng và vận hành Hệ thống họp trực tuyến"),
    _e("national_reporting_system_rate_pct", r"tỷ lệ báo cáo định kỳ", "Tỷ lệ báo cáo định kỳ được gửi, nhận qua Hệ t"
                                                                       "hống"),
    _e("national_reporting_system_status", r"hệ thống thông tin báo cáo",
       "Hệ thống thông tin báo cáo và kết nối với Hệ thống thông tin báo cáo quốc gia"),
    _e("lgsp_status", r"lgsp|nền tảng chia sẻ, tích hợp", "Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung"),
    _e("edoc_system_connected_rate_pct", r"tỷ lệ phòng, ban, đơn vị đã kết nối", "",
       note="district departments connected"),
    _e("one_stop_system_connected_rate_pct", r"^tỷ lệ (?:đơn vị|ubnd)[^%]{0,20}đã kết nối", "", parent=r"một cửa"),
    _e("edoc_system_connected_rate_pct", r"^tỷ lệ (?:ubnd|đơn vị)[^%]{0,20}đã kết nối",
       "Tỷ lệ UBND cấp huyện đã kết nối, liên thông với UBND tỉnh"),
    _e("documents_sent_total", r"^tổng số văn bản đi", "Tổng số văn bản đi giữa các cơ quan nhà nước"),
    _e("e_document_parallel_paper_rate_pct", r"song song với văn bản giấy",
       "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử và song song với văn bản giấy"),
    _e("e_document_rate_pct", r"tỷ lệ (?:sử dụng )?văn bản (?:điện tử|được gửi hoàn toàn)",
       "Tỷ lệ sử dụng văn bản điện tử của địa phương"),
    _e("digital_signature_rate_pct", r"chứng thư số|chữ ký số", "Tỷ lệ CBCCVC được cấp chứng thư số"),
    _e("online_services_level3_provision_rate_pct", r"^tỷ lệ .*đủ điều kiện .*" + _ONLINE_L3,
       "Tỷ lệ TTHC đủ điều kiện được cung cấp trực tuyến mức độ 3"),
    _e("online_services_level4_provision_rate_pct", r"^tỷ lệ .*đủ điều kiện .*" + _ONLINE_L4,
       "Tỷ lệ TTHC đủ điều kiện được cung cấp trực tuyến mức độ 4"),
    _e("online_services_level3_eligible", r"đủ điều kiện .*" + _ONLINE_L3, "Tổng số TTHC đủ điều kiện cung cấp trực t"
                                                                           "uyến mức độ 3"),
    _e("online_services_level4_eligible", r"đủ điều kiện .*" + _ONLINE_L4, "Tổng số TTHC đủ điều kiện cung cấp trực t"
                                                                           "uyến mức độ 4"),
    _e("online_services_level3_with_cases", _ONLINE_L3 + r".*phát sinh hồ sơ",
       "Số TTHC đang cung cấp trực tuyến mức độ 3 có phát sinh hồ sơ nộp trực tuyến"),
    _e("online_services_level4_with_cases", _ONLINE_L4 + r".*phát sinh hồ sơ",
       "Số TTHC đang cung cấp trực tuyến mức độ 4 có phát sinh hồ sơ nộp trực tuyến"),
    _e("online_services_integrated_rate_pct", r"^tỷ lệ .*mức độ 3 và 4.*tích hợp",
       "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia"),
    _e("online_services_level3_4_total", r"^tổng số .*trực tuyến mức độ 3 và 4",
       "Tổng số TTHC đang cung cấp trực tuyến mức độ 3 và 4 của địa phương"),
    _e("online_services_integrated_national_portal", r"mức độ 3 và 4.*tích hợp",
       "Số TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia"),
    _e("online_services_level3", rf"^(?:số|tổng số) {_TT} (?:đang )?cung cấp " + _ONLINE_L3,
       "Số TTHC đang cung cấp trực tuyến mức độ 3"),
    _e("online_services_level4", rf"^(?:số|tổng số) {_TT} (?:đang )?cung cấp " + _ONLINE_L4,
       "Số TTHC đang cung cấp trực tuyến mức độ 4"),
    _e("tthc_online_level3_rate_pct", r"^tỷ lệ hồ sơ xử lý trực tuyến mức độ 3",
        "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3"),
    _e("tthc_online_level4_rate_pct", r"^tỷ lệ hồ sơ xử lý trực tuyến mức độ 4",
        "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 4"),
    _e("tthc_online_rate_pct", r"^tỷ lệ hồ sơ .*(?:tiếp nhận|nộp|xử lý) trực tuyến",
       "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4"),
    _e("tthc_cases_received", rf"^tổng số {_HS} (?:{_TT} )?(?:đã )?tiếp nhận", "Tổng số hồ sơ TTHC đã tiếp nhận"),
    _e("tthc_cases_online", rf"^số {_HS} (?:{_TT} )?(?:đã )?(?:tiếp nhận|nộp) trực tuyến", "Số hồ sơ TTHC đã tiếp nhậ"
        "n trực tuyến"),
    _e("online_payment_rate_pct", r"^tỷ lệ .*thanh toán trực tuyến", "Tỷ lệ hồ sơ được tích hợp, triển khai thanh toá"
                                                                     "n trực tuyến"),
    _e("tthc_procedures_with_fees", r"nghĩa vụ tài chính", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính"),
    _e("online_payment_procedures", r"thanh toán trực tuyến", "Số TTHC đã được tích hợp, triển khai thanh toán trực t"
                                                              "uyến"),
)

_CANON = [(e.canonical.lower(), e) for e in ENTRIES if e.canonical]
_PAREN_RE = re.compile(r"\([^)]*\)")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """Lower case, NFC, bracketed remarks and row-number prefixes removed, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _PAREN_RE.sub(" ", text)
    text = text.replace("<i>", " ").replace("</i>", " ")
    text = re.sub(r"^[\s\d.]+(?=[^\d\s.])", "", text)
    return _SPACE_RE.sub(" ", text).strip(" :.;*")


@lru_cache(maxsize=4096)
def match_label(label: str, parent: str = "") -> FormLabel | None:
    """The form entry for a row label (``parent``: the parent row's label), or None for rows with no code."""
    norm = normalize_label(label)
    if len(norm) < 4:
        return None
    pnorm = normalize_label(parent) if parent else ""
    for entry in ENTRIES:
        if entry.pattern.search(norm) and (entry.parent is None or entry.parent.search(pnorm)):
            return entry if entry.code else None
    # typing slips: compare with the official wording
    found = process.extractOne(norm, [c for c, _ in _CANON], scorer=fuzz.ratio, score_cutoff=90)
    if found is not None:
        entry = _CANON[found[2]][1]
        if entry.parent is None or entry.parent.search(pnorm):
            return entry if entry.code else None
    return None
