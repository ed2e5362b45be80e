"""The word-start searches of the clause finder, the scans for document kinds, type codes
and counted things of the reference and tally finders, give what the plain searches give.

Texts are glued at random from short fragments written for these tests and the words of
the finders' own lists (in their case variants), so that words meet glued to letters,
digits, "_", punctuation and every kind of space.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import clauses, lexicon, references, tallies
from chitieu.extract.capwords import alternation, cased, lowered, search_word
from chitieu.extract.normalize import words_end

_D = lexicon.load("directive_markers")
_TITLES = lexicon.load("titles")
_KINDS = lexicon.load("doc_kinds")
_TALLY = lexicon.load("tally_words")

FRAGMENTS = [
    "các xã ", "Huyện ủy ", "đồng chí Lê Minh ", "Lãnh đạo Sở ", "Lãnh  đạo xã ", "cần ", "CẦN ",
    "đã ", "kết quả ", "số ", "ngày 8/7/2020 ", "43-NQ/TW ", "3341/KH-UBND ", "/KL-", "-QĐi/", "12 ",
    "9/12 ", "; ", ", ", ". ", ": ", "(", ")", "-", "/", "\n", "  ", " ", "\t", "\u00a0", "\u2003",
    "\u2028", "_", "x", "7", "ß", "×", "÷", "Ω", "\u0663", "\u00aa", "Đ", "đ", "ệ", "ạ", "'",
]
WORDS = (_D["lead"] + _D["task"] + _D["modals"] + _D["leaders"] + _D["caption_verbs"] + _D["purpose"]
         + _D["addressees"] + _TITLES["heads"] + _TITLES["honorifics"] + list(_KINDS["kinds"])
         + list(_TALLY["what"]) + _TALLY["met_verbs"])


def _texts(seed: int, count: int, longest: int = 18) -> list[str]:
    rng = random.Random(seed)
    pool = FRAGMENTS + [w + " " for w in cased(WORDS)] + list(cased(WORDS)) + list(_KINDS["type_codes"])
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _windows(seed: int, count: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out = []
    for text in _texts(seed, count):
        a = rng.randint(0, len(text))
        out.append((text, a, rng.randint(a, len(text))))
    return out


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


def test_word_characters_are_told_as_the_string_test_tells() -> None:
    chars = "".join(chr(o) for o in range(0x110000) if not 0xD800 <= o <= 0xDFFF)
    for i, c in enumerate(chars):
        assert clauses._is_word_char(chars, i) == (c.isalnum() or c == "_"), hex(ord(c))


def test_word_start_searches_find_what_search_word_finds() -> None:
    patterns = ((clauses._TASK, clauses._TASK_SYLLABLES), (clauses._MODAL, clauses._MODAL_SYLLABLES),
                (clauses._LEAD, clauses._LEAD_SYLLABLES), (clauses._LEADER, clauses._LEADER_SYLLABLES),
                (clauses._CAPTION_VERB, clauses._CAPTION_SYLLABLES),
                (clauses._PURPOSE, clauses._PURPOSE_SYLLABLES))
    for text, a, b in _windows(11, 8000):
        low = lowered(text)
        for pattern, syllables in patterns:
            got = clauses._search_words(pattern, text, low, a, b, syllables)
            assert _span(got) == _span(search_word(pattern, text, a, b)), (pattern.pattern[:40], text[a:b])


def test_searches_in_place_find_what_searches_of_the_copy_find() -> None:
    for text, a, b in _windows(12, 8000):
        piece = text[a:b]
        assert clauses._blank(text, a, b) == (not piece.strip())
        for pattern in (clauses._ADDRESSEE_WORD, clauses._ASKER_WORD, clauses._LEADER):
            got = clauses._search_from(pattern, text, a, b)
            want = search_word(pattern, piece)
            assert (got.start() - a if got else None) == (want.start() if want else None)


def _plain_task_start(text: str, a: int, b: int, window: int) -> int | None:
    """`clauses._task_start` as first written, with plain searches."""
    limit = words_end(text, a, b, window)
    if limit is None:
        return None
    modal = search_word(clauses._MODAL, text, a, limit)
    if modal:
        task = search_word(clauses._TASK, text, modal.end(), min(b, modal.end() + 30))
        if task and not text[modal.end():task.start()].strip():
            return task.start()
    task = search_word(clauses._TASK, text, a, limit)
    if task is None:
        return None
    start = task.start()
    if start > a and text[a:start].strip() and not search_word(clauses._ADDRESSEE_WORD, text[a:start]):
        return None
    return start


def test_task_start_is_the_plain_search() -> None:
    for text, a, b in _windows(13, 8000):
        low = lowered(text)
        for window in (2, 8, 12):
            assert clauses._task_start(text, low, a, b, window) == _plain_task_start(text, a, b, window)


def test_kind_and_code_scans_find_what_the_patterns_find() -> None:
    codes = re.compile(rf"[-/](?:{alternation(list(_KINDS['type_codes']))})(?=[-/])")
    for text in _texts(14, 8000, longest=30):
        assert [m.span() for m in references._kinds(text)] == [
            m.span() for m in references._KIND_RE.finditer(text)]
        assert [m.span() for m in references._code_marks(text)] == [m.span() for m in codes.finditer(text)]


def test_counted_things_are_what_the_pattern_finds() -> None:
    for text in _texts(15, 8000, longest=30):
        assert [m.span() for m in tallies._whats(text)] == [m.span() for m in tallies._WHAT_RE.finditer(text)]
