with source as (
    select * from {{ source('raw', 'extraction_issues') }}
),

renamed as (
    select
        report_id::text as report_id,
        ordinal::integer as issue_ordinal,
        batch_quarter::text as batch_quarter,
        code::text as issue_code,
        severity::text as severity,
        message::text as message,
        line::integer as line_no
    from source
)

select * from renamed
