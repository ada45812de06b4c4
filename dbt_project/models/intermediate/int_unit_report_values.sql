-- One publishable value per report × indicator × scope. When a report states the same quantity twice
-- (narrative and appendix, rules.md W5), the appendix value is used, then the first passage.
with facts as (
    select * from {{ ref('int_facts__audited') }}
    where is_publishable
),

ranked as (
    select
        facts.*,
        row_number() over (
            partition by facts.report_id, facts.indicator_code, facts.scope
            order by (facts.source_kind = 'appendix') desc, facts.line_no, facts.fact_ordinal asc
        ) as passage_rank,
        count(*) over (partition by facts.report_id, facts.indicator_code, facts.scope) as n_passages
    from facts
),

final as (
    select
        report_id,
        fact_id,
        unit_key,
        indicator_code,
        scope,
        value,
        period_key,
        period_type,
        period_year,
        report_quarter,
        quarter_key,
        is_cumulative,
        window_from,
        window_to,
        batch_quarter,
        loaded_at,
        is_approximate,
        is_basis_unknown,
        n_passages::integer as n_passages
    from ranked
    where passage_rank = 1
)

select * from final
