"""Capitalised words: the shapes that names of people, places and bodies take.

Vietnamese writes each syllable of a proper name with a capital ("Nguyễn Đình
Trung", "Krông Ana"), so a run of capitalised syllables is where a name can be.
These helpers are shared by the people, reference and document-field finders.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

UPPER = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
# The same capitals as a set, for testing one character without a regex.
UPPER_CHARS = frozenset(string.ascii_uppercase + UPPER[3:])
# One capitalised syllable; an inner apostrophe is allowed ("R'bin", "H'Mông").
CAP = rf"[{UPPER}][^\W\d_]*(?:'[^\W\d_]+)?"
# A run of capitalised syllables separated by single spaces.
CAP_RUN = re.compile(rf"(?<![\w'])(?:{CAP})(?:[ ](?:{CAP}))*(?![\w'])")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


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


@lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """`text` in lower case with the same length (shared by the finders)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low


def positions(low: str, words: list[str]) -> list[int]:
    """Sorted start positions of whole-word occurrences of any of `words` (lower
    case) in `low`. Plain substring search: much faster than a regex over a list."""
    out: list[int] = []
    n = len(low)
    for word in words:
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            ends = j >= n or not word[-1].isalnum() or not low[j].isalnum()
            if ends and (i == 0 or not low[i - 1].isalnum()):
                out.append(i)
            i = low.find(word, i + 1)
    out.sort()
    return out
