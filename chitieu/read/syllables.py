"""How Vietnamese a decoded text looks: the share of its non-ASCII words that are
well-formed Vietnamese syllables.

Used to choose between decodings of the same bytes (UTF-8, Windows-1258, TCVN3,
VNI): mojibake produces words with foreign letters (µ ¸ ø ñ ...), stray combining
marks or two tone marks, which fail the syllable shape of
chitieu/data/legacy_encodings.yaml (`syllable`). ASCII-only words are ignored:
every candidate decodes them alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import filterfalse

from chitieu.extract import lexicon

# Tone marks as combining characters: grave, acute, tilde, hook above, dot below.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Word separators: white space, ASCII digits and punctuation, general punctuation.
_SEPARATORS = re.compile(r"[\s0-9!-/:-@\[-`{-~\u2000-\u206f\u3000-\u303f]+")


@cache
def _shape() -> re.Pattern[str]:
    data = lexicon.load("legacy_encodings")["syllable"]

    def alternation(items: list[str]) -> str:
        return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))

    vowels = "".join(data["vowels"])
    return re.compile(f"(?:{alternation(data['onsets'])})?[{vowels}]{{1,3}}(?:{alternation(data['codas'])})?")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when `word` (any case, any normalization form) has the shape of a Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _shape().fullmatch(base) is not None


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of non-ASCII words that are Vietnamese syllables, number of non-ASCII words)."""
    # filterfalse(str.isascii, ...) also drops the empty strings split leaves at the ends.
    words = list(filterfalse(str.isascii, _SEPARATORS.split(unicodedata.normalize("NFC", text))))
    if not words:
        return 0.0, 0
    return sum(map(is_syllable, words)) / len(words), len(words)
