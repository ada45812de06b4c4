-- Landing schemas of the warehouse. Idempotent: safe to run before every load.
-- raw: exactly what `cchc extract` printed, one row per file / report / fact / extractor issue.
-- quality: the GX gate's verdicts. quarantine: what the gate or the reader refused, with the reason.

create schema if not exists raw;
create schema if not exists quality;
create schema if not exists quarantine;

create table if not exists raw.files (
    file_sha256     text primary key,
    file_name       text not null,
    file_path       text not null,
    size_bytes      bigint not null,
    status          text not null check (status in ('ok', 'rejected')),
    error           text,
    batch_quarter   text not null,                -- 'YYYYQn' the run that loaded it
    run_id          text not null,
    loaded_at       timestamptz not null default now()
);

create table if not exists raw.reports (
    report_id        text primary key,            -- = file_sha256
    file_name        text not null,
    batch_quarter    text not null,
    reporting_unit   text,
    unit_level       text,
    province         text,
    district         text,
    period_label     text,
    period_type      text,
    period_year      integer,
    period_quarter   integer,
    months_covered   integer[],
    window_from      date,
    window_to        date,
    window_source    text,
    is_cumulative    boolean,
    report_quarter   integer,
    report_date      date,
    report_json      jsonb not null,
    loaded_at        timestamptz not null default now()
);

create table if not exists raw.facts (
    fact_id        text primary key,              -- report_id || ':' || ordinal
    report_id      text not null references raw.reports (report_id) on delete cascade,
    ordinal        integer not null,
    batch_quarter  text not null,
    indicator      text not null,
    scope          text not null,
    value          double precision not null,
    unit           text not null,
    source         text not null,
    line           integer not null,
    locator        text,
    snippet        text not null,
    note           text,
    loaded_at      timestamptz not null default now()
);
create index if not exists facts_batch_idx on raw.facts (batch_quarter);

create table if not exists raw.extraction_issues (
    report_id      text not null references raw.reports (report_id) on delete cascade,
    ordinal        integer not null,
    batch_quarter  text not null,
    code           text not null,
    severity       text not null,
    message        text not null,
    line           integer,
    primary key (report_id, ordinal)
);

-- One row per gate finding (rule violation or warning) of a run.
create table if not exists quality.findings (
    finding_id     bigserial primary key,
    batch_quarter  text not null,
    run_id         text not null,
    report_id      text,
    file_name      text,
    reporting_unit text,
    rule_id        text not null,
    severity       text not null check (severity in ('hard', 'warning')),
    indicators     text[] not null default '{}',
    fact_ids       text[] not null default '{}',
    line           integer,
    message_vi     text not null,
    message_en     text not null,
    created_at     timestamptz not null default now()
);
create index if not exists findings_batch_idx on quality.findings (batch_quarter);

-- The gate's verdict per fact: accepted / warning / rejected.
create table if not exists quality.fact_status (
    fact_id        text primary key,
    report_id      text not null,
    batch_quarter  text not null,
    status         text not null check (status in ('accepted', 'warning', 'rejected')),
    rule_ids       text[] not null default '{}',
    reason_vi      text,
    reason_en      text,
    checked_at     timestamptz not null default now()
);

create table if not exists quality.report_status (
    report_id      text primary key,
    batch_quarter  text not null,
    status         text not null check (status in ('accepted', 'warning', 'rejected')),
    rule_ids       text[] not null default '{}',
    reason_vi      text,
    reason_en      text,
    checked_at     timestamptz not null default now()
);

-- Files the readers refused (corrupt, empty, scanned, unknown period...): never silently dropped.
create table if not exists quarantine.files (
    file_sha256    text primary key,
    file_name      text not null,
    batch_quarter  text not null,
    reason         text not null,
    quarantined_at timestamptz not null default now()
);

create table if not exists quarantine.reports (
    report_id      text primary key,
    file_name      text not null,
    batch_quarter  text not null,
    reporting_unit text,
    rule_ids       text[] not null,
    reason_vi      text not null,
    reason_en      text not null,
    quarantined_at timestamptz not null default now()
);

create table if not exists quarantine.facts (
    fact_id        text primary key,
    report_id      text not null,
    batch_quarter  text not null,
    indicator      text not null,
    scope          text not null,
    value          double precision,
    line           integer,
    snippet        text,
    rule_ids       text[] not null,
    reason_vi      text not null,
    reason_en      text not null,
    quarantined_at timestamptz not null default now()
);
