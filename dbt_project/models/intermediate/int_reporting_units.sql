-- The unit list plus every unlisted unit seen in a report (flagged, with its reported level and province).
with listed as (
    select * from {{ ref('stg_reference__reporting_units') }}
),

matched as (
    select * from {{ ref('int_reports__units_matched') }}
),

unlisted as (
    select distinct on (unit_key)
        unit_key,
        coalesce(reporting_unit_name, 'unknown unit') as unit_name,
        coalesce(reported_unit_level, 'unknown') as unit_level,
        coalesce(reported_province, 'unknown') as province,
        reported_district as district,
        unlisted_parent_unit_key as parent_unit_key
    from matched
    where not is_unit_listed
    order by unit_key, report_id
),

final as (
    select
        unit_key,
        unit_name,
        unit_level,
        province,
        district,
        parent_unit_key,
        valid_from,
        valid_to,
        string_to_array(nullif(aliases, ''), '|') as aliases,
        true as is_listed
    from listed
    union all
    select
        unit_key,
        unit_name,
        unit_level,
        province,
        district,
        parent_unit_key,
        null::date as valid_from,
        null::date as valid_to,
        '{}'::text[] as aliases,
        false as is_listed
    from unlisted
)

select * from final
