"""Phrasings of the case-count vocabulary (``indicators.md`` §2) and the procedure inventory."""

from __future__ import annotations

from ingest.facts.rule import R, Rule

# "trước hạn" given as its own figure (so a separate "đúng hạn" excludes early cases)
EARLY_SEPARATE = (
    r"(?<!và )(?<!đúng, )(?<!đúng hạn, )(?<!đúng hạn và )(?<!đúng và )(?:trước|sớm) (?:hạn|hẹn)(?:\s*(?:là|có|:))*\s*\d"
    r"|\d[\d.,]*\s*(?:hồ sơ|hs)\s*(?:được\s*)?(?:giải quyết\s*)?(?:trước|sớm) (?:hạn|hẹn)(?!\s*(?:và|,)\s*đúng)"
)
_NOT_LATE_OPEN = r"đang (?:giải quyết|xử lý)[^\d;]{0,15}$"
_ONTIME = r"(?:đúng hạn|đúng hẹn|đúng thời hạn)"
_EARLY_OR_ONTIME = (
    r"(?:đúng(?: hạn| hẹn)?(?:,| và| hoặc) trước (?:hạn|hẹn)|trước(?: hạn| hẹn)?(?:,| và) đúng (?:hạn|hẹn)|"
    r"đúng và trước hạn|trước và đúng hạn|đúng hạn \(?(?:bao gồm|gồm|kể cả|tính cả)(?: cả)? trước hạn\)?)"
)
_LATE = r"(?:quá hạn|trễ hạn|chậm hạn|trễ hẹn|quá hẹn|chậm, quá hạn|chậm trễ)"
# "Cùng kỳ năm trước, … tiếp nhận N hồ sơ": a comparison, not this period's figure
_PRIOR = (r"(?<![\w,] )(?<!\w)cùng kỳ(?: năm)?[^\d;,]{0,14},[^;]{0,120}$"
          # "năm 2022 xã chỉ tiếp nhận …": an earlier year's figure given for comparison
          r"|(?:^|[,;(]\s*|trong khi\s+|còn\s+)(?:cùng kỳ\s+)?năm(?:\s+trước|\s+\S*)?[^\d;.]{0,30}?"
          r"\bchỉ\b[^\d;]{0,40}$")
_RECEIVE_GAP = r"(?:(?!trực tuyến|qua mạng|bưu|lũy kế|trực tiếp|mới|trong kỳ|tồn|giải quyết xong)[^\d;%]){0,45}?"

_PROC_ITEM_END = r"(?= (?:{TT}|tt|thủ tục)\b|\s*[;,.)]|\s*$| và\b)"
_PAK = r"(?:pakn|phản ánh,? kiến nghị|phản ánh|kiến nghị|ý kiến phản ánh)"

# phrasings first seen on a blind evaluation set, rewritten for other sentences (tests/test_facts_blind_families.py)
BLIND_FAMILY_RULES: list[Rule] = [
    # the online split named before its figures: "trực tuyến toàn trình 318, một phần 1.889"
    *R("tthc_cases_online_full",
       r"(?:trực tuyến )?toàn trình(?: là|:)?\s*{N}(?= {HS}|\s*[,;.)]|\s*$| và\b)",
       need="toàn trình", prio=7, ctx_need=r"hồ sơ|\bhs\b",
       ctx_forbid=r"(?:dịch vụ công|dvc|tthc|thủ tục|tỷ lệ)[^\d;]{0,40}$|" + _PRIOR),
    *R("tthc_cases_online",
       r"(?:[,;(]|\bvà) (?:trực tuyến )?một phần(?: là|:)?\s*{N}(?= {HS}|\s*[,;.)]|\s*$| và\b)",
       need="một phần", prio=7, ctx_need=r"hồ sơ|\bhs\b",
       ctx_forbid=r"(?:dịch vụ công|dvc|tthc|thủ tục|tỷ lệ)[^\d;]{0,40}$|" + _PRIOR,
       para_switch=((r"toàn trình", "tthc_cases_online_partial"),)),
    # "năm 2022 chuyển sang 57 hồ sơ", "quý trước chuyển qua 31 hồ sơ"
    *R("tthc_cases_carried_over",
       r"(?:năm|quý|tháng|kỳ)(?: trước)?\s+(?:[ivx]+\s+)?chuyển (?:sang|qua){G}{N} {HS}",
       r"{N} {HS} (?:của )?(?:năm|quý|tháng|kỳ)(?: trước)?\s+(?:[ivx]+\s+)?chuyển (?:sang|qua)",
       need=("chuyển sang", "chuyển qua"), prio=5),
    # "thanh toán phí, lệ phí trực tuyến: 1.106 hồ sơ": payments, not online intake
    *R("online_payment_cases",
       r"thanh toán(?: các khoản)?(?: phí,? lệ phí| phí và lệ phí| nghĩa vụ tài chính)?(?: qua| bằng hình thức)? "
       r"trực tuyến{X}{G}{N}(?: (?:{HS}|giao dịch|lượt))?",
       r"{N} (?:{HS}|giao dịch|lượt)[^\d;%]{0,30}?thanh toán(?: phí,? lệ phí)?(?: qua| bằng hình thức)? trực tuyến",
       need="thanh toán", prio=7, ctx_forbid=r"tỷ lệ[^\d;]{0,30}$"),
    # procedures listed by tier, the label first: "cấp tỉnh 1.398 TTHC; cấp huyện 274 TTHC; ngành dọc 73"
    *R("tthc_procedures_total",
       r"(?:^|[(;,:]\s*|trong đó:?\s*|\bvà\s)(?:thuộc )?(?:thẩm quyền )?(?:của )?(?:các )?(?:cấp (?:tỉnh|huyện|xã)|"
       r"(?:cơ quan )?ngành dọc)(?: có| là| gồm|:)?\s*{N}" + _PROC_ITEM_END,
       need=("cấp", "ngành dọc"), prio=4, ctx_need=r"thủ tục|tthc",
       ctx_forbid=r"(?:hồ sơ|dịch vụ công|dvc|tỷ lệ|%|kết quả)[^.]{0,200}$",
       switch=((r"cấp tỉnh", "tthc_procedures_total"), (r"cấp huyện", "tthc_procedures_district"),
               (r"cấp xã", "tthc_procedures_commune"), (r"ngành dọc", "tthc_procedures_vertical_agencies"))),
    # a case count changes against another period: a change, never the period's own figure
    *R("IGNORE",
       r"(?:tăng|giảm)(?: thêm)? {N} {HS}",
       need=("tăng", "giảm"), prio=7, kind="signed"),
    # early share: "tỷ lệ (giải quyết) trước hạn đạt 80,2%", "80,2% hồ sơ giải quyết trước hạn"
    *R("tthc_early_rate_pct",
       r"tỷ lệ (?:{HS} )?(?:được )?(?:giải quyết )?(?:trước|sớm) (?:hạn|hẹn)(?! và|,){X}{G}{Q}{N}{P}",
       r"{N}{P} (?:số )?{HS}[^\d;%]{0,20}?(?:được )?(?:giải quyết )?(?:trước|sớm) (?:hạn|hẹn)(?! và|,)",
       need=("trước hạn", "sớm hạn", "trước hẹn"), prio=6, kind="percent", max_value=100),
    # electronic results: "cấp 1.610 kết quả giải quyết TTHC điện tử", "kết quả điện tử được cấp: 1.610"
    *R("e_results_issued",
       r"{N} (?:bản )?kết quả(?: giải quyết)?(?: (?:{TT}|tt))?(?: (?:bản|dạng|dưới dạng))? điện tử",
       r"kết quả (?:giải quyết )?(?:(?:{TT}|tt) )?(?:bản |dạng )?điện tử(?: (?:được|đã) cấp| đã trả)?{G}{N}"
       r"(?! {HS})(?: kết quả)?",
       need="kết quả", prio=5),
    # feedback by subject
    *R("tthc_feedback_on_regulations",
       r"{N} " + _PAK + r" (?:về|liên quan(?: đến)?) (?:các )?quy định hành chính",
       r"(?:về|liên quan(?: đến)?) (?:các )?quy định hành chính(?: là|:)?\s*{N}",
       need="quy định hành chính", prio=6),
    *R("tthc_feedback_on_conduct",
       r"{N} " + _PAK + r" (?:về|liên quan(?: đến)?) hành vi hành chính",
       r"(?:về|liên quan(?: đến)?) hành vi hành chính(?: là|:)?\s*{N}",
       need="hành vi hành chính", prio=6),
]

# phrasings quoted in the public catalogue (``indicators.md`` §5), tests/test_facts_catalogue_phrasings.py
CATALOGUE_RULES: list[Rule] = [
    # "đã giải quyết 1.460/1.520 hồ sơ (tỷ lệ 96,1%)": the rate of a resolved-of-total pair
    *R("tthc_resolution_rate_pct",
       r"giải quyết(?: xong)?(?: được)? \d[\d.,]*\s*/\s*\d[\d.,]* {HS}\s*[(,]?\s*(?:đạt |chiếm )?(?:tỷ lệ|đạt|chiếm)"
       r"(?: là)?\s*:?\s*{N}{P}",
       need="giải quyết", prio=5, kind="percent", max_value=100),
    # "1.318 hồ sơ (phát sinh) trực tuyến một phần": partial when full-online cases are given beside it
    *R("tthc_cases_online",
       r"{N} {HS} (?:phát sinh |nộp |xử lý |tiếp nhận )?(?:trực tuyến )?một phần",
       need="một phần", prio=8, ctx_forbid=r"(?:dịch vụ công|dvc|tỷ lệ)[^\d;]{0,40}$",
       para_switch=((r"toàn trình", "tthc_cases_online_partial"),)),
    # "1.230 hồ sơ nộp qua Cổng DVC"
    *R("tthc_cases_online",
       r"{N} {HS}[^\d;%]{0,20}?(?:nộp|gửi|tiếp nhận) (?:trực tuyến )?(?:qua|trên) cổng (?:dịch vụ công|dvc)",
       need="cổng", prio=6, ctx_forbid=r"tỷ lệ[^\d;]{0,30}$|" + _PRIOR),
    # "1.402 hồ sơ đến hạn giải quyết"
    *R("tthc_cases_due",
       r"{N} {HS}[^\d;%]{0,15}?(?<!chưa )đến hạn (?:giải quyết|trả kết quả)",
       need="đến hạn", prio=7, ctx_forbid=_PRIOR),
    # procedure inventory phrasings
    *R("tthc_procedures_simplified",
       r"{N} (?:{TT}|tt) (?:đã )?(?:được )?phê duyệt phương án đơn giản hóa",
       need="đơn giản", prio=6),
    *R("tthc_procedures_location_independent",
       r"{N} (?:{TT}|tt) (?:được )?tiếp nhận,? (?:và )?giải quyết không phụ thuộc (?:vào )?địa giới hành chính",
       need="địa giới", prio=6),
    *R("tthc_procedures_total",
       r"{N} (?:{TT}|tt) (?:đang |còn )+(?:có )?hiệu lực",
       need="hiệu lực", prio=5, ctx_forbid=r"(?:hồ sơ|tỷ lệ)[^\d;]{0,40}$"),
]

RULES: list[Rule] = [
    # ---- intake
    *R("tthc_cases_received",
       r"tiếp nhận" + _RECEIVE_GAP + r"{G}{Q}{N} {HS}",
       r"(?:tổng số|tổng cộng) {HS} (?:đã )?(?:được )?tiếp nhận" + _RECEIVE_GAP + r"{G}{N}",
       r"{N} {HS} (?:đã )?được tiếp nhận(?! (?:trực tuyến|qua))",
       need="tiếp nhận", prio=1, ctx_forbid=_PRIOR),
    *R("tthc_cases_new",
       r"(?:tiếp nhận mới|mới tiếp nhận|tiếp nhận trong kỳ|trong kỳ tiếp nhận|nhận mới|phát sinh mới|"
       r"số mới tiếp nhận){X}{G}{Q}{N} {HS}",
       r"{N} {HS} (?:mới|tiếp nhận mới|mới tiếp nhận|phát sinh mới|tiếp nhận trong kỳ)",
       need=("mới", "trong kỳ"), prio=3, ctx_forbid=_PRIOR),
    *R("tthc_cases_carried_over",
       r"(?:tồn (?:từ )?kỳ trước(?: chuyển (?:qua|sang))?|(?:từ )?kỳ trước chuyển (?:qua|sang)|tồn đọng kỳ trước|"
       r"chuyển tiếp từ kỳ trước|tồn chuyển sang){X}{G}{N} {HS}",
       r"{N} {HS} (?:tồn (?:từ )?kỳ trước|(?:từ )?kỳ trước chuyển (?:qua|sang)|chuyển tiếp)",
       r"tồn (?:từ )?(?:năm|quý|tháng|kỳ)\b[^\d;%]{0,25}?chuyển (?:qua|sang){G}{N} {HS}",
       need=("kỳ trước", "tồn", "chuyển tiếp"), prio=4),
    *R("tthc_cases_total_to_handle",
       r"tổng số {HS} (?:nhận |cần |phải |yêu cầu |đã và đang )giải quyết{X}{G}{N}",
       r"lũy kế đã và đang giải quyết{X}{G}{N}",
       need=("giải quyết",), prio=4),
    *R("tthc_cases_online",
       r"{N} {HS}(?: được| đã)?(?: nộp| tiếp nhận| nhận| phát sinh| xử lý| giải quyết)? (?:qua mạng|trực tuyến|"
       r"qua cổng dịch vụ công|qua cổng dvc)",
       r"{HS}(?: được| đã)?(?: nộp| tiếp nhận| nhận| phát sinh)? (?:qua mạng|trực tuyến)(?: một phần| toàn trình)?"
       r"{X}{G}{N}(?: {HS})?",
       r"(?:tiếp nhận|nhận|nộp) (?:hồ sơ )?(?:qua mạng|trực tuyến){X}{G}{N} {HS}",
       r"phát sinh {N} {HS} trực tuyến",
       need=("trực tuyến", "qua mạng"), prio=5,
       ctx_forbid=r"(?:tỷ lệ|mục tiêu)[^\d;]{0,30}$|" + _PRIOR),
    *R("tthc_cases_online_full",
       r"{N} {HS}(?: được)?(?: nộp| tiếp nhận| phát sinh)? trực tuyến toàn trình",
       r"{HS}(?: được)?(?: nộp| tiếp nhận| phát sinh)? trực tuyến toàn trình{X}{G}{N}(?: {HS})?",
       need="toàn trình", prio=6),
    *R("tthc_cases_direct",
       r"{N} {HS}(?: được)?(?: nộp| tiếp nhận| nhận)? trực tiếp(?! và)",
       r"(?:tiếp nhận|nộp|nhận) (?:hồ sơ )?trực tiếp(?! và){X}{G}{N} {HS}",
       need="trực tiếp", prio=5),
    *R("tthc_cases_postal",
       r"{N} {HS}(?: được)?(?: nộp| tiếp nhận| nhận| gửi)? qua (?:dịch vụ )?{BC}",
       r"{HS}(?: được)?(?: nộp| tiếp nhận| nhận| gửi)? qua (?:dịch vụ )?{BC}{XL}{G}{N}(?: {HS})?",
       r"(?:tiếp nhận|nhận) qua (?:dịch vụ )?{BC}{XL}{G}{N} {HS}",
       need=("chính", "điện"), prio=5, ctx_forbid=r"trả(?: kết quả)?[^\d;]{0,12}$"),
    # channel lists after a case total: "(trực tuyến: 8.120 hồ sơ; trực tiếp: 7.114 hồ sơ)"
    *R("tthc_cases_online",
       r"(?:^|[(;,:]\s*|trong đó:?\s*)(?:qua mạng|trực tuyến|nộp trực tuyến)\s*:\s*{N}(?: {HS})?",
       need=("trực tuyến", "qua mạng"), prio=5, ctx_need=r"hồ sơ"),
    *R("tthc_cases_direct",
       r"(?:^|[(;,:]\s*|trong đó:?\s*)(?:trực tiếp|nộp trực tiếp)\s*:\s*{N}(?: {HS})?",
       need="trực tiếp", prio=5, ctx_need=r"hồ sơ"),
    *R("tthc_cases_postal",
       r"(?:^|[(;,:]\s*)(?:qua )?(?:dịch vụ )?{BC}(?: công ích)?\s*:\s*{N}(?: {HS})?",
       need=("chính",), prio=5, ctx_need=r"hồ sơ"),
    *R("tthc_cases_online",
       r"(?:qua mạng|trực tuyến)(?! toàn| một)(?: (?:qua|trên) (?:cổng|hệ thống)[^\d;%]{0,40}?)?{G}{N} {HS}",
       need=("trực tuyến", "qua mạng"), prio=5, ctx_forbid=r"(?:thanh toán|tỷ lệ)[^\d;]{0,12}$|" + _PRIOR),
    *R("tthc_cases_online_full",
       r"trực tuyến toàn trình{G}{N} {HS}",
       need="toàn trình", prio=6, ctx_forbid=_PRIOR),
    # partly-online cases are told apart only where the paragraph also counts the fully-online ones
    *R("tthc_cases_online",
       r"trực tuyến một phần{G}{N} {HS}",
       r"{N} {HS}(?: được)?(?: nộp| tiếp nhận| phát sinh)? trực tuyến một phần",
       need="một phần", prio=6, ctx_forbid=_PRIOR,
       para_switch=((r"toàn trình{G}\d[\d.,]* {HS}|\d[\d.,]* {HS}[^\d;]{0,30}toàn trình",
                     "tthc_cases_online_partial"),)),
    *R("tthc_cases_direct",
       r"(?:nộp |tiếp nhận )?trực tiếp(?! và)(?: tại [^\d;%]{0,40}?)?{G}{N} {HS}",
       need="trực tiếp", prio=5, ctx_forbid=_PRIOR),
    *R("tthc_cases_postal",
       r"(?:qua )?(?:dịch vụ )?{BC}(?: công ích)?{G}{N} {HS}",
       need=("chính", "điện"), prio=5, ctx_forbid=r"trả(?: kết quả)?[^\d;]{0,12}$|" + _PRIOR),
    # a case total split by tier in brackets: "… hồ sơ (cấp tỉnh 98,4 nghìn; cấp huyện 121,7 nghìn; …)"
    *R("tthc_cases_received",
       r"(?:^|[(;,]\s*)cấp (?:tỉnh|huyện|xã)(?: là| có|:)?\s*{N}(?= (?:nghìn|ngàn|triệu)\b| {HS}|\s*[;),])",
       need="cấp", prio=4, ctx_need=r"(?:hồ sơ|hs)\b[^()]{0,40}\([^()]*$",
       switch=((r"tiếp nhận mới|mới tiếp nhận|tiếp nhận trong kỳ", "tthc_cases_new"),
               (r"đã giải quyết|giải quyết xong", "tthc_cases_resolved"),
               (r"tiếp nhận", "tthc_cases_received"))),
    *R("tthc_cases_received_change_vs_prev_period",
       r"(?:tăng|giảm) {N} {HS} so với (?:quý|tháng|kỳ) trước",
       r"(?:tăng|giảm) {N} {HS} so với (?:quý|tháng|kỳ)(?! cùng| năm)(?: liền kề| báo cáo trước| [ivx]+\b)",
       need=("so với",), prio=8, kind="signed"),
    *R("tthc_cases_digitized",
       r"số hóa{X}{G}{N} {HS}",
       r"{N} {HS}[^\d;%]{0,20}?(?:được )?số hóa",
       need="số hóa", prio=4, ctx_forbid=r"dịch vụ công thiết yếu"),
    *R("tthc_digitization_rate_pct",
       r"tỷ lệ số hóa{X}{G}{N}{P}",
       need="số hóa", prio=4, kind="percent", max_value=100),
    *R("online_payment_cases",
       r"thanh toán trực tuyến{X}{G}{N} (?:{HS}|giao dịch)",
       r"{N} (?:{HS}|giao dịch)[^\d;%]{0,20}?thanh toán trực tuyến",
       need="thanh toán", prio=4),
    *R("tthc_cases_direct_or_postal",
       r"trực tiếp và (?:qua )?(?:dịch vụ )?{BC}{X}{G}{N}",
       need="trực tiếp", prio=6),
    # ---- results
    *R("tthc_cases_resolved",
       r"(?:đã giải quyết(?: xong)?|giải quyết xong|(?:đã )?giải quyết và trả kết quả|đã xử lý xong|"
       r"đã trả kết quả|đã xử lý)(?: cho)?{G}{Q}{N} {HS}",
       r"{N} {HS} (?:đã |được )?(?:giải quyết xong|giải quyết và trả kết quả|đã giải quyết|xử lý xong)",
       r"(?:^|[,;]\s*)giải quyết(?: được)? {N} {HS}",
       need=("giải quyết", "xử lý", "trả kết quả"), prio=3, ctx_forbid=_PRIOR),
    *R("tthc_cases_resolved_early",
       r"(?<!và )(?<!đúng, )(?<!đúng hạn, )(?<!đúng hạn và )(?<!đúng và )(?:trước|sớm) (?:hạn|hẹn)(?! và| hoặc|,)"
       r"{G}{N}(?: {HS})?",
       r"{N} {HS} (?:được )?(?:giải quyết )?(?:trước|sớm) (?:hạn|hẹn)(?! và|,)",
       need=("trước hạn", "trước hẹn", "sớm hạn", "sớm hẹn"), prio=6),
    *R("tthc_cases_resolved_early_or_on_time",
       _EARLY_OR_ONTIME + r"{G}{N}(?: {HS})?",
       r"{N} {HS} (?:được )?(?:giải quyết )?" + _EARLY_OR_ONTIME,
       need=("đúng",), prio=7),
    *R("tthc_cases_resolved_early_or_on_time",
       r"(?<!trước hạn, )(?<!trước hạn và )(?<!trước, )" + _ONTIME + r"{G}{N} {HS}",
       r"{N} {HS} (?:được )?(?:giải quyết )?" + _ONTIME + r"(?! và trước|, trước)",
       need=("đúng",), prio=6,
       para_switch=((EARLY_SEPARATE, "tthc_cases_resolved_on_time"),)),
    *R("tthc_cases_resolved_late",
       r"(?:đã )?(?:giải quyết )?" + _LATE + r"{G}{N}(?: {HS})?",
       r"{N} {HS} (?:đã |bị )?(?:giải quyết )?" + _LATE,
       need=("hạn", "hẹn", "chậm"), prio=6, ctx_forbid=_NOT_LATE_OPEN),
    *R("tthc_cases_in_progress",
       r"(?:đang giải quyết|đang xử lý|chưa giải quyết|chưa xử lý|đang thụ lý)(?! quá| trong){G}{N} {HS}",
       r"{HS} (?:đang giải quyết|đang xử lý|chưa giải quyết){G}{N}(?: {HS})?",
       r"{N} {HS} (?:đang|chưa) (?:giải quyết|xử lý)(?! quá| trong)",
       need=("đang", "chưa"), prio=5),
    *R("tthc_cases_in_progress_within_deadline",
       r"(?:đang giải quyết|đang xử lý) (?:trong hạn|chưa đến hạn){G}{N}",
       r"{N} {HS} (?:đang giải quyết|đang xử lý) (?:trong hạn|chưa đến hạn)",
       need="đang", prio=7),
    *R("tthc_cases_in_progress_within_deadline",
       r"(?:trong hạn|chưa đến hạn){G}{N}",
       need=("trong hạn", "chưa đến hạn"), prio=7, ctx_need=r"đang (?:giải quyết|xử lý)(?:[^;.]|\.\d){0,40}$"),
    *R("tthc_cases_in_progress_overdue",
       _LATE + r"{G}{N}",
       need=("hạn",), prio=8, ctx_need=r"đang (?:giải quyết|xử lý)(?:[^;.]|\.\d){0,70}$"),
    *R("tthc_cases_in_progress_overdue",
       r"(?:đang giải quyết|đang xử lý) (?:quá hạn|trễ hạn){G}{N}",
       r"{N} {HS} (?:đang giải quyết|đang xử lý) (?:quá hạn|trễ hạn)",
       r"quá hạn chưa (?:có kết quả|giải quyết){G}{N}",
       need=("đang", "chưa"), prio=8),
    *R("tthc_cases_returned",
       r"{N} {HS} (?:bị )?(?:trả lại|rút|không đủ điều kiện)",
       r"(?:trả lại|rút) (?:hồ sơ)?{X}{G}{N} {HS}",
       need=("trả lại", "rút"), prio=6),
    *R("tthc_results_returned_postal",
       r"trả (?:kết quả )?(?:giải quyết )?(?:tthc )?qua (?:dịch vụ )?{BC}{X}{G}{N} (?:kết quả|{HS})",
       r"{N} (?:kết quả|{HS}) (?:được )?trả (?:kết quả )?qua (?:dịch vụ )?{BC}",
       need=("trả",), prio=7),
    *R("tthc_assistance_contacts",
       r"(?:hướng dẫn|hỗ trợ)[^\d;%]{0,60}?cho {N} lượt",
       r"(?:hướng dẫn|hỗ trợ)(?:, (?:hướng dẫn|hỗ trợ))? {N} lượt",
       need=("hướng dẫn", "hỗ trợ"), prio=3),
    *R("tthc_late_apologies",
       r"{N} (?:văn bản|thư|phiếu) xin lỗi",
       need="xin lỗi", prio=3),
    # ---- year to date: "(lũy kế N hồ sơ)" after a figure takes the code of that figure (see narrative.YTD)
    # ---- rates that stand on their own
    *R("tthc_on_time_rate_pct",
       r"tỷ lệ (?:{HS} )?(?:tthc )?(?:được )?(?:giải quyết )?(?:" + _ONTIME + r"|" + _EARLY_OR_ONTIME + r")"
       r"{XL}{G}{Q}{N}{P}",
       r"tỷ lệ {HS}{XL}(?:được )?giải quyết (?:" + _ONTIME + r"|" + _EARLY_OR_ONTIME + r"){X}{G}{Q}{N}{P}",
       r"{N}{P} (?:số )?{HS}{XL}(?:được )?(?:giải quyết )?(?:" + _ONTIME + r"|" + _EARLY_OR_ONTIME + r")",
       r"giải quyết (?:" + _ONTIME + r"|" + _EARLY_OR_ONTIME + r") (?:đạt|là|:) (?:tỷ lệ )?{N}{P}",
       need=("đúng",), prio=4, max_value=100, ctx_forbid=_PRIOR),
    # "đúng và trước hạn 23.861 hồ sơ, tỷ lệ 99,61%": the rate written after the early-or-on-time count
    *R("tthc_on_time_rate_pct",
       _EARLY_OR_ONTIME + r"{G}\d[\d.,]* {HS},? (?:với |đạt )?tỷ lệ{G}{N}{P}",
       need=("đúng",), prio=5, max_value=100),
    *R("tthc_late_rate_pct",
       r"(?:tỷ lệ (?:{HS} )?(?:giải quyết )?)?" + _LATE + r"(?: là| chiếm| :)?{G}{N}{P}",
       r"tỷ lệ {HS}{X}" + _LATE + r"{X}{G}{N}{P}",
       need=("hạn", "hẹn", "chậm"), prio=4, max_value=100, ctx_forbid=_NOT_LATE_OPEN),
    *R("tthc_online_rate_pct",
       r"tỷ lệ (?:{HS} )?(?:tthc )?(?:được )?(?:tiếp nhận |nộp |giải quyết |xử lý )?(?:qua mạng|trực tuyến)"
       r"(?! toàn trình| một phần)(?: mức độ)?{X}{G}{N}{P}",
       r"{HS} (?:được )?(?:nộp |tiếp nhận )?(?:qua mạng|trực tuyến)(?! toàn trình| một phần) (?:chiếm|đạt)"
       r"(?: tỷ lệ)?{G}{N}{P}",
       r"{N}{P} (?:số )?{HS}[^\d;%]{0,30}?(?:qua mạng|trực tuyến)",
       r"{N}{P} (?:số )?(?:{TT}|tt)[^\d;%]{0,20}?(?:được )?(?:tiếp nhận|giải quyết|xử lý|nộp) (?:qua mạng|trực tuyến)",
       need=("trực tuyến", "qua mạng"), prio=4, max_value=100),
    *R("tthc_online_full_rate_pct",
       r"tỷ lệ {HS}{X}trực tuyến toàn trình{X}{G}{N}{P}",
       need="toàn trình", prio=5, max_value=100, ctx_forbid=r"(?:mục tiêu|chỉ tiêu)[^;]{0,40}$"),
    *R("tthc_resolution_rate_pct",
       r"tỷ lệ (?:{HS} )?(?:đã )?giải quyết(?! đúng| trước| quá| trễ)(?: xong)?{X}{G}{N}{P}",
       need="giải quyết", prio=3, max_value=100),
    # ---- procedures (inventory)
    *R("tthc_procedures_total",
       r"tổng số {TT}{XL}(?:đang có hiệu lực|thuộc thẩm quyền|đã được (?:công bố|tích hợp)|đang thực hiện)"
       r"{XL}{G}{N}(?: {TT})?",
       need=("tổng số",), prio=2, ctx_forbid=r"(?:cấp huyện|cấp xã|ngành dọc)[^\d;]{0,60}$",
       switch=((r"cấp huyện", "tthc_procedures_district"), (r"cấp xã", "tthc_procedures_commune"))),
    *R("tthc_procedures_district",
       r"{N} (?:{TT}|tt) cấp huyện",
       need="cấp huyện", prio=4, ctx_forbid=r"ngành dọc[^;]{0,80}$"),
    *R("tthc_procedures_district",
       r"(?:{TT}|tt) (?:thuộc thẩm quyền )?(?:giải quyết )?(?:của )?cấp huyện(?: là| có| gồm|:)\s*{N} (?:{TT}|tt)",
       need="cấp huyện", prio=3, ctx_forbid=r"ngành dọc[^;]{0,80}$"),
    *R("tthc_procedures_commune",
       r"{N} (?:{TT}|tt) cấp xã",
       need="cấp xã", prio=4, ctx_forbid=r"ngành dọc[^;]{0,80}$"),
    *R("tthc_procedures_commune",
       r"(?:{TT}|tt) (?:thuộc thẩm quyền )?(?:giải quyết )?(?:của )?cấp xã(?: là| có| gồm|:)\s*{N} (?:{TT}|tt)",
       need="cấp xã", prio=3, ctx_forbid=r"ngành dọc[^;]{0,80}$"),
    *R("tthc_procedures_vertical_agencies",
       r"cấp (?:huyện|xã)(?: có)?{G}{N} (?:{TT}|tt)",
       r"{N} (?:{TT}|tt)[^\d;]{0,40}?(?:cơ quan )?ngành dọc",
       need=("cấp", "ngành dọc"), prio=4, ctx_need=r"ngành dọc"),
    *R("tthc_procedures_interlinked",
       r"{N} (?:{TT}|tt)(?: được giải quyết| thực hiện)? (?:theo hình thức )?liên thông(?! cùng cấp)",
       r"(?:{TT}|tt) liên thông (?:giữa các cấp|các cấp){X}{G}{N}",
       need="liên thông", prio=3),
    *R("tthc_procedures_interlinked_same_level",
       r"{N} (?:{TT}|tt)(?: được giải quyết| thực hiện)? (?:theo hình thức )?liên thông cùng cấp",
       need="cùng cấp", prio=4),
    *R("tthc_procedures_published_new",
       r"công bố (?:mới )?{N} (?:{TT}|tt) (?:mới|ban hành mới)",
       r"{N} (?:{TT}|tt) (?:được )?công bố mới",
       need="công bố", prio=3),
    *R("tthc_publication_decisions",
       r"{N} quyết định (?:công bố|phê duyệt,? công bố)",
       need="công bố", prio=3),
    *R("tthc_procedures_published",
       r"công bố (?:danh mục )?{N} (?:{TT}|tt)(?! (?:mới|được|sửa|bị|bãi|thay))",
       need="công bố", prio=2),
    *R("tthc_procedures_published_new",
       r"{N} (?:{TT}|tt) (?:mới ban hành|ban hành mới|mới)\b",
       need=("mới",), prio=3, ctx_need=r"công bố"),
    *R("tthc_procedures_total",
       r"{N} (?:{TT}|tt) cấp tỉnh",
       r"(?:đang (?:thực hiện|giải quyết|quản lý)|có|gồm) {N} (?:{TT}|tt) thuộc (?:phạm vi |thẩm quyền)",
       need=("cấp tỉnh", "thuộc"), prio=3, ctx_forbid=r"ngành dọc[^;]{0,80}$"),
    *R("tthc_procedures_abolished",
       r"{N} (?:{TT}|tt) (?:bị )?(?:bãi bỏ|hủy bỏ|bị thay thế)",
       r"bãi bỏ {N} (?:{TT}|tt)",
       need=("bãi bỏ", "hủy bỏ", "thay thế"), prio=3),
    *R("tthc_procedures_amended",
       r"{N} (?:{TT}|tt) (?:được )?sửa đổi(?:, bổ sung)?",
       need="sửa đổi", prio=3),
    *R("tthc_internal_procedures_approved_pct",
       r"{N}{P} (?:số )?(?:các )?(?:{TT}|tt)[^\d;%]{0,40}?(?:được )?phê duyệt quy trình nội bộ",
       r"tỷ lệ (?:{TT}|tt)[^\d;%]{0,30}?phê duyệt quy trình nội bộ{X}{G}{N}{P}",
       need="quy trình nội bộ", prio=4, max_value=100),
    *R("tthc_one_stop_rate_pct",
       r"{N}{P} (?:số )?(?:các )?(?:{TT}|tt)(?:(?!công khai)[^\d;%]){0,60}?(?:tiếp nhận|trả kết quả)"
       r"(?:(?!công khai)[^\d;%]){0,50}?(?:cơ chế một cửa|bộ phận một cửa)",
       r"tỷ lệ (?:{TT}|tt)[^\d;%]{0,60}?(?:cơ chế một cửa|bộ phận một cửa){X}{G}{Q}{N}{P}",
       need="một cửa", prio=4, max_value=100),
    *R("tthc_feedback_resolution_rate_pct",
       r"{N}{P} (?:số )?(?:các )?(?:pakn|phản ánh,? kiến nghị)[^\d;%]{0,60}?(?:được )?(?:giải quyết|xử lý)",
       r"tỷ lệ (?:giải quyết|xử lý) (?:pakn|phản ánh,? kiến nghị){X}{G}{N}{P}",
       need=("pakn", "phản ánh"), prio=4, max_value=100),
    *R("tthc_feedback_received",
       r"(?:tiếp nhận|nhận được|có) {N} (?:pakn|phản ánh|kiến nghị|ý kiến phản ánh)",
       r"(?:pakn|phản ánh,? kiến nghị)[^\d;%]{0,40}?(?:tiếp nhận|nhận được){G}{N}",
       need=("pakn", "phản ánh", "kiến nghị"), prio=3),
    *R("tthc_feedback_resolved",
       r"(?:đã )?(?:giải quyết|xử lý|trả lời)(?: xong)?(?: được)? {N} (?:pakn|phản ánh|kiến nghị|ý kiến phản ánh)",
       r"{N} (?:pakn|phản ánh,? kiến nghị)[^\d;%]{0,20}?(?:đã )?(?:được )?(?:giải quyết|xử lý|trả lời)(?: xong)?"
       r"(?! (?:trong|chưa))",
       need=("pakn", "phản ánh", "kiến nghị"), prio=4, ctx_forbid=r"(?:đang|chưa)\s*$"),
    *R("tthc_feedback_in_progress",
       r"{N} (?:pakn|phản ánh,? kiến nghị)[^\d;%]{0,20}?(?:đang|chưa) (?:giải quyết|xử lý|trả lời)",
       r"(?:đang|chưa) (?:giải quyết|xử lý|trả lời){G}{N} (?:pakn|phản ánh|kiến nghị)",
       need=("pakn", "phản ánh", "kiến nghị"), prio=5),
    *R("tthc_feedback_resolution_rate_pct",
       r"(?:giải quyết|xử lý|trả lời)(?: xong)?(?: được)? \d[\d.,]* (?:pakn|phản ánh[^\d;%()]{0,20}?)\s*\(?\s*"
       r"(?:đạt|chiếm|bằng)(?: tỷ lệ)?{G}{N}{P}",
       need=("pakn", "phản ánh"), prio=5, max_value=100),
    *BLIND_FAMILY_RULES,
    *CATALOGUE_RULES,
    *R("tthc_feedback_received",
       r"(?P<v>(?:không|chưa) (?:có|phát sinh|nhận được|tiếp nhận) (?:bất kỳ )?"
       r"(?:trường hợp|phản ánh|kiến nghị|pakn|ý kiến)"
       r"[^\d;%.]{0,60}?(?:phản ánh|kiến nghị|pakn))",
       need=("không", "chưa"), kind="zero", value=0.0, prio=2, note="stated as none"),
]
