"""Phrasings of e-government, online-service, index (PAR, PAPI, PCI) and impact figures."""

from __future__ import annotations

from ingest.facts.rule import R, Rule

# service levels are folded to marks ("mức độ 3, 4" → "mức độ ⅲ, ⅳ", ``ingest.numbers.LEVEL_MARKS``)
_LV = r"mức(?: độ)? "
_AND = r"\s*(?:,|và|-|/|hoặc)\s*(?:mức(?: độ)?\s*)?"
_LEVELS = (  # (level pattern, services code, online cases code)
    (_LV + "ⅰ" + _AND + "ⅱ", "online_services_level1_2", None),
    (_LV + "ⅲ" + _AND + "ⅳ", "online_services_level3_4_total", None),
    (_LV + "ⅲ(?!" + _AND + "ⅳ)", "online_services_level3", "tthc_cases_online_level3"),
    ("(?<!ⅲ, )(?<!ⅲ,)(?<!ⅲ và )(?<!ⅲ - )" + _LV + "ⅳ", "online_services_level4", "tthc_cases_online_level4"),
)
_SVC = r"(?:{TT}|tt|dịch vụ)"
# a level's procedures that are integrated, have cases or a rate are other codes
_NOT_PLAIN_LEVEL = r"(?![^\d;%]{0,30}(?:tích hợp|phát sinh|tỷ lệ|hồ sơ))"


def _level_rules() -> list[Rule]:
    out: list[Rule] = []
    for lv, svc, cases in _LEVELS:
        out += R(svc,
                 r"{N} " + _SVC + r"(?: công)?[^\d;%]{0,40}?" + lv + _NOT_PLAIN_LEVEL,
                 _SVC + r"[^\d;%]{0,50}?" + lv + _NOT_PLAIN_LEVEL + r"{X}{G}{N}(?! {HS})",
                 need="mức", prio=5, ctx_forbid=r"(?:hồ sơ|tỷ lệ|tích hợp)[^\d;]{0,40}$")
        if cases:
            out += R(cases,
                     r"{N} {HS}[^\d;%]{0,30}?" + lv,
                     r"{HS}[^\d;%]{0,30}?" + lv + r"{X}{G}{N}(?: {HS})?",
                     need="mức", prio=7, ctx_forbid=r"tỷ lệ[^\d;]{0,40}$")
    return out

_COMPONENT = (
    r"chỉ số (?:thành phần )?(?:về )?(?:công tác )?(?:chỉ đạo|cải cách|xây dựng|tác động|hiện đại)|"
    r"(?:chính quyền điện tử|chính quyền số|tổ chức bộ máy|chế độ công vụ|tài chính công|thủ tục hành chính|"
    r"thể chế)[^\d;]{0,40}(?:kết quả chỉ số|năm)|tác động của cchc|lĩnh vực"
)

_TIER_RATE_SWITCH = (
    (r"văn bản điện tử|văn bản (?:đi|đến)", "e_document_rate_pct"),
    (r"(?:giải quyết )?(?:đúng hạn|đúng và trước hạn|trước và đúng hạn)", "tthc_on_time_rate_pct"),
    (r"trước hạn|sớm hạn", "tthc_early_rate_pct"),
    (r"quá hạn|trễ hạn", "tthc_late_rate_pct"),
    (r"(?:hồ sơ|nộp|tiếp nhận) (?:qua mạng|trực tuyến)(?! toàn| một)", "tthc_online_rate_pct"),
    (r"trực tuyến toàn trình", "tthc_online_full_rate_pct"),
    (r"số hóa", "tthc_digitization_rate_pct"),
    (r"thanh toán trực tuyến", "online_payment_case_rate_pct"),
    (r"kết quả (?:giải quyết )?(?:tthc )?điện tử", "e_result_rate_pct"),
    (r"hài lòng", "satisfaction_rate_pct"),
    (r"ký số|chữ ký số|chứng thư số", "digital_signature_rate_pct"),
)

# phrasings first seen on a blind evaluation set, rewritten for other sentences (tests/test_facts_blind_families.py)
BLIND_FAMILY_RULES: list[Rule] = [
    # a rate listed by tier after its name: "tỷ lệ số hóa …: cấp tỉnh 87,3%; cấp huyện 79,6%; cấp xã 74,2%"
    *R("IGNORE",
       r"(?:[:;,(]|\bvà) (?:ubnd )?cấp (?:tỉnh|huyện|xã)(?: đạt| là|:)?\s*{N}{P}",
       need=("cấp",), prio=4, kind="percent", max_value=100,
       ctx_need=r"tỷ lệ(?:[^.]|\.\d){0,200}$", switch=_TIER_RATE_SWITCH),
    # "Tỷ lệ văn bản đi được ký số và gửi trên môi trường mạng đạt 98,7%"
    *R("e_document_rate_pct",
       r"tỷ lệ văn bản(?: đi| đến| đi, đến| đi và đến)?[^\d;%]{0,80}?(?:ký số|điện tử|môi trường mạng|liên thông)"
       r"[^\d;%]{0,60}?{G}{Q}{N}{P}",
       need="văn bản", prio=5, kind="percent", max_value=100),
    # "Số CBCCVC được cấp chứng thư số, chữ ký số: 100%"
    *R("digital_signature_rate_pct",
       r"(?:được cấp|cấp|có|sử dụng) (?:chứng thư số|chữ ký số)[^\d;%]{0,40}?{G}{Q}{N}{P}",
       need=("chứng thư", "ký số"), prio=4, kind="percent", max_value=100,
       ctx_forbid=r"văn bản[^;]{0,60}$"),
    # documents sent: "Tổng số văn bản đi là 3.410 văn bản, trong đó văn bản điện tử 3.388 văn bản"
    *R("documents_sent_total",
       r"(?:tổng số )?văn bản đi(?: (?:trong kỳ|phát hành|của (?:sở|đơn vị|cơ quan|ubnd)))?(?: là| có|:)\s*{N}"
       r"(?: văn bản)?",
       r"phát hành {N} văn bản(?: đi)?(?=[^\d;%]{0,30}(?:trong đó|gồm))",
       need="văn bản", prio=4),
    *R("documents_sent_electronic",
       r"(?:trong đó:?\s*)?văn bản (?:đi )?(?:điện tử|được ký số|ký số|gửi điện tử)(?: (?:là|có))?\s*:?\s*{N}"
       r"(?: văn bản)?",
       r"{N} văn bản[^\d;%]{0,40}?(?:được )?(?:ký số|gửi (?:hoàn toàn )?(?:dưới dạng )?điện tử|"
       r"gửi trên môi trường mạng)",
       need="văn bản", prio=4, ctx_forbid=r"tỷ lệ[^\d;]{0,30}$"),
    # online services split without "trực tuyến": "1.340 dịch vụ công trực tuyến, trong đó 512 dịch vụ toàn trình"
    *R("online_services_full",
       r"{N} (?:dịch vụ|dvc|{TT}|tt)(?: công)? toàn trình",
       need="toàn trình", prio=4, ctx_need=r"dịch vụ công|dvc", ctx_forbid=r"hồ sơ[^\d;,]{0,20}$"),
    *R("online_services_partial",
       r"{N} (?:dịch vụ|dvc|{TT}|tt)(?: công)? một phần",
       need="một phần", prio=4, ctx_need=r"dịch vụ công|dvc", ctx_forbid=r"hồ sơ[^\d;,]{0,20}$"),
]

# phrasings quoted in the public catalogue (``indicators.md`` §9), tests/test_facts_catalogue_phrasings.py
CATALOGUE_RULES: list[Rule] = [
    *_level_rules(),
    *R("tthc_online_full_rate_target_pct",
       r"(?:mục tiêu|phấn đấu|chỉ tiêu)[^\d;%]{0,60}?(?:trực tuyến )?toàn trình{X}{G}{N}{P}",
       r"(?:mục tiêu|phấn đấu|chỉ tiêu)[^\d;%]{0,40}?{N}{P} (?:số )?{HS}[^\d;%]{0,40}?(?:trực tuyến )?toàn trình",
       need="toàn trình", prio=6, kind="percent", max_value=100),
    *R("agencies_with_online_cases",
       r"{N} (?:cơ quan,? đơn vị|cơ quan|đơn vị|sở,? ngành)[^\d;%]{0,20}?(?:có )?phát sinh hồ sơ (?:trực tuyến|dịch vụ "
       r"công trực tuyến)",
       need="phát sinh", prio=6),
    *R("tthc_procedures_with_fees",
       r"(?:tổng )?số (?:tthc|thủ tục hành chính|thủ tục) có (?:yêu cầu )?(?:thực hiện )?nghĩa vụ tài chính{X}{G}{N}",
       r"{N} (?:tthc|thủ tục hành chính|thủ tục) có (?:yêu cầu )?(?:thực hiện )?nghĩa vụ tài chính",
       need="nghĩa vụ tài chính", prio=6),
    *R("online_payment_procedures",
       r"{N} (?:tthc|thủ tục hành chính|thủ tục|dịch vụ công) (?:đã )?(?:được )?(?:tích hợp,? )?(?:và )?triển khai "
       r"thanh toán trực tuyến",
       need="thanh toán", prio=7),
]


RULES: list[Rule] = [
    # ---- online services (procedures offered)
    *R("online_services_full",
       r"(?:dịch vụ công|dvc(?:tt)?)(?: trực tuyến)? toàn trình(?: là| có| gồm|:)?{G}{N} (?:{TT}|tt|dịch vụ)",
       r"{N} (?:{TT}|tt|dịch vụ)[^\d;%]{0,20}?(?:dịch vụ công )?trực tuyến toàn trình",
       need="toàn trình", prio=4, ctx_forbid=r"(?:hồ sơ|tỷ lệ)[^\d;,]{0,20}$"),
    *R("online_services_partial",
       r"(?:dịch vụ công|dvc(?:tt)?)(?: trực tuyến)? một phần(?: trực tiếp)?(?: là| có| gồm|:)?{G}{N} "
       r"(?:{TT}|tt|dịch vụ)",
       r"{N} (?:{TT}|tt|dịch vụ)[^\d;%]{0,20}?(?:dịch vụ công )?trực tuyến một phần",
       need="một phần", prio=4, ctx_forbid=r"(?:hồ sơ|tỷ lệ)[^\d;,]{0,20}$"),
    *R("online_services_full",
       r"(?:^|[(;,:]\s*|trong đó:?\s*)(?:toàn trình|dịch vụ công trực tuyến toàn trình)\s*:?\s*{N}(?! {HS}|\s*%)",
       need="toàn trình", prio=4, ctx_need=r"dịch vụ công trực tuyến|dvctt|dvc trực tuyến",
       ctx_forbid=r"hồ sơ[^;]{0,30}$"),
    *R("online_services_partial",
       r"(?:^|[(;,:]\s*|trong đó:?\s*)(?:một phần|dịch vụ công trực tuyến một phần)\s*:?\s*{N}(?! {HS}|\s*%)",
       need="một phần", prio=4, ctx_need=r"dịch vụ công trực tuyến|dvctt|dvc trực tuyến",
       ctx_forbid=r"hồ sơ[^;]{0,30}$"),
    *R("sipas_index_pct",
       r"(?:chỉ số )?sipas{XL}{G}{N}{P}",
       need="sipas", prio=5, kind="percent", max_value=100),
    *R("satisfaction_rate_pct",
       r"tỷ lệ (?:người dân, doanh nghiệp |tổ chức, cá nhân )?hài lòng{X}{G}{Q}{N}{P}",
       r"(?:mức độ|tỷ lệ) hài lòng[^\d;%]{0,90}?(?:đạt|là|:){G}{Q}{N}{P}",
       r"{N}{P} (?:lượt |số )?(?:đánh giá|ý kiến|phiếu)?[^\d;%]{0,15}?hài lòng",
       need="hài lòng", prio=4, kind="percent", max_value=100),
    *R("online_services_total",
       r"cung cấp (?:dịch vụ công trực tuyến|dvctt) (?:với|cho) {N} (?:{TT}|tt)",
       r"cung cấp {N} (?:dịch vụ công trực tuyến|dvctt|dịch vụ công)(?! toàn| một)",
       need="cung cấp", prio=3),
    *R("online_services_integrated_national_portal",
       r"(?:đã )?tích hợp(?:, công khai)?{X}{N} (?:{TT}|tt|dịch vụ)[^\d;%]{0,60}?(?:quốc gia)",
       r"{N} (?:{TT}|tt|dịch vụ)[^\d;%]{0,40}?(?:được |đã )?tích hợp[^\d;%]{0,30}?quốc gia",
       need="tích hợp", prio=4),
    *R("online_services_integrated_rate_pct",
       r"{N}{P} (?:số )?(?:các )?(?:{TT}|tt|dịch vụ)[^\d;%]{0,60}?(?:được |đã )?tích hợp[^\d;%]{0,40}?quốc gia",
       r"tỷ lệ (?:{TT}|tt|dịch vụ)[^\d;%]{0,50}?tích hợp[^\d;%]{0,40}?quốc gia{X}{G}{N}{P}",
       need="tích hợp", prio=4, kind="percent", max_value=100),
    *R("online_services_with_cases_rate_pct",
       r"{N}{P} (?:số )?(?:{TT}|tt|dịch vụ)[^\d;%]{0,50}?(?:có )?phát sinh hồ sơ",
       r"tỷ lệ (?:{TT}|tt|dịch vụ)[^\d;%]{0,50}?có phát sinh hồ sơ{X}{G}{N}{P}",
       need="phát sinh", prio=5, kind="percent", max_value=100),
    *R("tthc_online_rate_pct",
       r"{N}{P} (?:số )?(?:{HS} )?(?:{TT}|tt)[^\d;%]{0,20}?(?:được )?giải quyết trực tuyến",
       need="trực tuyến", prio=5, kind="percent", max_value=100),
    # a rate given for one tier, then for the next: "… cấp huyện đạt 97,8%, cấp xã đạt 93,5%"
    *R("IGNORE",
       r"(?:,|;|\bvà) (?:ubnd )?cấp (?:tỉnh|huyện|xã)(?: đạt| là|:)?\s*{N}{P}",
       need=("cấp",), prio=3, kind="percent", max_value=100,
       ctx_need=r"cấp (?:tỉnh|huyện|xã)[^;.\d]{0,20}\d[\d,]*\s*%[^.\d]{0,25}$",
       switch=((r"văn bản điện tử", "e_document_rate_pct"),
               (r"(?:giải quyết )?(?:đúng hạn|đúng và trước hạn|trước và đúng hạn)", "tthc_on_time_rate_pct"),
               (r"(?:hồ sơ|nộp|tiếp nhận) (?:qua mạng|trực tuyến)(?! toàn| một)", "tthc_online_rate_pct"),
               (r"hài lòng", "satisfaction_rate_pct"),
               (r"ký số|chữ ký số", "digital_signature_rate_pct"))),
    *BLIND_FAMILY_RULES,
    *CATALOGUE_RULES,
    *R("e_result_rate_pct",
       r"tỷ lệ (?:cấp )?kết quả (?:giải quyết )?(?:{TT} |tt )?(?:bản )?điện tử{X}{G}{Q}{N}{P}",
       need="kết quả", prio=4, kind="percent", max_value=100),
    *R("online_payment_case_rate_pct",
       r"tỷ lệ {HS}[^\d;%]{0,20}?thanh toán trực tuyến{X}{G}{Q}{N}{P}",
       need="thanh toán", prio=5, kind="percent", max_value=100),
    *R("e_health_record_coverage_pct",
       r"tỷ lệ (?:người dân|dân số)[^\d;%]{0,20}?hồ sơ sức khỏe điện tử{X}{G}{Q}{N}{P}",
       need="sức khỏe", prio=4, kind="percent", max_value=100),
    *R("tthc_digitization_rate_pct",
       r"tỷ lệ {HS}[^\d;%]{0,30}?(?:được )?số hóa{X}{G}{Q}{N}{P}",
       need="số hóa", prio=4, kind="percent", max_value=100),
    # "Số TTHC đã triển khai thanh toán trực tuyến là 1.018/1.225 TTHC có yêu cầu nghĩa vụ tài chính"
    *R("online_payment_procedures",
       r"thanh toán trực tuyến(?: là|:)?{G}{PAIR} (?:{TT}|tt)",
       need="thanh toán", prio=5, den_code="tthc_procedures_with_fees"),
    # "(chỉ tiêu tỉnh giao 60%)": a goal next to a result
    *R("IGNORE",
       r"chỉ tiêu[^\d;%()]{0,30}?(?:giao|đề ra|là|:){G}{N}{P}",
       need="chỉ tiêu", prio=4, kind="percent", max_value=100,
       switch=((r"toàn trình", "tthc_online_full_rate_target_pct"),)),
    *R("service_quality_index_score",
       r"(?:bộ )?chỉ số phục vụ người dân[^;%]{0,120}?(?:đạt|là)\s*{PAIR} điểm",
       r"(?:bộ )?chỉ số phục vụ người dân[^;%]{0,120}?(?:đạt|là)\s*{N} điểm",
       need="phục vụ", prio=4, kind="score"),
    *R("essential_services_digitized",
       r"số hóa[^\d;%]{0,20}?{N} dịch vụ công thiết yếu",
       need="thiết yếu", prio=3),
    # ---- documents, signatures, connections
    *R("e_document_rate_pct",
       r"{Q}{N}{P} (?:tỷ lệ )?văn bản[^\d;%]{0,60}?(?:ký số|điện tử|trao đổi)",
       r"tỷ lệ (?:sử dụng |gửi, nhận |gửi nhận )?văn bản điện tử{XL}{G}{Q}{N}{P}",
       r"{N}{P} (?:các )?(?:cơ quan|đơn vị)[^\d;%]{0,40}?(?:gửi,? nhận|gửi nhận|trao đổi) văn bản điện tử",
       need="văn bản", prio=4, kind="percent", max_value=100),
    *R("digital_signature_rate_pct",
       r"{N}{P} (?:các )?(?:cơ quan|đơn vị|cán bộ|cbccvc|cbcc|công chức|viên chức|ccvc)[^\d;%]{0,60}?"
       r"(?:ký số|chữ ký số|chứng thư số)",
       need=("ký số", "chứng thư"), prio=3, kind="percent", max_value=100),
    *R("official_email_usage_pct",
       r"(?:sử dụng )?hộp thư điện tử công vụ{XL}{G}{N}{P}",
       r"{N}{P} (?:cán bộ|cbcc)[^\d;%]{0,40}?hộp thư điện tử",
       need="hộp thư", prio=4, kind="percent", max_value=100),
    *R("one_stop_system_connected_rate_pct",
       r"kết nối(?: liên thông)?(?: tới| với| đến)? {N}{P} (?:các )?(?:sở|ubnd|đơn vị|cơ quan)",
       r"(?:,|và) {N}{P} (?:các )?(?:sở|ubnd|đơn vị|cơ quan)",
       need="kết nối", prio=3, kind="percent", max_value=100, ctx_need=r"kết nối"),
    *R("staff_with_computers_pct",
       r"{N}{P} (?:cán bộ|cbccvc|cbcc)[^\d;%]{0,40}?máy (?:vi )?tính",
       need="máy", prio=3, kind="percent", max_value=100),
    *R("agencies_lan_internet_pct",
       r"{N}{P} (?:các )?(?:cơ quan|đơn vị)[^\d;%]{0,40}?mạng lan",
       need="lan", prio=3, kind="percent", max_value=100),
    *R("specialized_data_network_connected_pct",
       r"{N}{P} (?:các )?(?:cơ quan|đơn vị)[^\d;%]{0,40}?truyền số liệu chuyên dùng",
       need="chuyên dùng", prio=3, kind="percent", max_value=100),
    *R("mobile_coverage_villages_pct",
       r"{N}{P} (?:các )?thôn[^\d;%]{0,30}?sóng (?:điện thoại )?di động",
       need="sóng", prio=3, kind="percent", max_value=100),
    *R("mobile_internet_coverage_communes_pct",
       r"{N}{P} (?:các )?xã[^\d;%]{0,30}?phủ sóng",
       need="phủ sóng", prio=3, kind="percent", max_value=100),
    *R("e_health_record_coverage_pct",
       r"{N}{P} dân số[^\d;%]{0,20}?hồ sơ sức khỏe điện tử",
       need="sức khỏe", prio=3, kind="percent", max_value=100),
    *R("broadband_speed_mbps",
       r"tốc độ[^\d;%]{0,60}?{Q}{N} mbps",
       need="mbps", prio=3, kind="mbps"),
    *R("public_wifi_hotspots",
       r"{N} (?:điểm )?(?:phát )?wi-?fi",
       need="wifi", prio=3),
    *R("online_conferences_served",
       r"(?:phục vụ|tổ chức|kết nối) {N} (?:cuộc )?(?:hội nghị|cuộc họp|phiên họp) trực tuyến",
       need="trực tuyến", prio=3),
    *R("online_meetings_commune_connected_pct",
       r"{Q}{N}{P} (?:các )?cuộc họp trực tuyến[^\d;%]{0,80}?(?:kết nối|đến) (?:ubnd )?(?:các )?xã",
       need="họp trực tuyến", prio=4, kind="percent", max_value=100),
    # ---- PAR index, components, ranks
    *R("par_index_score",
       r"chỉ số (?:cchc|cải cách hành chính|par index)[^\d;%]{0,60}?(?:đạt|là)\s*{N} điểm",
       r"chỉ số (?:cchc|cải cách hành chính|par index)[^\d;%]{0,60}?(?:đạt|là)\s*{PAIR} điểm",
       need="chỉ số", prio=3, kind="score", ctx_forbid=r"(?:xã|thị trấn)[^;]{0,30}$",
       switch=((_COMPONENT, "par_component_score"),)),
    *R("par_index_pct",
       r"chỉ số (?:cchc|cải cách hành chính|par index)[^\d;%]{0,60}?(?:đạt|là)\s*{N}{P}",
       need="chỉ số", prio=3, kind="percent", max_value=100, ctx_forbid=r"(?:xã|thị trấn)[^;]{0,30}$",
       switch=((_COMPONENT, "par_component_pct"),)),
    *R("par_index_score",
       r"đạt {N} điểm,? (?:xếp|đứng) (?:thứ|hạng|vị trí)",
       need="điểm", prio=3, kind="score", ctx_need=r"chỉ số (?:cchc|cải cách hành chính|par index)",
       switch=((_COMPONENT, "par_component_score"),)),
    *R("par_component_score",
       r"(?:là|đạt|:)\s*{PAIR} điểm",
       r"(?:là|đạt|:)\s*{N} điểm",
       need="điểm", prio=2, kind="score", ctx_need=_COMPONENT),
    *R("par_index_pct",
       r"đạt chỉ số {N}(?:{P})?",
       need="đạt chỉ số", prio=3, kind="percent", max_value=100,
       switch=((_COMPONENT, "par_component_pct"),)),
    *R("par_index_rank",
       r"(?:xếp thứ|xếp vị trí thứ|vị trí thứ|xếp hạng|đứng thứ) {PAIR}",
       r"(?:xếp thứ|xếp vị trí thứ|vị trí thứ|xếp hạng|đứng thứ) {N}",
       need="thứ", prio=3, kind="rank", switch=((_COMPONENT, "par_component_rank"),
                                                  (r"papi", "papi_rank"), (r"pci\b", "pci_rank"))),
    *R("par_index_score_change",
       r"(?:tăng|giảm) {N} điểm",
       need="điểm", prio=3, kind="signed", ctx_need=r"chỉ số|par index",
       switch=((_COMPONENT, "IGNORE"),)),
    *R("par_index_rank_change",
       r"(?:tăng|giảm) {N} (?:bậc|hạng)",
       need=("bậc", "hạng"), prio=3, kind="signed",
       switch=((r"papi", "papi_rank_change"), (r"pci\b", "pci_rank_change"), (_COMPONENT, "IGNORE"))),
    # ---- socio-economic impact
    *R("new_enterprises",
       r"(?:có )?{N} doanh nghiệp (?:thành lập mới|mới thành lập|đăng ký thành lập mới)",
       need="doanh nghiệp", prio=3),
    *R("new_enterprises_change",
       r"(?:tăng|giảm) {N} doanh nghiệp(?: so với cùng kỳ)?",
       need="doanh nghiệp", prio=3, kind="signed"),
    *R("socioeconomic_targets_met",
       r"(?:có )?{PAIR} (?:nhóm )?chỉ tiêu[^\d;%]{0,20}?đạt",
       need="chỉ tiêu", prio=3, den_code="socioeconomic_targets_total", ctx_forbid=r"khả năng[^;]{0,30}$"),
]
