"""Sentence patterns: one regular expression per phrasing, written with a few macros.

Texts are matched lower-cased, with markup and non-figures (dates, ids, years) blanked (``Span.folded``).
A pattern captures the figure as group ``v`` and, for "A/B" phrasings, the denominator as group ``d``.

Macros: ``{N}`` the figure, ``{D}`` the denominator, ``{Q}`` an optional qualifier ("trên", "khoảng"...),
``{HS}`` case files, ``{TT}`` procedures, ``{CB}`` staff nouns, ``{G}`` glue words ("là", "có", ":"),
``{X}`` / ``{XL}`` a short / longer gap without figures, ``{BC}`` "bưu chính" with OCR slips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ingest.numbers import NUM

Kind = Literal["count", "percent", "money", "score", "rank", "mbps", "zero", "signed"]

def _spaces_to_runs(pattern: str) -> str:
    """A literal space matches any run of white space, except in look-behinds and character classes."""
    out: list[str] = []
    depth = 0
    behind: list[int] = []  # depths at which a look-behind group opened
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
            if pattern.startswith("(?<=", i) or pattern.startswith("(?<!", i):
                behind.append(depth)
        elif ch == ")":
            if behind and behind[-1] == depth:
                behind.pop()
            depth -= 1
        elif ch == " " and not behind:
            out.append(r"\s+")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


MACROS = {
    "N": rf"(?P<v>{NUM})",
    "NS": r"(?P<v>(?<![\w.,/])\d+(?:[.,]\d+)*)(?=\s*/\s*\d)",
    "D": r"(?P<d>\d+(?:[.,]\d+)*(?![\w/]|[.,]\d))",
    "Q": r"(?:(?:trên|hơn|gần|khoảng|ước đạt|ước|xấp xỉ|tối thiểu|trung bình|đạt|là)\s+|[<>≥≤]\s*)*",
    "HS": r"(?:(?:ngàn|nghìn|triệu)\s+)?(?:bộ\s+)?(?:hồ sơ|hs)\b",
    "TT": r"(?:thủ tục hành chính|thủ tục|tthc|dịch vụ công trực tuyến|dịch vụ công|dvc(?:tt)?)\b",
    "CB": r"(?:lượt\s+)?(?:cán bộ|công chức|viên chức|cbccvc|cbcc|cb,\s*cc|ccvc|người|đảng viên|nhân viên|"
    r"đồng chí|học viên)",
    "G": r"(?:\s*(?:là|có|được|đạt|gồm|với|:|=|tổng cộng|tổng số|tổng)\s*)*\s*",
    "X": r"[^\d;%]{0,40}?",
    "XL": r"[^\d;%]{0,90}?",
    "BC": r"b(?:ưu|ru|uu|ư|u)\s*(?:ch[íi]nh|điện)",
    "P": r"\s*%",
}
MACROS["PAIR"] = MACROS["NS"] + r"\s*/\s*" + MACROS["D"]
MACROS = {k: _spaces_to_runs(v) for k, v in MACROS.items()}
_MACRO_RE = re.compile(r"\{(" + "|".join(MACROS) + r")\}")


def expand(pattern: str) -> str:
    """Expand macros; a literal space in a pattern matches any run of white space."""
    return _MACRO_RE.sub(lambda m: MACROS[m.group(1)], _spaces_to_runs(pattern))


@dataclass(frozen=True)
class Rule:
    """One phrasing of one indicator."""

    code: str
    rx: re.Pattern[str]
    need: tuple[str, ...] = ()
    kind: Kind = "count"
    den_code: str | None = None
    den_kind: Kind | None = None
    switch: tuple[tuple[re.Pattern[str], str], ...] = ()
    para_switch: tuple[tuple[re.Pattern[str], str], ...] = ()
    ctx_need: re.Pattern[str] | None = None
    ctx_forbid: re.Pattern[str] | None = None
    prio: int = 0
    first_only: bool = False
    note: str | None = None
    max_value: float | None = None
    value: float | None = None
    extra: dict[str, str] = field(default_factory=dict)


def R(
    code: str,
    *patterns: str,
    need: str | tuple[str, ...] = (),
    switch: tuple[tuple[str, str], ...] = (),
    para_switch: tuple[tuple[str, str], ...] = (),
    ctx_need: str | None = None,
    ctx_forbid: str | None = None,
    **kw: object,
) -> list[Rule]:
    """Rules for ``code``, one per pattern; ``need``: substrings one of which must be present (a cheap filter)."""
    needs = (need,) if isinstance(need, str) else tuple(need)
    out = []
    for p in patterns:
        out.append(
            Rule(
                code=code,
                rx=re.compile(expand(p)),
                need=needs,
                switch=tuple((re.compile(expand(a)), b) for a, b in switch),
                para_switch=tuple((re.compile(expand(a)), b) for a, b in para_switch),
                ctx_need=re.compile(expand(ctx_need)) if ctx_need else None,
                ctx_forbid=re.compile(expand(ctx_forbid)) if ctx_forbid else None,
                **kw,  # type: ignore[arg-type]
            )
        )
    return out
