"""The short consolidated table printed at the end of a run."""

from __future__ import annotations

import psycopg

from ingest.warehouse import warehouse_url


def print_quarter_table(quarter: str) -> None:
    url = warehouse_url()
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """select r.reporting_unit, count(*) as facts, r.period_label
               from raw.facts f join raw.reports r using (report_id)
               where f.batch_quarter = %s group by 1, 3 order by 1""",
            (quarter,),
        ).fetchall()
    print(f"Quarter {quarter}: {len(rows)} reports")
    for unit, facts, label in rows:
        print(f"  {unit or '?':45} {label or '?':35} {facts:5d} facts")
