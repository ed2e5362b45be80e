"""Where cue phrases stand in a document, found in one pass.

The facts grammar asks many times "is there an estimate word ('ước', 'dự kiến') between
here and there?". `CueIndex` answers from sorted positions found once per document: one
regex of every phrase, run over a lowercased copy of the text (a case-insensitive regex
loses the fast literal scan), keeping matches that start and end on word boundaries.
The phrases are compiled as a trie (`trie_pattern`): at each position the engine follows
one branch per character instead of trying every phrase in turn. `index` may be limited
to the spans the caller will ask about (the sentences that hold a figure).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from chitieu.extract.wordtail import is_alnum, is_space


def lowered(text: str) -> str:
    """`text` in lower case with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex matching any of `phrases`, the longest first, written as a trie of characters."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, dict]) -> str:
    alts = [re.escape(ch) + _trie_node(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


class CuePhrases:
    """Named phrase lists compiled into one lowercase regex."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.names: dict[str, tuple[str, ...]] = {}
        for name, phrases in lists.items():
            for p in phrases:
                key = " ".join(p.lower().split())
                self.names[key] = (*self.names.get(key, ()), name)
        self.rx = re.compile(f"(?:{trie_pattern(self.names)})(?!\\w)")
        # Sentences are scanned together when only spaces part them; a phrase holding a
        # sentence end could reach across.
        self.joinable = not any(c in key for key in self.names for c in ".!?\n")

    def index(self, low: str, spans: list[tuple[int, int]] | None = None) -> CueIndex:
        """The cues of `low`, or only those inside `spans`: sorted sentences as
        segment.split_sentences cuts them. A cue never crosses a sentence boundary, so
        sentences with nothing but spaces between them are scanned in one go (a scan costs
        more to start than to run over a sentence)."""
        found: dict[str, list[tuple[int, int]]] = {}
        every: list[tuple[int, int, tuple[str, ...]]] = []
        names = self.names
        firsts: list[int] = []
        lasts: list[int] = []
        for a, b in spans if spans is not None else [(0, len(low))]:
            if lasts and self.joinable and _blank(low, lasts[-1], a):
                lasts[-1] = b
            else:
                firsts.append(a)
                lasts.append(b)
        for k in range(len(firsts)):
            for m in self.rx.finditer(low, firsts[k], lasts[k]):
                i, j = m.span()
                if i and is_alnum(low, i - 1):
                    continue
                these = names[m.group(0)]
                every.append((i, j, these))
                for name in these:
                    found.setdefault(name, []).append((i, j))
        return CueIndex(found, every)


def _blank(low: str, a: int, b: int) -> bool:
    """low[a:b] holds spaces only (no cue can start or end there)."""
    while a < b:
        if not is_space(low, a):
            return False
        a += 1
    return True


class CueIndex:
    """Positions of the cues of one document, by name."""

    def __init__(self, found: dict[str, list[tuple[int, int]]],
                 every: list[tuple[int, int, tuple[str, ...]]] | None = None) -> None:
        self.found = found
        self.starts = {name: [s for s, _ in spans] for name, spans in found.items()}
        self.every = every if every is not None else sorted(
            (s, e, (name,)) for name, spans in found.items() for s, e in spans)
        self.every_starts = [s for s, _, _ in self.every]
        # Where the last look-up of each list began: the grammar asks in reading order.
        self.every_at = 0
        self.at: dict[str, int] = {}

    def between(self, a: int, b: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """Every cue inside [a, b), with its names: one look-up for all the questions asked
        about the words before a figure."""
        starts = self.every_starts
        i = self.every_at = first_at(starts, a, self.every_at)
        out = []
        while i < len(starts) and starts[i] < b:
            if self.every[i][1] <= b:
                out.append(self.every[i])
            i += 1
        return out

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
        i = first_at(starts, a, self.at.get(name, 0))
        self.at[name] = i
        out = []
        spans = self.found[name]
        while i < len(starts) and starts[i] < b:
            if spans[i][1] <= b:
                out.append(spans[i])
            i += 1
        return out


def first_at(xs: list[int], x: int, lo: int) -> int:
    """bisect_left(xs, x) (`xs` sorted), read on from `lo` when no answer lies before it
    (the items before `lo` are less than x), else by bisection."""
    if lo > 0 and xs[lo - 1] >= x:
        return bisect_left(xs, x)
    while lo < len(xs) and xs[lo] < x:
        lo += 1
    return lo
