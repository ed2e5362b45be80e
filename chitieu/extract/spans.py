"""Sets of text spans that answer "is this position covered?" in log time."""

from __future__ import annotations

from bisect import bisect_right


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
