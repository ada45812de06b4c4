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
from functools import cache
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


# ---------------------------------------------------------------- literals a match must contain
# A cheap test before running a pattern: every match of a pattern contains, for each of its "clauses", one of
# the clause's strings (literal text of the pattern: "hồ\s+sơ" requires "hồ" and "sơ", "(?:tỷ|tỉ) đồng" one of
# "tỷ"/"tỉ" and "đồng"). The clauses are derived from the parsed pattern, conservatively: whatever is not plain
# literal text (classes, optional parts, case-insensitive parts) requires nothing. A pattern that cannot match
# a text lacking one clause is simply not run on it; the matches found are the same.
try:  # the standard library's regex parser (private modules: without them, nothing is required)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]

    _REPEATS: tuple = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
except (ImportError, AttributeError):  # pragma: no cover - other Python versions
    _sre = _sre_parse = None
    _REPEATS = ()
_MAX_ALTERNATIVES = 24


def _literal_set(items: list) -> set[str] | None:  # type: ignore[type-arg]
    """The finite set of strings that a literal-only part of a pattern matches (None: not literal-only)."""
    out = {""}
    for op, av in items:
        if op is _sre.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is _sre.IN and av and all(o is _sre.LITERAL for o, _ in av):  # [íi]
            out = {s + chr(c) for s in out for _, c in av}
        elif op is _sre.SUBPATTERN and not av[1] and not av[2]:
            sub = _literal_set(av[3])
            if sub is None:
                return None
            out = {a + b for a in out for b in sub}
        elif op is _sre.BRANCH:
            alts: set[str] = set()
            for alt in av[1]:
                sub = _literal_set(alt)
                if sub is None:
                    return None
                alts |= sub
            out = {a + b for a in out for b in alts}
        else:
            return None
        if len(out) > _MAX_ALTERNATIVES:
            return None
    return out


def _clauses(items: list) -> list[frozenset[str]]:  # type: ignore[type-arg]
    out: list[frozenset[str]] = []
    run = {""}  # the literal text read so far, in each of its spellings

    def flush() -> None:
        nonlocal run
        if all(run):
            out.append(frozenset(run))
        run = {""}

    for op, av in items:
        if op is _sre.LITERAL:
            run = {s + chr(av) for s in run}
        elif (op is _sre.SUBPATTERN and not av[1] and not av[2]) or op is _sre.BRANCH or op is _sre.IN:
            spellings = _literal_set([(op, av)])
            if spellings is not None and all(spellings) and len(run) * len(spellings) <= _MAX_ALTERNATIVES:
                run = {a + b for a in run for b in spellings}
                continue
            flush()
            if op is _sre.IN:
                continue
            if op is _sre.SUBPATTERN:
                out.extend(_clauses(av[3]))
                continue
            per_branch: list[frozenset[str]] = []
            for alt in av[1]:
                alt_clauses = _clauses(alt)
                if not alt_clauses:
                    per_branch = []
                    break
                per_branch.append(max(alt_clauses, key=lambda c: min(len(x) for x in c)))
            if per_branch:
                out.append(frozenset().union(*per_branch))
        elif op in _REPEATS and av[0] >= 1:
            flush()
            out.extend(_clauses(av[2]))
        else:  # classes, optional parts, assertions, flags: nothing required, and the literal run ends
            flush()
    flush()
    return out


@cache
def _required(pattern: str, flags: int) -> tuple[tuple[str, ...], ...]:
    if _sre_parse is None or flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
        return ()
    try:
        clauses = _clauses(list(_sre_parse.parse(pattern, flags)))
    except Exception:  # an unexpected construct: require nothing
        return ()
    # the most selective clauses first (longest shortest string); single characters are not worth a test
    kept = {c for c in clauses if min(len(x) for x in c) >= 2 or not any(x.isalpha() for x in c)}
    return tuple(tuple(sorted(c)) for c in sorted(kept, key=lambda c: (-min(len(x) for x in c), sorted(c))))


def required_literals(rx: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Clauses of strings: each match of ``rx`` contains one string of every clause."""
    return _required(rx.pattern, rx.flags)


def may_match(required: tuple[tuple[str, ...], ...], text: str) -> bool:
    """False when ``text`` lacks every string of some clause (the pattern cannot match it)."""
    for clause in required:
        for lit in clause:
            if lit in text:
                break
        else:
            return False
    return True
