-- The latest observation per unit × code × scope × quarter: the value of the report with the latest window
-- end among those filed under the quarter (rules.md §2.6). It is the quarterly value of stocks, statuses,
-- scores, `none` codes and year-to-date twins, and the "reported" value shown next to recomputed ratios.
-- tthc_cases_carried_over is a stock at the window start: in a year-to-date report it is the stock at the
-- start of the year, so for quarters after the first it is replaced by the previous quarter's in-progress
-- stock (derived), or left unpublished when that is unknown.
with report_values as (
    select * from {{ ref('int_unit_report_values') }}
    where quarter_key is not null
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

latest as (
    select distinct on (
        report_values.unit_key, report_values.indicator_code, report_values.scope,
        report_values.quarter_key)
        report_values.unit_key,
        report_values.indicator_code,
        report_values.scope,
        report_values.period_year,
        report_values.report_quarter as quarter_no,
        report_values.quarter_key,
        report_values.value,
        report_values.report_id,
        report_values.period_type,
        report_values.is_cumulative,
        report_values.window_to,
        report_values.is_approximate,
        report_values.is_basis_unknown,
        indicators.quarterly_method,
        (report_values.period_type = 'quarter' or (
            report_values.report_quarter = 1
            and report_values.period_type in ('quarter', 'months_ytd')
        )) as covers_quarter_only
    from report_values
    inner join indicators on report_values.indicator_code = indicators.indicator_code
    order by
        report_values.unit_key asc, report_values.indicator_code asc, report_values.scope asc, report_values.quarter_key asc,
        report_values.window_to desc nulls last, report_values.loaded_at desc
),

in_progress as (
    select * from latest
    where indicator_code = 'tthc_cases_in_progress'
),

final as (
    select
        latest.unit_key,
        latest.indicator_code,
        latest.scope,
        latest.period_year,
        latest.quarter_no,
        latest.quarter_key,
        latest.quarterly_method,
        latest.value as reported_value,
        latest.report_id as reported_report_id,
        latest.period_type as reported_period_type,
        latest.covers_quarter_only,
        case
            when latest.quarterly_method <> 'stock_at_start' then latest.value
            when not latest.is_cumulative or latest.quarter_no = 1 then latest.value
            else previous.value
        end as value,
        case
            when latest.quarterly_method = 'stock_at_start' and latest.is_cumulative and latest.quarter_no > 1
                then 'derived'
            else 'reported'
        end as value_basis,
        latest.is_approximate or coalesce(previous.is_approximate, false) as is_approximate,
        latest.is_basis_unknown,
        case
            when latest.quarterly_method = 'stock_at_start' and latest.is_cumulative and latest.quarter_no > 1
                then array_remove(array[previous.report_id], null)
            else array[latest.report_id]
        end as source_report_ids
    from latest
    left join in_progress as previous
        on
            latest.quarterly_method = 'stock_at_start'
            and latest.unit_key = previous.unit_key
            and latest.scope = previous.scope
            and previous.period_year * 4 + previous.quarter_no = latest.period_year * 4 + latest.quarter_no - 1
)

select * from final
