-- Communes hang under a district, districts and provincial bodies under a province, and a unit's lifetime is
-- a real interval.
with units as (
    select * from {{ ref('reporting_units') }}
)

select child.*
from units as child
left join units as parent on child.parent_unit_key = parent.unit_key
where
    (child.valid_from is not null and child.valid_to is not null and child.valid_from > child.valid_to)
    or (child.unit_level = 'commune' and coalesce(parent.unit_level, '') <> 'district')
    or (child.unit_level in ('district', 'province_office', 'province_department')
        and coalesce(parent.unit_level, '') <> 'province')
    or (child.unit_level = 'province' and child.parent_unit_key is not null)
    or (parent.unit_key is not null and parent.province <> child.province)
