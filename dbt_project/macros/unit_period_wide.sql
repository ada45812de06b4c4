{#- A wide domain fact: one row per unit × quarter × scope with one column per code (the consolidated,
    publishable quarterly value). Each rate in rate_codes gets two columns: <code> recomputed from the
    consolidated counts and <code>_reported, the rate as stated by the latest report filed under the quarter. -#}
{% macro unit_quarter_wide(codes, rate_codes) -%}
    {%- set all_codes = codes + rate_codes -%}
with unit_values as (
    select * from {{ ref('int_unit_quarter_values') }}
    where indicator_code in ({% for code in all_codes %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor %})
),

units as (
    select * from {{ ref('int_reporting_units') }}
),

pivoted as (
    select
        unit_key,
        quarter_key,
        scope,
        max(period_year) as period_year,
        max(quarter_no) as quarter_no,
    {%- for code in codes %}
        max(value) filter (where indicator_code = '{{ code }}' and is_publishable) as {{ code }},
    {%- endfor %}
    {%- for code in rate_codes %}
        max(value) filter (where indicator_code = '{{ code }}' and is_publishable) as {{ code }},
        max(latest_stated_value) filter (where indicator_code = '{{ code }}') as {{ code }}_reported,
    {%- endfor %}
        coalesce(bool_or(has_derived_inputs) filter (where is_publishable), false) as has_derived_values,
        coalesce(bool_or(is_approximate) filter (where is_publishable), false) as has_approximate_values
    from unit_values
    group by unit_key, quarter_key, scope
),

final as (
    select
        pivoted.unit_key,
        pivoted.quarter_key,
        pivoted.scope,
        units.province,
        units.unit_level,
        pivoted.period_year::integer as period_year,
        pivoted.quarter_no::integer as quarter_no,
    {%- for code in codes %}
        pivoted.{{ code }},
    {%- endfor %}
    {%- for code in rate_codes %}
        pivoted.{{ code }},
        pivoted.{{ code }}_reported,
    {%- endfor %}
        pivoted.has_derived_values,
        pivoted.has_approximate_values
    from pivoted
    inner join units on pivoted.unit_key = units.unit_key
)

select * from final
{%- endmacro %}
