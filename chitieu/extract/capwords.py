"""Capitalised words: the shapes that names of people, places and bodies take.

Vietnamese writes each syllable of a proper name with a capital ("Nguyễn Đình
Trung", "Krông Ana"), so a run of capitalised syllables is where a name can be.
These helpers are shared by the people, reference and document-field finders.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Final

# The lower case of a text with the same offsets, cached: one copy serves every finder.
from chitieu.extract.normalize import lowered as lowered

UPPER: Final = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
# The same capitals as a set, for testing one character without a regex.
UPPER_CHARS: Final = frozenset(string.ascii_uppercase + UPPER[3:])
# One capitalised syllable; an inner apostrophe is allowed ("R'bin", "H'Mông").
CAP: Final = rf"[{UPPER}][^\W\d_]*(?:'[^\W\d_]+)?"
# A run of capitalised syllables separated by single spaces.
CAP_RUN: Final = re.compile(rf"(?<![\w'])(?:{CAP})(?:[ ](?:{CAP}))*(?![\w'])")
WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def is_cap(word: str) -> bool:
    """True when the syllable starts with a capital letter."""
    return bool(word) and word[0].isupper()


def syllables(text: str) -> list[str]:
    return WORD.findall(text)


def alternation(words: list[str]) -> str:
    """A regex that matches any of `words` (escaped; a space matches any run of
    spaces), built as a trie so that shared beginnings are tried once: a long
    list of phrases costs little more than one. Longer words win over their
    prefixes ("Phó Chủ tịch" before "Phó"), as with a longest-first alternation."""
    trie: dict = {}
    for w in {w for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = []
    ends_here = "" in node
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def alternation_with(ends: dict[str, str]) -> str:
    """A regex that matches any word of `ends` followed by its own regex `ends[word]`,
    built as a trie like `alternation` (a longer word is tried before its prefixes). With
    one regex for every word it is `(?:{alternation(words)})` followed by that regex."""
    trie: dict = {}
    for w, end in ends.items():
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = end
    return _trie_regex_with(trie)


def _trie_regex_with(node: dict) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex_with(node[ch]))
    if "" in node:
        branches.append(node[""])  # the word ends here: after the longer words
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def cased(words: list[str]) -> list[str]:
    """`words` with the case variants a text may write them in: as listed,
    capitalised (sentence start), lower case, title case and upper case
    ("bí thư" → "Bí thư", "Bí Thư", "BÍ THƯ"). Matching case-sensitively on these
    is several times faster than IGNORECASE."""
    out: set[str] = set()
    for w in words:
        if not w:
            continue
        out.update({w, w[0].upper() + w[1:], w[0].lower() + w[1:], w.lower(), w.upper(),
                    w[0].upper() + w[1:].lower(),
                    " ".join(p[:1].upper() + p[1:] for p in w.split(" "))})
    return sorted(out)


def word_pattern(words: list[str], *, exact: bool = False) -> re.Pattern[str]:
    """A fast pattern for any of `words` ending at a word boundary. The start
    boundary is not in the pattern (a leading look-behind slows scanning): check
    it with `starts_word`. `exact`: match only as listed, else in any usual case."""
    return re.compile(rf"(?:{alternation(words if exact else cased(words))})(?![\w])")


def starts_word(text: str, i: int) -> bool:
    """True when position i of text is not inside a word."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


def search_word(pattern: re.Pattern[str], text: str, start: int = 0,
                end: int | None = None) -> re.Match[str] | None:
    """The first match of `pattern` in text[start:end] that starts a word (as a
    leading look-behind would find it, without making the engine try every position)."""
    stop = len(text) if end is None else end
    m = pattern.search(text, start, stop)
    while m is not None and not starts_word(text, m.start()):
        m = pattern.search(text, m.start() + 1, stop)
    return m


def match_word(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """A match of `pattern` at pos, when pos starts a word."""
    return pattern.match(text, pos) if starts_word(text, pos) else None


def finditer_words(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None):
    """The matches of `pattern` in text[start:end] that start a word."""
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if starts_word(text, m.start()):
            yield m


def finditer_at(pattern: re.Pattern[str], text: str, low: str, firsts: list[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern whose every match is non-empty and starts
    where the lowered text `low` starts with one of `firsts` (each match's first syllable,
    in lower case): the pattern is tried only there, found with `str.find`."""
    starts: list[int] = []
    for first in firsts:
        i = low.find(first)
        while i >= 0:
            starts.append(i)
            i = low.find(first, i + 1)
    starts.sort()
    pos = 0
    for i in starts:
        if i < pos:
            continue
        m = pattern.match(text, i)
        if m is not None:
            yield m
            pos = m.end()


class Phrases:
    """Whole-word occurrences of lower-case phrases in a lowered text (see `lowered`),
    as a plain whole-word substring search finds them.

    The lists share one index per text: a single regex of every phrase of every list
    (the level words, the trigger words of directives, the period key words ...),
    written as a trie, is run once over the text and each list reads its own phrases
    from the result. At each word start the regex matches the longest phrase; the shorter
    ones there are its prefixes. Word starts inside a matched phrase are tried too, so
    that overlapping phrases ("thị xã", "xã") are all found.

    A list made with `alone=True` reads the shared index when the text has one, and is
    otherwise searched by itself (cheaper than building the index for all lists, when
    no other list will be asked about the same text)."""

    def __init__(self, words: list[str], *, alone: bool = False) -> None:
        self.words = sorted({w for w in words if w})
        self.alone = alone
        self.key = len(_LISTS)
        _LISTS.append(self.words)
        # The list's own regex and the prefixes of each phrase, for `_search` (built on first use).
        self.regex: re.Pattern[str] | None = None
        self.prefixes: dict[str, list[tuple[str, int, bool]]] = {}

    def found(self, low: str) -> list[tuple[int, str]]:
        """(start, phrase) of every whole-word occurrence, in text order (do not modify)."""
        index = _INDEX.get(low)
        if index is not None and len(index) > self.key:
            return index[self.key]
        if self.alone:
            return self._search(low)
        return _phrase_index(low)[self.key]

    def positions(self, low: str) -> list[int]:
        """Sorted start positions of the whole-word occurrences."""
        return [i for i, _ in self.found(low)]

    def _search(self, low: str) -> list[tuple[int, str]]:
        """This list's occurrences, found by themselves: with a `str.find` per phrase for
        a short list, else with the list's own regex (as `_phrase_index` does)."""
        out: list[tuple[int, str]] = []
        n = len(low)
        if len(self.words) < _REGEX_FROM:
            for word in self.words:
                closes = word[-1].isalnum()
                i = low.find(word)
                while i >= 0:
                    j = i + len(word)
                    if (i == 0 or not low[i - 1].isalnum()) and (
                            not closes or j >= n or not low[j].isalnum()):
                        out.append((i, word))
                    i = low.find(word, i + 1)
            out.sort()
            return out
        if self.regex is None:
            self.prefixes = {w: [(v, len(v), v[-1].isalnum()) for v in self.words if w.startswith(v)]
                             for w in self.words}
            self.regex = re.compile(_closed_trie(self.words))
        prefixes = self.prefixes
        m = self.regex.search(low)
        while m is not None:
            k = m.start()
            if k == 0 or not low[k - 1].isalnum():
                for v, size, closes in prefixes[m.group()]:
                    j = k + size
                    if not closes or j >= n or not low[j].isalnum():
                        out.append((k, v))
            m = self.regex.search(low, k + 1)
        return out


# From this many phrases on, one regex scan is cheaper than a `str.find` per phrase.
_REGEX_FROM: Final = 14
# The phrase lists of every `Phrases`, the regex built from them (rebuilt when a list
# joins after it was built), and the index of the last texts (lowered text -> per list).
_LISTS: Final[list[list[str]]] = []
_UNION: Final[dict[str, object]] = {}
_INDEX: Final[dict[str, list[list[tuple[int, str]]]]] = {}
_INDEX_SIZE: Final = 16


_Found = list[tuple[str, int, bool, list[int]]]


def _union() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Found],
                      dict[str, tuple[_Found, list[int]]]]:
    """The regex of all phrases; the same after one character that is no letter or digit
    (or any character beyond the BMP: `_phrase_index` tests the character); for each
    phrase the phrases that are its prefixes (itself included) with their length,
    whether a letter or digit must not follow them, and the lists that hold them; and
    for each phrase the offsets where a word starts inside it or right after it, where
    some phrase may start (see `_may_start`); the last two by phrase in one table too
    (one look-up for each match of the scan)."""
    if _UNION.get("lists") != len(_LISTS):
        words = sorted({w for words in _LISTS for w in words})
        holders = {w: [key for key, words in enumerate(_LISTS) if w in words] for w in words}
        prefixes = {w: [(v, len(v), v[-1].isalnum(), holders[v]) for v in words if w.startswith(v)]
                    for w in words}
        inner = {w: [j for j in range(1, len(w) + 1) if not w[j - 1].isalnum() and _may_start(w[j:], words)]
                 for w in words}
        trie = _closed_trie(words)
        _UNION.update(lists=len(_LISTS), regex=re.compile(trie),
                      after_gap=re.compile(f"[{_not_alnum_class()}]({trie})"), prefixes=prefixes,
                      inner=inner, entries={w: (prefixes[w], inner[w]) for w in words})
    return (_UNION["regex"], _UNION["after_gap"], _UNION["prefixes"],  # type: ignore[return-value]
            _UNION["entries"])


def _may_start(rest: str, words: list[str]) -> bool:
    """Whether a phrase of `words` may match where the text goes on with `rest`: the
    rest of a matched phrase after a word start inside it (the text beyond is unknown,
    so an empty rest allows any phrase). A phrase that matches there agrees with `rest`
    on the characters both have; where none does, `_phrase_index` need not try."""
    return any(w.startswith(rest) or rest.startswith(w) for w in words)


def _not_alnum_class() -> str:
    """The inside of a character class of every character of the BMP that is no letter or
    digit (`str.isalnum`), and of every character beyond the BMP. Spelled out so that the
    regex engine tests a character with one table look-up (`[\\W_]` asks the Unicode
    database for each character, several times slower). The runs of such characters are
    read with `[\\W_]+`, which means the same as `not str.isalnum()`."""
    bmp = "".join(map(chr, range(0x10000)))
    runs = [m.span() for m in re.finditer(r"[\W_]+", bmp)]
    out = [_class_range(a, b - 1) for a, b in runs if b < 0x10000]
    last = runs[-1] if runs else (0, 0)
    out.append(_class_range(last[0] if last[1] == 0x10000 else 0x10000, 0x10FFFF))
    return "".join(out)


def _class_range(a: int, b: int) -> str:
    return re.escape(chr(a)) if a == b else re.escape(chr(a)) + "-" + re.escape(chr(b))


def _phrase_index(low: str) -> list[list[tuple[int, str]]]:
    """For each `Phrases` list, (start, phrase) of its whole-word occurrences in `low`
    (kept for the last texts: every finder asks about the same one).

    At each word start where the regex matches, the longest phrase there and its prefixes
    are found. The word starts are read from one scan of the phrases after a character
    that is no letter or digit (and a match at 0): the engine tries the phrases only
    there, not inside words. The scan does not find the word starts inside or right
    after one of its own matches; those are given by the matched phrase, and tried one
    by one."""
    index = _INDEX.get(low)
    if index is not None and len(index) == len(_LISTS):
        return index
    rx, after_gap, prefixes, entries = _union()
    out: list[list[tuple[int, str]]] = [[] for _ in _LISTS]
    n = len(low)
    m = rx.match(low)
    if m is not None:
        _add(out, prefixes[m.group()], low, 0, n)
    for m in after_gap.finditer(low):
        # The gap is one character: the phrase starts right after it (one call for both ends).
        s, e = m.span()
        k = s + 1
        found, inner = entries[low[k:e]]
        if not low[k - 1].isalnum():
            _add(out, found, low, k, n)
        for j in inner:
            w = rx.match(low, k + j)
            if w is not None:
                _add(out, prefixes[w.group()], low, k + j, n)
    try:
        while len(_INDEX) >= _INDEX_SIZE:  # forget the oldest text
            del _INDEX[next(iter(_INDEX))]
    except (KeyError, RuntimeError, StopIteration):
        pass  # another thread changed the index meanwhile
    _INDEX[low] = out
    return out


def _add(out: list[list[tuple[int, str]]], found: list[tuple[str, int, bool, list[int]]],
         low: str, k: int, n: int) -> None:
    """Record the phrases `found` at k (a word start) that end a word there."""
    for v, size, closes, keys in found:
        j = k + size
        if not closes or j >= n or not low[j].isalnum():
            for key in keys:
                out[key].append((k, v))


# Letters by how often a Vietnamese word starts with them, most often first. The regex
# engine tries the branches of a trie one by one: each branch opens with its own character
# (they exclude one another, so the order does not change what matches), and putting the
# frequent ones first makes the phrase scan try fewer of them at each word start.
_FIRST_LETTERS: Final = "tcđnhvkbslgpdxqmryaeiouâăêôơư"
_FIRST_RANK: Final = {ch: i for i, ch in enumerate(_FIRST_LETTERS)}


def _closed_trie(words: list[str]) -> str:
    """A trie regex of `words` written literally; a word that ends in a letter or digit
    must not be followed by one. At each position it matches the longest such word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict, last: str) -> str:
        keys = sorted((k for k in node if k), key=lambda ch: (_FIRST_RANK.get(ch, len(_FIRST_LETTERS)), ch))
        branches = [re.escape(ch) + walk(node[ch], ch) for ch in keys]
        if "" in node:
            branches.append(r"(?![^\W_])" if last.isalnum() else "")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return walk(trie, "")
