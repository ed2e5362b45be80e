"""Cutting normalized text into sentences and clauses (normalized coordinates).

Rules, in order:
1. A line break ends a sentence (headlines, captions, bullets "- ..." stand alone).
2. ".", "!" or "?" ends a sentence when whitespace and a capital letter, a digit, a
   quote or a bracket follow — except after a short capitalised abbreviation
   ("TP. Pleiku", "H. Thăng Bình").
3. Within a sentence, ";" and a ":" that is not inside a number ("13:30") end a clause.

`sentences(n)` is public: other finders (directives, requests) cut text the same way.
"""

from __future__ import annotations

import re

from chitieu.extract.normalize import Normalized

_UPPER = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_END = re.compile(rf"\n+|[.!?]+(?=[ ]+[{_UPPER}0-9\"'(\[])")
_ABBREV = re.compile(rf"(?:^|[\s(])[{_UPPER}][A-Za-z]?$")
_CLAUSE_END = re.compile(r";|(?<!\d):|:(?!\d)")


def sentences(n: Normalized) -> list[tuple[int, int]]:
    """Sentence spans [start, end) of `n.text`, stripped of surrounding spaces, never empty."""
    return split_sentences(n.text)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _END.finditer(text, start, stop):
        if m.group(0)[0] == "." and _ABBREV.search(text, max(begin, m.start() - 4), m.start()):
            continue
        cut = m.start() if m.group(0)[0] == "\n" else m.end()
        _add(text, begin, cut, spans)
        begin = m.end()
    _add(text, begin, stop, spans)
    return spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence text[start:end], cut at ";" and ":"."""
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _CLAUSE_END.finditer(text, start, end):
        _add(text, begin, m.start(), spans)
        begin = m.end()
    _add(text, begin, end, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
