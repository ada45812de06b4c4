"""Who wrote the report: reporting unit, its level, province and district (rules.md §2, gold `report`)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ingest.meta.bodies import Body, Place, read_place, render, respell, tier_class
from ingest.meta.lineindex import LineIndex
from ingest.meta.places import (
    CENTRAL_CITIES,
    canonical_prefix,
    district_display,
    name_key,
    province_named,
    province_of_district,
)
from ingest.meta.selfref import Ref, self_references
from ingest.models import Line

_UBND = r"(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)"
_VERBS = (r"(?:đã|đang|luôn|thường\s+xuyên|tiếp\s+tục|báo\s+cáo|ban\s+hành|chỉ\s+đạo|tổ\s+chức|triển\s+khai|"
          r"thực\s+hiện|tham\s+mưu|quán\s+triệt|kịp\s+thời|xác\s+định|quyết\s+liệt|bám\s+sát)")
_DISTRICT_WORDS = r"(?:huyện|quận|thị\s+xã(?!\s+hội\b)|thành\s+phố)"
_COMMUNE_WORDS = r"(?:(?<!thị\s)xã(?!\s+hội\b)|phường|thị\s+trấn|đặc\s+khu)"
_MOTTO = re.compile(r"cộng\s+ho[àa]\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam", re.IGNORECASE)
DEPARTMENTS = [
    "Nội vụ", "Tư pháp", "Kế hoạch và Đầu tư", "Tài chính", "Công Thương", "Nông nghiệp và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Giao thông vận tải", "Xây dựng", "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Du lịch", "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế", "Ngoại vụ",
    "Dân tộc và Tôn giáo",
]
_DEPT_ABBR = {"snv": "Nội vụ", "stp": "Tư pháp", "skhđt": "Kế hoạch và Đầu tư", "skhdt": "Kế hoạch và Đầu tư",
              "stc": "Tài chính", "sct": "Công Thương", "snnmt": "Nông nghiệp và Môi trường",
              "snnptnt": "Nông nghiệp và Phát triển nông thôn", "snn": "Nông nghiệp và Phát triển nông thôn",
              "sgtvt": "Giao thông vận tải", "sxd": "Xây dựng", "stnmt": "Tài nguyên và Môi trường",
              "stttt": "Thông tin và Truyền thông", "sldtbxh": "Lao động - Thương binh và Xã hội",
              "slđtbxh": "Lao động - Thương binh và Xã hội", "svhttdl": "Văn hóa, Thể thao và Du lịch",
              "skhcn": "Khoa học và Công nghệ", "sgdđt": "Giáo dục và Đào tạo", "sgddt": "Giáo dục và Đào tạo",
              "syt": "Y tế", "sngv": "Ngoại vụ", "sdttg": "Dân tộc và Tôn giáo"}
_DEPT_RE = "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in sorted(DEPARTMENTS, key=len, reverse=True))

# Bodies that can write a report, most specific first (an office pattern must win over its "UBND tỉnh").
_BODY = re.compile(
    rf"(?P<office>văn\s+phòng\s+{_UBND}\s+tỉnh)"
    rf"|(?P<hdnd>văn\s+phòng\s+(?:hđnd|hội\s+đồng\s+nhân\s+dân)\s+và\s+{_UBND}\s+\w+)"
    rf"|(?P<dept>sở\s+(?P<dname>{_DEPT_RE})|(?<![\w])sở(?=\s+{_VERBS}))"
    rf"|(?P<ubnd>{_UBND}\s+(?P<tier>tỉnh|{_DISTRICT_WORDS}|{_COMMUNE_WORDS}))",
    re.IGNORECASE,
)
_NAME_STOP = {"UBND", "HĐND", "Ủy", "Uỷ", "Văn", "Sở", "Phòng", "Trung", "Chủ", "Kế", "Quyết", "Công", "Báo",
              "Nghị", "Chỉ", "Thông", "Năm", "Quý", "CCHC", "TTHC", "Ban", "Đoàn", "Đảng", "Huyện", "Tỉnh", "Xã",
              "Hội", "Cổng", "Bộ", "Trên", "Tại", "Về", "Theo", "Trong"}


@dataclass
class UnitResult:
    reporting_unit: str | None = None
    unit_level: str | None = None
    province: str | None = None
    district: str | None = None


@lru_cache(maxsize=1024)
def _unknown_province(after: str, upper: bool) -> str | None:
    name, _ = read_place(after, 0, "tỉnh", upper)
    return respell(name, {}) if name else None


def _tier_level(tier: str) -> str:
    tier = " ".join(tier.lower().split())
    if tier == "tỉnh":
        return "province"
    if tier in ("xã", "phường", "thị trấn", "đặc khu"):
        return "commune"
    return "district"


def read_name(text: str) -> str | None:
    """Capitalised words at the start of ``text``: "Đắk Mil đã ban hành" -> "Đắk Mil"."""
    words: list[str] = []
    for raw in text[:200].split(" ", 6)[:6]:
        word = raw.strip()
        clean = word.rstrip(",.;:)(\"”“*")
        if not clean or not (clean[0].isupper() or (clean[0].isdigit() and words)) or clean in _NAME_STOP:
            break
        if words and clean.isupper() and len(clean) > 1 and not all(w.isupper() for w in words):
            break
        words.append(clean)
        if clean != word or len(words) == 4:
            break
    return canonical_prefix(" ".join(words)) if words else None


def _name_after(text: str, pos: int) -> str | None:
    """``read_name(text[pos:pos + 200])`` where ``text[pos]`` is not a space (a pattern's ``\\s+`` ends there): no
    name unless that first letter is a capital, the common case ("các xã đã ...") decided without a split."""
    if not text[pos:pos + 1].isupper():
        return None
    return read_name(text[pos:pos + 200])


class _Names:
    """Counts of names written after a tier word, grouped by accent-free key, with their spellings."""

    def __init__(self) -> None:
        self.score: Counter[str] = Counter()
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self.tiers: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, name: str, weight: float = 1.0, tier: str | None = None) -> None:
        key = name_key(name)
        self.score[key] += weight
        self.spellings[key][name] += 1
        if tier:
            self.tiers[key][" ".join(tier.lower().split())] += 1

    def tier_of(self, name: str, default: str) -> str:
        """The tier word most often written before ``name`` ("huyện", "thị xã", "phường" ...)."""
        seen = self.tiers.get(name_key(name))
        return seen.most_common(1)[0][0] if seen else default

    def best(self) -> str | None:
        if not self.score:
            return None
        key = max(self.score, key=lambda k: (self.score[k], -len(k)))
        spellings = self.spellings[key]
        # Prefer a spelling in ordinary case over an all-caps heading form.
        return max(spellings, key=lambda s: (not s.isupper(), spellings[s]))

    def has(self, name: str) -> bool:
        return name_key(name) in self.score


class _LazyNames(_Names):
    """``_Names`` counted by ``fill`` (a pass over the document) when first read; names added before that are
    counted after the pass's, in the order they came, as if the pass had run first."""

    def __init__(self, fill: Callable[[], _Names]) -> None:  # (no _Names.__init__: the counts live in _names)
        self._fill: Callable[[], _Names] | None = fill
        self._names: _Names | None = None
        self._pending: list[tuple[str, float, str | None]] = []

    def _ready(self) -> _Names:
        if self._names is None:
            assert self._fill is not None
            names = self._fill()
            for name, weight, tier in self._pending:
                names.add(name, weight, tier)
            self._names, self._fill, self._pending = names, None, []
        return self._names

    @property  # type: ignore[override]
    def score(self) -> Counter[str]:
        return self._ready().score

    @property  # type: ignore[override]
    def spellings(self) -> dict[str, Counter[str]]:
        return self._ready().spellings

    @property  # type: ignore[override]
    def tiers(self) -> dict[str, Counter[str]]:
        return self._ready().tiers

    def add(self, name: str, weight: float = 1.0, tier: str | None = None) -> None:
        if self._names is None:
            self._pending.append((name, weight, tier))
        else:
            self._names.add(name, weight, tier)

    def tier_of(self, name: str, default: str) -> str:
        return self._ready().tier_of(name, default)

    def best(self) -> str | None:
        return self._ready().best()

    def has(self, name: str) -> bool:
        return self._ready().has(name)


@dataclass
class _Scan:
    """What a pass over every line found: level votes and the names written after tier words."""

    level_score: Counter[str] = field(default_factory=Counter)
    dept_names: Counter[str] = field(default_factory=Counter)
    districts: _Names = field(default_factory=_Names)
    communes: _Names = field(default_factory=_Names)
    provinces: _Names = field(default_factory=_Names)

    def spellings(self) -> dict[str, str]:
        """Ordinary-case spellings of every name seen, by matching key (to respell all-caps header names)."""
        out: dict[str, str] = {}
        for names in (self.provinces, self.districts, self.communes):
            for key, spelled in names.spellings.items():
                ordinary = [s for s in spelled if not s.isupper()]
                if ordinary and key not in out:
                    out[key] = max(ordinary, key=lambda s: spelled[s])
        return out


def detect_unit(lines: list[Line], two_tier: bool = False, index: LineIndex | None = None) -> UnitResult:
    """The issuing body. ``two_tier``: the window starts on or after 1 July 2025 (rules.md §4), so a commune
    has no district unless the report itself writes one. ``index``: the lines' ``LineIndex`` if already made."""
    index = index or LineIndex(lines)
    refs = self_references(lines, index)
    if refs:
        return _resolve_refs(refs, _LazyScan(lines, index), lines, two_tier)
    scan = _scan(lines, index)
    result = _resolve(scan.level_score, scan.dept_names, scan.provinces, scan.districts, scan.communes, lines,
                      len(lines))
    if two_tier and result.unit_level == "commune":
        result.district = None
    return result


_KEM_THEO_END = re.compile(r"kèm\s+theo\s+báo\s+cáo[^()]*của\s*$", re.IGNORECASE)
_NO_WORDS = re.compile(r"\W*$")
_REPORTS_SOON = re.compile(r"(?:\s+\S+){0,4}?\s+báo\s+cáo", re.IGNORECASE)
_SUBJECT = re.compile(rf"\s*,?\s*{_VERBS}", re.IGNORECASE)
_OF_END = re.compile(r"(của|tại)\s*$", re.IGNORECASE)
_UBND_END = re.compile(r"(ubnd|ban\s+nhân\s+dân)\s+$", re.IGNORECASE)
_DISTRICT_AT = re.compile(rf"(?<![\w])({_DISTRICT_WORDS})\s+", re.IGNORECASE)
_COMMUNE_AT = re.compile(rf"(?<![\w])({_COMMUNE_WORDS})\s+", re.IGNORECASE)
_PROVINCE_AT = re.compile(r"(?<![\w])(tỉnh|thành\s+phố|tp\.?)\s+", re.IGNORECASE)

# Words that start each pattern (lower case) and the patterns to try there: str.find over a lower-cased line
# is much faster than a case-insensitive scan, and most lines have none of them.
_HINT_WORDS = {"ubnd": "b", "ủy": "b", "uỷ": "b", "văn": "b", "sở": "b", "thành": "dp", "huyện": "d", "quận": "d",
               "thị": "dc", "xã": "c", "phường": "c", "đặc": "c", "tỉnh": "p", "tp": "p"}


def _hints(low: str, words: dict[str, str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for word, cats in words.items():
        at = low.find(word)
        while at >= 0:
            found.append((at, cats))
            at = low.find(word, at + len(word))
    found.sort()
    return found


def _scan_spots(scan: _Scan, patterns: dict[str, re.Pattern[str]], spots: list[tuple[int, str]], text: str,
                low: str, no: int, is_closing: bool) -> None:
    done = {"b": 0, "d": 0, "c": 0, "p": 0}
    for at, cats in spots:
        for cat in cats:
            if at < done[cat]:
                continue
            m = patterns[cat].match(text, at)
            if m:
                _take(scan, cat, m, text, low, no, is_closing)
                end = m.end()
                done[cat] = end if end > at else at + 1


def _take(scan: _Scan, cat: str, m: re.Match[str], text: str, low: str, no: int, is_closing: bool) -> None:
    """Count one match of a body ("b"), district ("d"), commune ("c") or province ("p") pattern."""
    if cat == "d":
        name = _name_after(text, m.end())
        if name and name not in CENTRAL_CITIES:
            scan.districts.add(name, tier=m.group(1))
    elif cat == "c":
        name = _name_after(text, m.end())
        if name:
            scan.communes.add(name, 2 if _UBND_END.search(text[max(0, m.start() - 20):m.start()]) else 1,
                              tier=m.group(1))
    elif cat == "p":
        province = province_named(text[m.end():m.end() + 80])
        if province is None and m.group(1).lower() == "tỉnh":
            # A province outside the built-in list: the capitalised words after "tỉnh".
            province = _unknown_province(text[m.end():m.end() + 60], m.group(1).isupper())
        if province:
            scan.provinces.add(province)
    else:
        _take_body(scan, m, text, low, no, is_closing)


def _take_body(scan: _Scan, m: re.Match[str], text: str, low: str, no: int, is_closing: bool) -> None:
    after = text[m.end():m.end() + 300]
    name = read_name(after.lstrip())
    before = text[max(0, m.start() - 200):m.start()]
    kem_theo = ("kèm" in low or not low) and _KEM_THEO_END.search(before)
    opening = no <= 60 and _NO_WORDS.match(text[:m.start()]) and _REPORTS_SOON.match(after) is not None
    if name and after.lstrip().startswith(name):
        after_name = after.lstrip()[len(name):]
    else:
        after_name = after
    subject = _SUBJECT.match(after_name)
    if m.group("hdnd"):
        return
    if m.group("office"):
        level = "province_office"
    elif m.group("dept"):
        level = "province_department"
        if m.group("dname"):
            scan.dept_names[" ".join(m.group("dname").split())] += 1
    else:
        level = _tier_level(m.group("tier"))
        if level == "district" and name and name in CENTRAL_CITIES:
            level = "province"
    weight = 0.0
    if opening:
        weight += 6
    if is_closing and _OF_END.search(before[-12:]):
        weight += 6
    if kem_theo:
        weight += 5
    if subject:
        weight += 1 if not name else 0.5
    if level == "province":
        weight *= 0.5
    if level == "province_department" and not (opening or is_closing or kem_theo):
        weight = min(weight, 0.5) if m.group("dname") else weight
    scan.level_score[level] += weight


_CLOSING_LINE = re.compile(r"\W*trên\s+đây\s+là\s+báo\s+cáo", re.IGNORECASE)


class _LazyScan:
    """``_scan`` without the body matches (the self-references decide the level), made on first use: a report
    that names itself clearly (header, opening, closing) often needs few of its names or none."""

    def __init__(self, lines: list[Line], index: LineIndex) -> None:
        self._lines, self._index = lines, index

    @cached_property
    def scan(self) -> _Scan:
        return _scan(self._lines, self._index, bodies=False)


class _LazySpellings(Mapping[str, str]):
    """``scan.spellings()``, computed on the first lookup (``respell`` only looks up all-caps names)."""

    def __init__(self, lazy: _LazyScan) -> None:
        self._lazy = lazy

    @cached_property
    def _data(self) -> dict[str, str]:
        return self._lazy.scan.spellings()

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _scan_order(lines: list[Line], index: LineIndex, spots_by_line: dict[int, list[tuple[int, str]]] | None
                ) -> Iterable[int]:
    """The indices of the lines ``_scan`` has to look at, in order: the first 20 lines (motto lines, read
    one by one) and the others with a hint word; every line when that cannot be told from the numbering."""
    if spots_by_line is None or not index.consecutive:
        return range(len(lines))
    return sorted(spots_by_line.keys() | set(range(min(20, len(lines)))))


_PATTERNS = {"b": _BODY, "d": _DISTRICT_AT, "c": _COMMUNE_AT, "p": _PROVINCE_AT}


def _scan(lines: list[Line], index: LineIndex, bodies: bool = True) -> _Scan:
    """The bodies of every line ("b", when ``bodies``: level votes), the districts, communes and provinces
    (each counted by its own pass when first asked for), then the header and signature signals."""
    scan = _Scan(districts=_LazyNames(lambda: _place_names(lines, index, "d")),
                 communes=_LazyNames(lambda: _place_names(lines, index, "c")),
                 provinces=_LazyNames(lambda: _place_names(lines, index, "p")))
    if bodies:
        with_tren = index.line_indices(("trên",))  # (a closing line starts with it)
        closing = {ln.no for ln in (lines if with_tren is None else [lines[i] for i in with_tren])
                   if _CLOSING_LINE.match(ln.text)}
        _scan_pass(lines, index, "b", scan, closing)
    _document_signals(lines, scan.level_score, scan.dept_names, scan.provinces, scan.districts, scan.communes)
    return scan


def _place_names(lines: list[Line], index: LineIndex, cat: str) -> _Names:
    """The names written after the tier words of one kind: districts "d", communes "c" or provinces "p"."""
    target = _Scan()
    _scan_pass(lines, index, cat, target, set())
    return {"d": target.districts, "c": target.communes, "p": target.provinces}[cat]


def _scan_pass(lines: list[Line], index: LineIndex, cats: str, scan: _Scan, closing: set[int]) -> None:
    """Every match of the patterns of ``cats`` in every line, counted into ``scan`` (``closing``: the numbers
    of the closing lines, for the body votes). The patterns are independent: one pass per kind finds what one
    pass for all of them would."""
    patterns = {cat: _PATTERNS[cat] for cat in cats}
    hint_words = {word: kinds for word, kinds in
                  ((w, "".join(c for c in ks if c in cats)) for w, ks in _HINT_WORDS.items()) if kinds}
    # where the hint words are, found once over the whole document (lines after the motto lines)
    spots_by_line = index.occurrences(hint_words)
    for i in _scan_order(lines, index, spots_by_line):
        ln = lines[i]
        if spots_by_line is not None and ln.no > 20:
            spots = spots_by_line.get(i)
            if spots is None:
                continue  # no hint word: no pattern can match
            text = ln.text
            start = index.starts[i]
            _scan_spots(scan, patterns, spots, text, index.low[start:start + len(text)], ln.no, ln.no in closing)
            continue
        text = _MOTTO.sub(" ", ln.text) if ln.no <= 20 else ln.text
        low = text.lower()
        if len(low) != len(text):
            # (a character whose lower case is longer: plain case-insensitive passes)
            for cat, pattern in patterns.items():
                for m in pattern.finditer(text):
                    _take(scan, cat, m, text, "", ln.no, ln.no in closing)
            continue
        # One pass over the lower-cased line finds where each (slow, case-insensitive) pattern can match.
        _scan_spots(scan, patterns, _hints(low, hint_words), text, low, ln.no, ln.no in closing)


_DOC_NUMBER = re.compile(r"số\s*:?\s*[\d\s.]*/\s*BC-([A-Za-zĐđ]+)", re.IGNORECASE)
_PLACE_LINE = re.compile(r"\W*([^\d,]{2,40}),\s*ngày\b")
_CHIEF_OF_OFFICE = re.compile(r"chánh\s+văn\s+phòng", re.IGNORECASE)
_DIRECTOR = re.compile(r"giám\s+đốc", re.IGNORECASE)
_FOR_COMMUNE = re.compile(r"tm\.?\s*(?:ủy\s+ban\s+nhân\s+dân|ubnd)\s+(xã|phường|thị\s+trấn)", re.IGNORECASE)


def _document_signals(lines: list[Line], level_score: Counter[str], dept_names: Counter[str],
                      provinces: _Names, districts: _Names, communes: _Names) -> None:
    """Document number, header place line and signature block."""
    head = lines[:40]
    for ln in head:
        m = _DOC_NUMBER.search(ln.text) if "/" in ln.text else None  # (the number has one)
        if m:
            code = m.group(1).lower()
            if code == "vpubnd":
                level_score["province_office"] += 4
            elif code == "ubnd":
                for level in ("district", "commune", "province"):
                    level_score[level] += 1
            elif code.startswith("s") and code in _DEPT_ABBR:
                level_score["province_department"] += 4
                dept_names[_DEPT_ABBR[code]] += 3
        for cell in ln.text.split("\t") if "," in ln.text else ():  # (a place line has a comma)
            place = _PLACE_LINE.match(cell)
            if not place:
                continue
            name = canonical_prefix(place.group(1).strip(" *"))
            province = province_named(name)
            if province:
                provinces.add(province, 3)
            elif districts.has(name) or province_of_district(name):
                districts.add(name, 3)
            elif communes.has(name):
                communes.add(name, 3)
            elif provinces.has(name):
                provinces.add(name, 3)  # a province outside the list, named "tỉnh X" elsewhere
    tail = " ".join(ln.text for ln in lines[-30:])
    low = tail.lower()  # (quick tests: each pattern holds the word, in letters no other character folds to)
    if "chánh" in low and _CHIEF_OF_OFFICE.search(tail):
        level_score["province_office"] += 3
    if "đốc" in low and _DIRECTOR.search(tail):
        level_score["province_department"] += 3
    if "tm" in low and _FOR_COMMUNE.search(tail):
        level_score["commune"] += 3


def _resolve(level_score: Counter[str], dept_names: Counter[str], provinces: _Names, districts: _Names,
             communes: _Names, lines: list[Line], n: int) -> UnitResult:
    result = UnitResult()
    district = districts.best()
    if district and district_display(district):
        district = district_display(district)
    province = provinces.best()
    if district and province_of_district(district) and (
            province is None or provinces.score[name_key(province)] < 3):
        province = province_of_district(district)
    result.province = province
    if not level_score or max(level_score.values()) <= 0:
        return result
    level = max(level_score, key=lambda k: level_score[k])
    if level == "province":
        result.unit_level = "province_office"
        result.reporting_unit = f"UBND tỉnh {province}" if province else "UBND tỉnh"
    elif level == "province_office":
        result.unit_level = "province_office"
        result.reporting_unit = f"Văn phòng UBND tỉnh {province}" if province else "Văn phòng UBND tỉnh"
    elif level == "province_department":
        result.unit_level = "province_department"
        dept = dept_names.most_common(1)[0][0] if dept_names else None
        unit = f"Sở {dept}" if dept else "Sở"
        result.reporting_unit = f"{unit} tỉnh {province}" if province else unit
    elif level == "district":
        result.unit_level = "district"
        result.district = district
        kind = districts.tier_of(district, "huyện") if district else "huyện"
        result.reporting_unit = f"UBND {kind} {district}" if district else None
    else:
        result.unit_level = "commune"
        result.district = district
        commune = communes.best()
        kind = communes.tier_of(commune, "xã") if commune else "xã"
        result.reporting_unit = f"UBND {kind} {commune}" if commune else None
    return result


_LEVEL_OUT = {"province": "province_office"}


def _resolve_refs(refs: list[Ref], lazy: _LazyScan, lines: list[Line], two_tier: bool) -> UnitResult:
    """The body the report names itself with most often (header, label, opening, closing), completed with the
    places it is qualified with, then with what the whole text says."""
    groups: dict[tuple[str, str, str, str], list[Ref]] = defaultdict(list)
    for ref in refs:
        groups[ref.body.key()].append(ref)
    score = {k: sum(r.weight for r in rs) for k, rs in groups.items()}
    named = [k for k in groups if k[3]]
    for key in groups:
        if not key[3]:
            for other in named:
                if other[:3] == key[:3]:
                    score[other] += score[key]
    candidates = [k for k in groups if k[3] or not any(o[:3] == k[:3] for o in named)]
    best = max(candidates, key=lambda k: (score[k], -min(r.line for r in groups[k])))
    members = [r for k, rs in groups.items() if k == best or (not k[3] and k[:3] == best[:3]) for r in rs]
    lead = max(members, key=lambda r: (r.weight, r.body.own is not None and r.body.own.name is not None)).body
    spellings = _LazySpellings(lazy)
    places = _vote_places(members, spellings)
    body = Body(lead.kind, own=lead.own, dept=lead.dept, council=lead.council, places=places)
    level = body.level
    own = body.own
    if own is not None and own.name:
        own = Place(own.tier, respell(own.name, spellings))
    own_cls = tier_class(own.tier, own.name) if own is not None else None

    result = UnitResult(unit_level=_LEVEL_OUT.get(level, level))
    province = places["province"].name if "province" in places else None
    if own_cls == "province" and own is not None and own.name:
        province = own.name
    district: Place | None = places.get("district")
    if own_cls == "district" and own is not None:
        district = own if own.name else None
        if district is None and body.kind == "ubnd":
            best_district = lazy.scan.districts.best()
            district = Place(own.tier, district_display(best_district) or best_district) if best_district else None
    if level == "commune" and own is not None and own.name is None:
        commune = lazy.scan.communes.best()
        own = Place(own.tier, commune) if commune else None
    if level in ("commune", "district") and district is None and not (two_tier and level == "commune"):
        best_district = lazy.scan.districts.best()
        if best_district:
            district = Place(lazy.scan.districts.tier_of(best_district, "huyện"),
                             district_display(best_district) or best_district)
    if district is not None and district.name:
        district = Place(district.tier, district_display(district.name) or respell(district.name, spellings))
    if province is None:
        province = _fallback_province(lazy.scan, district.name if district else None)
    if body.kind == "ubnd" and own_cls == "district" and district is not None:
        own = district
    body.own = own
    if level in ("district", "commune"):
        result.district = district.name if district else None
    result.province = province
    result.reporting_unit = render(body, province, district)
    return result


def _vote_places(members: list[Ref], spellings: Mapping[str, str]) -> dict[str, Place]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    spelled: dict[str, Place] = {}
    for ref in members:
        for cls, place in ref.body.places.items():
            if not place.name:
                continue
            key = name_key(place.name)
            votes[cls][key] += ref.weight
            if key not in spelled or (spelled[key].name or "").isupper():
                spelled[key] = place
    out: dict[str, Place] = {}
    for cls, counter in votes.items():
        place = spelled[counter.most_common(1)[0][0]]
        out[cls] = Place(place.tier, respell(place.name or "", spellings))
    return out


def _fallback_province(scan: _Scan, district: str | None) -> str | None:
    """Province from the text's "tỉnh X" mentions and the header place line; the district list decides when
    the text barely names a province."""
    province = scan.provinces.best()
    if district and province_of_district(district) and (
            province is None or scan.provinces.score[name_key(province)] < 3):
        province = province_of_district(district)
    return province
