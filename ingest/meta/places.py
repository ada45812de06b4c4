"""Place names: provinces (before and after the 1 July 2025 merger) and a partial district gazetteer.

The district table only has to name a report's province when the report itself never writes "tỉnh X" (commune
reports often do not). It covers the Central Highlands, where the seeds come from; other provinces are found
from the text. A complete unit dimension belongs in the warehouse (see rules.md §4).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.textnorm import fold

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Huế",
]
# Centrally governed cities: "thành phố X" is a province, not a district.
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}

DISTRICTS: dict[str, list[str]] = {
    "Đắk Nông": ["Gia Nghĩa", "Cư Jút", "Đắk Glong", "Đắk Mil", "Đắk R'Lấp", "Đắk Song", "Krông Nô", "Tuy Đức"],
    "Kon Tum": ["Kon Tum", "Đắk Glei", "Đắk Hà", "Đắk Tô", "Ia H'Drai", "Kon Plông", "Kon Rẫy", "Ngọc Hồi",
                "Sa Thầy", "Tu Mơ Rông"],
    "Đắk Lắk": ["Buôn Ma Thuột", "Buôn Hồ", "Buôn Đôn", "Cư Kuin", "Cư M'gar", "Ea H'leo", "Ea Kar", "Ea Súp",
                "Krông Ana", "Krông Bông", "Krông Búk", "Krông Năng", "Krông Pắc", "Lắk", "M'Đrắk"],
    "Gia Lai": ["Pleiku", "An Khê", "Ayun Pa", "Chư Păh", "Chư Prông", "Chư Pưh", "Chư Sê", "Đak Đoa", "Đak Pơ",
                "Đức Cơ", "Ia Grai", "Ia Pa", "Kbang", "Kông Chro", "Krông Pa", "Mang Yang", "Phú Thiện"],
    "Lâm Đồng": ["Đà Lạt", "Bảo Lộc", "Bảo Lâm", "Cát Tiên", "Di Linh", "Đạ Huoai", "Đạ Tẻh", "Đam Rông",
                 "Đơn Dương", "Đức Trọng", "Lạc Dương", "Lâm Hà"],
}

_PREFIX_VARIANTS = re.compile(r"^(?:Đăk|Đắc|Đăc|Đak|Đac|Dak|Đác|Đắk)(?=\s)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """Matching key: no accents, no case, no spaces or apostrophes ("Đăk R’lấp" == "Đắk R'Lấp")."""
    return re.sub(r"[\s'’\-]", "", fold(name))


@lru_cache(maxsize=4096)
def canonical_prefix(name: str) -> str:
    """The Central Highlands prefix written as "Đắk" whatever the variant (Đăk, Đắc, Dak ...)."""
    return _PREFIX_VARIANTS.sub("Đắk", name)


_PROVINCE_BY_KEY = {name_key(p): p for p in PROVINCES}
_DISTRICT_PROVINCE = {name_key(d): (d, p) for p, ds in DISTRICTS.items() for d in ds}


def province_named(text_after: str) -> str | None:
    """The province whose name starts ``text_after`` (the words after "tỉnh"), or None."""
    return _province_starting(" ".join(text_after[:80].split()[:5]))


@lru_cache(maxsize=1024)
def _province_starting(head: str) -> str | None:
    words = head.split()
    for n in range(min(5, len(words)), 0, -1):
        key = name_key(" ".join(words[:n]).strip(",.;:()"))
        if key in _PROVINCE_BY_KEY:
            return _PROVINCE_BY_KEY[key]
    return None


def province_display(name: str) -> str | None:
    """The canonical spelling of a known province (before or after the 2025 merger), or None."""
    return _PROVINCE_BY_KEY.get(name_key(canonical_prefix(name.strip(",.;:() "))))


def province_of_district(district: str) -> str | None:
    found = _DISTRICT_PROVINCE.get(name_key(district))
    return found[1] if found else None


def district_display(district: str) -> str | None:
    found = _DISTRICT_PROVINCE.get(name_key(canonical_prefix(district)))
    return found[0] if found else None
