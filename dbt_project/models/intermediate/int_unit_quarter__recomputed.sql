-- Ratios and identity totals rebuilt from the unit's consolidated quarterly parts, never averaged or
-- differenced (rules.md §2.6): rate = 100 × numerator / denominator, total = sum of its identity parts.
-- A multi-part numerator may come from its one-code alternative (early + on_time ← early_or_on_time).
-- Without parts, only a rate stated for exactly that quarter (a quarterly report) is used.
with flows as (
    select * from {{ ref('int_unit_quarter__flows') }}
),

latest as (
    select * from {{ ref('int_unit_quarter__latest') }}
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

part_values as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        quarter_no,
        quarter_key,
        value,
        value_basis,
        is_approximate,
        source_report_ids
    from flows
    where is_publishable
    union all
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        quarter_no,
        quarter_key,
        value,
        value_basis,
        is_approximate,
        source_report_ids
    from latest
    where quarterly_method in ('latest', 'stock_at_start') and value is not null
),

roles as (
    select
        indicator_code,
        quarterly_method,
        part_code,
        'numerator' as part_role
    from indicators
    cross join lateral unnest(numerator_parts) as part_code
    where quarterly_method = 'ratio'
    union all
    select
        indicator_code,
        quarterly_method,
        denominator_code as part_code,
        'denominator' as part_role
    from indicators
    where quarterly_method = 'ratio'
    union all
    select
        indicator_code,
        quarterly_method,
        numerator_alternative_code as part_code,
        'alternative' as part_role
    from indicators
    where quarterly_method = 'ratio' and numerator_alternative_code is not null
    union all
    select
        indicator_code,
        quarterly_method,
        part_code,
        'numerator' as part_role
    from indicators
    cross join lateral unnest(identity_parts) as part_code
    where quarterly_method = 'identity'
),

parts as (
    select
        roles.indicator_code,
        roles.quarterly_method,
        part_values.unit_key,
        part_values.scope,
        part_values.period_year,
        part_values.quarter_no,
        part_values.quarter_key,
        count(*) filter (where roles.part_role = 'numerator') as n_numerator_parts,
        sum(part_values.value) filter (where roles.part_role = 'numerator') as numerator_sum,
        max(part_values.value) filter (where roles.part_role = 'alternative') as numerator_alternative,
        max(part_values.value) filter (where roles.part_role = 'denominator') as denominator_value,
        bool_or(part_values.value_basis = 'derived') as has_derived_parts,
        bool_or(part_values.is_approximate) as has_approximate_parts,
        string_agg(array_to_string(part_values.source_report_ids, ','), ',') as source_report_list
    from roles
    inner join part_values on roles.part_code = part_values.indicator_code
    group by
        roles.indicator_code, roles.quarterly_method, part_values.unit_key, part_values.scope,
        part_values.period_year, part_values.quarter_no, part_values.quarter_key
),

numerators as (
    select
        parts.*,
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

stated as (
    select latest.*
    from latest
    where latest.quarterly_method in ('ratio', 'identity')
),

combined as (
    select
        coalesce(numerators.unit_key, stated.unit_key) as unit_key,
        coalesce(numerators.indicator_code, stated.indicator_code) as indicator_code,
        coalesce(numerators.scope, stated.scope) as scope,
        coalesce(numerators.period_year, stated.period_year) as period_year,
        coalesce(numerators.quarter_no, stated.quarter_no) as quarter_no,
        coalesce(numerators.quarter_key, stated.quarter_key) as quarter_key,
        coalesce(numerators.quarterly_method, stated.quarterly_method) as quarterly_method,
        numerators.numerator_value,
        numerators.denominator_value,
        numerators.has_derived_parts,
        numerators.has_approximate_parts,
        array(
            select distinct report_id
            from unnest(string_to_array(numerators.source_report_list, ',')) as report_id
            order by report_id
        ) as part_report_ids,
        stated.reported_value,
        stated.reported_report_id,
        stated.covers_quarter_only,
        stated.is_approximate as stated_is_approximate
    from numerators
    full outer join stated
        on
            numerators.unit_key = stated.unit_key
            and numerators.indicator_code = stated.indicator_code
            and numerators.scope = stated.scope
            and numerators.quarter_key = stated.quarter_key
),

final as (
    select
        unit_key,
        indicator_code,
        scope,
        period_year,
        quarter_no,
        quarter_key,
        quarterly_method,
        numerator_value,
        denominator_value,
        reported_value,
        case
            when quarterly_method = 'ratio' and denominator_value > 0 and numerator_value is not null
                then {{ safe_pct('numerator_value', 'denominator_value') }}
            when quarterly_method = 'identity' and numerator_value is not null
                then numerator_value
            when covers_quarter_only then reported_value
        end as value,
        case
            when quarterly_method = 'ratio' and denominator_value > 0 and numerator_value is not null
                then 'recomputed'
            when quarterly_method = 'identity' and numerator_value is not null
                then 'recomputed'
            when covers_quarter_only then 'reported'
        end as value_basis,
        coalesce(has_derived_parts, false) as has_derived_parts,
        case
            when numerator_value is not null then coalesce(has_approximate_parts, false)
            else coalesce(stated_is_approximate, false)
        end as is_approximate,
        case
            when numerator_value is not null and (quarterly_method = 'identity' or denominator_value > 0)
                then part_report_ids
            else array_remove(array[reported_report_id], null)
        end as source_report_ids
    from combined
)

select * from final
where value is not null or reported_value is not null
