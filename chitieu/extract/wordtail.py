"""The words right before a position, for fast look-ups of the phrase before a number.

Regexes anchored at the end ("...(đạt|bằng)\\s*$") try every start position and are slow
in a hot loop. `tail_words` reads a short window backwards with one anchored regex, and a
`PhraseTable` finds the longest known phrase among the last words with dictionary look-ups.
Both are pure functions on normalized text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from mypy_extensions import i64

WIDTH = 48

# Character classes read by code point (`ord(s[i])` makes no string, `s[i]` does for every
# character past Latin-1): the regex "\w" for the code points below 0x2000 (Latin and
# Vietnamese letters), and the ASCII spaces of str.isspace(). The helpers below take and
# read positions and code points as i64 (machine integers when compiled, plain ints in
# Python): mypyc's `int` checks for a boxed value at every step.
WORD_CHARS: Final = bytes(1 if chr(i).isalnum() or chr(i) == "_" else 0 for i in range(0x2000))
ALPHA_CHARS: Final = bytes(1 if chr(i).isalpha() else 0 for i in range(0x2000))


def class_body(codes: list[int]) -> str:
    """A regex character class body for the code points `codes` (sorted), as ranges."""
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


# "\d" and "\s" as class bodies that the regex engine tests with a bitmap ("\d" and "\s" ask
# the Unicode database for every character they test): for the first character of a pattern
# that a search looks for, followed by a test such as "(?<=\d)". MAY_BE_DIGIT holds every
# character past U+FFFF (a few digits among them), which that test sorts out.
# The decimal digits of the BMP (str.isdecimal(), regex "\\d"), by code point.
DECIMALS: Final = [i for i in range(0x10000) if chr(i).isdecimal()]
MAY_BE_DIGIT: Final = class_body(DECIMALS) + "\U00010000-\U0010ffff"
SPACES: Final = class_body([i for i in range(0x10000) if chr(i).isspace()])


def is_alpha(s: str, i: i64) -> bool:
    """s[i].isalpha()."""
    c: i64 = ord(s[i])
    if c < 0x2000:
        return ALPHA_CHARS[c] == 1
    return s[i].isalpha()


def is_alnum(s: str, i: i64) -> bool:
    """s[i].isalnum()."""
    c: i64 = ord(s[i])
    if c < 0x2000:
        return WORD_CHARS[c] == 1 and c != 95
    return s[i].isalnum()


def is_space(s: str, i: i64) -> bool:
    """s[i].isspace() (regex "\\s")."""
    c: i64 = ord(s[i])
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    if c < 0x2000 and WORD_CHARS[c]:
        return False
    return s[i].isspace()


def starts_at(s: str, word: str, i: i64, end: i64) -> bool:
    """s.startswith(word, i, end), which mypyc would call as a Python method (compared by
    code point: str.find would first copy a Latin-1 word to the width of the text)."""
    n: i64 = len(word)
    if i + n > end or i < 0:  # (i >= 0 here: no counting from the end)
        return False
    t: i64 = 0  # all(... for t in range(n)), whose index would be a tagged int
    while t < n:
        if ord(s[i + t]) != ord(word[t]):
            return False
        t += 1
    return True


def ends_at(s: str, word: str, j: i64) -> bool:
    """s.endswith(word, 0, j), compared by code point (see starts_at)."""
    return starts_at(s, word, j - len(word), j)


def tail_words(text: str, end: i64, limit: i64 = 4, start: i64 = 0) -> list[tuple[str, int]]:
    """Up to `limit` words (lowercased, with their offsets) that end at `end`, separated by
    spaces only; a token such as "(tăng" gives its word and ends the run."""
    # The tokens of text[lo:end].rsplit(" ", limit + 2), read from the right in place: a
    # token is [i0, cur); the leftmost one (no space left, or no split left) may be cut by
    # the window, or hold spaces.
    lo: i64 = end - WIDTH if end - WIDTH > start else start  # max(), which compiles to a generic call
    out: list[tuple[str, int]] = []
    splits: i64 = 0
    cur: i64 = end
    while True:
        k: i64 = text.rfind(" ", lo, cur) if splits < limit + 2 else -1
        i0: i64 = lo if k < 0 else k + 1
        if i0 < cur:
            j: i64 = cur
            while j > i0 and is_alpha(text, j - 1):
                j -= 1
            if j > i0:  # a token with other characters: its last letters end the run
                if j < cur:
                    out.append((_lower(text[j:cur]), j))
                break
            if k < 0 and lo > start and is_alpha(text, lo - 1):
                break  # a word cut by the window
            out.append((_lower(text[i0:cur]), i0))
            if len(out) >= limit:
                break
        if k < 0:
            break
        splits += 1
        cur = k
    out.reverse()
    return out


MAX_WORDS: Final = 50_000
_LOWERED: Final[dict[str, str]] = {}


def _lower(word: str) -> str:
    """word.lower(), kept: the same few thousand syllables come back (lowercasing
    Vietnamese letters one by one costs more than a look-up)."""
    low = _LOWERED.get(word)
    if low is None:
        if len(_LOWERED) >= MAX_WORDS:
            _LOWERED.clear()
        low = _LOWERED[word] = word.lower()
    return low


def may_end_with(low: str, end: int, lasts: tuple[str, ...]) -> bool:
    """False when the last word `tail_words(text, end, ...)` would give is surely not one of
    `lasts` (`low`: the text lowercased): a cheap test before the full reading. That word,
    when there is one, ends the text once the spaces before `end` are dropped."""
    j = end
    while j and low[j - 1] == " ":
        j -= 1
    return low.endswith(lasts, 0, j)


class Endings:
    """`may_end_with` for one fixed tuple of words, grouped by their last character so
    that only the few words ending like the text are compared."""

    def __init__(self, lasts: tuple[str, ...]) -> None:
        groups: dict[str, list[str]] = {}
        for w in lasts:
            if not w:
                raise ValueError("an empty word")
            groups.setdefault(w[-1], []).append(w)
        # By the code point of the last character: a list for those below 0x2000 (no int
        # object to make, no hashing), a dict for the others.
        self.low_table: list[list[str]] = [[] for _ in range(0x2000)]
        self.by_last: dict[int, list[str]] = {}
        for c, ws in groups.items():
            if ord(c) < 0x2000:
                self.low_table[ord(c)] = ws
            else:
                self.by_last[ord(c)] = ws

    def may_end(self, low: str, end: i64) -> bool:
        """`may_end_with(low, end, lasts)`."""
        j: i64 = end
        while j and ord(low[j - 1]) == 32:
            j -= 1
        if not j:
            return False
        c: i64 = ord(low[j - 1])
        group = self.low_table[c] if c < 0x2000 else self.by_last.get(c, [])
        return any(ends_at(low, w, j) for w in group)  # low.endswith(group, 0, j)


class PhraseTable:
    """Phrases (lowercased) with a value each, looked up by the words that end a text."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.values: dict[str, str] = {}
        self.lengths: dict[str, list[int]] = {}
        for phrase, value in items:
            key = " ".join(phrase.lower().split())
            self.values.setdefault(key, value)
            words = key.split()
            lens = self.lengths.setdefault(words[-1], [])
            if len(words) not in lens:
                lens.append(len(words))
                lens.sort(reverse=True)

    @property
    def last_words(self) -> tuple[str, ...]:
        """Every word that ends a phrase of the table."""
        return tuple(self.lengths)

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseTable:
        return cls((p, p.lower()) for p in phrases)

    def suffix(self, words: list[tuple[str, int]]) -> int:
        """How many of the last words form a known phrase (the longest wins), 0 for none."""
        if not words:
            return 0
        last = words[-1][0]
        for k in self.lengths.get(last, ()):
            if k <= len(words) and (last if k == 1 else _phrase(words, k)) in self.values:
                return k
        return 0

    def value(self, words: list[tuple[str, int]], k: int) -> str:
        return self.values[_phrase(words, k)]


def _phrase(words: list[tuple[str, int]], k: int) -> str:
    """The last k words joined by spaces."""
    if k == 1:
        return words[-1][0]
    return " ".join([w for w, _ in words[-k:]])
