-- Every extracted fact with its report, unit, periods and gate verdict. A fact the gate has not judged is
-- 'unchecked' and, like a rejected one, never reaches the consolidated marts; it stays visible here.
with facts as (
    select * from {{ ref('stg_raw__facts') }}
),

reports as (
    select * from {{ ref('int_reports__submissions') }}
),

statuses as (
    select * from {{ ref('stg_quality__fact_statuses') }}
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

joined as (
    select
        facts.fact_id,
        facts.report_id,
        facts.fact_ordinal,
        row_number() over (
            partition by facts.report_id, facts.indicator_code, facts.scope
            order by facts.fact_ordinal, facts.fact_id
        )::integer as occurrence,
        facts.batch_quarter,
        facts.indicator_code,
        indicators.indicator_code is not null as is_known_indicator,
        indicators.kind,
        indicators.consolidation,
        facts.scope,
        facts.value,
        facts.unit,
        facts.source_kind,
        facts.line_no,
        facts.locator,
        facts.snippet,
        facts.note,
        coalesce(statuses.gate_status, 'unchecked') as gate_status,
        coalesce(statuses.rule_ids, '{}') as rule_ids,
        statuses.reason_en as gate_reason,
        statuses.checked_at,
        reports.unit_key,
        reports.file_name,
        reports.period_key,
        reports.quarter_key,
        reports.partition_key,
        reports.period_type,
        reports.period_year,
        reports.report_quarter,
        reports.is_cumulative,
        reports.window_from,
        reports.window_to,
        reports.report_gate_status,
        reports.is_latest_submission,
        reports.submission_number,
        facts.loaded_at
    from facts
    inner join reports on facts.report_id = reports.report_id
    left join statuses on facts.fact_id = statuses.fact_id
    left join indicators on facts.indicator_code = indicators.indicator_code
),

final as (
    select
        joined.*,
        'W9' = any(joined.rule_ids) as is_approximate,
        (joined.indicator_code = 'tthc_cases_received' and 'W4' = any(joined.rule_ids)) as is_basis_unknown,
        (
            joined.gate_status in ('accepted', 'warning')
            and joined.report_gate_status <> 'rejected'
            and joined.is_latest_submission
            and joined.is_known_indicator
        ) as is_publishable
    from joined
)

select * from final
