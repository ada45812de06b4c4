"""Publish the marts: copy the validated build schema into ``marts`` in one transaction.

dbt builds into ``marts_build``; the mart gate validates it; only then are its tables copied into ``marts``,
which BI tools read with the read-only role. A failed build or a failed gate therefore never touches the
published marts, and readers see either the previous marts or the new ones, never a mix.
"""

from __future__ import annotations

import logging

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)
BUILD_SCHEMA = "marts_build"
PUBLISHED_SCHEMA = "marts"
BI_ROLE = "cchc_bi"


def publish(url: str, source: str = BUILD_SCHEMA, target: str = PUBLISHED_SCHEMA, bi_role: str = BI_ROLE) -> list[str]:
    """Replace every table of ``target`` that ``source`` has; returns the table names published."""
    with psycopg.connect(url) as conn, conn.transaction():
        tables = [r[0] for r in conn.execute(
            """select table_name from information_schema.tables
               where table_schema = %s and table_type = 'BASE TABLE' order by table_name""", (source,))]
        if not tables:
            raise RuntimeError(f"nothing to publish: schema {source} has no tables")
        conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(target)))
        for name in tables:
            src, dst = sql.Identifier(source, name), sql.Identifier(target, name)
            conn.execute(sql.SQL("drop table if exists {} cascade").format(dst))
            conn.execute(sql.SQL("create table {} (like {} including all)").format(dst, src))
            conn.execute(sql.SQL("insert into {} select * from {}").format(dst, src))
        conn.execute(sql.SQL(
            """do $$ begin
                 if not exists (select 1 from pg_roles where rolname = {name}) then
                   create role {role} nologin;
                 end if;
               exception when duplicate_object then null;
               end $$""").format(name=sql.Literal(bi_role), role=sql.Identifier(bi_role)))
        role, schema = sql.Identifier(bi_role), sql.Identifier(target)
        conn.execute(sql.SQL("grant usage on schema {} to {}").format(schema, role))
        conn.execute(sql.SQL("grant select on all tables in schema {} to {}").format(schema, role))
    log.info("published %d mart tables from %s to %s", len(tables), source, target)
    return tables
