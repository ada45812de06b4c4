"""`cchc report`: the SVG chart functions (unit tests), and the whole page on a real warehouse.

The warehouse test loads the hand-made province quarter of test_dbt_build (plus staffing, investment,
online and quality findings rows), builds the marts with the real dbt project, renders the page through the
CLI and opens it in headless Chromium: the dumped DOM must hold the charts, and every number on the bars and
cards must equal the marts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from lxml import etree, html

from ingest.quarter_report import build_quarter_report
from ingest.quarter_report.charts import (
    Bar,
    Segment,
    Series,
    column_chart,
    fmt_number,
    hbar_chart,
    stacked_bar,
)
from ingest.transform import build
from tests.test_dbt_build import _load_fixture

SVG_NS = {"s": "http://www.w3.org/2000/svg"}


# --- chart functions --------------------------------------------------------------------------------------
def _svg(markup: str) -> etree._Element:
    return etree.fromstring(markup.encode())  # must be well-formed XML


def test_number_format_is_vietnamese():
    assert fmt_number(1234567.891) == "1.234.568"
    assert fmt_number(1234567.891, 1) == "1.234.567,9"
    assert fmt_number(None) == "–"


def test_hbar_chart_values_widths_markers_and_escaping():
    bars = [Bar(key="a", label='Xã <A> & "B"', value=50.0, marker=80.0, note="5/10"),
            Bar(key="b", label="Huyện B", value=100.0),
            Bar(key="c", label="Không số", value=None, marker=30.0)]
    root = _svg(hbar_chart(bars, "Tỷ lệ", max_value=100, marker_label="reported"))
    rects = root.findall(".//s:rect[@class='bar']", SVG_NS)
    assert [r.get("data-key") for r in rects] == ["a", "b"]
    assert [float(r.get("data-value")) for r in rects] == [50.0, 100.0]
    assert float(rects[1].get("width")) == pytest.approx(2 * float(rects[0].get("width")))
    assert rects[0].get("data-label") == 'Xã <A> & "B"'
    markers = root.findall(".//s:line[@class='marker']", SVG_NS)
    assert [(m.get("data-key"), float(m.get("data-value"))) for m in markers] == [("a", 80.0), ("c", 30.0)]
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "50,0% (5/10)" in texts and "100,0%" in texts and "–" in texts
    assert root.get("data-empty") == "false"


def test_hbar_chart_axis_grows_past_max_value():
    root = _svg(hbar_chart([Bar(key="x", label="x", value=150.0), Bar(key="y", label="y", value=75.0)], "t",
                           max_value=100))
    widths = [float(r.get("width")) for r in root.findall(".//s:rect[@class='bar']", SVG_NS)]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_column_chart_heights_are_proportional_and_gaps_skipped():
    series = [Series(name="new", values=[400.0, None, 100.0]),
              Series(name="resolved", values=[200.0, 50.0, 0.0])]
    root = _svg(column_chart(["2023Q1", "2023Q2", "2023Q3"], series, "cases"))
    rects = root.findall(".//s:rect[@class='bar']", SVG_NS)
    got = {(r.get("data-series"), r.get("data-category")): r for r in rects}
    assert set(got) == {("new", "2023Q1"), ("new", "2023Q3"), ("resolved", "2023Q1"), ("resolved", "2023Q2"),
                        ("resolved", "2023Q3")}
    h = {k: float(r.get("height")) for k, r in got.items()}
    assert h[("new", "2023Q1")] == pytest.approx(4 * h[("new", "2023Q3")])
    assert h[("resolved", "2023Q1")] == pytest.approx(4 * h[("resolved", "2023Q2")])
    assert h[("resolved", "2023Q3")] == 0
    # bottoms aligned on the axis
    bottoms = {round(float(r.get("y")) + float(r.get("height")), 2) for r in rects}
    assert len(bottoms) == 1


def test_stacked_bar_shares_and_zero_segments():
    segs = [Segment(key="on_time", label="on time", value=3), Segment(key="late", label="late", value=0),
            Segment(key="missing", label="missing", value=1)]
    root = _svg(stacked_bar(segs, "coverage", width=420))
    rects = root.findall(".//s:rect[@class='bar']", SVG_NS)
    assert [r.get("data-key") for r in rects] == ["on_time", "missing"]
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] == pytest.approx(3 * widths[1]) and sum(widths) == pytest.approx(400)
    legend = [t.get("data-key") for t in root.findall(".//s:text[@class='legend']", SVG_NS)]
    assert legend == ["on_time", "late", "missing"]  # a zero count still appears in the legend


@pytest.mark.parametrize("markup", [
    hbar_chart([], "empty"),
    column_chart([], [], "empty"),
    column_chart(["2023Q1"], [Series(name="x", values=[None])], "empty"),
    stacked_bar([Segment(key="missing", label="m", value=0)], "empty"),
])
def test_empty_charts_say_no_data(markup: str):
    root = _svg(markup)
    assert root.get("data-empty") == "true"
    assert not root.findall(".//s:rect[@class='bar']", SVG_NS)
    assert "no data" in "".join(root.itertext())


# --- the page in a browser --------------------------------------------------------------------------------
def _chromium() -> str:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.fail("headless Chromium is required for the report test and was not found: install Debian's "
                "`chromium` package (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium")


def _browser(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", *extra, page.resolve().as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _dom(page: Path, tmp_path: Path) -> html.HtmlElement:
    return html.fromstring(_browser(page, tmp_path, "--dump-dom").stdout)


def _fl(text: str | None) -> float | None:
    return None if text in (None, "") else float(text)


ONLINE_REPORT = [f"Dòng {i}: nội dung báo cáo" for i in range(1, 31)]
ONLINE_REPORT[13] = "Hồ sơ tiếp nhận trực tuyến: 600 hồ sơ"  # line 14


def _add_extras(url: str, inbox: Path) -> None:
    """Facts the dbt fixture lacks (staffing, investment, online cases, a stated on-time rate), one report
    still in the inbox and quality findings pointing at lines."""
    (inbox / "ealam_v2.txt").write_text("\n".join(ONLINE_REPORT) + "\n", encoding="utf-8")
    extras = {
        "sha_ealam_v2": [("tthc_cases_new", 1200, "documents"), ("tthc_cases_online", 600, "documents"),
                         ("tthc_on_time_rate_pct", 91, "percent"), ("civil_servant_actual", 45, "people"),
                         ("civil_servant_quota", 50, "people"),
                         ("public_investment_plan_vnd_million", 50000, "vnd_million"),
                         ("public_investment_disbursed_vnd_million", 20000, "vnd_million")],
        "sha_snv_h1": [("civil_servant_actual", 51, "people")],
    }
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("update raw.files set file_path = %s where file_sha256 = 'sha_ealam_v2'",
                     (str(inbox / "ealam_v2.txt"),))
        for rid, facts in extras.items():
            start, batch = conn.execute("select max(ordinal), min(batch_quarter) from raw.facts"
                                        " where report_id = %s", (rid,)).fetchone()
            for i, (code, value, unit) in enumerate(facts, start=start + 1):
                fid = f"{rid}:{i}"
                conn.execute(
                    """insert into raw.facts (fact_id, report_id, ordinal, batch_quarter, indicator, scope,
                         value, unit, source, line, snippet)
                       values (%s, %s, %s, %s, %s, 'all', %s, %s, 'narrative', 14, %s)""",
                    (fid, rid, i, batch, code, value, unit, f"{code} {value}"))
                conn.execute("insert into quality.fact_status (fact_id, report_id, batch_quarter, status)"
                             " values (%s, %s, %s, 'accepted')", (fid, rid, batch))
        findings = [
            ("sha_ealam_v2", "ealam_v2.docx", "UBND huyện Ea Lâm", "W2", "warning", 14),
            ("sha_vp_q2", "vp_q2.docx", "Văn phòng UBND tỉnh Ngọc Sơn", "H3", "hard", 13),
            ("sha_vp_q2", "vp_q2.docx", "Văn phòng UBND tỉnh Ngọc Sơn", "H3", "hard", None),
        ]
        for rid, fname, unit, rule, sev, line in findings:
            conn.execute(
                """insert into quality.findings (batch_quarter, run_id, report_id, file_name, reporting_unit,
                     rule_id, severity, line, message_vi, message_en)
                   values ('2023Q2', 'test', %s, %s, %s, %s, %s, %s, %s, %s)""",
                (rid, fname, unit, rule, sev, line, f"Quy tắc {rule} vi phạm ở <dòng {line}>",
                 f"Rule {rule} broken at <line {line}>"))


def _marts(url: str, sql: str, **params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def test_report_page_in_chromium_matches_marts(fresh_db: str, tmp_path: Path, monkeypatch, capsys):
    url = fresh_db
    monkeypatch.setenv("CCHC_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CCHC_WAREHOUSE_URL", url)
    _chromium()  # fail early and clearly when the browser is missing
    _load_fixture(url)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _add_extras(url, inbox)
    result = build(url, "2023Q2")
    assert result.success, result.log_tail

    from ingest.cli import main

    out = tmp_path / "report"
    assert main(["report", "--quarter", "2023q2", "--out", str(out)]) == 0
    index = Path(capsys.readouterr().out.strip())
    assert index == (out / "index.html").resolve() and index.is_file()
    dom = _dom(index, tmp_path)
    shot = tmp_path / "report.png"
    _browser(index, tmp_path, "--hide-scrollbars", "--window-size=1100,3000", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    assert "Quý II/2023" in dom.findtext(".//h1") and "Ngọc Sơn" in dom.findtext(".//h1")
    charts = {svg.get("data-chart") for svg in dom.xpath("//svg[@data-chart]")}
    assert {"hbar", "columns", "stacked"} <= charts

    def bars(section: str) -> list[html.HtmlElement]:
        return dom.xpath(f"//section[@id='{section}']//svg//rect[contains(@class, 'bar')]")

    # on-time rate per unit: recomputed value on the bar, the stated rate as the marker
    want = {f"{u}|{s}": (v, r) for u, s, v, r in _marts(
        url, "select unit_key, scope, tthc_on_time_rate_pct, tthc_on_time_rate_pct_reported"
             " from marts.fct_tthc_cases where quarter_key = '2023Q2' and period_grain = 'quarter'"
             " and tthc_on_time_rate_pct is not null")}
    got = {b.get("data-key"): (_fl(b.get("data-value")), _fl(b.get("data-marker"))) for b in bars("on-time")}
    assert got == want and len(want) >= 3
    assert got["ngoc_son.ea_lam|all"] == (90.0, 91.0)

    # cases per quarter: the province's new / resolved for this quarter and the earlier one
    want_cases = {}
    for q, code, value in _marts(url, "select quarter_key, indicator_code, value"
                                      " from marts.fct_province_quarter where quarter_key <= '2023Q2'"
                                      " and indicator_code in ('tthc_cases_new', 'tthc_cases_resolved')"):
        want_cases[(q, "new" if code == "tthc_cases_new" else "resolved")] = value
    got_cases = {(b.get("data-category"), b.get("data-series").split("/ ")[-1]): _fl(b.get("data-value"))
                 for b in bars("cases")}
    assert got_cases == want_cases and {q for q, _ in got_cases} == {"2023Q1", "2023Q2"}

    # staffing fill: actual / quota per unit
    staff = {r.get("data-key"): (_fl(r.get("data-actual")), _fl(r.get("data-quota")))
             for r in dom.xpath("//table[@data-table='staffing']//tr[@data-key]")}
    want_staff = {f"{u}|{s}|civil_servant": (a, q) for u, s, a, q in _marts(
        url, "select unit_key, scope, civil_servant_actual, civil_servant_quota from marts.fct_staffing"
             " where quarter_key = '2023Q2' and period_grain = 'quarter'"
             " and coalesce(civil_servant_actual, civil_servant_quota) is not null")}
    assert staff == want_staff and "ngoc_son.ea_lam|all|civil_servant" in staff
    fill = {b.get("data-key"): _fl(b.get("data-value")) for b in bars("staffing")}
    for key, (actual, quota) in staff.items():
        if actual is not None and quota:
            assert fill[key] == pytest.approx(100 * actual / quota)

    # public-investment disbursement and online share per unit
    per_unit = (("disbursement", "fct_public_finance", "public_investment_disbursement_pct"),
                ("online", "fct_tthc_cases", "tthc_online_rate_pct"))
    for section, table, column in per_unit:
        want = {f"{u}|{s}": v for u, s, v in _marts(
            url, f"select unit_key, scope, {column} from marts.{table} where quarter_key = '2023Q2'"
                 " and period_grain = 'quarter'"
                 f" and {column} is not null")}
        got = {b.get("data-key"): _fl(b.get("data-value")) for b in bars(section)}
        assert got == want and want, section
    assert {b.get("data-key"): _fl(b.get("data-value")) for b in bars("disbursement")} == {
        "ngoc_son.ea_lam|all": 40.0}

    # report coverage: units per status
    want_cov = dict(_marts(url, "select coverage_status, count(*) from marts.fct_report_coverage"
                                " where quarter_key = '2023Q2' group by 1"))
    got_cov = {b.get("data-key"): int(_fl(b.get("data-value"))) for b in bars("coverage")}
    assert got_cov == want_cov and want_cov.get("missing", 0) >= 1

    # headline cards = province-wide marts
    for card in dom.xpath("//div[@data-province='Ngọc Sơn']/div[@data-indicator]"):
        code = card.get("data-indicator")
        if code == "units_reporting":
            assert int(card.get("data-value")) == sum(n for s, n in want_cov.items() if s != "missing")
            continue
        rows = _marts(url, "select value from marts.fct_province_quarter where province = 'Ngọc Sơn'"
                           " and quarter_key = '2023Q2' and indicator_code = %(c)s", c=code)
        assert _fl(card.get("data-value")) == (rows[0][0] if rows else None), code

    # top quality issues: every finding, hard first, linked to its source line
    rows = dom.xpath("//table[@data-table='findings']/tbody/tr")
    assert [r.get("data-rule") for r in rows] == ["H3", "H3", "W2"]
    assert "Rule W2 broken at <line 14>" in rows[2].text_content()
    assert "Quy tắc W2 vi phạm" in rows[2].text_content()
    link = rows[2].xpath(".//a[@class='source-link']")[0].get("href")
    assert link == "sources/sha_ealam_v2.html#L14"
    source = html.fromstring((out / link.split("#")[0]).read_text(encoding="utf-8"))
    line = source.xpath("//li[@id='L14']")[0]
    assert line.text_content().endswith(ONLINE_REPORT[13])
    assert len(source.xpath("//ol[@class='lines']/li")) == len(ONLINE_REPORT)
    gone = rows[0].xpath(".//a[@class='source-link']")[0].get("href")
    assert gone == "sources/sha_vp_q2.html#L13"
    gone_page = (out / "sources" / "sha_vp_q2.html").read_text(encoding="utf-8")
    assert "no longer in the inbox" in gone_page

    # a quarter without data renders, saying so
    empty = build_quarter_report("2019Q1", tmp_path / "empty", url)
    empty_dom = _dom(empty, tmp_path)
    assert empty_dom.xpath("//svg[@data-empty='true']")
    assert not empty_dom.xpath("//rect[contains(@class,'bar')]")


def test_report_on_a_warehouse_without_marts(fresh_db: str, tmp_path: Path):
    index = build_quarter_report("2023Q2", tmp_path / "r", fresh_db)
    page = index.read_text(encoding="utf-8")
    assert 'id="no-marts"' in page and "no data" in page
    root = html.fromstring(page)
    assert len(root.xpath("//svg[@data-empty='true']")) >= 6
