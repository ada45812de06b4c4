"""The short consolidated table printed at the end of a run, read from the published marts."""

from __future__ import annotations

import psycopg

from ingest.warehouse import warehouse_url

UNIT_SQL = """
select u.unit_name, c.tthc_cases_new, c.tthc_cases_resolved, c.tthc_on_time_rate_pct,
       c.tthc_online_rate_pct, s.civil_servant_actual, s.civil_servant_quota,
       f.public_investment_disbursement_pct, c.has_derived_values
from marts.fct_tthc_cases c
join marts.dim_reporting_unit u using (unit_key)
left join marts.fct_staffing s using (unit_key, quarter_key, scope)
left join marts.fct_public_finance f using (unit_key, quarter_key, scope)
where c.quarter_key = %(q)s and c.scope = 'all'
order by u.unit_level, u.unit_name
"""
PROVINCE_SQL = """
select province,
       max(value) filter (where indicator_code = 'tthc_cases_new'),
       max(value) filter (where indicator_code = 'tthc_cases_resolved'),
       max(value) filter (where indicator_code = 'tthc_on_time_rate_pct'),
       max(value) filter (where indicator_code = 'tthc_online_rate_pct'),
       max(value) filter (where indicator_code = 'civil_servant_actual'),
       max(value) filter (where indicator_code = 'civil_servant_quota'),
       max(value) filter (where indicator_code = 'public_investment_disbursement_pct'),
       bool_or(has_derived_inputs)
from marts.fct_province_quarter where quarter_key = %(q)s group by province order by province
"""
COVERAGE_SQL = """
select coverage_status, count(*) from marts.fct_report_coverage where quarter_key = %(q)s group by 1 order by 1
"""
QUALITY_SQL = """
select status, count(*) from quality.fact_status where batch_quarter = %(q)s group by 1 order by 1
"""
HEAD = ("unit", "cases new", "resolved", "on-time %", "online %", "civil serv.", "disb. %")


def _fmt(value, pct: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if pct else f"{value:,.0f}".replace(",", ".")


def _row(name: str, r: tuple) -> str:
    staff = "–" if r[4] is None else f"{_fmt(r[4])}/{_fmt(r[5])}"
    cells = [name[:34] + ("*" if r[7] else ""), _fmt(r[0]), _fmt(r[1]), _fmt(r[2], True), _fmt(r[3], True),
             staff, _fmt(r[6], True)]
    return f"  {cells[0]:36}" + "".join(f"{c:>12}" for c in cells[1:])


def print_quarter_table(quarter: str, url: str | None = None) -> None:
    with psycopg.connect(url or warehouse_url()) as conn:
        units = conn.execute(UNIT_SQL, {"q": quarter}).fetchall()
        provinces = conn.execute(PROVINCE_SQL, {"q": quarter}).fetchall()
        coverage = conn.execute(COVERAGE_SQL, {"q": quarter}).fetchall()
        quality = conn.execute(QUALITY_SQL, {"q": quarter}).fetchall()
    print(f"\nQuarter {quarter} — consolidated from marts ({len(units)} units)")
    print(f"  {HEAD[0]:36}" + "".join(f"{h:>12}" for h in HEAD[1:]))
    for r in units:
        print(_row(r[0], r[1:]))
    for r in provinces:
        print(_row(f"PROVINCE {r[0]}", r[1:]))
    print("  * includes quarterly values derived from year-to-date reports")
    print("  coverage: " + (", ".join(f"{s} {n}" for s, n in coverage) or "no units expected"))
    print("  facts: " + (", ".join(f"{s} {n}" for s, n in quality) or "none"))
