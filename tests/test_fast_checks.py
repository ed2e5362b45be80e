"""The cheap tests and rewritten patterns of the clause, reference, tally and normalize
finders give what the plain forms they stand for give.

Texts are glued at random from short fragments written for these tests (with the words of
the finders' own lists mixed in), so that words meet across spaces of every kind, line
breaks and punctuation; each fast form is compared with the plain one written out here.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import clauses, lexicon, references, tallies
from chitieu.extract.capwords import CAP, alternation, cased, lowered, search_word
from chitieu.extract.normalize import _slow, is_space, normalize, words_end

_D = lexicon.load("directive_markers")
_R = lexicon.load("request_markers")
_TITLES = lexicon.load("titles")
_TALLY = lexicon.load("tally_words")

FRAGMENTS = [
    "Phó Chủ tịch UBND tỉnh ", "đồng chí Lê Minh ", "Lãnh đạo Sở ", "Lãnh  đạo xã ", "ông Tư ",
    "các xã ", "Huyện ủy ", "doanh nghiệp ", "cần ", "CẦN ", "Phải ", "đã ", "sẽ ", "được ",
    "tập trung ", "Tập Trung ", "thực hiện tốt ", "thực  hiện ", "rà soát, ", "giao ", "so với ",
    "Kết luận ", "Văn phòng Tỉnh ủy ", "Ban Thường vụ ", "có 12 ", "đạt và vượt ", "số ", "hoàn thành ",
    "trong đó ", "là ", "; ", ", ", ". ", ": ", "(", ")", "%", "\n", "  ", " ", "\t", "\u00a0", "\u2003",
    "\u2028", "\x1c", "_", "x", "7", "9/12 ", "Đ", "đ", "ệ", "'",
]
WORDS = (_D["leaders"] + _D["noun_before"] + _D["narrative"] + _D["modals"] + _D["not_subjects"]
         + _D["addressees"] + _D["lead"] + _D["task"] + _R["noun_before"] + _R["askers"] + _TITLES["heads"]
         + _TITLES["honorifics"] + _TALLY["have"] + _TALLY["met_verbs"] + _TALLY["met_continuations"]
         + _TALLY["text_stops"] + lexicon.load("titles")["office_words"])


def _texts(seed: int, count: int, longest: int = 16) -> list[str]:
    rng = random.Random(seed)
    pool = FRAGMENTS + [w + " " for w in cased(WORDS)]
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _windows(seed: int, count: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out = []
    for text in _texts(seed, count):
        a = rng.randint(0, len(text))
        out.append((text, a, rng.randint(a, len(text))))
    return out


def test_space_codes_are_the_string_test() -> None:
    for o in range(0x110000):
        assert is_space(o) == chr(o).isspace(), hex(o)


def test_word_windows_and_counts_are_the_regex_and_split() -> None:
    for text, a, b in _windows(1, 6000):
        for count in (1, 2, 3, 8, 12, 13):
            want = re.compile(rf"\s*(?:\S+\s+){{0,{count - 1}}}\S+").match(text, a, b)
            assert words_end(text, a, b, count) == (want.end() if want else None)
            assert clauses._fewer_words(text, a, b, count) == (len(text[a:b].split()) < count)


def test_leader_addressee_and_asker_patterns_find_what_the_plain_ones_find() -> None:
    leader = re.compile(rf"(?:{alternation(cased(_D['leaders'] + _TITLES['heads']))})(?![\w])"
                        rf"|(?:{alternation(cased(_TITLES['honorifics']))})\s+{CAP}|Lãnh đạo\s+{CAP}")
    addressee = re.compile(rf"(?<![\w])(?:{alternation(cased(_D['addressees']))})(?![\w])|(?<![\w]){CAP}")
    asker = re.compile(rf"(?<![\w])(?:{alternation(cased(_R['askers']))})(?![\w])")
    for text, a, b in _windows(2, 6000):
        assert (search_word(clauses._LEADER, text, a, b) is None) == (search_word(leader, text, a, b) is None)
        piece = text[a:b]
        assert bool(search_word(clauses._ADDRESSEE_WORD, piece)) == bool(addressee.search(piece))
        assert bool(search_word(clauses._ASKER_WORD, piece)) == bool(asker.search(piece))


def test_cheap_tests_pass_wherever_their_pattern_matches() -> None:
    for text, a, b in _windows(3, 20000):
        low = lowered(text)
        for pattern, lasts in ((clauses._D_NOUN_BEFORE, clauses._D_NOUN_BEFORE_LASTS),
                               (clauses._R_NOUN_BEFORE, clauses._R_NOUN_BEFORE_LASTS),
                               (clauses._NOT_SUBJECT, clauses._NOT_SUBJECT_LASTS)):
            if pattern.search(text, a, b):
                assert clauses._may_end_with(text, low, a, b, lasts), (pattern.pattern[:30], text[a:b])
        if clauses._NARRATIVE.search(text, a, b):
            assert clauses._has_any(low, a, b, clauses._NARRATIVE_LASTS)
        if search_word(clauses._MODAL, text, a, b):
            assert clauses._has_any(low, a, b, clauses._MODAL_LASTS)
        for pattern, firsts in ((clauses._CONNECTOR, clauses._CONNECTOR_FIRSTS),
                                (clauses._MODAL, clauses._MODAL_FIRSTS),
                                (clauses._LEAD, clauses._LEAD_FIRSTS),
                                (clauses._R_NOUN_ITEM, clauses._R_NOUN_ITEM_FIRSTS),
                                (clauses._LEADING_ASK, clauses._ASK_FIRSTS),
                                (clauses._HONORIFIC_START, clauses._HONORIFIC_FIRSTS)):
            if pattern.match(text, a, b):
                assert clauses._starts_with(text, a, b, firsts)
        for pattern, syllables in ((clauses._CONNECTOR, clauses._CONNECTOR_SYLLABLES),
                                   (clauses._MODAL, clauses._MODAL_SYLLABLES),
                                   (clauses._LEAD, clauses._LEAD_SYLLABLES)):
            if pattern.match(text, a, b):
                assert clauses._first_word(text, low, a, b) in syllables
        for pattern, firsts in ((clauses._UPWARD, clauses._UPWARD_FIRSTS),
                                (clauses._DOWNWARD, clauses._DOWNWARD_FIRSTS),
                                (clauses._D_NOUN_AFTER, clauses._D_NOUN_AFTER_FIRSTS),
                                (clauses._R_NOUN_AFTER, clauses._R_NOUN_AFTER_FIRSTS)):
            if pattern.match(text, a, b):
                assert clauses._spaced_starts_with(text, a, b, firsts)
        if b > 0 and tallies._PREFIX.search(text, max(0, b - 40), b):
            assert tallies._prefix_may_end(text, b)


def test_tally_ends_and_word_cut_are_the_plain_patterns() -> None:
    clause_end = re.compile(r"[.;:!?\n]|,\s")
    text_end = re.compile(rf"[.;:!?(\n]|,\s|\s(?:{alternation(_TALLY['text_stops'])})(?![\w])")
    for text, a, b in _windows(4, 6000):
        for fast, plain in ((tallies._CLAUSE_END, clause_end), (tallies._TEXT_END, text_end)):
            got, want = fast.search(text, a), plain.search(text, a)
            assert (got.start() if got else None) == (want.start() if want else None)
        many = tallies._MORE_WORDS.match(text, a, b)
        assert tallies._more_words(text, a, b) == (many.end() if many else -1)


def test_office_names_run_as_the_word_pattern_reads_them() -> None:
    spaced_word = re.compile(r"[ ]+([^\W_]+)")

    def plain(text: str, pos: int) -> int:
        end = pos
        for w in spaced_word.finditer(text, pos, min(len(text), pos + 160)):
            if w.start() != end:
                break
            word = w.group(1)
            if not (word[0].isupper() or word.lower() in references._OFFICE_WORDS):
                break
            end = w.end()
        return end

    for text, a, _b in _windows(5, 6000):
        assert references._run_office(text, a) == plain(text, a)


def test_normalize_replaces_as_the_slow_path_does() -> None:
    rng = random.Random(6)
    pieces = ["ab ", "Đ", "\u00a0", "\u2013", "\u201c", "\u2019", "\u2026", "`", "\t", "\u3000", "x\n",
              "\u200b", "\r\n", "e\u0302", "\u00ad"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert normalize(text).text == _slow(text).text
