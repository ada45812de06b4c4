#!/usr/bin/env bash
# First start of the deployment's PostgreSQL: one database for Airflow's metadata, one for the warehouse,
# one for Metabase's own settings, and the read-only BI login (granted SELECT on marts by dbt's on-run-end).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create database airflow;
create database cchc;
create database metabase;
create role cchc_bi login password '${CCHC_BI_PASSWORD}';
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname cchc <<SQL
revoke all on database cchc from public;
grant connect on database cchc to cchc_bi;
create schema if not exists marts;
grant usage on schema marts to cchc_bi;
alter default privileges in schema marts grant select on tables to cchc_bi;
SQL
