-- E-government per unit × period × scope: electronic documents, online services and payments, system
-- statuses; rates with coded parts recomputed next to the stated ones.
-- Rows at two grains (macro unit_period_wide): period_grain 'quarter' (consolidated quarterly values) and
-- 'native' (each report's own period, values as the latest accepted submission stated them).
{{ unit_period_wide(
    codes=[
        'documents_sent_total', 'documents_sent_electronic',
        'online_services_level3', 'online_services_level4', 'online_services_level3_eligible',
        'online_services_level4_eligible', 'online_services_level3_4_total',
        'online_services_integrated_national_portal', 'tthc_procedures_with_fees', 'online_payment_procedures',
        'digital_signature_rate_pct', 'edoc_system_connected_rate_pct',
        'egov_architecture_updated', 'online_meeting_system_level', 'lgsp_status',
        'national_reporting_system_status',
    ],
    rate_codes=[
        'e_document_rate_pct', 'online_services_level3_provision_rate_pct',
        'online_services_level4_provision_rate_pct', 'online_services_integrated_rate_pct',
        'online_payment_rate_pct',
    ],
) }}
