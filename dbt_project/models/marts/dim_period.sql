-- Reporting periods: quarters, half years, N months from the year start, years and months, with the
-- calendar span, the default data window of Nghị định 09/2019 (15th of the month before → 14th of the last
-- month; the year starts on 15/12 of the previous year), the report due date and the filing quarter
-- (rules.md §2.2–2.4).
with report_years as (
    select
        min(reports.period_year) as first_year,
        max(reports.period_year) as last_year
    from {{ ref('stg_raw__reports') }} as reports
),

years as (
    select series.year_no::integer as year_no
    from report_years
    cross join generate_series(
        least({{ var('period_first_year', 2018) }}, report_years.first_year),
        greatest({{ var('period_last_year', 2030) }}, report_years.last_year)
    ) as series (year_no)
),

spans as (
    select
        years.year_no,
        'quarter' as period_type,
        quarter_no,
        null::integer as half_year_no,
        3 * quarter_no - 2 as month_from,
        3 * quarter_no as month_to,
        years.year_no::text || 'Q' || quarter_no::text as period_key
    from years
    cross join generate_series(1, 4) as quarter_no
    union all
    select
        years.year_no,
        'half_year' as period_type,
        null::integer as quarter_no,
        half_no as half_year_no,
        6 * half_no - 5 as month_from,
        6 * half_no as month_to,
        years.year_no::text || 'H' || half_no::text as period_key
    from years
    cross join generate_series(1, 2) as half_no
    union all
    select
        years.year_no,
        'months_ytd' as period_type,
        null::integer as quarter_no,
        null::integer as half_year_no,
        1 as month_from,
        n_months as month_to,
        years.year_no::text || 'M01-' || lpad(n_months::text, 2, '0') as period_key
    from years
    cross join generate_series(1, 12) as n_months
    union all
    select
        years.year_no,
        'year' as period_type,
        null::integer as quarter_no,
        null::integer as half_year_no,
        1 as month_from,
        12 as month_to,
        years.year_no::text || 'Y' as period_key
    from years
    union all
    select
        years.year_no,
        'month' as period_type,
        null::integer as quarter_no,
        null::integer as half_year_no,
        month_no as month_from,
        month_no as month_to,
        years.year_no::text || 'M' || lpad(month_no::text, 2, '0') as period_key
    from years
    cross join generate_series(1, 12) as month_no
),

dated as (
    select
        spans.*,
        spans.month_to - spans.month_from + 1 as n_months,
        array(select generate_series(spans.month_from, spans.month_to)) as months_covered,
        spans.month_from = 1 as is_cumulative,
        make_date(spans.year_no, spans.month_from, 1) as calendar_from,
        (make_date(spans.year_no, spans.month_to, 1) + interval '1 month' - interval '1 day')::date
            as calendar_to,
        (make_date(spans.year_no, spans.month_from, 15) - interval '1 month')::date as default_window_from,
        make_date(spans.year_no, spans.month_to, 14) as default_window_to,
        (
            make_date(spans.year_no, spans.month_to, {{ var('report_due_day', 20) }})
            + {{ var('report_grace_days', 0) }}
        )::date as report_due_date,
        -- rules §2.4: filed under the quarter whose nominal end (14/3, 14/6, 14/9, 14/12) lies within 31 days
        -- of the window end; with default windows that is the quarter of the last month, or the previous
        -- one for a window ending in the month after a quarter; months are parts of their own quarter
        case
            when spans.period_type = 'month' then (spans.month_to + 2) / 3
            when spans.month_to % 3 = 1 and spans.month_to > 1 then (spans.month_to - 1) / 3
            else (spans.month_to + 2) / 3
        end as filing_quarter_no
    from spans
),

final as (
    select
        period_key,
        period_type,
        year_no as period_year,
        quarter_no,
        half_year_no,
        month_from,
        month_to,
        n_months,
        months_covered,
        is_cumulative,
        calendar_from,
        calendar_to,
        default_window_from,
        default_window_to,
        report_due_date,
        year_no::text || 'Q' || filing_quarter_no::text as filing_quarter_key,
        case
            when period_type = 'quarter' and quarter_no = 1 then (year_no - 1)::text || 'Q4'
            when period_type = 'quarter' then year_no::text || 'Q' || (quarter_no - 1)::text
        end as previous_quarter_key
    from dated
)

select * from final
