-- Which unit values make up a province-wide figure (indicators.md §1.5, rules.md H9), for codes that are
-- summed (flows, stocks, identity totals) and for recomputed ratios (their numerator and denominator are
-- summed, the rate is rebuilt later). Provincial bodies count with their own figures (scope all), each
-- district once, and communes only when their district's figure does not already include them: a district
-- `all` figure (or its commune_level tier) covers its communes, whose own reports are listed here with
-- is_counted = false and never added on top. Tier figures of provincial reports (province_level, center)
-- overlap the bodies' own figures and are not added.
with unit_values as (
    select * from {{ ref('int_unit_quarter_values') }}
    where
        is_summable
        and (
            province_method = 'sum'
            or (
                province_method = 'ratio' and value_basis = 'recomputed'
                and numerator_value is not null and denominator_value > 0
            )
        )
),

units as (
    select * from {{ ref('int_reporting_units') }}
),

-- not materialized: the planner then sees the tables' row counts (a materialized CTE is estimated at a few
-- rows, which made the commune/district join a nested loop: 460 s at 40 quarters × 150 units, 3 s without)
located as not materialized (
    select
        unit_values.unit_key,
        unit_values.indicator_code,
        unit_values.scope,
        unit_values.quarter_key,
        unit_values.province_method,
        case when unit_values.province_method = 'ratio' then null else unit_values.value end as value,
        unit_values.numerator_value,
        unit_values.denominator_value,
        unit_values.has_derived_inputs as is_derived,
        unit_values.is_approximate,
        units.unit_level,
        units.province,
        units.parent_unit_key
    from unit_values
    inner join units on unit_values.unit_key = units.unit_key
),

province_bodies as (
    select
        province,
        quarter_key,
        indicator_code,
        unit_key,
        unit_level,
        'provincial_body' as contribution_role,
        value,
        numerator_value,
        denominator_value,
        is_derived,
        is_approximate,
        true as is_counted,
        null::text as excluded_because
    from located
    where unit_level in ('province_department', 'province_office') and scope = 'all'
),

district_tiers as (
    select
        province,
        quarter_key,
        indicator_code,
        unit_key,
        bool_or(scope = 'all') as has_all,
        bool_or(scope = 'district_level') as has_district_level,
        bool_or(scope = 'commune_level') as has_commune_level,
        max(value) filter (where scope = 'all') as value_all,
        max(numerator_value) filter (where scope = 'all') as numerator_all,
        max(denominator_value) filter (where scope = 'all') as denominator_all,
        sum(value) filter (where scope in ('district_level', 'commune_level')) as value_tiers,
        sum(numerator_value) filter (where scope in ('district_level', 'commune_level')) as numerator_tiers,
        sum(denominator_value) filter (where scope in ('district_level', 'commune_level')) as denominator_tiers,
        bool_or(is_derived) as is_derived,
        bool_or(is_approximate) as is_approximate
    from located
    where unit_level = 'district' and scope in ('all', 'district_level', 'commune_level')
    group by province, quarter_key, indicator_code, unit_key
),

districts as (
    select
        province,
        quarter_key,
        indicator_code,
        unit_key,
        'district' as unit_level,
        case
            when has_all then 'district_all'
            when has_commune_level then 'district_tiers'
            else 'district_level_only'
        end as contribution_role,
        case when has_all then value_all else value_tiers end as value,
        case when has_all then numerator_all else numerator_tiers end as numerator_value,
        case when has_all then denominator_all else denominator_tiers end as denominator_value,
        is_derived,
        is_approximate,
        true as is_counted,
        null::text as excluded_because,
        (has_all or has_commune_level) as covers_communes
    from district_tiers
),

communes as (
    select
        located.province,
        located.quarter_key,
        located.indicator_code,
        located.unit_key,
        located.unit_level,
        'commune' as contribution_role,
        located.value,
        located.numerator_value,
        located.denominator_value,
        located.is_derived,
        located.is_approximate,
        not coalesce(districts.covers_communes, false) as is_counted,
        case
            when districts.covers_communes then 'included in the figure of ' || districts.unit_key
        end as excluded_because
    from located
    left join districts
        on
            located.parent_unit_key = districts.unit_key
            and located.quarter_key = districts.quarter_key
            and located.indicator_code = districts.indicator_code
    where located.unit_level = 'commune' and located.scope = 'all'
),

final as (
    select * from province_bodies
    union all
    select
        province,
        quarter_key,
        indicator_code,
        unit_key,
        unit_level,
        contribution_role,
        value,
        numerator_value,
        denominator_value,
        is_derived,
        is_approximate,
        is_counted,
        excluded_because
    from districts
    union all
    select * from communes
)

select * from final
