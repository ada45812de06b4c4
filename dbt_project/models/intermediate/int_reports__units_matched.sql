-- Each report's reporting unit matched to the unit list by normalised name or alias. Among several
-- candidates the one alive at the window end, of the reported level and province wins. A report whose unit
-- is not on the list keeps an 'unlisted:' key (and an entry in dim_reporting_unit): never dropped.
with reports as (
    select * from {{ ref('stg_raw__reports') }}
),

aliases as (
    select * from {{ ref('int_reporting_units__aliases') }}
),

units as (
    select * from {{ ref('stg_reference__reporting_units') }}
),

normalised as (
    select
        reports.*,
        {{ normalize_unit_name('reports.reporting_unit_name') }} as unit_name_normalized,
        {{ normalize_unit_name('reports.reported_province') }} as province_normalized,
        coalesce(reports.window_to, reports.report_date) as reference_date
    from reports
),

candidates as (
    select
        normalised.report_id,
        aliases.unit_key,
        aliases.alias_kind,
        row_number() over (
            partition by normalised.report_id
            order by
                (
                    normalised.reference_date is null
                    or normalised.reference_date between coalesce(aliases.valid_from, '-infinity'::date)
                    and coalesce(aliases.valid_to, 'infinity'::date)
                ) desc,
                (aliases.unit_level = normalised.reported_unit_level) desc,
                ({{ normalize_unit_name('aliases.province') }} = normalised.province_normalized) desc,
                (aliases.alias_kind = 'name') desc,
                aliases.unit_key
        ) as candidate_rank
    from normalised
    inner join aliases on normalised.unit_name_normalized = aliases.alias_normalized
),

best as (
    select * from candidates
    where candidate_rank = 1
),

-- Parent of an unlisted unit: the listed district named by the report (communes), else the province.
province_units as (
    select distinct on ({{ normalize_unit_name('province') }})
        {{ normalize_unit_name('province') }} as province_normalized,
        unit_key
    from units
    where unit_level = 'province'
    order by {{ normalize_unit_name('province') }}, valid_from desc nulls last
),

district_units as (
    select distinct on ({{ normalize_unit_name('province') }}, {{ normalize_unit_name('district') }})
        {{ normalize_unit_name('province') }} as province_normalized,
        {{ normalize_unit_name('district') }} as district_normalized,
        unit_key
    from units
    where unit_level = 'district'
    order by {{ normalize_unit_name('province') }}, {{ normalize_unit_name('district') }}, unit_key
),

final as (
    select
        normalised.report_id,
        coalesce(
            best.unit_key,
            'unlisted:' || coalesce(normalised.unit_name_normalized, 'unknown')
            || '@' || coalesce(normalised.province_normalized, 'unknown')
        ) as unit_key,
        best.unit_key is not null as is_unit_listed,
        coalesce(best.alias_kind, 'unlisted') as unit_match_method,
        normalised.reporting_unit_name,
        normalised.unit_name_normalized,
        normalised.reported_unit_level,
        normalised.reported_province,
        normalised.reported_district,
        case
            when best.unit_key is not null then null
            when normalised.reported_unit_level = 'commune' then coalesce(district_units.unit_key, province_units.unit_key)
            when normalised.reported_unit_level <> 'province' then province_units.unit_key
        end as unlisted_parent_unit_key
    from normalised
    left join best on normalised.report_id = best.report_id
    left join province_units on normalised.province_normalized = province_units.province_normalized
    left join district_units
        on
            normalised.province_normalized = district_units.province_normalized
            and {{ normalize_unit_name('normalised.reported_district') }} = district_units.district_normalized
)

select * from final
