from __future__ import annotations

import pytest

from chitieu.format import vn_number


@pytest.mark.parametrize(
    "value,decimals,expected",
    [(3388, None, "3.388"), (53.59, None, "53,59"), (-1234567.5, None, "-1.234.567,5"),
     (0, None, "0"), (45.3694, 2, "45,37"), (1000000, 0, "1.000.000"), (0.5, None, "0,5")],
)
def test_vietnamese_number_format(value: float, decimals: int | None, expected: str) -> None:
    assert vn_number(value, decimals) == expected


def test_none_is_empty() -> None:
    assert vn_number(None) == ""
