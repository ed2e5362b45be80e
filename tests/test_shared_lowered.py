"""One lower-case copy of a document serves every finder.

`normalize.lowered` (re-exported by capwords, cached, read through `Normalized.low`)
replaced the facts grammar's own call of `cues.lowered` on the document text. Both must
give the same string on every input, also where a character's lower case has another
length ("İ" -> "i̇", kept as it is) or depends on its neighbours (a final "Σ" -> "ς"),
and keep every offset valid (same length).
"""

from __future__ import annotations

import random

from chitieu.extract import capwords, cues
from chitieu.extract.normalize import Normalized, lowered, normalize

PIECES = [
    "İ", "İa Grai", "QUÝ İI", "Σ", "ΑΣ", "ΑΣ ", "Σa", "σ", "ς", "ẞ", "ß", "ſ", "ﬁ", "ŉ", "ǰ", "\u0130\u0307",
    "\u212a", "K", "I", "ı", "µ", "Đ", "đ", "Ước", "ƯỚC", "Tỉnh", "TỈNH", "Năm 2024", "tháng", " ",
    "\n", ", ", ".", "12", "3,5", "Thành phố", "HĐND", "a", "Z", "\u0307", "\U0001d400", "ǅ", "Ǆ",
]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def _plain_lowered(text: str) -> str:
    """The plain form: the whole text lowered, or, where that changes its length, each
    character lowered alone unless its lower case is longer."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def test_the_two_lowered_agree() -> None:
    for text in _texts(11, 4000):
        low = lowered(text)
        assert low == cues.lowered(text), text
        assert len(low) == len(text)
        # Compiled by mypyc, `str.lower` maps each character alone (a final "Σ" gives "σ",
        # not "ς" as CPython's does), in both functions alike: the plain form, run here by
        # CPython, is compared only where no "Σ" is.
        if "Σ" not in text:
            assert low == _plain_lowered(text), text


def test_capwords_shares_the_one_function() -> None:
    assert capwords.lowered is lowered


def test_normalized_low_is_the_shared_copy() -> None:
    for text in _texts(12, 500):
        n = normalize(text)
        assert n.low() == cues.lowered(n.text)
        assert n.low() is capwords.lowered(n.text)  # one copy, whoever asks first
    # "İ" lengthens the whole lower case, so each character is lowered alone: "Σ" -> "σ".
    n = Normalized("İI ΑΣ", "İI ΑΣ")
    assert n.low() == "İi ασ"
    assert Normalized("ΑΣ", "ΑΣ").low() in ("ας", "ασ")  # CPython, compiled (see above)
