"""Rules on single values and on repeated values within one report: duplicates (W5, with the money twin of H5),
swapped online-service levels (W6), unit columns (W8), approximate values (W9), a '.' read as a decimal mark
(N1) and a scope that contradicts the tier named in the quote (S1)."""

from __future__ import annotations

import re
from collections import defaultdict

from expectations.models import FactRow, Finding
from expectations.numbers import fmt_en, fmt_vi, rounding_tolerance
from expectations.rules.base import ReportFacts, is_approximate, qualifier_of

ADDITIVE_UNITS = {"count", "documents", "procedures", "people", "vnd_million"}


def _passages(facts: list[FactRow]) -> dict[tuple[str, int], list[FactRow]]:
    out: dict[tuple[str, int], list[FactRow]] = defaultdict(list)
    for f in facts:
        out[(f.source, f.line)].append(f)
    return out


def _passage_value(rf: ReportFacts, facts: list[FactRow]) -> float | None:
    """One value per passage: the single value, or the sum of several additive parts on one line."""
    if len(facts) == 1:
        return facts[0].value
    if rf.unit(facts[0].indicator) in ADDITIVE_UNITS:
        return sum(f.value for f in facts)
    return None


def rule_duplicates(rf: ReportFacts) -> list[Finding]:
    """W5: the same code, scope and window with different values in different passages. Narrative vs appendix
    always; two passages of the same source only for stocks, ratios, statuses and scores (two narrative flows
    may be separate events). A money pair off by ×1000 is a unit slip (H5), named on the appendix side."""
    out = []
    for (code, scope), facts in sorted(rf.by_code_scope.items()):
        passages = _passages(facts)
        if len(passages) < 2:
            continue
        keys = sorted(passages, key=lambda k: (k[1], k[0]))
        reported: set[frozenset] = set()
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if a[0] == b[0] and rf.kind(code) == "flow":
                    continue
                va, vb = _passage_value(rf, passages[a]), _passage_value(rf, passages[b])
                if va is None or vb is None:
                    continue
                if abs(va - vb) <= rounding_tolerance(va, vb) * (1 + 1e-9):
                    continue
                pair = frozenset((a, b))
                if pair in reported:
                    continue
                reported.add(pair)
                fa, fb = passages[a], passages[b]
                if rf.unit(code) == "vnd_million" and va and vb and _is_power_of_thousand(va / vb):
                    suspects = [f for f in fa + fb if f.source == "appendix"] or fa + fb
                    out.append(rf.finding(
                        "H5", "hard", suspects,
                        f"Nhầm đơn vị tiền: {code} = {fmt_vi(va)} (dòng {a[1]}) và {fmt_vi(vb)} (dòng {b[1]}) "
                        f"lệch nhau {fmt_vi(max(va, vb) / min(va, vb), 6)} lần",
                        f"Money unit slip: {code} = {fmt_en(va)} (line {a[1]}) vs {fmt_en(vb)} (line {b[1]}), a "
                        f"factor of {fmt_en(max(va, vb) / min(va, vb), 6)}",
                        line=suspects[0].line, indicators=[code]))
                    continue
                out.append(rf.finding(
                    "W5", "warning", fa + fb,
                    f"Hai giá trị cho cùng một chỉ tiêu {code} ({scope}): {fmt_vi(va)} (dòng {a[1]}, "
                    f"{_src_vi(a[0])}) và {fmt_vi(vb)} (dòng {b[1]}, {_src_vi(b[0])})",
                    f"Two values for the same quantity {code} ({scope}): {fmt_en(va)} (line {a[1]}, {a[0]}) vs "
                    f"{fmt_en(vb)} (line {b[1]}, {b[0]})",
                    line=b[1], indicators=[code]))
    return out


def _src_vi(source: str) -> str:
    return "phụ lục" if source == "appendix" else "phần lời"


def _is_power_of_thousand(ratio: float) -> bool:
    for p in (1000.0, 1_000_000.0):
        for r in (p, 1 / p):
            if abs(ratio / r - 1) < 0.005:
                return True
    return False


def rule_swapped_levels(rf: ReportFacts) -> list[Finding]:
    """W6: ND 42 full/partial counts equal the legacy level 3/4 counts the wrong way round."""
    out = []
    for scope in rf.scopes:
        full, partial = rf.get("online_services_full", scope), rf.get("online_services_partial", scope)
        l3, l4 = rf.get("online_services_level3", scope), rf.get("online_services_level4", scope)
        if not (full and partial and l3 and l4):
            continue
        f, p, a, b = full[0], partial[0], l3[0], l4[0]
        if f.value == a.value and p.value == b.value and f.value != b.value:
            out.append(rf.finding(
                "W6", "warning", [f, p, a, b],
                f"Mức độ dịch vụ công bị đảo: toàn trình {fmt_vi(f.value)} = mức độ 3, một phần {fmt_vi(p.value)} = "
                f"mức độ 4 (toàn trình phải tương ứng mức độ 4)",
                f"Online-service levels swapped: full-online {fmt_en(f.value)} equals level 3 and partial "
                f"{fmt_en(p.value)} equals level 4 (full-online corresponds to level 4)", line=a.line))
    return out


UNIT_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(hồ sơ|hs|bộ hồ sơ)$", re.I), "documents"),
    (re.compile(r"^(thủ tục|tthc|dịch vụ|dvc)$", re.I), "procedures"),
    (re.compile(r"^(văn bản|quyết định|vb)$", re.I), "documents"),
    (re.compile(r"^(người|biên chế|công chức|viên chức|cán bộ)$", re.I), "people"),
    (re.compile(r"^%$"), "percent"),
    (re.compile(r"^(nhiệm vụ|cơ quan, đơn vị|cơ quan|đơn vị|tổ chức|pakn|lượt|tin bài|cuộc|nội dung)$", re.I), "count"),
    (re.compile(r"^(triệu đồng|tỷ đồng|nghìn đồng|đồng)$", re.I), "vnd_million"),
    (re.compile(r"^điểm$", re.I), "score"),
]
_NUMBER_CELL = re.compile(r"^[<>]?\s*\d[\d.,]*\s*%?$")


def _unit_column(text: str) -> tuple[str, str, int] | None:
    """(unit word, unit, number of numeric cells) of a table row quote, if it has a unit column."""
    if "|" not in text and "\t" not in text:
        return None
    cells = [c.strip() for c in re.split(r"[|\t]", text) if c.strip()]
    unit = None
    for c in cells:
        for pat, u in UNIT_WORDS:
            if pat.match(c):
                unit = (c, u)
                break
        if unit:
            break
    if unit is None:
        return None
    return unit[0], unit[1], sum(1 for c in cells if _NUMBER_CELL.match(c))


def rule_unit_column(rf: ReportFacts) -> list[Finding]:
    """W8: the unit written in the form's unit column contradicts the code's unit."""
    out = []
    for f in rf.facts:
        code_unit = rf.unit(f.indicator)
        if code_unit is None or f.source != "appendix" or code_unit in ("flag", "level", "rank", "pp", "mbps"):
            continue
        for text in (f.locator or "", f.snippet or ""):
            col = _unit_column(text)
            if col is None:
                continue
            word, unit, numbers = col
            if unit == code_unit or (unit == "count" and code_unit in ("people",)):
                break
            if code_unit == "percent" and numbers >= 2:
                break  # total | done | rate rows: the rate column is a percentage by layout
            if code_unit == "vnd_million" and unit == "vnd_million":
                break
            out.append(rf.finding(
                "W8", "warning", [f],
                f"Cột đơn vị ghi \"{word}\" nhưng {f.indicator} tính bằng {code_unit}",
                f"The unit column says \"{word}\" but {f.indicator} is measured in {code_unit}", line=f.line))
            break
    return out


def rule_approximate(rf: ReportFacts) -> list[Finding]:
    """W9: approximate or bounded value; arithmetic rules on it are downgraded to warnings."""
    out = []
    for f in rf.facts:
        if is_approximate(f):
            q = qualifier_of(f) or "?"
            out.append(rf.finding(
                "W9", "warning", [f],
                f"Giá trị ước tính/giới hạn (\"{q}\"): {f.indicator} = {fmt_vi(f.value)}",
                f"Approximate or bounded value (\"{q}\"): {f.indicator} = {fmt_en(f.value)}", line=f.line))
    return out


def rule_decimal_point(rf: ReportFacts) -> list[Finding]:
    """N1: the value was read from a number with '.' as the decimal mark ("96.33"), the opposite of the
    default convention: a person should confirm the reading (rules.md §3.3)."""
    out = []
    for f in rf.facts:
        if float(f.value).is_integer():
            continue
        written = repr(float(f.value))
        if "e" in written:
            continue
        whole, frac = written.split(".")
        if len(frac) == 3:
            continue
        pat = re.compile(rf"(?<![\d.,]){re.escape(whole)}\.{re.escape(frac)}(?![\d])")
        if any(pat.search(t) for t in (f.locator or "", f.snippet or "")):
            out.append(rf.finding(
                "N1", "warning", [f],
                f"\"{whole}.{frac}\" được đọc với dấu \".\" là dấu thập phân ({fmt_vi(f.value)}), trái quy ước "
                f"mặc định: cần kiểm tra",
                f"\"{whole}.{frac}\" was read with \".\" as the decimal mark ({fmt_en(f.value)}), against the default "
                f"convention: check the reading", line=f.line))
    return out


_TIERS = {"cấp tỉnh": "province_level", "cấp huyện": "district_level", "cấp xã": "commune_level"}


def rule_scope_mention(rf: ReportFacts) -> list[Finding]:
    """S1: the quote names exactly one tier and it is not the fact's tier."""
    out = []
    for f in rf.facts:
        if f.scope not in _TIERS.values() or not f.locator:
            continue
        low = f.locator.lower()
        named = {scope for word, scope in _TIERS.items() if word in low}
        if len(named) == 1 and f.scope not in named:
            (other,) = named
            out.append(rf.finding(
                "S1", "warning", [f],
                f"Trích dẫn nói \"{_word_of(other)}\" nhưng số liệu được gán phạm vi {f.scope}",
                f"The quote names \"{_word_of(other)}\" but the fact has scope {f.scope}", line=f.line))
    return out


def _word_of(scope: str) -> str:
    return next(w for w, s in _TIERS.items() if s == scope)


RULES = [rule_duplicates, rule_swapped_levels, rule_unit_column, rule_approximate, rule_decimal_point,
         rule_scope_mention]
