-- Reporting units: the unit list plus units seen in reports but missing from it (is_listed = false).
with units as (
    select * from {{ ref('int_reporting_units') }}
),

final as (
    select
        units.unit_key,
        units.unit_name,
        units.unit_level,
        units.province,
        units.district,
        units.parent_unit_key,
        case
            when units.unit_level = 'province' then units.unit_key
            when parent.unit_level = 'province' then parent.unit_key
            when grandparent.unit_level = 'province' then grandparent.unit_key
        end as province_unit_key,
        case
            when units.unit_level = 'district' then units.unit_key
            when parent.unit_level = 'district' then parent.unit_key
        end as district_unit_key,
        units.valid_from,
        units.valid_to,
        units.aliases,
        units.is_listed,
        (units.is_listed and units.unit_level <> 'province') as is_expected_reporter
    from units
    left join units as parent on units.parent_unit_key = parent.unit_key
    left join units as grandparent on parent.parent_unit_key = grandparent.unit_key
)

select * from final
