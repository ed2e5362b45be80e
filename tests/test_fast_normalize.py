"""The cheap test of `normalize` for a text with nothing to replace or drop (`_plain`) tells
what the regex `_ANY` tells: a text it passes holds none of the characters, and a text that
holds none of them (made of characters with other high bytes) passes.

Texts are glued at random from the special characters, their neighbours (same high byte or
same low byte), Vietnamese letters, lone surrogates and characters beyond the BMP.
"""

from __future__ import annotations

import random
import sys
import unicodedata

import chitieu.extract  # noqa: F401 (loads the build)

_N = sys.modules["chitieu.extract.normalize"]

POOL = (list(_N._ANY_CHARS)
        + [chr(ord(c) + d) for c in _N._ANY_CHARS for d in (-1, 1) if 0 < ord(c) + d < 0xD800]
        + [chr(ord(c) & 0xFF) for c in _N._ANY_CHARS] + [chr((ord(c) & 0xFF) << 8) for c in _N._ANY_CHARS]
        + list("Huyện ủy đã chỉ đạo các xã, Nghị quyết số 43-NQ/TW\n")
        + ["\ud800", "\udc00", "\U0001f600", "\u2122", "\u3001", "\ufefe", "\u0300"])


def _texts(seed: int, count: int, pool: list[str]) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_plain_texts_hold_none_of_the_characters() -> None:
    for text in _texts(1, 20000, POOL):
        if _N._plain(text):
            assert _N._ANY.search(text) is None, repr(text)


def test_texts_without_the_characters_are_plain() -> None:
    highs = {ord(c) >> 8 for c in _N._ANY_CHARS if ord(c) > 0xFF}
    others = [c for c in POOL if (ord(c) > 0xFF and ord(c) >> 8 not in highs)
              or (ord(c) <= 0xFF and c not in _N._NARROW)]
    for text in _texts(2, 5000, others):
        assert _N._plain(text), repr(text)


def test_normalize_keeps_a_text_without_the_characters_as_before() -> None:
    for text in _texts(3, 5000, POOL):
        if _N._ANY.search(text) is None:  # what the regex alone gave on this path
            want = (_N.Normalized(text, text) if unicodedata.is_normalized("NFC", text)
                    else _N._slow(text))
            assert _N.normalize(text) == want, repr(text)
