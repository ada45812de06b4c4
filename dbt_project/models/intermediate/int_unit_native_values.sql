-- One value per unit × native reporting period × code × scope, as the latest accepted submission of that unit
-- and native period stated it (rules.md §2: each report keeps its native period). Flows keep the report's own
-- window (a half-year report gives year-to-date values), stocks and statuses are as observed. Ratios and
-- identity totals are rebuilt from the same report's parts (as int_unit_quarter__recomputed does for
-- quarters); without parts the stated figure is the value, since it covers exactly this window. The stated
-- figure stays beside as reported_value. Reports whose period has no key (unknown, multi-year) have no row.
with report_values as (
    select * from {{ ref('int_unit_report_values') }}
    where period_key is not null
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

roles as (
    select
        indicator_code,
        part_code,
        'numerator' as part_role
    from indicators
    cross join lateral unnest(numerator_parts) as part_code
    where quarterly_method = 'ratio'
    union all
    select
        indicator_code,
        denominator_code as part_code,
        'denominator' as part_role
    from indicators
    where quarterly_method = 'ratio'
    union all
    select
        indicator_code,
        numerator_alternative_code as part_code,
        'alternative' as part_role
    from indicators
    where quarterly_method = 'ratio' and numerator_alternative_code is not null
    union all
    select
        indicator_code,
        part_code,
        'numerator' as part_role
    from indicators
    cross join lateral unnest(identity_parts) as part_code
    where quarterly_method = 'identity'
),

parts as (
    select
        roles.indicator_code,
        report_values.report_id,
        report_values.scope,
        count(*) filter (where roles.part_role = 'numerator') as n_numerator_parts,
        sum(report_values.value) filter (where roles.part_role = 'numerator') as numerator_sum,
        max(report_values.value) filter (where roles.part_role = 'alternative') as numerator_alternative,
        max(report_values.value) filter (where roles.part_role = 'denominator') as denominator_value,
        bool_or(report_values.is_approximate) as has_approximate_parts
    from roles
    inner join report_values on roles.part_code = report_values.indicator_code
    group by roles.indicator_code, report_values.report_id, report_values.scope
),

numerators as (
    select
        parts.*,
        indicators.quarterly_method,
        case
            when parts.n_numerator_parts = cardinality(
                    case when indicators.quarterly_method = 'ratio' then indicators.numerator_parts
                        else indicators.identity_parts
                    end
                )
                then parts.numerator_sum
            else parts.numerator_alternative
        end as numerator_value
    from parts
    inner join indicators on parts.indicator_code = indicators.indicator_code
),

reports as (
    select distinct on (report_id)
        report_id,
        unit_key,
        period_key,
        period_type,
        period_year,
        quarter_key,
        batch_quarter,
        is_cumulative,
        window_from,
        window_to
    from report_values
    order by report_id
),

-- every report × scope × code with a stated value or rebuildable parts
candidates as (
    select
        report_values.report_id,
        report_values.scope,
        report_values.indicator_code
    from report_values
    union
    select
        numerators.report_id,
        numerators.scope,
        numerators.indicator_code
    from numerators
),

combined as (
    select
        candidates.report_id,
        candidates.scope,
        candidates.indicator_code,
        indicators.quarterly_method,
        stated.value as reported_value,
        coalesce(stated.is_approximate, false) as stated_is_approximate,
        numerators.numerator_value,
        numerators.denominator_value,
        coalesce(numerators.has_approximate_parts, false) as has_approximate_parts
    from candidates
    inner join indicators on candidates.indicator_code = indicators.indicator_code
    left join report_values as stated
        on
            candidates.report_id = stated.report_id
            and candidates.scope = stated.scope
            and candidates.indicator_code = stated.indicator_code
    left join numerators
        on
            indicators.quarterly_method in ('ratio', 'identity')
            and candidates.report_id = numerators.report_id
            and candidates.scope = numerators.scope
            and candidates.indicator_code = numerators.indicator_code
),

valued as (
    select
        combined.*,
        (
            combined.quarterly_method = 'ratio'
            and combined.denominator_value > 0
            and combined.numerator_value is not null
        ) or (
            combined.quarterly_method = 'identity' and combined.numerator_value is not null
        ) as is_recomputed
    from combined
),

final as (
    select
        reports.unit_key,
        reports.period_key,
        valued.indicator_code,
        valued.scope,
        reports.report_id,
        reports.period_type,
        reports.period_year,
        reports.quarter_key,
        reports.batch_quarter,
        reports.is_cumulative,
        reports.window_from,
        reports.window_to,
        valued.quarterly_method,
        case
            when valued.is_recomputed and valued.quarterly_method = 'ratio'
                then {{ safe_pct('valued.numerator_value', 'valued.denominator_value') }}
            when valued.is_recomputed then valued.numerator_value
            else valued.reported_value
        end as value,
        case when valued.is_recomputed then 'recomputed' else 'reported' end as value_basis,
        valued.reported_value,
        case when valued.is_recomputed then valued.numerator_value end as numerator_value,
        case
            when valued.is_recomputed and valued.quarterly_method = 'ratio' then valued.denominator_value
        end as denominator_value,
        case
            when valued.is_recomputed then valued.has_approximate_parts
            else valued.stated_is_approximate
        end as is_approximate,
        valued.is_recomputed or valued.reported_value is not null as is_publishable
    from valued
    inner join reports on valued.report_id = reports.report_id
)

select * from final
where value is not null or reported_value is not null
