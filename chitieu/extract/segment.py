"""Cutting normalized text into sentences and clauses (normalized coordinates).

Rules, in order:
1. A line break ends a sentence (headlines, captions, bullets "- ..." stand alone).
2. ".", "!" or "?" ends a sentence when whitespace and a capital letter, a digit, a
   quote or a bracket follow — except after a short capitalised abbreviation
   ("TP. Pleiku", "H. Thăng Bình").
3. Within a sentence, ";" and a ":" that is not inside a number ("13:30") end a clause.

`sentences(n)` is public: other finders (directives, requests) cut text the same way.
`number_sentences(text)` gives the facts grammar the sentences that hold a number and
the numbers themselves from one scan.
"""

from __future__ import annotations

import re
from typing import Final

from mypy_extensions import i64

from chitieu.extract.normalize import Normalized
from chitieu.extract.wordtail import DECIMALS, is_space

_UPPER: Final = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
# "\n+" or "[.!?]+" before spaces and a capital; written to start with one character class,
# so that the regex engine skips ahead to candidates instead of trying every position.
_END: Final = re.compile(rf"[\n.!?](?:(?<=\n)\n*|(?<=[.!?])[.!?]*(?=[ ]+[{_UPPER}0-9\"'(\[]))")


# What a character is to `number_sentences`, by code point (the BMP): a digit (regex "\\d",
# str.isdecimal), a line break, or ".", "!" or "?" (a sentence end when _END matches there).
# The characters past the BMP are asked with str.isdecimal.
_DIGIT: Final = 1
_BREAK: Final = 2
_STOP: Final = 3


def _kinds() -> bytes:
    table = bytearray(0x10000)
    for i in DECIMALS:
        table[i] = _DIGIT
    table[10] = _BREAK
    for c in ".!?":
        table[ord(c)] = _STOP
    return bytes(table)


_KIND: Final = _kinds()
# What may follow the spaces after a sentence end (the lookahead of _END).
_OPENS: Final = bytes(1 if "A" <= chr(i) <= "Z" or "0" <= chr(i) <= "9" or chr(i) in _UPPER[3:] + "\"'(["
                      else 0 for i in range(0x2000))
_ABBREV: Final = re.compile(rf"(?:^|[\s(])[{_UPPER}][A-Za-z]?$")
# The capitals of _UPPER by code point (all below 0x2000): a match of _ABBREV holds one.
_IS_UPPER: Final = bytes(1 if "A" <= chr(i) <= "Z" or chr(i) in _UPPER[3:] else 0 for i in range(0x2000))
_CLAUSE_END: Final = re.compile(r";|:(?:(?<!\d:)|(?!\d))")  # ";", or ":" not between two digits


def sentences(n: Normalized) -> list[tuple[int, int]]:
    """Sentence spans [start, end) of `n.text`, stripped of surrounding spaces, never empty."""
    return split_sentences(n.text)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _END.finditer(text, start, stop):
        a, b = m.span()
        c = text[a]
        if c == "." and _abbreviation(text, max(begin, a - 4), a):
            continue
        _add(text, begin, a if c == "\n" else b, spans)
        begin = b
    _add(text, begin, stop, spans)
    return spans


def number_sentences(text: str) -> tuple[list[tuple[int, int]], list[int], list[int], list[str]]:
    """The sentences of `text` (`split_sentences`) that hold a number, and the numbers
    (where each starts and ends, its text), from one scan.

    The numbers are facts.NUMBER ("\\d\\d*(?:[.,]\\d+)*") and the sentence ends _END, read
    character by character by code point: a regex scan for either (one character class)
    costs several times more, as the engine interprets the class for every character.
    The positions and code points are i64 (machine integers when compiled, plain ints in
    Python): mypyc's `int` checks for a boxed value at every step."""
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    numbers: list[str] = []
    n: i64 = len(text)
    begin: i64 = 0
    i: i64 = 0
    holds = False
    while i < n:
        c: i64 = ord(text[i])
        kind: i64 = _KIND[c] if c < 0x10000 else (_DIGIT if text[i].isdecimal() else 0)
        if kind == 0:
            i += 1
            continue
        j: i64
        if kind == _DIGIT:  # "\d+(?:[.,]\d+)*"
            j = _digits_end(text, i + 1, n)
            while j + 1 < n and (ord(text[j]) == 46 or ord(text[j]) == 44) and _digit_at(text, j + 1):
                j = _digits_end(text, j + 2, n)
            starts.append(i)
            ends.append(j)
            numbers.append(text[i:j])
            holds = True
            i = j
            continue
        if kind == _BREAK:  # "\n+"
            j = i + 1
            while j < n and ord(text[j]) == 10:
                j += 1
        else:  # "[.!?]+(?=[ ]+[_UPPER0-9\"'(\[])"; where it fails, it fails all along the run
            j = i + 1
            while j < n and (ord(text[j]) == 46 or ord(text[j]) == 33 or ord(text[j]) == 63):
                j += 1
            k: i64 = j
            while k < n and ord(text[k]) == 32:
                k += 1
            if k == j or k >= n or ord(text[k]) >= 0x2000 or not _OPENS[ord(text[k])]:
                i = j
                continue
            if c == 46 and _abbreviation(text, begin if begin > i - 4 else i - 4, i):  # max()
                i = j
                continue
        if holds:
            _add(text, begin, i if kind == _BREAK else j, spans)
            holds = False
        begin = j
        i = j
    if holds:
        _add(text, begin, n, spans)
    return spans, starts, ends, numbers


def _digits_end(text: str, i: i64, n: i64) -> i64:
    """Where the run of digits ("\\d*") at i ends."""
    while i < n and _digit_at(text, i):
        i += 1
    return i


def _digit_at(text: str, i: i64) -> bool:
    """text[i] is a digit (regex "\\d"), read from _KIND."""
    c: i64 = ord(text[i])
    return _KIND[c] == _DIGIT if c < 0x10000 else text[i].isdecimal()


def _abbreviation(text: str, lo: i64, a: i64) -> bool:
    """`_ABBREV.search(text, lo, a)`, run only when text[lo:a] holds a capital, as any match
    does (most sentences end in a small letter or a digit)."""
    k: i64 = lo
    while k < a:
        c: i64 = ord(text[k])
        if c < 0x2000 and _IS_UPPER[c]:
            return _ABBREV.search(text, lo, a) is not None
        k += 1
    return False


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence text[start:end], cut at ";" and ":"."""
    spans: list[tuple[int, int]] = []
    # The matches of _CLAUSE_END, found with str.find (a regex scan tests every character).
    semi = text.find(";", start, end)
    colon = text.find(":", start, end)
    begin = start
    while semi >= 0 or colon >= 0:
        if colon < 0 or 0 <= semi < colon:
            i = semi
            semi = text.find(";", i + 1, end)
        else:
            i = colon
            colon = text.find(":", i + 1, end)
            if i > 0 and i + 1 < end and _is_digit(text, i - 1) and _is_digit(text, i + 1):
                continue  # "13:30"
        _add(text, begin, i, spans)
        begin = i + 1
    _add(text, begin, end, spans)
    return spans


def _is_digit(text: str, i: int) -> bool:
    """text[i] is a digit (regex "\\d")."""
    c = ord(text[i])
    return 48 <= c <= 57 if c < 128 else text[i].isdecimal()


def _add(text: str, a: i64, b: i64, spans: list[tuple[int, int]]) -> None:
    while a < b and is_space(text, a):
        a += 1
    while b > a and is_space(text, b - 1):
        b -= 1
    if b > a:
        spans.append((a, b))
