{#- A wide domain fact: one row per unit × period × scope with one column per code, at two period grains
    (period_grain):
    * 'quarter': period_key is a warehouse quarter 'YYYYQn' and the values are the consolidated, publishable
      quarterly values of int_unit_quarter_values (a direct quarter, a year-to-date difference, the latest
      stock, ratios rebuilt from the consolidated parts);
    * 'native': period_key is the report's own period (dim_period: 'YYYYQn', 'YYYYH1|H2', 'YYYYM01-NN', 'YYYYY',
      'YYYYMmm') and the values are those of the latest accepted submission of the unit for that period
      (int_unit_native_values: flows as the report's own, e.g. year-to-date, values; stocks as observed;
      ratios rebuilt from the same report's parts).
    A direct quarterly report therefore appears twice, once per grain, usually with the same values.
    Each rate in rate_codes gets two columns: <code> (recomputed) and <code>_reported, the rate as stated
    (quarter rows: by the latest report filed under the quarter; native rows: by the row's report). -#}
{% macro unit_period_wide(codes, rate_codes) -%}
    {%- set all_codes = codes + rate_codes -%}
with quarter_values as (
    select * from {{ ref('int_unit_quarter_values') }}
    where indicator_code in ({% for code in all_codes %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor %})
),

native_values as (
    select * from {{ ref('int_unit_native_values') }}
    where indicator_code in ({% for code in all_codes %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor %})
),

units as (
    select * from {{ ref('int_reporting_units') }}
),

quarters as (
    select * from {{ ref('dim_period') }}
    where period_type = 'quarter'
),

unioned as (
    select
        unit_key,
        'quarter' as period_grain,
        quarter_key as period_key,
        scope,
        indicator_code,
        value,
        latest_stated_value as reported_value,
        has_derived_inputs,
        is_approximate,
        is_publishable
    from quarter_values
    union all
    select
        unit_key,
        'native' as period_grain,
        period_key,
        scope,
        indicator_code,
        value,
        reported_value,
        false as has_derived_inputs,
        is_approximate,
        is_publishable
    from native_values
),

-- the report behind each native row (one latest submission per unit × native period)
native_reports as (
    select distinct on (unit_key, period_key)
        unit_key,
        period_key,
        report_id,
        period_type,
        period_year,
        quarter_key,
        batch_quarter,
        window_from,
        window_to
    from native_values
    order by unit_key asc, period_key asc, window_to desc, report_id asc
),

pivoted as (
    select
        unit_key,
        period_grain,
        period_key,
        scope,
    {%- for code in codes %}
        max(value) filter (where indicator_code = '{{ code }}' and is_publishable) as {{ code }},
    {%- endfor %}
    {%- for code in rate_codes %}
        max(value) filter (where indicator_code = '{{ code }}' and is_publishable) as {{ code }},
        max(reported_value) filter (where indicator_code = '{{ code }}') as {{ code }}_reported,
    {%- endfor %}
        coalesce(bool_or(has_derived_inputs) filter (where is_publishable), false) as is_derived,
        coalesce(bool_or(is_approximate) filter (where is_publishable), false) as has_approximate_values
    from unioned
    group by unit_key, period_grain, period_key, scope
),

final as (
    select
        pivoted.unit_key,
        pivoted.period_key,
        pivoted.period_grain,
        pivoted.scope,
        units.province,
        units.unit_level,
        coalesce(native_reports.period_type, 'quarter') as period_type,
        case
            when pivoted.period_grain = 'quarter' then pivoted.period_key
            else native_reports.quarter_key
        end as quarter_key,
        coalesce(native_reports.period_year, quarters.period_year)::integer as period_year,
        case
            when pivoted.period_grain = 'quarter' then quarters.quarter_no
            else right(native_reports.quarter_key, 1)::integer
        end as quarter_no,
        coalesce(native_reports.window_from, quarters.default_window_from) as window_from,
        coalesce(native_reports.window_to, quarters.default_window_to) as window_to,
        native_reports.report_id,
        case
            when pivoted.period_grain = 'quarter' then pivoted.period_key
            else native_reports.batch_quarter
        end as batch_quarter,
    {%- for code in codes %}
        pivoted.{{ code }},
    {%- endfor %}
    {%- for code in rate_codes %}
        pivoted.{{ code }},
        pivoted.{{ code }}_reported,
    {%- endfor %}
        pivoted.is_derived,
        pivoted.has_approximate_values
    from pivoted
    inner join units on pivoted.unit_key = units.unit_key
    left join quarters
        on pivoted.period_grain = 'quarter' and pivoted.period_key = quarters.period_key
    left join native_reports
        on
            pivoted.period_grain = 'native'
            and pivoted.unit_key = native_reports.unit_key
            and pivoted.period_key = native_reports.period_key
)

select * from final
{%- endmacro %}
