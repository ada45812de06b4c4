"""Text pieces assembled from document lines, keeping the way back from a character to its line."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ingest.numbers import mask_non_figures

_MARKUP_RE = re.compile(r"\*+|_{2,}|`+|^#+\s*", re.MULTILINE)


def plain(text: str) -> str:
    """Markdown emphasis and heading marks replaced by spaces (same length)."""
    if "*" not in text and "#" not in text and "`" not in text and "__" not in text:
        return text
    return _MARKUP_RE.sub(lambda m: " " * len(m.group(0)), text)


def lower_same_length(text: str) -> str:
    """``str.lower`` that never changes the length (offsets must survive)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] if c.lower() else c for c in text)


@dataclass
class Span:
    """Text joined from one or more lines; ``line_at(offset)`` gives the source line of a character."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    locators: list[str | None] = field(default_factory=list)
    _folded: str | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str, line: int, locator: str | None = None) -> Span:
        return cls(text, [0], [line], [locator])

    def append(self, text: str, line: int, locator: str | None = None, sep: str = " ") -> None:
        if self.text:
            self.text += sep
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.locators.append(locator)
        self.text += text
        self._folded = None

    def extend(self, other: Span, sep: str = " ") -> None:
        base = len(self.text) + (len(sep) if self.text else 0)
        if self.text:
            self.text += sep
        self.starts.extend(base + s for s in other.starts)
        self.lines.extend(other.lines)
        self.locators.extend(other.locators)
        self.text += other.text
        self._folded = None

    def _index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def line_at(self, offset: int) -> int:
        return self.lines[self._index(offset)] if self.lines else 0

    def locator_at(self, offset: int) -> str | None:
        return self.locators[self._index(offset)] if self.locators else None

    @property
    def folded(self) -> str:
        """Lower-case text with markup and non-figure numbers blanked (same length as ``text``)."""
        if self._folded is None:
            self._folded = mask_non_figures(lower_same_length(plain(self.text)))
        return self._folded

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0


_WORD_RE = re.compile(r"\S+")


_MARKUP_DROP_RE = re.compile(r"\*+|`+|<[^<>]{1,40}>|\[footnoteRef:\d+\]")


def snippet(text: str, start: int, end: int, max_words: int = 15) -> str:
    """A short quote (at most ``max_words`` words) around ``text[start:end]`` (the figure and its wording)."""
    base = max(0, start - 240)
    text = text[base : end + 240]
    start, end = start - base, end - base
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    if not spans:
        return text.strip()
    ends = [e for _, e in spans]  # increasing: words do not overlap
    first = bisect_right(ends, start)  # the first word ending after ``start``
    if first == len(ends):
        first = len(ends) - 1
    last = bisect_left(ends, end)  # the first word ending at or after ``end``
    if last == len(ends):
        last = first
    last = min(last, first + max_words - 1)
    lo = max(0, min(first - 6, last - max_words + 1))
    hi = min(len(spans), lo + max_words)
    quote = text[spans[lo][0] : spans[hi - 1][1]]
    quote = _MARKUP_DROP_RE.sub("", quote)
    words_out = quote.split()[:max_words]
    return " ".join(words_out).strip(" ,;:")


_SENTENCE_END_RE = re.compile(r"(?:[.!?](?=\s+[\"“(\[]?[A-ZĐÀ-Ỹ\-+•])|[.!?]$|\n)")


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences start (always includes 0)."""
    return [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text))]


_CLAUSE_END_RE = re.compile(r"[;:](?=\s)|[.!?](?=\s+[\"“(\[]?[A-ZĐÀ-Ỹ\-+•])|\n|\(\s*\*?\s*(?=chiếm|lũy kế)")


def clause_bounds(text: str) -> list[int]:
    return [0, *(m.end() for m in _CLAUSE_END_RE.finditer(text))]


_SCOPE_END_RE = re.compile(r";(?=\s)|[.!?](?=\s+[\"“(\[]?[A-ZĐÀ-Ỹ\-+•])|\n")


def scope_bounds(text: str) -> list[int]:
    """Clause starts for tier words: ";" and sentence ends only (a ":" keeps its lead-in)."""
    return [0, *(m.end() for m in _SCOPE_END_RE.finditer(text))]


def start_of(bounds: list[int], offset: int) -> int:
    return bounds[max(0, bisect_right(bounds, offset) - 1)]


def end_of(bounds: list[int], offset: int, length: int) -> int:
    i = bisect_right(bounds, offset)
    return bounds[i] if i < len(bounds) else length
