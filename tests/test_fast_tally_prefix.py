"""The tally finder's prefix pattern, written as a trie of words with their tails, finds
where the plain alternation finds, on random windows before a position.

Texts are glued at random from the words of the lists (in a few cases), "trong đó" with
one or two spaces, glued letters, digits and spaces of several kinds."""

from __future__ import annotations

import random
import re

from chitieu.extract import lexicon, tallies
from chitieu.extract.capwords import alternation

_D = lexicon.load("tally_words")
PLAIN = re.compile(
    rf"(?:(?:[Tt]rong đó\s+)?(?:{alternation(_D['have'])})\s+"
    rf"|(?:{alternation(_D['met_verbs'])})(?:\s+(?:{alternation(_D['met_continuations'])}))*\s+|số\s+)$")
WORDS = _D["have"] + _D["met_verbs"] + _D["met_continuations"] + ["số", "trong đó", "Trong đó", "trong  đó"]
POOL = (WORDS + [w.upper() for w in WORDS] + [w[1:] for w in WORDS]
        + [" ", " ", " ", "  ", "\n", "\t", "\u00a0", ",", "x", "7", "5 ", "chỉ tiêu", "đ", "T"])


def test_prefix_trie_finds_what_the_plain_alternation_finds() -> None:
    rng = random.Random(11)
    found = 0
    for _ in range(30000):
        text = "".join(rng.choice(POOL) for _ in range(rng.randint(0, 9)))
        after_space = [i for i in range(1, len(text) + 1) if text[i - 1].isspace()]
        # Mostly right after a space, where the pattern can match.
        end = rng.choice(after_space) if after_space and rng.random() < 0.8 else rng.randint(0, len(text))
        start = max(0, end - rng.choice((40, 40, 8, 100)))
        got = tallies._PREFIX.search(text, start, end)
        want = PLAIN.search(text, start, end)
        assert (got.span() if got else None) == (want.span() if want else None), (text, start, end)
        found += want is not None
    assert found > 1500  # the windows test the pattern where it matches, not only where it fails
