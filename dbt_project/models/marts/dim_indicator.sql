-- The indicator catalogue with the consolidation method the warehouse applies to each code.
with indicators as (
    select * from {{ ref('int_indicators') }}
),

final as (
    select
        indicator_code,
        domain,
        label_vi,
        label_en,
        unit,
        kind,
        consolidation,
        numerator_parts,
        denominator_code,
        numerator_alternative_code,
        identity,
        identity_parts,
        is_ytd_code,
        ytd_base_code,
        quarterly_method,
        province_method,
        is_peripheral,
        is_labelled_in_gold
    from indicators
)

select * from final
