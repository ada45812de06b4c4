"""Fingerprints of warehouse tables: row count and a checksum of their rows, to prove that a rerun, a crash and
a recovery, or a rejected file neither lost nor duplicated a row.

    before = table_fingerprints(url)
    ... run the quarter again ...
    assert table_fingerprints(url) == before

Columns left out of the checksum (they change on every run by design, not because data changed):
- timestamp columns (``timestamp`` / ``timestamptz``: raw.*.loaded_at, quarantine.*.quarantined_at,
  quality.*.checked_at / created_at, marts loaded_at / first_loaded_at): wall-clock times of a run. The rerun
  rules that depend on them (a report keeps its first load time) show in the other columns, e.g. marts'
  ``is_latest_submission``.
- ``run_id``: names the Airflow run that last touched the row.
- columns filled from a sequence or an identity (quality.findings.finding_id): a rerun deletes and reinserts
  the quarter's findings, which draws new numbers for the same findings.
Every other column counts, including the row's file paths, JSON and arrays. Rows are compared as their
PostgreSQL text form, sorted bytewise (collation "C"), so the checksum does not depend on physical order.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

VOLATILE_NAMES = frozenset({"run_id"})
VOLATILE_TYPES = frozenset({"timestamp without time zone", "timestamp with time zone"})


def stable_columns(conn: psycopg.Connection, schema: str, table: str) -> list[str]:
    """The columns of ``schema.table`` that take part in the checksum (see the module docstring)."""
    cols = conn.execute(
        """select column_name, data_type, coalesce(column_default, ''), is_identity
           from information_schema.columns where table_schema = %s and table_name = %s
           order by ordinal_position""",
        (schema, table),
    ).fetchall()
    return [
        name for name, dtype, default, identity in cols
        if name not in VOLATILE_NAMES and dtype not in VOLATILE_TYPES
        and not default.startswith("nextval(") and identity != "YES"
    ]


def table_fingerprints(
    url: str, schemas: tuple[str, ...] = ("raw", "quarantine", "marts")
) -> dict[str, tuple[int, str]]:
    """``{"schema.table": (row count, md5 of the sorted rows' stable columns)}`` for every base table of
    ``schemas`` (a schema that does not exist contributes nothing)."""
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            """select table_schema, table_name from information_schema.tables
               where table_schema = any(%s) and table_type = 'BASE TABLE'
               order by table_schema, table_name""",
            (list(schemas),),
        ).fetchall()
        for schema, table in tables:
            cols = stable_columns(conn, schema, table)
            row_text = sql.SQL("row({})::text").format(sql.SQL(", ").join(sql.Identifier(c) for c in cols))
            query = sql.SQL(
                """select count(*), md5(coalesce(string_agg(r, E'\\n' order by r collate "C"), ''))
                   from (select {} as r from {}) t"""
            ).format(row_text, sql.Identifier(schema, table))
            count, digest = conn.execute(query).fetchone()
            out[f"{schema}.{table}"] = (count, digest)
    return out


def fingerprint_diff(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> dict[str, tuple]:
    """The tables whose fingerprint changed (or that appeared / disappeared): ``{table: (before, after)}``."""
    return {t: (before.get(t), after.get(t)) for t in sorted(set(before) | set(after)) if before.get(t) != after.get(t)}
