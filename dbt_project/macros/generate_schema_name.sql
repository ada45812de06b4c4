{#- Schemas are exactly the layer names (staging, intermediate, marts, reference), not dbt's
    '<target schema>_<custom>' default. The marts schema can be moved with var('marts_schema'). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif custom_schema_name | trim == 'marts' -%}
        {{ var('marts_schema', 'marts') | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
