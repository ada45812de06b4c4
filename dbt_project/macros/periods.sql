{#- Period keys shared by dim_period and the models that point at it.
    Quarter 'YYYYQn', half year 'YYYYH1|H2', N months year-to-date 'YYYYM01-NN', year 'YYYYY',
    month 'YYYYMmm'. -#}
{% macro quarter_key(year_expr, quarter_expr) -%}
    case
        when {{ year_expr }} is not null and {{ quarter_expr }} between 1 and 4
            then ({{ year_expr }})::text || 'Q' || ({{ quarter_expr }})::text
    end
{%- endmacro %}

{% macro native_period_key(period_type, year_expr, quarter_expr, months_expr) -%}
    case
        when {{ year_expr }} is null then null
        when {{ period_type }} = 'quarter' and {{ quarter_expr }} between 1 and 4
            then ({{ year_expr }})::text || 'Q' || ({{ quarter_expr }})::text
        when {{ period_type }} = 'half_year' and {{ months_expr }}[1] = 7
            then ({{ year_expr }})::text || 'H2'
        when {{ period_type }} = 'half_year'
            then ({{ year_expr }})::text || 'H1'
        when {{ period_type }} = 'year'
            then ({{ year_expr }})::text || 'Y'
        when {{ period_type }} = 'months_ytd' and cardinality({{ months_expr }}) between 1 and 12
            then ({{ year_expr }})::text || 'M01-'
            || lpad(cardinality({{ months_expr }})::text, 2, '0')
        when {{ period_type }} = 'month' and cardinality({{ months_expr }}) = 1
            then ({{ year_expr }})::text || 'M' || lpad(({{ months_expr }}[1])::text, 2, '0')
    end
{%- endmacro %}

{#- The quarter key of the batch being processed, as a SQL literal, or null. -#}
{% macro batch_quarter_literal() -%}
    {%- set q = var('quarter', none) -%}
    {%- if q is none or (q | string | trim) in ('', 'None', 'null') -%}
        null::text
    {%- else -%}
        '{{ q | string | trim }}'::text
    {%- endif -%}
{%- endmacro %}

{% macro batch_quarter_is_set() -%}
    {%- set q = var('quarter', none) -%}
    {{ return(not (q is none or (q | string | trim) in ('', 'None', 'null'))) }}
{%- endmacro %}
