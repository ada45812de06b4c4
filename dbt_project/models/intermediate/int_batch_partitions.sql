-- Partitions of fct_indicator_values a run must rewrite: with var('quarter') set, the partitions of the
-- batch's reports and of every other submission of the same unit and period (a resubmission changes the
-- earlier report's is_latest_submission flag), plus the batch quarter itself; without it, all of them.
with reports as (
    select * from {{ ref('int_reports__submissions') }}
),

batch_groups as (
    select distinct submission_group
    from reports
    where {{ batch_quarter_literal() }} is null or batch_quarter = {{ batch_quarter_literal() }}
),

final as (
    select distinct reports.partition_key
    from reports
    inner join batch_groups on reports.submission_group = batch_groups.submission_group
    union
    select {{ batch_quarter_literal() }} as partition_key
    where {{ batch_quarter_literal() }} is not null
)

select * from final
