"""The short consolidated table printed at the end of a run, read from the published marts."""

from __future__ import annotations

import psycopg

from ingest.warehouse import warehouse_url

# (indicator code, heading, is a percentage); the staffing pair is printed as one "actual/quota" cell
_CASES = [
    ("tthc_cases_new", "new", False),
    ("tthc_cases_resolved", "resolved", False),
    ("tthc_cases_resolved_early", "early", False),
    ("tthc_cases_resolved_on_time", "on time", False),
    ("tthc_cases_resolved_late", "late", False),
    ("tthc_on_time_rate_pct", "on-time %", True),
    ("tthc_online_rate_pct", "online %", True),
]
_STAFF = ("civil_servant_actual", "civil_servant_quota")
_DISBURSEMENT = "public_investment_disbursement_pct"
_WIDE_COLUMNS = {
    "fct_tthc_cases": tuple(code for code, _, _ in _CASES),
    "fct_staffing": _STAFF,
    "fct_public_finance": (_DISBURSEMENT,),
    "fct_egov": (),
}
_SHOWN = [c for cols in _WIDE_COLUMNS.values() for c in cols]
_FLOWS_AND_RATES = [*_WIDE_COLUMNS["fct_tthc_cases"], _DISBURSEMENT]
HEAD = ("unit", "period", *(h for _, h, _ in _CASES), "civ.serv.", "disb. %")


def _unit_sql() -> str:
    """One line per unit (scope all) with a row in any wide mart for the quarter: its quarter row when that holds
    a flow or a rate, else the latest native period among the reports loaded in this batch (a unit that sent
    only a half-year report has no derivable quarterly flow; its year-to-date figures are on its native row)."""
    parts = []
    for table, cols in _WIDE_COLUMNS.items():
        values = ", ".join(c if c in cols else f"null::double precision as {c}" for c in _SHOWN)
        parts.append(
            f"select unit_key, period_grain, period_key, window_to, {values}, is_derived from marts.{table}"
            " where scope = 'all' and ((period_grain = 'quarter' and period_key = %(q)s)"
            " or (period_grain = 'native' and batch_quarter = %(q)s))"
        )
    shown = ", ".join(f"max({c}) as {c}" for c in _SHOWN)
    has_flow = " or ".join(f"max({c}) is not null" for c in _FLOWS_AND_RATES)
    return f"""
with wide as ({" union all ".join(parts)}),
periods as (
    select unit_key, period_grain, period_key, max(window_to) as window_to, {shown},
           bool_or(is_derived) as is_derived, ({has_flow}) as has_flow
    from wide group by unit_key, period_grain, period_key
),
picked as (
    select distinct on (unit_key) * from periods
    order by unit_key, (period_grain = 'quarter' and has_flow) desc, (period_grain = 'native') desc,
             window_to desc nulls last, period_key desc
)
select u.unit_name, p.period_grain, p.period_key, {", ".join(f"p.{c}" for c in _SHOWN)}, p.is_derived
from picked p join marts.dim_reporting_unit u using (unit_key)
order by u.unit_level, u.unit_name
"""


PROVINCE_SQL = f"""
select province, {", ".join(f"max(value) filter (where indicator_code = '{c}')" for c in _SHOWN)},
       bool_or(has_derived_inputs)
from marts.fct_province_quarter where quarter_key = %(q)s group by province order by province
"""
COVERAGE_SQL = """
select coverage_status, count(*) from marts.fct_report_coverage where quarter_key = %(q)s group by 1 order by 1
"""
QUALITY_SQL = """
select status, count(*) from quality.fact_status where batch_quarter = %(q)s group by 1 order by 1
"""
_YTD_SUFFIXES = ("H1", "Y")


def period_label(grain: str, period_key: str) -> str:
    """'2023Q2' -> 'Q2 2023'; native '2023H1' -> 'H1 2023 ytd', '2023M01-08' -> '8M 2023 ytd' (year-to-date),
    '2023Y' -> 'Y 2023 ytd', '2023M08' -> 'M08 2023'; grain is 'quarter' or 'native'."""
    year, rest = period_key[:4], period_key[4:]
    if rest.startswith("M01-"):
        return f"{int(rest[4:])}M {year} ytd"
    label = f"{rest} {year}"
    return f"{label} ytd" if grain == "native" and rest in _YTD_SUFFIXES else label


def _fmt(value, pct: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if pct else f"{value:,.0f}".replace(",", ".")


def _row(name: str, period: str, values: tuple, derived: bool) -> str:
    """values: the _SHOWN columns in order."""
    shown = dict(zip(_SHOWN, values, strict=True))
    actual, quota = (shown[c] for c in _STAFF)
    staff = "–" if actual is None and quota is None else f"{_fmt(actual)}/{_fmt(quota)}"
    cells = [_fmt(shown[code], pct) for code, _, pct in _CASES] + [staff, _fmt(shown[_DISBURSEMENT], True)]
    return f"  {name[:34] + ('*' if derived else ''):36}{period:>13}" + "".join(f"{c:>10}" for c in cells)


def print_quarter_table(quarter: str, url: str | None = None) -> None:
    with psycopg.connect(url or warehouse_url()) as conn:
        units = conn.execute(_unit_sql(), {"q": quarter}).fetchall()
        provinces = conn.execute(PROVINCE_SQL, {"q": quarter}).fetchall()
        coverage = conn.execute(COVERAGE_SQL, {"q": quarter}).fetchall()
        quality = conn.execute(QUALITY_SQL, {"q": quarter}).fetchall()
    n = len(_SHOWN)
    print(f"\nQuarter {quarter} — consolidated from marts ({len(units)} units)")
    print(f"  {HEAD[0]:36}{HEAD[1]:>13}" + "".join(f"{h:>10}" for h in HEAD[2:]))
    for r in units:
        print(_row(r[0], period_label(r[1], r[2]), r[3:3 + n], bool(r[3 + n])))
    for r in provinces:
        print(_row(f"PROVINCE {r[0]}", period_label("quarter", quarter), r[1:1 + n], bool(r[1 + n])))
    print("  * includes quarterly values derived from year-to-date reports")
    print("  a unit without a quarterly flow shows its report's own period (ytd = year-to-date values)")
    print("  coverage: " + (", ".join(f"{s} {n}" for s, n in coverage) or "no units expected"))
    print("  facts: " + (", ".join(f"{s} {n}" for s, n in quality) or "none"))
