with source as (
    select * from {{ source('raw', 'files') }}
),

renamed as (
    select
        file_sha256::text as file_id,
        file_name::text as file_name,
        file_path::text as file_path,
        size_bytes::bigint as size_bytes,
        status::text as read_status,
        error::text as read_error,
        batch_quarter::text as batch_quarter,
        run_id::text as run_id,
        loaded_at::timestamptz as loaded_at
    from source
)

select * from renamed
