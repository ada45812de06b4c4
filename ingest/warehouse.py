"""Where the warehouse lives: a PostgreSQL server the project starts itself, or one the user names.

* ``CCHC_WAREHOUSE_URL`` set: that server is used and nothing is started or stopped.
* otherwise: an embedded server in ``var/pg`` (or ``CCHC_HOME/pg``), from the PostgreSQL server binaries when
  the machine has them (as root through ``runuser -u postgres``, since initdb refuses root), else from the
  ``pgserver`` wheel. ``cchc warehouse start|stop|status|url`` drive it.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATABASE = "cchc"
URL_ENV = "CCHC_WAREHOUSE_URL"


class WarehouseError(RuntimeError):
    pass


def home_dir() -> Path:
    """Project-local state (embedded server, Airflow metadata, Data Docs, reports)."""
    return Path(os.environ.get("CCHC_HOME", PROJECT_ROOT / "var")).resolve()


def _server_bindir() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class EmbeddedPostgres:
    """A PostgreSQL cluster in ``data_root``; the port is chosen once and kept in ``data_root/port``."""

    data_root: Path

    @property
    def data_dir(self) -> Path:
        return self.data_root / "data"

    @property
    def log_file(self) -> Path:
        return self.data_root / "server.log"

    @property
    def port(self) -> int:
        port_file = self.data_root / "port"
        if not port_file.exists():
            self.data_root.mkdir(parents=True, exist_ok=True)
            port_file.write_text(str(_free_port()))
        return int(port_file.read_text().strip())

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    # -- system binaries -------------------------------------------------------------------------
    def _run(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess:
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(args, check=check, capture_output=True, text=True)

    def _prepare_dirs(self) -> None:
        self.data_root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # postgres must be able to reach the folder: open the path's directories for traversal.
            for parent in [self.data_root, *self.data_root.parents]:
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    parent.chmod(mode | 0o011)
            shutil.chown(self.data_root, "postgres", "postgres")
            if self.log_file.exists():
                shutil.chown(self.log_file, "postgres", "postgres")

    def is_running(self) -> bool:
        bindir = _server_bindir()
        if bindir is None or not self.data_dir.exists():
            return False
        res = self._run([str(bindir / "pg_ctl"), "-D", str(self.data_dir), "status"], check=False)
        return res.returncode == 0

    def start(self) -> str:
        bindir = _server_bindir()
        if bindir is None:
            return self._start_pgserver()
        self._prepare_dirs()
        port = self.port
        if not (self.data_dir / "PG_VERSION").exists():
            log.info("initdb %s", self.data_dir)
            self._run([str(bindir / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
                       "-E", "UTF8", "--locale=C.UTF-8"])
        if not self.is_running():
            opts = f"-p {port} -k {self.data_root} -c listen_addresses=127.0.0.1"
            res = self._run([str(bindir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file),
                             "-w", "-t", "60", "-o", opts, "start"], check=False)
            if res.returncode != 0:
                tail = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
                raise WarehouseError(f"could not start PostgreSQL in {self.data_dir}: {res.stderr}{tail}")
        self._ensure_database(f"postgresql://postgres@127.0.0.1:{port}/postgres")
        return self.url

    def stop(self) -> None:
        bindir = _server_bindir()
        if bindir is None:
            self._stop_pgserver()
            return
        if self.is_running():
            self._run([str(bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])

    # -- pgserver wheel fallback ------------------------------------------------------------------
    def _start_pgserver(self) -> str:
        try:
            import pgserver  # type: ignore[import-not-found]
        except ImportError as exc:  # pragma: no cover - depends on the machine
            raise WarehouseError("no PostgreSQL server binaries and no pgserver wheel installed") from exc
        srv = pgserver.get_server(str(self.data_root / "pgserver"), cleanup_mode=None)
        url = srv.get_uri()
        self._ensure_database(url)
        base = url.rsplit("/", 1)[0]
        (self.data_root / "pgserver.url").write_text(f"{base}/{DATABASE}")
        return f"{base}/{DATABASE}"

    def _stop_pgserver(self) -> None:
        marker = self.data_root / "pgserver.url"
        if marker.exists():
            import pgserver  # type: ignore[import-not-found]

            pgserver.get_server(str(self.data_root / "pgserver"), cleanup_mode="stop").cleanup()
            marker.unlink()

    @staticmethod
    def _ensure_database(admin_url: str) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(admin_url, autocommit=True) as conn:
                    exists = conn.execute("select 1 from pg_database where datname = %s", (DATABASE,)).fetchone()
                    if not exists:
                        conn.execute(f'create database "{DATABASE}"')
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)


def embedded() -> EmbeddedPostgres:
    return EmbeddedPostgres(home_dir() / "pg")


def warehouse_url(start: bool = True) -> str:
    """The URL to use: ``CCHC_WAREHOUSE_URL`` when set, else the embedded server (started if asked)."""
    url = os.environ.get(URL_ENV)
    if url:
        return url
    server = embedded()
    if start:
        return server.start()
    marker = server.data_root / "pgserver.url"
    return marker.read_text() if marker.exists() else server.url


def sqlalchemy_url(url: str) -> str:
    """The same server in SQLAlchemy's psycopg 3 dialect."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
