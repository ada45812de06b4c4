-- Province-wide quarterly values per province × quarter × indicator. Summed codes add the non-overlapping
-- units of int_province_quarter__contributions (a district figure that includes its communes is never added
-- to those communes' reports); recomputed ratios are rebuilt from the summed numerators and denominators,
-- never averaged; `none` codes (shared lists, statuses, scores) are never summed across units and come from
-- the provincial report (the province's own report, else the provincial office's province_level figure).
with contributions as (
    select * from {{ ref('int_province_quarter__contributions') }}
),

unit_values as (
    select * from {{ ref('int_unit_quarter_values') }}
    where is_publishable
),

units as (
    select * from {{ ref('dim_reporting_unit') }}
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

provinces as (
    select distinct on (province)
        province,
        province_unit_key
    from units
    order by province asc, (unit_level = 'province') desc, province_unit_key nulls last
),

summed as (
    select
        province,
        quarter_key,
        indicator_code,
        sum(value) filter (where is_counted) as summed_value,
        sum(numerator_value) filter (where is_counted) as numerator_value,
        sum(denominator_value) filter (where is_counted) as denominator_value,
        count(*) filter (where is_counted) as n_units_counted,
        count(*) filter (where not is_counted) as n_units_excluded,
        coalesce(array_agg(unit_key order by unit_key) filter (where is_counted), '{}') as counted_unit_keys,
        coalesce(array_agg(unit_key order by unit_key) filter (where not is_counted), '{}') as excluded_unit_keys,
        coalesce(bool_or(is_derived) filter (where is_counted), false) as has_derived_inputs,
        coalesce(bool_or(is_approximate) filter (where is_counted), false) as is_approximate
    from contributions
    group by province, quarter_key, indicator_code
),

provincial_reports as (
    select distinct on (units.province, unit_values.quarter_key, unit_values.indicator_code)
        units.province,
        unit_values.quarter_key,
        unit_values.indicator_code,
        unit_values.value,
        unit_values.unit_key,
        unit_values.has_derived_inputs,
        unit_values.is_approximate
    from unit_values
    inner join units on unit_values.unit_key = units.unit_key
    where
        (units.unit_level = 'province' and unit_values.scope in ('all', 'province_level'))
        or (units.unit_level = 'province_office' and unit_values.scope = 'province_level')
    order by
        units.province, unit_values.quarter_key, unit_values.indicator_code,
        (units.unit_level = 'province') desc, (unit_values.scope = 'all') desc
),

keys as (
    select
        province,
        quarter_key,
        indicator_code
    from summed
    union
    select
        province,
        quarter_key,
        indicator_code
    from provincial_reports
),

final as (
    select
        keys.province,
        provinces.province_unit_key,
        keys.quarter_key,
        left(keys.quarter_key, 4)::integer as period_year,
        right(keys.quarter_key, 1)::integer as quarter_no,
        keys.indicator_code,
        indicators.unit,
        indicators.kind,
        indicators.consolidation,
        indicators.province_method,
        case indicators.province_method
            when 'sum' then summed.summed_value
            when 'ratio' then {{ safe_pct('summed.numerator_value', 'summed.denominator_value') }}
            else provincial_reports.value
        end as value,
        case indicators.province_method
            when 'sum' then 'summed'
            when 'ratio' then 'recomputed'
            else 'provincial_report'
        end as value_basis,
        case when indicators.province_method = 'ratio' then summed.numerator_value end as numerator_value,
        case when indicators.province_method = 'ratio' then summed.denominator_value end as denominator_value,
        coalesce(summed.n_units_counted, 0)::integer as n_units_counted,
        coalesce(summed.n_units_excluded, 0)::integer as n_units_excluded,
        coalesce(summed.counted_unit_keys, '{}') as counted_unit_keys,
        coalesce(summed.excluded_unit_keys, '{}') as excluded_unit_keys,
        case
            when indicators.province_method = 'provincial_report'
                then coalesce(provincial_reports.has_derived_inputs, false)
            else coalesce(summed.has_derived_inputs, false)
        end as has_derived_inputs,
        case
            when indicators.province_method = 'provincial_report'
                then coalesce(provincial_reports.is_approximate, false)
            else coalesce(summed.is_approximate, false)
        end as is_approximate,
        provincial_reports.value as provincial_report_value,
        provincial_reports.unit_key as provincial_report_unit_key
    from keys
    inner join indicators on keys.indicator_code = indicators.indicator_code
    left join summed
        on
            keys.province = summed.province
            and keys.quarter_key = summed.quarter_key
            and keys.indicator_code = summed.indicator_code
    left join provincial_reports
        on
            keys.province = provincial_reports.province
            and keys.quarter_key = provincial_reports.quarter_key
            and keys.indicator_code = provincial_reports.indicator_code
    left join provinces on keys.province = provinces.province
)

select * from final
where value is not null
