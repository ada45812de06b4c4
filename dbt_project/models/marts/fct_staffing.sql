-- Staffing per unit × period × scope: quotas and headcounts (stocks, latest in the quarter), recruitment
-- and streamlining (flows), the commune staff fill rate recomputed next to the stated one.
-- Rows at two grains (macro unit_period_wide): period_grain 'quarter' (consolidated quarterly values) and
-- 'native' (each report's own period, values as the latest accepted submission stated them).
{{ unit_period_wide(
    codes=[
        'staff_quota_total', 'civil_servant_quota', 'civil_servant_actual', 'public_employee_quota',
        'public_employee_actual', 'labor_contracts', 'staff_streamlined', 'public_employee_streamlined',
        'commune_staff_quota', 'commune_staff_actual', 'commune_cadres_actual', 'commune_civil_servants_actual',
        'civil_servants_recruited', 'public_employees_recruited', 'staff_trained', 'staff_disciplined',
    ],
    rate_codes=['commune_staff_fill_rate_pct'],
) }}
