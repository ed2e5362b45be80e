"""Vietnamese number formatting: "." groups thousands, "," marks decimals (3.388; 53,59)."""

from __future__ import annotations


def vn_number(value: float | int | None, decimals: int | None = None, *, max_decimals: int = 2) -> str:
    """Format `value` the Vietnamese way; `decimals=None` keeps up to `max_decimals`
    significant decimals, else exactly `decimals`.

    >>> vn_number(3388), vn_number(53.59), vn_number(-1234567.5)
    ('3.388', '53,59', '-1.234.567,5')
    """
    if value is None:
        return ""
    if decimals is None:
        text = f"{float(value):,.{max_decimals}f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(value):,.{decimals}f}"
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
