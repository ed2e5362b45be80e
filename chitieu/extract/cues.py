"""Where cue phrases stand in a document, found in one pass.

The facts grammar asks many times "is there an estimate word ('ước', 'dự kiến') between
here and there?". `CueIndex` answers from sorted positions found once per document: one
regex of every phrase, run over a lowercased copy of the text (a case-insensitive regex
loses the fast literal scan), keeping matches that start and end on word boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_left


def lowered(text: str) -> str:
    """`text` in lower case with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class CuePhrases:
    """Named phrase lists compiled into one lowercase regex."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.names: dict[str, tuple[str, ...]] = {}
        for name, phrases in lists.items():
            for p in phrases:
                key = " ".join(p.lower().split())
                self.names[key] = (*self.names.get(key, ()), name)
        alt = "|".join(re.escape(p) for p in sorted(self.names, key=len, reverse=True))
        self.rx = re.compile(f"(?:{alt})(?!\\w)")

    def index(self, low: str) -> CueIndex:
        found: dict[str, list[tuple[int, int]]] = {}
        for m in self.rx.finditer(low):
            i = m.start()
            if i and low[i - 1].isalnum():
                continue
            for name in self.names[m.group(0)]:
                found.setdefault(name, []).append((i, m.end()))
        return CueIndex(found)


class CueIndex:
    """Positions of the cues of one document, by name."""

    def __init__(self, found: dict[str, list[tuple[int, int]]]) -> None:
        self.found = found
        self.starts = {name: [s for s, _ in spans] for name, spans in found.items()}

    def first(self, name: str, a: int, b: int) -> tuple[int, int] | None:
        """The first cue `name` that lies inside [a, b)."""
        starts = self.starts.get(name)
        if not starts:
            return None
        i = bisect_left(starts, a)
        spans = self.found[name]
        while i < len(starts) and starts[i] < b:
            if spans[i][1] <= b:
                return spans[i]
            i += 1
        return None

    def within(self, name: str, a: int, b: int) -> bool:
        return self.first(name, a, b) is not None

    def all(self, name: str, a: int, b: int) -> list[tuple[int, int]]:
        starts = self.starts.get(name)
        if not starts:
            return []
        i = bisect_left(starts, a)
        out = []
        spans = self.found[name]
        while i < len(starts) and starts[i] < b:
            if spans[i][1] <= b:
                out.append(spans[i])
            i += 1
        return out
