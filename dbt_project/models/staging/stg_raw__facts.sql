with source as (
    select * from {{ source('raw', 'facts') }}
),

renamed as (
    select
        fact_id::text as fact_id,
        report_id::text as report_id,
        ordinal::integer as fact_ordinal,
        batch_quarter::text as batch_quarter,
        indicator::text as indicator_code,
        scope::text as scope,
        value::double precision as value,
        unit::text as unit,
        source::text as source_kind,
        line::integer as line_no,
        locator::text as locator,
        snippet::text as snippet,
        note::text as note,
        loaded_at::timestamptz as loaded_at
    from source
)

select * from renamed
