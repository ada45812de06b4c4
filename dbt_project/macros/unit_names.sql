{#- Normalised form of a reporting-unit name for matching: NFC, lower case, one spelling of
    'Ủy ban nhân dân' (UBND), old/new tone placement of 'uỷ/ủy', 'tp.' for 'thành phố', no dots or extra
    spaces. Diacritics are kept: 'Đắk Ha' (a commune) and 'Đắk Hà' (a district) are different places. -#}
{% macro normalize_unit_name(expr) -%}
    nullif(
        trim(
            regexp_replace(
                regexp_replace(
                    replace(
                        replace(
                            replace(lower(normalize({{ expr }}, nfc)), 'uỷ', 'ủy'),
                            'ủy ban nhân dân', 'ubnd'
                        ),
                        'thành phố', 'tp'
                    ),
                    '[.,;:()"“”]', ' ', 'g'
                ),
                '\s+', ' ', 'g'
            )
        ),
        ''
    )
{%- endmacro %}
