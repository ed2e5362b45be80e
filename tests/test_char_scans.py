"""The character-by-character scans of the facts grammar give what the regex scans they
replace give, on texts glued at random from fragments written for these tests: digits of
every kind (ASCII, Arabic-Indic, full-width, beyond the BMP), sentence ends of every kind,
the characters that may or may not open a sentence after them, and abbreviations.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import facts, segment
from chitieu.extract.wordtail import MAY_BE_DIGIT

# The regex scan that segment.number_sentences replaces: a number (facts.NUMBER) or a
# sentence end (segment._END) from one character class, read with re.split.
_NUMBER_OR_END = re.compile(rf"([{MAY_BE_DIGIT}\n.!?](?:(?<=\d)\d*(?:[.,]\d+)*|(?<=\n)\n*"
                            rf"|(?<=[.!?])[.!?]*(?=[ ]+[{segment._UPPER}0-9\"'(\[])))")


def _plain_number_sentences(text: str) -> tuple[list[tuple[int, int]], list[int], list[int], list[str]]:
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    numbers: list[str] = []
    parts = _NUMBER_OR_END.split(text)
    begin = pos = 0
    holds = False
    for k in range(1, len(parts), 2):
        a = pos + len(parts[k - 1])
        g = parts[k]
        pos = a + len(g)
        if g[0] in "\n.!?":
            if g[0] == "." and segment._abbreviation(text, max(begin, a - 4), a):
                continue
            if holds:
                segment._add(text, begin, a if g[0] == "\n" else pos, spans)
                holds = False
            begin = pos
        else:
            starts.append(a)
            ends.append(pos)
            numbers.append(g)
            holds = True
    if holds:
        segment._add(text, begin, len(text), spans)
    return spans, starts, ends, numbers


FRAGMENTS = [
    "Xã đạt 12 tỷ đồng", ". ", ".", "..", "...", "!", "?", "?!", ".!", "\n", "\n\n", "! ", "? ", " ", "  ",
    "\u00a0", "\t", "TP. Huế", "H. Tây", "Ông A. ", "A.", "1.250", "3,5", "2024", ",", ",5", ".5", "5.",
    "5,", "(8,7%). ", "Trong đó", '"Chỉ tiêu" ', "'", "(", "[1] ", "[", "a", "b", "B", "Đ", "Ả", "ẻ",
    "Ω", "\u201c", "١٢", "٣", "1,2.3", "\U0001d7ce", "\U0001d7cf", "\U0001f600", "２", "³", "½", "_",
    ";", ":",
]


def test_number_sentences_is_the_regex_split() -> None:
    rng = random.Random(41)
    for _ in range(20000):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 16)))
        assert segment.number_sentences(text) == _plain_number_sentences(text), text


def test_the_character_kinds_are_the_string_tests() -> None:
    for i in range(0x10000):
        c = chr(i)
        want = segment._DIGIT if c.isdecimal() else segment._BREAK if c == "\n" else \
            segment._STOP if c in ".!?" else 0
        assert segment._KIND[i] == want, hex(i)
    opens = re.compile(rf"[{segment._UPPER}0-9\"'(\[]")
    for i in range(0x2000):
        assert segment._OPENS[i] == (1 if opens.fullmatch(chr(i)) else 0), hex(i)


CUE_FRAGMENTS = [
    "Xã ước đạt 12 tỷ", "dự kiến", "kiến nghị", "cần", "phải", "cần phải", "nước", "nước thực hiện",
    "ước thực hiện", "thực hiện", "thiện", "hiện nay", "trong đó", "xtrong đó", "_", "_ước", "ước_", ". ",
    "! ", "\n", " ", "  ", "\u00a0", "\u2003", "(ước", "Đề nghị", "đề nghịx", "TP. Huế", "năm 2025", ", ",
    "; ", "mục tiêu", "chỉ tiêu phấn đấu", "phấn đấu", "kế hoạch năm", "dự toán năm", "đã", "đãi", "x",
    "7", "ß", "Ω", "\u0663", "\u201c", "\U0001d7ce", "\U00010400", "nay", "nayx", "uớc", "Ước", "ƯỚC",
]


def test_the_cue_scan_is_the_regex_scan() -> None:
    rng = random.Random(43)
    phrases = facts.CUES
    assert phrases.wordy
    for _ in range(20000):
        text = "".join(rng.choice(CUE_FRAGMENTS) for _ in range(rng.randint(0, 14)))
        low = text.lower() if len(text.lower()) == len(text) else text
        a = rng.randint(0, len(low))
        b = rng.randint(a, len(low))
        got = phrases._scan(low, a, b)
        want = [(a + m.start(), a + m.end(), m.group()) for m in phrases.rx.finditer(low[a:b])]
        assert got == want, (low, a, b)


def test_a_cue_inside_a_word_is_none_and_hides_nothing() -> None:
    # "ước thực hiện" stands inside "nước thực hiện": no cue, and "hiện" there is one.
    low = "nước thực hiện nay"
    got = [(low[i:j], names) for i, j, names in facts.CUES.index(low).every]
    assert ("ước thực hiện", ("estimate",)) not in got
    assert any(text.startswith("hiện") for text, _ in got), got


def test_the_first_word_hashes_are_read_as_the_scan_reads_them() -> None:
    from chitieu.extract import cues

    phrases = facts.CUES
    for key in phrases.names:
        first = key.split(" ")[0]
        assert len(first) <= phrases.longest_first
        text = " " + first + "x"
        assert phrases.first_hashes[cues._hash_back(text, 1, len(first) + 1)] & cues._IS_ONE
        for k in range(1, len(first) + 1):
            assert phrases.first_hashes[cues._hash_back(text, k, len(first) + 1)] & cues._ENDS_ONE


def test_starts_at_is_startswith() -> None:
    from chitieu.extract.wordtail import starts_at

    rng = random.Random(44)
    words = ["", "a", "đến", "tới", "ước", "ước thực hiện", "\U0001d7ce", "xx"]
    for _ in range(5000):
        text = "".join(rng.choice(CUE_FRAGMENTS + words) for _ in range(rng.randint(0, 5)))
        word = rng.choice(words + CUE_FRAGMENTS)
        i = rng.randint(0, len(text))
        end = rng.randint(i, len(text))  # (an end past the text is never asked for)
        assert starts_at(text, word, i, end) == text.startswith(word, i, end), (text, word, i, end)
