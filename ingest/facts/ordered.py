"""Literals in pattern order: a finer test for the sentence patterns that are slow to run.

The literal parts of a pattern ("tiếp nhận", the figure's first digit, "hồ sơ" / "hs") must occur in a text
in the pattern's order for the pattern to match it. Literals are read with every run of white space taken as
one space ("tiếp\\s+nhận" is the literal "tiếp nhận"), and looked for with that space matching any run of
white space in the text. The derivation is conservative: whatever is not plain literal text (classes, optional
parts, assertions, flags) requires nothing and ends a literal. The test costs a few searches; it pays for
patterns that the regex engine must try at every position of a text, and is skipped for the others
(``quick_to_scan``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.facts.rule import Rule

try:  # the standard library's regex parser (private modules: without them, nothing is required)
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]

    _REPEATS: tuple = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
except (ImportError, AttributeError):  # pragma: no cover - other Python versions
    _sre = _sre_parse = _sre_compile = None
    _REPEATS = ()
_MAX_SPELLINGS = 24
_SPACE_RE = re.compile(r"\s")
DIGIT = "\\d"  # the clause "a digit" (any character ``\d`` matches)


def _cat(a: str, b: str) -> str:
    """Join two squeezed spellings (a space meeting a space is one space)."""
    return a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b


def _is_space(op: object, av: object) -> bool:
    """One character that is always white space (a literal or a class of spaces)."""
    if op is _sre.LITERAL:
        return bool(_SPACE_RE.match(chr(av)))  # type: ignore[arg-type]
    if op is _sre.IN:
        return bool(av) and all(
            (o is _sre.CATEGORY and a is _sre.CATEGORY_SPACE) or (o is _sre.LITERAL and _SPACE_RE.match(chr(a)))
            for o, a in av  # type: ignore[attr-defined]
        )
    return False


def _is_space_run(op: object, av: object) -> bool:
    """``\\s+`` and the like: at least one white-space character (one space once squeezed)."""
    return op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and _is_space(*av[2][0])  # type: ignore[index]


def _spellings(items: list) -> set[str] | None:  # type: ignore[type-arg]
    """The squeezed strings a literal-only part of a pattern matches (None: not literal-only)."""
    out = {""}
    for op, av in items:
        if _is_space(op, av) or _is_space_run(op, av):
            out = {_cat(s, " ") for s in out}
        elif op is _sre.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is _sre.IN and av and all(o is _sre.LITERAL and not _SPACE_RE.match(chr(c)) for o, c in av):
            out = {s + chr(c) for s in out for _, c in av}
        elif op is _sre.SUBPATTERN and not av[1] and not av[2]:
            sub = _spellings(av[3])
            if sub is None:
                return None
            out = {_cat(a, b) for a in out for b in sub}
        elif op is _sre.BRANCH:
            alts: set[str] = set()
            for alt in av[1]:
                sub = _spellings(alt)
                if sub is None:
                    return None
                alts |= sub
            out = {_cat(a, b) for a in out for b in alts}
        else:
            return None
        if len(out) > _MAX_SPELLINGS:
            return None
    return out


def _ordered(items: list) -> list[frozenset[str]]:  # type: ignore[type-arg]
    """Clauses of a parsed pattern in match order: every match holds one string of each, one after the other
    (non-overlapping). Spellings are stripped of their end spaces, so neighbouring clauses never share one."""
    out: list[frozenset[str]] = []
    run = {""}

    def flush() -> None:
        nonlocal run
        stripped = {s.strip(" ") for s in run}
        if all(stripped):
            out.append(frozenset(stripped))
        run = {""}

    for op, av in items:
        if op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
            flush()
            out.append(frozenset((DIGIT,)))
        elif (
            op in (_sre.LITERAL, _sre.IN, _sre.BRANCH)
            or (op is _sre.SUBPATTERN and not av[1] and not av[2])
            or _is_space_run(op, av)
        ):
            spellings = _spellings([(op, av)])
            if spellings is not None and all(spellings) and len(run) * len(spellings) <= _MAX_SPELLINGS:
                run = {_cat(a, b) for a in run for b in spellings}
                continue
            flush()
            if op is _sre.SUBPATTERN:
                out.extend(_ordered(av[3]))
            elif op is _sre.BRANCH:
                per_branch: list[frozenset[str]] = []
                for alt in av[1]:
                    alt_clauses = _ordered(alt)
                    if not alt_clauses:
                        per_branch = []
                        break
                    per_branch.append(max(alt_clauses, key=lambda c: min(len(x) for x in c)))
                if per_branch:
                    out.append(frozenset().union(*per_branch))
        elif op in _REPEATS and av[0] >= 1:
            flush()
            out.extend(_ordered(av[2]))
        else:  # optional parts, assertions, anchors, flags, other classes
            flush()
    flush()
    return out


def ordered_literals(rx: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The clauses of ``rx`` in match order (``DIGIT`` stands for any digit); () when nothing is known."""
    if _sre_parse is None or rx.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
        return ()
    try:
        return tuple(_ordered(list(_sre_parse.parse(rx.pattern, rx.flags))))
    except Exception:  # an unexpected construct: require nothing
        return ()


def quick_to_scan(rx: re.Pattern[str]) -> bool:
    """Whether every match of ``rx`` starts with a known literal or one of a few characters: the regex engine then
    skips straight to the places where a match can start, and running the pattern is cheap."""
    if _sre_compile is None:
        return False
    try:
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
        prefix, _, _ = _sre_compile._get_literal_prefix(parsed, rx.flags)
        return bool(prefix) or bool(_sre_compile._get_charset_prefix(parsed, rx.flags))
    except Exception:  # another Python's internals: assume the slow kind
        return False


class _Clause:
    """One clause of a pattern's ordered literals, as a regex finding the first start of one of its strings (a
    plain alternation: the regex engine skips quickly to the possible first characters)."""

    def __init__(self, strings: frozenset[str]) -> None:
        alts = sorted(strings, key=lambda s: (-len(s), s))
        # a space of a (squeezed) string stands for a run of white space of the text
        self.rx = re.compile("|".join(DIGIT if s == DIGIT else re.escape(s).replace("\\ ", r"\s+") for s in alts))
        self.min_len = min(1 if s == DIGIT else len(s) for s in strings)


class Probe:
    """A text, with the searches already done in it (rules share clauses)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # clause → (offset asked from, first start of one of its strings at or after it; -1: none)
        self.found: dict[int, tuple[int, int]] = {}


class OrderedGate:
    """Per rule, its clauses in match order; ``allows`` says whether a text holds them in order. Rules quick to
    scan for are always allowed (running them costs less than the test)."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        ids: dict[frozenset[str], int] = {}
        self.clauses: list[_Clause] = []
        self.sequences: list[tuple[tuple[int, re.Pattern[str], int], ...]] = []
        for rule in rules:
            seq = []
            for clause in () if quick_to_scan(rule.rx) else ordered_literals(rule.rx):
                if clause not in ids:
                    ids[clause] = len(self.clauses)
                    self.clauses.append(_Clause(clause))
                cid = ids[clause]
                seq.append((cid, self.clauses[cid].rx, self.clauses[cid].min_len))
            self.sequences.append(tuple(seq))

    def allows(self, order: int, probe: Probe) -> bool:
        """True unless the text of ``probe`` lacks the clauses of rule ``order`` in order.

        Sound: if a match holds the clauses at q1 < q2 < …, the first start p1 of clause 1 is ≤ q1; clause 2 is
        looked for from p1 + (the shortest string of clause 1) ≤ q2, and so on."""
        pos = 0
        found = probe.found
        for cid, rx, min_len in self.sequences[order]:
            known = found.get(cid)
            if known is not None and known[0] <= pos and (pos <= known[1] or known[1] < 0):
                start = known[1]  # nothing starts in [asked, start), so nothing in [pos, start) either
            else:
                m = rx.search(probe.text, pos)
                start = -1 if m is None else m.start()
                found[cid] = (pos, start)
            if start < 0:
                return False
            pos = start + min_len
        return True
