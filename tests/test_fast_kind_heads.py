"""The three-character test of the reference finder before its kind pattern: the space
characters it writes are those the pattern's `\\s` matches, and every place where the
pattern matches passes it (the scan itself is compared with `finditer` in test_fast_words)."""

from __future__ import annotations

import random
import re

from chitieu.extract import references


def test_space_characters_are_those_of_the_pattern() -> None:
    assert [chr(o) for o in range(0x110000) if re.match(r"\s", chr(o))] == references._SPACE_CHARS


def test_every_match_of_a_kind_passes_the_test() -> None:
    heads = references._KIND_HEADS
    assert heads is not None
    rng = random.Random(5)
    for word in references._KIND_WORDS:
        for _ in range(20):  # each space of the kind written as a random run of spaces
            text = re.sub(" ", lambda _m: "".join(rng.choice(references._SPACE_CHARS)
                                                 for _ in range(rng.randint(1, 3))), word)
            m = references._KIND_RE.match(text)
            assert m is not None and text[:3] in heads, repr(text)
