{#- dbt-postgres reports array columns as type "ARRAY" (information_schema.data_type), which cannot be cast
    to: unit-test fixtures on models with text[] / integer[] columns fail (dbt-labs/dbt-adapters#939).
    Same query as the adapter's, with the element type spelt out ('text[]', 'int4[]'). -#}
{% macro postgres__get_columns_in_relation(relation) -%}
    {% call statement('get_columns_in_relation', fetch_result=True) %}
        select
            column_name,
            case when data_type = 'ARRAY' then ltrim(udt_name, '_') || '[]' else data_type end as data_type,
            character_maximum_length,
            numeric_precision,
            numeric_scale
        from {{ relation.information_schema('columns') }}
        where
            table_name = '{{ relation.identifier }}'
            {% if relation.schema %}
                and table_schema = '{{ relation.schema }}'
            {% endif %}
        order by ordinal_position
    {% endcall %}
    {% set table = load_result('get_columns_in_relation').table %}
    {{ return(sql_convert_columns_in_relation(table)) }}
{%- endmacro %}
