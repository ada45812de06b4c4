"""The mart gate: GX suites on the published marts after dbt (keys unique, no orphan dimension keys,
consolidated ratios equal sum(numerator) / sum(denominator)). A failure must fail the pipeline run:
``run_mart_gate`` raises ``MartGateFailed`` (or returns the failed summary with ``raise_on_failure=False``).

Every mart asset is a query exposing ``batch_quarter`` (the fact's filing quarter, the consolidated quarter, or
the run's quarter for the dimensions), partitioned with ``PartitionerColumnValue``: the quarter is the
checkpoint's batch parameter, the same for every validation definition.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from expectations.gx_context import dispose_engines, docs_index, make_context, sqlalchemy_url
from expectations.models import Finding, GateSummary, MartGateFailed
from expectations.suites import result_format_for, sql_literal

MART_CHECKPOINT = "mart_gate"
RATIO_TOLERANCE = 1e-4  # the marts round recomputed percentages to 4 decimals (safe_pct)
REQUIRED = ("fct_indicator_values", "fct_province_quarter", "dim_indicator", "dim_reporting_unit", "dim_period")


def mart_queries(schema: str, quarter: str) -> dict[str, tuple[str, str]]:
    """asset name → (query, index column)."""
    s = schema
    q = sql_literal(quarter)
    return {
        "mart_fct_indicator_values": (f"""
select f.fact_id, f.batch_quarter,
       (f.indicator_code is not null and coalesce(f.is_known_indicator, true) and i.indicator_code is null)
           as orphan_indicator,
       (f.unit_key is not null and u.unit_key is null) as orphan_unit,
       (f.quarter_key is not null and pq.period_key is null) or (f.period_key is not null and pp.period_key is null)
           as orphan_period
from {s}.fct_indicator_values f
left join {s}.dim_indicator i on i.indicator_code = f.indicator_code
left join {s}.dim_reporting_unit u on u.unit_key = f.unit_key
left join {s}.dim_period pq on pq.period_key = f.quarter_key
left join {s}.dim_period pp on pp.period_key = f.period_key""", "fact_id"),
        "mart_fct_province_quarter": (f"""
select p.province || '|' || p.quarter_key || '|' || p.indicator_code as row_key, p.province,
       p.quarter_key as batch_quarter, p.indicator_code,
       (i.indicator_code is null) as orphan_indicator,
       (p.province_unit_key is not null and u.unit_key is null) as orphan_unit,
       case when p.value_basis = 'recomputed' then
            p.denominator_value is not null and p.denominator_value <> 0
            and abs(p.value - 100.0 * p.numerator_value / p.denominator_value) <= {RATIO_TOLERANCE}
       end as ratio_consistent
from {s}.fct_province_quarter p
left join {s}.dim_indicator i on i.indicator_code = p.indicator_code
left join {s}.dim_reporting_unit u on u.unit_key = p.province_unit_key""", "row_key"),
        "mart_dim_indicator": (f"select indicator_code, {q}::text as batch_quarter from {s}.dim_indicator",
                               "indicator_code"),
        "mart_dim_reporting_unit": (f"select unit_key, {q}::text as batch_quarter from {s}.dim_reporting_unit",
                                    "unit_key"),
        "mart_dim_period": (f"select period_key, {q}::text as batch_quarter from {s}.dim_period", "period_key"),
    }


def build_mart_suites() -> dict[str, Any]:
    """asset name → suite (keys unique, no orphans, ratios recomputed)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    def meta(check: str) -> dict[str, str]:
        return {"rule_id": f"MART:{check}"}

    def no(column: str, check: str) -> Any:
        return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[False], meta=meta(check))

    return {
        "mart_fct_indicator_values": gx.ExpectationSuite(name="mart_fct_indicator_values", expectations=[
            gxe.ExpectColumnValuesToNotBeNull(column="fact_id", meta=meta("key_not_null")),
            gxe.ExpectColumnValuesToBeUnique(column="fact_id", meta=meta("key_unique")),
            no("orphan_indicator", "orphan_indicator"),
            no("orphan_unit", "orphan_unit"),
            no("orphan_period", "orphan_period"),
        ]),
        "mart_fct_province_quarter": gx.ExpectationSuite(name="mart_fct_province_quarter", expectations=[
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["province", "batch_quarter", "indicator_code"],
                                                meta=meta("key_unique")),
            no("orphan_indicator", "orphan_indicator"),
            no("orphan_unit", "orphan_unit"),
            gxe.ExpectColumnValuesToBeInSet(column="ratio_consistent", value_set=[True],
                                            meta=meta("ratio_recomputed")),
        ]),
        "mart_dim_indicator": gx.ExpectationSuite(name="mart_dim_indicator", expectations=[
            gxe.ExpectColumnValuesToBeUnique(column="indicator_code", meta=meta("key_unique")),
            gxe.ExpectColumnValuesToNotBeNull(column="indicator_code", meta=meta("key_not_null")),
        ]),
        "mart_dim_reporting_unit": gx.ExpectationSuite(name="mart_dim_reporting_unit", expectations=[
            gxe.ExpectColumnValuesToBeUnique(column="unit_key", meta=meta("key_unique")),
            gxe.ExpectColumnValuesToNotBeNull(column="unit_key", meta=meta("key_not_null")),
        ]),
        "mart_dim_period": gx.ExpectationSuite(name="mart_dim_period", expectations=[
            gxe.ExpectColumnValuesToBeUnique(column="period_key", meta=meta("key_unique")),
        ]),
    }


def build_mart_checkpoint(ctx: Any, warehouse_url: str, quarter: str, schema: str = "marts") -> Any:
    import great_expectations as gx
    from great_expectations.core.partitioners import PartitionerColumnValue

    ds = ctx.data_sources.add_or_update_postgres("warehouse_marts", connection_string=sqlalchemy_url(warehouse_url))
    suites = build_mart_suites()
    vds = []
    for name, (query, index_col) in mart_queries(schema, quarter).items():
        asset = ds.add_query_asset(name, query=query)
        partitioner = PartitionerColumnValue(column_name="batch_quarter")
        batch = asset.add_batch_definition("by_quarter", partitioner=partitioner, validate_partitioner=False)
        suite = ctx.suites.add_or_update(suites[name])
        vd = gx.ValidationDefinition(name=f"{name}_by_quarter", data=batch, suite=suite)
        vds.append((ctx.validation_definitions.add_or_update(vd), index_col))
    # One checkpoint per index column keeps result formats exact; all share the batch parameter.
    return [ctx.checkpoints.add_or_update(gx.Checkpoint(
        name=f"{MART_CHECKPOINT}_{vd.name}", validation_definitions=[vd],
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_docs")],
        result_format=result_format_for([index_col]))) for vd, index_col in vds]


def _missing_tables(warehouse_url: str, schema: str) -> list[str]:
    with psycopg.connect(warehouse_url) as conn:
        rows = conn.execute("select table_name from information_schema.tables where table_schema = %s",
                            (schema,)).fetchall()
    present = {r[0] for r in rows}
    return [t for t in REQUIRED if t not in present]


def run_mart_gate(warehouse_url: str, quarter: str, run_id: str, docs_dir: Path, *, schema: str = "marts",
                  raise_on_failure: bool = True) -> GateSummary:
    """Validate the marts for the quarter; findings (rule ``MART:*``) replace the previous mart findings."""
    findings: list[Finding] = []
    failed: list[str] = []
    missing = _missing_tables(warehouse_url, schema)
    gx_success: bool | None = None
    if missing:
        failed = [f"MART:missing:{t}" for t in missing]
        findings = [Finding(rule_id="MART:missing_table", severity="hard", message_vi=f"Thiếu bảng mart {schema}.{t}",
                            message_en=f"Mart table {schema}.{t} is missing") for t in missing]
    else:
        from great_expectations.exceptions.exceptions import NoAvailableBatchesError

        ctx = make_context(docs_dir)
        gx_success = True
        results = []
        try:
            for cp in build_mart_checkpoint(ctx, warehouse_url, quarter, schema):
                try:
                    results.append((cp, cp.run(batch_parameters={"batch_quarter": quarter})))
                except NoAvailableBatchesError:
                    continue  # no rows of this quarter in that mart: nothing to check
        finally:
            dispose_engines(ctx)
        for cp, result in results:
            gx_success = gx_success and bool(result.success)
            for vr in result.run_results.values():
                for r in vr.results:
                    if r.success:
                        continue
                    rule = (r.expectation_config.meta or {}).get("rule_id", r.expectation_config.type)
                    table = cp.name.removeprefix(f"{MART_CHECKPOINT}_mart_").removesuffix("_by_quarter")
                    rows = r.result.get("unexpected_index_list") or []
                    keys = [str(next(iter(x.values()))) for x in rows][:50]
                    count = r.result.get("unexpected_count", len(rows))
                    failed.append(f"{rule}@{table}")
                    findings.append(Finding(
                        rule_id=rule, severity="hard", fact_ids=keys if "indicator_values" in table else [],
                        message_vi=f"Mart {table}: kiểm tra {rule} không đạt ({count} dòng), ví dụ {keys[:5]}",
                        message_en=f"Mart {table}: check {rule} failed ({count} rows), e.g. {keys[:5]}"))
    with psycopg.connect(warehouse_url) as conn, conn.transaction():
        conn.execute("delete from quality.findings where batch_quarter = %s and rule_id like 'MART:%%'", (quarter,))
        with conn.cursor() as cur:
            cur.executemany(
                """insert into quality.findings (batch_quarter, run_id, rule_id, severity, indicators, fact_ids,
                       message_vi, message_en) values (%s, %s, %s, %s, %s, %s, %s, %s)""",
                [(quarter, run_id, f.rule_id, f.severity, f.indicators, f.fact_ids, f.message_vi, f.message_en)
                 for f in findings])
    summary = GateSummary(gate="mart", quarter=quarter, run_id=run_id, success=not failed, gx_success=gx_success,
                          findings_hard=len(findings), failed_checks=sorted(set(failed)),
                          docs_index=docs_index(docs_dir))
    if failed and raise_on_failure:
        raise MartGateFailed(summary)
    return summary
