"""Inline SVG charts for the quarter report: pure functions from numbers to SVG markup (no JS, no network).

Every mark carries its exact value in ``data-*`` attributes and a ``<title>`` tooltip, and every chart has a
visible value label, so the numbers stay readable (and testable) without the picture. An empty input gives a
small SVG saying "no data" instead of failing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from pydantic import BaseModel

PALETTE = ("#1f5f99", "#e08a1e", "#3a8f5c", "#b8403a", "#7a5aa6", "#8c8c8c")
NO_DATA_VI = "Không có dữ liệu"
NO_DATA_EN = "no data"


class Bar(BaseModel):
    """One horizontal bar: ``value`` drawn, ``marker`` (e.g. the reported rate) drawn as a tick beside it."""

    key: str
    label: str
    value: float | None
    marker: float | None = None
    note: str = ""


class Series(BaseModel):
    name: str
    values: list[float | None]


class Segment(BaseModel):
    key: str
    label: str
    value: float
    color: str | None = None


def fmt_number(value: float | None, digits: int = 0) -> str:
    """Vietnamese number format: '.' groups thousands, ',' marks decimals; '–' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_pct(value: float | None) -> str:
    return "–" if value is None else fmt_number(value, 1) + "%"


def _attr(value: float | None) -> str:
    """Exact machine-readable value for data-* attributes ('' when missing)."""
    return "" if value is None else repr(float(value))


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _svg_open(width: int, height: int, title: str, kind: str, empty: bool = False) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'data-chart="{kind}" data-empty="{str(empty).lower()}" aria-label="{_esc(title)}">'
            f"<title>{_esc(title)}</title>")


def no_data_svg(title: str, kind: str = "empty", width: int = 900) -> str:
    return (_svg_open(width, 44, title, kind, empty=True)
            + f'<rect x="0.5" y="0.5" width="{width - 1}" height="43" fill="#f6f6f6" stroke="#ccc"/>'
            f'<text x="{width / 2:.0f}" y="27" text-anchor="middle" class="no-data" fill="#666">'
            f"{NO_DATA_VI} / {NO_DATA_EN}</text></svg>")


def _nice_max(value: float) -> float:
    """The smallest 1/2/2.5/5 × 10^k at or above ``value`` (axis end)."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * exp >= value:
            return step * exp
    return 10 * exp


def hbar_chart(bars: Sequence[Bar], title: str, *, percent: bool = True, max_value: float | None = None,
               marker_label: str = "", width: int = 900) -> str:
    """Horizontal bars, one row per item, with an optional marker tick per row (e.g. the stated rate)."""
    if not bars:
        return no_data_svg(title, "hbar", width)
    label_w, value_w, row_h, top = 300, 170, 26, 8
    plot_w = width - label_w - value_w
    values = [v for b in bars for v in (b.value, b.marker) if v is not None]
    top_value = max_value if max_value is not None else _nice_max(max(values, default=0.0))
    top_value = max(top_value, max(values, default=0.0))
    legend_h = 20 if marker_label else 0
    height = top + row_h * len(bars) + 22 + legend_h

    def x_of(v: float) -> float:
        return label_w + plot_w * max(v, 0.0) / top_value if top_value else label_w

    parts = [_svg_open(width, height, title, "hbar")]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        shown = fmt_pct(bar.value) if percent else fmt_number(bar.value)
        parts.append(f'<g class="row" data-key="{_esc(bar.key)}">')
        parts.append(f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" class="label">'
                     f"{_esc(_clip(bar.label, 44))}</text>")
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{plot_w}" height="{row_h - 8}" '
                     'fill="#f1f1f1"/>')
        if bar.value is not None:
            w = x_of(bar.value) - label_w
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.2f}" height="{row_h - 8}" '
                f'fill="{PALETTE[0]}" data-key="{_esc(bar.key)}" data-label="{_esc(bar.label)}" '
                f'data-value="{_attr(bar.value)}" data-marker="{_attr(bar.marker)}">'
                f"<title>{_esc(bar.label)}: {shown}</title></rect>")
        if bar.marker is not None:
            mx = x_of(bar.marker)
            parts.append(
                f'<line class="marker" x1="{mx:.2f}" x2="{mx:.2f}" y1="{y + 1}" y2="{y + row_h - 1}" '
                f'stroke="{PALETTE[1]}" stroke-width="3" data-key="{_esc(bar.key)}" '
                f'data-value="{_attr(bar.marker)}"><title>{_esc(marker_label or "marker")}: '
                f"{fmt_pct(bar.marker) if percent else fmt_number(bar.marker)}</title></line>")
        value_text = shown + (f" ({bar.note})" if bar.note else "")
        parts.append(f'<text x="{label_w + plot_w + 6}" y="{y + 17}" class="value">{_esc(value_text)}</text>')
        parts.append("</g>")
    axis_y = top + row_h * len(bars) + 14
    parts.append(f'<text x="{label_w}" y="{axis_y}" class="axis">0</text>')
    end = fmt_pct(top_value) if percent else fmt_number(top_value)
    parts.append(f'<text x="{label_w + plot_w}" y="{axis_y}" text-anchor="end" class="axis">{end}</text>')
    if marker_label:
        ly = axis_y + legend_h - 4
        parts.append(f'<rect x="{label_w}" y="{ly - 9}" width="12" height="10" fill="{PALETTE[0]}"/>'
                     f'<text x="{label_w + 16}" y="{ly}" class="legend">{_esc(_legend_main(percent))}</text>'
                     f'<line x1="{label_w + 170}" x2="{label_w + 170}" y1="{ly - 10}" y2="{ly + 1}" '
                     f'stroke="{PALETTE[1]}" stroke-width="3"/>'
                     f'<text x="{label_w + 176}" y="{ly}" class="legend">{_esc(marker_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend_main(percent: bool) -> str:
    return "Tính lại / recomputed" if percent else "Giá trị / value"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def column_chart(categories: Sequence[str], series: Sequence[Series], title: str, *, width: int = 900,
                 height: int = 240) -> str:
    """Grouped vertical columns: one group per category (e.g. quarter), one column per series."""
    if not categories or not any(v is not None for s in series for v in s.values):
        return no_data_svg(title, "columns", width)
    left, right, top, bottom = 56, 10, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max(v for s in series for v in s.values if v is not None))
    group_w = plot_w / len(categories)
    col_w = min(36.0, group_w * 0.8 / max(len(series), 1))
    parts = [_svg_open(width, height, title, "columns")]
    for tick in range(5):
        v = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
                     f"{fmt_number(v)}</text>")
    for ci, cat in enumerate(categories):
        gx = left + ci * group_w + (group_w - col_w * len(series)) / 2
        for si, s in enumerate(series):
            v = s.values[ci] if ci < len(s.values) else None
            if v is None:
                continue
            h = plot_h * max(v, 0.0) / top_value
            x, y = gx + si * col_w, top + plot_h - h
            parts.append(
                f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{col_w - 2:.2f}" height="{h:.2f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}" data-series="{_esc(s.name)}" '
                f'data-category="{_esc(cat)}" '
                f'data-value="{_attr(v)}"><title>{_esc(s.name)} {_esc(cat)}: {fmt_number(v)}</title></rect>'
                f'<text x="{x + (col_w - 2) / 2:.2f}" y="{y - 3:.2f}" text-anchor="middle" '
                f'class="value small">'
                f"{fmt_number(v)}</text>")
        parts.append(f'<text x="{left + ci * group_w + group_w / 2:.1f}" y="{top + plot_h + 16}" '
                     f'text-anchor="middle" class="label">{_esc(cat)}</text>')
    lx = left
    for si, s in enumerate(series):
        color = PALETTE[si % len(PALETTE)]
        parts.append(f'<rect x="{lx}" y="{height - 18}" width="12" height="10" fill="{color}"/>'
                     f'<text x="{lx + 16}" y="{height - 9}" class="legend">{_esc(s.name)}</text>')
        lx += 16 + 8 * len(s.name) + 20
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar(segments: Sequence[Segment], title: str, *, width: int = 900) -> str:
    """One horizontal bar split into parts (e.g. units on time / late / missing), with a legend of counts."""
    total = sum(s.value for s in segments if s.value > 0)
    if total <= 0:
        return no_data_svg(title, "stacked", width)
    left, bar_h = 10, 28
    plot_w = width - 2 * left
    height = 12 + bar_h + 12 + 22 * math.ceil(len(segments) / 3)
    parts = [_svg_open(width, height, title, "stacked")]
    x = float(left)
    for i, seg in enumerate(segments):
        color = seg.color or PALETTE[i % len(PALETTE)]
        w = plot_w * max(seg.value, 0.0) / total
        if w > 0:
            parts.append(
                f'<rect class="bar" x="{x:.2f}" y="8" width="{w:.2f}" height="{bar_h}" fill="{color}" '
                f'data-key="{_esc(seg.key)}" data-label="{_esc(seg.label)}" data-value="{_attr(seg.value)}">'
                f"<title>{_esc(seg.label)}: {fmt_number(seg.value)}</title></rect>")
            if w > 24:
                parts.append(f'<text x="{x + w / 2:.2f}" y="{8 + bar_h / 2 + 5:.1f}" text-anchor="middle" '
                             f'class="value inverse" fill="#fff">{fmt_number(seg.value)}</text>')
        x += w
    for i, seg in enumerate(segments):
        color = seg.color or PALETTE[i % len(PALETTE)]
        lx = left + (i % 3) * (plot_w / 3)
        ly = 8 + bar_h + 22 + 22 * (i // 3)
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{lx + 16:.1f}" y="{ly}" class="legend" data-key="{_esc(seg.key)}">'
                     f"{_esc(seg.label)}: {fmt_number(seg.value)}</text>")
    parts.append("</svg>")
    return "".join(parts)
