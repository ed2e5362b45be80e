"""Regex pieces for Vietnamese time words, built once from chitieu/data/deadline_words.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from chitieu.extract import lexicon

WORDS: dict[str, Any] = lexicon.load("deadline_words")


def choices(words: Iterable[str]) -> str:
    """`a|b|c`, longest first, spaces matching any run of spaces."""
    parts = sorted({w.strip() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation of `words` (see `choices`)."""
    return "(?:" + choices(words) + ")"


def word(key: str) -> str:
    """The regex of one calendar word (`month`, `year`, ...)."""
    return alternation([WORDS[key]])


NUMBER_WORDS: dict[str, int] = {k.casefold(): int(v) for k, v in WORDS["number_words"].items()}
ROMAN: dict[str, int] = {k.casefold(): int(v) for k, v in WORDS["roman"].items()}

# A small count: digits or a number word ("6", "sáu").
COUNT = r"(?:\d{1,2}|" + choices(NUMBER_WORDS) + r")(?!\w)"
# A quarter number: roman, digit or word ("III", "3", "ba").
QUARTER_NO = r"(?:" + choices(ROMAN) + r"|[1-4]|" + choices(NUMBER_WORDS) + r")(?!\w)"


def count_value(text: str) -> int:
    """The value of a COUNT match ("6" → 6, "sáu" → 6, "mười hai" → 12)."""
    key = " ".join(text.casefold().split())
    return int(key) if key.isdigit() else NUMBER_WORDS[key]


def quarter_value(text: str) -> int:
    """The value of a QUARTER_NO match ("III" → 3, "3" → 3)."""
    key = " ".join(text.casefold().split())
    if key in ROMAN:
        return ROMAN[key]
    return count_value(key)
