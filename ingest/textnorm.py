"""Text normalisation shared by every reader: NFC, ordinary spaces, no footnote markers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    return _SPACES.sub(" ", text)
