-- One consolidated value per unit × code × scope × quarter, from the method the catalogue assigns:
-- flows (direct or year-to-date differences), latest observations, recomputed ratios and totals.
with flows as (
    select * from {{ ref('int_unit_quarter__flows') }}
),

latest as (
    select * from {{ ref('int_unit_quarter__latest') }}
),

recomputed as (
    select * from {{ ref('int_unit_quarter__recomputed') }}
),

indicators as (
    select * from {{ ref('int_indicators') }}
),

unioned as (
    select
        flows.unit_key,
        flows.indicator_code,
        flows.scope,
        flows.period_year,
        flows.quarter_no,
        flows.quarter_key,
        flows.value,
        flows.value_basis,
        null::double precision as numerator_value,
        null::double precision as denominator_value,
        flows.derivation_gap,
        flows.value_basis = 'derived' as has_derived_inputs,
        flows.is_approximate,
        flows.is_publishable,
        false as is_basis_unknown,
        flows.source_report_ids
    from flows
    union all
    select
        latest.unit_key,
        latest.indicator_code,
        latest.scope,
        latest.period_year,
        latest.quarter_no,
        latest.quarter_key,
        latest.value,
        latest.value_basis,
        null::double precision as numerator_value,
        null::double precision as denominator_value,
        null::double precision as derivation_gap,
        latest.value_basis = 'derived' as has_derived_inputs,
        latest.is_approximate,
        latest.value is not null as is_publishable,
        latest.is_basis_unknown,
        latest.source_report_ids
    from latest
    where latest.quarterly_method in ('latest', 'stock_at_start')
    union all
    select
        recomputed.unit_key,
        recomputed.indicator_code,
        recomputed.scope,
        recomputed.period_year,
        recomputed.quarter_no,
        recomputed.quarter_key,
        recomputed.value,
        coalesce(recomputed.value_basis, 'unavailable') as value_basis,
        recomputed.numerator_value,
        recomputed.denominator_value,
        null::double precision as derivation_gap,
        recomputed.has_derived_parts as has_derived_inputs,
        recomputed.is_approximate,
        recomputed.value is not null as is_publishable,
        false as is_basis_unknown,
        recomputed.source_report_ids
    from recomputed
),

-- A received count whose basis the gate could not settle (W4) is never summed across units.
basis_unknown as (
    select distinct
        unit_key,
        scope,
        quarter_key
    from latest
    where indicator_code = 'tthc_cases_received' and is_basis_unknown
),

final as (
    select
        unioned.unit_key,
        unioned.indicator_code,
        unioned.scope,
        unioned.period_year,
        unioned.quarter_no,
        unioned.quarter_key,
        unioned.value,
        unioned.value_basis,
        latest.reported_value as latest_stated_value,
        latest.reported_period_type as latest_stated_period_type,
        unioned.numerator_value,
        unioned.denominator_value,
        unioned.derivation_gap,
        unioned.has_derived_inputs,
        unioned.is_approximate,
        unioned.is_publishable,
        unioned.is_publishable and not (
            unioned.is_basis_unknown or (
                unioned.indicator_code = 'tthc_cases_received'
                and basis_unknown.unit_key is not null
            )
        ) as is_summable,
        unioned.source_report_ids,
        indicators.quarterly_method,
        indicators.province_method
    from unioned
    inner join indicators on unioned.indicator_code = indicators.indicator_code
    left join latest
        on
            unioned.unit_key = latest.unit_key
            and unioned.indicator_code = latest.indicator_code
            and unioned.scope = latest.scope
            and unioned.quarter_key = latest.quarter_key
    left join basis_unknown
        on
            unioned.unit_key = basis_unknown.unit_key
            and unioned.scope = basis_unknown.scope
            and unioned.quarter_key = basis_unknown.quarter_key
)

select * from final
