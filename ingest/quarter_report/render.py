"""Render the quarter report: index.html (headline figures, inline SVG charts, tables) and source pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ingest.quarter_report import charts
from ingest.quarter_report.charts import Bar, Segment, Series, fmt_number, fmt_pct
from ingest.quarter_report.queries import QuarterData, UnitRate
from ingest.quarter_report.sources import SourcePage, read_source, source_href

TEMPLATES = Path(__file__).with_name("templates")

SCOPE_VI = {
    "all": "",
    "district_level": "cấp huyện",
    "commune_level": "cấp xã",
    "province_level": "cấp tỉnh",
    "center": "TT phục vụ HCC",
}
COVERAGE_STATUS = {  # status -> (Vietnamese, English, colour), in display order
    "on_time": ("Đúng hạn", "on time", "#3a8f5c"),
    "late": ("Trễ hạn", "late", "#e08a1e"),
    "received_undated": ("Đã nhận, không ghi ngày", "received, undated", "#1f5f99"),
    "missing": ("Chưa gửi", "missing", "#b8403a"),
    "unlisted_unit": ("Đơn vị ngoài danh sách", "unlisted unit", "#7a5aa6"),
}
HEADLINE = (  # code, Vietnamese, English, is percent
    ("tthc_cases_new", "Hồ sơ TTHC tiếp nhận mới", "new cases", False),
    ("tthc_cases_resolved", "Hồ sơ đã giải quyết", "cases resolved", False),
    ("tthc_on_time_rate_pct", "Tỷ lệ giải quyết đúng hạn", "on-time rate", True),
    ("tthc_online_rate_pct", "Tỷ lệ hồ sơ trực tuyến", "online share", True),
    ("public_investment_disbursement_pct", "Giải ngân vốn đầu tư công", "public investment disbursed", True),
)


def quarter_label(quarter: str) -> str:
    year, q = quarter.upper().split("Q")
    return f"Quý {('I', 'II', 'III', 'IV')[int(q) - 1]}/{year}"


def _label(name: str, scope: str, province: str | None, multi_province: bool) -> str:
    text = name + (f" · {SCOPE_VI.get(scope, scope)}" if scope != "all" else "")
    return f"{province} – {text}" if multi_province and province else text


def _rate_bars(rows: list[UnitRate], multi: bool, note_unit: str = "") -> list[Bar]:
    bars = []
    for r in rows:
        note = ""
        if r.numerator is not None and r.denominator is not None:
            note = f"{fmt_number(r.numerator)}/{fmt_number(r.denominator)}{note_unit}"
        bars.append(Bar(key=r.key, label=_label(r.unit_name, r.scope, r.province, multi), value=r.value,
                        marker=r.reported, note=note))
    return bars


def _coverage_segments(data: QuarterData) -> list[Segment]:
    statuses = [*COVERAGE_STATUS, *sorted({c.status for c in data.coverage} - COVERAGE_STATUS.keys())]
    segments = []
    for status in statuses:
        n = sum(1 for c in data.coverage if c.status == status)
        vi, en, color = COVERAGE_STATUS.get(status, (status, status, None))
        if n or status in ("on_time", "late", "missing"):
            segments.append(Segment(key=status, label=f"{vi} / {en}", value=n, color=color))
    return segments


def _charts(data: QuarterData) -> dict[str, Markup | list[tuple[str, Markup]]]:
    multi = len(data.provinces) > 1
    reported = "Báo cáo nêu / reported"
    out: dict[str, Markup | list[tuple[str, Markup]]] = {
        "on_time": Markup(charts.hbar_chart(
            _rate_bars(data.on_time, multi), "Tỷ lệ giải quyết đúng hạn theo đơn vị / on-time rate per unit",
            max_value=100, marker_label=reported)),
        "online": Markup(charts.hbar_chart(
            _rate_bars(data.online, multi), "Tỷ lệ hồ sơ trực tuyến theo đơn vị / online share per unit",
            max_value=100, marker_label=reported)),
        "disbursement": Markup(charts.hbar_chart(
            _rate_bars(data.disbursement, multi),
            "Tỷ lệ giải ngân vốn đầu tư công / public-investment disbursement per unit",
            max_value=100, marker_label=reported)),
        "staffing": Markup(charts.hbar_chart(
            [Bar(key=s.key, label=_label(f"{s.unit_name} · {s.category_label}", s.scope, s.province, multi),
                 value=s.fill_pct, note=f"{fmt_number(s.actual)}/{fmt_number(s.quota)}")
             for s in data.staffing],
            "Biên chế có mặt / được giao / staffing fill (actual / quota)", max_value=100)),
        "findings": Markup(charts.hbar_chart(
            [Bar(key=rule, label=f"{rule} ({'lỗi' if sev == 'hard' else 'cảnh báo'})", value=n)
             for rule, sev, n in data.findings_by_rule],
            "Phát hiện chất lượng theo quy tắc / quality findings per rule", percent=False)),
    }
    out["coverage"] = Markup(charts.stacked_bar(_coverage_segments(data),
                                                "Tình hình gửi báo cáo / report coverage"))
    history = []
    for province in dict.fromkeys(h.province for h in data.cases_history):
        rows = [h for h in data.cases_history if h.province == province]
        history.append((province, Markup(charts.column_chart(
            [h.quarter_key for h in rows],
            [Series(name="Tiếp nhận mới / new", values=[h.cases_new for h in rows]),
             Series(name="Đã giải quyết / resolved", values=[h.cases_resolved for h in rows])],
            f"Hồ sơ TTHC theo quý – {province} / cases per quarter"))))
    out["history"] = history
    out["history_empty"] = Markup(charts.no_data_svg("Hồ sơ TTHC theo quý / cases per quarter", "columns"))
    return out


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["num"] = fmt_number
    env.filters["pct"] = fmt_pct
    env.filters["attr"] = lambda v: "" if v is None else repr(float(v))
    return env


def render_report(data: QuarterData, out_dir: Path, generated_at: datetime | None = None) -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/sources/*.html``; returns the index path."""
    out_dir = Path(out_dir)
    (out_dir / "sources").mkdir(parents=True, exist_ok=True)
    env = _environment()
    pages: dict[str, SourcePage] = {}
    source_tpl = env.get_template("source.html.j2")
    for src in data.sources:
        page = read_source(src)
        pages[src.report_id] = page
        html = source_tpl.render(page=page, quarter=data.quarter, quarter_label=quarter_label(data.quarter))
        (out_dir / page.href).write_text(html, encoding="utf-8")
    coverage_by_status = {
        s: [c for c in data.coverage if c.status == s]
        for s in [*COVERAGE_STATUS, *sorted({c.status for c in data.coverage} - COVERAGE_STATUS.keys())]
    }
    html = env.get_template("report.html.j2").render(
        data=data,
        quarter_label=quarter_label(data.quarter),
        generated_at=(generated_at or datetime.now().astimezone()).strftime("%d/%m/%Y %H:%M"),
        charts=_charts(data),
        headline=HEADLINE,
        coverage_status=COVERAGE_STATUS,
        coverage_by_status=coverage_by_status,
        scope_vi=SCOPE_VI,
        pages=pages,
        source_href=source_href,
        multi=len(data.provinces) > 1,
    )
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    return index
