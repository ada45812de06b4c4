with source as (
    select * from {{ ref('indicator_catalog') }}
),

renamed as (
    select
        indicator_code::text as indicator_code,
        domain::text as domain,
        label_vi::text as label_vi,
        label_en::text as label_en,
        unit::text as unit,
        kind::text as kind,
        consolidation::text as consolidation,
        nullif(trim(numerator_codes), '')::text as numerator_codes,
        nullif(trim(denominator_code), '')::text as denominator_code,
        nullif(trim(identity), '')::text as identity,
        peripheral::boolean as is_peripheral,
        labelled_in_gold::boolean as is_labelled_in_gold
    from source
)

select * from renamed
