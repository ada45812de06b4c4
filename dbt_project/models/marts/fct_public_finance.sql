-- Public finance per unit × period × scope (million VND): investment and national-target-programme plans
-- and disbursements, budget revenue and expenditure, with their rates recomputed next to the stated ones.
-- Rows at two grains (macro unit_period_wide): period_grain 'quarter' (consolidated quarterly values) and
-- 'native' (each report's own period, values as the latest accepted submission stated them).
{{ unit_period_wide(
    codes=[
        'public_investment_plan_vnd_million', 'public_investment_disbursed_vnd_million',
        'ntp_plan_vnd_million', 'ntp_disbursed_vnd_million',
        'budget_revenue_estimate_vnd_million', 'budget_revenue_vnd_million',
        'budget_expenditure_estimate_vnd_million', 'budget_expenditure_vnd_million',
        'public_service_units_total', 'psu_self_funded_full', 'psu_self_funded_regular',
        'psu_self_funded_partial', 'psu_state_funded',
    ],
    rate_codes=[
        'public_investment_disbursement_pct', 'ntp_disbursement_pct', 'budget_revenue_pct_of_estimate',
        'budget_expenditure_pct_of_estimate',
    ],
) }}
