"""Vietnamese number grammar: how a figure is written, and what it is worth.

Written forms (one rule per separator pattern, tried in this order by `parse_number`):

1. ``12.345,6``  — "." groups thousands and "," marks decimals (both present).
2. ``12.345.678`` — dots only, every group after the first has three digits: thousands.
3. ``14.6``       — one dot whose group is not three digits: a decimal point where the
                    writer slipped into the English habit (read in context, never fixed).
4. ``170,776``    — one comma: decimal comma ("53,59" → 53.59, "16,10" → 16.1).
5. ``1,234,567``  — several commas in three-digit groups: English thousands.
6. ``02``         — leading zeros are dropped ("02" → 2).
Anything else (a phone number "0262.859.9699") is not a number: `parse_number` gives None.

Amounts may carry multiplier words (nghìn, ngàn, triệu, tỷ, tỉ: `MULTIPLIERS`), and a
compound amount spells a second, smaller part: "537 tỷ 271 triệu" is 537.271 tỷ
(`compound_value`). `format_vn` writes a number back the Vietnamese way, so that
`parse_number(format_vn(x)) == x` holds (checked by property tests).
"""

from __future__ import annotations

import re
from typing import Final

from chitieu.extract import lexicon
from chitieu.format import vn_number

NUMBER_RE: Final = re.compile(r"\d+(?:[.,]\d+)*")

_THOUSANDS_DOT: Final = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS_DOT_DEC: Final = re.compile(r"\d{1,3}(?:\.\d{3})*,\d+")
_ONE_DOT: Final = re.compile(r"\d+\.\d+")
_ONE_COMMA: Final = re.compile(r"\d+,\d+")
_THOUSANDS_COMMA: Final = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_THOUSANDS_COMMA_DEC: Final = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")


def _units() -> dict:
    return lexicon.load("units")


MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in _units()["multipliers"].items()}
# A longer run of digits is no figure of a report (and int -> float would overflow).
_MAX_CHARS: Final = 32


def parse_number(text: str) -> float | None:
    """The value of one written number, or None when the text is no number.

    >>> parse_number("3.388"), parse_number("53,59"), parse_number("02"), parse_number("14.6")
    (3388.0, 53.59, 2.0, 14.6)
    """
    t = text.strip()
    if len(t) > _MAX_CHARS:
        return None
    # The rules, in the order of the module docstring, read from the digit runs and the
    # separators between them in one pass instead of six regexes (`_THOUSANDS_DOT` ...
    # `_THOUSANDS_COMMA_DEC` state them): n separators, the first run, the last separator,
    # the kind of the ones before it (`head`, or `mixed`), all inner runs three digits long.
    n = first = run = last = head = 0
    mixed = False
    inner3 = True
    ascii_value = 0  # the digits read as one integer, while they are ASCII ones
    ascii_only = True
    for i in range(len(t)):
        c = ord(t[i])
        if c == 46 or c == 44:  # "." or ","
            if run == 0:
                return None  # every rule wants digits around each separator
            if n == 0:
                first = run
            else:
                inner3 = inner3 and run == 3
                if head == 0:
                    head = last
                elif head != last:
                    mixed = True
            last = c
            n += 1
            run = 0
        elif 48 <= c <= 57:
            run += 1
            ascii_value = ascii_value * 10 + (c - 48)
        elif c >= 128 and t[i].isdecimal():  # the other digits that "\d" matches
            run += 1
            ascii_only = False
        else:
            return None
    if run == 0:
        return None  # empty, or a separator at the end
    if n == 0:  # digits only
        return float(ascii_value) if ascii_only else float(int(t))
    grouped = not mixed and first <= 3 and inner3
    dots_before = head == 0 or head == 46  # the separators before the last are "." (or none)
    if grouped and last == 46 and dots_before and run == 3:  # _THOUSANDS_DOT
        return float(ascii_value) if ascii_only else float(int(t.replace(".", "")))
    if grouped and last == 44 and dots_before:  # _THOUSANDS_DOT_DEC
        return float(t.replace(".", "").replace(",", "."))
    if n == 1:
        return float(t) if last == 46 else float(t.replace(",", "."))  # _ONE_DOT, _ONE_COMMA
    if grouped and head == 44 and last == 44 and run == 3:  # _THOUSANDS_COMMA
        return float(ascii_value) if ascii_only else float(int(t.replace(",", "")))
    if grouped and head == 44 and last == 46:  # _THOUSANDS_COMMA_DEC
        return float(t.replace(",", ""))
    return None


def format_vn(value: float | int, decimals: int | None = None) -> str:
    """Write `value` with "." thousands and "," decimals; keeps every significant decimal
    (up to 9) unless `decimals` fixes the count.

    >>> format_vn(3388), format_vn(53.59), format_vn(-1234567.25)
    ('3.388', '53,59', '-1.234.567,25')
    """
    return vn_number(value, decimals, max_decimals=9)


def multiplier(word: str) -> float:
    """The factor of a multiplier word ("triệu" → 1e6), 1.0 for any other word."""
    return MULTIPLIERS.get(word.lower(), 1.0)


def compound_value(major: float, major_word: str, minor: float, minor_word: str) -> float | None:
    """"537 tỷ 271 triệu" → 537.271 (in units of the major word); None when the minor part
    does not fit below the major one."""
    big, small = multiplier(major_word), multiplier(minor_word)
    if small >= big or minor * small >= big:
        return None
    return major + minor * small / big
