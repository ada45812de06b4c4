"""Fast ``finditer`` for case-insensitive patterns that always contain one of a few words.

Python's regex engine tries a case-insensitive alternation at every character of a line; reports have long
lines (footnotes, appendix rows), and a 1,200-line report has ~100,000 characters. ``str.find`` on a lower-cased
copy locates the few places where a match can be, and the pattern only runs around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def find_all(low: str, words: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every occurrence of ``words`` in ``low``."""
    spots: list[int] = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            spots.append(at)
            at = low.find(word, at + 1)
    spots.sort()
    return spots


def hinted_finditer(pattern: re.Pattern[str], text: str, words: tuple[str, ...], back: int,
                    ahead: int = 80, spots: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, for a pattern whose every match starts at most ``back``
    characters before an occurrence of one of ``words`` (lower case) and is shorter than ``back + ahead``.
    ``spots``: those occurrences if the caller already has them (``find_all`` of the lower-cased text)."""
    if spots is None:
        low = text.lower()
        if len(low) != len(text):
            yield from pattern.finditer(text)
            return
        spots = find_all(low, words)
    done = 0
    size = len(text)
    for spot in spots:
        if spot < done:
            continue
        lo, hi = spot - back, spot + ahead
        found = pattern.search(text, lo if lo > done else done, hi if hi < size else size)
        if found is None or found.start() > spot:
            continue
        # (read it again without the search limit, which can cut a match or fake an end of text)
        full = pattern.match(text, found.start())
        if full is None:
            continue
        yield full
        done = full.end()
