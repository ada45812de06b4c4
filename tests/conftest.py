"""Shared fixtures: a real PostgreSQL server for the whole test session, started from the installed binaries."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from ingest.warehouse import EmbeddedPostgres

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


def seed_file(prefix: str) -> Path:
    """The seed report whose name starts with ``prefix``. Skips only when ../shared is not beside the
    repository; a missing seed inside an existing ../shared is a failure, not a skip."""
    if not SEEDS.is_dir():
        pytest.skip("../shared is absent")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert found, f"seed {prefix} is missing from {SEEDS}"
    return found[0]


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "cluster")
    server.start()
    yield server
    server.stop()


@contextmanager
def new_database(server: EmbeddedPostgres) -> Iterator[str]:
    """A new, empty database on ``server``; its URL. Dropped on exit."""
    name = f"t_{uuid.uuid4().hex[:10]}"
    admin = server.url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    try:
        yield server.url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def cli_env(url: str, home: Path) -> dict[str, str]:
    """The environment of a ``cchc`` subprocess on warehouse ``url`` with its own CCHC_HOME (no CCHC_* of this
    process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    return env | {"CCHC_WAREHOUSE_URL": url, "CCHC_HOME": str(home), "DO_NOT_TRACK": "1"}


@pytest.fixture
def fresh_db(pg_server: EmbeddedPostgres) -> Iterator[str]:
    """A new, empty database on the session server; its URL. Dropped afterwards."""
    with new_database(pg_server) as url:
        yield url


@pytest.fixture
def warehouse_env(fresh_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the project (CLI, DAG, dbt, GX) at a fresh database and a private CCHC_HOME."""
    monkeypatch.setenv("CCHC_WAREHOUSE_URL", fresh_db)
    monkeypatch.setenv("CCHC_HOME", str(tmp_path / "home"))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    return fresh_db
