-- Administrative-procedure caseload per unit × period × scope (indicators.md §2): counts consolidated per
-- rules.md §2.5, canonical rates recomputed from them next to the rates the reports stated.
-- Rows at two grains (macro unit_period_wide): period_grain 'quarter' (consolidated quarterly values) and
-- 'native' (each report's own period, values as the latest accepted submission stated them).
{{ unit_period_wide(
    codes=[
        'tthc_cases_carried_over', 'tthc_cases_new', 'tthc_cases_received', 'tthc_cases_total_to_handle',
        'tthc_cases_online', 'tthc_cases_direct', 'tthc_cases_postal', 'tthc_cases_direct_or_postal',
        'tthc_cases_online_full', 'tthc_cases_online_partial',
        'tthc_cases_resolved', 'tthc_cases_resolved_early', 'tthc_cases_resolved_on_time',
        'tthc_cases_resolved_early_or_on_time', 'tthc_cases_resolved_late',
        'tthc_cases_in_progress', 'tthc_cases_in_progress_within_deadline', 'tthc_cases_in_progress_overdue',
        'tthc_cases_returned', 'tthc_cases_due', 'tthc_cases_late_total',
    ],
    rate_codes=[
        'tthc_on_time_rate_pct', 'tthc_late_rate_pct', 'tthc_resolution_rate_pct', 'tthc_returned_rate_pct',
        'tthc_online_rate_pct',
    ],
) }}
