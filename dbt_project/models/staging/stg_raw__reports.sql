with source as (
    select * from {{ source('raw', 'reports') }}
),

renamed as (
    select
        report_id::text as report_id,
        report_id::text as file_id,
        file_name::text as file_name,
        batch_quarter::text as batch_quarter,
        reporting_unit::text as reporting_unit_name,
        unit_level::text as reported_unit_level,
        province::text as reported_province,
        district::text as reported_district,
        period_label::text as period_label,
        coalesce(period_type, 'unknown')::text as period_type,
        period_year::integer as period_year,
        period_quarter::integer as period_quarter,
        coalesce(months_covered, '{}')::integer[] as months_covered,
        window_from::date as window_from,
        window_to::date as window_to,
        window_source::text as window_source,
        is_cumulative::boolean as is_cumulative,
        report_quarter::integer as report_quarter,
        report_date::date as report_date,
        loaded_at::timestamptz as loaded_at
    from source
)

select * from renamed
