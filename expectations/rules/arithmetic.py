"""Arithmetic rules of rules.md §1 within one report: rates (H2, W1, H5), shares and breakdowns (H4, W2),
parts vs wholes (H3), flow balance (W3), basis of received cases (W4), year-to-date order (H8),
staffing vs quota (W7), tiers vs whole unit, index arithmetic (W12)."""

from __future__ import annotations

import re

from expectations.models import FactRow, Finding
from expectations.numbers import count_tolerance, fmt_en, fmt_vi
from expectations.rules.base import ReportFacts, Value

RATE_TOLERANCE_PP = 0.5

# W1: documented alternative bases ("other bases seen", indicators.md §5): (numerator codes, denominator code).
ALTERNATIVE_BASES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "tthc_on_time_rate_pct": [
        (("tthc_cases_resolved_early_or_on_time",), "tthc_cases_due"),
        (("tthc_cases_resolved_early_or_on_time",), "tthc_cases_received"),
    ],
    "tthc_late_rate_pct": [(("tthc_cases_late_total",), "tthc_cases_due")],
    "tthc_resolution_rate_pct": [(("tthc_cases_resolved",), "tthc_cases_received")],
    "tthc_returned_rate_pct": [
        (("tthc_cases_returned",), "tthc_cases_received"),
        (("tthc_cases_returned",), "tthc_cases_due"),
    ],
    "tthc_online_rate_pct": [(("tthc_cases_online",), "tthc_cases_total_to_handle")],
}

# Numerator sums that may be stated as one figure.
NUMERATOR_EQUIVALENTS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("tthc_cases_resolved_early", "tthc_cases_resolved_on_time"): ("tthc_cases_resolved_early_or_on_time",),
}

# H3: part ≤ whole (the whole may have alternatives, first stated one wins).
PART_WHOLE: list[tuple[str, tuple[str, ...]]] = [
    ("tthc_cases_online", ("tthc_cases_new", "tthc_cases_received")),
    ("tthc_cases_resolved_early_or_on_time", ("tthc_cases_resolved",)),
    ("tthc_cases_resolved", ("tthc_cases_total_to_handle",)),
    ("tthc_land_cases_on_time", ("tthc_land_cases_resolved",)),
    ("tthc_construction_cases_on_time", ("tthc_construction_cases_resolved",)),
    ("online_services_level3", ("online_services_level3_eligible",)),
    ("online_services_level4", ("online_services_level4_eligible",)),
    ("online_services_level3_with_cases", ("online_services_level3",)),
    ("online_services_level4_with_cases", ("online_services_level4",)),
    ("online_services_integrated_national_portal", ("online_services_level3_4_total",)),
    ("online_payment_procedures", ("tthc_procedures_with_fees",)),
    ("cchc_plan_tasks_done", ("cchc_plan_tasks_total",)),
    ("cchc_remediation_tasks_done", ("cchc_remediation_tasks_total",)),
    ("tthc_feedback_resolved", ("tthc_feedback_received",)),
    ("assigned_tasks_done_on_time", ("assigned_tasks_total",)),
    ("assigned_tasks_done_late", ("assigned_tasks_total",)),
    ("assigned_tasks_pending_not_due", ("assigned_tasks_total",)),
    ("assigned_tasks_pending_overdue", ("assigned_tasks_total",)),
]

# H4: exhaustive breakdowns (total, alternatives of parts). ``optional`` parts count as 0 when absent.
IDENTITIES: list[tuple[str, list[tuple[str, ...]]]] = [
    ("tthc_cases_resolved", [
        ("tthc_cases_resolved_early", "tthc_cases_resolved_on_time", "tthc_cases_resolved_late"),
        ("tthc_cases_resolved_early_or_on_time", "tthc_cases_resolved_late"),
    ]),
    ("tthc_cases_resolved_early_or_on_time", [("tthc_cases_resolved_early", "tthc_cases_resolved_on_time")]),
    ("tthc_cases_in_progress", [("tthc_cases_in_progress_within_deadline", "tthc_cases_in_progress_overdue")]),
    ("tthc_cases_total_to_handle", [("tthc_cases_carried_over", "tthc_cases_new")]),
    ("tthc_cases_new", [
        ("tthc_cases_online", "tthc_cases_direct", "tthc_cases_postal"),
        ("tthc_cases_online", "tthc_cases_direct_or_postal"),
    ]),
    ("tthc_feedback_received", [
        ("tthc_feedback_on_regulations", "tthc_feedback_on_conduct"),
        ("tthc_feedback_resolved", "tthc_feedback_in_progress"),
    ]),
    ("commune_staff_actual", [("commune_cadres_actual", "commune_civil_servants_actual")]),
    ("public_service_units_total", [
        ("psu_self_funded_full", "psu_self_funded_regular", "psu_self_funded_partial", "psu_state_funded"),
    ]),
    ("psu_self_funded_partial", [
        ("psu_self_funded_partial_70_100", "psu_self_funded_partial_30_70", "psu_self_funded_partial_10_30"),
    ]),
    ("ntp_plan_vnd_million", [("ntp_investment_plan_vnd_million", "ntp_recurrent_plan_vnd_million")]),
    ("ntp_disbursed_vnd_million", [("ntp_investment_disbursed_vnd_million", "ntp_recurrent_disbursed_vnd_million")]),
    ("staff_quota_total", [("civil_servant_quota", "public_employee_quota")]),
    ("online_services_level3_4_total", [("online_services_level3", "online_services_level4")]),
]
ASSIGNED_TASK_PARTS = ("assigned_tasks_done_on_time", "assigned_tasks_done_late", "assigned_tasks_pending_not_due",
                       "assigned_tasks_pending_overdue")

# Shares of one exhaustive split add up to 100 (rules.md §1.2).
SHARE_SPLITS: list[tuple[str, ...]] = [
    ("tthc_early_rate_pct", "tthc_on_time_only_rate_pct", "tthc_late_rate_pct"),
    ("tthc_on_time_rate_pct", "tthc_late_rate_pct"),
]

RESOLUTION_SPLITS = IDENTITIES[0][1]
SPLIT_SHARES = {
    "tthc_cases_resolved_early": "tthc_early_rate_pct",
    "tthc_cases_resolved_on_time": "tthc_on_time_only_rate_pct",
    "tthc_cases_resolved_late": "tthc_late_rate_pct",
    "tthc_cases_resolved_early_or_on_time": "tthc_on_time_rate_pct",
}

QUOTAS = [
    ("civil_servant_actual", "civil_servant_quota"),
    ("public_employee_actual", "public_employee_quota"),
    ("commune_staff_actual", "commune_staff_quota"),
]


def _sum_vi(vals: list[float]) -> str:
    return " + ".join(fmt_vi(v) for v in vals)


def _sum_en(vals: list[float]) -> str:
    return " + ".join(fmt_en(v) for v in vals)


def _money_tolerance(a: float, b: float) -> float:
    return max(1.0, 0.001 * max(abs(a), abs(b)))


# -- basis of tthc_cases_received (W4) -------------------------------------------------------------------------

def received_basis(rf: ReportFacts, scope: str) -> str | None:
    """'new', 'total' or 'unknown' for the scope's received cases (rules.md W4); None when none is stated."""
    rec = rf.get("tthc_cases_received", scope)
    if not rec:
        return None
    r = rec[0]
    value = r.value
    carried = rf.nearest("tthc_cases_carried_over", scope, r.line)
    new = rf.nearest("tthc_cases_new", scope, r.line)
    tol = count_tolerance(value, value)
    if carried is not None and new is not None and abs(carried.value + new.value - value) <= tol:
        return "total"
    if new is not None and abs(new.value - value) <= tol:
        return "new"
    for channels in (("tthc_cases_online", "tthc_cases_direct", "tthc_cases_postal"),
                     ("tthc_cases_online", "tthc_cases_direct_or_postal")):
        parts = [rf.nearest(c, scope, r.line, r.source) for c in channels]
        if all(p is not None for p in parts) and abs(sum(p.value for p in parts) - value) <= tol:  # type: ignore[union-attr]
            return "new"
    if carried is not None and new is None:
        return "new"
    return "unknown"


def quantity(rf: ReportFacts, code: str, scope: str, line: int, source: str | None) -> Value | None:
    """Stated or derived value, also reading received cases on their settled basis."""
    v = rf.quantity(code, scope, line, source)
    if v is not None:
        return v
    basis = received_basis(rf, scope)
    rec = rf.nearest("tthc_cases_received", scope, line, source)
    if rec is None:
        return None
    if code == "tthc_cases_new" and basis == "new":
        return Value(rec.value, (rec,))
    if code == "tthc_cases_total_to_handle":
        if basis == "total":
            return Value(rec.value, (rec,))
        carried = rf.nearest("tthc_cases_carried_over", scope, line, source)
        if basis == "new" and carried is not None:
            return Value(rec.value + carried.value, (carried, rec), "tthc_cases_carried_over + tthc_cases_received")
    return None


def _numerator(rf: ReportFacts, codes: tuple[str, ...], scope: str, line: int, source: str) -> Value | None:
    vals = [quantity(rf, c, scope, line, source) for c in codes]
    if all(v is not None for v in vals):
        return Value(sum(v.value for v in vals), tuple(f for v in vals for f in v.facts),  # type: ignore[union-attr]
                     " + ".join(codes) if len(codes) > 1 else vals[0].derived_from)  # type: ignore[union-attr]
    alt = NUMERATOR_EQUIVALENTS.get(codes)
    return _numerator(rf, alt, scope, line, source) if alt else None


# -- H2 / W1 / H5: a stated rate against its parts ------------------------------------------------------------

def rule_rates(rf: ReportFacts) -> list[Finding]:
    out: list[Finding] = []
    for f in rf.facts:
        ind = rf.catalog.get(f.indicator)
        if not ind or not ind.numerator_codes or not ind.denominator_code or ind.unit != "percent":
            continue
        if f.indicator.endswith("_same_period_last_year"):
            continue
        num = _numerator(rf, tuple(ind.numerator_codes.split("+")), f.scope, f.line, f.source)
        den = quantity(rf, ind.denominator_code, f.scope, f.line, f.source)
        if num is None or den is None or den.value == 0:
            continue
        recomputed = 100.0 * num.value / den.value
        facts = [f, *num.facts, *den.facts]
        if abs(recomputed - f.value) <= RATE_TOLERANCE_PP:
            if den.derived_from and "+" in den.derived_from:
                out.append(rf.finding(
                    "W1", "warning", facts,
                    f"{f.indicator} = {fmt_vi(f.value)}% chỉ khớp với mẫu số tự dựng {den.derived_from} = "
                    f"{fmt_vi(den.value)} (báo cáo không nêu mẫu số này); ghi nhận mẫu số đã dùng",
                    f"{f.indicator} = {fmt_en(f.value)}% only matches the rebuilt base {den.derived_from} = "
                    f"{fmt_en(den.value)}, which the report does not state; record the base used",
                    line=f.line))
            continue
        alt = _alternative_base(rf, f, num)
        if alt is not None:
            base_code, alt_num, alt_den, alt_rate = alt
            out.append(rf.finding(
                "W1", "warning", [f, *alt_num.facts, *alt_den.facts],
                f"{f.indicator} = {fmt_vi(f.value)}% không khớp mẫu số chuẩn {ind.denominator_code} "
                f"({fmt_vi(recomputed)}%) nhưng khớp mẫu số {base_code}: {fmt_vi(alt_num.value)} / "
                f"{fmt_vi(alt_den.value)} = {fmt_vi(alt_rate)}%",
                f"{f.indicator} = {fmt_en(f.value)}% fails the canonical base {ind.denominator_code} "
                f"({fmt_en(recomputed)}%) but matches the base {base_code}: {fmt_en(alt_num.value)} / "
                f"{fmt_en(alt_den.value)} = {fmt_en(alt_rate)}%",
                line=f.line))
            continue
        slip = _money_slip(rf, f, num, den)
        if slip is not None:
            out.append(slip)
            continue
        out.append(rf.finding(  # the stated rate is the suspect: the counts it contradicts stay published
            "H2", "hard", facts,
            f"Tỷ lệ {f.indicator} báo cáo {fmt_vi(f.value)}% nhưng tính lại {fmt_vi(num.value)} / "
            f"{fmt_vi(den.value)} = {fmt_vi(recomputed)}% (lệch {fmt_vi(abs(recomputed - f.value))} điểm %, "
            f"cho phép {fmt_vi(RATE_TOLERANCE_PP)})",
            f"Stated {f.indicator} {fmt_en(f.value)}% but {fmt_en(num.value)} / {fmt_en(den.value)} = "
            f"{fmt_en(recomputed)}% (off by {fmt_en(abs(recomputed - f.value))} pp, tolerance "
            f"{fmt_en(RATE_TOLERANCE_PP)})",
            line=f.line, arithmetic=True, suspects=[f]))
    return out


def _alternative_base(rf: ReportFacts, f: FactRow, canonical_num: Value):
    for codes, base in ALTERNATIVE_BASES.get(f.indicator, []):
        num = _numerator(rf, codes, f.scope, f.line, f.source) or canonical_num
        den = quantity(rf, base, f.scope, f.line, f.source)
        if den is None or den.value == 0:
            continue
        rate = 100.0 * num.value / den.value
        if abs(rate - f.value) <= RATE_TOLERANCE_PP:
            return base, num, den, rate
    return None


def _money_slip(rf: ReportFacts, f: FactRow, num: Value, den: Value) -> Finding | None:
    """H5: the ×1000 (or ÷1000) reading of one money figure reproduces the stated rate."""
    for side, val in (("num", num), ("den", den)):
        money = [x for x in val.facts if rf.unit(x.indicator) == "vnd_million"]
        if len(money) != 1:
            continue
        for factor in (1000.0, 0.001, 1_000_000.0, 0.000001):
            n = num.value * factor if side == "num" else num.value
            d = den.value * factor if side == "den" else den.value
            if d and abs(100.0 * n / d - f.value) <= RATE_TOLERANCE_PP:
                m = money[0]
                unit_vi = "tỷ đồng" if factor > 1 else "đồng/nghìn đồng"
                return rf.finding(
                    "H5", "hard", [m],
                    f"Nhầm đơn vị tiền: {m.indicator} = {fmt_vi(m.value)} triệu đồng (dòng {m.line}) lệch "
                    f"{fmt_vi(factor, 6)} lần so với tỷ lệ {f.indicator} = {fmt_vi(f.value)}% (dòng {f.line}); "
                    f"đơn vị có thể là {unit_vi}: {fmt_vi(m.value * factor)} triệu đồng",
                    f"Money unit slip: {m.indicator} = {fmt_en(m.value)} VND million (line {m.line}) is off by a "
                    f"factor {fmt_en(factor, 6)} from the stated rate {f.indicator} = {fmt_en(f.value)}% (line "
                    f"{f.line}); the probable reading is {fmt_en(m.value * factor)} VND million",
                    line=m.line, indicators=[m.indicator, f.indicator])
    return None


# -- "A/B (P%)" phrases, coded or not (H2) ---------------------------------------------------------------------

_FRACTION_PCT = re.compile(r"(\d[\d.]*)\s*/\s*(\d[\d.]*)\s*\(\s*(\d+(?:[.,]\d+)?)\s*%\s*\)")


def rule_fraction_phrases(rf: ReportFacts) -> list[Finding]:
    from expectations.numbers import parse_vn_number

    out = []
    for f in rf.facts:
        if rf.unit(f.indicator) != "percent":
            continue
        for text in (f.locator or "", f.snippet or ""):
            hit = None
            for m in _FRACTION_PCT.finditer(text):
                a, b, p = (parse_vn_number(m.group(i)) for i in (1, 2, 3))
                if a is None or b is None or p is None or b == 0 or abs(p - f.value) > 1e-6:
                    continue
                hit = (a, b, p, m.group(0))
                break
            if hit is None:
                continue
            a, b, p, phrase = hit
            rate = 100.0 * a / b
            if abs(rate - p) > RATE_TOLERANCE_PP:
                out.append(rf.finding(
                    "H2", "hard", [f],
                    f"Cụm \"{phrase}\": {fmt_vi(a)}/{fmt_vi(b)} = {fmt_vi(rate)}%, không phải {fmt_vi(p)}%",
                    f"Phrase \"{phrase}\": {fmt_en(a)}/{fmt_en(b)} = {fmt_en(rate)}%, not {fmt_en(p)}%",
                    line=f.line, arithmetic=True))
            break
    return out


# -- H4 / W2: breakdowns --------------------------------------------------------------------------------------

def _gap_finding(rf: ReportFacts, total: FactRow, parts: list[FactRow], *, suspect_total: bool = False,
                 rule_hard: str = "H4") -> Finding | None:
    s = sum(p.value for p in parts)
    gap = abs(s - total.value)
    if gap < 1e-9:
        return None
    money = rf.unit(total.indicator) == "vnd_million"
    tol = _money_tolerance(s, total.value) if money else count_tolerance(s, total.value)
    vals = [p.value for p in parts]
    facts = [total, *parts]
    suspect_vi = " Các tỷ lệ thành phần được tính trên tổng các phần, nên tổng số đã báo cáo là số đáng ngờ " \
                 "(có thể gõ nhầm)." if suspect_total else ""
    suspect_en = " The stated shares are computed on the sum of the parts, so the stated total is the suspect " \
                 "(probable typo)." if suspect_total else ""
    if gap <= tol:
        return rf.finding(
            "W2", "warning", facts,
            f"Tổng các phần ({_sum_vi(vals)} = {fmt_vi(s)}) lệch nhỏ so với {total.indicator} ({fmt_vi(total.value)}),"
            f" chênh {fmt_vi(gap)}",
            f"Parts ({_sum_en(vals)} = {fmt_en(s)}) differ slightly from {total.indicator} ({fmt_en(total.value)}), "
            f"gap {fmt_en(gap)}", line=total.line)
    return rf.finding(
        rule_hard, "hard", facts,
        f"Tổng các phần ({_sum_vi(vals)} = {fmt_vi(s)}) khác tổng số đã báo cáo {total.indicator} "
        f"({fmt_vi(total.value)}), chênh {fmt_vi(gap)}.{suspect_vi}",
        f"Sum of the parts ({_sum_en(vals)} = {fmt_en(s)}) differs from the stated total {total.indicator} "
        f"({fmt_en(total.value)}), gap {fmt_en(gap)}.{suspect_en}",
        line=total.line, arithmetic=True, suspects=[total] if suspect_total else None)


def rule_identities(rf: ReportFacts) -> list[Finding]:
    out: list[Finding] = []
    for total_code, alternatives in IDENTITIES:
        for scope in rf.scopes:
            for total in rf.get(total_code, scope):
                for parts_codes in alternatives:
                    parts = [rf.nearest(c, scope, total.line, total.source) for c in parts_codes]
                    if any(p is None or p.source != total.source for p in parts):
                        continue
                    finding = _gap_finding(rf, total, parts)  # type: ignore[arg-type]
                    if finding:
                        out.append(finding)
                    break
    # assigned tasks: a part the form lacks counts as 0, at least two parts needed.
    for scope in rf.scopes:
        for total in rf.get("assigned_tasks_total", scope):
            parts = [p for c in ASSIGNED_TASK_PARTS
                     if (p := rf.nearest(c, scope, total.line, total.source)) and p.source == total.source]
            if len(parts) >= 2:
                finding = _gap_finding(rf, total, parts)
                if finding:
                    out.append(finding)
    # procedure lists: the total covers the district and the commune lists (unless vertical agencies are listed).
    for total in rf.facts:
        if total.indicator != "tthc_procedures_total" or rf.facts_of("tthc_procedures_vertical_agencies"):
            continue
        parts = [rf.nearest_any_scope(c, total.line, total.source)
                 for c in ("tthc_procedures_district", "tthc_procedures_commune")]
        if all(p is not None and p.source == total.source for p in parts):
            finding = _gap_finding(rf, total, parts)  # type: ignore[arg-type]
            if finding:
                out.append(finding)
    out.extend(_passage_breakdowns(rf))
    return out


def _passage_breakdowns(rf: ReportFacts) -> list[Finding]:
    """A received/total figure followed, in the same passage, by the full resolution split ("trong đó" …):
    the split must add up to it. When the parts' stated shares are computed on their own sum, say the total
    is the suspect."""
    out = []
    for _line, facts in sorted(rf.by_line.items()):
        codes = {f.indicator: f for f in facts}
        if "tthc_cases_resolved" in codes or "tthc_cases_in_progress" in codes or "tthc_cases_returned" in codes:
            continue
        total = codes.get("tthc_cases_received") or codes.get("tthc_cases_total_to_handle")
        if total is None:
            continue
        for split in RESOLUTION_SPLITS:
            if not all(c in codes for c in split):
                continue
            parts = [codes[c] for c in split]
            s = sum(p.value for p in parts)
            shares = [codes[SPLIT_SHARES[c]] for c in split if SPLIT_SHARES.get(c) in codes]
            if shares and abs(sum(x.value for x in shares) - 100.0) > RATE_TOLERANCE_PP:
                break  # not shown to be exhaustive
            suspect = bool(shares) and s > 0 and all(
                abs(100.0 * codes[c].value / s - codes[SPLIT_SHARES[c]].value) <= RATE_TOLERANCE_PP
                for c in split if SPLIT_SHARES.get(c) in codes)
            finding = _gap_finding(rf, total, parts, suspect_total=suspect)
            if finding:
                if shares:
                    finding.fact_ids += [x.fact_id for x in shares]
                    finding.indicators += [x.indicator for x in shares]
                out.append(finding)
            break
    return out


def rule_share_splits(rf: ReportFacts) -> list[Finding]:
    out = []
    for split in SHARE_SPLITS:
        for scope in rf.scopes:
            for first in rf.get(split[0], scope):
                others = [rf.nearest(c, scope, first.line, first.source) for c in split[1:]]
                if any(o is None or o.line != first.line for o in others):
                    continue
                shares = [first, *others]
                s = sum(x.value for x in shares)  # type: ignore[union-attr]
                if abs(s - 100.0) > RATE_TOLERANCE_PP:
                    out.append(rf.finding(
                        "H4", "hard", shares,  # type: ignore[arg-type]
                        f"Các tỷ lệ của một phép chia trọn vẹn cộng lại {fmt_vi(s)}%, không phải 100% "
                        f"({_sum_vi([x.value for x in shares])})",  # type: ignore[union-attr]
                        f"Shares of one exhaustive split add up to {fmt_en(s)}%, not 100% "
                        f"({_sum_en([x.value for x in shares])})",  # type: ignore[union-attr]
                        line=first.line, arithmetic=True))
    return out


# -- H3: part larger than its whole ---------------------------------------------------------------------------

def rule_part_whole(rf: ReportFacts) -> list[Finding]:
    out = []
    for part_code, wholes in PART_WHOLE:
        for scope in rf.scopes:
            for part in rf.get(part_code, scope):
                whole = None
                for wc in wholes:
                    whole = rf.nearest(wc, scope, part.line, part.source)
                    if whole is not None:
                        break
                if whole is None or part.value <= whole.value:
                    continue
                out.append(rf.finding(
                    "H3", "hard", [part, whole],
                    f"Phần lớn hơn tổng: {part.indicator} = {fmt_vi(part.value)} (dòng {part.line}) > "
                    f"{whole.indicator} = {fmt_vi(whole.value)} (dòng {whole.line})",
                    f"Part larger than its whole: {part.indicator} = {fmt_en(part.value)} (line {part.line}) > "
                    f"{whole.indicator} = {fmt_en(whole.value)} (line {whole.line})",
                    line=part.line, arithmetic=True))
    return out


# -- W3 flow balance, W4 basis --------------------------------------------------------------------------------

def rule_flow_balance(rf: ReportFacts) -> list[Finding]:
    out = []
    for scope in rf.scopes:
        totals = rf.get("tthc_cases_total_to_handle", scope)
        if not totals and received_basis(rf, scope) == "total":
            totals = rf.get("tthc_cases_received", scope)
        for total in totals:
            resolved = rf.nearest("tthc_cases_resolved", scope, total.line)
            in_progress = rf.nearest("tthc_cases_in_progress", scope, total.line)
            if resolved is None or in_progress is None:
                continue
            returned = rf.nearest("tthc_cases_returned", scope, total.line)
            parts = [p for p in (resolved, in_progress, returned) if p is not None]
            s = sum(p.value for p in parts)
            if abs(s - total.value) > count_tolerance(s, total.value):
                out.append(rf.finding(
                    "W3", "warning", [total, *parts],
                    f"Cân đối hồ sơ: {total.indicator} = {fmt_vi(total.value)} nhưng đã giải quyết + đang giải "
                    f"quyết + trả lại = {fmt_vi(s)} (chênh {fmt_vi(abs(s - total.value))})",
                    f"Case balance: {total.indicator} = {fmt_en(total.value)} but resolved + in progress + "
                    f"returned = {fmt_en(s)} (gap {fmt_en(abs(s - total.value))})", line=total.line))
    return out


def rule_received_basis(rf: ReportFacts) -> list[Finding]:
    out = []
    for scope in rf.scopes:
        if received_basis(rf, scope) == "unknown":
            facts = rf.get("tthc_cases_received", scope)
            out.append(rf.finding(
                "W4", "warning", facts,
                "Chưa xác định được \"tiếp nhận\" gồm cả hồ sơ kỳ trước hay chỉ hồ sơ mới: không cộng dồn số này",
                "Basis of received cases unresolved (new only or including carry-over): excluded from sums",
                line=facts[0].line))
    return out


# -- H8 year-to-date, W7 quotas, W12 index, tiers vs whole ------------------------------------------------------

def rule_ytd(rf: ReportFacts) -> list[Finding]:
    out = []
    for f in rf.facts:
        if not f.indicator.endswith("_ytd"):
            continue
        base = rf.nearest(f.indicator[: -len("_ytd")], f.scope, f.line)
        if base is None or f.value >= base.value:
            continue
        out.append(rf.finding(
            "H8", "hard", [f, base],
            f"Lũy kế đi lùi: {f.indicator} = {fmt_vi(f.value)} nhỏ hơn số của kỳ {base.indicator} = "
            f"{fmt_vi(base.value)}",
            f"Year-to-date value goes backwards: {f.indicator} = {fmt_en(f.value)} is smaller than the period "
            f"value {base.indicator} = {fmt_en(base.value)}", line=f.line, arithmetic=True))
    return out


def rule_quotas(rf: ReportFacts) -> list[Finding]:
    out = []
    for actual_code, quota_code in QUOTAS:
        for scope in rf.scopes:
            for actual in rf.get(actual_code, scope):
                quota = rf.nearest(quota_code, scope, actual.line, actual.source)
                if quota is not None and actual.value > quota.value:
                    out.append(rf.finding(
                        "W7", "warning", [actual, quota],
                        f"Số có mặt ({fmt_vi(actual.value)}) vượt biên chế được giao ({fmt_vi(quota.value)})",
                        f"More people in post ({fmt_en(actual.value)}) than the quota ({fmt_en(quota.value)})",
                        line=actual.line))
    return out


_RANK_OF = re.compile(r"(?:thứ|vị trí)\s*(\d+)\s*/\s*(\d+)", re.IGNORECASE)
_SCORE_OF = re.compile(r"(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)\s*điểm", re.IGNORECASE)


def rule_index(rf: ReportFacts) -> list[Finding]:
    from expectations.numbers import parse_vn_number

    out = []
    for f in rf.facts:
        if f.indicator.endswith("_rank") and rf.unit(f.indicator) == "rank":
            for text in (f.locator or "", f.snippet or ""):
                m = _RANK_OF.search(text)
                if m and float(m.group(1)) == f.value and f.value > float(m.group(2)):
                    out.append(rf.finding(
                        "W12", "warning", [f],
                        f"Thứ hạng {fmt_vi(f.value)} lớn hơn số đơn vị được xếp hạng ({m.group(2)})",
                        f"Rank {fmt_en(f.value)} exceeds the number of units ranked ({m.group(2)})", line=f.line))
                    break
        if f.indicator in ("par_index_pct", "par_component_pct"):
            score_code = f.indicator.replace("_pct", "_score")
            score = rf.nearest(score_code, f.scope, f.line, f.source)
            for text in ((score.locator or "", score.snippet or "") if score else ()):
                m = _SCORE_OF.search(text)
                if not m:
                    continue
                a, b = parse_vn_number(m.group(1)), parse_vn_number(m.group(2))
                if a is None or not b or abs(a - score.value) > 1e-6:  # type: ignore[union-attr]
                    continue
                pct = 100.0 * a / b
                if abs(pct - f.value) > RATE_TOLERANCE_PP:
                    out.append(rf.finding(
                        "W12", "warning", [f, score],  # type: ignore[list-item]
                        f"{f.indicator} = {fmt_vi(f.value)}% nhưng {fmt_vi(a)}/{fmt_vi(b)} điểm = {fmt_vi(pct)}%",
                        f"{f.indicator} = {fmt_en(f.value)}% but {fmt_en(a)}/{fmt_en(b)} points = {fmt_en(pct)}%",
                        line=f.line))
                break
    return out


def rule_tiers_vs_whole(rf: ReportFacts) -> list[Finding]:
    """In a district report, ``all`` = the district tier + the commune tier for additive codes: two passages
    giving the same quantity (appendix tiers vs narrative whole) must agree (W5)."""
    if rf.report.unit_level != "district":
        return []
    out = []
    for code in sorted({f.indicator for f in rf.facts}):
        ind = rf.catalog.get(code)
        if not ind or ind.consolidation not in ("sum", "latest") or ind.unit == "percent":
            continue
        d_facts, c_facts = rf.get(code, "district_level"), rf.get(code, "commune_level")
        if len(d_facts) != 1 or len(c_facts) != 1:
            continue
        d, c = d_facts[0], c_facts[0]
        whole = quantity(rf, code, "all", d.line, None)
        if whole is None or any(f.source == d.source and f.line == d.line for f in whole.facts):
            continue
        s = d.value + c.value
        if abs(s - whole.value) <= count_tolerance(s, whole.value):
            continue
        how_vi = f" ({whole.derived_from} = {fmt_vi(whole.value)})" if whole.derived_from else ""
        how_en = f" ({whole.derived_from} = {fmt_en(whole.value)})" if whole.derived_from else ""
        out.append(rf.finding(
            "W5", "warning", [d, c, *whole.facts],
            f"{code}: cấp huyện {fmt_vi(d.value)} + cấp xã {fmt_vi(c.value)} = {fmt_vi(s)} khác số toàn đơn vị "
            f"{fmt_vi(whole.value)}{how_vi} ở đoạn khác",
            f"{code}: district tier {fmt_en(d.value)} + commune tier {fmt_en(c.value)} = {fmt_en(s)} differs from "
            f"the whole-unit figure {fmt_en(whole.value)}{how_en} given elsewhere",
            line=d.line, indicators=[code, *[f.indicator for f in whole.facts if f.indicator != code]]))
    return out


RULES = [rule_rates, rule_fraction_phrases, rule_identities, rule_share_splits, rule_part_whole,
         rule_flow_balance, rule_received_basis, rule_ytd, rule_quotas, rule_index, rule_tiers_vs_whole]
