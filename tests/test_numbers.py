"""The Vietnamese number grammar: written forms, and format → parse round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.numbers import compound_value, format_vn, multiplier, parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("3.388", 3388), ("53,59", 53.59), ("02", 2), ("21.000", 21000), ("2.141.605", 2141605),
        ("1.536,246", 1536.246), ("170,776", 170.776), ("16,10", 16.1), ("14.6", 14.6),
        ("0,04", 0.04), ("1,234,567", 1234567), ("7", 7), ("2.095,8", 2095.8),
    ],
)
def test_written_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "0262.859.9699", "1.2.3", "1,2,3,4"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_format_examples() -> None:
    assert format_vn(3388) == "3.388"
    assert format_vn(53.59) == "53,59"
    assert format_vn(-1234567.25) == "-1.234.567,25"
    assert format_vn(0) == "0"
    assert format_vn(1000000, decimals=0) == "1.000.000"


def test_compound_amounts() -> None:
    assert compound_value(537, "tỷ", 271, "triệu") == pytest.approx(537.271)
    assert compound_value(31, "tỷ", 500, "triệu") == pytest.approx(31.5)
    assert compound_value(2, "triệu", 500, "nghìn") == pytest.approx(2.5)
    assert compound_value(5, "triệu", 7, "tỷ") is None  # the smaller part must be smaller
    assert multiplier("Tỷ") == 1e9 and multiplier("đồng") == 1.0


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(n: int) -> None:
    assert parse_number(format_vn(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip(whole: int, cents: int) -> None:
    value = whole + cents / 100
    written = format_vn(value)
    assert "," in written
    assert parse_number(written) == pytest.approx(value, rel=1e-12)


@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_use_dots(n: int) -> None:
    written = format_vn(n)
    groups = written.split(".")
    assert len(groups) > 1 and all(len(g) == 3 for g in groups[1:])
