"""Document-level checks an analyst wants flagged: things wrong with the text itself, not with a figure.

Each check is a small pure function over a ``DocText`` (the document's prose joined once, with a line lookup)
and, where it needs it, the ``ReportMeta``; each returns ``ExtractionIssue`` records with a stable code:

* ``D1``  the report's (or its appendix's) own date left blank: "ngày    tháng 9 năm 2022", "ngày /6/2023";
* ``D1b`` the report's own number left blank: "Số: /BC-UBND" (info);
* ``D2``  top-level Roman section numbering duplicated, skipped or out of order (I., II., V., V., IV.);
* ``D3``  a cited document whose type word disagrees with its number's type code ("Kế hoạch số 15/QĐ-UBND");
* ``D4``  the unit's own place name spelled in several ways (Đắk Ha / Đắc Ha / Đăk Ha / Đắk Hà);
* ``D5``  a top-level section heading whose own period is a past year other than the report's ("… NĂM 2021"
  in a 2022 report). Headings naming another kind of period are the metadata extractor's W10; not repeated.

The issues travel with the extraction (raw.extraction_issues) and the raw gate turns them into warnings that
never reject a figure.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from operator import attrgetter

from ingest.models import Document, ExtractionIssue, ReportMeta

# -- the text, joined once -----------------------------------------------------------------------------------


class DocText:
    """The document's lines joined by "\\n" (table rows blanked: no pattern reads them as prose), with the
    views the checks search (lower case, diacritics folded), each built once and only when asked for."""

    def __init__(self, doc: Document) -> None:
        lines = doc.lines
        parts = ["" if ln.in_table else ln.text for ln in lines]
        text = "\n".join(parts)
        if text.count("\n") != max(0, len(parts) - 1):  # a line break inside a line reads as a space
            parts = [t.replace("\n", " ") for t in parts]
            text = "\n".join(parts)
        self.text = text
        # each line starts one past the end of the one before (a C-level running sum, no Python loop)
        self.starts = list(accumulate(map((1).__add__, map(len, parts[:-1])), initial=0)) if parts else []
        self.numbers = list(map(attrgetter("no"), lines))

    def line_at(self, offset: int) -> int:
        """The line ``no`` of an offset of ``text`` (or of ``lower``, which has the same offsets)."""
        return self.numbers[bisect_right(self.starts, offset) - 1]

    def line_text(self, offset: int) -> str:
        i = bisect_right(self.starts, offset) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i]:end]

    @cached_property
    def lower(self) -> str:
        low = self.text.lower()
        if len(low) != len(self.text):  # a letter whose lower case is longer: keep it, offsets must hold
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in self.text)
        return low


def _quote(s: str, limit: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- D1 / D1b: blank date or number of the report itself -----------------------------------------------------

_BLANK = r"[ \t.…_]*"
_BLANK_DATE = re.compile(
    rf"ngày{_BLANK}(?:tháng(?:{_BLANK}\d{{1,2}})?{_BLANK}năm[ \t]*\d{{4}}"
    rf"|/[ \t]*(?:\d{{1,2}}|[.…_]+)[ \t]*/[ \t]*\d{{4}})"
)
# The report's own date: the place-and-date line under the header ("Đắk Nông, ngày … ") or an appendix's
# "(Kèm theo Báo cáo số … ngày …)".
_PLACE_DATE_LINE = re.compile(r"[ \t*_]*[\w .'’-]{2,40},[ \t]*ngày")
# "Số: /BC-UBND" at the head of a line, or "(Kèm theo Báo cáo số    /BC-UBND …)"
_BLANK_NUMBER = re.compile(r"số[ \t]*:?[ \t.…_]*/[ \t]*[a-zđ]{2,}")
_OWN_NUMBER_BEFORE = re.compile(r"(?:^[ \t*_(]*|kèm\s+theo\s+báo\s+cáo\s+)$", re.MULTILINE)


def blank_dates(dt: DocText) -> list[ExtractionIssue]:
    """D1: the report's or its appendix's date written with the day (or day and month) left blank."""
    out = []
    for m in _BLANK_DATE.finditer(dt.lower):
        pos = m.start()
        line = dt.line_text(pos).lower()
        if "kèm theo" in line:
            what = "Ngày của báo cáo kèm phụ lục để trống / appendix's report date left blank"
        elif len(line) <= 90 and _PLACE_DATE_LINE.match(line):
            what = "Ngày ký báo cáo để trống / report signing date left blank"
        else:
            continue
        written = dt.text[m.start():m.end()]
        out.append(ExtractionIssue(code="D1", line=dt.line_at(pos), message=f"{what}: {_quote(written)!r}"))
    return out


def blank_numbers(dt: DocText) -> list[ExtractionIssue]:
    """D1b: the report's own number left blank ("Số: /BC-UBND", "Kèm theo Báo cáo số   /BC-UBND")."""
    out = []
    low = dt.lower
    for m in _BLANK_NUMBER.finditer(low):
        if m.start() and low[m.start() - 1].isalnum():
            continue
        line_start = low.rfind("\n", 0, m.start()) + 1
        if not _OWN_NUMBER_BEFORE.search(low, line_start, m.start()):
            continue
        written = dt.text[line_start:m.end()].strip(" \t*_(")
        msg = f"Số báo cáo để trống / report number left blank: {_quote(written)!r}"
        out.append(ExtractionIssue(code="D1b", severity="info", line=dt.line_at(m.start()), message=msg))
    return out


# -- D2 / D5: top-level Roman section headings ---------------------------------------------------------------

# Patterns start at the line break before a line (searched in "\n" + text: a literal first character is fast).
_ROMAN_HEADING = re.compile(
    r"\n[ \t]*(?:[#*_>]+[ \t]*)*(?P<num>[IVX]{1,5})[ \t]*[.:)–-][ \t]+(?P<title>\S[^\n]*)"
)
# Numbering restarts under an appendix, a form, a part ("PHẦN I", "Phần thứ hai") or a lettered part "A. …".
_RESTART = re.compile(
    r"\n[ \t]*(?:[#*_>]+[ \t]*)*(?:phụ[ \t]+lục|biểu[ \t]+m[ẫấ]u|biểu[ \t]+số|phần\b|[a-h][ \t]*[.)][ \t]+\S)"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_CANONICAL_ROMAN = [None, "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
                    "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def _roman(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if 0 < total < len(_CANONICAL_ROMAN) and _CANONICAL_ROMAN[total] == s else None


@dataclass(frozen=True)
class Heading:
    line: int
    number: int
    numeral: str
    title: str
    segment: int  # numbering restarts from one segment to the next


def roman_headings(dt: DocText) -> list[Heading]:
    """The top-level Roman-numbered headings, each with the segment (appendix, part) it belongs to."""
    # a match's start in "\n" + text is the offset of its line in text
    restarts = [m.start() for m in _RESTART.finditer("\n" + dt.lower)]
    out = []
    for m in _ROMAN_HEADING.finditer("\n" + dt.text):
        n = _roman(m.group("num"))
        if n is None:
            continue
        out.append(Heading(dt.line_at(m.start()), n, m.group("num"), m.group("title").strip(),
                           bisect_right(restarts, m.start())))
    return out


def section_numbering(headings: Iterable[Heading]) -> list[ExtractionIssue]:
    """D2: within a segment, a numeral that repeats one already used, goes back, or skips some."""
    segments: dict[int, list[Heading]] = {}
    for h in headings:
        segments.setdefault(h.segment, []).append(h)
    out = []
    for hs in segments.values():
        sequence = ", ".join(h.numeral for h in hs)
        seen: set[int] = set()
        prev: Heading | None = None
        for h in hs:
            if prev is not None and h.number != prev.number + 1:
                a, b = h.numeral, prev.numeral
                if h.number in seen:
                    vi, en = f"mục {a} lặp lại", f"section {a} repeated"
                elif h.number < prev.number:
                    vi, en = f"mục {a} đứng sau mục {b}", f"section {a} after {b}"
                else:
                    vi, en = f"nhảy từ {b} sang {a}", f"jumps from {b} to {a}"
                msg = f"Đánh số mục không liên tục ({vi}) / section numbering broken ({en}): {sequence}"
                out.append(ExtractionIssue(code="D2", line=h.line, message=msg))
            seen.add(h.number)
            prev = h
    return out


_HEADING_YEAR = re.compile(r"năm[ \t]+(\d{4})[ \t.:*_]*$", re.IGNORECASE)
# A past year is the heading's subject when it remedies or compares with it ("khắc phục … mất điểm năm 2022").
_PAST_ON_PURPOSE = re.compile(r"khắc\s+phục|mất\s+điểm|so\s+với|cùng\s+kỳ", re.IGNORECASE)


def heading_periods(headings: Iterable[Heading], meta: ReportMeta,
                    known_lines: Iterable[int | None] = ()) -> list[ExtractionIssue]:
    """D5: a top-level heading whose own period (its closing "năm YYYY") is a year before the report's."""
    if meta.year is None:
        return []
    skip = set(known_lines)
    out = []
    for h in headings:
        m = _HEADING_YEAR.search(h.title)
        if h.line in skip or m is None or int(m.group(1)) >= meta.year or _PAST_ON_PURPOSE.search(h.title):
            continue
        out.append(ExtractionIssue(
            code="D5", line=h.line,
            message=f"Tiêu đề mục ghi năm {m.group(1)} trong báo cáo năm {meta.year} / section heading names "
                    f"{m.group(1)} in a {meta.year} report: {_quote(h.numeral + '. ' + h.title)!r}"))
    return out


# -- D3: cited document type vs its number's type code -------------------------------------------------------

_TYPE_CODES = {"quyết định": "QĐ", "kế hoạch": "KH", "báo cáo": "BC", "thông báo": "TB", "chỉ thị": "CT",
               "hướng dẫn": "HD", "tờ trình": "TTR", "nghị quyết": "NQ", "nghị định": "NĐ", "thông tư": "TT",
               "công văn": "CV"}
_CODE_ALIASES = {"QD": "QĐ", "ND": "NĐ"}
_KNOWN_CODES = frozenset(_TYPE_CODES.values())
# A number a công văn cannot carry: the codes of other document types that no issuing body abbreviates to
# (CT may be Cục Thuế, TB or TT an office's initials, so they are not held against a công văn).
_NOT_CV = frozenset({"QĐ", "KH", "BC", "HD", "TTR", "NQ"})
_CITATION_TAIL = (r"\s+(?:số\s*:?\s*)?\d+[a-zđ]?\s*"
                  r"(?:/\s*(?:\d{4}\s*/\s*)?(?P<code>[^\s,;.()/]+)|[-–]\s*(?P<party>[a-zđ]+)\s*/)")
# one pattern per type word, starting with its letters (searched fast), on the lower-case text
_CITATIONS = [(kind, code, re.compile(kind.replace(" ", r"\s+") + _CITATION_TAIL))
              for kind, code in _TYPE_CODES.items()]
_CODE_HEAD = re.compile(r"[^-–.]*")


def _type_code(code: str) -> str:
    head = _CODE_HEAD.match(code).group(0).upper()  # type: ignore[union-attr]
    return _CODE_ALIASES.get(head, head)


def citation_types(dt: DocText) -> list[ExtractionIssue]:
    """D3: "Kế hoạch số 15/QĐ-UBND", "Quyết định số 41/KH-UBND", "Công văn số 3/KH-UBND"."""
    out = []
    low = dt.lower
    for kind, want, pattern in _CITATIONS:
        for m in pattern.finditer(low):
            pos = m.start()
            if pos and low[pos - 1].isalnum():
                continue
            issue = _citation_issue(dt, kind, want, pos, m)
            if issue is not None:
                out.append(issue)
    return out


def _citation_issue(dt: DocText, kind: str, want: str, pos: int, m: re.Match[str]) -> ExtractionIssue | None:
    raw = m.group("code") or m.group("party") or ""
    got = _type_code(raw)
    if want == "CV":
        bad = got in _NOT_CV
    elif got in _KNOWN_CODES:
        bad = got != want
    else:  # an office's own code ("UBND-NV") numbers a công văn
        bad = m.group("code") is not None and raw.startswith("ubnd-")
        got = "CV"
    if not bad:
        return None
    written = _quote(dt.text[pos:m.end()])
    msg = (f"Loại văn bản trích dẫn không khớp ký hiệu / cited document type disagrees with its number "
           f"({kind.capitalize()} vs {got}): {written!r}")
    return ExtractionIssue(code="D3", line=dt.line_at(pos), message=msg)


# -- D4: the unit's own place name spelled several ways ------------------------------------------------------

def _strip_marks(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def fold_name(s: str) -> str:
    """Lower case, no diacritics, đ = d, a syllable-final c = k (Đắk / Đắc / Đăk / Dak fold alike)."""
    return re.sub(r"c\b", "k", " ".join(_strip_marks(s).split()))


def _letter_classes() -> dict[str, str]:
    by_base: dict[str, set[str]] = {}
    for cp in [*range(0x61, 0x7B), *range(0xE0, 0x1B1), *range(0x1EA0, 0x1EFA)]:
        ch = chr(cp)
        if ch != ch.lower():
            continue
        base = _strip_marks(ch)
        if len(base) == 1 and base.isascii() and base.isalpha():
            by_base.setdefault(base, set()).add(ch)
    return {b: "[" + "".join(sorted(chars)) + "]" for b, chars in by_base.items()}


_LETTERS = _letter_classes()
_TIER = re.compile(r"^.*?\b(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu)\s+",
                   re.IGNORECASE)


def place_name(unit: str | None) -> str | None:
    """The proper name in a unit's name: "UBND xã Đắk Ha" → "Đắk Ha"; None for bodies named otherwise."""
    if not unit:
        return None
    m = _TIER.match(unit)
    name = unit[m.end():].strip() if m else ""
    return name if len(fold_name(name)) >= 4 else None


def _syllable_letters(word: str) -> list[str]:
    """A folded syllable as one pattern per letter: the letter with any diacritics, a final k also as c."""
    last = len(word) - 1
    return ["[kc]" if i == last and ch == "k" else _LETTERS.get(ch, re.escape(ch)) for i, ch in enumerate(word)]


def _syllable(word: str) -> str:
    return "".join(_syllable_letters(word))


# Letters a case-insensitive pattern also matches in other forms that lower-casing does not give ("ı", "ſ",
# "İ"): a syllable holding one is not used to rule lines out.
_UNSURE_LETTERS = frozenset("is")
# A name folded to these characters only is read exactly by a case-sensitive pattern on the lower-case text
# (lower-casing keeps every character a word character or not, a space or not, and maps each letter to what a
# case-insensitive pattern compares).
_LOWER_EXACT = frozenset("abcdefghjklmnopqrtuvwxyz'’-") - _UNSURE_LETTERS


@dataclass(frozen=True)
class NamePatterns:
    """The patterns ``name_spellings`` reads one name with."""

    anchor: re.Pattern[str] | None  # one syllable on the lower-case text, starting with a literal letter (fast)
    full: re.Pattern[str]  # the whole name, case-insensitive, on the text
    others: tuple[re.Pattern[str], ...]  # the other syllables on the lower-case text: each is in every match
    # ``full`` on the lower-case text, opening with its first letter (so found fast), when that reads it exactly
    full_lower: re.Pattern[str] | None = None


@lru_cache(maxsize=256)
def _name_patterns(name: str) -> NamePatterns:
    """The name with any diacritics and a syllable-final k or c: a lower-case anchor starting with a literal
    letter (one syllable, found fast), the whole name (to read the spelling off an anchor's line), and the
    other syllables (a line lacking one cannot hold the name)."""
    words = fold_name(name).split()
    full = re.compile(r"(?<!\w)" + r"\s+".join(_syllable(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    full_lower = None
    if words and _LOWER_EXACT.issuperset("".join(words)):
        # "(?<!\w)X" written "X(?<!\wX)" for the single letter X: the same matches, but a pattern opening with
        # a look-behind is tried at every character, one opening with a character class is not
        first, *rest = _syllable_letters(words[0])
        full_lower = re.compile(first + rf"(?<!\w{first})" + "".join(rest) +
                                "".join(r"\s+" + _syllable(w) for w in words[1:]) + r"(?!\w)")
    anchors = [w for w in words if w[0] not in "daeiouy" and w[0].isascii()]
    if not anchors:
        return NamePatterns(None, full, (), full_lower)
    word = max(anchors, key=len)
    anchor = re.compile(re.escape(word[0]) + _syllable(word[1:]) if len(word) > 1 else re.escape(word))
    others = tuple(re.compile(_syllable(w)) for w in dict.fromkeys(words)
                   if w != word and not _UNSURE_LETTERS.intersection(w))
    return NamePatterns(anchor, full, others, full_lower)


def _name_spans(dt: DocText, patterns: NamePatterns, start: int, end: int) -> list[tuple[int, int]]:
    """Where ``patterns.full`` matches ``dt.text[start:end]`` (read on the lower-case text when exact)."""
    if patterns.full_lower is not None:
        return [m.span() for m in patterns.full_lower.finditer(dt.lower, start, end)]
    return [m.span() for m in patterns.full.finditer(dt.text, start, end)]


def _name_line_indexes(dt: DocText, patterns: NamePatterns) -> list[int]:
    """Indexes (into ``dt.numbers``) of the lines that may hold the name: those with the anchor and every other
    syllable (a match of the whole name, lower-cased, holds each of them)."""
    if patterns.anchor is None:
        return sorted({bisect_right(dt.starts, m.start()) - 1 for m in patterns.full.finditer(dt.text)})
    found = sorted({bisect_right(dt.starts, m.start()) - 1 for m in patterns.anchor.finditer(dt.lower)})
    if not patterns.others:
        return found
    low, starts, n = dt.lower, dt.starts, len(dt.starts)
    return [i for i in found
            if all(p.search(low, starts[i], starts[i + 1] - 1 if i + 1 < n else len(low)) for p in patterns.others)]


# Old and new tone placement ("Hoà" / "Hòa", "Thuỵ" / "Thụy") are one spelling.
_OLD_TONE = re.compile("o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ]")
_TONE_OF = {"à": "\u0300", "á": "\u0301", "ả": "\u0309", "ã": "\u0303", "ạ": "\u0323", "è": "\u0300",
            "é": "\u0301", "ẻ": "\u0309", "ẽ": "\u0303", "ẹ": "\u0323", "ỳ": "\u0300", "ý": "\u0301",
            "ỷ": "\u0309", "ỹ": "\u0303", "ỵ": "\u0323"}


@lru_cache(maxsize=1024)
def _spelling_key(written: str) -> str:
    """Lower case, tone placed the new way ("hoà" → "hòa"): spellings that differ only so are one."""
    def move(m: re.Match[str]) -> str:
        first, second = m.group(0)
        base = unicodedata.normalize("NFD", second)[0]
        return unicodedata.normalize("NFC", first + _TONE_OF[second]) + base

    return _OLD_TONE.sub(move, written.lower())


def name_spellings(dt: DocText, names: Iterable[str]) -> list[ExtractionIssue]:
    """D4: a place name of the unit written in more than one way (case aside); one issue per other spelling,
    at its first line, measured against the spelling the unit's name uses (else the most frequent one)."""
    out = []
    for name in dict.fromkeys(names):
        patterns = _name_patterns(name)
        found: dict[str, list] = {}  # variant (lower case) -> [as first written, count, first line]
        for idx in _name_line_indexes(dt, patterns):
            start = dt.starts[idx]
            end = dt.starts[idx + 1] - 1 if idx + 1 < len(dt.starts) else len(dt.text)
            for a, b in _name_spans(dt, patterns, start, end):
                written = " ".join(dt.text[a:b].split())
                entry = found.setdefault(_spelling_key(written), [written, 0, dt.numbers[idx]])
                entry[1] += 1
        if len(found) < 2:
            continue
        ref = _spelling_key(" ".join(name.split()))
        if ref not in found:
            ref = max(found, key=lambda k: found[k][1])
        ref_written = found[ref][0]
        for key, (written, count, line_no) in found.items():
            if key == ref:
                continue
            msg = (f"Tên địa danh viết không thống nhất / place name spelled inconsistently: {written!r} "
                   f"({count}×) vs {ref_written!r} ({found[ref][1]}×)")
            out.append(ExtractionIssue(code="D4", line=line_no, message=msg))
    return out


# -- all checks ----------------------------------------------------------------------------------------------

def lint_document(doc: Document, meta: ReportMeta,
                  known: Iterable[ExtractionIssue] = ()) -> list[ExtractionIssue]:
    """Every document-level check; ``known`` are the issues already raised (metadata), not repeated."""
    dt = DocText(doc)
    headings = roman_headings(dt)
    period_lines = [i.line for i in known if i.code == "W10"]
    names = [n for n in (place_name(meta.reporting_unit), meta.district, meta.province) if n]
    issues = [*blank_dates(dt), *blank_numbers(dt), *section_numbering(headings), *citation_types(dt),
              *name_spellings(dt, names), *heading_periods(headings, meta, period_lines)]
    return sorted(issues, key=lambda i: (i.line or 0, i.code))
