"""Text normalisation shared by every reader: NFC, ordinary spaces, no invisible characters or footnote marks.

Normalisation works line by line and never adds or removes a line break, so the 1-based line numbers the gold
cites stay valid.
"""

from __future__ import annotations

import re
import unicodedata

# No-break and other fixed-width spaces become an ordinary space.
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000]")
# Zero-width characters, BOMs inside the text, soft hyphens and directional marks carry no content.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# Footnote references: Word-export markers "[footnoteRef:7]", HTML "<sup>4</sup>", superscript digits "¹²".
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\s*\d+\]")
_SUP_TAG = re.compile(r"<sup>\s*\d{1,3}\s*</sup>", re.IGNORECASE)
# Superscript digits, except an exponent of a unit of area or volume (m², km³). Written as "a superscript not
# preceded by m, then any more": ``(?<!m)[¹²…]+`` matches the same runs, but a pattern opening with a
# look-behind is tried at every character of a line, one opening with a character class is not.
_SUPERSCRIPT_DIGITS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰](?<!m[¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]*")


def normalize_line(line: str) -> str:
    """Normalise one line of text (no line breaks are expected inside)."""
    return _substitute(unicodedata.normalize("NFC", line))


# Any character or mark that one of the substitutions above acts on (a quick test before running them); a
# single character class finds the candidates fast, the full pattern confirms those starting with "[" or "<".
_TOUCHED = re.compile(
    _SPACES.pattern + "|" + _INVISIBLE.pattern + r"|\[footnoteRef:|<sup|[¹²³⁴⁵⁶⁷⁸⁹⁰]", re.IGNORECASE
)
_TOUCHED_START = re.compile("[" + _SPACES.pattern[1:-1] + _INVISIBLE.pattern[1:-1] + r"¹²³⁴⁵⁶⁷⁸⁹⁰\[<]")


def normalize_lines(lines: list[str]) -> list[str]:
    """``[normalize_line(x) for x in lines]``, faster: one NFC pass over the joined text (a line break never
    composes nor reorders with its neighbours), and the substitutions only on lines that need them."""
    joined = "\n".join(lines)
    if joined.count("\n") != len(lines) - 1:  # line breaks inside an item: one by one
        return [normalize_line(line) for line in lines]
    nfc = unicodedata.normalize("NFC", joined)
    parts = nfc.split("\n") if nfc is not joined else list(lines)
    if len(parts) != len(lines):
        return [normalize_line(line) for line in lines]
    return _substitute_touched(parts, nfc)


def normalize_text_lines(text: str) -> list[str]:
    """``normalize_lines(split_lines(text))``, faster: line breaks unified and NFC on the whole text, then one
    split (no line break composes nor reorders with its neighbours, so NFC commutes with the split)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _substitute_touched(_split_unified(text), text)


# What each character found by ``_TOUCHED_START`` asks for ("[" and "<" need no flag: their substitutions
# are guarded by a test on the line itself).
_SPACE_CHARS = frozenset(_SPACES.pattern[1:-1].encode().decode("unicode_escape"))
_INVISIBLE_CHARS = frozenset(_INVISIBLE.pattern[1:-1].encode().decode("unicode_escape"))
_SUPERSCRIPT_CHARS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
_ALL = frozenset({"invisible", "space", "superscript"})


def _kind(ch: str) -> str:
    if ch in _INVISIBLE_CHARS:
        return "invisible"
    if ch in _SPACE_CHARS:
        return "space"
    return "superscript" if ch in _SUPERSCRIPT_CHARS else "tag"


def _substitute_touched(parts: list[str], joined: str) -> list[str]:
    """``parts`` (the lines of ``joined``, split at "\n") with ``_substitute`` applied to the lines holding a
    character it acts on; the other lines are returned as they are."""
    line = pos = 0
    kinds: dict[int, set[str]] = {}
    for m in _TOUCHED_START.finditer(joined):
        ch = m.group()
        if ch in "[<" and not _TOUCHED.match(joined, m.start()):
            continue
        line += joined.count("\n", pos, m.start())
        pos = m.start()
        kinds.setdefault(line, set()).add(_kind(ch))
    for i, found in kinds.items():
        parts[i] = _substitute(parts[i], found)
    return parts


def _substitute(line: str, kinds: set[str] | frozenset[str] = _ALL) -> str:
    """The substitutions, in order. ``kinds``: the characters the line holds (the substitutions only delete,
    so the others have nothing to act on); all when not known."""
    if "invisible" in kinds:
        line = _INVISIBLE.sub("", line)
    if "space" in kinds:
        line = _SPACES.sub(" ", line)
    if "[footnoteRef:" in line:  # (the pattern starts with these characters, case and all)
        line = _FOOTNOTE_REF.sub("", line)
    if "<" in line:
        line = _SUP_TAG.sub("", line)
    if "superscript" in kinds:
        line = _SUPERSCRIPT_DIGITS.sub("", line)
    return line


def normalize_text(text: str) -> str:
    """Normalise a whole text, line by line; the number of lines is unchanged."""
    return "\n".join(normalize_line(part) for part in text.split("\n"))


def split_lines(text: str) -> list[str]:
    """Physical lines of a text file: CRLF and a lone CR are one break; a final newline ends the last line."""
    return _split_unified(text.replace("\r\n", "\n").replace("\r", "\n"))


def _split_unified(text: str) -> list[str]:
    """``split_lines`` of a text whose line breaks are all "\\n" already."""
    parts = text.split("\n")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return parts


def fold(text: str) -> str:
    """Accent- and case-insensitive key for matching labels and names ("Đắk Mil" -> "dak mil")."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()
