with source as (
    select * from {{ ref('reporting_units') }}
),

renamed as (
    select
        unit_key::text as unit_key,
        unit_name::text as unit_name,
        unit_level::text as unit_level,
        province::text as province,
        nullif(trim(district), '')::text as district,
        nullif(trim(parent_unit_key), '')::text as parent_unit_key,
        valid_from::date as valid_from,
        valid_to::date as valid_to,
        coalesce(aliases, '')::text as aliases
    from source
)

select * from renamed
