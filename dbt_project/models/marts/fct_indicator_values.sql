{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='partition_key',
        on_schema_change='append_new_columns',
        pre_hook="{{ prune_indicator_values() }}"
    )
}}
-- depends_on: {{ ref('int_batch_partitions') }}, {{ ref('stg_raw__reports') }}
-- The audited long form: every extracted fact, one row per report × indicator × scope × occurrence, with its
-- provenance, the gate's verdict and whether its report is the latest submission. Rejected and unchecked
-- facts are here (is_publishable = false) and nowhere else in the marts. Incremental per filing quarter.
with facts as (
    select * from {{ ref('int_facts__audited') }}
    {% if is_incremental() %}
        where partition_key in (select batch.partition_key from {{ ref('int_batch_partitions') }} as batch)
    {% endif %}
),

final as (
    select
        fact_id,
        report_id,
        occurrence,
        fact_ordinal,
        unit_key,
        indicator_code,
        is_known_indicator,
        scope,
        value,
        unit,
        source_kind,
        line_no,
        locator,
        snippet,
        note,
        gate_status,
        rule_ids,
        array(
            select rule_id from unnest(rule_ids) as rule_id
            where rule_id like 'W%'
        ) as warning_rule_ids,
        gate_reason,
        is_approximate,
        is_publishable,
        file_name,
        period_key,
        quarter_key,
        partition_key,
        window_from,
        window_to,
        batch_quarter,
        submission_number,
        is_latest_submission,
        loaded_at
    from facts
)

select * from final
