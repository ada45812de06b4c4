{#- Before an incremental run of fct_indicator_values: drop the rows of reports that are gone from raw (a
    file later refused) and of reports about to be rewritten, wherever they sat (a re-extracted report may
    move to another filing quarter), so delete+insert on partition_key never leaves stale or duplicate rows. -#}
{% macro prune_indicator_values() %}
    {%- if is_incremental() -%}
        delete from {{ this }} as target
        where
            not exists (
                select 1 from {{ ref('stg_raw__reports') }} as reports
                where reports.report_id = target.report_id
            )
            or target.report_id in (
                select facts.report_id
                from {{ ref('int_facts__audited') }} as facts
                where facts.partition_key in (select batch.partition_key from {{ ref('int_batch_partitions') }} as batch)
            )
    {%- else -%}
        select 1
    {%- endif -%}
{% endmacro %}
