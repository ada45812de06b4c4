"""Phrasings of public-finance figures: public investment, national target programmes, budget."""

from __future__ import annotations

from ingest.facts.rule import R, Rule

_MONEY = r"(?:\s*(?:tỷ|tỉ|triệu|nghìn|ngàn))?\s*(?:đồng|đ\b|vnđ)"
_NTP = r"chương trình (?:mục tiêu quốc gia|mtqg)|\bmtqg\b|ctmtqg"
_NTP_SWITCH_PLAN = ((r"vốn đầu tư\b(?! công)", "ntp_investment_plan_vnd_million"),
                    (r"vốn sự nghiệp", "ntp_recurrent_plan_vnd_million"),
                    (_NTP, "ntp_plan_vnd_million"))
_NTP_SWITCH_DONE = ((r"vốn đầu tư\b(?! công)", "ntp_investment_disbursed_vnd_million"),
                    (r"vốn sự nghiệp", "ntp_recurrent_disbursed_vnd_million"),
                    (_NTP, "ntp_disbursed_vnd_million"))

RULES: list[Rule] = [
    # "Tổng số vốn đầu tư công năm 2023 được giao 96,174 tỷ đồng"
    *R("public_investment_plan_vnd_million",
       r"(?:kế hoạch vốn|tổng (?:số )?vốn|vốn đầu tư công)[^\d;%]{0,60}?(?:được )?(?:giao|phân bổ){G}{Q}{N}" + _MONEY,
       need=("vốn",), kind="money", prio=3, ctx_forbid=_NTP,
       ),
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
       r"(?:tổng )?thu ngân sách(?! do xã)[^\d;%]{0,80}?(?:ước đạt|đạt|được|là|:)\s*{Q}{N}" + _MONEY,
       need="thu ngân sách", kind="money", prio=3),
    *R("budget_revenue_commune_collected_vnd_million",
       r"thu ngân sách do xã (?:đảm nhận|thu|đảm nhiệm){X}{G}{N}" + _MONEY,
       need="do xã", kind="money", prio=4),
    *R("budget_revenue_estimate_vnd_million",
       r"dự toán thu[^\d;%]{0,60}?(?:giao|là){G}{N}" + _MONEY,
       need="dự toán thu", kind="money", prio=3),
    *R("budget_expenditure_vnd_million",
       r"(?:tổng )?chi ngân sách(?! tỉnh:)[^\d;%]{0,80}?(?:ước đạt|đạt|thực hiện|được|là|:)\s*{Q}{N}" + _MONEY,
       need="chi ngân sách", kind="money", prio=3, ctx_forbid=r"giải ngân[^;]{0,40}$"),
    *R("budget_revenue_pct_of_estimate",
       r"(?:đạt|bằng){G}{N}{P}(?: so với)? dự toán",
       need="dự toán", kind="percent", prio=3,
       switch=((r"chi ngân sách", "budget_expenditure_pct_of_estimate"),
               (r"do xã (?:đảm nhận|thu)", "budget_revenue_commune_collected_pct"),
               (r"thu ngân sách", "budget_revenue_pct_of_estimate"))),
    *R("budget_revenue_pct_same_period_last_year",
       r"(?:đạt|bằng){G}{N}{P}(?: so với)? cùng kỳ",
       need="cùng kỳ", kind="percent", prio=3, ctx_need=r"thu ngân sách"),
    *R("public_wifi_investment_vnd_million",
       r"wi-?fi[^;%]{0,120}?(?:số tiền|kinh phí|tổng kinh phí)(?: là)?{G}{N}" + _MONEY,
       need="wifi", kind="money", prio=4),
]
