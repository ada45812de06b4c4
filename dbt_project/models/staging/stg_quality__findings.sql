with source as (
    select * from {{ source('quality', 'findings') }}
),

renamed as (
    select
        finding_id::bigint as finding_id,
        batch_quarter::text as batch_quarter,
        run_id::text as run_id,
        report_id::text as report_id,
        file_name::text as file_name,
        reporting_unit::text as reporting_unit_name,
        rule_id::text as rule_id,
        severity::text as severity,
        coalesce(indicators, '{}')::text[] as indicator_codes,
        coalesce(fact_ids, '{}')::text[] as fact_ids,
        line::integer as line_no,
        message_vi::text as message_vi,
        message_en::text as message_en,
        created_at::timestamptz as created_at
    from source
)

select * from renamed
