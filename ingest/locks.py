"""Locks that keep concurrent runs apart.

* ``warehouse_lock(url, key)``: a PostgreSQL session advisory lock. The pipeline takes ``quarter:<Q>`` around
  each step that rewrites a quarter (two runs of the same quarter serialise, never duplicate) and ``dbt``
  around ``dbt build`` (models are shared by all quarters).
* ``file_lock(path)``: an exclusive ``flock`` for in-process runs on the embedded default, whose Airflow
  metadata is one SQLite file.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

log = logging.getLogger(__name__)


@contextmanager
def warehouse_lock(url: str, key: str) -> Iterator[None]:
    with psycopg.connect(url, autocommit=True) as conn:
        got = conn.execute("select pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()[0]
        if not got:
            log.warning("waiting for another run holding the lock %r", key)
            conn.execute("select pg_advisory_lock(hashtext(%s))", (key,))
        try:
            yield
        except BaseException:
            # the step failed: report its error, not a failed unlock (a lost session already released its lock)
            try:
                conn.execute("select pg_advisory_unlock(hashtext(%s))", (key,))
            except psycopg.OperationalError as exc:
                log.warning("lock %r: its session was lost (%s)", key, str(exc).strip())
            raise
        conn.execute("select pg_advisory_unlock(hashtext(%s))", (key,))


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("waiting for another run holding %s", path)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
