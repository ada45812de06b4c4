with source as (
    select * from {{ source('quality', 'report_status') }}
),

renamed as (
    select
        report_id::text as report_id,
        batch_quarter::text as batch_quarter,
        status::text as gate_status,
        coalesce(rule_ids, '{}')::text[] as rule_ids,
        reason_vi::text as reason_vi,
        reason_en::text as reason_en,
        checked_at::timestamptz as checked_at
    from source
)

select * from renamed
