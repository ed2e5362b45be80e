"""Normalize text once for the grammar, keeping a map back to the text as read.

The grammar works on `Normalized.text`: NFC, one kind of space, one kind of dash and
quote, no zero-width characters, "\\r\\n" as "\\n". Every offset in it maps back to
the original with `orig_span`, so spans and copied clauses always point into the
document exactly as it was decoded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

# One-for-one replacements: lengths do not change.
_SPACES: Final = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
)
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ONE_FOR_ONE: Final = {ord(c): " " for c in _SPACES}
_ONE_FOR_ONE.update({ord(c): "-" for c in _DASHES})
_ONE_FOR_ONE.update({ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"',
                     ord("\u2018"): "'", ord("\u2019"): "'", ord("\u00b4"): "'", ord("`"): "'",
                     ord("\u2026"): "."})
# Dropped characters (zero-width, BOM, soft hyphen): need the slow path with a map.
_DROP: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# str.translate visits every character (~20 MB/s); these find the rare ones (~300 MB/s).
_SPECIAL: Final = re.compile("[" + re.escape("".join(chr(k) for k in _ONE_FOR_ONE)) + "]")
_NEEDS_MAP: Final = re.compile("[" + re.escape("".join(sorted(_DROP))) + "\r]")
# Either kind, so that one scan tells a text that has neither (most texts).
_ANY: Final = re.compile(
    "[" + re.escape("".join(chr(k) for k in _ONE_FOR_ONE) + "".join(sorted(_DROP))) + "\r]")
# The same characters for `_plain`: those of Latin-1, and the high bytes (code >> 8) of the others.
_ANY_CHARS: Final = sorted({chr(k) for k in _ONE_FOR_ONE} | _DROP | {"\r"})
_NARROW: Final = "".join(c for c in _ANY_CHARS if ord(c) <= 0xFF)
_WIDE_HIGHS: Final = bytes(sorted({ord(c) >> 8 for c in _ANY_CHARS if ord(c) > 0xFF}))


def is_space(o: int) -> bool:
    """Whether the character of code `o` is whitespace, as `str.isspace` and the regex `\\s`
    tell; compiled, testing `ord(text[i])` is much cheaper than either (for the finders)."""
    if o < 0x85:
        return o == 32 or 9 <= o <= 13 or 28 <= o <= 31
    return (o == 0x85 or o == 0xA0 or o == 0x1680 or 0x2000 <= o <= 0x200A or o == 0x2028
            or o == 0x2029 or o == 0x202F or o == 0x205F or o == 0x3000)


def words_end(text: str, a: int, b: int, count: int) -> int | None:
    """End of the first `count` words of text[a:b] (fewer where it has fewer); None without
    words. The same as matching r"\\s*(?:\\S+\\s+){0,count-1}\\S+" at a."""
    n = 0
    end = -1
    i = a
    while i < b:
        if is_space(ord(text[i])):
            i += 1
            continue
        j = i + 1
        while j < b and not is_space(ord(text[j])):
            j += 1
        n += 1
        end = j
        if n >= count:
            break
        i = j
    return end if end >= 0 else None


def _plain(text: str) -> bool:
    """True when `text` holds none of the characters of `_ANY`; False tells nothing.

    The regex engine tests each character against the class (~2.5 ns a character); here
    each Latin-1 one is looked for with `str.find` (memchr), and the others by the high
    bytes of their UTF-16 codes (0x20 for the General Punctuation block, 0x30, 0xFE ...),
    taken as every second byte of the encoded text and looked for with memchr too: about
    three times cheaper on text that has none, as most texts. "surrogatepass": a lone
    surrogate is encoded as it is (its high byte is no wanted one)."""
    for c in _NARROW:
        if c in text:
            return False
    highs = text.encode("utf-16-le", "surrogatepass")[1::2]
    for h in _WIDE_HIGHS:  # noqa: SIM110 (a loop compiles to plainer code than any())
        if h in highs:
            return False
    return True


def same_length_lower(text: str) -> str:
    """`text` in lower case with the same length, so that offsets stay valid: a character
    whose lower case is longer ("İ" -> "i̇") is kept as it is."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low


@lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """`same_length_lower` of a document text, cached: every finder reads the lower case of
    the same document (see `Normalized.low`), made once so. Short pieces of text use
    `same_length_lower` directly and stay out of this small cache."""
    return same_length_lower(text)


def _one_for_one(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    return _SPECIAL.sub(_replacement, text)


def _replacement(m: re.Match[str]) -> str:
    return _ONE_FOR_ONE[ord(m.group())]


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    original: str
    # For normalized char i: the original [starts[i], ends[i]) it came from.
    # None means the identity map (same length, one-for-one).
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that normalized [start, end) came from."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= len(self.starts):
            return len(self.original), len(self.original)
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]

    def orig_text(self, start: int, end: int) -> str:
        a, b = self.orig_span(start, end)
        return self.original[a:b]

    def low(self) -> str:
        """`text` in lower case, same offsets: `lowered(text)`, computed once for all finders."""
        return lowered(self.text)


def normalize(text: str) -> Normalized:
    """Normalize `text`; fast path when it is already NFC with nothing to drop."""
    m = None if _plain(text) else _ANY.search(text)
    if m is None:  # nothing to replace or drop
        return Normalized(text, text) if unicodedata.is_normalized("NFC", text) else _slow(text)
    if not unicodedata.is_normalized("NFC", text):
        return _slow(text)
    # Replace one for one in the same scan that looks for characters to drop.
    pieces: list[str] = []
    last = 0
    while m is not None:
        at = m.start()
        new = _ONE_FOR_ONE.get(ord(text[at]))
        if new is None:  # a character to drop, or "\r"
            return _slow(text)
        pieces.append(text[last:at])
        pieces.append(new)
        last = at + 1
        m = _ANY.search(text, last)
    pieces.append(text[last:])
    return Normalized("".join(pieces), text)


def _slow(text: str) -> Normalized:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _DROP:
            i += 1
            continue
        if c == "\r":
            end = i + 2 if i + 1 < n and text[i + 1] == "\n" else i + 1
            out.append("\n")
            starts.append(i)
            ends.append(end)
            i = end
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = _one_for_one(unicodedata.normalize("NFC", text[i:j]))
        for ch in cluster:
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return Normalized("".join(out), text, tuple(starts), tuple(ends))
