"""Number reading per rules.md §3: separators, decimal dots by context, money, multipliers, qualifiers,
pairs, signs and the numbers that are not figures."""

from __future__ import annotations

import pytest

from ingest.numbers import (
    LEVEL_MARKS,
    NUMBER_RE,
    count_multiplier_after,
    mask_non_figures,
    money_unit_after,
    parse_number,
    qualifier_before,
    sign_before,
    split_pair,
    to_vnd_million,
)


@pytest.mark.parametrize(
    ("raw", "value", "decimal_dot"),
    [
        ("12.345", 12345.0, False),  # "." groups thousands
        ("4.567.890.123", 4567890123.0, False),
        ("73,8", 73.8, False),  # "," is the decimal mark
        ("1.234,5", 1234.5, False),
        ("88.41", 88.41, True),  # group of two digits after "." → decimal
        ("12.5", 12.5, True),
        ("0.375", 0.375, True),  # a leading zero cannot group thousands
        ("07", 7.0, False),  # leading zeros dropped
        (">12,7", 12.7, False),
        ("45 %", 45.0, False),
    ],
)
def test_parse_number_formats(raw: str, value: float, decimal_dot: bool) -> None:
    reading = parse_number(raw)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert reading.decimal_dot is decimal_dot


def test_dot_is_decimal_when_thousands_reading_is_impossible() -> None:
    assert parse_number("12.346", max_value=100).value == pytest.approx(12.346)  # a percentage
    assert parse_number("12.346").value == 12346  # a count
    assert parse_number("54.321", max_value=100).decimal_dot


@pytest.mark.parametrize("raw", ["1.2.3", "abc", "", "1,2,3,4"])
def test_not_numbers(raw: str) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    ("unit", "amount", "million"),
    [
        ("tỷ đồng", 42.5, 42500.0),
        ("tỷ", 7.0, 7000.0),
        ("triệu đồng", 830.0, 830.0),
        ("nghìn đồng", 2500.0, 2.5),
        ("đồng", 1_234_560_000.0, 1234.56),
    ],
)
def test_money_to_vnd_million(unit: str, amount: float, million: float) -> None:
    assert to_vnd_million(amount, unit) == pytest.approx(million)


def test_money_unit_is_read_after_the_figure_and_ngan_alone_is_a_count() -> None:
    text = "giải ngân 3,5 tỷ đồng"
    assert money_unit_after(text, text.index("3,5") + 3)[0] == 1000.0
    assert money_unit_after("7,2 ngàn hồ sơ", 3) is None
    with pytest.raises(ValueError):
        to_vnd_million(1.0, "hồ sơ")


def test_count_multipliers() -> None:
    text = "khoảng 7,25 ngàn hồ sơ và 2,3 triệu lượt"
    assert count_multiplier_after(text, text.index("7,25") + 4)[0] == 1000.0
    assert count_multiplier_after(text, text.index("2,3") + 3)[0] == 1e6
    assert count_multiplier_after("5 triệu đồng", 1) is None  # money, not a count multiplier


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("đạt trên 90%", "trên"), ("ước đạt 15 tỷ", "ước đạt"), ("tỷ lệ >10,3", ">"), ("đạt 90%", None)],
)
def test_qualifier_before(text: str, qualifier: str | None) -> None:
    digits = next(i for i, ch in enumerate(text) if ch.isdigit())
    assert qualifier_before(text, digits) == qualifier


def test_pairs_and_signs() -> None:
    assert split_pair("17/42") == (17.0, 42.0)
    assert split_pair("12.346/15") == (pytest.approx(12.346), 15.0)  # numerator bounded by the maximum
    assert split_pair("31.250/140.800") == (31250.0, 140800.0)
    assert split_pair("17") is None
    text = "giảm 57 hồ sơ, tăng 3 bậc"
    assert sign_before(text, text.index("57")) == -1
    assert sign_before(text, text.index("3 bậc")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 317/QĐ-UBND ngày 15/4/2024",
        "theo Nghị định 45/2019/NĐ-CP",
        "Kế hoạch 118/KH-UBND",
        "trong 09 tháng đầu năm 2024",
        "giai đoạn 2021 - 2025",
        "dịch vụ công mức độ 3, 4",
        "liên thông 3 cấp",
        "(- 1.250 điểm)",
        "[footnoteRef:12] và <sup>7</sup>",
        "ngày 05/11 và tháng 7/2024",
        "điểm b, khoản 2, Điều 14",
    ],
)
def test_non_figures_are_blanked(text: str) -> None:
    masked = mask_non_figures(text)
    assert len(masked) == len(text)
    assert not any(ch.isdigit() for ch in masked), masked


def test_figures_survive_masking() -> None:
    text = "Quyết định số 12/QĐ-UBND giao 48 chỉ tiêu, đạt 73,8% và 1.206 hồ sơ"
    masked = mask_non_figures(text)
    for figure in ("48", "73,8", "1.206"):
        assert figure in masked
    assert "12/" not in masked


def test_service_levels_become_distinct_marks_not_figures() -> None:
    masked = mask_non_figures("có 48 dịch vụ công mức độ 1, 2; 76 thủ tục mức độ 3; 141 thủ tục mức 4")
    assert "48" in masked and "76" in masked and "141" in masked
    assert [ch for ch in masked if ch in LEVEL_MARKS] == list(LEVEL_MARKS)
    assert not NUMBER_RE.search(masked.replace("48", "").replace("76", "").replace("141", ""))
