{#- One column per indicator code from a long (indicator_code, value) relation. -#}
{% macro pivot_indicator_values(codes, value_column='value', code_column='indicator_code', suffix='') -%}
    {%- for code in codes %}
    max({{ value_column }}) filter (where {{ code_column }} = '{{ code }}') as {{ code }}{{ suffix }}
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- 100 * numerator / denominator, null when the denominator is missing or zero. -#}
{% macro safe_pct(numerator, denominator) -%}
    case when {{ denominator }} > 0 then round((100.0 * {{ numerator }} / {{ denominator }})::numeric, 4)::double precision end
{%- endmacro %}
