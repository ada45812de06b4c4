"""Which part of the reporting unit a figure covers (``indicators.md`` §1.2).

The scope comes from the words attached to the figure first ("100% UBND cấp xã"), then its clause, then the
table row label and its parents, the lead-in line and the headings above it. Tier words only make sense for
the report's own level: "cấp xã" in a commune report is the commune itself (``all``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from functools import lru_cache

from ingest.models import Document, Scope, UnitLevel

CENTER_RE = re.compile(
    r"trung tâm phục vụ hành chính công|trung tâm phục vụ hcc|ttpvhcc|trung tâm hành chính công|"
    r"trung tâm phục vụ hành chính"
)
_STRONG = {
    "province_level": re.compile(r"cấp tỉnh|cqcm tỉnh|sở, (?:ban, )?ngành|các sở\b"),
    "district_level": re.compile(r"cấp huyện"),
    "commune_level": re.compile(r"cấp xã|ubnd (?:các )?xã\b|xã, (?:phường, )?thị trấn"),
}
_DEPARTMENTS_RE = re.compile(r"phòng, ban|phòng ban|phòng chuyên môn")
_PROVINCIAL_DISTRICT_RE = re.compile(r"ubnd (?:các )?huyện\b")
_WEAK_PROVINCE_RE = re.compile(r"\btỉnh\b|toàn tỉnh")
# the whole province named as such ("toàn tỉnh", "trên địa bàn tỉnh"): the reporting unit as a whole
_WHOLE_RE = re.compile(r"toàn tỉnh|(?:trên )?địa bàn (?:toàn )?tỉnh|tổng cộng toàn tỉnh")
# a bullet or line that opens with its tier: "- Cấp huyện: tiếp nhận …, giải quyết …; tỷ lệ …"
_HEAD_TIER_RE = re.compile(r"^\s*(?:[-+•*–]\s*)?(?:đối với |tại |ở )?(?:ubnd |các cơ quan )?"
                           r"(?P<t>cấp (?:tỉnh|huyện|xã))\b[^:;\d]{0,40}:")
_HEAD_SCOPES: dict[str, Scope] = {"cấp tỉnh": "province_level", "cấp huyện": "district_level",
                                  "cấp xã": "commune_level"}
# case figures of a report written by the public service centre itself are the centre's (set per document)
OWN_CASE_SCOPE: ContextVar[Scope] = ContextVar("own_case_scope", default="all")
_CASE_PREFIXES = ("tthc_cases", "tthc_results", "tthc_on_time", "tthc_early", "tthc_late", "tthc_online",
                  "tthc_postal", "tthc_returned", "tthc_resolution", "tthc_digitization", "online_payment_case",
                  "e_result", "tthc_assistance", "tthc_late_apologies")
_ALL_RE = re.compile(
    r"các cấp|(?:từ )?(?:cấp )?(?:tỉnh|huyện) đến (?:cấp )?xã|huyện và (?:các )?xã|cả huyện và xã|"
    r"huyện, xã|tỉnh, huyện|toàn huyện|trên địa bàn huyện và"
)
_FUNDING = {
    "district_level": re.compile(r"ngân sách (?:cấp )?huyện|vốn (?:cấp )?huyện"),
    "province_level": re.compile(r"ngân sách (?:cấp )?tỉnh|vốn (?:cấp )?tỉnh|tỉnh (?:giao|phân bổ) bổ sung"),
}

ALWAYS_ALL = frozenset(
    {
        "interagency_bodies_established", "leaders_disciplined_province", "leaders_disciplined_department",
        "leaders_disciplined_division", "management_boards", "department_restructuring_done_pct",
        "commune_to_district_transfers", "par_index_score", "par_index_pct", "par_index_rank",
        "par_index_rank_change", "par_index_score_change", "par_component_score", "par_component_pct",
        "par_component_rank", "new_enterprises", "new_enterprises_change", "socioeconomic_targets_met",
        "socioeconomic_targets_total", "staff_with_computers_pct", "agencies_lan_internet_pct",
        "specialized_data_network_connected_pct", "mobile_coverage_villages_pct",
        "mobile_internet_coverage_communes_pct", "e_health_record_coverage_pct", "broadband_speed_mbps",
        "public_wifi_hotspots", "public_wifi_investment_vnd_million", "psu_financial_autonomy_assigned",
        "budget_revenue_vnd_million", "budget_revenue_pct_of_estimate", "budget_revenue_pct_same_period_last_year",
        "budget_revenue_commune_collected_vnd_million", "budget_revenue_commune_collected_pct",
        "budget_expenditure_vnd_million", "budget_expenditure_pct_of_estimate",
        "online_meetings_commune_connected_pct", "departments_with_function_regulations",
        "essential_services_digitized", "cchc_initiatives_recognized",
    }
)
COMMUNE_TIER = frozenset(
    {
        "commune_staff_quota", "commune_staff_actual", "commune_cadres_actual", "commune_civil_servants_actual",
        "commune_staff_fill_rate_pct", "commune_staff_meeting_standard", "commune_staff_qualification_pct",
    }
)
STAFF_PREFIXES = (
    "civil_servant", "public_employee", "staff_", "labor_contracts", "leaders_", "psu_labor",
    "cchc_plan", "cchc_remediation", "cchc_directive", "propaganda", "assigned_tasks", "job_position",
    "public_service_units", "psu_",
)
FUNDING_PREFIXES = ("public_investment_",)
PROVINCIAL = ("province_office", "province_department")


# a commune's own staffing figures have commune codes (indicators.md §12: "a commune report uses …")
_COMMUNE_REPORT_CODES = {
    "civil_servant_quota": "commune_staff_quota",
    "civil_servant_actual": "commune_staff_actual",
}


_NEXT_ITEM_RE = re.compile(r"(?:,|;|:|\bvà)\s(?=(?:(?:trong đó|bao gồm|gồm):?\s*)?(?:ubnd )?cấp (?:tỉnh|huyện|xã)\s*"
                           r"(?:đạt|là|có|:|$))|;")
_BREAKDOWN_RE = re.compile(r"^[^\d;]{0,30}?(?:trong đó|bao gồm|\bgồm|chia ra|cụ thể)[^\d;]{0,20}?cấp (?:tỉnh|huyện|xã)")
_ITEM_START_RE = re.compile(r"(?:,|;|\(|\bvà)\s(?=[^,;()]*$)")


def code_for_level(code: str, level: UnitLevel | None) -> str:
    """The code a figure takes in a report of ``level`` (staffing of a commune report → commune codes)."""
    if level == "commune":
        return _COMMUNE_REPORT_CODES.get(code, code)
    return code


def _is_staff(code: str) -> bool:
    return code.startswith(STAFF_PREFIXES)


_TIER_RE = re.compile(
    "|".join(
        f"(?P<{name}>{rx.pattern})"
        for name, rx in (
            ("province", _STRONG["province_level"]),
            ("district", _STRONG["district_level"]),
            ("commune", _STRONG["commune_level"]),
            ("departments", _DEPARTMENTS_RE),
            ("prov_district", _PROVINCIAL_DISTRICT_RE),
            ("center", CENTER_RE),
            ("whole", _WHOLE_RE),
            ("every", _ALL_RE),
            ("weak", _WEAK_PROVINCE_RE),
        )
    )
)


@lru_cache(maxsize=8192)
def _marks(text: str) -> frozenset[str]:
    """Names of the tier phrases present in ``text`` (one pass, cached: headings repeat for every figure)."""
    if not text:
        return frozenset()
    return frozenset(m.lastgroup for m in _TIER_RE.finditer(text) if m.lastgroup)


def tiers(text: str, level: UnitLevel | None, *, staff: bool = False) -> tuple[set[str], bool]:
    """Tier names mentioned in ``text`` and whether an "all tiers" phrase is present."""
    marks = _marks(text)
    found: set[str] = set()
    if not marks:
        return found, False
    if "province" in marks and not staff and level in PROVINCIAL:
        found.add("province_level")
    if "district" in marks or (level in PROVINCIAL and "prov_district" in marks and not staff):
        found.add("district_level")
    if level == "district" and "departments" in marks and not staff:
        found.add("district_level")
    if "commune" in marks:
        found.add("commune_level")
    if not staff and "center" in marks:
        found.add("center")
    return found, "every" in marks


def _decide(found: set[str], every: bool, level: UnitLevel | None, staff: bool = False) -> Scope | None:
    if "center" in found:
        return "center"
    if every or len(found) >= 2:
        return "province_level" if level in PROVINCIAL and not staff else "all"
    if len(found) == 1:
        return found.pop()  # type: ignore[return-value]
    return None


def resolve_scope(
    code: str,
    *,
    level: UnitLevel | None,
    local: str = "",
    clause: str = "",
    label: str = "",
    contexts: Iterable[str] = (),
    sentence: str = "",
) -> Scope:
    """The scope of one figure of ``code``; texts are lower case, nearest first."""
    if code in COMMUNE_TIER:
        return "all" if level == "commune" else "commune_level"
    if level == "commune" or code in ALWAYS_ALL:
        return "all"
    if code.startswith(FUNDING_PREFIXES):
        # "150 tỷ đồng, vốn ngân sách huyện 90 tỷ": the source after a comma (or in brackets) is the next amount's
        local = local.split(",", 1)[0].split("(", 1)[0]
        near = _ITEM_START_RE.split(sentence)[-1] if sentence else ""
        for text in (local, near):
            for name, rx in _FUNDING.items():
                if text and rx.search(text):
                    return name  # type: ignore[return-value]
        # before the figure, the source named last ("+ Vốn ngân sách huyện: giải ngân …, đạt 41%"); the words after
        # it may list the other sources ("… là 240 tỷ, trong đó vốn tỉnh …, vốn huyện …")
        last = max(((m.start(), name) for name, rx in _FUNDING.items() for m in rx.finditer(sentence)), default=None)
        if last is not None:
            return last[1]  # type: ignore[return-value]
        for text in (label, *contexts):
            for name, rx in _FUNDING.items():
                if text and rx.search(text):
                    return name  # type: ignore[return-value]
        return "all"
    staff = _is_staff(code)
    # a total followed by its breakdown ("2.015 thủ tục, trong đó: cấp tỉnh …"): the tiers named in its clause are
    # the parts', not the total's
    if _BREAKDOWN_RE.search(local):
        clause = ""
    # the words attached to the figure stop at the next list item: "97,8%, cấp xã đạt …" is the next tier's
    local = _NEXT_ITEM_RE.split(local, 1)[0]
    # … and start after the previous one: "…, cấp xã đạt 93,5%" is about communes
    near = _ITEM_START_RE.split(sentence)[-1] if sentence else ""
    # a strong tier word in a table row label beats the result text (rows are the form's structure)
    found, every = tiers(label, level, staff=staff)
    decided = _decide(found, every, level, staff)
    if decided is not None and decided != "province_level":
        return decided
    if not found and "whole" in _marks(label):
        return "all"
    if not staff and "center" in _marks(sentence) and not tiers(clause, level, staff=staff)[0]:
        return "center"  # the Centre is the actor of the whole sentence ("Trung tâm … tiếp nhận …; …")
    head = _HEAD_TIER_RE.match(sentence) if sentence else None
    for i, text in enumerate((local, near, clause, label, *contexts)):
        if i == 4 and head is not None and not staff:
            return _HEAD_SCOPES[head.group("t")]  # the tier the bullet opens with covers all its figures
        found, every = tiers(text, level, staff=staff)
        if not found and "whole" in _marks(text):
            return "all"
        decided = _decide(found, every, level, staff)
        if decided is not None:
            return decided
        if level in PROVINCIAL and not staff and "weak" in _marks(text):
            return "province_level"
    if head is not None and not staff:
        return _HEAD_SCOPES[head.group("t")]
    if code.startswith(_CASE_PREFIXES):
        return OWN_CASE_SCOPE.get()
    return "all"


_LEVEL_SIGNS: tuple[tuple[UnitLevel, re.Pattern[str]], ...] = (
    ("commune", re.compile(r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) (?:xã|phường|thị trấn)\b(?! *(?:và|,))")),
    ("district", re.compile(r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) (?:huyện|quận|thị xã|thành phố)\b")),
    ("province_office", re.compile(r"văn phòng (?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) tỉnh")),
    ("province_department", re.compile(r"^(?:sở|ban quản lý|thanh tra tỉnh)\b|\bsở [a-zđà-ỹ ]{3,40} báo cáo")),
)


def infer_unit_level(doc: Document) -> UnitLevel | None:
    """A fallback when the metadata has no unit level: count how the report names its author.

    Weighted towards the opening and the closing lines, where the author names itself.
    """
    lines = [ln.text.lower() for ln in doc.lines if ln.text.strip()]
    if not lines:
        return None
    parts = lines[:25] + lines[-40:]
    body = "\n".join(parts)
    scores: dict[str, int] = {}
    for level, rx in _LEVEL_SIGNS:
        scores[level] = len(rx.findall(body))
    # "Trên đây là báo cáo ... của UBND xã X" / "Văn phòng UBND tỉnh tổng hợp, báo cáo" are decisive
    for text in parts:
        if "trên đây là báo cáo" in text or "tổng hợp, báo cáo" in text or "báo cáo kết quả" in text:
            for level, rx in _LEVEL_SIGNS:
                if rx.search(text):
                    scores[level] += 5
    if scores.get("province_office", 0):
        scores["province_office"] += 3
        scores["district"] = max(0, scores["district"] - scores["province_office"])
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None  # type: ignore[return-value]
