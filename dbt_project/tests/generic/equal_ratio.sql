{#- column_name = 100 * numerator / denominator within tolerance (percentage points), where all are set. -#}
{% test equal_ratio(model, column_name, numerator, denominator, tolerance=0.01) %}
select *
from {{ model }}
where {{ column_name }} is not null
    and {{ numerator }} is not null
    and {{ denominator }} is not null
    and {{ denominator }} <> 0
    and abs({{ column_name }} - 100.0 * ({{ numerator }}) / ({{ denominator }})) > {{ tolerance }}
{% endtest %}
