"""Number formatting for messages (Vietnamese and English) and reading numbers out of quotes (rules.md §3)."""

from __future__ import annotations

import math
import re


def decimals_of(x: float) -> int:
    """Digits after the decimal mark in the shortest representation of ``x`` (74.9 → 1, 21802.0 → 0)."""
    text = repr(float(x))
    if "e" in text or "E" in text:
        return 6
    frac = text.split(".")[1] if "." in text else ""
    frac = frac.rstrip("0")
    return len(frac)


def _fmt(x: float, thousands: str, decimal: str, max_decimals: int = 2) -> str:
    if x is None or math.isnan(x):
        return "?"
    nd = min(decimals_of(round(x, max_decimals)), max_decimals)
    sign = "-" if x < 0 else ""
    whole, _, frac = f"{abs(x):.{nd}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = thousands.join(groups)
    return sign + out + (decimal + frac if frac else "")


def fmt_vi(x: float, max_decimals: int = 2) -> str:
    """21082 → '21.082', 97.25 → '97,25' (the reports' own convention)."""
    return _fmt(x, ".", ",", max_decimals)


def fmt_en(x: float, max_decimals: int = 2) -> str:
    """21082 → '21,082', 97.25 → '97.25'."""
    return _fmt(x, ",", ".", max_decimals)


def parse_vn_number(text: str) -> float | None:
    """Read a number written the Vietnamese way ('21.802', '56,4', '96.33', '>10,3'); None if unreadable."""
    s = text.strip().lstrip("><~≈ ").strip()
    if not s:
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    elif re.fullmatch(r"\d+(\.\d+)?", s):
        pass
    else:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def same_number(a: float, b: float, rel: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def count_tolerance(a: float, b: float) -> float:
    """rules.md §1.2: a gap up to max(2, 0.1 % of the larger side) is a warning (W2)."""
    return max(2.0, 0.001 * max(abs(a), abs(b)))


def rounding_tolerance(a: float, b: float) -> float:
    """Half a unit of the last written digit of the coarser of two values (74,9 vs 74,87 → 0.05)."""
    return 0.5 * 10 ** (-min(decimals_of(a), decimals_of(b)))
