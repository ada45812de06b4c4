"""What the quarter report shows, read from the published marts, quality.findings and raw.files.

Every query tolerates a warehouse where the marts (or the raw/quality schemas) do not exist yet: the section
is then empty and the page says "no data".
"""

from __future__ import annotations

from datetime import date

import psycopg
from pydantic import BaseModel, Field

MAX_HISTORY_QUARTERS = 8
MAX_FINDINGS = 40

HEADLINE_CODES = (
    "tthc_cases_new",
    "tthc_cases_resolved",
    "tthc_on_time_rate_pct",
    "tthc_online_rate_pct",
    "public_investment_disbursement_pct",
)
# (category, Vietnamese label, actual column, quota column) of fct_staffing
STAFF_PAIRS = (
    ("civil_servant", "Công chức", "civil_servant_actual", "civil_servant_quota"),
    ("public_employee", "Viên chức", "public_employee_actual", "public_employee_quota"),
    ("commune_staff", "CBCC cấp xã", "commune_staff_actual", "commune_staff_quota"),
)


class UnitRate(BaseModel):
    """A per-unit value of a fact mart (one unit × scope) with the rate the report stated beside it."""

    unit_key: str
    unit_name: str
    unit_level: str | None
    province: str | None
    scope: str
    value: float | None
    reported: float | None = None
    numerator: float | None = None
    denominator: float | None = None

    @property
    def key(self) -> str:
        return f"{self.unit_key}|{self.scope}"


class StaffFill(BaseModel):
    unit_key: str
    unit_name: str
    province: str | None
    scope: str
    category: str
    category_label: str
    actual: float | None
    quota: float | None

    @property
    def key(self) -> str:
        return f"{self.unit_key}|{self.scope}|{self.category}"

    @property
    def fill_pct(self) -> float | None:
        if self.actual is None or not self.quota:
            return None
        return 100.0 * self.actual / self.quota


class QuarterCases(BaseModel):
    province: str
    quarter_key: str
    cases_new: float | None
    cases_resolved: float | None


class CoverageUnit(BaseModel):
    unit_key: str
    unit_name: str
    province: str | None
    unit_level: str | None
    status: str
    n_reports: int
    report_ids: list[str] = Field(default_factory=list)
    first_report_date: date | None = None
    due_date: date | None = None


class Finding(BaseModel):
    rule_id: str
    severity: str
    reporting_unit: str | None
    report_id: str | None
    file_name: str | None
    line: int | None
    message_vi: str
    message_en: str


class SourceFile(BaseModel):
    report_id: str
    file_name: str
    file_path: str | None


class QuarterData(BaseModel):
    quarter: str
    provinces: list[str]
    headline: dict[str, dict[str, float | None]]  # province -> indicator_code -> value
    on_time: list[UnitRate]
    online: list[UnitRate]
    disbursement: list[UnitRate]
    staffing: list[StaffFill]
    cases_history: list[QuarterCases]
    coverage: list[CoverageUnit]
    findings: list[Finding]
    findings_total: int
    findings_by_rule: list[tuple[str, str, int]]  # rule_id, severity, count
    sources: list[SourceFile]
    has_marts: bool


def _exists(conn: psycopg.Connection, table: str) -> bool:
    return conn.execute("select to_regclass(%s) is not null", (table,)).fetchone()[0]


_UNIT_RATE_SQL = """
select m.unit_key, coalesce(u.unit_name, m.unit_key), coalesce(u.unit_level, m.unit_level),
       coalesce(u.province, m.province), m.scope, m.{value}, m.{reported}, {num}, {den}
from marts.{table} m left join marts.dim_reporting_unit u using (unit_key)
where m.period_grain = 'quarter' and m.quarter_key = %(q)s
  and (m.{value} is not null or m.{reported} is not null)
order by coalesce(u.province, m.province), coalesce(u.unit_level, m.unit_level), 2, m.scope
"""


def _unit_rates(conn: psycopg.Connection, table: str, value: str, num: str, den: str,
                quarter: str) -> list[UnitRate]:
    if not _exists(conn, f"marts.{table}"):
        return []
    sql = _UNIT_RATE_SQL.format(table=table, value=value, reported=f"{value}_reported", num=f"m.{num}",
                                den=f"m.{den}")
    keys = list(UnitRate.model_fields)
    return [UnitRate(**dict(zip(keys, row, strict=True))) for row in conn.execute(sql, {"q": quarter})]


def _staffing(conn: psycopg.Connection, quarter: str) -> list[StaffFill]:
    if not _exists(conn, "marts.fct_staffing"):
        return []
    cols = ", ".join(f"s.{a}, s.{q}" for _, _, a, q in STAFF_PAIRS)
    rows = conn.execute(
        f"""select s.unit_key, coalesce(u.unit_name, s.unit_key), coalesce(u.province, s.province), s.scope,
                   {cols}
            from marts.fct_staffing s left join marts.dim_reporting_unit u using (unit_key)
            where s.period_grain = 'quarter' and s.quarter_key = %(q)s
            order by coalesce(u.province, s.province), coalesce(u.unit_level, s.unit_level), 2, s.scope""",
        {"q": quarter},
    ).fetchall()
    out = []
    for row in rows:
        for i, (cat, label, _, _) in enumerate(STAFF_PAIRS):
            actual, quota = row[4 + 2 * i], row[5 + 2 * i]
            if actual is None and quota is None:
                continue
            out.append(StaffFill(unit_key=row[0], unit_name=row[1], province=row[2], scope=row[3],
                                 category=cat, category_label=label, actual=actual, quota=quota))
    return out


def _headline(conn: psycopg.Connection, quarter: str) -> dict[str, dict[str, float | None]]:
    if not _exists(conn, "marts.fct_province_quarter"):
        return {}
    out: dict[str, dict[str, float | None]] = {}
    rows = conn.execute(
        "select province, indicator_code, value from marts.fct_province_quarter"
        " where quarter_key = %(q)s and indicator_code = any(%(codes)s) order by province",
        {"q": quarter, "codes": list(HEADLINE_CODES)},
    )
    for province, code, value in rows:
        out.setdefault(province, dict.fromkeys(HEADLINE_CODES))[code] = value
    return out


def _cases_history(conn: psycopg.Connection, quarter: str) -> list[QuarterCases]:
    if not _exists(conn, "marts.fct_province_quarter"):
        return []
    rows = conn.execute(
        """select province, quarter_key,
                  max(value) filter (where indicator_code = 'tthc_cases_new'),
                  max(value) filter (where indicator_code = 'tthc_cases_resolved')
           from marts.fct_province_quarter
           where quarter_key <= %(q)s and indicator_code in ('tthc_cases_new', 'tthc_cases_resolved')
           group by province, quarter_key order by province, quarter_key""",
        {"q": quarter},
    ).fetchall()
    keys = list(QuarterCases.model_fields)
    history = [QuarterCases(**dict(zip(keys, r, strict=True))) for r in rows]
    kept = []
    for province in dict.fromkeys(h.province for h in history):
        kept += [h for h in history if h.province == province][-MAX_HISTORY_QUARTERS:]
    return kept


def _coverage(conn: psycopg.Connection, quarter: str) -> list[CoverageUnit]:
    if not _exists(conn, "marts.fct_report_coverage"):
        return []
    rows = conn.execute(
        """select c.unit_key, coalesce(u.unit_name, c.unit_key), c.province, c.unit_level, c.coverage_status,
                  c.n_reports, c.report_ids, c.first_report_date, c.due_date
           from marts.fct_report_coverage c left join marts.dim_reporting_unit u using (unit_key)
           where c.quarter_key = %(q)s order by c.province, c.unit_level, 2""",
        {"q": quarter},
    ).fetchall()
    keys = list(CoverageUnit.model_fields)
    return [CoverageUnit(**dict(zip(keys, (*r[:6], r[6] or [], *r[7:]), strict=True))) for r in rows]


_SEVERITY_ORDER = "case severity when 'hard' then 0 else 1 end"


RuleCount = tuple[str, str, int]


def _findings(conn: psycopg.Connection, quarter: str) -> tuple[list[Finding], int, list[RuleCount]]:
    if not _exists(conn, "quality.findings"):
        return [], 0, []
    by_rule = conn.execute(
        f"""select rule_id, min(severity), count(*) from quality.findings where batch_quarter = %(q)s
            group by rule_id order by min({_SEVERITY_ORDER}), count(*) desc, rule_id""",
        {"q": quarter},
    ).fetchall()
    # the most frequent rules first (hard before warnings), then by unit and line
    rows = conn.execute(
        f"""select f.rule_id, f.severity, f.reporting_unit, f.report_id, f.file_name, f.line, f.message_vi,
                   f.message_en
            from quality.findings f
            join (select rule_id, count(*) n from quality.findings where batch_quarter = %(q)s group by 1) r
              using (rule_id)
            where f.batch_quarter = %(q)s
            order by {_SEVERITY_ORDER}, r.n desc, f.rule_id, f.reporting_unit, f.line nulls last, f.finding_id
            limit %(n)s""",
        {"q": quarter, "n": MAX_FINDINGS},
    ).fetchall()
    keys = list(Finding.model_fields)
    findings = [Finding(**dict(zip(keys, r, strict=True))) for r in rows]
    return findings, sum(n for _, _, n in by_rule), [(r, s, int(n)) for r, s, n in by_rule]


def _sources(conn: psycopg.Connection, report_ids: set[str]) -> list[SourceFile]:
    if not report_ids:
        return []
    files: dict[str, SourceFile] = {}
    if _exists(conn, "raw.files"):
        for rid, name, path in conn.execute(
            "select file_sha256, file_name, file_path from raw.files where file_sha256 = any(%s)",
            (sorted(report_ids),),
        ):
            files[rid] = SourceFile(report_id=rid, file_name=name, file_path=path)
    if _exists(conn, "raw.reports"):
        for rid, name in conn.execute(
            "select report_id, file_name from raw.reports where report_id = any(%s)", (sorted(report_ids),)
        ):
            files.setdefault(rid, SourceFile(report_id=rid, file_name=name, file_path=None))
    for rid in report_ids - files.keys():
        files[rid] = SourceFile(report_id=rid, file_name=rid[:12], file_path=None)
    return sorted(files.values(), key=lambda f: f.file_name)


def load_quarter(url: str, quarter: str) -> QuarterData:
    with psycopg.connect(url) as conn:
        has_marts = _exists(conn, "marts.fct_tthc_cases")
        headline = _headline(conn, quarter)
        coverage = _coverage(conn, quarter)
        findings, findings_total, by_rule = _findings(conn, quarter)
        report_ids = {f.report_id for f in findings if f.report_id}
        report_ids |= {rid for c in coverage for rid in c.report_ids}
        provinces = sorted({p for p in headline} | {c.province for c in coverage if c.province})
        return QuarterData(
            quarter=quarter,
            provinces=provinces,
            headline=headline,
            on_time=_unit_rates(conn, "fct_tthc_cases", "tthc_on_time_rate_pct",
                                "tthc_cases_resolved_early_or_on_time", "tthc_cases_resolved", quarter),
            online=_unit_rates(conn, "fct_tthc_cases", "tthc_online_rate_pct", "tthc_cases_online",
                               "tthc_cases_new", quarter),
            disbursement=_unit_rates(conn, "fct_public_finance", "public_investment_disbursement_pct",
                                     "public_investment_disbursed_vnd_million",
                                     "public_investment_plan_vnd_million", quarter),
            staffing=_staffing(conn, quarter),
            cases_history=_cases_history(conn, quarter),
            coverage=coverage,
            findings=findings,
            findings_total=findings_total,
            findings_by_rule=by_rule,
            sources=_sources(conn, report_ids),
            has_marts=has_marts,
        )
