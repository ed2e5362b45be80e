"""Spans of text: the lines of a text, and sets of spans that answer "is this
position covered?" in log time."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Final

# A line without its surrounding spaces: from its first to its last non-space character.
_LINE: Final = re.compile(r"\S(?:[^\n]*\S)?")


@lru_cache(maxsize=8)
def line_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The non-empty lines of `text`, stripped of spaces (cached: several finders read them):
    the matches of `_LINE`, read between the line breaks."""
    out: list[tuple[int, int]] = []
    n = len(text)
    a = 0
    while a <= n:
        b = text.find("\n", a)
        if b < 0:
            b = n
        while a < b and _is_space(text, a):
            a += 1
        if a < b:
            e = b
            while _is_space(text, e - 1):
                e -= 1
            out.append((a, e))
        a = b + 1
    return tuple(out)


def _is_space(text: str, i: int) -> bool:
    """text[i] is white space (as `\\s` reads it); a printable ASCII character is not."""
    c = ord(text[i])
    return c == 32 or (not 32 < c < 127 and text[i].isspace())


class Cover:
    """The union of [start, end) spans; `pos in cover` is True when a span holds pos."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(s for s in spans if s[1] > s[0]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def overlaps(self, a: int, b: int) -> bool:
        """True when some span meets [a, b)."""
        i = bisect_right(self._starts, b - 1) - 1
        return i >= 0 and self._ends[i] > a
