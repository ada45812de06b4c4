"""Which lines of a document contain a word, found with one ``str.find`` pass over the whole lower-cased text.

Metadata looks for a few words in every line of a report (hundreds of lines); most lines have none of them.
Lower-casing the document once and finding each word over the whole text, then mapping the hits to their lines,
replaces a lower-case and several ``find`` calls per line. When a character changes length when lower-cased
(so offsets would shift) or a line holds a line break, the index declines (``None``) and callers scan every
line as before.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate
from operator import attrgetter

from ingest.models import Line


class LineIndex:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        texts = list(map(attrgetter("text"), lines))
        joined = "\n".join(texts)
        self.low = joined.lower()
        self.usable = len(self.low) == len(joined) and joined.count("\n") == max(0, len(texts) - 1)
        # each line starts one past the end of the one before (a C-level running sum, no Python loop)
        self.starts: list[int] = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0)) if texts else []

    @cached_property
    def consecutive(self) -> bool:
        """The lines are numbered 1, 2, 3 ... (as every reader numbers them): line ``no`` is at index no - 1."""
        return [ln.no for ln in self.lines] == list(range(1, len(self.lines) + 1))

    def line_indices(self, words: tuple[str, ...]) -> list[int] | None:
        """Sorted indices of the lines whose lower-cased text contains one of ``words`` (None: unknown)."""
        if not self.usable:
            return None
        low, starts = self.low, self.starts
        n = len(starts)
        found: set[int] = set()
        for word in words:
            at = low.find(word)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                if i + 1 >= n:
                    break
                at = low.find(word, starts[i + 1])
        return sorted(found)

    def spots(self, words: tuple[str, ...]) -> dict[int, list[int]] | None:
        """Per line index, the sorted offsets in the line of every occurrence of ``words`` (overlapping ones
        too): what ``hints.find_all`` gives on each line's lower-cased text (None: unknown)."""
        if not self.usable:
            return None
        low, starts = self.low, self.starts
        n = len(starts)
        out: dict[int, list[int]] = {}
        for word in words:
            at = low.find(word)
            line_start = line_end = -1  # the line of the previous occurrence: most share one with the next
            offsets: list[int] = []
            while at >= 0:
                if at > line_end:
                    i = bisect_right(starts, at) - 1
                    line_start = starts[i]
                    line_end = starts[i + 1] - 1 if i + 1 < n else len(low)
                    offsets = out.setdefault(i, [])
                offsets.append(at - line_start)
                at = low.find(word, at + 1)
        if len(words) > 1:
            for found in out.values():
                found.sort()
        return out

    def occurrences(self, words: dict[str, str]) -> dict[int, list[tuple[int, str]]] | None:
        """Per line index, the sorted (offset in the line, tag) of every non-overlapping occurrence of each
        word (``words`` maps a word to its tag) — what a per-line ``find`` loop over each word would give."""
        if not self.usable:
            return None
        low, starts = self.low, self.starts
        out: dict[int, list[tuple[int, str]]] = {}
        for word, tag in words.items():
            step = len(word)
            at = low.find(word)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                out.setdefault(i, []).append((at - starts[i], tag))
                at = low.find(word, at + step)
        for spots in out.values():
            spots.sort()
        return out
