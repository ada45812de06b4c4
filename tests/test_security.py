"""Security (issue 7): what the BI role can touch, where secrets come from, and that the inbox cannot be escaped.

One real ``cchc run`` over a flat inbox holding one good report and links that lead outside it (to /etc/passwd,
to another unit's report, to a folder of reports, to /dev/zero) publishes the marts the project's own way
(dbt build into marts_build, mart gate, publish with the BI grants); the BI tests then log in with a test login
that is granted the project's NOLOGIN ``cchc_bi`` role, exactly as a deployment grants it to Metabase's login.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import yaml
from psycopg import errors, sql

from tests.conftest import REPO, cli_env, new_database
from tests.test_pipeline_e2e import cchc, rows

sys.path.insert(0, str(REPO / "tools"))
import make_demo_inbox as demo

QUARTER = "2024Q1"
PASSWD = Path("/etc/passwd")
OUTSIDE_MARKER = "NGOAI-HOP-THU-7f3a"  # text only the files outside the inbox contain
LEGACY_NAME = os.fsdecode("báo_cáo_snv.txt".encode("cp1258"))


def write_report(path: Path, unit: str, marker: str = "") -> None:
    lines = demo.narrative(unit, "Q1", demo.FIGURES[unit]["Q1"])
    demo.write_txt(path, [*lines, marker] if marker else lines)


@dataclass
class Published:
    url: str
    home: Path
    inbox: Path
    links: dict[str, Path]
    proc: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def published(pg_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    root = tmp_path_factory.mktemp("security")
    inbox, outside = root / "inbox", root / "outside"
    inbox.mkdir()
    outside.mkdir()
    write_report(inbox / "ea_lam.txt", "UBND huyện Ea Lâm")
    write_report(outside / "krong_mo.txt", "UBND huyện Krông Mơ", OUTSIDE_MARKER)
    write_report(outside / "so_noi_vu.txt", "Sở Nội vụ tỉnh Ngọc Sơn", OUTSIDE_MARKER)
    links = {"passwd.txt": PASSWD, "bao_cao_ngoai.txt": outside / "krong_mo.txt",
             "thu_muc_ngoai": outside, "zero.txt": Path("/dev/zero")}
    for name, target in links.items():
        (inbox / name).symlink_to(target)
    # a report inside, named in Windows-1258 bytes (not UTF-8): refused by name, and the quarter still runs
    write_report(inbox / LEGACY_NAME, "Sở Nội vụ tỉnh Ngọc Sơn")
    home = root / "home"
    with new_database(pg_server) as url:
        env = cli_env(url, home)
        proc = cchc("run", "--quarter", QUARTER, "--inbox", str(inbox), env=env)
        yield Published(url, home, inbox, links, proc)


# --- (a) the BI role ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bi_url(published: Published) -> Iterator[str]:
    """A login granted the project's cchc_bi role (the role itself is NOLOGIN, see the next test)."""
    assert published.proc.returncode == 0, published.proc.stderr[-4000:]
    login = f"t_bi_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(published.url, autocommit=True) as conn:
        conn.execute(sql.SQL("create role {} login inherit in role cchc_bi").format(sql.Identifier(login)))
    yield published.url.replace("postgresql://postgres@", f"postgresql://{login}@", 1)
    with psycopg.connect(published.url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop role {}").format(sql.Identifier(login)))


def relations(url: str) -> list[tuple[str, str]]:
    """Every table, view and materialised view outside the system schemas."""
    return rows(url, """select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where c.relkind in ('r', 'p', 'v', 'm', 'f')
                          and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_'
                        order by 1, 2""")


def test_bi_role_is_created_nologin_and_unprivileged(published: Published):
    assert published.proc.returncode == 0, published.proc.stderr[-4000:]
    assert rows(published.url, """select rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication,
                                         rolbypassrls from pg_roles where rolname = 'cchc_bi'""") == [
        (False, False, False, False, False, False)]
    # it belongs to no other role (no pg_read_all_data, no pg_write_all_data, no owner role)
    assert rows(published.url, """select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member
                                  where r.rolname = 'cchc_bi'""") == [(0,)]


def test_bi_reads_every_published_mart(published: Published, bi_url: str):
    marts = [t for s, t in relations(published.url) if s == "marts"]
    assert "fct_province_quarter" in marts and "fct_tthc_cases" in marts
    with psycopg.connect(bi_url, autocommit=True) as conn:
        for table in marts:
            (n,) = conn.execute(sql.SQL("select count(*) from {}").format(sql.Identifier("marts", table))).fetchone()
            assert rows(published.url, f'select count(*) from marts."{table}"') == [(n,)]
        resolved = conn.execute("select value from marts.fct_province_quarter "
                                "where indicator_code = 'tthc_cases_resolved'").fetchall()
        assert resolved == [(demo.FIGURES["UBND huyện Ea Lâm"]["Q1"]["resolved"],)]


def test_bi_cannot_read_anything_but_the_marts(published: Published, bi_url: str):
    others = [(s, t) for s, t in relations(published.url) if s != "marts"]
    schemas = {s for s, _ in others}
    assert {"raw", "quality", "quarantine", "marts_build"} <= schemas, schemas
    assert ("raw", "facts") in others and ("quarantine", "files") in others
    readable = []
    with psycopg.connect(bi_url, autocommit=True) as conn:
        for schema, table in others:
            try:
                conn.execute(sql.SQL("select * from {} limit 1").format(sql.Identifier(schema, table)))
                readable.append(f"{schema}.{table}")
            except errors.InsufficientPrivilege:
                pass
    assert readable == []


WRITES = [
    "insert into marts.fct_tthc_cases select * from marts.fct_tthc_cases limit 1",
    "update marts.fct_tthc_cases set tthc_cases_new = 0",
    "delete from marts.fct_province_quarter",
    "truncate marts.fct_indicator_values",
    "alter table marts.fct_tthc_cases add column x int",
    "drop table marts.dim_period",
    "create table marts.x (k int)",
    "create view marts.v as select 1 as k",
    "create table public.x (k int)",
    "create function public.f() returns int language sql as 'select 1'",
    "create table raw.x (k int)",
    "insert into raw.facts select * from raw.facts limit 1",
    "delete from quarantine.files",
    "create table quarantine.x (k int)",
    "update quality.report_status set status = 'accepted'",
    "create table marts_build.x (k int)",
    "create schema bi_scratch",
    "set role postgres",
]


@pytest.mark.parametrize("statement", WRITES)
def test_bi_cannot_write_anywhere(published: Published, bi_url: str, statement: str):
    with psycopg.connect(bi_url, autocommit=True) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute(statement)
    # nothing changed: the published mart still holds its rows
    assert rows(published.url, "select count(*) > 0 from marts.fct_tthc_cases") == [(True,)]


# --- (b) secrets ----------------------------------------------------------------------------------------------

SECRET_KEY = r"(?:password|passwd|pass|pwd|secret|secret_key|fernet_key|jwt_secret|api_key|access_key|token)"
# key = value / key: value / "key": "value"
ASSIGNMENT = re.compile(
    rf"""(?ix) ["']? [\w.]*{SECRET_KEY} ["']? \s* (?:=|:) \s* (?P<q>["']?) (?P<value>[^\s"',;)}}]+) (?P=q)""")
SQL_PASSWORD = re.compile(r"(?i)\bpassword\s+'(?P<value>[^']*)'")
URL_CREDENTIALS = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://(?P<user>[^\s:/@'\"]+):(?P<pw>[^\s@/'\"]+)@(?P<host>[^\s/:'\"]+)")
PRIVATE_KEY = re.compile("-----BEGIN [A-Z ]*" + "PRIVATE KEY-----")
# a value that reads the secret from elsewhere: ${VAR} / $VAR / $(command), {{ env_var(...) }}, %(name)s, <placeholder>
REFERENCE = re.compile(r"^(?:\$|\{\{|%\(|<[\w-]+>$)")
RESERVED_HOSTS = re.compile(r"(?i)(?:^|\.)(?:example(?:\.com|\.org|\.net)?|test|invalid|localhost)$")
PLACEHOLDERS = {"password", "pass", "pw", "secret", "xxx", "***", "..."}  # as in 'user:password@host' of a docstring
# reviewed literals: fake credentials of unit tests (their URL's host is an RFC 2606 name)
ALLOWED = {("tests/test_dbt_build.py", "s:cret")}


def secret_literals(path: str, text: str) -> list[str]:
    """Literal secrets in one file's text, as 'path:line: what'. In Python only quoted values count (an unquoted
    value is an expression reading the secret from somewhere)."""
    found = []
    for no, line in enumerate(text.splitlines(), start=1):
        # shell-escaped quotes read as quotes; ${VAR} / ${VAR:?message} references are taken out whole
        plain = re.sub(r"\$\{[^}]*\}", "${}", line.replace('\\"', '"'))
        for m in URL_CREDENTIALS.finditer(plain):
            pw = m["pw"]
            if not REFERENCE.match(pw) and pw.lower() not in PLACEHOLDERS and not RESERVED_HOSTS.search(m["host"]):
                found.append(f"{path}:{no}: credentials in a URL for {m['host']}")
        values = [m["value"] for m in ASSIGNMENT.finditer(plain) if m["q"] or not path.endswith(".py")]
        values += [m["value"] for m in SQL_PASSWORD.finditer(plain)]
        for value in values:
            if len(value) >= 4 and "\\" not in value and not REFERENCE.match(value) and (path, value) not in ALLOWED:
                found.append(f"{path}:{no}: literal secret {value[:3]}…")
        if PRIVATE_KEY.search(plain):
            found.append(f"{path}:{no}: private key")
    return found


def test_secret_scanner_finds_planted_secrets():
    # assembled at run time, so that this file holds no secret-looking literal itself
    pw, key = "hunter" + "22", "pass" + "word"
    planted = "\n".join([
        "AIRFLOW__CORE__FERNET_" + "KEY: 46BKJoQYlPPOexq0OhDZnIlNepKFf87WFwLbfzqDDho=",
        "AIRFLOW__API_AUTH__JWT_" + "SECRET=s3cr3t-value",
        f'conn = "postgresql://cchc:{pw}' + '@db.prod.internal:5432/cchc"',
        f'{key} = "{pw}"',
        f'"{key}": "{pw}"',
        f"create role x login {key} '{pw}';",
        "-----BEGIN OPENSSH " + "PRIVATE KEY-----",
    ])
    assert len(secret_literals("deploy/x.yml", planted)) == 7
    assert len(secret_literals("deploy/x.yml", f"{key}: {pw}")) == 1
    assert len(secret_literals("ingest/x.py", f'{key} = "{pw}"')) == 1
    references = "\n".join([
        "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}",
        "url: postgresql://postgres:${POSTGRES_PASSWORD}@postgres:5432/cchc",
        "password: \"{{ env_var('CCHC_DBT_PASSWORD', '') }}\"",
        "create role cchc_bi login password '${CCHC_BI_PASSWORD}';",
        '\\"password\\": \\"$MB_ADMIN_PASSWORD\\"',
        "token=$(curl -fs http://mb/api/session/properties)",
        'env = "postgresql://bi:pw@db.example:6543/x"',
    ])
    assert secret_literals("deploy/x.sh", references) == []
    assert secret_literals("ingest/x.py", "password = parts.password or default_password()") == []


def test_no_secret_literal_is_tracked_by_git():
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    paths = [p for p in tracked.decode().split("\0") if p]
    assert len(paths) > 50
    found = []
    for path in paths:
        data = (REPO / path).read_bytes() if (REPO / path).is_file() else b""
        if b"\0" in data[:8192]:
            continue  # binary
        found += secret_literals(path, data.decode("utf-8", errors="replace"))
    assert found == []
    # no environment file or Airflow config (they hold the real secrets) is tracked, and git ignores .env
    assert not [p for p in paths if Path(p).name in (".env", "airflow.cfg", "webserver_config.py")]
    for env_file in (".env", "deploy/.env"):
        assert subprocess.run(["git", "check-ignore", "-q", env_file], cwd=REPO).returncode == 0, env_file


def test_compose_takes_every_secret_from_the_environment():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    checked = 0
    for name, service in compose["services"].items():
        env = service.get("environment") or {}
        items = env.items() if isinstance(env, dict) else (e.split("=", 1) for e in env)
        for key, value in items:
            value = str(value)
            if re.search(r"PASS|SECRET|KEY|TOKEN", key, re.I):
                checked += 1
                assert re.fullmatch(r"\$\{\w+(:\?[^}]*)?\}", value), f"{name}.{key} must be ${{VAR}}: {value!r}"
            for m in URL_CREDENTIALS.finditer(value):
                checked += 1
                assert re.fullmatch(r"\$\{\w+(:\?[^}]*)?\}", m["pw"]), f"{name}.{key}: password in the URL"
    assert checked >= 5


# --- (c) the inbox cannot be escaped --------------------------------------------------------------------------

def test_run_reads_nothing_outside_the_inbox(published: Published):
    proc = published.proc
    assert proc.returncode == 0, proc.stderr[-4000:]
    # the one report inside was loaded; no link target was read, not even into quarantine
    assert rows(published.url, "select file_name, status from raw.files") == [("ea_lam.txt", "ok")]
    assert rows(published.url, "select reporting_unit from raw.reports") == [("UBND huyện Ea Lâm",)]
    assert rows(published.url, "select count(*) from quarantine.files") == [(0,)]
    # a warning names each refused link
    output = proc.stdout + proc.stderr
    for name in published.links:
        assert f"ignoring {published.inbox / name}: it points outside the inbox" in output, name
    legacy = os.fsencode(published.inbox / LEGACY_NAME).decode("utf-8", "backslashreplace")
    assert f"ignoring {legacy}: its name is not valid UTF-8 (rename the file)" in output
    # nothing the run left behind (extraction cache, run files, Data Docs, dbt state) holds their text
    passwd_head = PASSWD.read_bytes().split(b"\n", 1)[0]
    assert passwd_head
    for path in published.home.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert passwd_head not in data and OUTSIDE_MARKER.encode() not in data, path


def test_discover_refuses_every_way_out(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    from ingest.pipeline import discover

    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    (inbox / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "r.txt").write_text("outside", encoding="utf-8")
    for name in ("a.txt", "bao..cao.txt", "sub/b.txt", ".hidden.txt"):
        (inbox / name).write_text("inside", encoding="utf-8")
    (inbox / "sub" / "to_a.txt").symlink_to("../a.txt")  # a link that stays inside is fine
    escapes = {"passwd.txt": PASSWD, "sub/up.txt": Path("../../outside/r.txt"), "dir": outside,
               "sub/root": Path("/"), "zero.txt": Path("/dev/zero")}
    for name, target in escapes.items():
        (inbox / name).symlink_to(target)
    os.mkfifo(inbox / "pipe.txt")  # never opened: reading it would block the run
    with caplog.at_level(logging.WARNING, logger="ingest.pipeline"):
        found = discover(inbox, QUARTER)
    assert sorted(p.relative_to(inbox).as_posix() for p in found) == ["a.txt", "bao..cao.txt", "sub/b.txt",
                                                                       "sub/to_a.txt"]
    refused = {r.args[0] for r in caplog.records if "points outside the inbox" in r.getMessage()}
    assert refused == {inbox / name for name in escapes}


def test_discover_refuses_a_name_that_is_not_utf8(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    """Such a name cannot be stored in the warehouse, written to a batch file or logged as text: it used to fail
    the whole quarter's extract task; it is now refused alone, with a warning that shows its bytes."""
    from ingest.pipeline import discover

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("inside", encoding="utf-8")
    (inbox / os.fsdecode(b"b\xe1o_c\xe1o.txt")).write_text("inside", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="ingest.pipeline"):
        assert discover(inbox, QUARTER) == [inbox / "ok.txt"]
    assert [r.getMessage() for r in caplog.records] == [
        f"ignoring {inbox}/b\\xe1o_c\\xe1o.txt: its name is not valid UTF-8 (rename the file)"]


@pytest.mark.parametrize("quarter_dir", ["../outside", "2024Q1"])
def test_quarter_folder_cannot_lead_out(tmp_path: Path, caplog: pytest.LogCaptureFixture, quarter_dir: str):
    """Neither a quarter value with '..' nor an inbox/<quarter> folder that is a link takes discover outside."""
    from ingest.pipeline import discover

    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "r.txt").write_text("outside", encoding="utf-8")
    (inbox / "2024Q1").symlink_to(outside)
    with caplog.at_level(logging.WARNING, logger="ingest.pipeline"):
        assert discover(inbox, quarter_dir) == []
    assert any("r.txt: it points outside the inbox" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("args", [["run", "--quarter", "../../etc"], ["backfill", "--from", "2024Q1", "--to", "../x"],
                                  ["report", "--quarter", "2024Q1/../../x"]])
def test_cli_refuses_a_quarter_that_is_a_path(tmp_path: Path, args: list[str]):
    home = tmp_path / "home"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}, "CCHC_HOME": str(home),
           "CCHC_WAREHOUSE_URL": "postgresql://nobody@127.0.0.1:9/none"}
    proc = cchc(*args, "--inbox" if args[0] != "report" else "--out", str(tmp_path / "x"), env=env, timeout=120)
    assert proc.returncode == 2  # a usage error, before anything runs
    assert "not a quarter" in proc.stderr and "Traceback" not in proc.stderr
    assert not home.exists() and not (tmp_path / "x").exists()
