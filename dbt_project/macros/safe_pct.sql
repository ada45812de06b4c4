{#- 100 * numerator / denominator rounded to 4 decimals, null when the denominator is missing or zero. -#}
{% macro safe_pct(numerator, denominator) -%}
    case
        when {{ denominator }} > 0
            then round((100.0 * {{ numerator }} / {{ denominator }})::numeric, 4)::double precision
    end
{%- endmacro %}
