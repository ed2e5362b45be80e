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

from chitieu.extract.normalize import Normalized
from chitieu.extract.wordtail import MAY_BE_DIGIT, is_space

_UPPER: Final = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
# "\n+" or "[.!?]+" before spaces and a capital; written to start with one character class,
# so that the regex engine skips ahead to candidates instead of trying every position.
_END: Final = re.compile(rf"[\n.!?](?:(?<=\n)\n*|(?<=[.!?])[.!?]*(?=[ ]+[{_UPPER}0-9\"'(\[]))")


# A number as the facts grammar reads it (facts.NUMBER: digits, "." or "," between digits)
# or a sentence end (_END), in one scan: one character class (MAY_BE_DIGIT: a bitmap test,
# where "\d" would ask the Unicode database for every character), then the rest by what that
# character was. The two never overlap: the "." of a number is followed by a digit.
_NUMBER_OR_END: Final = re.compile(rf"([{MAY_BE_DIGIT}\n.!?](?:(?<=\d)\d*(?:[.,]\d+)*|(?<=\n)\n*"
                                   rf"|(?<=[.!?])[.!?]*(?=[ ]+[{_UPPER}0-9\"'(\[])))")
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
    (where each starts and ends, its text), from one scan: re.split gives the numbers and
    sentence ends with the text between them, and no Match each."""
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    numbers: list[str] = []
    # text, mark, text, mark, ..., text; typed, so that len() and ord() compile to native code
    parts: list[str] = _NUMBER_OR_END.split(text)
    begin = pos = 0
    holds = False
    for k in range(1, len(parts), 2):
        a = pos + len(parts[k - 1])
        g = parts[k]
        pos = a + len(g)
        c = ord(g[0])
        if c == 10 or c == 46 or c == 33 or c == 63:  # "\n", ".", "!", "?": a sentence end
            if c == 46 and _abbreviation(text, max(begin, a - 4), a):
                continue
            if holds:
                _add(text, begin, a if c == 10 else pos, spans)
                holds = False
            begin = pos
        else:
            starts.append(a)
            ends.append(pos)
            numbers.append(g)
            holds = True
    if holds:
        _add(text, begin, len(text), spans)
    return spans, starts, ends, numbers


def _abbreviation(text: str, lo: int, a: int) -> bool:
    """`_ABBREV.search(text, lo, a)`, run only when text[lo:a] holds a capital, as any match
    does (most sentences end in a small letter or a digit)."""
    k = lo
    while k < a:
        c = ord(text[k])
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


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and is_space(text, a):
        a += 1
    while b > a and is_space(text, b - 1):
        b -= 1
    if b > a:
        spans.append((a, b))
