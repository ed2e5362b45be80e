"""The character loops that count in i64 (mypy_extensions: machine integers when compiled,
plain ints in Python) give what the plain forms give, stay bounds-checked, and the package
that defines i64 is a run-time dependency (the Python-source build imports it too).

The other loops written with i64 (segment.number_sentences, cues.CuePhrases._scan,
wordtail.starts_at/tail_words/is_*) are compared with their plain forms in
test_char_scans.py and test_fact_scans.py.
"""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

import pytest

from chitieu.extract import clauses, cues, segment, wordtail
from chitieu.extract.capwords import lowered

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "các xã ", "Lãnh  đạo ", "cần ", "CẦN ", "12", "3,5", "; ", ", ", ". ", ": ", "(", ")", "-",
    "\n", "  ", " ", "\t", "\u00a0", "\u2003", "\u2028", "\x1c", "\x85", "_", "x", "7", "ß", "×",
    "÷", "Ω", "\u0663", "\u00aa", "Đ", "đ", "ệ", "ạ", "'", "\U0001d7ce", "\U00020000", "ước tính",
]
_WORD = re.compile(r"\w*")


def _windows(seed: int, count: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 14)))
        a = rng.randint(0, len(text))
        out.append((text, a, rng.randint(a, len(text))))
    return out


def test_word_count_is_the_split_counted_up_to_most() -> None:
    rng = random.Random(5)
    for text, a, b in _windows(5, 4000):
        most = rng.randint(1, 6)
        assert clauses._word_count(text, a, b, most) == min(len(text[a:b].split()), most), (text, a, b)


def test_first_word_is_the_run_of_word_characters() -> None:
    for text, a, b in _windows(6, 4000):
        want = _WORD.match(text, a, b)
        assert want is not None
        assert clauses._first_word(text, lowered(text), a, b) == lowered(text)[a:want.end()], (text, a, b)


def test_the_scans_read_every_window_to_its_ends() -> None:
    """Windows that start or end at the text's ends or inside a run of word characters: where
    an i64 position could go wrong by one. (_scan reads the slice low[a:b].)"""
    phrases = cues.CuePhrases({"cue": ["ước tính", "ước", "đ", "\U00020000"]})
    assert phrases.wordy
    for text, a, b in _windows(7, 1500):
        low = cues.lowered(text)
        want = [(a + m.start(), a + m.end(), m.group()) for m in phrases.rx.finditer(low[a:b])]
        assert phrases._scan(low, a, b) == want, (text, a, b)
        assert segment._digits_end(text, a, b) == a + len(re.match(r"\d*", text[a:b]).group())


def test_positions_past_the_text_are_still_refused() -> None:
    """i64 indexes keep the bounds checks of int ones: no read outside the string."""
    for f in (wordtail.is_space, wordtail.is_alnum, wordtail.is_alpha, clauses._is_word_char,
              segment._digit_at):
        with pytest.raises(IndexError):
            f("ab", 2)
    assert wordtail.is_space("ab ", -1)  # counted from the end, as s[i] counts


def test_mypy_extensions_is_a_run_time_dependency() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("-", "_") for d in deps}
    users = [p for p in (ROOT / "chitieu").rglob("*.py") if "mypy_extensions" in p.read_text("utf-8")]
    assert users
    assert "mypy_extensions" in names
