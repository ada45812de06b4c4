-- One row per report with its unit, its periods and its place among the submissions of the same unit and
-- native period. A resubmission (a later load for the same unit and period) wins; earlier ones stay
-- queryable with is_latest_submission = false. Only reports the gate has looked at and not rejected compete.
with reports as (
    select * from {{ ref('stg_raw__reports') }}
),

matched as (
    select * from {{ ref('int_reports__units_matched') }}
),

report_statuses as (
    select * from {{ ref('stg_quality__report_statuses') }}
),

fact_checks as (
    select
        report_id,
        count(*) as n_facts_checked
    from {{ ref('stg_quality__fact_statuses') }}
    group by report_id
),

periods as (
    select
        reports.*,
        matched.unit_key,
        matched.is_unit_listed,
        matched.unit_match_method,
        {{ quarter_key('reports.period_year', 'reports.report_quarter') }} as quarter_key,
        {{ native_period_key('reports.period_type', 'reports.period_year',
            'coalesce(reports.period_quarter, reports.report_quarter)', 'reports.months_covered') }} as period_key,
        coalesce(report_statuses.gate_status, 'unchecked') as report_gate_status,
        coalesce(report_statuses.rule_ids, '{}') as report_rule_ids,
        report_statuses.reason_en as report_gate_reason,
        coalesce(fact_checks.n_facts_checked, 0) as n_facts_checked
    from reports
    inner join matched on reports.report_id = matched.report_id
    left join report_statuses on reports.report_id = report_statuses.report_id
    left join fact_checks on reports.report_id = fact_checks.report_id
),

grouped as (
    select
        periods.*,
        periods.unit_key || '|' || coalesce(
            periods.period_key,
            periods.period_type || ':' || coalesce(periods.window_from::text, '')
            || '..' || coalesce(periods.window_to::text, '')
        ) as submission_group,
        (
            periods.report_gate_status in ('accepted', 'warning')
            or (periods.report_gate_status = 'unchecked' and periods.n_facts_checked > 0)
        ) as is_eligible
    from periods
),

ranked as (
    select
        grouped.*,
        row_number() over (
            partition by grouped.submission_group
            order by grouped.is_eligible desc, grouped.loaded_at desc, grouped.report_id desc
        ) as latest_rank,
        row_number() over (
            partition by grouped.submission_group
            order by grouped.loaded_at asc, grouped.report_id asc
        ) as submission_number,
        count(*) over (partition by grouped.submission_group) as n_submissions
    from grouped
),

final as (
    select
        report_id,
        file_id,
        file_name,
        batch_quarter,
        unit_key,
        is_unit_listed,
        unit_match_method,
        reporting_unit_name,
        reported_unit_level,
        reported_province,
        reported_district,
        period_label,
        period_type,
        period_year,
        period_quarter,
        months_covered,
        window_from,
        window_to,
        window_source,
        coalesce(is_cumulative, false) as is_cumulative,
        report_quarter,
        quarter_key,
        period_key,
        report_date,
        loaded_at,
        report_gate_status,
        report_rule_ids,
        report_gate_reason,
        is_eligible,
        submission_group,
        submission_number::integer as submission_number,
        n_submissions::integer as n_submissions,
        (is_eligible and latest_rank = 1) as is_latest_submission,
        -- incremental partition of fct_indicator_values: the filing quarter, else the year's auxiliary bucket
        coalesce(quarter_key, period_year::text || 'X', 'unknown') as partition_key
    from ranked
)

select * from final
