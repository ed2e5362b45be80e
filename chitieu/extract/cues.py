"""Where cue phrases stand in a document, found in one pass.

The facts grammar asks many times "is there an estimate word ('ước', 'dự kiến') between
here and there?". `CueIndex` answers from sorted positions found once per document: the
matches of one regex of every phrase over a lowercased copy of the text (a
case-insensitive regex loses the fast literal scan), keeping those that start and end on
word boundaries. The phrases are compiled as a trie (`trie_pattern`). The matches are
found without running the regex, by `CuePhrases._scan`, which reads the text by words
(the regex tries every position, testing a character class at each). `index` may be
limited to the spans the caller will ask about (the sentences that hold a figure).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Final

from mypy_extensions import i64

from chitieu.extract.normalize import same_length_lower as lowered  # noqa: F401 (used by facts)
from chitieu.extract.wordtail import WORD_CHARS, is_alnum, is_space, starts_at


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
        # A cue starts and ends a word: "ước thực hiện" is no cue inside "nước thực hiện",
        # and does not hide the cue "hiện" there.
        self.rx = re.compile(f"(?<!\\w)(?:{trie_pattern(self.names)})(?!\\w)")
        # Sentences are scanned together when only spaces part them; a phrase holding a
        # sentence end could reach across.
        self.joinable = not any(c in key for key in self.names for c in ".!?\n")
        # For `_scan`, which needs every phrase to be words of word characters ("\\w")
        # parted by single spaces (else the regex scans): by hash (`_hash_back`), what the
        # characters are to the first words of the phrases (_ENDS_ONE: the last characters
        # of one, _IS_ONE: one whole), and the phrases by their first word.
        self.wordy = all(w and all(_word_char(w, k) for k in range(len(w)))
                         for key in self.names for w in key.split(" "))
        self.longest_first = max((len(key.split(" ")[0]) for key in self.names), default=0)
        table = bytearray(_HASH_SIZE)
        # The longest first, as the trie regex tries them.
        self.by_first: dict[str, list[tuple[str, str]]] = {}  # (phrase, what follows its first word)
        for key in sorted(self.names, key=len, reverse=True):
            first = key.split(" ")[0]
            for k in range(len(first)):
                table[_hash_back(first, k, len(first))] |= _ENDS_ONE
            table[_hash_back(first, 0, len(first))] |= _IS_ONE
            self.by_first.setdefault(first, []).append((key, key[len(first):]))
        self.first_hashes = bytes(table)

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
            matches = self._scan(low, firsts[k], lasts[k]) if self.wordy else \
                [(m.start(), m.end(), m.group()) for m in self.rx.finditer(low, firsts[k], lasts[k])]
            for i, j, phrase in matches:
                if i and is_alnum(low, i - 1):
                    continue
                these = names[phrase]
                every.append((i, j, these))
                for name in these:
                    found.setdefault(name, []).append((i, j))
        return CueIndex(found, every)

    def _scan(self, low: str, a: i64, b: i64) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of each match of `self.rx` in low[a:b] (the slice), without
        the regex: the phrases that start a run of word characters ("\\w") and end one,
        the longest at each start, reading on after each match.

        A phrase starts with a word of word characters that a space or the end of the
        phrase follows: so a match at the start p of a run has low[p:e] equal to the
        first word of a phrase, e being the end of the run (within [a, b)). Each run is
        read once; the hashes of its last characters are looked up (`first_hashes`, no
        string made) for as long as some first word ends so (a character or two in most
        words), and only where the whole run hashes as a first word are the phrases of
        that word compared, the longest first.

        The positions, code points and hashes are i64 (machine integers when compiled, plain
        ints in Python): mypyc's `int` checks for a boxed value at every step."""
        out: list[tuple[int, int, str]] = []
        by_first = self.by_first
        table = self.first_hashes
        longest: i64 = self.longest_first
        p: i64 = a
        while p < b:
            c: i64 = ord(low[p])  # _word_char, written out: the test of every character
            if not (WORD_CHARS[c] if c < 0x2000 else _word_char(low, p)):
                p += 1
                continue
            e: i64 = p + 1
            while e < b:
                c = ord(low[e])
                if not (WORD_CHARS[c] if c < 0x2000 else _word_char(low, e)):
                    break
                e += 1
            # The hashes of low[q:e] for q = e-1, e-2, ... (read backwards), down to p.
            start: i64 = p
            p = e
            if e - start <= longest:
                h: i64 = 0
                q: i64 = e
                while q > start:
                    q -= 1
                    h = (h * _HASH_MUL + ord(low[q])) & (_HASH_SIZE - 1)
                    if not table[h]:  # no first word ends with low[q:e]: none with low[q-1:e] either
                        break
                else:  # the whole run hashes as a first word does
                    if table[h] & _IS_ONE:
                        j: i64 = _phrase_end(low, start, e, b, by_first.get(low[start:e], []), out)
                        if j >= 0:
                            p = j
        return out


def _phrase_end(low: str, q: i64, e: i64, b: i64, phrases: list[tuple[str, str]],
                out: list[tuple[int, int, str]]) -> i64:
    """Where the first of `phrases` that stands at q, with no word character after it
    (before b), ends (-1 for none); it is added to `out`. The phrases start with the word
    low[q:e], which is not compared again (a phrase of that one word matches): `rest` follows it."""
    for phrase, rest in phrases:
        j: i64 = q + len(phrase)
        if j == e or (starts_at(low, rest, e, b) and (j == b or not _word_char(low, j))):
            out.append((q, j, phrase))
            return j
    return -1


_HASH_SIZE: Final = 1 << 16
_HASH_MUL: Final = 131
_ENDS_ONE: Final = 1
_IS_ONE: Final = 2


def _hash_back(s: str, a: int, b: int) -> int:
    """The hash of s[a:b] read from its end, as `CuePhrases._scan` computes it."""
    h = 0
    for k in range(b - 1, a - 1, -1):
        h = (h * _HASH_MUL + ord(s[k])) & (_HASH_SIZE - 1)
    return h


def _word_char(s: str, k: i64) -> bool:
    """s[k] is a word character (regex "\\w": a letter, a digit or "_")."""
    c: i64 = ord(s[k])
    if c < 0x2000:
        return WORD_CHARS[c] == 1
    return s[k].isalnum()


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
