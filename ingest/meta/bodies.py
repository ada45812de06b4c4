"""Names of issuing bodies as written in Vietnamese reports, parsed into a structured ``Body``.

A body phrase is what a report writes for itself or for its superior: "UBND xã Ea Tiêu, huyện Ea Lâm, tỉnh X",
"ỦY BAN NHÂN DÂN HUYỆN KRÔNG MƠ", "Sở Nội vụ tỉnh X", "Văn phòng UBND tỉnh X", "Phòng Nội vụ huyện X",
"Ban Quản lý các khu công nghiệp tỉnh X", "Thanh tra tỉnh". Place names are read from the text (capitalised
words, or any words in an all-caps header), so provinces and districts outside the built-in lists work too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ingest.meta.places import (
    CENTRAL_CITIES,
    canonical_prefix,
    district_display,
    name_key,
    province_display,
)
from ingest.textnorm import fold

UBND = r"(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)"
# Tier words in the order a regex must try them ("thị xã" before "xã"); "xã hội" is a noun, never a tier.
TIER = (r"(?:tỉnh|thành\s+phố|tp\.?(?=\s)|huyện|quận|thị\s+xã(?!\s+hội\b)|xã(?!\s+hội\b)|phường|thị\s+trấn|"
        r"đặc\s+khu)")
_TIER_AT = re.compile(rf"\s*(?:[,\-–]\s*)?(?<![\w])(?P<tier>{TIER})(?=\s|$)", re.IGNORECASE)
VERBS = (r"(?:đã|đang|luôn|thường\s+xuyên|tiếp\s+tục|báo\s+cáo|ban\s+hành|chỉ\s+đạo|tổ\s+chức|triển\s+khai|"
         r"thực\s+hiện|tham\s+mưu|quán\s+triệt|kịp\s+thời|xác\s+định|quyết\s+liệt|bám\s+sát|tổng\s+hợp|"
         r"xin|trân\s+trọng|kính|được|có|là|sẽ|cần|phối\s+hợp|giao)")

DEPARTMENTS = [
    "Nội vụ", "Tư pháp", "Kế hoạch và Đầu tư", "Tài chính", "Công Thương", "Nông nghiệp và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Giao thông vận tải", "Xây dựng", "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Du lịch", "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế", "Ngoại vụ",
    "Dân tộc và Tôn giáo",
]
# District offices ("Phòng ..." of a district People's Committee) besides the names they share with departments.
DISTRICT_OFFICES = [
    "Tài chính - Kế hoạch", "Kinh tế và Hạ tầng", "Kinh tế, Hạ tầng và Đô thị", "Quản lý đô thị", "Kinh tế",
    "Văn hóa và Thông tin", "Văn hóa, Khoa học và Thông tin", "Lao động - Thương binh và Xã hội", "Dân tộc",
    "Văn hóa - Xã hội",
]
_KNOWN_NAMES = sorted(set(DEPARTMENTS + DISTRICT_OFFICES), key=len, reverse=True)
_KNOWN_RE = re.compile(
    "|".join(re.escape(d).replace(r"\ ", r"\s+").replace(",", r"\s*,") for d in _KNOWN_NAMES), re.IGNORECASE)
_KNOWN_BY_KEY = {fold(d): d for d in _KNOWN_NAMES}

# Provincial bodies other than "Sở ...": their own name runs up to the tier word ("... tỉnh X").
_AGENCY = (r"ban\s+quản\s+lý|ban\s+dân\s+tộc|ban\s+tôn\s+giáo|thanh\s+tra|trung\s+tâm|công\s+an|bộ\s+chỉ\s+huy|"
           r"đài\s+phát\s+thanh|kho\s+bạc|cục|chi\s+cục|bảo\s+hiểm\s+xã\s+hội|liên\s+minh\s+hợp\s+tác\s+xã|"
           r"trường|bệnh\s+viện|ban\s+thi\s+đua")
# How the heads above are spelled when a header writes them in capitals.
_AGENCY_HEADS = {fold(h): h for h in (
    "Ban Quản lý", "Ban Dân tộc", "Ban Tôn giáo", "Thanh tra", "Trung tâm", "Công an", "Bộ Chỉ huy", "Đài Phát thanh",
    "Kho bạc", "Cục", "Chi cục", "Bảo hiểm xã hội", "Liên minh Hợp tác xã", "Trường", "Bệnh viện", "Ban Thi đua")}
_HEAD = re.compile(
    rf"(?P<office>văn\s+phòng(?:\s+(?P<council>(?:đoàn\s+đbqh\s*,?\s*)?(?:hđnd|hội\s+đồng\s+nhân\s+dân)\s*"
    rf"(?:và|&)\s*))?(?:\s*{UBND})?)"
    rf"|(?P<dept>sở)(?=\s)"
    rf"|(?P<ddept>phòng)(?=\s)"
    rf"|(?P<agency>{_AGENCY})(?=\s|$)"
    rf"|(?P<ubnd>{UBND})",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s*([^\s,;:()\"“”/.]+)")
_STOP = {"Ubnd", "Hđnd", "Ủy", "Uỷ", "Văn", "Sở", "Phòng", "Trung", "Chủ", "Kế", "Quyết", "Công", "Báo", "Nghị",
         "Chỉ", "Thông", "Năm", "Quý", "Cchc", "Tthc", "Ban", "Đoàn", "Đảng", "Huyện", "Tỉnh", "Xã", "Hội", "Cổng",
         "Bộ", "Trên", "Tại", "Về", "Theo", "Trong", "Kính", "Số", "Ngày", "Tháng", "Thực", "Căn", "Độc", "Cộng",
         "Phường", "Quận", "Thị", "Thành", "Tp", "Đặc", "Và", "Của", "Giai", "Kết", "Tình", "Đơn", "Cơ"}
_DEPT_STOP = re.compile(
    rf"(?:{TIER}|{VERBS}|về|của|tại|trong|theo|với|năm|quý|ngày|số|như|trên|đối|thuộc|nhằm|để|và\s+các)(?=\s|$)",
    re.IGNORECASE)


@dataclass
class Place:
    tier: str  # the tier word as written, lower case: "tỉnh", "huyện", "thị xã", "phường" ...
    name: str | None


@dataclass
class Body:
    """One issuing body. ``own`` is the UBND's own tier and name; ``places`` the qualifiers by class."""

    kind: str  # ubnd | office | dept | ddept | agency
    own: Place | None = None
    dept: str | None = None
    council: bool = False
    places: dict[str, Place] = field(default_factory=dict)
    end: int = 0

    @property
    def level(self) -> str:
        """province | province_office | province_department | district | commune."""
        if self.kind == "ubnd":
            return tier_class(self.own.tier, self.own.name) if self.own else "district"
        if self.kind == "dept":
            return "province_department"
        if self.kind == "ddept":
            return "district"
        where = self.own or self.places.get("district") or self.places.get("province")
        district_tier = where is not None and tier_class(where.tier, where.name) == "district"
        if self.kind == "office":
            return "district" if district_tier else "province_office"
        return "district" if district_tier else "province_department"

    def key(self) -> tuple[str, str, str, str]:
        own = name_key(self.own.name) if self.own and self.own.name else ""
        return self.kind, self.level, fold(self.dept or ""), own


def tier_word(tier: str) -> str:
    word = " ".join(tier.lower().split())
    return "thành phố" if word.startswith("tp") else word


def tier_class(tier: str, name: str | None) -> str:
    """province | district | commune for a tier word ("thành phố X" is a province only for central cities)."""
    word = tier_word(tier)
    if word == "tỉnh":
        return "province"
    if word == "thành phố":
        return "province" if name and name_key(name) in _CENTRAL_KEYS else "district"
    if word in ("huyện", "quận", "thị xã"):
        return "district"
    return "commune"


_CENTRAL_KEYS = {name_key(c) for c in CENTRAL_CITIES}


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def title_case(name: str) -> str:
    """An all-caps place name in ordinary case: "KRÔNG MƠ" -> "Krông Mơ", "EA H'LEO" -> "Ea H'leo"."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


_CENTRE_AFTER = re.compile(r"\s+(?:tâm|ương)\b", re.IGNORECASE)  # "Trung tâm", "Trung ương" end a place name


def read_place(text: str, pos: int, tier: str, upper: bool) -> tuple[str | None, int]:
    """The place name after a tier word at ``pos``: canonical when the province / district is known."""
    words: list[tuple[str, int]] = []
    at = pos
    cls = tier_class(tier, None)
    for _ in range(5):
        m = _WORD.match(text, at)
        if not m:
            break
        word = m.group(1)
        if not _name_word(word, upper, first=not words, numeric_ok=cls in ("district", "commune")) and not (
            words and word.lower() == "trung" and not _CENTRE_AFTER.match(text, m.end())  # "Vĩnh Thạnh Trung"
        ):
            break
        words.append((word, m.end()))
        at = m.end()
    if not words:
        return None, pos
    for n in range(len(words), 0, -1):
        candidate = " ".join(w for w, _ in words[:n])
        if tier_word(tier) in ("tỉnh", "thành phố"):
            known = province_display(candidate)
            if known:
                return known, words[n - 1][1]
        if cls == "district" or tier_word(tier) == "thành phố":
            known = district_display(candidate)
            if known:
                return known, words[n - 1][1]
    n = min(len(words), 4)
    return canonical_prefix(" ".join(w for w, _ in words[:n])), words[n - 1][1]


def _name_word(word: str, upper: bool, first: bool, numeric_ok: bool) -> bool:
    if word.isdigit():
        return first and numeric_ok and len(word) <= 2
    if not word[0].isupper() or not any(c.isalpha() for c in word):
        return False
    if word[:1] + word[1:].lower() in _STOP:
        return False
    # In ordinary text an all-caps word is an acronym ("PAR INDEX", "CCHC"), not part of a place name.
    return upper or not (word.isupper() and len(word) > 1 and word.isalpha())


def _read_qualifiers(text: str, pos: int, upper: bool, body: Body) -> int:
    """", huyện X, tỉnh Y" after a body: the places it sits in."""
    while True:
        m = _TIER_AT.match(text, pos)
        if not m:
            return pos
        tier = m.group("tier")
        if not upper and tier[0].isupper():
            return pos  # a capitalised tier word mid-phrase starts a new sentence or name ("Xã hội")
        name, end = read_place(text, m.end(), tier, upper)
        if name is None:
            return pos
        cls = tier_class(tier, name)
        body.places.setdefault(cls, Place(tier_word(tier), name))
        pos = end


def _read_dept(text: str, pos: int, upper: bool, allow_unknown: bool,
               first_upper: bool = True) -> tuple[str | None, int]:
    """A department / office name after "Sở" / "Phòng": a known one, else words up to a tier or verb."""
    m = re.compile(r"\s+").match(text, pos)
    start = m.end() if m else pos
    known = _KNOWN_RE.match(text, start)
    if known and _ends_name(text, known.end()):
        if not upper and not known.group(0)[0].isupper():
            return None, pos
        return _KNOWN_BY_KEY.get(fold(known.group(0)), known.group(0)), known.end()
    if not allow_unknown:
        return None, pos
    words: list[str] = []
    at = start
    end = pos
    for _ in range(9):
        if _DEPT_STOP.match(text, at):
            break
        wm = _WORD.match(text, at)
        if not wm or (not words and first_upper and not wm.group(1)[0].isupper()):
            break
        words.append(wm.group(1))
        at = end = wm.end()
        ws = re.compile(r"\s+").match(text, at)
        if ws is None:
            break
        at = ws.end()
    if not words:
        return None, pos
    name = " ".join(words)
    return (name[:1] + name[1:].lower() if upper else name), end


def _ends_name(text: str, pos: int) -> bool:
    """Nothing but punctuation, a tier word, a verb or a preposition follows a name ending at ``pos``."""
    rest = text[pos:]
    stripped = rest.lstrip()
    if not stripped or stripped[0] in ",;:.()-–/\"\t" or not rest[:1].isspace():
        return not rest[:1].isalnum()
    return _DEPT_STOP.match(stripped) is not None


def parse_body(text: str, pos: int = 0, *, header: bool = False) -> Body | None:
    """The body whose name starts at ``pos`` in ``text``, or None.

    ``header``: the text is one header cell or label value (all of it names the body), so a bare "VĂN PHÒNG",
    "SỞ NỘI VỤ" or "THANH TRA TỈNH" is accepted and all-caps place names are read.
    """
    upper = header and is_upper(text[pos:])
    m = _HEAD.match(text, pos)
    if not m:
        if header:
            tm = _TIER_AT.match(text, pos)
            if tm and tm.start("tier") == pos:
                name, end = read_place(text, tm.end(), tm.group("tier"), upper)
                if name:
                    body = Body("ubnd", own=Place(tier_word(tm.group("tier")), name))
                    body.end = _read_qualifiers(text, end, upper, body)
                    return body
        return None
    if m.start() > 0 and text[m.start() - 1].isalnum():
        return None
    if not upper and not m.group(0)[0].isupper() and m.group("ubnd") is None and m.group("office") is None:
        return None  # "phòng họp", "sở dĩ": a body name is capitalised in ordinary text
    pos = m.end()
    if m.group("ubnd") is not None:
        tm = _TIER_AT.match(text, pos)
        if not tm or tm.group(0).lstrip()[:1] in ",-–":
            return None
        if not upper and tm.group("tier")[0].isupper():
            return None
        tier = tm.group("tier")
        name, end = read_place(text, tm.end(), tier, upper)
        body = Body("ubnd", own=Place(tier_word(tier), name))
        body.end = _read_qualifiers(text, end if name else tm.end(), upper, body)
        return body
    if m.group("office") is not None:
        has_ubnd = re.search(UBND, m.group(0), re.IGNORECASE) is not None
        body = Body("office", council=m.group("council") is not None)
        if not has_ubnd and not header:
            return None
        tm = _TIER_AT.match(text, pos)
        if has_ubnd and tm:
            name, end = read_place(text, tm.end(), tm.group("tier"), upper)
            body.own = Place(tier_word(tm.group("tier")), name)
            pos = end if name else tm.end()
        body.end = _read_qualifiers(text, pos, upper, body)
        return body
    if m.group("dept") is not None or m.group("ddept") is not None:
        kind = "dept" if m.group("dept") is not None else "ddept"
        name, end = _read_dept(text, pos, upper, allow_unknown=True)
        if name is None:
            return None
        body = Body(kind, dept=name)
        body.end = _read_qualifiers(text, end, upper, body)
        return body
    # Another provincial or district agency: its name runs up to the tier word or the end of a header cell.
    head = _AGENCY_HEADS.get(fold(m.group(0)), m.group(0)) if upper else m.group(0)
    rest, end = _read_dept(text, pos, upper, allow_unknown=True, first_upper=False)
    if rest and upper:
        rest = rest.lower()
    name = f"{head} {rest}" if rest else head
    body = Body("agency", dept=" ".join(name.split()))
    body.end = _read_qualifiers(text, end if rest else pos, upper, body)
    tier_ahead = _TIER_AT.match(text, body.end)
    if tier_ahead and not body.places:
        # "Thanh tra tỉnh" / "THANH TRA HUYỆN": the tier without a name (the header's superior supplies it).
        body.own = Place(tier_word(tier_ahead.group("tier")), None)
        body.end = tier_ahead.end()
    if not body.places and body.own is None and not header:
        return None
    return body


def respell(name: str, known_spellings: Mapping[str, str]) -> str:
    """Ordinary-case spelling for an all-caps name: a spelling seen in the document, else title case."""
    if not name.isupper():
        return name
    return known_spellings.get(name_key(name)) or title_case(name)


def render(body: Body, province: str | None, district: Place | None) -> str | None:
    """The reporting unit as a name: "UBND xã Ea Tiêu", "Sở Nội vụ tỉnh X", "Văn phòng UBND tỉnh X"."""
    level = body.level
    prov_tier = "thành phố" if province and name_key(province) in _CENTRAL_KEYS else "tỉnh"
    if body.kind == "ubnd":
        own = body.own
        if own is None:
            return None
        if level == "province":
            name = own.name or province
            return f"UBND {prov_tier} {name}" if name else f"UBND {prov_tier}"
        return f"UBND {own.tier} {own.name}" if own.name else None
    if level in ("province_office", "province_department"):
        if body.kind == "office":
            base = "Văn phòng UBND"
        elif body.kind == "dept":
            base = f"Sở {body.dept}"
        else:
            base = body.dept or ""
        return f"{base} {prov_tier} {province}" if province else (f"{base} {prov_tier}" if body.kind == "office"
                                                                   else base)
    # District-level offices and agencies.
    if body.kind == "office":
        base = "Văn phòng HĐND và UBND" if body.council else "Văn phòng UBND"
    elif body.kind == "ddept":
        base = f"Phòng {body.dept}"
    else:
        base = body.dept or ""
    if district is not None and district.name:
        return f"{base} {district.tier} {district.name}"
    return base or None
