-- The catalogue with the consolidation logic spelled out per code:
--   quarterly_method  how one unit's quarterly value is obtained (rules.md §2.5, §2.6)
--   province_method   how units are combined province-wide (indicators.md §1.5)
with catalog as (
    select * from {{ ref('stg_reference__indicator_catalog') }}
),

parsed as (
    select
        catalog.*,
        catalog.indicator_code like '%\_ytd' as is_ytd_code,
        coalesce(
            array(
                select trim(part)
                from unnest(string_to_array(catalog.numerator_codes, '+')) as part
                where trim(part) <> ''
            ),
            '{}'
        )::text[] as numerator_parts,
        coalesce(
            array(
                select identity_match[1]
                from regexp_matches(coalesce(catalog.identity, ''), '`([a-z0-9_]+)`', 'g') as identity_match
            ),
            '{}'
        )::text[] as identity_parts
    from catalog
),

with_base as (
    select
        parsed.*,
        case when parsed.is_ytd_code then base.indicator_code end as ytd_base_code
    from parsed
    left join catalog as base
        on parsed.is_ytd_code and base.indicator_code = left(parsed.indicator_code, -4)
),

-- A multi-part numerator (early + on_time) may be reported as one code whose identity is exactly those parts
-- (early_or_on_time): that code is the numerator's alternative.
alternatives as (
    select
        ratio.indicator_code,
        min(alt.indicator_code) as numerator_alternative_code
    from with_base as ratio
    inner join with_base as alt
        on
            cardinality(ratio.numerator_parts) > 1
            and alt.identity_parts @> ratio.numerator_parts
            and alt.identity_parts <@ ratio.numerator_parts
    group by ratio.indicator_code
),

final as (
    select
        with_base.indicator_code,
        with_base.domain,
        with_base.label_vi,
        with_base.label_en,
        with_base.unit,
        with_base.kind,
        with_base.consolidation,
        with_base.numerator_codes,
        with_base.denominator_code,
        with_base.identity,
        with_base.is_peripheral,
        with_base.is_labelled_in_gold,
        with_base.is_ytd_code,
        with_base.ytd_base_code,
        with_base.numerator_parts,
        alternatives.numerator_alternative_code,
        with_base.identity_parts,
        case
            when with_base.kind = 'ratio' and with_base.consolidation = 'recompute'
                and with_base.denominator_code is not null and cardinality(with_base.numerator_parts) > 0
                then 'ratio'
            when with_base.kind = 'flow' and with_base.consolidation = 'recompute'
                and cardinality(with_base.identity_parts) > 0
                then 'identity'
            when with_base.kind = 'flow' and with_base.consolidation = 'sum' and not with_base.is_ytd_code
                then 'flow'
            when with_base.indicator_code = 'tthc_cases_carried_over'
                then 'stock_at_start'
            else 'latest'
        end as quarterly_method,
        case
            when with_base.kind = 'ratio' and with_base.consolidation = 'recompute'
                and with_base.denominator_code is not null and cardinality(with_base.numerator_parts) > 0
                then 'ratio'
            when with_base.consolidation in ('sum', 'latest')
                or (
                    with_base.kind = 'flow' and with_base.consolidation = 'recompute'
                    and cardinality(with_base.identity_parts) > 0
                )
                then 'sum'
            else 'provincial_report'
        end as province_method
    from with_base
    left join alternatives on with_base.indicator_code = alternatives.indicator_code
)

select * from final
