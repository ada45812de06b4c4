-- Quarterly flows per unit × code × scope (rules.md §2.5). A directly reported quarter (a quarterly report,
-- or three contiguous monthly reports) is preferred; otherwise the quarter is the difference of year-to-date
-- values, Q1 = Y1, Qn = Yn − Yn−1, marked derived. Year-to-date values come from cumulative reports or from
-- the code's `_ytd` twin; a direct quarter also fills a missing one (Yn = Yn−1 + Qn). A negative derived
-- quarter is a restatement (H8): kept here, not published.
with report_values as (
    select * from {{ ref('int_unit_report_values') }}
    where quarter_key is not null
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

flow_values as (
    select report_values.*
    from report_values
    inner join indicators
        on report_values.indicator_code = indicators.indicator_code
            and indicators.quarterly_method = 'flow'
),

quarter_reports as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        report_quarter,
        value,
        array[report_id] as report_ids,
        is_approximate,
        row_number() over (
            partition by unit_key, indicator_code, scope, period_year, report_quarter
            order by window_to desc, loaded_at desc
        ) as pick
    from flow_values
    where period_type = 'quarter'
),

month_reports as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        report_quarter,
        sum(value) as value,
        array_agg(report_id order by window_to) as report_ids,
        bool_or(is_approximate) as is_approximate
    from flow_values
    where period_type = 'month'
    group by unit_key, indicator_code, scope, period_year, report_quarter
    having count(distinct window_to) = 3
),

direct_quarters as (
    select
        coalesce(q.unit_key, m.unit_key) as unit_key,
        coalesce(q.indicator_code, m.indicator_code) as indicator_code,
        coalesce(q.scope, m.scope) as scope,
        coalesce(q.period_year, m.period_year) as period_year,
        coalesce(q.report_quarter, m.report_quarter) as report_quarter,
        coalesce(q.value, m.value) as value,
        coalesce(q.report_ids, m.report_ids) as report_ids,
        coalesce(q.is_approximate, m.is_approximate) as is_approximate
    from (
        select * from quarter_reports
        where pick = 1
    ) as q
    full outer join month_reports as m
        on
            q.unit_key = m.unit_key
            and q.indicator_code = m.indicator_code
            and q.scope = m.scope
            and q.period_year = m.period_year
            and q.report_quarter = m.report_quarter
),

ytd_candidates as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        report_quarter,
        value,
        report_id,
        window_from,
        window_to,
        loaded_at,
        is_approximate,
        1 as priority
    from flow_values
    where is_cumulative and not is_basis_unknown
    union all
    select
        report_values.unit_key,
        indicators.ytd_base_code as indicator_code,
        report_values.scope,
        report_values.period_year,
        report_values.report_quarter,
        report_values.value,
        report_values.report_id,
        report_values.window_from,
        report_values.window_to,
        report_values.loaded_at,
        report_values.is_approximate,
        2 as priority
    from report_values
    inner join indicators
        on report_values.indicator_code = indicators.indicator_code
            and indicators.is_ytd_code
            and indicators.ytd_base_code is not null
),

ytd_points as (
    select distinct on (unit_key, indicator_code, scope, period_year, report_quarter)
        unit_key,
        indicator_code,
        scope,
        period_year,
        report_quarter,
        value,
        report_id,
        -- a `_ytd` twin shares its report's window end; its start is the year start by definition
        case when priority = 1 then window_from end as window_from,
        is_approximate
    from ytd_candidates
    order by unit_key asc, indicator_code asc, scope asc, period_year asc, report_quarter asc, priority asc, window_to desc, loaded_at desc
),

series as (
    select distinct
        unit_key,
        indicator_code,
        scope,
        period_year
    from (
        select
            unit_key,
            indicator_code,
            scope,
            period_year
        from direct_quarters
        union all
        select
            unit_key,
            indicator_code,
            scope,
            period_year
        from ytd_points
    ) as series_keys
),

grid as (
    select
        series.*,
        quarter_no
    from series
    cross join generate_series(1, 4) as quarter_no
),

observed as (
    select
        grid.unit_key,
        grid.indicator_code,
        grid.scope,
        grid.period_year,
        grid.quarter_no,
        direct_quarters.value as direct_value,
        direct_quarters.report_ids as direct_report_ids,
        direct_quarters.is_approximate as direct_is_approximate,
        ytd_points.value as ytd_observed,
        ytd_points.report_id as ytd_report_id,
        ytd_points.window_from as ytd_window_from,
        ytd_points.is_approximate as ytd_is_approximate
    from grid
    left join direct_quarters
        on
            grid.unit_key = direct_quarters.unit_key
            and grid.indicator_code = direct_quarters.indicator_code
            and grid.scope = direct_quarters.scope
            and grid.period_year = direct_quarters.period_year
            and grid.quarter_no = direct_quarters.report_quarter
    left join ytd_points
        on
            grid.unit_key = ytd_points.unit_key
            and grid.indicator_code = ytd_points.indicator_code
            and grid.scope = ytd_points.scope
            and grid.period_year = ytd_points.period_year
            and grid.quarter_no = ytd_points.report_quarter
),

with_ytd as (
    select
        observed.*,
        case
            when observed.quarter_no = 1 then coalesce(observed.ytd_observed, observed.direct_value)
            else coalesce(
                    observed.ytd_observed,
                    lag(observed.ytd_observed) over series_window + observed.direct_value
                )
        end as ytd_value
    from observed
    window series_window as (
        partition by observed.unit_key, observed.indicator_code, observed.scope, observed.period_year
        order by observed.quarter_no
    )
),

with_previous as (
    select
        with_ytd.*,
        lag(with_ytd.ytd_value) over series_window as previous_ytd_value,
        lag(with_ytd.ytd_report_id) over series_window as previous_ytd_report_id,
        lag(with_ytd.ytd_window_from) over series_window as previous_ytd_window_from,
        lag(with_ytd.ytd_is_approximate) over series_window as previous_ytd_is_approximate
    from with_ytd
    window series_window as (
        partition by with_ytd.unit_key, with_ytd.indicator_code, with_ytd.scope, with_ytd.period_year
        order by with_ytd.quarter_no
    )
),

derived as (
    select
        with_previous.*,
        case
            when with_previous.quarter_no > 1
                then with_previous.ytd_observed - with_previous.previous_ytd_value
        end as difference_value
    from with_previous
),

final as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        quarter_no,
        {{ quarter_key('period_year', 'quarter_no') }} as quarter_key,
        case
            when direct_value is not null then direct_value
            when quarter_no = 1 then ytd_value
            else difference_value
        end as value,
        case
            when direct_value is not null or quarter_no = 1 then 'reported'
            else 'derived'
        end as value_basis,
        ytd_value,
        previous_ytd_value,
        -- a direct quarter next to two year-to-date points: the difference is a check
        case when direct_value is not null then direct_value - difference_value end as derivation_gap,
        case
            when direct_value is not null then coalesce(direct_is_approximate, false)
            when quarter_no = 1 then coalesce(ytd_is_approximate, false)
            else
                coalesce(ytd_is_approximate, false)
                or coalesce(previous_ytd_is_approximate, false)
                or abs(coalesce(ytd_window_from - previous_ytd_window_from, 0))
                > {{ var('ytd_start_tolerance_days', 7) }}
        end as is_approximate,
        case
            when direct_value is not null then direct_report_ids
            when quarter_no = 1 then array_remove(array[ytd_report_id], null)
            else array_remove(array[previous_ytd_report_id, ytd_report_id], null)
        end as source_report_ids
    from derived
    where
        direct_value is not null
        or (quarter_no = 1 and ytd_value is not null)
        or difference_value is not null
),

published as (
    select
        final.*,
        not(final.value_basis = 'derived' and final.value < 0) as is_publishable
    from final
)

select * from published
