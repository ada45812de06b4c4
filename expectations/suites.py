"""Builders of the GX suites and checkpoints (no hand-written JSON).

Raw layer: two query assets over ``raw.reports`` / ``raw.facts`` whose extra columns carry what the catalogue
says about each fact (unit, whether the percentage is bounded, count / flag / level readings), so every check
is a plain column expectation whose ``unexpected_index_list`` names the failing ``fact_id`` / ``report_id``.
Both assets are partitioned on ``batch_quarter`` (``PartitionerColumnValue``): the quarter is the batch
parameter of the checkpoint. Each expectation's ``meta`` carries the rule id; ``severity`` critical = hard
error, warning = warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ingest.catalog import load_catalog
from ingest.metadata import TWO_TIER_START

if TYPE_CHECKING:  # pragma: no cover
    import great_expectations as gx

UNIT_LEVELS = ["province_office", "province_department", "district", "commune"]
PERIOD_TYPES = ["month", "quarter", "half_year", "months_ytd", "year", "multi_year"]
SCOPES = ["all", "district_level", "commune_level", "province_level", "center"]
SOURCES = ["appendix", "narrative"]
COUNT_UNITS = ["count", "documents", "procedures", "people"]
REFORM_DATE = TWO_TIER_START.isoformat()  # rules.md §4: two-tier local government
RAW_CHECKPOINT = "raw_gate"
RAW_REPORTS_SUITE = "raw_reports"
RAW_FACTS_SUITE = "raw_facts"

RESULT_FORMAT: dict[str, Any] = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": [],  # set per validation definition
    "partial_unexpected_count": 1_000_000,
    "include_unexpected_rows": False,
}


def sql_literal(s: str) -> str:
    """A SQL string literal (quotes doubled) for the few constants GX query assets embed."""
    return "'" + s.replace("'", "''") + "'"


def bounded_percentage(code: str) -> bool:
    """H1 applies to every percentage except those compared with another base (may exceed 100)."""
    return not (code.endswith("_pct_of_estimate") or code.endswith("_pct_same_period_last_year")
                or code.endswith("_pp"))


def catalog_values_sql() -> str:
    rows = [f"({sql_literal(code)}, {sql_literal(ind.unit)}, {'true' if bounded_percentage(code) else 'false'})"
            for code, ind in sorted(load_catalog().items())]
    return "(values " + ",\n ".join(rows) + ") as c(code, unit, bounded)"


def raw_reports_query() -> str:
    return f"""
select r.report_id, null::text as fact_id, r.file_name, r.batch_quarter, r.reporting_unit, r.unit_level,
       r.province, r.period_type, r.period_year, r.window_from, r.window_to,
       case when r.window_from is null or r.window_to is null then null
            else r.window_from <= r.window_to
                 and r.window_to - r.window_from <= 800
                 and (r.period_year is null or r.period_year = extract(year from r.window_to)::int)
       end as window_valid,
       (coalesce(r.unit_level, '') = 'district' and r.window_from >= date {sql_literal(REFORM_DATE)})
           as district_unit_after_reform
from raw.reports r"""


def raw_facts_query() -> str:
    count_units = ", ".join(sql_literal(u) for u in COUNT_UNITS)
    return f"""
select f.fact_id, f.report_id, f.batch_quarter, f.indicator, f.scope, f.source, f.unit, f.value, f.line,
       c.unit as catalog_unit,
       case when c.unit is null then null
            when c.unit = f.unit then 'ok'
            when c.unit in ({count_units}) and f.unit in ({count_units}) then 'soft'
            else 'hard' end as unit_check,
       case when c.unit = 'percent' and c.bounded then f.value end as bounded_pct_value,
       case when c.unit in ({count_units}) and f.indicator not like '%\\_change' then f.value end as count_value,
       case when c.unit in ({count_units}) then f.value = round(f.value) end as count_is_whole,
       case when c.unit = 'flag' then f.value end as flag_value,
       case when c.unit = 'level' then f.value end as level_value,
       (f.scope = 'district_level' and r.window_from >= date {sql_literal(REFORM_DATE)}) as district_scope_after_reform
from raw.facts f
left join {catalog_values_sql()} on c.code = f.indicator
left join raw.reports r on r.report_id = f.report_id"""


def _meta(rule_id: str, column: str) -> dict[str, str]:
    return {"rule_id": rule_id, "column": column}


def build_raw_reports_suite() -> gx.ExpectationSuite:
    """Metadata complete and valid; a critical failure quarantines the whole report."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    e = [
        gxe.ExpectColumnValuesToNotBeNull(column="reporting_unit", meta=_meta("M1", "reporting_unit")),
        gxe.ExpectColumnValueLengthsToBeBetween(column="reporting_unit", min_value=2,
                                                meta=_meta("M1", "reporting_unit")),
        gxe.ExpectColumnValuesToNotBeNull(column="unit_level", meta=_meta("M2", "unit_level")),
        gxe.ExpectColumnValuesToBeInSet(column="unit_level", value_set=UNIT_LEVELS, meta=_meta("M2", "unit_level")),
        gxe.ExpectColumnValuesToNotBeNull(column="province", meta=_meta("M3", "province")),
        gxe.ExpectColumnValuesToNotBeNull(column="period_type", meta=_meta("M4", "period_type")),
        gxe.ExpectColumnValuesToBeInSet(column="period_type", value_set=PERIOD_TYPES,
                                        meta=_meta("M4", "period_type")),
        gxe.ExpectColumnValuesToNotBeNull(column="period_year", meta=_meta("M5", "period_year")),
        gxe.ExpectColumnValuesToBeBetween(column="period_year", min_value=2000, max_value=2100,
                                          meta=_meta("M5", "period_year")),
        gxe.ExpectColumnValuesToNotBeNull(column="window_from", meta=_meta("M6", "window_from")),
        gxe.ExpectColumnValuesToNotBeNull(column="window_to", meta=_meta("M6", "window_to")),
        gxe.ExpectColumnValuesToBeInSet(column="window_valid", value_set=[True], meta=_meta("M6", "window_valid")),
        gxe.ExpectColumnValuesToBeInSet(column="district_unit_after_reform", value_set=[False],
                                        meta=_meta("H10", "district_unit_after_reform")),
    ]
    return gx.ExpectationSuite(name=RAW_REPORTS_SUITE, expectations=e)


def build_raw_facts_suite() -> gx.ExpectationSuite:
    """Per-fact checks: code known, unit, percentage range (H1), counts, status code lists (H6), tiers (H10)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    e = [
        gxe.ExpectColumnValuesToNotBeNull(column="catalog_unit", meta=_meta("F1", "indicator")),
        gxe.ExpectColumnValuesToBeInSet(column="unit_check", value_set=["ok", "soft"], meta=_meta("F2", "unit")),
        gxe.ExpectColumnValuesToBeInSet(column="unit_check", value_set=["ok", "hard"], meta=_meta("W8", "unit"),
                                        severity="warning"),
        gxe.ExpectColumnValuesToBeBetween(column="bounded_pct_value", min_value=0, max_value=100,
                                          meta=_meta("H1", "value")),
        gxe.ExpectColumnValuesToBeBetween(column="count_value", min_value=0, meta=_meta("F3", "value")),
        gxe.ExpectColumnValuesToBeInSet(column="count_is_whole", value_set=[True], meta=_meta("F3", "value")),
        gxe.ExpectColumnValuesToBeInSet(column="flag_value", value_set=[0, 1], meta=_meta("H6", "value")),
        gxe.ExpectColumnValuesToBeInSet(column="level_value", value_set=[0, 1, 2], meta=_meta("H6", "value")),
        gxe.ExpectColumnValuesToBeInSet(column="scope", value_set=SCOPES, meta=_meta("F4", "scope")),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=SOURCES, meta=_meta("F4", "source")),
        gxe.ExpectColumnValuesToBeInSet(column="district_scope_after_reform", value_set=[False],
                                        meta=_meta("H10", "scope")),
    ]
    return gx.ExpectationSuite(name=RAW_FACTS_SUITE, expectations=e)


def build_raw_checkpoint(ctx: Any, warehouse_url: str, assets: tuple[str, ...] = ("raw_reports", "raw_facts"),
                         ) -> gx.Checkpoint:
    """Data source + two partitioned query assets + suites + validation definitions + checkpoint with a Data Docs
    action. Run it with ``batch_parameters={"batch_quarter": "2023Q2"}``."""
    import great_expectations as gx
    from great_expectations.core.partitioners import PartitionerColumnValue

    from expectations.gx_context import sqlalchemy_url

    ds = ctx.data_sources.add_or_update_postgres("warehouse_raw", connection_string=sqlalchemy_url(warehouse_url))
    partitioner = PartitionerColumnValue(column_name="batch_quarter")
    vds = []
    for asset_name, query, suite in (
        ("raw_reports", raw_reports_query(), build_raw_reports_suite()),
        ("raw_facts", raw_facts_query(), build_raw_facts_suite()),
    ):
        if asset_name not in assets:
            continue  # a validation definition without rows for the quarter would fail the whole checkpoint
        asset = ds.add_query_asset(asset_name, query=query)
        # Column-value partitioners are valid on SQL assets; GX's eager check only knows date partitioners.
        batch = asset.add_batch_definition("by_quarter", partitioner=partitioner, validate_partitioner=False)
        suite = ctx.suites.add_or_update(suite)
        vds.append(ctx.validation_definitions.add_or_update(gx.ValidationDefinition(
            name=f"{asset_name}_by_quarter", data=batch, suite=suite)))
    return ctx.checkpoints.add_or_update(gx.Checkpoint(
        name=RAW_CHECKPOINT, validation_definitions=vds,
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_docs")],
        result_format=result_format_for(["report_id", "fact_id"]),
    ))


def result_format_for(index_columns: list[str]) -> dict[str, Any]:
    fmt = dict(RESULT_FORMAT)
    fmt["unexpected_index_column_names"] = index_columns
    return fmt
