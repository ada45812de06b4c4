"""Fault suite, input half (issue 7): one quarter's inbox holding good reports next to every kind of bad file.

The real ``cchc run`` (Airflow dag.test → readers → raw → GX gate → dbt → mart gate → publish, on the session's
PostgreSQL), run twice on one module-scoped warehouse, reads an inbox of six good reports, written with the demo
generator's template from known figures in six encodings/containers (UTF-8 NFC, UTF-16, Windows-1258, NFD, a
DOCX named .txt, a text named .docx), and six bad files (a truncated DOCX, an XLSX whose worksheet part is cut
short, a zip bomb, binary junk, an empty file, a 200 MB text file). The tests then check what landed where: each
bad file quarantined with a reason naming it and its cause, each good report's facts exactly as the UTF-8 NFC
twin of its text gives them, the known figures in the published marts, and a second identical run that changes
no row (row counts and checksums of raw, quality, quarantine and marts).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.conftest import REPO, cli_env, new_database
from tests.test_pipeline_e2e import cchc, rows
from tests.warehouse_checks import fingerprint_diff, table_fingerprints

sys.path.insert(0, str(REPO / "tools"))
import make_demo_inbox as demo

QUARTER = "2024Q1"
PERIOD = demo.PERIOD["Q1"]
MB = 1024 * 1024
HUGE_MB = 200


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word wrote it: base letters with their shape marks precomposed (â ê ô ơ ư ă),
    tone marks as separate combining characters (the code page has no precomposed toned vowels)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
        shape = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        out += shape.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def utf8_text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def cu_pang_lines(f: dict[str, float]) -> list[str]:
    """A commune report of xã Cư Pang (Krông Mơ): the demo template's commune text with the place renamed."""
    text = "\n".join(demo.narrative("UBND xã Ea Tiêu", "Q1", f))
    for old, new in (("EA TIÊU", "CƯ PANG"), ("Ea Tiêu", "Cư Pang"), ("EA LÂM", "KRÔNG MƠ"), ("Ea Lâm", "Krông Mơ")):
        text = text.replace(old, new)
    return text.split("\n")


@dataclass(frozen=True)
class Good:
    name: str
    unit_key: str
    unit: str
    figures: dict[str, float]
    lines: list[str]
    kind: str  # how the file is written

    @property
    def twin_name(self) -> str:
        return Path(self.name).stem + (".docx" if self.kind == "docx" else ".txt")


CU_PANG_FIGURES = dict(new=377, online=190, resolved=360, early=250, on_time=104, late=6, in_progress=17,
                       cs_quota=20, cs_actual=19, edoc=94.0)


def good_reports() -> list[Good]:
    f = demo.FIGURES
    return [
        Good("ea_lam_utf8.txt", "ngoc_son.ea_lam", "UBND huyện Ea Lâm", f["UBND huyện Ea Lâm"]["Q1"],
             demo.narrative("UBND huyện Ea Lâm", "Q1", f["UBND huyện Ea Lâm"]["Q1"]), "utf-8"),
        Good("krong_mo_utf16.txt", "ngoc_son.krong_mo", "UBND huyện Krông Mơ", f["UBND huyện Krông Mơ"]["Q1"],
             demo.narrative("UBND huyện Krông Mơ", "Q1", f["UBND huyện Krông Mơ"]["Q1"]), "utf-16"),
        Good("ea_tieu_cp1258.txt", "ngoc_son.ea_lam.ea_tieu", "UBND xã Ea Tiêu", f["UBND xã Ea Tiêu"]["Q1"],
             demo.narrative("UBND xã Ea Tiêu", "Q1", f["UBND xã Ea Tiêu"]["Q1"]), "cp1258"),
        Good("vp_ubnd_nfd.txt", "ngoc_son.vp_ubnd", "Văn phòng UBND tỉnh Ngọc Sơn",
             f["Văn phòng UBND tỉnh Ngọc Sơn"]["Q2"],
             demo.narrative("Văn phòng UBND tỉnh Ngọc Sơn", PERIOD, f["Văn phòng UBND tỉnh Ngọc Sơn"]["Q2"]), "nfd"),
        Good("so_noi_vu_word.txt", "ngoc_son.so_noi_vu", "Sở Nội vụ tỉnh Ngọc Sơn",
             f["Sở Nội vụ tỉnh Ngọc Sơn"]["Q1"],
             demo.narrative("Sở Nội vụ tỉnh Ngọc Sơn", "Q1", f["Sở Nội vụ tỉnh Ngọc Sơn"]["Q1"]), "docx"),
        Good("cu_pang_text.docx", "ngoc_son.krong_mo.cu_pang", "UBND xã Cư Pang", CU_PANG_FIGURES,
             cu_pang_lines(CU_PANG_FIGURES), "utf-8"),
    ]


def write_good(path: Path, good: Good) -> None:
    text = utf8_text(good.lines)
    if good.kind == "utf-8":
        path.write_bytes(text.encode("utf-8"))
    elif good.kind == "utf-16":
        path.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Notepad saves "Unicode"
    elif good.kind == "cp1258":
        path.write_bytes(to_cp1258(text))
    elif good.kind == "nfd":
        path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    elif good.kind == "docx":
        demo.write_docx(path, good.lines, demo.form_rows(good.figures))
    else:
        raise ValueError(good.kind)


def write_twin(path: Path, good: Good) -> None:
    """The same report as plain UTF-8 NFC (a DOCX stays a DOCX, under its proper extension)."""
    if good.kind == "docx":
        demo.write_docx(path, good.lines, demo.form_rows(good.figures))
    else:
        path.write_bytes(utf8_text(good.lines).encode("utf-8"))


@dataclass(frozen=True)
class Bad:
    name: str
    causes: tuple[str, ...]  # phrases the quarantine reason must contain (besides the file name)


BAD = [
    Bad("hong_cat_cut.docx", ("corrupt Office file", "not a readable zip container")),
    Bad("hong_bieu_mau.xlsx", ("corrupt XLSX", "cannot read the sheets")),
    Bad("bom_nen.docx", ("word/document.xml", "limit 200x", "zip bomb")),
    Bad("rac_nhi_phan.txt", ("binary data", "not text")),
    Bad("rong.txt", ("empty file", "0 bytes")),
    Bad("qua_lon.txt", (f"{HUGE_MB}.00 MB", "50 MB limit", "CCHC_MAX_FILE_MB")),
]


def write_bad(folder: Path, scratch: Path) -> None:
    """The bad files of the issue, each small on disk except the (sparse) 200 MB one."""
    ea_lam = demo.narrative("UBND huyện Ea Lâm", "Q1", demo.FIGURES["UBND huyện Ea Lâm"]["Q1"])
    # a DOCX cut short in transfer: no central directory
    full = scratch / "whole.docx"
    demo.write_docx(full, ea_lam, demo.form_rows(demo.FIGURES["UBND huyện Ea Lâm"]["Q1"]))
    data = full.read_bytes()
    (folder / "hong_cat_cut.docx").write_bytes(data[: len(data) // 2])
    # an XLSX statistical form whose worksheet part was cut short (the zip itself is intact)
    form = scratch / "whole.xlsx"
    demo.write_xlsx(form, "UBND huyện Ea Lâm", "Q1", demo.form_rows(demo.FIGURES["UBND huyện Ea Lâm"]["Q1"]))
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(folder / "hong_bieu_mau.xlsx", "w") as dst:
        for name in src.namelist():
            part = src.read(name)
            dst.writestr(name, part[: len(part) // 2] if name.startswith("xl/worksheets/") else part)
    # a zip bomb: one 64 MB member of zeros, about 64 KB on disk
    with zipfile.ZipFile(folder / "bom_nen.docx", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", bytes(64 * MB))
    (folder / "rac_nhi_phan.txt").write_bytes(random.Random(7).randbytes(64 * 1024))
    (folder / "rong.txt").write_bytes(b"")
    # 200 MB: a real report's text, then a sparse tail (no disk blocks, no time to write)
    with (folder / "qua_lon.txt").open("wb") as fh:
        fh.write(utf8_text(ea_lam).encode("utf-8"))
        fh.truncate(HUGE_MB * MB)


def build_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    folder = inbox / QUARTER
    folder.mkdir(parents=True)
    scratch = root / "scratch"
    scratch.mkdir()
    for good in good_reports():
        write_good(folder / good.name, good)
    write_bad(folder, scratch)
    return inbox


SCHEMAS = ("raw", "quality", "quarantine", "marts")


@dataclass
class FaultRun:
    url: str
    inbox: Path
    twins: Path
    first: subprocess.CompletedProcess
    second: subprocess.CompletedProcess | None
    before: dict[str, tuple[int, str]]
    after: dict[str, tuple[int, str]]


@pytest.fixture(scope="module")
def faults_run(pg_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultRun]:
    """The quarter run twice over the faulty inbox (one database, one CCHC_HOME; the extraction cache is emptied
    between the runs so that the second one reads every file again). Fingerprints are taken after each run."""
    root = tmp_path_factory.mktemp("faults")
    inbox = build_inbox(root)
    twins = root / "twins"
    twins.mkdir()
    for good in good_reports():
        write_twin(twins / good.twin_name, good)
    home = root / "home"
    with new_database(pg_server) as url:
        env = cli_env(url, home)
        first = cchc("run", "--quarter", QUARTER, "--inbox", str(inbox), env=env)
        second, before, after = None, {}, {}
        if first.returncode == 0:
            before = table_fingerprints(url, SCHEMAS)
            shutil.rmtree(home / "cache", ignore_errors=True)
            second = cchc("run", "--quarter", QUARTER, "--inbox", str(inbox), env=env)
            after = table_fingerprints(url, SCHEMAS)
        yield FaultRun(url, inbox, twins, first, second, before, after)


def files_by_status(url: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, status in rows(url, "select file_name, status from raw.files where batch_quarter = %s", QUARTER):
        out.setdefault(status, set()).add(name)
    return out


def test_the_quarter_succeeds_and_every_file_is_accounted_for(faults_run: FaultRun):
    assert faults_run.first.returncode == 0, faults_run.first.stderr[-4000:]
    assert f"Quarter {QUARTER}" in faults_run.first.stdout
    # every file of the inbox has its row: the good ones loaded, the bad ones rejected, none missing
    assert files_by_status(faults_run.url) == {"ok": {g.name for g in good_reports()},
                                               "rejected": {b.name for b in BAD}}
    reports = rows(faults_run.url, "select file_name, reporting_unit from raw.reports where batch_quarter = %s",
                   QUARTER)
    assert sorted(reports) == sorted((g.name, g.unit) for g in good_reports())
    # the gate let every good report through: nothing of theirs sits in quarantine
    assert rows(faults_run.url, "select count(*) from quarantine.reports") == [(0,)]
    assert rows(faults_run.url, "select count(*) from quarantine.facts") == [(0,)]


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_bad_file_is_quarantined_with_a_reason_naming_it(faults_run: FaultRun, bad: Bad):
    quarantined = rows(faults_run.url, "select batch_quarter, reason from quarantine.files where file_name = %s",
                       bad.name)
    assert len(quarantined) == 1, quarantined
    quarter, reason = quarantined[0]
    assert quarter == QUARTER
    assert reason.startswith(f"{bad.name}: ")
    for cause in bad.causes:
        assert cause in reason, (cause, reason)
    # raw.files keeps the same reason for the audit trail, and nothing of the file reached raw.reports
    assert rows(faults_run.url, "select status, error from raw.files where file_name = %s", bad.name) == [
        ("rejected", reason)]
    assert rows(faults_run.url, "select count(*) from raw.reports where file_name = %s", bad.name) == [(0,)]
    # the person running the quarter sees the same reason in the command's output
    assert f"rejected {reason}" in faults_run.first.stdout + faults_run.first.stderr


FACT_COLUMNS = ("indicator", "scope", "value", "unit", "source", "line", "snippet", "locator", "note")


@pytest.mark.parametrize("good", good_reports(), ids=[g.name for g in good_reports()])
def test_good_report_lands_exactly_like_its_utf8_twin(faults_run: FaultRun, good: Good):
    """UTF-16, Windows-1258, NFD, a DOCX named .txt and a text named .docx give the warehouse the very facts
    (values, lines, snippets, locators) and metadata that the same report as UTF-8 NFC gives."""
    from ingest.extract import extract_file

    twin = extract_file(faults_run.twins / good.twin_name)
    assert twin.status == "ok" and twin.facts, twin.error
    landed = rows(faults_run.url, f"""select {", ".join(f"f.{c}" for c in FACT_COLUMNS)}
                                      from raw.facts f join raw.reports r using (report_id)
                                      where r.file_name = %s order by f.ordinal""", good.name)
    assert landed == [tuple(getattr(f, c) for c in FACT_COLUMNS) for f in twin.facts]
    report = rows(faults_run.url, "select report_json from raw.reports where file_name = %s", good.name)
    assert report == [(twin.report.model_dump(mode="json", by_alias=True),)]
    assert all(unicodedata.is_normalized("NFC", s) for (s,) in rows(
        faults_run.url, "select f.snippet from raw.facts f join raw.reports r using (report_id) where r.file_name = %s",
        good.name))
    if good.kind == "docx":  # read as the Word document it is: lines carry the DOCX locators
        assert all(loc for *_, loc, _ in landed)
    elif good.name.endswith(".docx"):  # a text file named .docx is read as text
        assert not any(loc for *_, loc, _ in landed)


@pytest.mark.parametrize("good", good_reports(), ids=[g.name for g in good_reports()])
def test_known_figures_are_published(faults_run: FaultRun, good: Good):
    f = good.figures
    published = rows(faults_run.url, """select tthc_cases_resolved, tthc_cases_resolved_early,
                                               tthc_cases_resolved_on_time, tthc_cases_resolved_late
                                        from marts.fct_tthc_cases
                                        where unit_key = %s and period_grain = 'quarter' and period_key = %s
                                          and scope = 'all'""", good.unit_key, QUARTER)
    assert published == [(f["resolved"], f["early"], f["on_time"], f["late"])]


def test_province_total_counts_the_good_reports_and_no_bad_file(faults_run: FaultRun):
    """The province's resolved cases add the provincial bodies and the districts; communes are inside their
    district's figure (not added again). The bad files, whose text is Ea Lâm's report too, add nothing."""
    goods = {g.unit_key: g.figures for g in good_reports()}
    (value, counted, excluded), = rows(faults_run.url, """select value, counted_unit_keys, excluded_unit_keys
                                                          from marts.fct_province_quarter
                                                          where quarter_key = %s
                                                            and indicator_code = 'tthc_cases_resolved'""", QUARTER)
    assert set(counted) == {k for k in goods if k.count(".") == 1}
    assert set(excluded) == {k for k in goods if k.count(".") == 2}
    assert value == sum(goods[k]["resolved"] for k in counted)


def test_second_identical_run_changes_no_row(faults_run: FaultRun):
    assert faults_run.second is not None and faults_run.second.returncode == 0, (
        faults_run.second.stderr[-4000:] if faults_run.second else "first run failed")
    before = faults_run.before
    # the fingerprints cover real content: the rows the first run wrote
    assert before["raw.files"][0] == len(BAD) + len(good_reports())
    assert before["raw.reports"][0] == len(good_reports())
    assert before["quarantine.files"][0] == len(BAD)
    assert before["raw.facts"][0] > 0 and before["marts.fct_tthc_cases"][0] > 0
    assert before["quality.fact_status"][0] == before["raw.facts"][0]
    assert fingerprint_diff(before, faults_run.after) == {}


def test_oversized_file_and_zip_bomb_are_refused_in_bounded_memory(tmp_path: Path):
    """The 200 MB file is hashed in chunks and refused on its size; the bomb on its member sizes: neither is
    read or unpacked whole (Python's own allocations stay far below the files' sizes)."""
    from ingest.extract import extract_file

    folder = tmp_path / "bad"
    folder.mkdir()
    write_bad(folder, tmp_path)
    for name in ("qua_lon.txt", "bom_nen.docx"):
        tracemalloc.start()
        try:
            result = extract_file(folder / name)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert result.status == "rejected" and result.error.startswith(f"{name}: ")
        assert peak < 8 * MB, f"{name}: peak {peak / MB:.1f} MB"


def test_fingerprints_see_a_lost_a_duplicated_and_a_changed_row(fresh_db: str):
    """The checksum helper itself: blind to what a rerun legitimately changes (sequence ids, times, run ids,
    physical order), not to a lost, duplicated or changed row."""
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("create schema raw; create table raw.t (id serial, k text, v float, at timestamptz default now(),"
                     " run_id text)")
        conn.execute("insert into raw.t (k, v, run_id) values ('a', 1.5, 'r1'), ('b', 2, 'r1')")
        before = table_fingerprints(fresh_db)
        assert set(before) == {"raw.t"} and before["raw.t"][0] == 2
        conn.execute("delete from raw.t; insert into raw.t (k, v, run_id) values ('b', 2, 'r2'), ('a', 1.5, 'r2')")
        assert table_fingerprints(fresh_db) == before
        conn.execute("insert into raw.t (k, v) values ('a', 1.5)")  # duplicated
        assert fingerprint_diff(before, table_fingerprints(fresh_db))["raw.t"][1][0] == 3
        conn.execute("delete from raw.t where k = 'a'")  # both copies lost
        assert table_fingerprints(fresh_db)["raw.t"][0] == 1
        conn.execute("insert into raw.t (k, v) values ('a', 1.25)")  # back to two rows, one value changed
        after = table_fingerprints(fresh_db)
        assert after["raw.t"][0] == 2 and after != before
