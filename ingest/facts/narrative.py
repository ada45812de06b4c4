"""Facts from running text: sentence patterns applied to paragraphs and to text cells of body tables.

Every pattern proposes a figure; where several claim the same figure the highest priority wins (one figure,
one fact). Rates written right after a count ("… 8.367 hồ sơ (chiếm 49,36%)") and year-to-date readings
("(lũy kế 44.717 hồ sơ)") take their code from the count they follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.catalog import load_catalog
from ingest.facts import rules_cases, rules_direction, rules_egov, rules_finance, rules_form_labels
from ingest.facts.emit import FactDraft
from ingest.facts.ordered import OrderedGate, Probe
from ingest.facts.prefilter import WORD_RE, RuleGate, bits
from ingest.facts.rule import MACROS, Rule
from ingest.facts.scope import code_for_level, resolve_scope
from ingest.facts.text import Span, clause_bounds, end_of, scope_bounds, sentence_bounds, start_of
from ingest.models import UnitLevel
from ingest.numbers import (
    count_multiplier_after,
    money_unit_after,
    parse_number,
    qualifier_before,
    sign_before,
    split_pair,
)

RULES: tuple[Rule, ...] = (
    *rules_cases.RULES,
    *rules_direction.RULES,
    *rules_finance.RULES,
    *rules_egov.RULES,
    *rules_form_labels.RULES,
)

_PERCENT_AFTER_RE = re.compile(r"\s*%")
_NTP_CTX_RE = re.compile(r"chương trình (?:mục tiêu quốc gia|mtqg)|\bmtqg\b|ctmtqg")
_NEGATED_RE = re.compile(r"(?:chưa|không) (?:đạt|được|có)(?: tỷ lệ)?\s*$|(?:có từ|\btừ|tối thiểu|ít nhất|không dưới)"
                         r"\s*$")
_THRESHOLD_RE = re.compile(r"(?:có từ|từ|tối thiểu|ít nhất|không dưới)\s+\d")
_ZERO_HINT_RE = re.compile(r"(?:không|chưa) (?:có|phát sinh|nhận được|thực hiện|tiếp nhận)")
_DIGIT_RE = re.compile(r"\d")
_HAS_FIGURE_RE = re.compile(r"\d|không có|chưa có|chưa thực hiện|không tiếp nhận|không phát sinh")
_FORWARD_RE = re.compile(r"dự kiến|phấn đấu|mục tiêu(?! quốc gia)|định hướng|\bsẽ\b|đề nghị|"
                         r"(?<!phản ánh, )(?<!phản ánh )(?<!pakn, )kiến nghị")
_PAREN_YTD_RE = re.compile(r"\(\s*lũy\s+kế[^\d()]{0,25}$")
_TARGET_RE = re.compile(r"phấn đấu|mục tiêu(?! quốc gia)|chỉ tiêu")


def _is_target(rule: Rule) -> bool:
    """Target rules ("mục tiêu giảm 5% biên chế") are the only ones that read forward-looking figures."""
    return rule.code.endswith("_target_pct") and not rule.switch and not rule.para_switch


_COMPANION_RE = re.compile(
    r"(?:(?:chiếm|đạt|bằng)(?:\s+tỷ\s+lệ)?(?:\s+là)?\s*:?\s*|\(\s*)" + MACROS["N"] + r"\s*%"
)
_YTD_RE = re.compile(r"lũy\s+kế(?:\s+từ\s+đầu\s+năm|\s+năm(?=\s*[\s:]))?(?:\s+(?:là|đạt))?\s*:?\s*"
                     + MACROS["N"])
COMPANION = {
    "tthc_cases_online": "tthc_online_rate_pct",
    "tthc_cases_online_full": "tthc_online_full_rate_pct",
    "tthc_cases_postal": "tthc_postal_rate_pct",
    "tthc_results_returned_postal": "tthc_results_returned_postal_pct",
    "tthc_cases_resolved_early": "tthc_early_rate_pct",
    "tthc_cases_resolved_on_time": "tthc_on_time_only_rate_pct",
    "tthc_cases_resolved_early_or_on_time": "tthc_on_time_rate_pct",
    "tthc_cases_resolved_late": "tthc_late_rate_pct",
    "tthc_cases_returned": "tthc_returned_rate_pct",
    "tthc_cases_resolved": "tthc_resolution_rate_pct",
    "tthc_land_cases_on_time": "tthc_land_on_time_rate_pct",
    "cchc_plan_tasks_done": "cchc_plan_completion_pct",
    "cchc_remediation_tasks_done": "cchc_remediation_completion_pct",
    "public_investment_disbursed_vnd_million": "public_investment_disbursement_pct",
    "ntp_disbursed_vnd_million": "ntp_disbursement_pct",
    "ntp_investment_disbursed_vnd_million": "ntp_investment_disbursement_pct",
    "ntp_recurrent_disbursed_vnd_million": "ntp_recurrent_disbursement_pct",
    "commune_staff_actual": "commune_staff_fill_rate_pct",
    "online_payment_procedures": "online_payment_rate_pct",
    "budget_revenue_commune_collected_vnd_million": "budget_revenue_commune_collected_pct",
}
_CAN_EXCEED_100 = ("_pct_of_estimate", "_pct_same_period_last_year", "_change_vs_last_year_pp")


@dataclass
class TextUnit:
    """A paragraph, or the result cell of a body-table row with its label."""

    span: Span
    contexts: tuple[str, ...] = ()
    label: str = ""
    lead: str = ""


@dataclass
class _Cand:
    rule: Rule
    m: re.Match[str]
    order: int


def _local_after(text: str, pos: int) -> str:
    end = pos
    limit = min(len(text), pos + 70)
    while end < limit and not text[end].isdigit() and text[end] not in ";.":
        end += 1
    return text[pos:end]


def _value(rule: Rule, code: str, m: re.Match[str], text: str) -> tuple[float, list[str], float | None] | None:
    """(value, notes, denominator) of a match, in the unit of ``code``."""
    notes: list[str] = []
    if rule.kind == "zero":
        return (rule.value or 0.0), notes, None
    raw = m.group("v")
    den_raw = m.group("d") if "d" in m.re.groupindex else None
    is_pct = code.endswith("_pct") or "_pct_" in code or rule.kind == "percent"
    max_value = None
    if is_pct and not code.endswith(_CAN_EXCEED_100):
        max_value = 100.0
    elif rule.max_value is not None:
        max_value = rule.max_value
    den: float | None = None
    if den_raw is not None:
        pair = split_pair(f"{raw}/{den_raw}", max_value=max_value)
        if pair is None:
            return None
        value, den = pair
        if "." in raw and value != float(raw.replace(".", "")):
            notes.append(f'"{raw}" read with "." as the decimal mark')
    else:
        reading = parse_number(raw, max_value=max_value)
        if reading is None:
            return None
        value = reading.value
        if reading.decimal_dot:
            notes.append(f'"{raw}" read with "." as the decimal mark')
    end = m.end("d") if den_raw is not None else m.end("v")
    if rule.kind == "money" or code.endswith("_vnd_million"):
        found = money_unit_after(text, end)
        if found is None:
            return None
        factor = found[0]
        value = round(value * factor, 9)
        den = round(den * factor, 9) if den is not None else None
    elif rule.kind in ("count", "signed") and not is_pct:
        mult = count_multiplier_after(text, end)
        if mult is not None:
            value *= mult[0]
            notes.append("rounded amount")
    if rule.kind == "signed":
        value *= sign_before(text, m.start("v"))
    qual = qualifier_before(text, m.start("v"))
    if qual and rule.kind not in ("signed",):
        notes.append(f'written "{qual} {raw}"')
    return value, notes, den


def _switch(pairs: Iterable[tuple[re.Pattern[str], str]], before: str, default: str) -> str:
    best, best_pos = default, -1
    for rx, code in pairs:
        last = None
        for last in rx.finditer(before):  # noqa: B007 - keep the last match
            pass
        if last is not None and last.end() > best_pos:
            best, best_pos = code, last.end()
    return best


def _is_pct_code(code: str) -> bool:
    return code.endswith("_pct") or "_pct_" in code


def _takes_percent(rule: Rule) -> bool:
    return (
        rule.kind in ("percent", "zero")
        or _is_pct_code(rule.code)
        or any(_is_pct_code(alt) for _, alt in (*rule.switch, *rule.para_switch))
    )


_GATE = RuleGate(RULES)
_ORDERED = OrderedGate(RULES)
_FIGURE_RE = re.compile(r"[0-9](?<![\w.,/][0-9])[0-9.,]*")
_DIGIT_LED = frozenset(i for i, r in enumerate(RULES) if r.rx.pattern.startswith("(?P<v>"))
_TAKES_PERCENT = tuple(_takes_percent(r) for r in RULES)


LEFT_REACH, RIGHT_REACH = 220, 170


def _windows(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Figure starts, and the merged stretches of text around them where a pattern can match."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in _FIGURE_RE.finditer(text):
        s = m.start()
        starts.append(s)
        lo, hi = max(0, s - LEFT_REACH), min(n, m.end() + RIGHT_REACH)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return starts, spans


def _candidates(text: str) -> list[_Cand]:
    """Every pattern's matches, looked for only around figures (patterns that start with the figure are
    tried exactly at the figures)."""
    out: list[_Cand] = []
    starts, spans = _windows(text)
    covered = sum(hi - lo for lo, hi in spans)
    whole = covered * 5 >= len(text) * 4  # the figures' surroundings are (nearly) the whole text
    zero = _ZERO_HINT_RE.search(text) is not None
    words = set(WORD_RE.findall(text))
    if whole or zero:
        wanted = _GATE.wanted(text, words)
    else:
        wanted = _GATE.wanted("\n".join(text[lo:hi] for lo, hi in spans))
    literals, anchored = _GATE.literals(text, words)
    probe: Probe | None = None
    for order in bits(wanted & anchored):
        if not _GATE.may_match(order, literals):
            continue
        if _ORDERED.sequences[order]:
            probe = probe or Probe(text)
            if not _ORDERED.allows(order, probe):
                continue
        rule = RULES[order]
        if rule.kind == "zero":
            found: Iterable[re.Match[str]] = rule.rx.finditer(text) if zero else ()
        elif not starts:
            continue
        elif order in _DIGIT_LED:
            found = [m for m in (rule.rx.match(text, s) for s in starts) if m is not None]
        elif whole:
            found = rule.rx.finditer(text)
        else:
            found = [m for lo, hi in spans for m in rule.rx.finditer(text, lo, hi)]
        takes_percent = _TAKES_PERCENT[order]
        for m in found:
            if not takes_percent and _PERCENT_AFTER_RE.match(text, m.end("v")):
                continue  # a count pattern never takes a percentage
            out.append(_Cand(rule, m, order))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """One figure, one fact: per figure span keep the strongest pattern."""
    best: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        key = c.m.span("v")
        cur = best.get(key)
        if cur is None or (c.rule.prio, -c.order) > (cur.rule.prio, -cur.order):
            best[key] = c
    chosen = sorted(best.values(), key=lambda c: c.m.start("v"))
    # a pair's denominator must not be claimed by a weaker single-figure pattern
    dens = {c.m.span("d") for c in chosen if "d" in c.m.re.groupindex and c.m.group("d") is not None}
    return [c for c in chosen if c.m.span("v") not in dens]


def extract_narrative(units: Iterable[TextUnit], level: UnitLevel | None) -> list[FactDraft]:
    catalog = load_catalog()
    drafts: list[FactDraft] = []
    for unit in units:
        raw = unit.span.text
        if not _DIGIT_RE.search(raw) and not _HAS_FIGURE_RE.search(raw.lower()):  # (lower case keeps digits)
            continue
        text = unit.span.folded
        if not _HAS_FIGURE_RE.search(text):
            continue
        drafts.extend(_extract_unit(unit, text, level, catalog))
    return drafts


def _admissible(c: _Cand, text: str, unit: TextUnit, sb: list[int], cb: list[int]) -> bool:
    """Context checks of a match: targets, negations and thresholds are not results; a pattern's own
    required / forbidden context."""
    rule, m = c.rule, c.m
    vstart = m.start("v")
    c0 = start_of(cb, vstart)
    if _is_target(rule):  # a goal: only when the sentence states one ("mục tiêu", "phấn đấu")
        if not _TARGET_RE.search(text, start_of(sb, vstart), vstart):
            return False
    elif _FORWARD_RE.search(text, c0, vstart):
        return False
    if _NEGATED_RE.search(text, max(0, vstart - 24), vstart):
        return False
    ytd = _PAREN_YTD_RE.search(text, max(0, vstart - 40), vstart)
    if ytd is not None and m.start() < ytd.start() and not rule.code.endswith("_ytd"):
        return False  # "830 hồ sơ trực tuyến (lũy kế 2.410)": the year-to-date value of the count before it
    paren = text.rfind("(", c0, vstart)
    if paren >= 0 and _THRESHOLD_RE.search(text, paren, vstart):
        return False
    if rule.ctx_forbid is not None and rule.ctx_forbid.search(text, start_of(sb, vstart), m.start()):
        return False
    if rule.ctx_need is not None and not (
        rule.ctx_need.search(text, 0, vstart) or rule.ctx_need.search(unit.label) or rule.ctx_need.search(unit.lead)
    ):
        return False
    return True


def _code(rule: Rule, text: str, vstart: int, s0: int, unit: TextUnit) -> str:
    """The indicator a match stands for: switches on the nearest preceding keyword, then on the paragraph."""
    code = rule.code
    if rule.switch:
        code = _switch(rule.switch, text[:vstart] or unit.lead, rule.code)
        if code == rule.code and not text[s0:vstart].strip() and unit.lead:
            code = _switch(rule.switch, unit.lead, rule.code)
    if code.startswith("ntp_") and not (
        _NTP_CTX_RE.search(text, s0, vstart) or _NTP_CTX_RE.search(unit.lead) or _NTP_CTX_RE.search(unit.label)
    ):
        code = rule.code
    for rx, alt in rule.para_switch:
        if rx.search(text):
            code = alt
    return code


def _extract_unit(unit: TextUnit, text: str, level: UnitLevel | None, catalog: dict) -> list[FactDraft]:
    cands = _candidates(text)
    out: list[FactDraft] = []
    if not cands:
        return out
    raw = unit.span.text
    sb = sentence_bounds(raw)
    cb = clause_bounds(raw)
    chosen = _resolve([c for c in cands if _admissible(c, text, unit, sb, cb)])
    if not chosen:
        return out
    scb = scope_bounds(raw)
    contexts = (unit.lead, *unit.contexts)
    seen_first: set[tuple[str, int]] = set()
    for c in chosen:
        rule, m = c.rule, c.m
        vstart = m.start("v")
        s0 = start_of(sb, vstart)
        code = code_for_level(_code(rule, text, vstart, s0, unit), level)
        if code == "IGNORE" or code not in catalog:
            continue
        if rule.first_only:
            if (code, s0) in seen_first:
                continue
            seen_first.add((code, s0))
        got = _value(rule, code, m, text)
        if got is None:
            continue
        value, notes, den = got
        if rule.note:
            notes.insert(0, rule.note)
        if rule.kind in ("score", "rank") and den is not None:
            notes.append(f"of {den:g}" if rule.kind == "rank" or code.endswith("_rank") else f"maximum {den:g}")
        clause = text[start_of(scb, vstart) : end_of(scb, vstart, len(text))]
        local = _local_after(text, m.end("v"))
        sentence = text[s0:vstart]
        scope = resolve_scope(code, level=level, local=local, clause=clause, label=unit.label,
                              contexts=contexts, sentence=sentence)
        out.append(FactDraft(code, scope, value, "narrative", unit.span, vstart, m.end(), "; ".join(notes) or None))
        den_code = rule.den_code
        if den is not None and den_code and rule.kind not in ("score", "rank"):
            den_code = _den_switch(code, den_code)
            if den_code in catalog:
                dscope = resolve_scope(den_code, level=level, local=local, clause=clause, label=unit.label,
                                       contexts=contexts, sentence=sentence)
                out.append(FactDraft(den_code, dscope, den, "narrative", unit.span, m.start("d"), m.end(),
                                     "denominator of an A/B figure", from_pair=True))
    out.extend(_followers(unit, text, out, level, catalog, sb))
    return _pair_totals_win(out)


_DEN_BY_CODE = {
    "cchc_remediation_tasks_done": "cchc_remediation_tasks_total",
    "cchc_plan_tasks_done": "cchc_plan_tasks_total",
    "ntp_disbursed_vnd_million": "ntp_plan_vnd_million",
    "ntp_investment_disbursed_vnd_million": "ntp_investment_plan_vnd_million",
    "ntp_recurrent_disbursed_vnd_million": "ntp_recurrent_plan_vnd_million",
    "public_investment_disbursed_vnd_million": "public_investment_plan_vnd_million",
}


def _den_switch(code: str, den_code: str) -> str:
    return _DEN_BY_CODE.get(code, den_code)


def _followers(
    unit: TextUnit, text: str, facts: list[FactDraft], level: UnitLevel | None, catalog: dict, sb: list[int]
) -> list[FactDraft]:
    """Companion rates and year-to-date readings that take their code from the preceding count."""
    claimed = {(f.start) for f in facts}
    counts = sorted((f for f in facts if not f.code.endswith("_pct") and not f.from_pair), key=lambda f: f.start)
    out: list[FactDraft] = []

    def previous_count(pos: int) -> FactDraft | None:
        s0 = start_of(sb, pos)
        prev = [f for f in counts if s0 <= f.start < pos]
        return prev[-1] if prev else None

    for m in _COMPANION_RE.finditer(text):
        grp = "v" if m.group("v") is not None else None
        if grp is None:
            continue
        vstart = m.start("v")
        if vstart in claimed:
            continue
        prev = previous_count(vstart)
        if prev is None or any(ch.isdigit() for ch in text[prev.end : vstart]):
            continue
        rate_code = COMPANION.get(prev.code)
        if rate_code is None or rate_code not in catalog:
            continue
        reading = parse_number(m.group("v"), max_value=100.0)
        if reading is None:
            continue
        notes = [f'"{m.group("v")}" read with "." as the decimal mark'] if reading.decimal_dot else []
        qual = qualifier_before(text, vstart)
        if qual:
            notes.append(f'written "{qual} {m.group("v")}"')
        out.append(FactDraft(rate_code, prev.scope, reading.value, "narrative", unit.span, vstart, m.end(),
                             "; ".join(notes) or None))
        claimed.add(vstart)
    for m in _YTD_RE.finditer(text):
        vstart = m.start("v")
        if vstart in claimed:
            continue
        prev = previous_count(vstart)
        if prev is None:
            continue
        ytd = prev.code + "_ytd"
        if ytd not in catalog:
            continue
        reading = parse_number(m.group("v"))
        if reading is None:
            continue
        out.append(FactDraft(ytd, prev.scope, reading.value, "narrative", unit.span, vstart, m.end(),
                             "cumulative from the start of the year (lũy kế)"))
        claimed.add(vstart)
    return out


def _pair_totals_win(facts: list[FactDraft]) -> list[FactDraft]:
    """An "A/B" figure fixes the total: other totals of the same code in the paragraph are dropped."""
    pair_totals = {(f.code, f.scope): f.value for f in facts if f.from_pair}
    if not pair_totals:
        return facts
    out = []
    for f in facts:
        key = (f.code, f.scope)
        if key in pair_totals and not f.from_pair:
            if f.value != pair_totals[key]:
                continue
        out.append(f)
    # the same total stated plainly and as a denominator: keep the plain one
    plain_keys = {(f.code, f.scope, f.value) for f in out if not f.from_pair}
    return [f for f in out if not (f.from_pair and (f.code, f.scope, f.value) in plain_keys)]
