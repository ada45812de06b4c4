-- Every name a listed unit may appear under (its official name and its aliases), normalised for matching.
with units as (
    select * from {{ ref('stg_reference__reporting_units') }}
),

names as (
    select
        units.unit_key,
        units.unit_name as alias,
        'name' as alias_kind
    from units
    union all
    select
        units.unit_key,
        trim(alias) as alias,
        'alias' as alias_kind
    from units
    cross join lateral unnest(string_to_array(units.aliases, '|')) as alias
    where trim(alias) <> ''
),

final as (
    select distinct on (names.unit_key, {{ normalize_unit_name('names.alias') }})
        names.unit_key,
        names.alias,
        names.alias_kind,
        {{ normalize_unit_name('names.alias') }} as alias_normalized,
        units.unit_level,
        units.province,
        units.valid_from,
        units.valid_to
    from names
    inner join units on names.unit_key = units.unit_key
    order by names.unit_key asc, {{ normalize_unit_name('names.alias') }}, names.alias_kind desc
)

select * from final
