{#- Before an incremental run of fct_indicator_values: drop the rows of reports that are gone from raw (a
    file later refused) and of reports about to be rewritten, wherever they sat (a re-extracted report may
    move to another filing quarter), so delete+insert on partition_key never leaves stale or duplicate rows.
    One `in (… union …)` rather than `not exists … or … in …`: the planner makes it a hashed semi-join, where
    the `or` form re-ran a subquery per row once it outgrew work_mem (quadratic at national scale). -#}
{% macro prune_indicator_values() %}
    {%- if is_incremental() -%}
        delete from {{ this }} as target
        where target.report_id in (
            select existing.report_id
            from {{ this }} as existing
            left join {{ ref('stg_raw__reports') }} as reports on existing.report_id = reports.report_id
            where reports.report_id is null
            union
            select facts.report_id
            from {{ ref('int_facts__audited') }} as facts
            inner join {{ ref('int_batch_partitions') }} as batch on facts.partition_key = batch.partition_key
        )
    {%- else -%}
        select 1
    {%- endif -%}
{% endmacro %}
