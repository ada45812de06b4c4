"""Reading numbers written in Vietnamese CCHC reports (``../shared/docs/rules.md`` §3).

* "." groups thousands and "," is the decimal mark: "21.802" = 21802, "56,4" = 56.4.
* "." is a decimal mark when the group after it is not exactly three digits ("96.33", "21.5") or when the
  thousands reading is impossible for the quantity (a percentage above 100, a score above its maximum).
* Money is converted to VND million; "ngàn"/"nghìn"/"triệu" multiply counts.
* Qualifiers ("trên", ">", "khoảng", ...) and "A/B" pairs are recognised; signs come from words.
* ``mask_non_figures`` blanks out numbers that are not figures (document ids, dates, years, periods,
  footnote markers, list numbering) without changing the text length, so offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_FULL = re.compile(r"\d+(?:[.,]\d+)*")

# a number as it appears in running text: not glued to letters, not part of a longer token
NUM = r"(?<![\w.,/])\d+(?:[.,]\d+)*(?![\w/]|[.,]\d)"

QUALIFIER_RE = re.compile(
    r"(?:(?P<word>trên|hơn|gần|khoảng|ước đạt|ước tính|ước|xấp xỉ|tối thiểu|tối đa|dưới|trung bình|"
    r"chưa đến|chưa tới|không quá|ít nhất)|(?P<sym>[<>≥≤~]))\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """A parsed number: its value and whether a "." was read as the decimal mark."""

    value: float
    decimal_dot: bool = False


def parse_number(raw: str, *, max_value: float | None = None) -> Reading | None:
    """Parse one Vietnamese number ("21.802", "56,4", "96.33", "04", ">10,3"); None if it is not one.

    ``max_value`` is the largest value possible for the quantity (100 for a percentage, the maximum of a
    score): a "." reading that would exceed it is taken as a decimal mark instead.
    """
    s = raw.strip().lstrip("<>≥≤~+").strip().rstrip("%").strip().replace(" ", "")
    if not _NUMBER_FULL.fullmatch(s):
        return None
    if "," in s:
        head, _, frac = s.rpartition(",")
        if s.count(",") > 1:
            parts = s.split(",")
            if "." in s or not all(len(p) == 3 for p in parts[1:]):
                return None
            return Reading(float("".join(parts)))
        if "." in head:
            groups = head.split(".")
            if not all(len(g) == 3 for g in groups[1:]):
                return None
            head = "".join(groups)
        return Reading(float(f"{head}.{frac}"))
    if "." in s:
        groups = s.split(".")
        thousands = len(groups[0]) <= 3 and groups[0] != "0" and all(len(g) == 3 for g in groups[1:])
        if thousands:
            value = float("".join(groups))
            if max_value is not None and value > max_value and len(groups) == 2:
                return Reading(float(s), decimal_dot=True)
            return Reading(value)
        if len(groups) == 2:
            return Reading(float(s), decimal_dot=True)
        return None
    return Reading(float(s))


def qualifier_before(text: str, start: int) -> str | None:
    """The approximation word or symbol written right before position ``start`` ("trên", ">", ...)."""
    m = QUALIFIER_RE.search(text[max(0, start - 16) : start])
    if not m:
        return None
    return (m.group("word") or m.group("sym")).lower()


_MONEY_UNIT_RE = re.compile(r"\s*(?P<mult>tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?P<dong>đồng|đ\b|vnđ|vnd)?", re.IGNORECASE)
_MONEY_FACTORS = {"tỷ": 1000.0, "tỉ": 1000.0, "triệu": 1.0, "nghìn": 0.001, "ngàn": 0.001}


def money_unit_after(text: str, end: int) -> tuple[float, int] | None:
    """The factor to VND million for a money unit written at ``text[end:]`` and the unit's end offset.

    "tỷ (đồng)" ×1000, "triệu (đồng)" ×1, "nghìn / ngàn đồng" ÷1000, "đồng" ÷1 000 000; None if no unit.
    """
    m = _MONEY_UNIT_RE.match(text, end)
    if not m or not (m.group("mult") or m.group("dong")):
        return None
    mult = (m.group("mult") or "").lower()
    if mult in ("nghìn", "ngàn") and not m.group("dong"):
        return None  # "4,52 ngàn" qualifies a count, not money
    factor = _MONEY_FACTORS.get(mult, 1e-6 if m.group("dong") else 1.0)
    return factor, m.end()


def to_vnd_million(value: float, unit: str) -> float:
    """Convert an amount written with ``unit`` ("tỷ đồng", "triệu đồng", "nghìn đồng", "đồng") to VND million."""
    found = money_unit_after(" " + unit, 0)
    if found is None:
        raise ValueError(f"not a money unit: {unit!r}")
    return round(value * found[0], 9)


_COUNT_MULT_RE = re.compile(r"\s*(?P<m>ngàn|nghìn|triệu)\b(?!\s*đồng)", re.IGNORECASE)


def count_multiplier_after(text: str, end: int) -> tuple[float, int] | None:
    """"4,52 ngàn" → (1000, end of "ngàn"); "1,488 triệu hồ sơ" → (1e6, ...); None without a multiplier."""
    m = _COUNT_MULT_RE.match(text, end)
    if not m:
        return None
    return (1e6 if m.group("m").lower() == "triệu" else 1000.0), m.end()


PAIR_RE = re.compile(rf"(?P<a>{NUM})\s*/\s*(?P<b>{NUM})")


def split_pair(raw: str, *, max_value: float | None = None) -> tuple[float, float] | None:
    """"22/39" → (22, 39); "10.973/13" → (10.973, 13) (the denominator bounds the numerator)."""
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)*)\s*/\s*(\d+(?:[.,]\d+)*)\s*", raw)
    if not m:
        return None
    den = parse_number(m.group(2), max_value=max_value)
    if den is None:
        return None
    num = parse_number(m.group(1), max_value=den.value if den.value else max_value)
    if num is None:
        return None
    return num.value, den.value


_SIGN_RE = re.compile(r"(?P<w>giảm|tăng|cao hơn|thấp hơn|nhiều hơn|ít hơn)\s*(?:thêm\s*)?$", re.IGNORECASE)


def sign_before(text: str, start: int) -> int:
    """-1 when the number at ``start`` follows "giảm" ("giảm 142 hồ sơ"), else +1."""
    m = _SIGN_RE.search(text[max(0, start - 14) : start])
    if m and m.group("w").lower() in ("giảm", "thấp hơn", "ít hơn"):
        return -1
    return 1


# ---------------------------------------------------------------- numbers that are not figures
_I = re.IGNORECASE
_FULL_MASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"https?://\S+"),
    re.compile(r"www\.\S+"),
    re.compile(r"[<\[](?:(?<=<)sup>\s*\d+\s*</sup>|(?<=\[)footnote[rR]ef:\d+\]|(?<=\[)\d+:|(?<=\[)bookmark:[^\]]*\]|(?<=<)https?:[^>]*>|"
               r"(?<=<)/?[a-zA-Z][^<>]{0,80}>)"),  # footnote markers, html tags left in the text
    re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+"),
)
# Numbers that are not figures. Only their digits are blanked (the words stay for the sentence patterns). The
# masks run over every paragraph, so they are built for speed: one pass for constructs that start with a digit
# (the pattern starts with a literal character class, which the regex engine scans for quickly), then a look
# back from each remaining digit run for words that introduce dates, ids and list positions.
_YEAR_WORDS = ("năm", "kỳ", "từ", "đến", "khóa", "khoá", "đoạn", "độ", "quý")
_YEAR_HEAD = r"(?:(?<=1)9|(?<=2)0)\d{2}"  # the rest of a 19xx/20xx year after its first digit
_AFTER_FIRST_DIGIT = (
    r"\d?\s*/\s*\d{1,2}\s*/\s*(?:19|20)?\d{2}(?!\d)",  # 30/12/2021, 32/05/2024
    r"\d?-\d{1,2}-(?:19|20)?\d{2}(?!\d)",
    r"\d?\.\d{1,2}\.(?:19|20)\d{2}(?!\d)",
    r"\d?\s*/\s*(?:19|20)\d{2}(?!\d)",  # 5/2023
    _YEAR_HEAD + r"\s*[-–—]\s*(?:19|20)\d{2}(?!\d)",  # 2021-2025
    _YEAR_HEAD + r"(?!\d)(?:" + "|".join(f"(?<={w} \\d{{4}})" for w in _YEAR_WORDS) + ")",
    # document identifiers: 82/QĐ-UBND, 108/2020/NĐ-CP, 114-KH/HU, 646/VPUBND-HCTC
    r"\d*(?:\s*/\s*\d{2,4})?\s*[/-]\s*[^\W\d_][\w&.]*(?:\s*[/-]\s*[\w&.]+)*",
    r"\d*(?:[.,]\d+)?\s*(?:tháng|năm|ngày|quý)\b(?!\s*tuổi)",  # 06 tháng, 3 năm
    r"\s*cấp\b",  # liên thông 3 cấp, 4 cấp chính quyền
    r"\.0\b",  # công nghiệp 4.0
)
_DIGIT_LED_RE = re.compile(r"[0-9](?<![\w.,][0-9])(?:" + "|".join(_AFTER_FIRST_DIGIT) + ")")
_WORDS_BEFORE = (
    "ngày", "tháng", "số", "quyết định", "nghị định", "nghị quyết", "kế hoạch", "công văn", "thông báo", "thông tư",
    "chỉ thị", "báo cáo", "hướng dẫn", "kết luận", "chương trình", "luật", "quy chế", "đề án", "qđ", "nđ", "mục",
    "khoản", "điều", "tiêu chí", "mức độ", "mức", "phiên bản", "iso", "ipv",
)
_NOT_ID_SO = ("chỉ số", "tổng số", "con số", "đạt số", "ký số", "thư số", "đổi số", "quyền số")  # "chữ ký số: 100%"
# phrases ending in one of those words whose number is a figure: "kỷ luật 19 người", "thời điểm báo cáo 22,6 tỷ"
_NOT_ID_PHRASES = ("kỷ luật", "thời điểm báo cáo", "kỳ báo cáo", "ngày báo cáo", "danh mục")
# an amount right after "kế hoạch" / "chương trình" / "báo cáo" is a figure, not a document number
_UNIT_AFTER_RE = re.compile(r"[0-9][0-9.,]*\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn|đồng|hồ sơ|nhiệm vụ|nội dung|người|biên chế)")
_COMPOSITE_BEFORE_RE = re.compile(
    r"(?:ngày\s+\d{1,2}\s*/|quý\s+[ivx]+\s*/|điểm [a-zđ],?|(?:mục|khoản|điều|tiêu chí)\s+(?:\d+\.)+|"
    r"mức\s*(?:độ)?\s*(?:\d\s*(?:,|và|-|/|hoặc)\s*(?:mức\s*(?:độ)?\s*)?)+)$"
)


def _introduced(low: str, start: int) -> bool:
    """True when the digit run at ``start`` follows a word that makes it a date, an id or a list position."""
    prev = low[max(0, start - 30) : start].rstrip().rstrip(":").rstrip()
    if not prev:
        return False
    if prev.endswith(_WORDS_BEFORE):
        if prev.endswith(_NOT_ID_SO) or prev.endswith(_NOT_ID_PHRASES):  # "chỉ số 88,2", "tổng số 45"
            return False
        if prev.endswith(("kế hoạch", "chương trình", "báo cáo")) and _UNIT_AFTER_RE.match(low, start):
            return False
        for w in _WORDS_BEFORE:
            if prev.endswith(w):
                return len(prev) == len(w) or not prev[-len(w) - 1].isalpha()
    if prev[-1] in "/,.-ồc" or prev[-1].isalpha():
        return bool(_COMPOSITE_BEFORE_RE.search(prev))
    return False


# a legacy online-service level ("mức độ 3", the "4" of "mức độ 3, 4") is not a figure, but the rules must tell
# the levels apart: its digit becomes a level mark (LEVEL_MARKS[d - 1]), never read as a number
LEVEL_MARKS = "ⅰⅱⅲⅳ"
_LEVEL_BEFORE_RE = re.compile(r"(?<!\w)mức\s*(?:độ\s*)?(?:[1-4]\s*(?:,|và|-|/|hoặc)\s*(?:mức\s*(?:độ)?\s*)?)*$")


def _level_mark(low: str, start: int, end: int) -> str | None:
    """The level mark for the digit run ``low[start:end]`` when it is a service level ("mức độ 3"), else None."""
    if end - start != 1 or low[start] not in "1234":
        return None
    if not _LEVEL_BEFORE_RE.search(low, max(0, start - 40), start):
        return None
    return LEVEL_MARKS[int(low[start]) - 1]


_RUN_RE = re.compile(r"[0-9](?:[0-9.,]*[0-9])?")
_LITERAL_MASKS = (
    re.compile(r"\(\s*[-–]\s*\d[\d.,]*\s*(?:điểm|đ)\b"),  # points lost "(- 2.027 điểm)"
    re.compile(r"\(\s*\d{1,2}\s*\)"),  # "(1)" list markers
)
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_OUTLINE_RE = re.compile(r"^\s*(?:[-+•*]\s*)?(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|[ivxlc]+\.|[a-zđ]\))(?=\s)", _I)
_DIGIT_RE = re.compile(r"\d")


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


_DIGIT_BLANKS = str.maketrans("0123456789", " " * 10)


def _blank_digits(m: re.Match[str]) -> str:
    return m.group(0).translate(_DIGIT_BLANKS)


def mask_non_figures(text: str) -> str:
    """Replace numbers that are not figures with spaces (same length, so offsets stay valid).

    Dates, years, periods ("06 tháng"), document ids ("251/QĐ-UBND", "Nghị định số 61/2018/NĐ-CP"),
    footnote markers, URLs, tiers ("3 cấp") and outline numbering. A legacy service level ("mức độ 3, 4")
    becomes a level mark ("mức độ ⅲ, ⅳ"): not a figure, yet the levels stay apart.
    """
    if not _DIGIT_RE.search(text):
        return text
    low = text.lower()
    if len(low) != len(text):
        low = text
    low = _OUTLINE_RE.sub(_blank_digits, low, count=1)
    if "<" in low or "[" in low or "http" in low or "www." in low:
        for rx in _FULL_MASKS[:3]:
            low = rx.sub(_blank, low)
    if _FULL_MASKS[3].search(low):  # (superscript digits)
        low = _FULL_MASKS[3].sub(_blank, low)
    low = _DIGIT_LED_RE.sub(_blank_digits, low)
    for rx in _LITERAL_MASKS:
        if "(" in low:
            low = rx.sub(_blank_digits, low)
    chars: list[str] | None = None
    for m in _RUN_RE.finditer(low):
        if _introduced(low, m.start()):
            if chars is None:
                chars = list(low)
            mark = _level_mark(low, m.start(), m.end())
            chars[m.start() : m.end()] = mark if mark else " " * (m.end() - m.start())
    if chars is not None:
        low = "".join(chars)
    if low is text:
        return text
    # keep the caller's letters (case), take the blanks from the masked copy
    return "".join(b if b in LEVEL_MARKS else
                   " " if b == " " and a != " " and (a.isdigit() or a in ".,/-") and _blankable(a) else a
                   for a, b in zip(text, low, strict=True)) if text != text.lower() else low


def _blankable(ch: str) -> bool:
    return ch.isdigit()
