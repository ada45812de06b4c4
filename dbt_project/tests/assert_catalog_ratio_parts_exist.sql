-- Every numerator or denominator code named by a recomputed ratio is itself a catalogue code.
with catalog as (
    select * from {{ ref('indicator_catalog') }}
),

parts as (
    select
        indicator_code,
        trim(part_code) as part_code
    from catalog
    cross join lateral unnest(
        string_to_array(coalesce(numerator_codes, ''), '+') || array[coalesce(denominator_code, '')]
    ) as part_code
    where consolidation = 'recompute'
)

select parts.*
from parts
left join catalog on parts.part_code = catalog.indicator_code
where parts.part_code <> '' and catalog.indicator_code is null
