-- Who reported for each quarter: every expected unit of a province (listed, alive during the quarter, not
-- the province itself) in each quarter the province sent at least one report, plus every unlisted unit that
-- sent one. A report is late when its signing date is after the due day of the quarter's last month plus
-- the grace period; undated reports cannot be judged.
with reports as (
    select * from {{ ref('int_reports__submissions') }}
    where quarter_key is not null
),

units as (
    select * from {{ ref('dim_reporting_unit') }}
),

periods as (
    select * from {{ ref('dim_period') }}
    where period_type = 'quarter'
),

reports_located as (
    select
        reports.*,
        units.province
    from reports
    inner join units on reports.unit_key = units.unit_key
),

province_quarters as (
    select distinct
        province,
        quarter_key
    from reports_located
),

expected as (
    select
        units.unit_key,
        province_quarters.quarter_key
    from units
    inner join province_quarters on units.province = province_quarters.province
    inner join periods on province_quarters.quarter_key = periods.period_key
    where
        units.is_expected_reporter
        and coalesce(units.valid_from, '-infinity'::date) <= periods.calendar_to
        and coalesce(units.valid_to, 'infinity'::date) >= periods.calendar_from
),

received as (
    select
        unit_key,
        quarter_key,
        count(*) as n_reports,
        count(*) filter (where is_eligible) as n_reports_usable,
        count(*) filter (where report_gate_status = 'rejected') as n_reports_rejected,
        min(report_date) as first_report_date,
        min(loaded_at) as first_loaded_at,
        array_agg(report_id order by loaded_at) as report_ids
    from reports
    group by unit_key, quarter_key
),

unit_quarters as (
    select
        unit_key,
        quarter_key
    from expected
    union
    select
        unit_key,
        quarter_key
    from received
),

due_dates as (
    select
        quarter_key,
        (
            make_date(
                left(quarter_key, 4)::integer,
                3 * right(quarter_key, 1)::integer,
                {{ var('report_due_day', 20) }}
            ) + {{ var('report_grace_days', 0) }}
        )::date as due_date
    from unit_quarters
    group by quarter_key
),

final as (
    select
        unit_quarters.quarter_key,
        unit_quarters.unit_key,
        units.province,
        units.unit_level,
        units.is_listed,
        expected.unit_key is not null as is_expected,
        coalesce(received.n_reports, 0)::integer as n_reports,
        coalesce(received.n_reports_usable, 0)::integer as n_reports_usable,
        coalesce(received.n_reports_rejected, 0)::integer as n_reports_rejected,
        coalesce(received.report_ids, '{}') as report_ids,
        received.first_report_date,
        received.first_loaded_at,
        due.due_date,
        case
            when received.first_report_date is not null
                then received.first_report_date > due.due_date
        end as is_late,
        case
            when not units.is_listed then 'unlisted_unit'
            when received.unit_key is null then 'missing'
            when received.first_report_date is null then 'received_undated'
            when received.first_report_date > due.due_date then 'late'
            else 'on_time'
        end as coverage_status
    from unit_quarters
    inner join units on unit_quarters.unit_key = units.unit_key
    inner join due_dates as due on unit_quarters.quarter_key = due.quarter_key
    left join expected
        on unit_quarters.unit_key = expected.unit_key and unit_quarters.quarter_key = expected.quarter_key
    left join received
        on unit_quarters.unit_key = received.unit_key and unit_quarters.quarter_key = received.quarter_key
)

select * from final
