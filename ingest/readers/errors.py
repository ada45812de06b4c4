"""The one exception readers raise: the file cannot be read as a report."""

from __future__ import annotations


class ReaderError(Exception):
    """The file cannot be read as a report; the message is the reason shown to people."""
