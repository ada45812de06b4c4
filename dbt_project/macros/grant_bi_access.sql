{#- Read-only access for BI tools: the role (NOLOGIN; grant it to real login roles) gets USAGE on the
    marts schema and SELECT on its tables, nothing else. Run as an on-run-end hook, because dbt replaces
    the mart tables on every build and the grants must follow. -#}
{% macro grant_bi_access() %}
    {%- if execute and flags.WHICH in ('run', 'build', 'seed') and var('bi_grants', true) -%}
        {%- set role = var('bi_role', 'cchc_bi') -%}
        {%- set marts = var('marts_schema', 'marts') -%}
        {%- set sql -%}
            do $grant$
            begin
                if not exists (select 1 from pg_roles where rolname = '{{ role }}') then
                    begin
                        create role {{ role }} nologin;
                    exception when duplicate_object then
                        null;  -- another database of this cluster created it concurrently
                    end;
                end if;
            end
            $grant$;
            create schema if not exists {{ marts }};
            revoke all on schema {{ marts }} from {{ role }};
            grant usage on schema {{ marts }} to {{ role }};
            grant select on all tables in schema {{ marts }} to {{ role }};
        {%- endset -%}
        {%- do run_query(sql) -%}
        {%- do log('granted read-only access on schema ' ~ marts ~ ' to role ' ~ role, info=False) -%}
    {%- endif -%}
{% endmacro %}
